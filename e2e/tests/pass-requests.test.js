import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { openPage, screenshot, VIEWPORTS } from '../lib/browser.js';
import { mainNav } from '../lib/flows.js';
import { addRoom, createPerson, signInAs } from '../lib/hallway.js';
import { serverWithAdmin } from '../lib/suite.js';

const [PHONE, LAPTOP] = VIEWPORTS;

describe('the request inbox', () => {
  const suite = serverWithAdmin();
  const people = {};
  before(async () => {
    people.teacher = await createPerson(suite.server, suite.api, 'teacher', 'Grace', 'Okoye');
    people.student = await createPerson(suite.server, suite.api, 'student', 'Noah', 'Patel');
    await addRoom(suite.api, { name: 'Room 310' });
    await addRoom(suite.api, { name: 'Counselor', restricted_now: true, teacher_ids: [people.teacher.user.id] });
  });

  test('a request to a restricted room reaches the teacher live; approving it starts the student’s pass', async () => {
    const teacher = await openPage(suite.browser, LAPTOP);
    await signInAs(teacher, suite.server, people.teacher);
    await mainNav(teacher).getByRole('link', { name: 'Hallway' }).click();
    const inbox = teacher.getByRole('region', { name: /^Requests/ });
    await inbox.getByText('No requests waiting.').waitFor();
    await teacher.getByText('Live', { exact: true }).waitFor();

    const student = await openPage(suite.browser, PHONE);
    await signInAs(student, suite.server, people.student);
    const form = student.getByRole('form', { name: 'Make a pass' });
    await form.getByLabel('From').selectOption({ label: 'Room 310' });
    await form.getByRole('radio', { name: /^Counselor/ }).check();
    await form.getByLabel('Message (optional)').fill('I need to talk about my schedule');
    await form.getByRole('button', { name: 'Send request' }).click();
    const card = student.getByRole('region', { name: 'Room 310 → Counselor' });
    await card.getByText('Request sent', { exact: true }).waitFor();
    await card.getByText('Waiting for a teacher of Counselor to answer.').waitFor();
    assert.equal(await form.count(), 0, 'no second pass while a request waits');
    await screenshot(student, 'student-request-sent', PHONE);

    await inbox.getByRole('heading', { name: 'Requests (1)' }).waitFor();
    await inbox.getByText('I need to talk about my schedule').waitFor();
    await screenshot(teacher, 'request-inbox', LAPTOP);
    await inbox.getByRole('button', { name: 'Approve Noah Patel' }).click();
    await inbox.getByText('No requests waiting.').waitFor();

    await card.getByText('Active', { exact: true }).waitFor();
    assert.match(await card.getByRole('timer').innerText(), /left$/);
    await teacher.getByRole('button', { name: 'End pass for Noah Patel' }).click();
    await teacher.getByText('0 students out').waitFor();

    const { items } = await people.student.api.call('GET', '/passes');
    assert.deepEqual([items[0].approved_by?.id, items[0].ended_reason], [people.teacher.user.id, 'staff']);
    assert.deepEqual(student.errors, []);
    assert.deepEqual(teacher.errors, []);
    await student.context().close();
    await teacher.context().close();
  });

  test('the teacher sends a pass to a student found by name; it starts at once', async () => {
    const teacher = await openPage(suite.browser, LAPTOP);
    await signInAs(teacher, suite.server, people.teacher);
    await mainNav(teacher).getByRole('link', { name: 'Hallway' }).click();
    await teacher.getByRole('button', { name: 'Send a pass' }).click();
    const dialog = teacher.getByRole('dialog', { name: 'Send a pass' });
    await dialog.getByRole('button', { name: 'Send pass' }).click();
    await dialog.getByText('Choose a student first.').waitFor();
    await dialog.getByLabel('Student').fill('pat');
    await dialog.getByRole('button', { name: /^Patel, Noah/ }).click();
    await dialog.getByText('Chosen: Noah Patel').waitFor();
    await dialog.getByLabel('From').selectOption({ label: 'Counselor' });
    await dialog.getByLabel('To').selectOption({ label: 'Room 310' });
    assert.equal(await dialog.getByLabel('Minutes').inputValue(), '5');
    await dialog.getByRole('button', { name: 'Send pass' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await teacher.getByText('Pass sent to Noah Patel.').waitFor();
    const row = teacher.getByRole('listitem').filter({ has: teacher.getByRole('button', { name: 'End pass for Noah Patel' }) });
    await row.getByText('Counselor → Room 310').waitFor();
    assert.deepEqual(teacher.errors, []);
    await teacher.context().close();
  });
});
