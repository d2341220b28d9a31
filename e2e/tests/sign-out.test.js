import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launchBrowser, openPage, screenshot, VIEWPORTS } from '../lib/browser.js';
import { mainNav, signInToHome } from '../lib/flows.js';
import { startServer } from '../lib/server.js';

describe('signing out', () => {
  let server;
  let browser;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const viewport of VIEWPORTS) {
    test(`at ${viewport.width}px signing out returns to the sign-in page for good`, async () => {
      const page = await openPage(browser, viewport);
      await signInToHome(page, server);

      const loggedOut = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/logout'));
      await mainNav(page).getByRole('button', { name: 'Sign out' }).click();
      assert.equal((await loggedOut).status(), 204);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/sign-in');
      await screenshot(page, 'signed-out', viewport);

      // The refresh token is gone: a reload or a bookmarked page stays signed out.
      assert.equal(await page.evaluate(() => localStorage.getItem('hallpass.refresh_token')), null);
      await page.goto(`${server.baseUrl}/account`);
      await page.waitForURL('**/sign-in');
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();

      assert.deepEqual(page.errors, []);
      await page.context().close();
    });
  }
});
