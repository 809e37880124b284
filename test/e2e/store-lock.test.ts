// The data folder's lock under processes that stop or die: apart from the many-writers tests so that
// its long waits (a stopped writer) run beside them.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, mtl, mtlAsync, ok, readStore, ROOT, tempHome } from '../helpers/cli.js';
import { generated } from '../helpers/store-fixture.js';

const NOW = { env: { MTL_NOW: '2027-02-10T09:00:00' } };

describe('the lock', () => {
  it('stays with a writer that is stopped (Ctrl-Z) for longer than any stale time; the next writer waits, and both entries are kept', async () => {
    const home = generated(0.3);
    const backup = path.join(path.dirname(home), 'other.json');
    execFileSync(process.execPath, [path.join(ROOT, 'test/bench/make-store.mjs'), path.join(path.dirname(home), 'other'), '0.5']);
    await ok(path.join(path.dirname(home), 'other'), ['export', '--output', backup]);
    // A merge of a big backup holds the lock long enough to be stopped while holding it.
    const first = spawn(process.execPath, [BIN, 'import', backup, '--merge'], { env: { ...process.env, MTL_HOME: home, ...NOW.env }, stdio: 'ignore' });
    const firstDone = new Promise<number>((resolve) => first.on('close', (code) => resolve(code ?? -1)));
    const lock = path.join(home, 'mtl.lock');
    const holder = () => {
      try {
        return JSON.parse(fs.readFileSync(lock, 'utf8')).pid;
      } catch {
        return undefined;
      }
    };
    for (let i = 0; i < 5000 && holder() !== first.pid; i++) await new Promise((r) => setTimeout(r, 1));
    process.kill(first.pid!, 'SIGSTOP');
    expect(JSON.parse(fs.readFileSync(lock, 'utf8')).pid).toBe(first.pid);
    const second = mtlAsync(home, ['praise', 'Report2', 'B, written while the first writer is stopped'], NOW);
    await new Promise((r) => setTimeout(r, 12_000));
    expect(JSON.parse(fs.readFileSync(lock, 'utf8')).pid).toBe(first.pid);
    process.kill(first.pid!, 'SIGCONT');
    const [firstCode, secondRun] = [await firstDone, await second];
    expect(firstCode).toBe(0);
    expect(secondRun.code).toBe(0);
    expect(secondRun.stderr).toContain(`Waiting for mtl (process ${first.pid}) to finish writing`);
    const praise = readStore(home).praise;
    expect(praise.filter((p: { text: string }) => p.text.startsWith('B, written'))).toHaveLength(1);
    expect(praise.length).toBeGreaterThan(5000);
  }, 120_000);

  it('held by a stopped mtl does not stop the weekly nudge: it prints what is due, unrecorded', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Sam'], NOW);
    // This test's own process stands for an mtl stopped with Ctrl-Z: alive, holding the lock.
    fs.writeFileSync(path.join(home, 'mtl.lock'), JSON.stringify({ pid: process.pid, host: os.hostname(), token: 'stopped', since: '2027-02-10T08:00:00Z' }));
    const r = await mtl(home, ['nudge'], { env: { MTL_NOW: '2027-02-20T09:00:00' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Sam: never recognised');
    expect(r.stderr).toContain(`mtl (process ${process.pid}) has held ${path.join(home, 'mtl.lock')} for over`);
    expect(r.stderr).toMatch(/ for over [\d.]+ s: this run was not recorded\.\n/);
    expect(fs.existsSync(path.join(home, 'nudge.json'))).toBe(false);
    fs.rmSync(path.join(home, 'mtl.lock'));
  });

  it('left by a process that is gone is taken over at once, without a wait', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Sam']);
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    fs.writeFileSync(path.join(home, 'mtl.lock'), JSON.stringify({ pid: gone, host: os.hostname(), token: 'x', since: '2027-01-01T00:00:00Z' }));
    const r = await mtl(home, ['praise', 'sam', 'after a crash']);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).not.toContain('Waiting');
    expect(fs.existsSync(path.join(home, 'mtl.lock'))).toBe(false);
  });
});

