import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { openPage, screenshot, VIEWPORTS } from '../lib/browser.js';
import { mainNav, signInToHome } from '../lib/flows.js';
import { createPerson } from '../lib/hallway.js';
import { serverWithAdmin } from '../lib/suite.js';

const [, LAPTOP] = VIEWPORTS;

describe('rooms', () => {
  const suite = serverWithAdmin();
  let teacher;
  before(async () => {
    teacher = await createPerson(suite.server, suite.api, 'teacher', 'Ines', 'Moreau');
  });

  test('the admin adds a room with a teacher, is told what is wrong, then disables it', async () => {
    const page = await openPage(suite.browser, LAPTOP);
    await signInToHome(page, suite.server);
    await mainNav(page).getByRole('link', { name: 'Rooms' }).click();
    await page.getByRole('heading', { name: 'Rooms', level: 1 }).waitFor();
    await page.getByText('0 rooms').waitFor();

    await page.getByRole('button', { name: 'Add room' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a room' });
    await dialog.getByLabel('Name', { exact: true }).fill('Art Studio');
    await dialog.getByLabel('Number (optional)').fill('B12');
    await dialog.getByLabel('Usual minutes').fill('20');
    await dialog.getByLabel('Most minutes').fill('15');
    await dialog.getByRole('button', { name: 'Add room' }).click();
    await dialog.getByText('Usual minutes must not be more than the longest pass.').waitFor();

    await dialog.getByLabel('Usual minutes').fill('8');
    await dialog.getByLabel('One way').uncheck();
    await dialog.getByLabel('Ending a pass here needs the room code or a PIN').check();
    await dialog.getByRole('checkbox', { name: 'Moreau, Ines' }).check();
    await screenshot(page, 'room-add', LAPTOP, { fullPage: false });
    const created = page.waitForResponse((response) => response.url().endsWith('/api/v1/rooms') && response.request().method() === 'POST');
    await dialog.getByRole('button', { name: 'Add room' }).click();
    assert.equal((await created).status(), 201);
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Added Art Studio.').waitFor();
    const row = page.getByRole('row', { name: /Art Studio \(B12\)/ });
    assert.match(await row.innerText(), /Round trip\s+8 \(max 15\)\s+Code to end/);
    await screenshot(page, 'rooms', LAPTOP);

    const [room] = await suite.api.call('GET', '/rooms');
    assert.deepEqual(
      [room.name, room.number, room.travel_types, room.default_minutes, room.end_requires_code, room.teacher_ids, room.enabled],
      ['Art Studio', 'B12', ['round_trip'], 8, true, [teacher.user.id], true],
    );

    await page.getByRole('button', { name: 'Edit Art Studio (B12)' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Art Studio' });
    assert.equal(await edit.getByRole('checkbox', { name: 'Moreau, Ines' }).isChecked(), true);
    await edit.getByLabel('Taking passes').uncheck();
    await edit.getByRole('button', { name: 'Save room' }).click();
    await page.getByText('Saved Art Studio.').waitFor();
    await row.getByText(/Disabled/).waitFor();
    assert.equal((await suite.api.call('GET', '/rooms'))[0].enabled, false);

    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
