import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/**
 * The real crontab program, for the tests that need it. They edit the crontab of the user running
 * the tests, so they run only when CI is set or MTL_TEST_REAL_CRONTAB=1, and when a `crontab`
 * program exists (CI installs it: apt-get install cron). `skipReason` says why they do not run.
 */
const hasCrontab = spawnSync('crontab', ['-l']).error === undefined;
const asked = Boolean(process.env.CI || process.env.MTL_TEST_REAL_CRONTAB);
export const realCrontabAllowed = asked && hasCrontab;
export const realCrontabSkipReason = !hasCrontab
  ? 'skipped: no crontab program (Debian/Ubuntu: apt-get install cron)'
  : !asked
    ? 'skipped: edits your own crontab, so runs only with CI=1 or MTL_TEST_REAL_CRONTAB=1'
    : '';

/** The real crontab's text, or undefined when the user has none. */
export function realCrontab(): string | undefined {
  const r = spawnSync('crontab', ['-l'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout : undefined;
}

export function setRealCrontab(text: string | undefined): void {
  const r = text === undefined ? spawnSync('crontab', ['-r'], { encoding: 'utf8' }) : spawnSync('crontab', ['-'], { input: text, encoding: 'utf8' });
  if (text !== undefined && r.status !== 0) throw new Error(`crontab - failed: ${r.stderr}`);
}

const LOCK = path.join(os.tmpdir(), `mtl-real-crontab-${os.userInfo().uid}.lock`);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function lock(): Promise<void> {
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      fs.writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(fs.readFileSync(path.join(LOCK, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
      if (holder && !alive(holder)) fs.rmSync(LOCK, { recursive: true, force: true });
      else if (Date.now() > until) throw new Error(`the real crontab is held by ${LOCK} (pid ${holder || '?'})`);
      else await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * For one describe block: takes the real crontab for this test file alone (test files run in
 * parallel, and more than one uses it), saves it, and puts it back as it was afterwards.
 */
export function useRealCrontab(): void {
  let saved: string | undefined;
  beforeAll(async () => {
    await lock();
    saved = realCrontab();
  }, 70_000);
  afterAll(() => {
    try {
      setRealCrontab(saved);
    } finally {
      fs.rmSync(LOCK, { recursive: true, force: true });
    }
  });
}
