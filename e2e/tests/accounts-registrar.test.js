import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { expectAccessible } from '../lib/axe.js';
import { openPage, screenshot, VIEWPORTS } from '../lib/browser.js';
import { openAccounts, searchAccounts, signIn } from '../lib/flows.js';
import { createPerson, PASSWORD } from '../lib/hallway.js';
import { serverWithAdmin } from '../lib/suite.js';

const [PHONE, LAPTOP] = VIEWPORTS;

describe('a registrar, who holds manage_accounts but is no admin', () => {
  const suite = serverWithAdmin();

  for (const viewport of [PHONE, LAPTOP]) {
    test(`at ${viewport.width}px manages students and teachers but cannot hand out permissions`, async () => {
      const tag = `Reg${viewport.width}`;
      const registrar = await createPerson(suite.server, suite.api, 'teacher', 'Rita', tag, {
        permissions: ['manage_accounts', 'hall_monitor'],
      });
      const teacher = await suite.api.call('POST', '/users', {
        role: 'teacher',
        first_name: 'Tom',
        last_name: tag,
        email: `tom.${tag}@lincoln.example`.toLowerCase(),
        permissions: ['hall_monitor'],
      });
      const page = await openPage(suite.browser, viewport);
      await page.goto(suite.server.baseUrl);
      await signIn(page, registrar.email, PASSWORD);
      await page.getByRole('heading', { name: 'Home' }).waitFor();
      await openAccounts(page);

      // A teacher's panel shows the permissions, but only an admin may change them.
      await page.getByRole('tab', { name: 'Teachers' }).click();
      await searchAccounts(page, tag);
      await page.getByRole('button', { name: `${tag}, Tom` }).click();
      const panel = page.getByRole('dialog', { name: `Tom ${tag}` });
      await panel.getByText('Permissions: Hall monitor. Only an admin changes permissions.').waitFor();
      assert.equal(await panel.getByLabel('Hall monitor').count(), 0, 'no permission switches');
      await expectAccessible(page, 'a teacher seen by a registrar');
      await screenshot(page, 'registrar-teacher-panel', viewport, { fullPage: false });
      await panel.getByLabel('Email').fill(`thomas.${tag}@lincoln.example`.toLowerCase());
      const saved = page.waitForResponse((r) => r.url().endsWith(`/users/${teacher.id}`) && r.request().method() === 'PATCH');
      await panel.getByRole('button', { name: 'Save changes' }).click();
      assert.deepEqual(JSON.parse((await saved).request().postData()), { email: `thomas.${tag}@lincoln.example`.toLowerCase() });
      await panel.getByText('Changes saved.').waitFor();
      await page.keyboard.press('Escape');

      // With teachers ticked, the bulk bar offers no permission to grant or revoke.
      await page.getByRole('checkbox', { name: 'Select all shown' }).check();
      await page.getByRole('region', { name: /selected/ }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Grant' }).count(), 0);
      await page.getByRole('button', { name: 'Clear selection' }).click();

      // Adding a teacher: no admin role to choose, and the teacher gets what the registrar holds of
      // a teacher's usual permissions.
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      const add = page.getByRole('dialog', { name: 'Add an account' });
      const roles = await add.getByLabel('Role').locator('option').allTextContents();
      assert.ok(!roles.some((role) => /admin/i.test(role)), `${roles}`);
      await add.getByLabel('Role').selectOption({ label: 'Teacher' });
      await add.getByText("New staff get their role's usual permissions that you hold yourself").waitFor();
      await add.getByLabel('First name').fill('Nina');
      await add.getByLabel('Last name').fill(tag);
      await add.getByLabel('Email').fill(`nina.${tag}@lincoln.example`.toLowerCase());
      await expectAccessible(page, 'adding an account as a registrar');
      const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/users') && r.request().method() === 'POST');
      await add.getByRole('button', { name: 'Add account' }).click();
      const answer = await created;
      assert.equal(answer.status(), 201);
      assert.deepEqual((await answer.json()).permissions, ['hall_monitor']);
      await add.waitFor({ state: 'hidden' });
      await page.getByText(`Added Nina ${tag}.`).waitFor();
      await screenshot(page, 'registrar-added-teacher', viewport);
    });
  }
});
