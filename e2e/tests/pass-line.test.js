import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { openPage, screenshot, VIEWPORTS } from '../lib/browser.js';
import { addRoom, createPerson, signInAs } from '../lib/hallway.js';
import { serverWithAdmin } from '../lib/suite.js';

const [PHONE] = VIEWPORTS;

describe('waiting in line for a full room', () => {
  const suite = serverWithAdmin();
  const people = {};
  const rooms = {};
  before(async () => {
    people.first = await createPerson(suite.server, suite.api, 'student', 'Ella', 'Brooks');
    people.second = await createPerson(suite.server, suite.api, 'student', 'Leo', 'Kim');
    rooms.origin = await addRoom(suite.api, { name: 'Room 7' });
    rooms.restroom = await addRoom(suite.api, { name: 'Restroom', capacity: 1 });
    rooms.firstPass = await people.first.api.call('POST', '/passes', {
      origin_room_id: rooms.origin.id,
      destination_room_id: rooms.restroom.id,
      travel_type: 'round_trip',
      duration_minutes: 5,
    });
  });

  test('a full room offers a place in line; the student’s turn shows live and they start it', async () => {
    const page = await openPage(suite.browser, PHONE);
    await signInAs(page, suite.server, people.second);
    const form = page.getByRole('form', { name: 'Make a pass' });
    await form.getByLabel('From').selectOption({ label: 'Room 7' });
    await form.getByRole('radio', { name: /^Restroom/ }).check();
    const refused = page.waitForResponse((response) => response.url().endsWith('/api/v1/passes'));
    await form.getByRole('button', { name: 'Start pass' }).click();
    const answer = await refused;
    assert.equal(answer.status(), 422);
    const { error } = await answer.json();
    assert.equal(error.code, 'capacity_reached');
    await form.getByRole('alert').getByText(error.message).waitFor();

    await form.getByRole('button', { name: 'Wait in line' }).click();
    const card = page.getByRole('region', { name: 'Room 7 → Restroom' });
    await card.getByText('Waiting in line', { exact: true }).waitFor();
    await card.getByText('You are number 1 in line.').waitFor();
    await screenshot(page, 'student-waiting', PHONE);

    // The first student comes back: the place is offered to the line, live.
    await people.first.api.call('POST', `/passes/${rooms.firstPass.id}/end`, {});
    const turn = card.getByRole('timer');
    await turn.getByText(/It's your turn: start within \d+ s\./).waitFor();
    await screenshot(page, 'student-turn', PHONE);
    await card.getByRole('button', { name: 'Start pass' }).click();
    await card.getByText('Active', { exact: true }).waitFor();
    assert.match(await card.getByRole('timer').innerText(), /left$/);

    assert.deepEqual(page.errors.filter((text) => !text.includes('422')), []);
    await page.context().close();
  });
});
