import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { openPage, screenshot, VIEWPORTS } from '../lib/browser.js';
import { mainNav, signInToHome } from '../lib/flows.js';
import { addRoom, createPerson, signInAs } from '../lib/hallway.js';
import { serverWithAdmin } from '../lib/suite.js';

const [PHONE, LAPTOP] = VIEWPORTS;

describe('emergency mode', () => {
  const suite = serverWithAdmin();
  const people = {};
  before(async () => {
    people.student = await createPerson(suite.server, suite.api, 'student', 'Mia', 'Santos');
    const from = await addRoom(suite.api, { name: 'Room 12' });
    const to = await addRoom(suite.api, { name: 'Restroom' });
    await people.student.api.call('POST', '/passes', {
      origin_room_id: from.id,
      destination_room_id: to.id,
      travel_type: 'round_trip',
      duration_minutes: 5,
    });
  });

  test('the admin confirms before starting it; every screen shows it and the active pass ends', async () => {
    const student = await openPage(suite.browser, PHONE);
    await signInAs(student, suite.server, people.student);
    const card = student.getByRole('region', { name: 'Room 12 → Restroom' });
    await card.getByRole('timer').waitFor();

    const admin = await openPage(suite.browser, LAPTOP);
    await signInToHome(admin, suite.server);
    await mainNav(admin).getByRole('link', { name: 'Hallway' }).click();
    await admin.getByRole('button', { name: 'End pass for Mia Santos' }).waitFor();

    // Cancel is the safe first choice and changes nothing.
    await admin.getByRole('button', { name: 'Start emergency mode' }).click();
    const confirm = admin.getByRole('dialog', { name: 'Start emergency mode?' });
    await confirm.getByText(/Every active pass ends now/).waitFor();
    await screenshot(admin, 'emergency-confirm', LAPTOP, { fullPage: false });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
    assert.equal(await admin.getByText('Emergency mode is on.').count(), 0);
    assert.equal((await suite.api.call('GET', '/school')).emergency_active, false);

    await admin.getByRole('button', { name: 'Start emergency mode' }).click();
    await confirm.getByRole('button', { name: 'Start emergency mode' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await admin.getByRole('alert').getByText('Emergency mode is on.').waitFor();
    await admin.getByText('0 students out').waitFor();
    assert.equal((await suite.api.call('GET', '/school')).emergency_active, true);
    await screenshot(admin, 'emergency-on', LAPTOP);

    // The student, signed in elsewhere, sees it at once.
    await student.getByRole('alert').getByText('Emergency mode is on.').waitFor();
    await student.getByText('Your pass Room 12 → Restroom is over: ended by emergency mode.').waitFor();
    await card.waitFor({ state: 'detached' });
    await screenshot(student, 'emergency-student', PHONE);

    await admin.getByRole('button', { name: 'End emergency mode' }).click();
    await admin.getByRole('button', { name: 'Start emergency mode' }).waitFor();
    await student.getByText('Emergency mode is on.').waitFor({ state: 'detached' });
    assert.equal((await suite.api.call('GET', '/school')).emergency_active, false);

    assert.deepEqual(student.errors, []);
    assert.deepEqual(admin.errors, []);
    await student.context().close();
    await admin.context().close();
  });
});
