import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, describe, test } from 'node:test';

import { studentsNamed } from '../lib/api.js';
import { expectAccessible } from '../lib/axe.js';
import { openPage, screenshot, VIEWPORTS } from '../lib/browser.js';
import { mainNav, searchAccounts, signIn } from '../lib/flows.js';
import { addRoom, createPerson } from '../lib/hallway.js';
import { serverWithAdmin } from '../lib/suite.js';

const [, LAPTOP] = VIEWPORTS;

const REQUIRED_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
];

/** The policy a response carries, after checking it is the strict one. */
function assertStrictPolicy(response) {
  const policy = response.headers()['content-security-policy'];
  assert.ok(policy, `${response.url()} has a Content-Security-Policy`);
  for (const directive of REQUIRED_DIRECTIVES) {
    assert.ok(policy.includes(directive), `${response.url()}: "${directive}" in ${policy}`);
  }
  assert.ok(!policy.includes("'unsafe-inline'"), `no 'unsafe-inline' in ${policy}`);
  assert.ok(!policy.includes("'unsafe-eval'"), `no 'unsafe-eval' in ${policy}`);
  return policy;
}

/**
 * Collects the CSP violations of every page in `context`, popups included: each document's
 * `securitypolicyviolation` events and the console's "Refused to …" messages.
 */
async function watchViolations(context) {
  const violations = [];
  await context.exposeBinding('reportViolation', ({ page }, violation) => {
    violations.push({ page: page.url(), ...violation });
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      window.reportViolation({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        sample: event.sample,
      });
    });
  });
  context.on('console', (message) => {
    const text = message.text();
    if (text.includes('Content Security Policy') || text.includes('Refused to')) {
      violations.push({ page: message.page()?.url(), console: text });
    }
  });
  return violations;
}

/** Lets reports still on their way (events, bindings) arrive before asserting on them. */
const settle = (page) => page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));

/** Opens a screen from the main navigation; resolves once its heading shows. */
async function openScreen(page, name, heading = name) {
  await mainNav(page).getByRole('link', { name }).click();
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
}

describe('content security policy', () => {
  const suite = serverWithAdmin();
  before(async () => {
    await suite.api.createStudents(studentsNamed('Policy', 3));
    const student = await createPerson(suite.server, suite.api, 'student', 'Lena', 'Policy');
    const from = await addRoom(suite.api, { name: 'Room 7' });
    const to = await addRoom(suite.api, { name: 'Library' });
    await student.api.call('POST', '/passes', {
      origin_room_id: from.id,
      destination_room_id: to.id,
      travel_type: 'round_trip',
      duration_minutes: 5,
    });
  });

  test('every screen and the printed password sheet run under the policy, with no violation', async () => {
    const page = await openPage(suite.browser, LAPTOP);
    const violations = await watchViolations(page.context());

    // The SPA's index: the policy allows its inline wasm loader by hash, and nothing else inline.
    const index = await page.goto(suite.server.baseUrl);
    const policy = assertStrictPolicy(index);
    const loaders = [...(await index.text()).matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)];
    assert.ok(loaders.length > 0, 'Trunk writes an inline loader');
    for (const [, script] of loaders) {
      const hash = createHash('sha256').update(script).digest('base64');
      assert.ok(policy.includes(`'sha256-${hash}'`), `the loader's hash is in ${policy}`);
    }
    await settle(page);
    assert.deepEqual(violations, [], 'the app loads under the policy');

    // An API answer carries it too.
    const login = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/login'));
    await signIn(page, suite.server.adminEmail, suite.server.adminPassword);
    await page.getByRole('heading', { name: 'Home' }).waitFor();
    assertStrictPolicy(await login);
    await screenshot(page, 'csp-home', LAPTOP);
    await expectAccessible(page, 'home');

    await openScreen(page, 'Hallway');
    await page.getByText('Live', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'End pass for Lena Policy' }).waitFor();
    await screenshot(page, 'csp-hallway', LAPTOP);
    await expectAccessible(page, 'hallway');
    await openScreen(page, 'Rooms');
    await page.getByText('Library').first().waitFor();
    await screenshot(page, 'csp-rooms', LAPTOP);
    await expectAccessible(page, 'rooms');
    await openScreen(page, 'Pass rules');
    await page.getByRole('region', { name: 'Encounter groups' }).waitFor();
    await screenshot(page, 'csp-pass-rules', LAPTOP);
    await expectAccessible(page, 'pass-rules');
    await openScreen(page, 'School settings');
    await page.getByLabel('School name').waitFor();
    await screenshot(page, 'csp-school-settings', LAPTOP);
    await expectAccessible(page, 'school-settings');
    await openScreen(page, 'My account');
    await screenshot(page, 'csp-my-account', LAPTOP);
    await expectAccessible(page, 'my-account');

    // A client route loaded directly is the index again, with the same policy.
    assertStrictPolicy(await page.goto(`${suite.server.baseUrl}/accounts`));
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    await searchAccounts(page, 'Policy');
    await page.getByText('Showing 4 students.').waitFor();
    await screenshot(page, 'csp-accounts', LAPTOP);
    await expectAccessible(page, 'accounts');

    // The password sheet opens as a blob: page, which takes the app's policy. Its Print button
    // still prints (window.print is replaced so that the headless browser opens no dialog).
    await page.getByRole('checkbox', { name: 'Select all shown' }).check();
    await page.getByRole('button', { name: 'Print passwords…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Print passwords' });
    const opened = page.waitForEvent('popup');
    const answered = page.waitForResponse((response) => response.url().endsWith('/api/v1/users/password-sheets'));
    await dialog.getByRole('button', { name: 'Reset passwords and print' }).click();
    assertStrictPolicy(await answered);
    const sheet = await opened;
    await sheet.waitForURL(/^blob:/);
    const print = sheet.getByRole('button', { name: 'Print' });
    await print.waitFor();
    assert.equal(
      await sheet.evaluate(() => getComputedStyle(document.querySelector('.toolbar')).backgroundColor),
      'rgb(241, 245, 249)',
      'the sheet has its style',
    );
    await sheet.evaluate(() => {
      window.printed = 0;
      window.print = () => {
        window.printed += 1;
      };
    });
    await print.click();
    await screenshot(sheet, 'csp-password-sheet', LAPTOP);
    await page.getByRole('dialog', { name: 'Sign-in cards ready' }).waitFor();

    await settle(sheet);
    await settle(page);
    assert.deepEqual(violations, []);
    assert.equal(await sheet.evaluate(() => window.printed), 1, 'the Print button prints');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
