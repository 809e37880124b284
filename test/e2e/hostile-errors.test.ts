import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, mode, mtl, ok, ROOT, snapshot, spawnMtl, spawnOk, tempHome } from '../helpers/cli.js';

// Issue #15, point 6 and the small items: failures mtl knows about are told as `mtl: ...` with the
// file and what to do, exit 1, nothing changed, no temporary file left, never an "unexpected error"
// or a stack, and never a wait on something that will not answer.

const NOW = { env: { MTL_NOW: '2027-02-10T09:00:00' } };

/** Runs the built binary under a shell with a file size limit of `blocks` of 512 bytes. */
function withFileLimit(home: string, blocks: number, args: string[]) {
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('/bin/sh', ['-c', `ulimit -f ${blocks}; exec '${process.execPath}' '${BIN}' ${quoted}`], {
    env: { ...process.env, MTL_HOME: home, NO_COLOR: '1', ...NOW.env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: r.status, stderr: r.stderr };
}

/** Every file under a folder whose name says it is a write's leftover. */
function leftovers(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tmp$|\.\d+\.[a-z0-9]+$/.test(f));
}

function expectHonestFailure(r: { code: number | null; stderr: string }, message: RegExp): void {
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /);
  expect(r.code).toBe(1);
}

/** A store whose record files are all over 1 KB, so a 1 KB file size limit stops any change to them. */
async function grownStore(): Promise<string> {
  const home = tempHome();
  await ok(home, ['team', 'add', 'Ann'], NOW);
  await ok(home, ['goals', 'new', '--template', 'culture', '--title', 'Weekly demos', '--due', '2027-03-31'], NOW);
  for (let i = 0; i < 8; i++) {
    await ok(home, ['praise', 'ann', `Praise number ${i} `.padEnd(150, '.')], NOW);
    await ok(home, ['team', 'note', 'ann', `Note number ${i} `.padEnd(150, '.')], NOW);
  }
  for (let i = 0; i < 4; i++) await ok(home, ['goals', 'check-in', 'g1', `Check-in ${i} `.padEnd(200, '.'), '--progress', String(i * 10)], NOW);
  return home;
}

describe('a write the disk refuses (EFBIG, with a file size limit)', () => {
  it.each([
    // The undo journal's line is written first, so it may be the file that does not fit.
    [['praise', 'ann', 'One more'], /mtl: Cannot write \S+(praise\/2027-Q1|undo)\.jsonl: the file is too large \(EFBIG\)\.\nNothing was changed; fix that and run the command again\./],
    [['team', 'note', 'ann', 'One more'], /mtl: Cannot write \S+(reports|undo)\.jsonl: the file is too large \(EFBIG\)\.\nNothing was changed/],
    [['goals', 'check-in', 'g1', 'One more', '--progress', '50'], /mtl: Cannot write \S+(goals|undo)\.jsonl: the file is too large \(EFBIG\)\.\nNothing was changed/],
  ])('mtl %j says which file and changes nothing a user sees', async (args, message) => {
    const home = await grownStore();
    const before = snapshot(home);
    const r = withFileLimit(home, 2, args);
    expectHonestFailure(r, message);
    const after = snapshot(home);
    // Only mtl.json may differ (an id set aside, never handed out again), and undo.jsonl (a line cut
    // short, passed over when read).
    for (const file of Object.keys(before)) if (file !== 'mtl.json' && file !== 'undo.jsonl') expect(after[file], file).toBe(before[file]);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    expect(leftovers(home)).toEqual([]);
  });

  it('a goal file or an export that does not fit is named, and nothing is left behind', async () => {
    const home = await grownStore();
    const out = path.join(path.dirname(home), 'backup.json');
    const exported = withFileLimit(home, 2, ['export', '--output', out]);
    expectHonestFailure(exported, /mtl: Cannot write \S+backup\.json: the file is too large \(EFBIG\)/);
    expect(fs.existsSync(out)).toBe(false);
    expect(leftovers(path.dirname(home))).toEqual([]);
  });
});

/** Mounts a file system for the test, or says why it cannot (no privilege outside a container). */
function tryMount(args: string[]): boolean {
  return spawnSync('mount', args, { encoding: 'utf8' }).status === 0;
}

describe.skipIf(process.getuid?.() !== 0 || process.platform !== 'linux')('file systems that refuse (needs root to mount)', () => {
  it('a full disk (ENOSPC) is named, nothing is changed and no temporary file is left', async (ctx) => {
    const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'mtl-full-'));
    if (!tryMount(['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mountPoint])) {
      fs.rmdirSync(mountPoint);
      ctx.skip();
    }
    try {
      const home = path.join(mountPoint, 'data');
      spawnOk(home, ['team', 'add', 'Ann'], NOW);
      // Fill the disk to the last block.
      try {
        fs.writeFileSync(path.join(mountPoint, 'filler'), Buffer.alloc(1024 * 1024));
      } catch {
        // ENOSPC: that is the point.
      }
      const before = snapshot(home);
      const r = spawnMtl(home, ['praise', 'ann', 'Clear write-up '.repeat(400)], NOW);
      expectHonestFailure(r, /mtl: Cannot (write|lock) \S+: no space left on the disk \(ENOSPC\)/);
      const after = snapshot(home);
      for (const file of Object.keys(before)) if (file !== 'mtl.json') expect(after[file], file).toBe(before[file]);
      expect(leftovers(mountPoint)).toEqual([]);
    } finally {
      spawnSync('umount', [mountPoint]);
      fs.rmSync(mountPoint, { recursive: true, force: true });
    }
  });

  it('a read-only data folder (EROFS) is named on a write; reads still work', async (ctx) => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Ann'], NOW);
    const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'mtl-ro-'));
    if (!tryMount(['--bind', home, mountPoint]) || !tryMount(['-o', 'remount,bind,ro', mountPoint])) {
      spawnSync('umount', [mountPoint]);
      fs.rmdirSync(mountPoint);
      ctx.skip();
    }
    try {
      const r = spawnMtl(mountPoint, ['praise', 'ann', 'Clear write-up'], NOW);
      expectHonestFailure(r, /mtl: .*read-only \(EROFS\)/);
      expect(spawnMtl(mountPoint, ['team'], NOW).stdout).toContain('Ann');
    } finally {
      spawnSync('umount', [mountPoint]);
      fs.rmdirSync(mountPoint);
    }
  });

  it('a data folder another user cannot open (EACCES) is named, for that user', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Ann'], NOW);
    fs.chmodSync(path.dirname(home), 0o755);
    // nobody (65534) may enter the parent but not the owner-only data folder. It runs a copy of
    // mtl that it can read (a clone may sit in a folder of root's only).
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'mtl-copy-'));
    for (const part of ['bin', 'dist', 'templates', 'package.json']) fs.cpSync(path.join(ROOT, part), path.join(copy, part), { recursive: true });
    execFileSync('chmod', ['-R', 'a+rX', copy]);
    const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, path.join(copy, 'bin', 'mtl.cjs'), 'praise', 'ann', 'x'], {
      env: { ...process.env, MTL_HOME: home, NO_COLOR: '1', ...NOW.env },
      encoding: 'utf8',
      timeout: 20_000,
    });
    fs.rmSync(copy, { recursive: true, force: true });
    expectHonestFailure({ code: r.status, stderr: r.stderr }, /mtl: Cannot (read|use the data folder) \S+: permission denied \(EACCES\)\.\n/);
  });
});

describe('something else where mtl expects its own file', () => {
  it.each([
    ['a folder', (file: string) => fs.mkdirSync(file)],
    ['a named pipe', (file: string) => execFileSync('mkfifo', [file])],
  ])('%s in place of a data file, nudge.json or config.json is refused at once, never waited on', async (_what, make) => {
    for (const name of ['goals.jsonl', 'nudge.json', 'config.json']) {
      const home = tempHome();
      await ok(home, ['team', 'add', 'Ann'], NOW);
      make(path.join(home, name));
      const args = name === 'nudge.json' ? ['nudge'] : name === 'goals.jsonl' ? ['goals'] : ['team'];
      // Spawned with a timeout: a read that waits on the pipe would hang here.
      const r = spawnMtl(home, args, NOW);
      expectHonestFailure(r, new RegExp(`mtl: \\S+${name.replace('.', '\\.')} is not a plain file`));
    }
  });

  it('a folder in place of the lock is refused with what to do; a stray plain file there is not a lock and is taken over', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Ann'], NOW);
    fs.mkdirSync(path.join(home, 'mtl.lock'));
    const r = await mtl(home, ['praise', 'ann', 'x'], NOW);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`mtl: ${path.join(home, 'mtl.lock')} is a folder, not mtl's lock; nothing was changed.\nRemove it if no other program uses it.`);
    fs.rmdirSync(path.join(home, 'mtl.lock'));
    fs.writeFileSync(path.join(home, 'mtl.lock'), 'junk');
    const started = Date.now();
    await ok(home, ['praise', 'ann', 'x'], NOW);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(fs.existsSync(path.join(home, 'mtl.lock'))).toBe(false);
  });
});

describe('mtl import of something that is not a backup', () => {
  it.each([
    ['a folder', () => os.tmpdir(), /is not a plain file \(it is a folder\)/],
    ['an endless device', () => '/dev/zero', /is not a plain file \(it is a device, a pipe or a socket\)/],
    [
      'a pipe nobody writes to',
      () => {
        const fifo = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mtl-fifo-')), 'backup.json');
        execFileSync('mkfifo', [fifo]);
        return fifo;
      },
      /is not a plain file \(it is a device, a pipe or a socket\)/,
    ],
    [
      'a file larger than any backup',
      () => {
        const big = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mtl-big-')), 'backup.json');
        // Sparse: no disk space used, and mtl must refuse it by its size, before reading it.
        fs.writeFileSync(big, '{');
        fs.truncateSync(big, 300 * 1024 * 1024);
        return big;
      },
      /is 300 MB, more than any mtl backup \(at most 256 MB\); nothing was changed\./,
    ],
  ])('%s is refused at once with what to give instead', async (_what, file, message) => {
    const home = tempHome();
    const r = spawnMtl(home, ['import', file()]);
    expectHonestFailure(r, message);
    expect(r.stderr).toContain('Give the path of a file made by: mtl export --format json');
    expect(fs.existsSync(home)).toBe(false);
  });

  it('a backup nested thousands deep is refused, not a stack overflow', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtl-deep-'));
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const file = path.join(dir, 'backup.json');
    fs.writeFileSync(
      file,
      `{"format":"mtl-backup","dataVersion":3,"counters":{},"data":{"members":[{"id":"r1","name":"A","added":"2027-01-01","notes":[]}],"praise":[{"id":"p1","member":"r1","text":"x","date":"2027-01-01","at":"2027-01-01T00:00:00Z","public":false,"extra":${deep}}]}}`,
    );
    const home = tempHome();
    const r = await mtl(home, ['import', file]);
    expectHonestFailure(r, /mtl: \S+backup\.json is not a valid mtl backup: it nests values more than 64 deep\.\nNothing was changed\./);
    expect(fs.existsSync(home)).toBe(false);
  });

  it('a backup without a data version says so, not that it comes from a newer mtl', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mtl-nover-')), 'backup.json');
    fs.writeFileSync(file, '{"format":"mtl-backup","data":{}}');
    const r = await mtl(tempHome(), ['import', file]);
    expectHonestFailure(r, /is not a valid mtl backup: its dataVersion is missing, not a whole number\./);
    expect(r.stderr).not.toContain('newer');
  });
});

describe('the data folder', () => {
  it('--home "" is refused (an unset variable in a script), not read as the default folder', async () => {
    const fakeHome = fs.mkdtempSync(path.join(os.tmpdir(), 'mtl-userhome-'));
    const env = { HOME: fakeHome, XDG_CONFIG_HOME: undefined, MTL_HOME: undefined, ...NOW.env };
    for (const empty of ['', '  ']) {
      const r = await mtl(tempHome(), ['--home', empty, 'team', 'add', 'Ann'], { env });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('mtl: --home is empty.');
    }
    expect(fs.existsSync(path.join(fakeHome, '.config', 'mtl'))).toBe(false);
    // An empty MTL_HOME counts as unset, as an empty HOME does.
    await ok(tempHome(), ['team', 'add', 'Ann'], { env: { ...env, MTL_HOME: '' } });
    expect(fs.existsSync(path.join(fakeHome, '.config', 'mtl', 'reports.jsonl'))).toBe(true);
  });

  it('a data folder made beforehand open to others becomes owner-only on the first write; a folder that is not mtl\'s is left alone', async () => {
    const home = tempHome();
    fs.mkdirSync(home, { mode: 0o755 });
    fs.chmodSync(home, 0o755);
    await ok(home, ['team', 'add', 'Ann'], NOW);
    expect(mode(home)).toBe(0o700);
    expect(mode(path.join(home, 'reports.jsonl'))).toBe(0o600);
    // Someone's folder given by mistake: its mode is theirs.
    const theirs = tempHome();
    fs.mkdirSync(theirs);
    fs.chmodSync(theirs, 0o755);
    fs.writeFileSync(path.join(theirs, 'holiday.jpg'), '');
    await ok(theirs, ['team', 'add', 'Ann'], NOW);
    expect(mode(theirs)).toBe(0o755);
    expect(mode(path.join(theirs, 'reports.jsonl'))).toBe(0o600);
  });
});
