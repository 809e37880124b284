import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import type { Deps } from '../../src/context.js';
import { BIN, ok, ROOT, tempHome, type Result } from '../helpers/cli.js';
import { writeStore } from '../helpers/store-fixture.js';
import { realCrontab, realCrontabAllowed, realCrontabSkipReason, setRealCrontab, useRealCrontab } from '../cron/real-crontab.js';

/**
 * Issue #15, point 3: nothing in a path reaches cron as a line of its own or as code. A data folder,
 * node or mtl path holding a control character is refused; every other character is quoted so that
 * cron and its shell give mtl the exact path back.
 */

const FAKE = path.join(ROOT, 'test', 'helpers', 'fake-crontab.sh');
const OTHER_LINES = 'MAILTO=me@example.com\n# nightly backup\n30 2 * * * /usr/local/bin/backup --quiet\n';
const BEGIN = '# >>> mtl nudge (managed by mtl; edit with mtl cron) >>>';

/** Like the helper's mtl(), with the node and script paths that cron install writes into the line. */
async function mtlAs(home: string, args: string[], options: { env?: Record<string, string | undefined>; node?: string; script?: string } = {}): Promise<Result> {
  const out: string[] = [];
  const err: string[] = [];
  const env: Record<string, string | undefined> = { ...process.env, MTL_HOME: home, NO_COLOR: '1', MTL_NOW: undefined, ...options.env };
  const deps: Deps = {
    io: { out: (t) => out.push(t), err: (t) => err.push(t), stdoutIsTTY: false, stdinIsTTY: false, color: new Chalk({ level: 0 }), columns: 80 },
    env,
    clock: () => new Date(),
    platform: process.platform,
    argv0: { node: options.node ?? process.execPath, script: options.script ?? BIN },
  };
  const code = await run(args, deps);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** A data folder and a stand-in crontab (a file); `initial` undefined means no crontab yet. */
function fakeCrontab(initial?: string) {
  const home = tempHome();
  const file = path.join(path.dirname(home), 'crontab');
  if (initial !== undefined) fs.writeFileSync(file, initial);
  return { home, file, env: { MTL_CRONTAB: FAKE, FAKE_CRONTAB_FILE: file }, crontab: () => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined) };
}

/**
 * What cron hands to `/bin/sh -c` for a crontab line: the text after the five time fields, `\%` made
 * `%`, cut at the first bare `%` (the rest would go to stdin). Written from Vixie cron's do_command.c
 * (Debian's cron), on purpose apart from mtl's own code.
 */
function asCronRunsIt(line: string): string {
  const command = line.replace(/^\s*(\S+\s+){5}/, '');
  let out = '';
  for (let i = 0; i < command.length; i++) {
    const ch = command[i]!;
    if (ch === '\\' && command[i + 1] === '%') {
      out += '%';
      i++;
    } else if (ch === '\\' && i + 1 < command.length) {
      out += ch + command[i + 1];
      i++;
    } else if (ch === '%') {
      break;
    } else {
      out += ch;
    }
  }
  return out;
}

const CONTROL_BUT_LF = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('a path cannot add a line to the crontab (stand-in crontab)', () => {
  const hostile: [string, string, string][] = [
    ['a line feed', '\n* * * * * touch /tmp/mtl-cron-injected #', 'a line break (\\n)'],
    ['a carriage return', '\r* * * * * touch /tmp/mtl-cron-injected #', 'a carriage return (\\r)'],
    ['a NUL byte', '\0rest', 'a NUL byte (\\0)'],
    ['a tab', '\tx', 'a tab (\\t)'],
    ['a terminal escape', '\u001b[31mred', 'a control character (U+001B)'],
    ['a C1 control', '\u009b31mred', 'a control character (U+009B)'],
  ];

  for (const [what, tail, named] of hostile) {
    it(`refuses a data folder holding ${what}, naming it, and changes nothing`, async () => {
      const t = fakeCrontab(OTHER_LINES);
      const home = `${t.home}${tail}`;
      const r = await mtlAs(home, ['cron', 'install'], { env: t.env });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`mtl: The data folder "${t.home}`);
      expect(r.stderr).toContain(`holds ${named}, which a crontab line cannot hold safely; nothing was changed.\n`);
      expect(r.stderr).toContain('Use a data folder whose name has no control characters (mtl --home <folder> cron install, or MTL_HOME).');
      // The message spells the character out; it never reaches the terminal as it is.
      expect(r.stderr).not.toMatch(CONTROL_BUT_LF);
      expect(r.stderr.split('\n').some((l) => l.includes('touch /tmp/mtl-cron-injected') && !l.startsWith('mtl: '))).toBe(false);
      expect(t.crontab()).toBe(OTHER_LINES);
      expect(fs.existsSync(home)).toBe(false);
    });
  }

  it('refuses the same data folder given with --home, and creates no crontab where there was none', async () => {
    const t = fakeCrontab();
    const r = await mtlAs(t.home, ['--home', `${t.home}\n* * * * * true INJECTED #`, 'cron', 'install'], { env: t.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('holds a line break (\\n)');
    expect(t.crontab()).toBeUndefined();
  });

  it('refuses a node program or an mtl program whose path holds a line break', async () => {
    const t = fakeCrontab(OTHER_LINES);
    const node = await mtlAs(t.home, ['cron', 'install'], { env: t.env, node: '/opt/node\n* * * * * true INJECTED #/bin/node' });
    expect(node.code).toBe(1);
    expect(node.stderr).toContain('mtl: The node program "/opt/node\\n* * * * * true INJECTED #/bin/node" holds a line break (\\n), which a crontab line cannot hold safely; nothing was changed.\n');
    expect(node.stderr).toContain('Run mtl with a node whose path has no control characters');
    const script = await mtlAs(t.home, ['cron', 'install'], { env: t.env, script: '/opt/mtl\r\n0 * * * * true INJECTED #/bin/mtl.cjs' });
    expect(script.code).toBe(1);
    expect(script.stderr).toContain('mtl: The mtl program "/opt/mtl\\r\\n0 * * * * true INJECTED #/bin/mtl.cjs" holds a carriage return (\\r)');
    expect(script.stderr).toContain('Install mtl in a folder whose path has no control characters');
    expect(t.crontab()).toBe(OTHER_LINES);
  });

  it('refuses a data folder too long for a crontab line instead of letting cron cut it short', async () => {
    const t = fakeCrontab(OTHER_LINES);
    const home = path.join(t.home, 'x'.repeat(200), 'y'.repeat(200), 'z'.repeat(200), 'w'.repeat(200), 'v'.repeat(200));
    const r = await mtlAs(home, ['cron', 'install'], { env: t.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^mtl: The crontab command would be \d+ bytes long; cron takes at most 998, so nothing was changed\./);
    expect(r.stderr).toContain('Use a data folder with a shorter path');
    expect(t.crontab()).toBe(OTHER_LINES);
  });

  it('status still works with such a data folder, and prints it escaped', async () => {
    const t = fakeCrontab(OTHER_LINES);
    const r = await mtlAs(`${t.home}\u001b[2J`, ['cron', 'status'], { env: t.env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`data        ${t.home}\\u001b[2J\n`);
    expect(r.stdout).not.toContain('\u001b');
  });
});

describe('cron install keeps a hand-edited schedule (stand-in crontab)', () => {
  it('keeps Friday 16:00 when run again without --schedule, and says so when --schedule replaces it', async () => {
    const t = fakeCrontab(OTHER_LINES);
    await ok(t.home, ['cron', 'install'], { env: t.env });
    fs.writeFileSync(t.file, t.crontab()!.replace('\n0 9 * * 1 MTL_HOME=', '\n0 16 * * 5 MTL_HOME='));
    const edited = t.crontab()!;

    const again = await mtlAs(t.home, ['cron', 'install'], { env: t.env });
    expect(again).toMatchObject({ code: 0, stderr: expect.stringContaining('Already installed; your crontab is unchanged:\n  0 16 * * 5 MTL_HOME=') });
    expect(t.crontab()).toBe(edited);

    // The line changes (another data folder), the schedule stays.
    const moved = await mtlAs(`${t.home}-2`, ['cron', 'install'], { env: t.env });
    expect(moved.code).toBe(0);
    expect(moved.stderr).toContain(`Updated the mtl block in your crontab; cron will run:\n  0 16 * * 5 MTL_HOME='${t.home}-2'`);
    expect(moved.stderr).toContain('Kept your schedule "0 16 * * 5"; change it with --schedule.\n');

    const replaced = await mtlAs(t.home, ['cron', 'install', '--schedule', '30 8 * * 1-5'], { env: t.env });
    expect(replaced.stderr).toContain('The schedule is now "30 8 * * 1-5" (it was "0 16 * * 5").\n');
    expect(t.crontab()).toContain(`\n30 8 * * 1-5 MTL_HOME='${t.home}'`);
    expect(t.crontab()!.startsWith(OTHER_LINES)).toBe(true);
  });

  it('replaces a hand-edited schedule it cannot read, and says so', async () => {
    const t = fakeCrontab('');
    await ok(t.home, ['cron', 'install'], { env: t.env });
    fs.writeFileSync(t.file, t.crontab()!.replace('\n0 9 * * 1 MTL_HOME=', '\n@reboot MTL_HOME='));
    const r = await mtlAs(t.home, ['cron', 'install'], { env: t.env });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('The schedule in your crontab, "@reboot", is not one mtl can read, so it is now "0 9 * * 1"; choose another with --schedule.\n');
    expect(t.crontab()).toContain(`\n0 9 * * 1 MTL_HOME='${t.home}'`);
  });
});

describe('cron uninstall leaves no empty crontab behind (stand-in crontab)', () => {
  it('removes the crontab that held only the mtl block, even with blank lines around it', async () => {
    const t = fakeCrontab('\n');
    await ok(t.home, ['cron', 'install'], { env: t.env });
    const r = await mtlAs(t.home, ['cron', 'uninstall'], { env: t.env });
    expect(r).toMatchObject({ code: 0, stderr: 'Removed the mtl block, and with it your crontab, which held nothing else.\nRun the nudge by hand any time: mtl nudge\n' });
    expect(t.crontab()).toBeUndefined();
  });

  it('keeps a crontab holding only a comment of the user', async () => {
    const t = fakeCrontab('# my notes\n');
    await ok(t.home, ['cron', 'install'], { env: t.env });
    await ok(t.home, ['cron', 'uninstall'], { env: t.env });
    expect(t.crontab()).toBe('# my notes\n');
  });
});

describe.runIf(realCrontabAllowed)(`with the real crontab program${realCrontabSkipReason ? ` (${realCrontabSkipReason})` : ''}`, () => {
  useRealCrontab();

  /** A folder whose name holds everything a shell or cron could read as code. */
  const odd = (parent: string) => path.join(parent, `x y`, `it's $HOME \`back\` "dq" 100% \\% a\\\\%b %% end\\`);

  it('the crontab takes no injected line: the attack of the issue is refused', async () => {
    setRealCrontab(undefined);
    const home = tempHome();
    const r = await mtlAs(`${home}\n* * * * * true INJECTED #`, ['cron', 'install'], { env: { MTL_CRONTAB: undefined } });
    expect(r.code).toBe(1);
    expect(realCrontab()).toBeUndefined();
  });

  it('hands the exact paths to the program cron runs: data folder, node and script, through crontab -l and /bin/sh -c', async () => {
    setRealCrontab('# mine\n');
    const parent = path.dirname(tempHome());
    const home = odd(parent);
    const binDir = path.join(parent, `node $(touch pwned) 'q' %n`);
    const node = path.join(binDir, 'node`id`');
    const script = path.join(parent, `lib 100%\\%`, `mtl "$1".cjs`);
    fs.mkdirSync(binDir, { recursive: true });
    fs.mkdirSync(path.dirname(script), { recursive: true });
    fs.writeFileSync(node, '#!/bin/sh\nprintf "[%s]\\n" "$MTL_HOME" "$@" > "$STUB_OUT"\n', { mode: 0o755 });
    fs.writeFileSync(script, '');

    const r = await mtlAs(home, ['cron', 'install', '--schedule', '0 0 29 2 *'], { env: { MTL_CRONTAB: undefined }, node, script });
    expect(r.code, r.stderr).toBe(0);
    const printed = /cron will run:\n {2}(.*)\n/.exec(r.stderr)![1]!;
    const installed = realCrontab()!;
    expect(installed.startsWith('# mine\n')).toBe(true);
    const line = installed.split('\n').find((l) => l.startsWith('0 0 29 2 * '))!;
    expect(line).toBe(printed);

    const out = path.join(parent, 'stub-out');
    const sh = spawnSync('/bin/sh', ['-c', asCronRunsIt(line)], { cwd: parent, env: { PATH: '/usr/bin:/bin', HOME: '/nonexistent', STUB_OUT: out }, encoding: 'utf8' });
    expect(sh.status, sh.stderr).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toBe(`[${home}]\n[${script}]\n[nudge]\n[--notify]\n`);
    expect(fs.existsSync(path.join(parent, 'pwned'))).toBe(false);

    // And mtl reads the same folder back from the crontab.
    const status = JSON.parse((await mtlAs(home, ['cron', 'status', '--json'], { env: { MTL_CRONTAB: undefined } })).stdout);
    expect(status).toMatchObject({ installed: true, dataDir: home, schedule: '0 0 29 2 *' });
  });

  it('the real mtl, run as cron runs the line, nudges the exact data folder', async () => {
    setRealCrontab(undefined);
    const parent = path.dirname(tempHome());
    const home = odd(parent);
    writeStore(home);
    const r = await mtlAs(home, ['cron', 'install', '--schedule', '0 0 29 2 *'], { env: { MTL_CRONTAB: undefined } });
    expect(r.code, r.stderr).toBe(0);
    const line = realCrontab()!.split('\n').find((l) => l.startsWith('0 0 29 2 * '))!;
    const sh = spawnSync('/bin/sh', ['-c', asCronRunsIt(line)], {
      cwd: parent,
      env: { PATH: '/usr/bin:/bin', MTL_NOW: '2027-02-15T09:00:00', ...(process.env.TZ ? { TZ: process.env.TZ } : {}) },
      encoding: 'utf8',
    });
    expect(sh.status, sh.stderr).toBe(0);
    expect(sh.stdout).toContain('mtl nudge for 2027-02-15');
    expect(JSON.parse(fs.readFileSync(path.join(home, 'nudge.json'), 'utf8')).lastRunAt).toBe(new Date(2027, 1, 15, 9).toISOString());
    expect(fs.readdirSync(parent).sort()).toEqual(['x y']);
  });

  it('keeps a schedule edited in the crontab, and removes the crontab it leaves empty', async () => {
    setRealCrontab(undefined);
    const home = tempHome();
    const env = { env: { MTL_CRONTAB: undefined } };
    await ok(home, ['cron', 'install'], env);
    setRealCrontab(realCrontab()!.replace('\n0 9 * * 1 ', '\n0 16 * * 5 '));
    const r = await mtlAs(`${home}-moved`, ['cron', 'install'], env);
    expect(r.stderr).toContain('Kept your schedule "0 16 * * 5"');
    expect(realCrontab()).toContain(`\n0 16 * * 5 MTL_HOME='${home}-moved'`);
    expect(realCrontab()!.split('\n').filter((l) => l === BEGIN)).toHaveLength(1);

    await ok(home, ['cron', 'uninstall'], env);
    expect(realCrontab()).toBeUndefined();
    expect(spawnSync('crontab', ['-l'], { encoding: 'utf8' }).stderr).toMatch(/no crontab for/);

    // With a line of the user's own, only the block goes.
    setRealCrontab('17 3 * * 0 /bin/true --mine\n');
    await ok(home, ['cron', 'install'], env);
    await ok(home, ['cron', 'uninstall'], env);
    expect(realCrontab()).toBe('17 3 * * 0 /bin/true --mine\n');
  });
});
