import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launchBrowser, openPage, screenshot, VIEWPORTS } from '../lib/browser.js';
import { signIn } from '../lib/flows.js';
import { startServer } from '../lib/server.js';

const NEW_PASSWORD = 'a quiet hallway at noon';

describe('changing a temporary password', () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  for (const viewport of VIEWPORTS) {
    // A temporary password works once, so every run bootstraps its own server.
    test(`at ${viewport.width}px the admin must choose a password, then lands on Home`, async () => {
      const server = await startServer({ adminPassword: null });
      try {
        assert.ok(server.temporaryPassword, 'the server printed a temporary password');
        const page = await openPage(browser, viewport);
        await page.goto(server.baseUrl);
        await signIn(page, server.adminEmail, server.temporaryPassword);

        await page.getByRole('heading', { name: 'Choose your password' }).waitFor();
        assert.equal(new URL(page.url()).pathname, '/change-password');
        // Nothing else opens until the password is changed.
        await page.goto(`${server.baseUrl}/school`);
        await page.getByRole('heading', { name: 'Choose your password' }).waitFor();
        await screenshot(page, 'change-temporary-password', viewport);

        await page.getByLabel('Temporary password').fill(server.temporaryPassword);
        await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
        await page.getByLabel('New password again').fill(NEW_PASSWORD);
        const changed = page.waitForResponse((response) => response.url().endsWith('/api/v1/me/password'));
        await page.getByRole('button', { name: 'Change password' }).click();
        assert.equal((await changed).status(), 200);

        await page.getByRole('heading', { name: 'Home' }).waitFor();
        assert.equal(new URL(page.url()).pathname, '/');
        await screenshot(page, 'home-after-password-change', viewport);

        // The new session survives a reload: the stored refresh token signs back in.
        const refreshed = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/refresh'));
        await page.reload();
        assert.equal((await refreshed).status(), 200);
        await page.getByRole('heading', { name: 'Home' }).waitFor();

        assert.deepEqual(page.errors, []);
        await page.context().close();
      } finally {
        await server.stop();
      }
    });
  }
});
