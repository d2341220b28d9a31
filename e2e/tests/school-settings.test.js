import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launchBrowser, openPage, screenshot, VIEWPORTS } from '../lib/browser.js';
import { mainNav, signInToHome } from '../lib/flows.js';
import { startServer } from '../lib/server.js';

// Far from UTC and from the test machine's zone, so that a time shown in the wrong zone shows.
const TIME_ZONE = 'Pacific/Kiritimati';
// ICU versions differ in which space they put before "AM".
const spaces = (text) => text.replace(/\s+/gu, ' ').trim();

describe('school settings', () => {
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

  for (const [index, viewport] of VIEWPORTS.entries()) {
    test(`at ${viewport.width}px the admin edits and saves the settings`, async () => {
      const page = await openPage(browser, viewport);
      await signInToHome(page, server);
      await mainNav(page).getByRole('link', { name: 'School settings' }).click();
      await page.getByRole('heading', { name: 'School settings' }).waitFor();

      const minutes = page.getByLabel('Default pass length (minutes)');
      await minutes.fill('0');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Default pass length (minutes) must be between 1 and 240 minutes.').waitFor();
      assert.equal(await minutes.getAttribute('aria-invalid'), 'true');

      const passMinutes = String(6 + index);
      await page.getByLabel('School name').fill(`${server.schoolName} North`);
      await page.getByLabel('Time zone').fill(TIME_ZONE);
      await minutes.fill(passMinutes);
      await page.getByLabel('Hallway capacity').fill('40');
      const saved = page.waitForResponse(
        (response) => response.url().endsWith('/api/v1/school') && response.request().method() === 'PATCH',
      );
      await page.getByRole('button', { name: 'Save settings' }).click();
      const savedResponse = await saved;
      assert.equal(savedResponse.status(), 200);
      const school = await savedResponse.json();
      await page.getByRole('status').getByText('School settings saved.').waitFor();

      // Times show in the school's zone, whatever the browser's own zone is.
      const expected = new Intl.DateTimeFormat('en-US', {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: TIME_ZONE,
      }).format(new Date(school.updated_at));
      const lastChanged = await page.getByText(/^Last changed/).textContent();
      assert.equal(spaces(lastChanged), spaces(`Last changed ${expected}`));
      // The header follows the new name at once.
      await page.getByRole('banner').getByText(`${server.schoolName} North`).waitFor();
      await screenshot(page, 'school-settings', viewport);

      await page.reload();
      await page.getByRole('heading', { name: 'School settings' }).waitFor();
      await page.getByLabel('Default pass length (minutes)').waitFor();
      assert.equal(await page.getByLabel('Default pass length (minutes)').inputValue(), passMinutes);
      assert.equal(await page.getByLabel('Time zone').inputValue(), TIME_ZONE);
      assert.equal(await page.getByLabel('Hallway capacity').inputValue(), '40');

      assert.deepEqual(page.errors, []);
      await page.context().close();
    });
  }
});
