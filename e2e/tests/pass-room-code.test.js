import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { expectAccessible } from '../lib/axe.js';
import { openPage, screenshot, VIEWPORTS } from '../lib/browser.js';
import { mainNav } from '../lib/flows.js';
import { addRoom, createPerson, signInAs } from '../lib/hallway.js';
import { serverWithAdmin } from '../lib/suite.js';

const [PHONE, LAPTOP] = VIEWPORTS;

describe('ending a pass with the room code', () => {
  const suite = serverWithAdmin();
  const people = {};
  const rooms = {};
  before(async () => {
    people.teacher = await createPerson(suite.server, suite.api, 'teacher', 'Omar', 'Haddad');
    people.student = await createPerson(suite.server, suite.api, 'student', 'Liam', 'Chen');
    rooms.origin = await addRoom(suite.api, { name: 'Room 204' });
    rooms.nurse = await addRoom(suite.api, {
      name: 'Nurse',
      travel_types: ['one_way'],
      end_requires_code: true,
      teacher_ids: [people.teacher.user.id],
    });
  });

  test('the teacher shows the code; a wrong code is refused with the API’s message; the right one ends the pass', async () => {
    const teacher = await openPage(suite.browser, LAPTOP);
    await signInAs(teacher, suite.server, people.teacher);
    await mainNav(teacher).getByRole('link', { name: 'Room code' }).click();
    await teacher.getByRole('heading', { name: 'Room code', level: 1 }).waitFor();
    const shown = teacher.getByLabel('Room code', { exact: true }).filter({ hasText: /^\d{6}$/ });
    await shown.waitFor();
    assert.equal(await teacher.getByLabel('Room', { exact: true }).locator('option:checked').innerText(), 'Nurse');
    await teacher.getByLabel('New PIN').fill('12a4');
    await teacher.getByRole('button', { name: 'Save PIN' }).click();
    await teacher.getByText('New PIN must be exactly 4 digits.').waitFor();
    await teacher.getByLabel('New PIN').fill('2468');
    await teacher.getByRole('button', { name: 'Save PIN' }).click();
    await teacher.getByText('PIN saved.').waitFor();
    await screenshot(teacher, 'room-code', LAPTOP);
    await expectAccessible(teacher, 'room-code');

    const student = await openPage(suite.browser, PHONE);
    await signInAs(student, suite.server, people.student);
    const form = student.getByRole('form', { name: 'Make a pass' });
    await form.getByLabel('From').selectOption({ label: 'Room 204' });
    await form.getByRole('radio', { name: /^Nurse/ }).check();
    // The nurse takes one-way passes only: nothing to choose.
    assert.equal(await form.getByRole('group', { name: 'Travel type' }).count(), 0);
    await form.getByRole('button', { name: 'Start pass' }).click();
    const card = student.getByRole('region', { name: 'Room 204 → Nurse' });
    await card.getByRole('timer').waitFor();

    await card.getByRole('button', { name: 'End pass' }).click();
    const dialog = student.getByRole('dialog', { name: 'End your pass' });
    await dialog.getByText("The 6-digit code shown in Nurse, or a teacher's 4-digit PIN.").waitFor();
    await dialog.getByLabel('Room code or teacher PIN').fill('000000');
    const refused = student.waitForResponse((response) => response.url().endsWith('/end'));
    await dialog.getByRole('button', { name: 'End pass' }).click();
    assert.equal((await refused).status(), 422);
    await dialog.getByRole('alert').getByText('Enter the code shown in Nurse or a teacher\'s PIN to end this pass.').waitFor();
    await screenshot(student, 'end-pass-wrong-code', PHONE, { fullPage: false });
    await expectAccessible(student, 'end-pass-wrong-code');
    const [stillOut] = (await people.student.api.call('GET', '/passes')).items;
    assert.equal(stillOut.state, 'active', 'a wrong code leaves the pass under way');

    const { code } = await people.teacher.api.call('GET', `/rooms/${rooms.nurse.id}/code`);
    await dialog.getByLabel('Room code or teacher PIN').fill(code);
    await dialog.getByRole('button', { name: 'End pass' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await student.getByText('Your pass Room 204 → Nurse is over: ended by the student.').waitFor();
    await card.waitFor({ state: 'detached' });

    // The teacher's PIN ends the next one.
    await form.getByLabel('From').selectOption({ label: 'Room 204' });
    await form.getByRole('radio', { name: /^Nurse/ }).check();
    await form.getByRole('button', { name: 'Start pass' }).click();
    await card.getByRole('button', { name: 'End pass' }).click();
    await dialog.getByLabel('Room code or teacher PIN').fill('2468');
    await dialog.getByRole('button', { name: 'End pass' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await card.waitFor({ state: 'detached' });

    const { items } = await people.student.api.call('GET', '/passes');
    assert.deepEqual(items.map((pass) => [pass.state, pass.ended_reason]), [['ended', 'student'], ['ended', 'student']]);
    assert.deepEqual(student.errors.filter((text) => !text.includes('422')), []);
    assert.deepEqual(teacher.errors, []);
    await student.context().close();
    await teacher.context().close();
  });

  test('a student who keeps guessing is held off, and the room’s teacher is told', async () => {
    const guesser = await createPerson(suite.server, suite.api, 'student', 'Max', 'Guess');
    const teacher = await openPage(suite.browser, LAPTOP);
    await signInAs(teacher, suite.server, people.teacher);
    await mainNav(teacher).getByRole('link', { name: 'Hallway' }).click();
    await teacher.getByRole('heading', { name: 'Hallway', level: 1 }).waitFor();
    await teacher.getByText('Live', { exact: true }).waitFor();

    const student = await openPage(suite.browser, PHONE);
    await signInAs(student, suite.server, guesser);
    const form = student.getByRole('form', { name: 'Make a pass' });
    await form.getByLabel('From').selectOption({ label: 'Room 204' });
    await form.getByRole('radio', { name: /^Nurse/ }).check();
    await form.getByRole('button', { name: 'Start pass' }).click();
    const card = student.getByRole('region', { name: 'Room 204 → Nurse' });
    await card.getByRole('button', { name: 'End pass' }).click();
    const dialog = student.getByRole('dialog', { name: 'End your pass' });
    const guess = async (pin) => {
      await dialog.getByLabel('Room code or teacher PIN').fill(pin);
      const answered = student.waitForResponse((response) => response.url().endsWith('/end'));
      await dialog.getByRole('button', { name: 'End pass' }).click();
      return (await answered).status();
    };
    for (const pin of ['1357', '1358', '1359', '1360', '1361']) {
      assert.equal(await guess(pin), 422, pin);
    }
    // The right PIN no longer gets through: guessing on is no use.
    assert.equal(await guess('2468'), 429);
    await dialog.getByRole('alert').getByText(/^Too many attempts\. Try again in \d+ seconds\.$/).waitFor();
    await screenshot(student, 'end-pass-too-many-guesses', PHONE, { fullPage: false });

    const alert = teacher.getByRole('alert').filter({ hasText: 'Max Guess entered a wrong code or PIN for Nurse too many times' });
    await alert.waitFor();
    await screenshot(teacher, 'hallway-code-alert', LAPTOP, { fullPage: false });
    await expectAccessible(teacher, 'hallway-code-alert');
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await alert.waitFor({ state: 'detached' });
    const [stillOut] = (await guesser.api.call('GET', '/passes')).items;
    assert.equal(stillOut.state, 'active');
    await student.context().close();
    await teacher.context().close();
  });
});
