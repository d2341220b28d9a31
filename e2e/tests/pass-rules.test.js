import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { studentsNamed } from '../lib/api.js';
import { openPage, screenshot, VIEWPORTS } from '../lib/browser.js';
import { mainNav, signInToHome } from '../lib/flows.js';
import { addRoom } from '../lib/hallway.js';
import { serverWithAdmin } from '../lib/suite.js';

const [, LAPTOP] = VIEWPORTS;

describe('pass rules', () => {
  const suite = serverWithAdmin();
  before(async () => {
    await suite.api.createStudents(studentsNamed('Ward', 3));
    await addRoom(suite.api, { name: 'Nurse' });
    await addRoom(suite.api, { name: 'Room 5' });
  });

  test('the admin sets the daily limit and keeps two students apart', async () => {
    const page = await openPage(suite.browser, LAPTOP);
    await signInToHome(page, suite.server);
    await mainNav(page).getByRole('link', { name: 'Pass rules' }).click();
    await page.getByRole('heading', { name: 'Pass rules', level: 1 }).waitFor();

    const limits = page.getByRole('form', { name: 'Daily pass limit' });
    await limits.getByLabel('Passes per student per day').fill('3');
    await limits.getByRole('checkbox', { name: 'Nurse' }).check();
    await limits.getByRole('button', { name: 'Save limit' }).click();
    await limits.getByText('Pass limit saved.').waitFor();
    const saved = await suite.api.call('GET', '/pass-limits');
    const [nurse] = (await suite.api.call('GET', '/rooms')).filter((room) => room.name === 'Nurse');
    assert.deepEqual([saved.per_day, saved.excluded_room_ids], [3, [nurse.id]]);

    const groups = page.getByRole('region', { name: 'Encounter groups' });
    await groups.getByText('No groups yet.').waitFor();
    await groups.getByRole('button', { name: 'Add group' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an encounter group' });
    await dialog.getByLabel('Group name').fill('Lunch conflict');
    for (const name of ['Student 01', 'Student 02']) {
      await dialog.getByLabel('Add a student').fill(name);
      await dialog.getByRole('button', { name: new RegExp(`^Ward, ${name}`) }).click();
    }
    await dialog.getByRole('button', { name: 'Remove Student 02 Ward' }).waitFor();
    await dialog.getByRole('button', { name: 'Save group' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await groups.getByText('Saved Lunch conflict.').waitFor();
    await groups.getByText('Student 01 Ward, Student 02 Ward').waitFor();
    await screenshot(page, 'pass-rules', LAPTOP);
    const [group] = await suite.api.call('GET', '/encounter-groups');
    assert.deepEqual([group.name, group.student_ids.length, group.enabled], ['Lunch conflict', 2, true]);

    await groups.getByRole('button', { name: 'Turn Lunch conflict off' }).click();
    await groups.getByText('Lunch conflict is off.').waitFor();
    assert.equal((await suite.api.call('GET', '/encounter-groups'))[0].enabled, false);

    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
