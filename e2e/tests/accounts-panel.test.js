import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { openPage, screenshot, VIEWPORTS } from '../lib/browser.js';
import { openAccounts, searchAccounts, signInToHome } from '../lib/flows.js';
import { serverWithAdmin } from '../lib/suite.js';

const SYNC_WARNING = 'Some deleted accounts came from an import: the next full sync brings them back unless they also leave the source.';

describe('the account panel', () => {
  const suite = serverWithAdmin();

  for (const viewport of VIEWPORTS) {
    test(`at ${viewport.width}px the admin edits a teacher, resets a password and deletes a student`, async () => {
      const tag = `Panel${viewport.width}`;
      const teacher = await suite.api.call('POST', '/users', {
        role: 'teacher',
        first_name: 'Grace',
        last_name: `Kim${tag}`,
        email: `grace.${tag}@lincoln.example`,
      });
      const [student, synced] = await suite.api.createStudents([
        { first_name: 'Jordan', last_name: `Lee${tag}`, email: `jordan.${tag}@lincoln.example` },
        { first_name: 'Sam', last_name: `Sync${tag}` },
      ]);
      const page = await openPage(suite.browser, viewport);
      await signInToHome(page, suite.server);
      await openAccounts(page);

      // A teacher: permissions and status, saved together.
      await page.getByRole('tab', { name: 'Teachers' }).click();
      await searchAccounts(page, tag);
      await page.getByRole('row', { name: new RegExp(`Kim${tag}, Grace`) }).getByText(`grace.${tag}@lincoln.example`).click();
      const panel = page.getByRole('dialog', { name: `Grace Kim${tag}` });
      await panel.getByLabel('Hall monitor').waitFor();
      assert.equal(await panel.getByLabel('Hall monitor').isChecked(), true);
      await panel.getByLabel('Hall monitor').uncheck();
      await panel.getByLabel('Manage rooms').check();
      await panel.getByLabel('Status').selectOption({ label: 'Disabled' });
      await panel.getByText('Cannot sign in, but is still listed').waitFor();
      await screenshot(page, 'account-panel', viewport, { fullPage: false });
      const saved = page.waitForResponse((r) => r.url().endsWith(`/users/${teacher.id}`) && r.request().method() === 'PATCH');
      await panel.getByRole('button', { name: 'Save changes' }).click();
      const patch = JSON.parse((await saved).request().postData());
      assert.deepEqual(patch, { status: 'disabled', permissions: ['send_passes', 'manage_rooms'] });
      await panel.getByText('Changes saved.').waitFor();
      const changed = await suite.api.call('GET', `/users/${teacher.id}`);
      assert.deepEqual([changed.status, changed.permissions], ['disabled', ['send_passes', 'manage_rooms']]);
      await page.keyboard.press('Escape');
      await page.getByRole('row', { name: new RegExp(`Kim${tag}, Grace`) }).getByText('Disabled').waitFor();

      // A student: reset the password; it shows once and works.
      await page.getByRole('tab', { name: 'Students' }).click();
      await page.getByRole('button', { name: `Lee${tag}, Jordan` }).click();
      const studentPanel = page.getByRole('dialog', { name: `Jordan Lee${tag}` });
      await studentPanel.getByRole('button', { name: 'Reset password…' }).click();
      const confirm = page.getByRole('dialog', { name: 'Reset password?' });
      await confirm.getByText(`Jordan Lee${tag}'s current password stops working`).waitFor();
      const reset = page.waitForResponse((r) => r.url().endsWith(`/users/${student.id}/reset-password`));
      await confirm.getByRole('button', { name: 'Reset password' }).click();
      const { temporary_password: password } = await (await reset).json();
      await confirm.waitFor({ state: 'hidden' });
      assert.equal((await studentPanel.locator('.password-text').textContent()).trim(), password);
      await studentPanel.getByText(`jordan.${tag}@lincoln.example`, { exact: true }).waitFor();
      await screenshot(page, 'account-temporary-password', viewport, { fullPage: false });
      const login = await fetch(`${suite.server.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: student.email, password }),
      });
      assert.equal(login.status, 200);
      assert.equal((await login.json()).user.must_change_password, true);
      await studentPanel.getByRole('button', { name: 'Close' }).click();
      await page.getByRole('button', { name: `Lee${tag}, Jordan` }).click();
      await studentPanel.getByRole('button', { name: 'Reset password…' }).waitFor();
      assert.equal(await studentPanel.getByText(password).count(), 0, 'the password is shown only once');

      // Delete it, after a confirmation.
      await studentPanel.getByRole('button', { name: 'Delete account…' }).click();
      const confirmDelete = page.getByRole('dialog', { name: `Delete Jordan Lee${tag}?` });
      await confirmDelete.getByRole('button', { name: 'Delete permanently' }).click();
      await page.getByText(`Deleted Jordan Lee${tag}.`).waitFor();
      await studentPanel.waitFor({ state: 'hidden' });
      // The list is read again after the message shows: wait for the row to go.
      await page.getByRole('button', { name: `Lee${tag}, Jordan` }).waitFor({ state: 'detached' });
      await assert.rejects(suite.api.call('GET', `/users/${student.id}`), /answered 404/);

      // An imported account's deletion carries the API's sync warning, which the page shows.
      await page.route(`**/api/v1/users/${synced.id}`, (route) =>
        route.request().method() === 'DELETE'
          ? route.fulfill({ contentType: 'application/json', body: JSON.stringify({ count: 1, warning: SYNC_WARNING }) })
          : route.continue(),
      );
      await page.getByRole('button', { name: `Sync${tag}, Sam` }).click();
      await page.getByRole('dialog', { name: `Sam Sync${tag}` }).getByRole('button', { name: 'Delete account…' }).click();
      await page.getByRole('dialog', { name: `Delete Sam Sync${tag}?` }).getByRole('button', { name: 'Delete permanently' }).click();
      await page.getByText(SYNC_WARNING).waitFor();
      await screenshot(page, 'accounts-sync-warning', viewport);

      assert.deepEqual(page.errors, []);
      await page.context().close();
    });
  }

  test('the admin cannot suspend their own account: the API says why', async () => {
    const page = await openPage(suite.browser, VIEWPORTS[1]);
    await signInToHome(page, suite.server);
    await openAccounts(page);
    await page.getByRole('tab', { name: 'Admins' }).click();
    await page.getByRole('button', { name: 'Account, Admin' }).click();
    const panel = page.getByRole('dialog', { name: 'Admin Account' });
    await panel.getByLabel('Status').selectOption({ label: 'Suspended' });
    await panel.getByRole('button', { name: 'Save changes' }).click();
    await panel.getByRole('alert').getByText('You cannot suspend, disable, delete or change the role of your own account.').waitFor();
    assert.deepEqual(page.errors.filter((text) => !text.includes('409')), []);
    await page.context().close();
  });
});
