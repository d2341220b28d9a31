import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { expectAccessible } from '../lib/axe.js';
import { openPage, screenshot, VIEWPORTS } from '../lib/browser.js';
import { mainNav } from '../lib/flows.js';
import { addRoom, createPerson, signInAs } from '../lib/hallway.js';
import { serverWithAdmin } from '../lib/suite.js';

const [PHONE, LAPTOP] = VIEWPORTS;

/** Marks the page so that a later check can tell it was never reloaded. */
const markPage = (page) => page.evaluate(() => { window.neverReloaded = true; });
const stillSamePage = async (page) => assert.equal(await page.evaluate(() => window.neverReloaded), true);

describe('a pass, live on both screens', () => {
  const suite = serverWithAdmin();
  const people = {};
  before(async () => {
    people.teacher = await createPerson(suite.server, suite.api, 'teacher', 'Rosa', 'Rivera');
    people.student = await createPerson(suite.server, suite.api, 'student', 'Ava', 'Nguyen', { grade: '10' });
    await addRoom(suite.api, { name: 'Room 101', teacher_ids: [people.teacher.user.id] });
    await addRoom(suite.api, { name: 'Library', category: 'Study', default_minutes: 6, max_minutes: 12 });
    await addRoom(suite.api, { name: 'Gym', enabled: false });
    await suite.api.call('PUT', '/pass-limits', { per_day: 3, excluded_room_ids: [], count_staff_created: false });
  });

  test('a student makes a pass on a phone; the teacher sees it live, ends it, and the student sees it end', async () => {
    const teacher = await openPage(suite.browser, LAPTOP);
    await signInAs(teacher, suite.server, people.teacher);
    await mainNav(teacher).getByRole('link', { name: 'Hallway' }).click();
    await teacher.getByRole('heading', { name: 'Hallway', level: 1 }).waitFor();
    await teacher.getByText('Live', { exact: true }).waitFor();
    await teacher.getByText('0 students out').waitFor();
    await markPage(teacher);

    const student = await openPage(suite.browser, PHONE);
    await signInAs(student, suite.server, people.student);
    await student.getByText('Welcome, Ava.').waitFor();
    await student.getByText('3 of 3 passes left today').waitFor();
    const form = student.getByRole('form', { name: 'Make a pass' });
    await form.getByLabel('From').selectOption({ label: 'Room 101' });
    // Disabled rooms are not offered; the search narrows the list.
    assert.equal(await form.getByRole('radio', { name: /^Gym/ }).count(), 0);
    await form.getByLabel('Find a destination').fill('lib');
    assert.equal(await form.getByRole('radiogroup', { name: 'Destinations' }).getByRole('radio').count(), 1);
    await form.getByRole('radio', { name: /^Library/ }).check();
    assert.equal(await form.getByLabel('Minutes').inputValue(), '6', 'the room’s usual length is preselected');
    await form.getByText('Up to 12 minutes for Library.').waitFor();
    await form.getByLabel('Minutes').fill('4');
    await form.getByRole('button', { name: 'Start pass' }).click();

    const card = student.getByRole('region', { name: 'Room 101 → Library' });
    await card.waitFor();
    await card.getByText('Active', { exact: true }).waitFor();
    const timer = card.getByRole('timer');
    assert.match(await timer.innerText(), /^[34]:\d\d left$/);
    await student.getByText('Your pass has started.').waitFor();
    await student.getByText('2 of 3 passes left today').waitFor();
    await markPage(student);
    await screenshot(student, 'student-pass-active', PHONE);
    await expectAccessible(student, 'student-pass-active');

    // The teacher's hallway shows it without a reload.
    const endButton = teacher.getByRole('button', { name: 'End pass for Ava Nguyen' });
    await endButton.waitFor();
    await teacher.getByText('1 student out').waitFor();
    const row = teacher.getByRole('listitem').filter({ has: endButton });
    assert.match(await row.innerText(), /Room 101 → Library/);
    await screenshot(teacher, 'hallway', LAPTOP);

    await endButton.click();
    await teacher.getByText('0 students out').waitFor();
    await endButton.waitFor({ state: 'detached' });

    // The student's screen follows, also without a reload.
    await student.getByText('Your pass Room 101 → Library is over: ended by staff.').waitFor();
    await card.waitFor({ state: 'detached' });
    const history = student.getByRole('region', { name: 'Recent passes' });
    await history.getByText(/ended by staff/).waitFor();
    await form.waitFor();
    await screenshot(student, 'student-pass-ended', PHONE);
    await expectAccessible(student, 'student-pass-ended');
    await stillSamePage(student);
    await stillSamePage(teacher);

    // The origin is remembered for the next pass.
    await student.reload();
    await student.getByText('Welcome, Ava.').waitFor();
    const from = student.getByRole('form', { name: 'Make a pass' }).getByLabel('From');
    await from.locator('option:checked', { hasText: 'Room 101' }).waitFor({ state: 'attached' });

    assert.deepEqual(student.errors, []);
    assert.deepEqual(teacher.errors, []);
    await student.context().close();
    await teacher.context().close();
  });
});
