import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { expectAccessible } from '../lib/axe.js';
import { launchBrowser, openPage, screenshot, VIEWPORTS } from '../lib/browser.js';
import { mainNav, signIn } from '../lib/flows.js';
import { startServer } from '../lib/server.js';

describe('signing in as the admin', () => {
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
    test(`at ${viewport.width}px the admin lands on Home with the admin navigation`, async () => {
      const page = await openPage(browser, viewport);
      await page.goto(server.baseUrl);

      // Signed out, the app sends every address to the sign-in page.
      await page.waitForURL('**/sign-in');
      await screenshot(page, 'sign-in', viewport);
      await expectAccessible(page, 'sign-in');

      await signIn(page, server.adminEmail, server.adminPassword);
      await page.getByRole('heading', { name: 'Home' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/');
      await page.getByText(server.schoolName).first().waitFor();

      const nav = mainNav(page);
      for (const name of ['Home', 'My account', 'School settings']) {
        await nav.getByRole('link', { name }).waitFor();
      }
      await nav.getByRole('button', { name: 'Sign out' }).waitFor();
      assert.equal(await nav.getByRole('link', { name: 'Home' }).getAttribute('aria-current'), 'page');
      await screenshot(page, 'home-admin', viewport);

      assert.deepEqual(page.errors, []);
      await page.context().close();
    });
  }

  for (const viewport of VIEWPORTS) {
    test(`at ${viewport.width}px signing in works from the keyboard alone`, async () => {
      const page = await openPage(browser, viewport);
      await page.goto(`${server.baseUrl}/sign-in`);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      const focusedId = () => page.evaluate(() => document.activeElement?.id);

      await page.keyboard.press('Tab');
      assert.equal(await focusedId(), 'email');
      await page.keyboard.type(server.adminEmail);
      await page.keyboard.press('Tab');
      assert.equal(await focusedId(), 'password');
      await page.keyboard.type(server.adminPassword);
      await screenshot(page, 'sign-in-keyboard-focus', viewport);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Home' }).waitFor();

      // The skip link comes first and jumps past the navigation.
      await page.getByRole('link', { name: 'Skip to content' }).focus();
      await page.keyboard.press('Enter');
      assert.equal(await focusedId(), 'main');
      await page.keyboard.press('Shift+Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Sign out');

      assert.deepEqual(page.errors, []);
      await page.context().close();
    });
  }
});
