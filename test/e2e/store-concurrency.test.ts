// The data folder under many processes at once: writers, readers, a stopped writer, a dead one.
// Apart from store.test.ts so that its long waits run beside other test files.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, mtl, mtlAsync, ok, readStore, ROOT, tempHome, type Result } from '../helpers/cli.js';

const NOW = { env: { MTL_NOW: '2027-02-10T09:00:00' } };

/** A data folder made by the bench's generator (through mtl import), at `scale` of the full size. */
function generated(scale: number): string {
  const home = tempHome();
  execFileSync(process.execPath, [path.join(ROOT, 'test/bench/make-store.mjs'), home, String(scale)]);
  return home;
}

describe('many writers at once', () => {
  it('100 mixed writers started together on a full-size store all exit 0, and every entry is kept', async () => {
    const home = generated(1);
    const before = readStore(home);
    const writes = Array.from({ length: 100 }, (_, i) => {
      const who = `Report${(i % 50) + 1}`;
      switch (i % 5) {
        case 0:
          return ['praise', who, `praise from writer ${i}`];
        case 1:
          return ['feedback', who, `feedback from writer ${i}`];
        case 2:
          return ['team', 'note', who, `note from writer ${i}`];
        case 3:
          return ['goals', 'check-in', `g${i + 1}`, `check-in from writer ${i}`];
        default:
          return ['nudge'];
      }
    });
    const runs = await Promise.all(writes.map((args) => mtlAsync(home, args, NOW)));
    expect(runs.filter((r) => r.code !== 0)).toEqual([]);
    const after = readStore(home);
    const texts = (list: { text: string }[]) => list.map((e) => e.text).filter((t) => t.includes('from writer'));
    expect(texts(after.praise)).toHaveLength(20);
    expect(texts(after.feedback)).toHaveLength(20);
    expect(after.members.flatMap((m: { notes: { text: string }[] }) => texts(m.notes))).toHaveLength(20);
    expect(after.goals.flatMap((g: { checkIns: { note: string }[] }) => g.checkIns.filter((c) => c.note.includes('from writer')))).toHaveLength(20);
    expect(after.praise).toHaveLength(before.praise.length + 20);
    for (const list of [after.praise, after.feedback]) expect(new Set(list.map((e: { id: string }) => e.id)).size).toBe(list.length);
    expect(fs.existsSync(path.join(home, 'mtl.lock'))).toBe(false);
  }, 120_000);

  it('readers running beside writers never fail because of them', async () => {
    const home = generated(0.1);
    const writers = Array.from({ length: 30 }, (_, i) => mtlAsync(home, i % 2 ? ['praise', `Report${(i % 5) + 1}`, `w${i}`] : ['goals', 'check-in', 'g2', `w${i}`], NOW));
    const readers: Promise<Result>[] = [];
    for (let i = 0; i < 30; i++) readers.push(mtlAsync(home, [['nudge', '--all', '--dry-run'], ['praise', 'list'], ['goals', '--json'], []][i % 4]!, NOW));
    const [written, read] = [await Promise.all(writers), await Promise.all(readers)];
    expect(written.filter((r) => r.code !== 0)).toEqual([]);
    expect(read.filter((r) => r.code !== 0)).toEqual([]);
  }, 120_000);
});


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
    expect(r.stderr).toContain('this run was not recorded');
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

