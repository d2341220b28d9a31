import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { openPage, VIEWPORTS } from '../lib/browser.js';
import { mainNav } from '../lib/flows.js';
import { addRoom, createPerson, signInAs } from '../lib/hallway.js';
import { serverWithAdmin } from '../lib/suite.js';

const [, LAPTOP] = VIEWPORTS;

describe('the hallway list', () => {
  const suite = serverWithAdmin();
  let teacher;
  before(async () => {
    teacher = await createPerson(suite.server, suite.api, 'teacher', 'Paul', 'Weber');
    const mine = await addRoom(suite.api, { name: 'Room 1', teacher_ids: [teacher.user.id] });
    const other = await addRoom(suite.api, { name: 'Room 2' });
    const library = await addRoom(suite.api, { name: 'Library' });
    const art = await addRoom(suite.api, { name: 'Art' });
    // [student, from, to, minutes]
    const outings = [
      [['Zara', 'Young'], mine, library, 3],
      [['Adam', 'Baker'], other, art, 9],
      [['Maya', 'Lopez'], other, library, 6],
    ];
    for (const [[first, last], from, to, minutes] of outings) {
      const student = await createPerson(suite.server, suite.api, 'student', first, last);
      await student.api.call('POST', '/passes', {
        origin_room_id: from.id,
        destination_room_id: to.id,
        travel_type: 'round_trip',
        duration_minutes: minutes,
      });
    }
  });

  test('search, sort and "My rooms only" change the list', async () => {
    const page = await openPage(suite.browser, LAPTOP);
    await signInAs(page, suite.server, teacher);
    await mainNav(page).getByRole('link', { name: 'Hallway' }).click();
    await page.getByText('3 students out').waitFor();
    const names = () => page.locator('.hallway-name').allInnerTexts();
    assert.deepEqual(await names(), ['Zara Young', 'Maya Lopez', 'Adam Baker'], 'soonest to end first');

    await page.getByLabel('Sort by').selectOption({ label: 'Student name' });
    await page.waitForFunction(() => document.querySelector('.hallway-name')?.textContent === 'Adam Baker');
    assert.deepEqual(await names(), ['Adam Baker', 'Maya Lopez', 'Zara Young']);

    await page.getByLabel('Sort by').selectOption({ label: 'Destination' });
    await page.waitForFunction(() => document.querySelector('.hallway-name')?.textContent === 'Adam Baker');
    assert.equal((await names())[0], 'Adam Baker', 'Art before Library');

    await page.getByRole('searchbox', { name: 'Search' }).fill('lop');
    await page.getByText('1 student out').waitFor();
    assert.deepEqual(await names(), ['Maya Lopez']);
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await page.getByText('3 students out').waitFor();

    await page.getByLabel('My rooms only').check();
    await page.getByText('1 student out').waitFor();
    assert.deepEqual(await names(), ['Zara Young']);

    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
