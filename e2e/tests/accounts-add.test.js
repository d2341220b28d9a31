import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { studentsNamed } from '../lib/api.js';
import { openPage, screenshot, VIEWPORTS } from '../lib/browser.js';
import { mainNav, openAccounts, searchAccounts, signIn, signInToHome } from '../lib/flows.js';
import { serverWithAdmin } from '../lib/suite.js';

const selectedText = (select) => select.evaluate((element) => element.selectedOptions[0].text);
const isCreate = (response) => response.url().endsWith('/api/v1/users') && response.request().method() === 'POST';

describe('adding accounts', () => {
  const suite = serverWithAdmin();
  before(() => suite.api.createStudents(studentsNamed('Okafor', 3)));

  const newStudents = { 360: ['Ava', 'Nguyen'], 1280: ['Mateo', 'Alvarez'] };
  for (const viewport of VIEWPORTS) {
    test(`at ${viewport.width}px the admin adds a student, and a duplicate offers the existing account`, async () => {
      const [first, last] = newStudents[viewport.width];
      const page = await openPage(suite.browser, viewport);
      await signInToHome(page, suite.server);
      await openAccounts(page);
      assert.equal(await page.getByRole('tab', { name: 'Students' }).getAttribute('aria-selected'), 'true');
      await page.getByText(/^Showing \d+ students/).waitFor();

      const email = `${first}.${last}@lincoln.example`.toLowerCase();
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Add an account' });
      await dialog.waitFor();
      assert.equal(await selectedText(dialog.getByLabel('Role')), 'Student', 'the open tab chooses the role');
      await dialog.getByLabel('First name').fill(first);
      await dialog.getByLabel('Last name').fill(last);
      await dialog.getByLabel('Email').fill(email);
      await dialog.getByLabel('School ID').fill(`S-${viewport.width}`);
      await dialog.getByLabel('Grade').fill('10');
      const created = page.waitForResponse(isCreate);
      await dialog.getByRole('button', { name: 'Add account' }).click();
      const response = await created;
      assert.equal(response.status(), 201);
      const student = await response.json();
      assert.deepEqual(
        [student.role, student.email, student.grade, student.activated_at],
        ['student', email, '10', null],
      );
      await page.getByText(`Added ${first} ${last}.`).waitFor();
      await dialog.waitFor({ state: 'hidden' });
      // Focus goes back to the button that opened the dialog.
      assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), '+ Add');
      await page.getByRole('button', { name: `${last}, ${first}` }).waitFor();

      // The search narrows the list (after a pause in typing).
      await searchAccounts(page, last.toLowerCase());
      await page.getByText(/^Showing 1 student\b/).waitFor();
      await page.getByRole('searchbox', { name: 'Search' }).fill('');
      await page.getByRole('button', { name: 'Okafor, Student 01' }).waitFor();
      await screenshot(page, 'accounts', viewport);

      // The same email again: the message names the clash and opens the existing account.
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await dialog.getByLabel('First name').fill(first);
      await dialog.getByLabel('Last name').fill(`${last}-Twin`);
      await dialog.getByLabel('Email').fill(email.toUpperCase());
      const refused = page.waitForResponse(isCreate);
      await dialog.getByRole('button', { name: 'Add account' }).click();
      assert.equal((await refused).status(), 409);
      await dialog.getByRole('alert').getByText('An account with this email already exists.').waitFor();
      await dialog.getByText('Email is already used by another account.').waitFor();
      assert.equal(await dialog.getByLabel('Email').getAttribute('aria-invalid'), 'true');
      await screenshot(page, 'accounts-duplicate', viewport, { fullPage: false });
      await dialog.getByRole('button', { name: 'Open the existing account' }).click();
      const panel = page.getByRole('dialog', { name: `${first} ${last}` });
      await panel.waitFor();
      assert.equal(await panel.getByLabel('Email').inputValue(), email);
      await page.keyboard.press('Escape');
      await panel.waitFor({ state: 'hidden' });

      // The suite.browser logs the refused call; nothing else may go wrong.
      assert.deepEqual(page.errors.filter((text) => !text.includes('409')), []);
      await page.context().close();
    });
  }

  test('an assistant is added for the teacher they act for; the tabs follow the keyboard', async () => {
    const teacher = await suite.api.call('POST', '/users', {
      role: 'teacher',
      first_name: 'Priya',
      last_name: 'Patel',
      email: 'priya.patel@lincoln.example',
    });
    const page = await openPage(suite.browser, VIEWPORTS[1]);
    await signInToHome(page, suite.server);
    await openAccounts(page);

    // Arrow keys move along the tabs, as in any tab list.
    await page.getByRole('tab', { name: 'Students' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const assistants = page.getByRole('tab', { name: 'Assistants' });
    assert.equal(await assistants.getAttribute('aria-selected'), 'true');
    assert.equal(await assistants.evaluate((tab) => tab === document.activeElement), true);
    await page.getByText('No assistants yet.').waitFor();

    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an account' });
    await dialog.waitFor();
    // The dialog opens on its first field.
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'account-role');
    assert.equal(await selectedText(dialog.getByLabel('Role')), 'Assistant');
    await dialog.getByLabel('First name').fill('Tom');
    await dialog.getByLabel('Last name').fill('Becker');
    await dialog.getByLabel('Email').fill('tom.becker@lincoln.example');
    await dialog.getByRole('checkbox', { name: 'Patel, Priya' }).check();
    const created = page.waitForResponse(isCreate);
    await dialog.getByRole('button', { name: 'Add account' }).click();
    const assistant = await (await created).json();
    assert.deepEqual([assistant.role, assistant.acts_for], ['assistant', [teacher.id]]);
    await page.getByRole('button', { name: 'Becker, Tom' }).click();
    const panel = page.getByRole('dialog', { name: 'Tom Becker' });
    assert.equal(await panel.getByRole('checkbox', { name: 'Patel, Priya' }).isChecked(), true);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('a teacher without manage_accounts sees no Accounts page', async () => {
    await suite.api.call('POST', '/users', {
      role: 'teacher',
      first_name: 'Maria',
      last_name: 'Garcia',
      email: 'maria.garcia@lincoln.example',
      password: 'teacher password 1',
    });
    const page = await openPage(suite.browser, VIEWPORTS[1]);
    await page.goto(suite.server.baseUrl);
    await signIn(page, 'maria.garcia@lincoln.example', 'teacher password 1');
    await page.getByRole('heading', { name: 'Choose your password' }).waitFor();
    await page.getByLabel('Temporary password').fill('teacher password 1');
    await page.getByLabel('New password', { exact: true }).fill('teacher password 2');
    await page.getByLabel('New password again').fill('teacher password 2');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('heading', { name: 'Home' }).waitFor();
    assert.equal(await mainNav(page).getByRole('link', { name: 'Accounts' }).count(), 0);
    await page.goto(`${suite.server.baseUrl}/accounts`);
    await page.getByText("You don't have permission to manage accounts.").waitFor();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
