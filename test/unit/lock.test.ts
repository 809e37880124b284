import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE, lockFolder } from '../../src/store/lock.js';
import { tempHome } from '../helpers/cli.js';

function folder(): string {
  const dir = tempHome();
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** The pid of a process that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

const holder = (fields: Record<string, unknown>) => JSON.stringify({ pid: process.pid, host: os.hostname(), token: 'someone', since: new Date().toISOString(), ...fields }) + '\n';

describe('the data folder lock', () => {
  it('is a file naming its holder while held, owner-only, and gone once released', async () => {
    const dir = folder();
    const lock = await lockFolder(dir);
    const owner = JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8'));
    expect(owner).toMatchObject({ pid: process.pid, host: os.hostname() });
    expect(fs.statSync(path.join(dir, LOCK_FILE)).mode & 0o777).toBe(0o600);
    lock.verify();
    lock.release();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('waits for a live holder, then takes the lock', async () => {
    const dir = folder();
    const first = await lockFolder(dir);
    let second = false;
    const waiting = lockFolder(dir).then((lock) => {
      second = true;
      return lock;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(second).toBe(false);
    first.release();
    (await waiting).release();
    expect(second).toBe(true);
  });

  it('never takes over a live holder, however long it holds, and says who it waited for', async () => {
    const dir = folder();
    fs.writeFileSync(path.join(dir, LOCK_FILE), holder({ since: '2020-01-01T00:00:00.000Z' }));
    fs.utimesSync(path.join(dir, LOCK_FILE), new Date('2020-01-01'), new Date('2020-01-01'));
    await expect(lockFolder(dir, 300)).rejects.toThrow(
      new RegExp(`mtl \\(process ${process.pid}\\) has held .*mtl\\.lock for over [\\d.]+ s; nothing was changed`),
    );
    expect(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).toContain('"token":"someone"');
  });

  it('takes over at once the lock of a process that is gone, of a reused pid, or one no mtl could have written', async () => {
    for (const left of [holder({ pid: deadPid() }), holder({ start: 'not-this-process' }), '', 'garbage', '{"pid":"x"}']) {
      const dir = folder();
      fs.writeFileSync(path.join(dir, LOCK_FILE), left);
      const started = Date.now();
      const lock = await lockFolder(dir, 5_000);
      expect(Date.now() - started).toBeLessThan(1_000);
      lock.verify();
      lock.release();
    }
  });

  it('clears a takeover left half done by a process that died, and takes the lock', async () => {
    const dir = folder();
    const left = holder({ pid: deadPid() });
    fs.writeFileSync(path.join(dir, LOCK_FILE), left);
    fs.writeFileSync(path.join(dir, `${LOCK_FILE}.break`), left);
    const lock = await lockFolder(dir, 5_000);
    lock.release();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('judges a lock from another host by its age alone', async () => {
    const dir = folder();
    const file = path.join(dir, LOCK_FILE);
    fs.writeFileSync(file, holder({ host: 'the-other-laptop' }));
    await expect(lockFolder(dir, 200)).rejects.toThrow(/mtl \(process \d+ on the-other-laptop\)/);
    fs.utimesSync(file, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    (await lockFolder(dir, 200)).release();
  });

  it('tells its holder when the lock was taken from it, and then leaves the new holder alone', async () => {
    const dir = folder();
    const lock = await lockFolder(dir);
    fs.writeFileSync(path.join(dir, LOCK_FILE), holder({ token: 'thief' }));
    expect(() => lock.verify()).toThrow(/Another process took over .*mtl\.lock while this command held it; nothing more was written/);
    lock.release();
    expect(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).toContain('thief');
  });

  it('refuses a link (even a broken one) in the lock\'s place at once, rather than wait on it', async () => {
    const dir = folder();
    fs.symlinkSync('/nowhere', path.join(dir, LOCK_FILE));
    await expect(lockFolder(dir, 5_000)).rejects.toThrow(/mtl\.lock is not a plain file, not mtl's lock; nothing was changed/);
  });

  it('refuses a folder in the lock\'s place, naming it, and leaves no temporary file', async () => {
    const dir = folder();
    fs.mkdirSync(path.join(dir, LOCK_FILE));
    await expect(lockFolder(dir, 200)).rejects.toThrow(/mtl\.lock is a folder, not mtl's lock; nothing was changed/);
    expect(fs.readdirSync(dir)).toEqual([LOCK_FILE]);
  });
});
