import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launchBrowser, openPage, screenshot, VIEWPORTS } from '../lib/browser.js';
import { signIn } from '../lib/flows.js';
import { startServer } from '../lib/server.js';

describe('a wrong password', () => {
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
    test(`at ${viewport.width}px shows the API's message and stays on sign-in`, async () => {
      const page = await openPage(browser, viewport);
      await page.goto(`${server.baseUrl}/sign-in`);

      const answered = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/login'));
      await signIn(page, server.adminEmail, 'not the password');
      const response = await answered;
      assert.equal(response.status(), 401);
      const { error } = await response.json();

      const alert = page.getByRole('alert');
      await alert.waitFor();
      assert.equal((await alert.textContent()).trim(), error.message);
      assert.equal(error.message, 'Email or password is incorrect.');
      assert.equal(new URL(page.url()).pathname, '/sign-in');
      await screenshot(page, 'wrong-password', viewport);

      // A browser that logs a 401 as a console error is not an app error.
      assert.deepEqual(page.errors.filter((text) => !text.includes('401')), []);
      await page.context().close();
    });
  }
});
