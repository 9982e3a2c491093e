// Browser journeys: the real server (`node src/main.ts`) on a fresh PGlite folder and a free port,
// driven by Debian's Chromium through playwright-core. Each journey file starts its own server.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '..');
const screenshots = path.join(root, 'docs', 'screenshots');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

// A bound, not a speed check: without a template folder a fresh PGlite folder migrates and seeds
// before the first answer, which takes most of a minute on a loaded 2-core machine.
const startLimitMs = 180_000;

export type Server = { url: string; stop(): Promise<void>; log(): string };

/** Starts the real server on a fresh data folder; stopped (and the folder removed) after the file. */
export async function startServer(env: Record<string, string> = {}): Promise<Server> {
  if (!existsSync(path.join(root, 'web', 'dist', 'index.html'))) {
    throw new Error('web/dist is missing: run `npm run build:web` (npm test does it before the journeys)');
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ed-e2e-'));
  // `npm test` migrates and seeds one PGlite folder before the journeys; each server starts on a
  // copy of it (the server sees a seeded folder and skips seeding), not on an empty one.
  const template = process.env.E2E_DATA_TEMPLATE;
  if (template && !env.DATABASE_URL) cpSync(template, dataDir, { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      INBOUND_SMTP_PORT: String(await freePort()),
      PUBLIC_URL: url,
      NODE_ENV: 'development',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + startLimitMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {}
    if (Date.now() > deadline)
      throw new Error(`server did not start in ${startLimitMs / 1000} s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const server = {
    url,
    log: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  after(() => server.stop());
  return server;
}

/** Debian's Chromium, headless, with a fresh profile; closed after the file. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = existsSync('/usr/lib/chromium/chromium')
    ? '/usr/lib/chromium/chromium'
    : '/usr/bin/chromium';
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  after(() => browser.close());
  return browser;
}

/** A page in its own context (own cookies) that records console errors and page errors. */
export async function openPage(
  browser: Browser,
  baseURL: string,
  viewport = { width: 1280, height: 800 },
): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const context = await browser.newContext({
    baseURL,
    viewport,
    timezoneId: 'America/New_York',
    locale: 'en-US',
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    // The browser logs every non-2xx response without its URL; responses are checked below instead.
    if (text.startsWith('Failed to load resource: the server responded with a status of')) return;
    errors.push(text);
  });
  page.on('response', (response) => {
    const status = response.status();
    const url = new URL(response.url());
    // 401 on /api/me is how the app learns nobody is signed in; 409 and 422 are refusals the app
    // shows to the person (the journeys check the message).
    if (status < 400 || status === 409 || status === 422 || (status === 401 && url.pathname === '/api/me'))
      return;
    errors.push(`HTTP ${status} ${response.request().method()} ${url.pathname}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return { page, context, errors };
}

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, email: string) {
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** An API call with the page's cookies (for setup the journey is not about). */
export async function apiCall<T = unknown>(
  page: Page,
  method: string,
  url: string,
  body?: unknown,
): Promise<T> {
  const response = await page.request.fetch(url, {
    method,
    data: body === undefined ? undefined : body,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
  });
  if (!response.ok()) throw new Error(`${method} ${url} → ${response.status()}: ${await response.text()}`);
  const text = await response.text();
  return (text ? JSON.parse(text) : null) as T;
}

const axeSource = readFileSync(path.join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

type AxeViolation = { id: string; impact: string; help: string; nodes: Array<{ target: string[] }> };

/** Runs axe-core (WCAG 2.1 A/AA) on the current page; returns readable violations (none expected). */
export async function audit(page: Page): Promise<string[]> {
  // Not a <script> tag: the page's Content-Security-Policy refuses inline scripts, as it should.
  // Evaluation through the DevTools protocol is not subject to the page's policy.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations;
  });
  return violations.map(
    (v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

/** Saves a screenshot under docs/screenshots when E2E_SCREENSHOTS=1 (the README shows them). */
export async function screenshot(page: Page, name: string) {
  if (process.env.E2E_SCREENSHOTS !== '1') return;
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, `${name}.png`) });
}
