import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { expectAccessible } from '../lib/axe.js';
import { openPage, screenshot, VIEWPORTS } from '../lib/browser.js';
import { addRoom, createPerson, signInAs } from '../lib/hallway.js';
import { serverWithAdmin } from '../lib/suite.js';

const [PHONE] = VIEWPORTS;

/** `at` as a wall clock in `timeZone`: { hour, minute } on a 24-hour clock. */
function wallClock(at, timeZone) {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: 'numeric', hourCycle: 'h23' })
    .formatToParts(at);
  const part = (type) => Number(parts.find((p) => p.type === type).value);
  return { hour: part('hour'), minute: part('minute') };
}

// A zone where it is daytime now, so that "an hour from now" is still today there.
const ZONES = ['America/Los_Angeles', 'America/Chicago', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Asia/Tokyo', 'Pacific/Auckland'];
const zone = ZONES.find((name) => { const { hour } = wallClock(new Date(), name); return hour >= 6 && hour <= 20; });

describe('a pass for later', () => {
  const suite = serverWithAdmin();
  let student;
  before(async () => {
    await suite.api.call('PATCH', '/school', { time_zone: zone });
    student = await createPerson(suite.server, suite.api, 'student', 'Zoe', 'Adams');
    await addRoom(suite.api, { name: 'Room 9' });
    await addRoom(suite.api, { name: 'Media Center' });
  });

  test(`a time typed on the school's clock (${zone}) is the time the pass starts`, async () => {
    const page = await openPage(suite.browser, PHONE);
    await signInAs(page, suite.server, student);
    const form = page.getByRole('form', { name: 'Make a pass' });
    await form.getByLabel('From').selectOption({ label: 'Room 9' });
    await form.getByRole('radio', { name: /^Media Center/ }).check();
    await form.getByRole('radio', { name: 'Later' }).check();

    const later = new Date(Date.now() + 60 * 60 * 1000);
    const { hour, minute } = wallClock(later, zone);
    const typed = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
    await form.getByLabel('Start at').fill(typed);
    const created = page.waitForResponse((response) => response.url().endsWith('/api/v1/passes') && response.request().method() === 'POST');
    await form.getByRole('button', { name: 'Schedule pass' }).click();
    const pass = await (await created).json();
    assert.equal(pass.state, 'scheduled');
    // The moment sent is that wall-clock time in the school's zone (to the minute).
    assert.deepEqual(wallClock(new Date(pass.start_at), zone), { hour, minute });
    assert.ok(Math.abs(new Date(pass.start_at) - later) < 60_000);

    const card = page.getByRole('region', { name: 'Room 9 → Media Center' });
    await card.getByText('Scheduled', { exact: true }).waitFor();
    const shown = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeStyle: 'short' }).format(new Date(pass.start_at));
    await card.getByText(`Starts at ${shown}.`).waitFor();
    assert.equal(await card.getByRole('button', { name: 'Start pass' }).count(), 0, 'not before its time');
    await screenshot(page, 'student-pass-scheduled', PHONE);
    await expectAccessible(page, 'student-pass-scheduled');

    await card.getByRole('button', { name: 'Cancel pass' }).click();
    await card.waitFor({ state: 'detached' });
    await page.getByRole('region', { name: 'Recent passes' }).getByText(/· canceled$/).waitFor();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
