// Time to first screen on a throttled phone: Chromium at 4x slower CPU on "Fast 3G"
// (DevTools' preset: 562.5 ms round trip, 1.44 Mbit/s down, 675 kbit/s up), cold cache.
//
//   node e2e/bench/first-screen.js [runs]      (default 5 runs; prints each and the median)
//   HALLPASS_BIN      the server (default target/debug/hallpass)
//   HALLPASS_WEB_DIR  the built SPA (default dist)
//
// It starts `hallpass serve --demo` on a fresh data dir and measures, per run, in a new
// browser context (empty cache and storage):
//   sign-in         opening the app until the sign-in form shows
//   parent sign-in  from pressing "Sign in" as a demo parent until their students show
//   student sign-in from pressing "Sign in" as a demo student until "Make a pass" shows
//   parent cold     a returning parent (refresh token stored) opening the app until their
//                   students show
//   student cold    the same for a returning student, until "Make a pass" shows
// Each time is from the navigation's (or the click's) start to the animation frame after the
// awaited element entered the DOM.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { launchBrowser } from '../lib/browser.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const RUNS = Number(process.argv[2] ?? 5);
const PASSWORD = 'hallpass-demo';
const FAST_3G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: (1.6 * 1000 * 1000 * 0.9) / 8,
  uploadThroughput: (750 * 1000 * 0.9) / 8,
};
const PARENT_SCREEN = 'a.student-card';
const STUDENT_SCREEN = '#make-pass-title';
const SIGN_IN_SCREEN = 'form button[type=submit]';

// Runs in the page: the time (since navigation start) of the frame after `selector` appears.
function watchFor(selector) {
  window.__seen = new Promise((resolve) => {
    const check = () => {
      if (!document.querySelector(selector)) return false;
      requestAnimationFrame(() => resolve(performance.now()));
      return true;
    };
    const start = () => {
      if (check()) return;
      const observer = new MutationObserver(() => check() && observer.disconnect());
      observer.observe(document, { childList: true, subtree: true });
    };
    start();
  });
}

async function startDemo() {
  const bin = path.resolve(repoRoot, process.env.HALLPASS_BIN ?? 'target/debug/hallpass');
  const webDir = path.resolve(repoRoot, process.env.HALLPASS_WEB_DIR ?? 'dist');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hallpass-bench-'));
  const port = await freePort();
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('HALLPASS_')));
  Object.assign(env, { HALLPASS_BIND: `127.0.0.1:${port}`, HALLPASS_DATA_DIR: dataDir, HALLPASS_WEB_DIR: webDir });
  const child = spawn(bin, ['serve', '--demo'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.setEncoding('utf8');
  const ready = new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (/linked children/.test(output)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`hallpass exited (${code}):\n${output}`)));
  });
  await ready;
  const signIn = (role) => output.match(new RegExp(`^\\s+${role}\\s+(\\S+)`, 'm'))[1];
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    parent: signIn('parent'),
    student: signIn('student'),
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function throttledPage(browser) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'en-US' });
  context.setDefaultTimeout(120_000);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.clearBrowserCache');
  await cdp.send('Network.emulateNetworkConditions', FAST_3G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return page;
}

/** Opens the app cold and signs in as `email`: [sign-in screen, first screen after sign-in]. */
async function signInRun(browser, server, email, screen) {
  const page = await throttledPage(browser);
  await page.addInitScript(watchFor, SIGN_IN_SCREEN);
  await page.goto(`${server.baseUrl}/`);
  const signInScreen = await page.evaluate(() => window.__seen);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  const clicked = await page.evaluate((selector) => {
    window.__seenAfter = null;
    const at = performance.now();
    new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (document.querySelector(selector)) {
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now()));
        }
      });
      observer.observe(document, { childList: true, subtree: true });
    }).then((seen) => {
      window.__seenAfter = seen;
    });
    return at;
  }, screen);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator(screen).first().waitFor();
  await page.waitForFunction(() => window.__seenAfter !== null);
  const afterSignIn = (await page.evaluate(() => window.__seenAfter)) - clicked;
  await page.context().close();
  return [signInScreen, afterSignIn];
}

/** A returning user (refresh token in localStorage) opening the app cold. */
async function coldRun(browser, server, email, screen) {
  const session = await (
    await fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    })
  ).json();
  const page = await throttledPage(browser);
  await page.addInitScript((token) => {
    if (!localStorage.getItem('hallpass.refresh_token')) localStorage.setItem('hallpass.refresh_token', token);
  }, session.refresh_token);
  await page.addInitScript(watchFor, screen);
  await page.goto(`${server.baseUrl}/`);
  const seen = await page.evaluate(() => window.__seen);
  await page.context().close();
  return seen;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const server = await startDemo();
const browser = await launchBrowser();
const times = {
  'sign-in': [],
  'parent sign-in': [],
  'student sign-in': [],
  'parent cold': [],
  'student cold': [],
};
try {
  for (let run = 1; run <= RUNS; run += 1) {
    const [signIn, parent] = await signInRun(browser, server, server.parent, PARENT_SCREEN);
    const [, student] = await signInRun(browser, server, server.student, STUDENT_SCREEN);
    times['sign-in'].push(signIn);
    times['parent sign-in'].push(parent);
    times['student sign-in'].push(student);
    times['parent cold'].push(await coldRun(browser, server, server.parent, PARENT_SCREEN));
    times['student cold'].push(await coldRun(browser, server, server.student, STUDENT_SCREEN));
    console.log(`run ${run}: ${Object.entries(times).map(([name, all]) => `${name} ${Math.round(all.at(-1))} ms`).join(', ')}`);
  }
  console.log(`median of ${RUNS}:`);
  for (const [name, all] of Object.entries(times)) {
    console.log(`  ${name.padEnd(16)} ${Math.round(median(all))} ms`);
  }
} finally {
  await browser.close();
  await server.stop();
}
