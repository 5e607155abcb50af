// Shared by the browser tests and the first-paint benchmark: `kisfo serve` in a child process and
// Debian's Chromium driven by playwright-core (no browser download). Not a test file itself.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

const root = new URL('../../../', import.meta.url).pathname;
/** Where screenshots go (gitignored). */
export const ARTIFACTS = join(root, 'artifacts', 'dashboard');
export const CHROMIUM = '/usr/bin/chromium';

/** A `kisfo serve` child on free loopback ports. */
export interface ServedLedger {
  realUrl: string;
  /** The admin listener (admin API and dashboard). */
  adminUrl: string;
  paperUrl: string;
  adminToken: string;
  /** The banner's one-time dashboard link. */
  link: string;
  /** The server's process id (for its RSS). */
  pid: number;
  stop(): Promise<void>;
}

/** Start `kisfo serve --port 0` (demo ledger, or `scenario`) and read its banner. */
export async function serveLedger(scenario?: string): Promise<ServedLedger> {
  const adminToken = randomBytes(18).toString('base64url');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(root, 'packages/cli/bin/kisfo.js'),
      'serve',
      '--port',
      '0',
      // `=`: a base64url token may start with "-", which would read as a flag otherwise.
      `--admin-token=${adminToken}`,
      '--rate-limit',
      '1000',
      // The views are checked against the demo as written (its series and dates).
      '--business-date',
      '20250320',
      ...(scenario === undefined ? [] : ['--scenario', scenario]),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  );
  let out = '';
  child.stdout!.setEncoding('utf8');
  child.stderr!.resume(); // request logs
  const banner = await new Promise<string>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`kisfo serve printed no banner:\n${out}`)), 60_000);
    child.stdout!.on('data', (s: string) => {
      out += s;
      if (out.includes('Ctrl-C to stop.')) {
        clearTimeout(t);
        resolve(out);
      }
    });
    child.once('exit', (code) => reject(new Error(`kisfo serve exited ${code}:\n${out}`)));
  });
  const url = (name: string) => new RegExp(`^\\s+${name}\\s+(http\\S+)`, 'm').exec(banner)?.[1];
  const realUrl = url('real')!;
  const link = url('dashboard')!;
  return {
    realUrl,
    adminUrl: url('admin')!.replace(/\/kisfo\/admin$/, ''),
    paperUrl: url('paper')!,
    adminToken,
    link,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A fresh headless Chromium profile. */
export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Launch Debian's Chromium headless with a throwaway profile. */
export async function launchBrowser(viewport = { width: 1280, height: 800 }): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`);
  const profile = mkdtempSync(join(tmpdir(), 'kisfo-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-gpu',
      '--disable-sync',
    ],
  });
  // Nothing but the loopback server: any other request is refused.
  await context.route(/^(?!http:\/\/127\.0\.0\.1[:/]).*/, (r) => r.abort());
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Save a screenshot under {@link ARTIFACTS}. */
export async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage });
}
