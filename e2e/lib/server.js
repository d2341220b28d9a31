// Starts the real `hallpass serve` on a free port with a fresh SQLite data dir.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const SCHOOL_NAME = 'Lincoln High School';
export const ADMIN_EMAIL = 'admin@lincoln.example';
export const ADMIN_PASSWORD = 'correct horse battery staple';

const READY_TIMEOUT_MS = 30_000;

/**
 * Starts a server. With `adminPassword: null` the server invents a temporary password, prints
 * it and makes the admin change it at first sign-in; it is returned as `temporaryPassword`.
 */
export async function startServer({ adminPassword = ADMIN_PASSWORD } = {}) {
  const bin = path.resolve(repoRoot, process.env.HALLPASS_BIN ?? 'target/debug/hallpass');
  const webDir = path.resolve(repoRoot, process.env.HALLPASS_WEB_DIR ?? 'dist');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hallpass-e2e-'));
  const port = await freePort();
  // Nothing from the caller's HALLPASS_* settings (a PostgreSQL URL, a demo flag) leaks in.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('HALLPASS_')),
  );
  const env = {
    ...inherited,
    HALLPASS_BIND: `127.0.0.1:${port}`,
    HALLPASS_DATA_DIR: dataDir,
    HALLPASS_WEB_DIR: webDir,
    HALLPASS_BOOTSTRAP_SCHOOL_NAME: SCHOOL_NAME,
    HALLPASS_BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
  };
  if (adminPassword !== null) env.HALLPASS_BOOTSTRAP_ADMIN_PASSWORD = adminPassword;

  const child = spawn(bin, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let temporaryPassword = null;
  const sawTemporaryPassword = new Promise((resolve) => {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = output.match(/temporary password: (\S+)/);
      if (match && temporaryPassword === null) {
        temporaryPassword = match[1];
        resolve();
      }
    });
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const baseUrl = `http://127.0.0.1:${port}`;
  const server = {
    baseUrl,
    adminEmail: ADMIN_EMAIL,
    adminPassword,
    schoolName: SCHOOL_NAME,
    get temporaryPassword() {
      return temporaryPassword;
    },
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };

  try {
    const ready = waitForHealth(baseUrl).then(() =>
      adminPassword === null ? sawTemporaryPassword : undefined,
    );
    const died = exited.then(({ code, signal }) => {
      throw new Error(`hallpass exited early (code ${code}, signal ${signal}):\n${output}`);
    });
    await Promise.race([ready, died, timeout(READY_TIMEOUT_MS, () => `hallpass was not ready:\n${output}`)]);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

async function waitForHealth(baseUrl) {
  for (;;) {
    try {
      const response = await fetch(`${baseUrl}/api/v1/health`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function timeout(ms, message) {
  return new Promise((_, reject) => {
    const timer = setTimeout(() => reject(new Error(message())), ms);
    timer.unref();
  });
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
