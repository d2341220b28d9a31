import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { studentsNamed } from '../lib/api.js';
import { openPage, screenshot, VIEWPORTS } from '../lib/browser.js';
import { openAccounts, searchAccounts, signIn, signInToHome } from '../lib/flows.js';
import { cardsOf, pdfPageCount } from '../lib/sheets.js';
import { serverWithAdmin } from '../lib/suite.js';

const laptop = VIEWPORTS.find((viewport) => viewport.width === 1280);
const PAPER_SAVER_CARDS_A_PAGE = 10;
const NEW_PASSWORD = 'my own hallway password';

/**
 * Prints sign-in cards for the ticked accounts from the bulk bar, in `layout`; resolves to the
 * new tab with the cards (loaded) and the request the app sent.
 */
async function printPasswords(page, layout) {
  await page.getByRole('button', { name: 'Print passwords…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Print passwords' });
  await dialog.getByText('Printing resets their passwords.').waitFor();
  await dialog.getByRole('radio', { name: new RegExp(`^${layout}`) }).check();
  const opened = page.waitForEvent('popup');
  const answered = page.waitForResponse((response) => response.url().endsWith('/api/v1/users/password-sheets'));
  await dialog.getByRole('button', { name: 'Reset passwords and print' }).click();
  const response = await answered;
  assert.equal(response.status(), 200);
  const sheet = await opened;
  await sheet.waitForURL(/^blob:/);
  await sheet.getByRole('button', { name: 'Print' }).waitFor();
  const ready = page.getByRole('dialog', { name: 'Sign-in cards ready' });
  await ready.getByText('The sign-in cards opened in a new tab').waitFor();
  return { sheet, ready, request: JSON.parse(response.request().postData()) };
}

async function waitUntil(condition, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('printing passwords', () => {
  const suite = serverWithAdmin();

  test('the admin prints both layouts, and a student signs in with a printed password', async () => {
    const students = await suite.api.createStudents(studentsNamed('Print', 12));
    const page = await openPage(suite.browser, laptop);
    await signInToHome(page, suite.server);
    await openAccounts(page);
    await searchAccounts(page, 'Print');
    await page.getByText('Showing 12 students.').waitFor();

    // Paper saver for all twelve: ten cards a Letter page, so two pages.
    await page.getByRole('checkbox', { name: 'Select all shown' }).check();
    await page.getByRole('region', { name: '12 students selected' }).waitFor();
    await page.getByRole('button', { name: 'Print passwords…' }).click();
    await screenshot(page, 'accounts-print-dialog', laptop, { fullPage: false });
    await page.keyboard.press('Escape');
    const paperSaver = await printPasswords(page, 'Paper saver');
    assert.equal(paperSaver.request.layout, 'paper_saver');
    assert.equal(paperSaver.request.user_ids.length, 12);
    const paperCards = cardsOf(await paperSaver.sheet.content());
    assert.equal(paperCards.length, 12);
    assert.deepEqual(
      paperCards.map((card) => card.signIn).sort(),
      students.map((student) => student.email).sort(),
    );
    assert.ok(paperCards.every((card) => card.password && card.password.length >= 8));
    await screenshot(paperSaver.sheet, 'password-sheet-paper-saver', laptop);
    const paperPdf = await paperSaver.sheet.pdf({ format: 'Letter', preferCSSPageSize: true });
    assert.equal(pdfPageCount(paperPdf), Math.ceil(12 / PAPER_SAVER_CARDS_A_PAGE));
    await paperSaver.sheet.close();
    await paperSaver.ready.getByRole('button', { name: 'Done' }).click();

    // Separate pages for three: one page each.
    await page.getByRole('button', { name: 'Clear selection' }).click();
    for (const number of ['02', '05', '09']) {
      await page.getByRole('checkbox', { name: `Select Student ${number} Print` }).check();
    }
    const separate = await printPasswords(page, 'Separate pages');
    assert.equal(separate.request.layout, 'separate_pages');
    const cards = cardsOf(await separate.sheet.content());
    assert.deepEqual(
      cards.map((card) => card.name),
      ['Student 02 Print', 'Student 05 Print', 'Student 09 Print'],
    );
    await screenshot(separate.sheet, 'password-sheet-separate-pages', laptop);
    const separatePdf = await separate.sheet.pdf({ format: 'Letter', preferCSSPageSize: true });
    assert.equal(pdfPageCount(separatePdf), 3);
    await separate.sheet.close();
    assert.deepEqual(page.errors, []);

    // The student signs in with the printed password and must choose their own.
    const card = cards[1];
    const student = await openPage(suite.browser, laptop);
    await student.goto(suite.server.baseUrl);
    await signIn(student, card.signIn, card.password);
    await student.getByRole('heading', { name: 'Choose your password' }).waitFor();
    await student.getByLabel('Temporary password').fill(card.password);
    await student.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await student.getByLabel('New password again').fill(NEW_PASSWORD);
    await student.getByRole('button', { name: 'Change password' }).click();
    await student.getByRole('heading', { name: 'Home' }).waitFor();
    await student.getByText('Welcome, Student 05.').waitFor();
    assert.deepEqual(student.errors, []);
    await student.context().close();

    // The first sign-in activated the account; the admin's list says so.
    const signedIn = students.find((s) => s.email === card.signIn);
    assert.notEqual((await suite.api.call('GET', `/users/${signedIn.id}`)).activated_at, null);
    await page.reload();
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    await searchAccounts(page, 'Student 05 Print');
    await page.getByRole('row', { name: /Print, Student 05/ }).getByText('Yes').waitFor();
    await page.context().close();
  });

  test('accounts without an email are named, and can be fixed from the message', async () => {
    const [withEmail] = await suite.api.createStudents(studentsNamed('Mailless', 1));
    await suite.api.createStudents([{ first_name: 'Noel', last_name: 'Mailless' }]);
    const page = await openPage(suite.browser, laptop);
    await signInToHome(page, suite.server);
    await openAccounts(page);
    await searchAccounts(page, 'Mailless');
    await page.getByText('Showing 2 students.').waitFor();
    await page.getByRole('checkbox', { name: 'Select all shown' }).check();
    await page.getByRole('button', { name: 'Print passwords…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Print passwords' });
    const answered = page.waitForResponse((response) => response.url().endsWith('/password-sheets'));
    await dialog.getByRole('button', { name: 'Reset passwords and print' }).click();
    assert.equal((await answered).status(), 422);
    const alert = dialog.getByRole('alert');
    await alert.getByText('Some accounts have no email to sign in with.').waitFor();
    // The tab opened for the cards closes again.
    await waitUntil(() => page.context().pages().length === 1);
    await alert.getByRole('button', { name: 'Noel Mailless' }).click();
    const panel = page.getByRole('dialog', { name: 'Noel Mailless' });
    await panel.getByLabel('Email').fill('noel.mailless@lincoln.example');
    await panel.getByRole('button', { name: 'Save changes' }).click();
    await panel.getByText('Changes saved.').waitFor();
    assert.equal((await suite.api.call('GET', `/users/${withEmail.id}`)).activated_at, null);
    assert.deepEqual(page.errors.filter((text) => !text.includes('422')), []);
    await page.context().close();
  });
});
