import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { expectAccessible } from '../lib/axe.js';
import { openPage, screenshot, VIEWPORTS } from '../lib/browser.js';
import { mainNav, openAccounts, searchAccounts, signInToHome } from '../lib/flows.js';
import { serverWithAdmin } from '../lib/suite.js';

const [, LAPTOP] = VIEWPORTS;

/** A students' CSV as Excel saves it: a BOM, CRLF; `numbers` are the students on it. */
function roster(numbers) {
  const lines = ['Student Number,First Name,Last Name,Grade'];
  for (const n of numbers) lines.push(`R${String(n).padStart(4, '0')},Kid${n},Roster,${9 + (n % 4)}`);
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

const range = (from, to) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

async function uploadRoster(page, name, numbers) {
  await page.getByLabel('Spreadsheet (CSV or XLSX) or OneRoster zip').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: roster(numbers),
  });
  await page.getByLabel('Role, for a spreadsheet without a role column').selectOption({ label: 'Student' });
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await page.getByRole('heading', { name: 'Preview' }).waitFor({ timeout: 30_000 });
}

describe('rosters', () => {
  const suite = serverWithAdmin();

  test('upload a CSV, read the preview, apply; then a full sync that hits the safety hold, confirmed', async () => {
    const admin = await openPage(suite.browser, LAPTOP);
    await signInToHome(admin, suite.server);
    await mainNav(admin).getByRole('link', { name: 'Integrations' }).click();
    await admin.getByRole('heading', { name: 'Rosters' }).waitFor();
    await screenshot(admin, 'rosters-empty', LAPTOP);
    await expectAccessible(admin, 'rosters-empty');

    await uploadRoster(admin, 'fall.csv', range(1, 40));
    const newTab = admin.getByRole('tab', { name: 'New (40)' });
    await newTab.waitFor();
    assert.equal(await newTab.getAttribute('aria-selected'), 'true');
    const panel = admin.getByRole('tabpanel');
    await panel.getByRole('row').filter({ hasText: 'Kid7 Roster' }).waitFor();
    await screenshot(admin, 'rosters-preview', LAPTOP);
    await expectAccessible(admin, 'rosters-preview');

    await admin.getByRole('button', { name: 'Apply changes' }).click();
    await admin.getByRole('heading', { name: 'Import applied' }).waitFor();
    await screenshot(admin, 'rosters-applied', LAPTOP);
    await admin.getByRole('table', { name: 'Recent imports' }).getByRole('row').filter({ hasText: 'fall.csv' }).waitFor();
    await screenshot(admin, 'rosters-applied', LAPTOP);
    await expectAccessible(admin, 'rosters-applied');

    // The new students are in Accounts at once.
    await openAccounts(admin);
    await searchAccounts(admin, 'kid40');
    await admin.getByText(/^Showing 1 student\b/).waitFor();
    await admin.getByRole('button', { name: 'Roster, Kid40' }).waitFor();

    // A full sync without 6 of the 40 (15%): the hold.
    await mainNav(admin).getByRole('link', { name: 'Integrations' }).click();
    await uploadRoster(admin, 'winter.csv', range(1, 34));
    await admin.getByRole('tab', { name: 'Leaving (6)' }).click();
    await admin.getByRole('tabpanel').getByRole('row').filter({ hasText: 'Kid35 Roster' }).waitFor();
    await admin.getByText(/Safety hold: this archives 6 of 40 accounts/).waitFor();
    await screenshot(admin, 'rosters-hold', LAPTOP);
    await expectAccessible(admin, 'rosters-hold');
    await admin.getByRole('button', { name: 'Apply changes' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Archive 6 accounts?' });
    await dialog.getByText('This archives 6 of 40 accounts.').waitFor();
    await screenshot(admin, 'rosters-hold-dialog', LAPTOP);
    await expectAccessible(admin, 'rosters-hold-dialog');
    await dialog.getByRole('button', { name: 'Apply and archive' }).click();
    await admin.getByRole('heading', { name: 'Import applied' }).waitFor();

    await openAccounts(admin);
    await searchAccounts(admin, 'kid35');
    await admin.getByText(/^No students match/).waitFor();
    assert.equal(await admin.getByRole('button', { name: 'Roster, Kid35' }).count(), 0, 'archived: gone from the list');
    await admin.close();
  });

  test('a file missing its name columns says which', async () => {
    const admin = await openPage(suite.browser, LAPTOP);
    await signInToHome(admin, suite.server);
    await mainNav(admin).getByRole('link', { name: 'Integrations' }).click();
    await admin.getByLabel('Spreadsheet (CSV or XLSX) or OneRoster zip').setInputFiles({
      name: 'numbers.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Student Number,Grade\r\n1,9\r\n'),
    });
    await admin.getByLabel('Role, for a spreadsheet without a role column').selectOption({ label: 'Student' });
    await admin.getByRole('button', { name: 'Upload and preview' }).click();
    await admin.getByText('Columns the file needs:').waitFor();
    await admin.getByRole('list', { name: 'Columns the file needs:' }).getByText('first name').waitFor();
    await screenshot(admin, 'rosters-missing-columns', LAPTOP);
    await expectAccessible(admin, 'rosters-missing-columns');
    await admin.close();
  });
});
