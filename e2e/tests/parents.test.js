import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';

import { expectAccessible } from '../lib/axe.js';
import { adminApi } from '../lib/api.js';
import { launchBrowser, openPage, screenshot, VIEWPORTS } from '../lib/browser.js';
import { openAccounts, signInToHome } from '../lib/flows.js';
import { startServer } from '../lib/server.js';

const PHONE = VIEWPORTS.find((viewport) => viewport.name === 'phone');
const LAPTOP = VIEWPORTS.find((viewport) => viewport.name === 'laptop');

describe('parents', () => {
  let server;
  let browser;
  let admin;
  let student;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    admin = await adminApi(server);
    [student] = await admin.createStudents([
      { first_name: 'Maya', last_name: 'Okafor', school_identifier: '00417', grade: '10' },
    ]);
    const room = (name) =>
      admin.call('POST', '/rooms', { name, travel_types: ['one_way'], default_minutes: 5, max_minutes: 15 });
    const [classroom, library, nurse] = [await room('Room 101'), await room('Library'), await room('Nurse')];
    const send = (destination) =>
      admin.call('POST', '/passes', {
        student_id: student.id,
        origin_room_id: classroom.id,
        destination_room_id: destination.id,
        travel_type: 'one_way',
        duration_minutes: 5,
      });
    for (let n = 0; n < 2; n += 1) {
      const pass = await send(library);
      await admin.call('POST', `/passes/${pass.id}/end`, {});
    }
    // Out now: a parent must not see this one.
    await send(nurse);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('at 360px a parent signs up, adds a child by code and sees only past passes', async () => {
    const page = await openPage(browser, PHONE);
    await page.goto(server.baseUrl);
    await page.waitForURL('**/sign-in');
    await page.getByRole('link', { name: 'Create a parent account' }).click();
    await page.getByRole('heading', { name: 'Create a parent account' }).waitFor();
    await page.getByLabel('First name').fill('Dana');
    await page.getByLabel('Last name').fill('Okafor');
    await page.getByLabel('Email').fill('dana@family.example');
    await page.getByLabel('Password').fill('password1');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Password is one of the most common passwords; please choose another.').waitFor();
    await page.getByLabel('Password').fill('our family hall pass phrase');
    await screenshot(page, 'parent-sign-up', PHONE);
    await expectAccessible(page, 'parent-sign-up');
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.getByRole('heading', { name: 'My students' }).waitFor();
    await page.getByText('No students yet.').waitFor();
    await page.getByRole('button', { name: 'Add a student' }).click();
    await page.getByLabel('Invite code').fill('ABCD-EFGH');
    await page.getByRole('button', { name: 'Add student' }).click();
    await page.getByRole('alert').getByText('This invite code does not work.').waitFor();
    const code = await admin.inviteCode(student.id);
    await page.getByLabel('Invite code').fill(`${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`);
    await page.getByRole('button', { name: 'Add student' }).click();
    await page.getByText('Added Maya Okafor.').waitFor();
    const card = page.getByRole('link', { name: /Maya Okafor/ });
    await card.waitFor();
    await page.getByText(`Grade 10 · ${server.schoolName}`).waitFor();
    await screenshot(page, 'parent-students', PHONE);
    await expectAccessible(page, 'parent-students');

    await card.click();
    await page.getByRole('heading', { name: 'Past passes' }).waitFor();
    await page.getByText('2 passes', { exact: false }).first().waitFor();
    assert.equal(await page.locator('.pass-item').count(), 2);
    assert.equal(await page.getByText('Room 101 → Library').count(), 2);
    assert.equal(await page.getByText('Nurse').count(), 0, 'the active pass stays hidden');
    const summary = await page.getByRole('region', { name: 'Last 7 days' }).textContent();
    assert.match(summary, /2 passes, \d+ minutes? out of class/);
    // Nothing overflows the phone's width.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `page is ${width}px wide`);
    await screenshot(page, 'parent-past-passes', PHONE);
    await expectAccessible(page, 'parent-past-passes');

    // A second visit goes straight to the list.
    await page.goto(server.baseUrl);
    await page.getByRole('heading', { name: 'My students' }).waitFor();
    await page.getByRole('link', { name: /Maya Okafor/ }).waitFor();

    // The refused password (400) and the wrong code (422) were meant; nothing else may fail.
    assert.deepEqual(page.errors.filter((text) => !/status of (400|422)/u.test(text)), []);
    await page.context().close();
  });

  test('at 1280px the admin downloads the invite codes and sees the parent', async () => {
    const page = await openPage(browser, LAPTOP);
    await signInToHome(page, server);
    await openAccounts(page);
    await page.getByRole('button', { name: 'Invite Families' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite Families' });
    await dialog.getByLabel('Grade (optional)').fill('10');
    await screenshot(page, 'invite-families', LAPTOP, { fullPage: false });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'invite-codes-grade-10.csv');
    const csv = await readFile(await download.path(), 'utf8');
    assert.match(csv, /^Last name,First name,School identifier,Grade,Email,Invite code/u);
    assert.ok(csv.includes(`Okafor,Maya,00417,10,,${await admin.inviteCode(student.id)}`), csv);
    await dialog.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('tab', { name: 'Parents' }).click();
    await page.getByRole('button', { name: 'Okafor, Dana' }).click();
    const panel = page.getByRole('dialog', { name: 'Dana Okafor' });
    await panel.getByText('Maya Okafor · Grade 10').waitFor();
    await screenshot(page, 'accounts-parent-links', LAPTOP, { fullPage: false });

    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
