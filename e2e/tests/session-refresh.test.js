import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launchBrowser, openPage, screenshot, VIEWPORTS } from '../lib/browser.js';
import { mainNav, signInToHome } from '../lib/flows.js';
import { startServer } from '../lib/server.js';

const isRefresh = (response) => response.url().endsWith('/api/v1/auth/refresh');
const storedRefreshToken = (page) => page.evaluate(() => localStorage.getItem('hallpass.refresh_token'));

describe('keeping the session', () => {
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
    test(`at ${viewport.width}px a refused access token is refreshed once and the call retried`, async () => {
      const page = await openPage(browser, viewport);
      await signInToHome(page, server);
      const firstToken = await storedRefreshToken(page);

      // The next school read answers as if the access token had expired.
      let refused = 0;
      await page.route('**/api/v1/school', (route) => {
        if (route.request().method() === 'GET' && refused === 0) {
          refused += 1;
          return route.fulfill({
            status: 401,
            contentType: 'application/json',
            body: JSON.stringify({ error: { code: 'unauthenticated', message: 'The access token expired.' } }),
          });
        }
        return route.continue();
      });
      const refreshes = [];
      page.on('response', (response) => {
        if (isRefresh(response)) refreshes.push(response.status());
      });
      const refreshed = page.waitForResponse(isRefresh);
      await mainNav(page).getByRole('link', { name: 'School settings' }).click();
      assert.equal((await refreshed).status(), 200);

      assert.equal(await page.getByLabel('School name').inputValue(), server.schoolName);
      assert.equal(refused, 1);
      assert.deepEqual(refreshes, [200]);
      const secondToken = await storedRefreshToken(page);
      assert.ok(secondToken && secondToken !== firstToken, 'the rotated refresh token was stored');
      await screenshot(page, 'after-silent-refresh', viewport);

      // A refresh token the server refuses ends the session at the next start-up.
      await page.evaluate(() => localStorage.setItem('hallpass.refresh_token', 'not-a-real-token'));
      const refusedRefresh = page.waitForResponse(isRefresh);
      await page.reload();
      assert.equal((await refusedRefresh).status(), 401);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      assert.equal(await storedRefreshToken(page), null);

      assert.deepEqual(page.errors.filter((text) => !text.includes('401')), []);
      await page.context().close();
    });
  }

  for (const viewport of VIEWPORTS) {
    test(`at ${viewport.width}px concurrent refused calls share one refresh`, async () => {
      const page = await openPage(browser, viewport);
      await signInToHome(page, server);
      const firstToken = await storedRefreshToken(page);

      // Opening School settings reads /me (the shell) and /school (the page) at once. Both
      // are refused together, as when the access token expires under two calls in flight.
      const held = [];
      let releaseBoth;
      const bothHeld = new Promise((resolve) => {
        releaseBoth = resolve;
      });
      await page.route(/\/api\/v1\/(me|school)$/, async (route) => {
        if (route.request().method() !== 'GET' || held.length === 2) return route.continue();
        held.push(route);
        if (held.length === 2) releaseBoth();
        await bothHeld;
        return route.fulfill({
          status: 401,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'unauthenticated', message: 'The access token expired.' } }),
        });
      });
      const refusedDelivered = new Set();
      const allRefusedDelivered = new Promise((resolve) => {
        page.on('requestfinished', async (request) => {
          const response = await request.response();
          if (response?.status() === 401 && /\/api\/v1\/(me|school)$/.test(request.url())) {
            refusedDelivered.add(request.url());
            if (refusedDelivered.size === 2) resolve();
          }
        });
      });
      // The first refresh waits until the page has both refusals, so that a client without
      // single-flight would have sent a second refresh by then (and been signed out for it).
      let refreshRequests = 0;
      await page.route('**/api/v1/auth/refresh', async (route) => {
        refreshRequests += 1;
        if (refreshRequests === 1) {
          await allRefusedDelivered;
          await page.evaluate(() => 0);
        }
        return route.continue();
      });

      const retriedSchool = page.waitForResponse(
        (response) => response.url().endsWith('/api/v1/school') && response.status() === 200,
      );
      await mainNav(page).getByRole('link', { name: 'School settings' }).click();
      await retriedSchool;
      assert.equal(await page.getByLabel('School name').inputValue(), server.schoolName);
      await mainNav(page).getByRole('button', { name: 'Sign out' }).waitFor();
      assert.equal(refreshRequests, 1);
      const secondToken = await storedRefreshToken(page);
      assert.ok(secondToken && secondToken !== firstToken, 'the rotated refresh token was stored');
      await screenshot(page, 'after-shared-refresh', viewport);

      assert.deepEqual(page.errors.filter((text) => !text.includes('401')), []);
      await page.context().close();
    });
  }

  for (const viewport of VIEWPORTS) {
    test(`at ${viewport.width}px tabs that start together take turns with the refresh token`, async () => {
      const page = await openPage(browser, viewport);
      await signInToHome(page, server);
      const refreshes = [];
      page.context().on('response', (response) => {
        if (isRefresh(response)) refreshes.push(response.status());
      });

      // A second tab of the same browser signs in from the stored refresh token...
      const other = await page.context().newPage();
      await other.goto(server.baseUrl);
      await other.getByRole('heading', { name: 'Home' }).waitFor();
      // ...and then both start at the same moment, as when a browser restores its tabs.
      // Spending one refresh token twice would revoke the family and sign both out.
      await Promise.all([page.reload(), other.reload()]);
      await page.getByRole('heading', { name: 'Home' }).waitFor();
      await other.getByRole('heading', { name: 'Home' }).waitFor();
      await page.reload();
      await page.getByRole('heading', { name: 'Home' }).waitFor();
      assert.deepEqual(refreshes, [200, 200, 200, 200]);
      await screenshot(other, 'second-tab', viewport);

      assert.deepEqual(page.errors, []);
      await page.context().close();
    });
  }
});
