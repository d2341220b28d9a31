import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { studentsNamed } from '../lib/api.js';
import { openPage, screenshot, VIEWPORTS } from '../lib/browser.js';
import { openAccounts, searchAccounts, signInToHome } from '../lib/flows.js';
import { serverWithAdmin } from '../lib/suite.js';

const isBulk = (response) => response.url().endsWith('/api/v1/users/bulk');

describe('bulk changes on the Accounts page', () => {
  const suite = serverWithAdmin();

  for (const viewport of VIEWPORTS) {
    test(`at ${viewport.width}px the admin suspends two students at once`, async () => {
      const tag = `Bulk${viewport.width}`;
      await suite.api.createStudents(studentsNamed(tag, 4));
      const page = await openPage(suite.browser, viewport);
      await signInToHome(page, suite.server);
      await openAccounts(page);
      await searchAccounts(page, tag);
      await page.getByText('Showing 4 students.').waitFor();

      await page.getByRole('checkbox', { name: `Select Student 01 ${tag}` }).check();
      await page.getByRole('checkbox', { name: `Select Student 03 ${tag}` }).check();
      const bar = page.getByRole('region', { name: '2 students selected' });
      await bar.waitFor();
      await bar.getByLabel('Change status to').selectOption({ label: 'Suspended' });
      await bar.getByText('Hidden everywhere').waitFor();
      await screenshot(page, 'accounts-bulk-selected', viewport);
      const changed = page.waitForResponse(isBulk);
      await bar.getByRole('button', { name: 'Apply status' }).click();
      const response = await changed;
      assert.equal(response.status(), 200);
      assert.deepEqual(JSON.parse(response.request().postData()).status, 'suspended');
      await page.getByText('Set 2 students to Suspended.').waitFor();

      // Suspended accounts leave the default list, and the selection with them…
      await page.getByText('Showing 2 students.').waitFor();
      assert.equal(await page.getByRole('button', { name: `${tag}, Student 01` }).count(), 0);
      assert.equal(await page.getByRole('button', { name: `${tag}, Student 03` }).count(), 0);
      await page.getByRole('button', { name: `${tag}, Student 02` }).waitFor();
      assert.equal(await bar.count(), 0, 'nothing is selected any more');

      // …and show under the Suspended filter, and only there.
      const suspendedList = page.waitForResponse((r) => r.url().includes('status=suspended'));
      await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Suspended' });
      await suspendedList;
      await page.getByText('Showing 2 students.').waitFor();
      await page.getByRole('button', { name: `${tag}, Student 01` }).waitFor();
      await page.getByRole('button', { name: `${tag}, Student 03` }).waitFor();
      assert.equal(await page.getByRole('button', { name: `${tag}, Student 02` }).count(), 0);
      await screenshot(page, 'accounts-suspended-filter', viewport);

      assert.deepEqual(page.errors, []);
      await page.context().close();
    });
  }

  test('a long list comes in pages of fifty', async () => {
    await suite.api.createStudents(studentsNamed('Paged', 55));
    const page = await openPage(suite.browser, VIEWPORTS[1]);
    await signInToHome(page, suite.server);
    await openAccounts(page);
    await searchAccounts(page, 'Paged');
    await page.getByText('Showing 50 students, more below.').waitFor();
    const next = page.waitForResponse((r) => r.url().includes('/api/v1/users?') && r.url().includes('cursor='));
    await page.getByRole('button', { name: 'Load more' }).click();
    assert.equal((await next).status(), 200);
    await page.getByText('Showing 55 students.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Load more' }).count(), 0);
    await page.getByRole('button', { name: 'Paged, Student 55' }).waitFor();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('the select-all box ticks every row shown, and a teacher gets a permission in bulk', async () => {
    for (const name of ['Chen', 'Patel']) {
      await suite.api.call('POST', '/users', { role: 'teacher', first_name: 'Pat', last_name: name, email: `${name}@lincoln.example` });
    }
    const page = await openPage(suite.browser, VIEWPORTS[1]);
    await signInToHome(page, suite.server);
    await openAccounts(page);
    await page.getByRole('tab', { name: 'Teachers' }).click();
    await page.getByText('Showing 2 teachers.').waitFor();
    await page.getByRole('checkbox', { name: 'Select all shown' }).check();
    const bar = page.getByRole('region', { name: '2 teachers selected' });
    await bar.getByLabel('Permission').selectOption({ label: 'Manage rooms' });
    const changed = page.waitForResponse(isBulk);
    await bar.getByRole('button', { name: 'Grant' }).click();
    assert.equal((await changed).status(), 200);
    await page.getByText('Gave 2 teachers the Manage rooms permission.').waitFor();
    await page.getByRole('row', { name: /Chen, Pat/ }).getByText('Hall monitor, Send passes, Manage rooms').waitFor();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
