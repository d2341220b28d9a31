// The set-up most suites share: one server, one browser and the admin's API client.
import { after, before } from 'node:test';

import { adminApi } from './api.js';
import { launchBrowser } from './browser.js';
import { startServer } from './server.js';

/**
 * Starts them before the suite's tests and stops them after. The returned object is filled in
 * once `before` has run: read `suite.server`, `suite.browser`, `suite.api` inside tests.
 */
export function serverWithAdmin() {
  const suite = {};
  before(async () => {
    suite.server = await startServer();
    suite.browser = await launchBrowser();
    suite.api = await adminApi(suite.server);
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}
