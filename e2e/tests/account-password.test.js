import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launchBrowser, openPage, screenshot, VIEWPORTS } from '../lib/browser.js';
import { mainNav, signIn, signInToHome } from '../lib/flows.js';
import { startServer } from '../lib/server.js';

const NEW_PASSWORD = 'a brand new passphrase';

describe('changing my password under My account', () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  for (const viewport of VIEWPORTS) {
    test(`at ${viewport.width}px the new password works and the old one does not`, async () => {
      const server = await startServer();
      try {
        const page = await openPage(browser, viewport);
        await signInToHome(page, server);
        await mainNav(page).getByRole('link', { name: 'My account' }).click();
        await page.getByRole('heading', { name: 'My account' }).waitFor();
        await page.getByText(server.adminEmail).waitFor();

        // The two copies must agree before anything is sent.
        await page.getByLabel('Current password').fill(server.adminPassword);
        await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
        await page.getByLabel('New password again').fill(`${NEW_PASSWORD}!`);
        await page.getByRole('button', { name: 'Change password' }).click();
        await page.getByText('New password again does not match the new password.').waitFor();

        // A wrong current password shows the API's own message.
        await page.getByLabel('Current password').fill('not my password');
        await page.getByLabel('New password again').fill(NEW_PASSWORD);
        const refused = page.waitForResponse((response) => response.url().endsWith('/api/v1/me/password'));
        await page.getByRole('button', { name: 'Change password' }).click();
        const refusedResponse = await refused;
        assert.ok(refusedResponse.status() >= 400);
        const { error } = await refusedResponse.json();
        await page.getByRole('alert').getByText(error.message).waitFor();
        // The field the server named carries its message too.
        for (const message of error.details?.fields?.current_password ?? []) {
          await page.getByText(`Current password ${message}.`).waitFor();
        }
        assert.equal(await page.getByLabel('Current password').getAttribute('aria-invalid'), 'true');

        await page.getByLabel('Current password').fill(server.adminPassword);
        const changed = page.waitForResponse((response) => response.url().endsWith('/api/v1/me/password'));
        await page.getByRole('button', { name: 'Change password' }).click();
        assert.equal((await changed).status(), 200);
        await page.getByRole('status').getByText('Your password was changed.').waitFor();
        assert.equal(await page.getByLabel('Current password').inputValue(), '');
        await screenshot(page, 'account-password-changed', viewport);

        await mainNav(page).getByRole('button', { name: 'Sign out' }).click();
        await signIn(page, server.adminEmail, server.adminPassword);
        await page.getByRole('alert').getByText('Email or password is incorrect.').waitFor();
        await signIn(page, server.adminEmail, NEW_PASSWORD);
        await page.getByRole('heading', { name: 'Home' }).waitFor();

        assert.deepEqual(page.errors.filter((text) => !/\b(400|401|403)\b/.test(text)), []);
        await page.context().close();
      } finally {
        await server.stop();
      }
    });
  }
});
