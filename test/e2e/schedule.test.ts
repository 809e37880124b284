import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import type { Deps } from '../../src/context.js';
import { BIN, mtl, readNudgeState, ROOT, tempHome, type Result } from '../helpers/cli.js';
import { writeStore } from '../helpers/store-fixture.js';

/**
 * Issue #13, point 2: `mtl schedule` on a systemd user timer, a launchd agent or cron. The unit and
 * agent folders are temporary (MTL_SYSTEMD_DIR, MTL_LAUNCHD_DIR), systemctl and launchctl are
 * stand-ins that record their arguments (MTL_SYSTEMCTL, MTL_LAUNCHCTL), cron's is the usual one.
 */

const HELPERS = path.join(ROOT, 'test', 'helpers');
const NODE = fs.realpathSync(process.execPath);
const SCRIPT = fs.realpathSync(BIN);
const UID = os.userInfo().uid;

/** A data folder beside temporary unit and agent folders, stand-in programs and their logs. */
function setup() {
  const home = tempHome();
  const root = path.dirname(home);
  const units = path.join(root, 'units');
  const agents = path.join(root, 'agents');
  const systemctlLog = path.join(root, 'systemctl.log');
  const launchctlLog = path.join(root, 'launchctl.log');
  const crontab = path.join(root, 'crontab');
  const env = (extra: Record<string, string | undefined> = {}) => ({
    MTL_SYSTEMD_DIR: units,
    MTL_SYSTEMCTL: path.join(HELPERS, 'fake-systemctl.sh'),
    FAKE_SYSTEMCTL_LOG: systemctlLog,
    MTL_LAUNCHD_DIR: agents,
    MTL_LAUNCHCTL: path.join(HELPERS, 'fake-launchctl.sh'),
    FAKE_LAUNCHCTL_LOG: launchctlLog,
    MTL_CRONTAB: path.join(HELPERS, 'fake-crontab.sh'),
    FAKE_CRONTAB_FILE: crontab,
    ...extra,
  });
  const calls = (log: string) => {
    const text = fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '';
    fs.rmSync(log, { force: true });
    // Asking whether a user manager answers is not an action.
    return text.split('\n').filter((l) => l && l !== '--user show-environment');
  };
  return {
    home,
    root,
    units,
    agents,
    timer: path.join(units, 'mtl-nudge.timer'),
    service: path.join(units, 'mtl-nudge.service'),
    plist: path.join(agents, 'com.mtl.nudge.plist'),
    crontab: () => (fs.existsSync(crontab) ? fs.readFileSync(crontab, 'utf8') : undefined),
    env,
    systemctl: () => calls(systemctlLog),
    launchctl: () => calls(launchctlLog),
  };
}

/** One command line in this process, with the node and script paths, platform and environment given. */
async function mtlAs(home: string, args: string[], o: { env?: Record<string, string | undefined>; node?: string; script?: string; platform?: NodeJS.Platform } = {}): Promise<Result> {
  const out: string[] = [];
  const err: string[] = [];
  const env: Record<string, string | undefined> = { ...process.env, MTL_HOME: home, NO_COLOR: '1', MTL_NOW: undefined, ...o.env };
  const deps: Deps = {
    io: { out: (t) => out.push(t), err: (t) => err.push(t), stdoutIsTTY: false, stdinIsTTY: false, color: new Chalk({ level: 0 }), columns: 80 },
    env,
    clock: () => new Date(),
    platform: o.platform ?? 'linux',
    argv0: { node: o.node ?? process.execPath, script: o.script ?? BIN },
  };
  const code = await run(args, deps);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

async function okAs(home: string, args: string[], o: Parameters<typeof mtlAs>[2] = {}): Promise<Result> {
  const r = await mtlAs(home, args, o);
  if (r.code !== 0) throw new Error(`mtl ${args.join(' ')} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}

// ------------------------------------------------------------ systemd's rules, written apart from mtl's code

/**
 * A unit file setting's value as systemd reads it (systemd.syntax(7), systemd.service(5)): `%%` is a
 * `%` (another specifier is an error here), then words split at blanks, double or single quotes
 * group, backslash escapes inside them; in a command line, `$$` is a `$` when the command runs
 * (a lone `$` would expand a variable: an error here).
 */
function systemdValue(value: string, { command }: { command: boolean }): string[] {
  let text = '';
  for (let i = 0; i < value.length; i++) {
    if (value[i] !== '%') text += value[i];
    else if (value[++i] === '%') text += '%';
    else throw new Error(`specifier %${value[i]} in ${value}`);
  }
  const words: string[] = [];
  let i = 0;
  const C: Record<string, string> = { '\\': '\\', '"': '"', "'": "'", n: '\n', t: '\t', s: ' ' };
  while (i < text.length) {
    if (text[i] === ' ' || text[i] === '\t') {
      i++;
      continue;
    }
    let word = '';
    let quote = '';
    while (i < text.length && (quote || (text[i] !== ' ' && text[i] !== '\t'))) {
      const ch = text[i++]!;
      if (ch === '\\') {
        const next = text[i++]!;
        if (!(next in C)) throw new Error(`escape \\${next}`);
        word += C[next];
      } else if (!quote && (ch === '"' || ch === "'")) quote = ch;
      else if (quote && ch === quote) quote = '';
      else word += ch;
    }
    if (quote) throw new Error(`unbalanced quote in ${value}`);
    words.push(word);
  }
  if (!command) return words;
  return words.map((w) => {
    if (/\$(?!\$)/.test(w.replace(/\$\$/g, ''))) throw new Error(`variable in ${w}`);
    return w.replace(/\$\$/g, '$');
  });
}

/** One setting of a unit file (the last one of that name), as systemd reads it. */
function setting(unit: string, name: string, command = false): string[] {
  const lines = unit.split('\n').filter((l) => l.startsWith(`${name}=`));
  expect(lines.length, name).toBeGreaterThan(0);
  return systemdValue(lines.at(-1)!.slice(name.length + 1), { command });
}

const hasAnalyze = spawnSync('systemd-analyze', ['--version']).status === 0;

/** `systemd-analyze verify` on the written units (as system units: --user needs a running session). */
function verify(t: ReturnType<typeof setup>): void {
  const r = spawnSync('systemd-analyze', ['verify', t.timer, t.service], { encoding: 'utf8', env: { ...process.env, SYSTEMD_LOG_LEVEL: 'warning' } });
  expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
  expect(r.stderr).not.toMatch(/mtl-nudge/);
}

// ------------------------------------------------------------ a small XML reader for property lists

type Plist = string | number | boolean | Plist[] | { [key: string]: Plist };

/**
 * Reads an XML property list strictly: the prolog, comments, elements and text; `&...;` only as the
 * five named entities or a character reference, no `<` or `&` loose in text.
 */
function parsePlist(xml: string): Plist {
  let at = 0;
  const skip = () => {
    for (;;) {
      const before = at;
      at = xml.slice(at).match(/^\s*/)![0].length + at;
      if (xml.startsWith('<?xml', at)) at = xml.indexOf('?>', at) + 2;
      else if (xml.startsWith('<!DOCTYPE', at)) at = xml.indexOf('>', at) + 1;
      else if (xml.startsWith('<!--', at)) {
        const end = xml.indexOf('-->', at);
        if (xml.slice(at + 4, end).includes('--')) throw new Error('"--" inside a comment');
        at = end + 3;
      }
      if (at === before) return;
    }
  };
  const text = (raw: string) => {
    if (/<|&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(raw)) throw new Error(`bad text: ${raw}`);
    return raw.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_m, e: string) =>
      ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e as 'amp'] ?? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
    );
  };
  const element = (): Plist => {
    skip();
    const open = /^<(\w+)( [^>]*)?>/.exec(xml.slice(at));
    if (!open) throw new Error(`expected an element at ${xml.slice(at, at + 30)}`);
    const name = open[1]!;
    at += open[0].length;
    const close = `</${name}>`;
    if (name === 'string' || name === 'integer' || name === 'key') {
      const end = xml.indexOf(close, at);
      const value = text(xml.slice(at, end));
      at = end + close.length;
      return name === 'integer' ? Number(value) : value;
    }
    const children: Plist[] = [];
    for (;;) {
      skip();
      if (xml.startsWith(close, at)) {
        at += close.length;
        break;
      }
      children.push(element());
    }
    if (name === 'plist') return children[0]!;
    if (name === 'array') return children;
    if (name !== 'dict') throw new Error(`unexpected <${name}>`);
    const dict: Record<string, Plist> = {};
    for (let i = 0; i < children.length; i += 2) dict[children[i] as string] = children[i + 1]!;
    return dict;
  };
  const value = element();
  skip();
  if (at !== xml.length) throw new Error(`text after the plist: ${xml.slice(at)}`);
  return value;
}

const hasPython = spawnSync('python3', ['-c', 'import plistlib']).status === 0;

/** The plist as Python's plistlib reads it, when Python is there: a second reader, not mine. */
function plistlib(file: string): unknown {
  const r = spawnSync('python3', ['-c', 'import json, plistlib, sys; print(json.dumps(plistlib.load(open(sys.argv[1], "rb"))))', file], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

// ------------------------------------------------------------ the tests

describe('mtl schedule with a systemd user timer (stand-in systemctl)', () => {
  it('installs a timer and a service, enables the timer, and a second install changes nothing', async () => {
    const t = setup();
    const r = await okAs(t.home, ['schedule', 'install'], { env: t.env() });
    expect(r.stderr).toContain('Installed the systemd timer mtl-nudge.timer, enabled and started; it runs mtl nudge at\n  OnCalendar=Mon *-*-* 09:00:00\n');
    expect(r.stderr).toContain('(Persistent=true)');
    expect(r.stderr).toContain(`  ${t.timer}\n  ${t.service}\n`);
    expect(t.systemctl()).toEqual(['--user daemon-reload', '--user enable --now mtl-nudge.timer']);
    const timer = fs.readFileSync(t.timer, 'utf8');
    const service = fs.readFileSync(t.service, 'utf8');
    expect(setting(timer, 'OnCalendar')).toEqual(['Mon', '*-*-*', '09:00:00']);
    expect(setting(timer, 'Persistent')).toEqual(['true']);
    expect(setting(timer, 'WantedBy')).toEqual(['timers.target']);
    expect(setting(service, 'Type')).toEqual(['oneshot']);
    expect(setting(service, 'ExecStart', true)).toEqual([NODE, SCRIPT, 'nudge', '--notify']);
    expect(setting(service, 'Environment')).toEqual([`MTL_HOME=${t.home}`]);
    if (hasAnalyze) verify(t);

    const again = await okAs(t.home, ['schedule', 'install'], { env: t.env() });
    expect(again.stderr).toBe(`Already installed; the systemd timer is unchanged (and enabled):\n  ${t.timer}\n  ${t.service}\nSee when it last ran: mtl schedule status\n`);
    expect(fs.readFileSync(t.timer, 'utf8')).toBe(timer);
    expect(fs.readFileSync(t.service, 'utf8')).toBe(service);
    expect(t.systemctl()).toEqual(['--user enable --now mtl-nudge.timer']);
  });

  it('changes the schedule with --schedule, keeps it without, and refuses a bad one changing nothing', async () => {
    const t = setup();
    await okAs(t.home, ['schedule', 'install', '--with', 'systemd'], { env: t.env() });
    const r = await okAs(t.home, ['schedule', 'install', '--schedule', '30 8 1,15 * 1-5'], { env: t.env() });
    expect(r.stderr).toContain('Updated the systemd timer');
    expect(r.stderr).toContain('The schedule is now "30 8 1,15 * 1-5" (it was "0 9 * * 1").');
    const timer = fs.readFileSync(t.timer, 'utf8');
    // Cron runs on either day field when both are given: two OnCalendar lines do the same.
    expect(timer.split('\n').filter((l) => l.startsWith('OnCalendar='))).toEqual(['OnCalendar=*-*-01,15 08:30:00', 'OnCalendar=Mon..Fri *-*-* 08:30:00']);
    expect((await okAs(t.home, ['schedule', 'install'], { env: t.env() })).stderr).toContain('Already installed');
    const bad = await mtlAs(t.home, ['schedule', 'install', '--schedule', '0 25 * * 1'], { env: t.env() });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('mtl: In "0 25 * * 1", the hour field "25" should be * or numbers 0-23');
    expect(fs.readFileSync(t.timer, 'utf8')).toBe(timer);
    if (hasAnalyze) verify(t);
  });

  it('status shows the schedule, the next and the last run; --json too', async () => {
    const t = setup();
    const before = await okAs(t.home, ['schedule', 'status', '--with', 'systemd'], { env: t.env() });
    expect(before.stdout).toBe(`systemd     not installed\ndata        ${t.home}\nlast nudge  never\n`);
    expect(before.stderr).toContain('Install it: mtl schedule install --with systemd');
    await okAs(t.home, ['schedule', 'install'], { env: t.env({ MTL_NOW: '2027-02-10T12:00:00' }) });
    writeStore(t.home);
    await okAs(t.home, ['nudge'], { env: t.env({ MTL_NOW: '2027-02-15T09:00:00' }) });
    t.systemctl();
    const r = await okAs(t.home, ['schedule', 'status'], { env: t.env({ MTL_NOW: '2027-02-18T10:00:00' }) });
    expect(r.stdout).toBe(
      [
        'systemd     installed (active)',
        'schedule    0 9 * * 1',
        '            OnCalendar=Mon *-*-* 09:00:00',
        `files       ${t.timer}`,
        `            ${t.service}`,
        'installed   2027-02-10 12:00',
        `data        ${t.home}`,
        'log         journalctl --user -u mtl-nudge.service',
        'next nudge  2027-02-22 09:00',
        'last nudge  3 days ago (2027-02-15 09:00)',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('');
    expect(t.systemctl()).toEqual(['--user is-active mtl-nudge.timer']);
    const json = JSON.parse((await okAs(t.home, ['schedule', 'status', '--json'], { env: t.env({ MTL_NOW: '2027-02-22T10:30:00' }) })).stdout);
    expect(json).toMatchObject({
      scheduler: 'systemd',
      installed: true,
      running: true,
      schedule: '0 9 * * 1',
      native: ['OnCalendar=Mon *-*-* 09:00:00'],
      files: [t.timer, t.service],
      dataDir: t.home,
      lastRunAt: new Date(2027, 1, 15, 9).toISOString(),
      nextRunAt: new Date(2027, 2, 1, 9).toISOString(),
      seemsDown: true,
      missedRunAt: new Date(2027, 1, 22, 9).toISOString(),
    });
  });

  it('uninstall disables the timer and removes both files; again, says there is nothing', async () => {
    const t = setup();
    fs.mkdirSync(t.units, { recursive: true });
    fs.writeFileSync(path.join(t.units, 'other.timer'), '[Timer]\nOnCalendar=daily\n');
    await okAs(t.home, ['schedule', 'install'], { env: t.env() });
    t.systemctl();
    const r = await okAs(t.home, ['schedule', 'uninstall', '--with', 'systemd'], { env: t.env() });
    expect(r.stderr).toBe(`Removed the mtl timer (stopped and disabled):\n  ${t.timer}\n  ${t.service}\nRun the nudge by hand any time: mtl nudge\n`);
    expect(t.systemctl()).toEqual(['--user disable --now mtl-nudge.timer', '--user daemon-reload']);
    expect(fs.readdirSync(t.units)).toEqual(['other.timer']);
    const again = await okAs(t.home, ['schedule', 'uninstall', '--with', 'systemd'], { env: t.env() });
    expect(again.stderr).toBe(`There is no mtl timer in ${t.units}; nothing to remove.\n`);
    expect(t.systemctl()).toEqual([]);
  });

  it('without a user session: writes the units, says how to start them, and uninstall removes the enabled link', async () => {
    const t = setup();
    const env = t.env({ FAKE_SYSTEMCTL_NO_SESSION: '1' });
    const r = await okAs(t.home, ['schedule', 'install', '--with', 'systemd'], { env });
    expect(r.stderr).toContain('Installed the systemd timer mtl-nudge.timer; it runs mtl nudge at');
    expect(r.stderr).toContain('systemctl --user cannot reach your user session here, so the timer is not started yet.\nIn your desktop session, run: systemctl --user daemon-reload && systemctl --user enable --now mtl-nudge.timer\n');
    expect(t.systemctl()).toEqual([]);
    // As `systemctl --user enable` would have linked it, later, in the session.
    fs.mkdirSync(path.join(t.units, 'timers.target.wants'));
    fs.symlinkSync(t.timer, path.join(t.units, 'timers.target.wants', 'mtl-nudge.timer'));
    await okAs(t.home, ['schedule', 'uninstall'], { env });
    expect(fs.readdirSync(t.units, { recursive: true })).toEqual(['timers.target.wants']);
  });

  it('a failing systemctl is an error that says the units are written and what to run', async () => {
    const t = setup();
    const r = await mtlAs(t.home, ['schedule', 'install', '--with', 'systemd'], { env: t.env({ FAKE_SYSTEMCTL_FAIL: 'enable' }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('mtl: systemctl --user enable --now mtl-nudge.timer failed: Failed to enable: Access denied.');
    expect(r.stderr).toContain(`The units are written:\n  ${t.timer}\n`);
  });

  it('leaves alone a unit of that name that mtl did not write', async () => {
    const t = setup();
    fs.mkdirSync(t.units, { recursive: true });
    fs.writeFileSync(t.timer, '[Timer]\nOnCalendar=daily\n');
    for (const verb of ['install', 'uninstall']) {
      const r = await mtlAs(t.home, ['schedule', verb, '--with', 'systemd'], { env: t.env() });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`mtl: ${t.timer} was not written by mtl, so mtl leaves it alone; nothing was changed.`);
    }
    expect(fs.readFileSync(t.timer, 'utf8')).toBe('[Timer]\nOnCalendar=daily\n');
    expect(fs.existsSync(t.service)).toBe(false);
  });

  it('uses $XDG_CONFIG_HOME/systemd/user without MTL_SYSTEMD_DIR', async () => {
    const t = setup();
    const xdg = path.join(t.root, 'config');
    await okAs(t.home, ['schedule', 'install'], { env: t.env({ MTL_SYSTEMD_DIR: undefined, XDG_CONFIG_HOME: xdg }) });
    expect(fs.readdirSync(path.join(xdg, 'systemd', 'user')).sort()).toEqual(['mtl-nudge.service', 'mtl-nudge.timer']);
  });
});

describe('mtl schedule with a launchd agent', () => {
  it('writes the agent, bootstraps it in the gui domain, and a second install changes nothing', async () => {
    const t = setup();
    const r = await okAs(t.home, ['schedule', 'install', '--with', 'launchd'], { env: t.env() });
    expect(r.stderr).toContain(`Installed the launchd agent com.mtl.nudge and loaded it; it runs mtl nudge on "0 9 * * 1":\n  ${t.plist}\n`);
    expect(t.launchctl()).toEqual([`print gui/${UID}/com.mtl.nudge`, `bootstrap gui/${UID} ${t.plist}`]);
    const text = fs.readFileSync(t.plist, 'utf8');
    const expected = {
      Label: 'com.mtl.nudge',
      ProgramArguments: [NODE, SCRIPT, 'nudge', '--notify'],
      EnvironmentVariables: { MTL_HOME: t.home },
      StartCalendarInterval: [{ Weekday: 1, Hour: 9, Minute: 0 }],
      StandardOutPath: path.join(t.home, 'nudge.log'),
      StandardErrorPath: path.join(t.home, 'nudge.log'),
    };
    expect(parsePlist(text)).toEqual(expected);
    if (hasPython) expect(plistlib(t.plist)).toEqual(expected);

    const again = await okAs(t.home, ['schedule', 'install', '--with', 'launchd'], { env: t.env() });
    expect(again.stderr).toBe(`Already installed; the launchd agent is unchanged (and loaded):\n  ${t.plist}\nSee when it last ran: mtl schedule status\n`);
    expect(fs.readFileSync(t.plist, 'utf8')).toBe(text);
    expect(t.launchctl()).toEqual([`print gui/${UID}/com.mtl.nudge`]);

    // A new schedule reaches launchd only through bootout and bootstrap.
    await okAs(t.home, ['schedule', 'install', '--with', 'launchd', '--schedule', '30 8 * * 1-5'], { env: t.env() });
    expect(t.launchctl()).toEqual([`print gui/${UID}/com.mtl.nudge`, `bootout gui/${UID}/com.mtl.nudge`, `bootstrap gui/${UID} ${t.plist}`]);
    expect((parsePlist(fs.readFileSync(t.plist, 'utf8')) as any).StartCalendarInterval).toEqual([1, 2, 3, 4, 5].map((Weekday) => ({ Weekday, Hour: 8, Minute: 30 })));
  });

  it('is the default on macOS; status and uninstall find it there', async () => {
    const t = setup();
    const mac = { env: t.env(), platform: 'darwin' as const };
    expect((await okAs(t.home, ['schedule', 'install'], mac)).stderr).toContain('Installed the launchd agent com.mtl.nudge and loaded it');
    t.launchctl();
    const status = await okAs(t.home, ['schedule', 'status'], { ...mac, env: t.env({ MTL_NOW: '2027-02-10T12:00:00' }) });
    expect(status.stdout).toMatch(new RegExp(`^launchd     installed \\(loaded\\)\nschedule    0 9 \\* \\* 1\nfiles       ${t.plist.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\ninstalled   `));
    expect(status.stdout).toContain(`\nlog         ${path.join(t.home, 'nudge.log')}\nnext nudge  2027-02-15 09:00\nlast nudge  never\n`);
    t.launchctl();
    const r = await okAs(t.home, ['schedule', 'uninstall'], mac);
    expect(r.stderr).toBe(`Removed the mtl agent (unloaded):\n  ${t.plist}\nRun the nudge by hand any time: mtl nudge\n`);
    expect(t.launchctl()).toEqual([`print gui/${UID}/com.mtl.nudge`, `bootout gui/${UID}/com.mtl.nudge`]);
    expect(fs.readdirSync(t.agents)).toEqual([]);
  });

  it('off macOS: writes the file, says how to load it, calls no launchctl', async () => {
    const t = setup();
    const r = await okAs(t.home, ['schedule', 'install', '--with', 'launchd'], { env: t.env({ MTL_LAUNCHCTL: undefined }) });
    expect(r.stderr).toContain(`This is not macOS, so the agent is written but not loaded. On the Mac, load it with: launchctl bootstrap gui/$(id -u) ${t.plist}\n`);
    expect(t.launchctl()).toEqual([]);
    expect(fs.existsSync(t.plist)).toBe(true);
    expect((await okAs(t.home, ['schedule', 'status', '--with', 'launchd'], { env: t.env({ MTL_LAUNCHCTL: undefined }) })).stdout).toMatch(/^launchd     installed\n/);
  });

  it('refuses a schedule launchd cannot say, changing nothing', async () => {
    const t = setup();
    const r = await mtlAs(t.home, ['schedule', 'install', '--with', 'launchd', '--schedule', '0 9 */2 * 1'], { env: t.env() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('mtl: launchd cannot run "0 9 */2 * 1": it cannot ask for a day of the month and a weekday both at once; nothing was changed.');
    expect(fs.existsSync(t.agents)).toBe(false);
  });
});

describe('the default scheduler and the other ones', () => {
  it('is systemd where systemctl --user answers, cron where it does not', async () => {
    const t = setup();
    expect((await okAs(t.home, ['schedule', 'install'], { env: t.env() })).stderr).toContain('Installed the systemd timer');
    expect(t.crontab()).toBeUndefined();
    await okAs(t.home, ['schedule', 'uninstall'], { env: t.env() });
    const noSession = t.env({ FAKE_SYSTEMCTL_NO_SESSION: '1' });
    expect((await okAs(t.home, ['schedule', 'install'], { env: noSession })).stderr).toContain('Installed the mtl block in your crontab');
    expect(fs.existsSync(t.timer)).toBe(false);
    expect((await okAs(t.home, ['schedule', 'status'], { env: noSession })).stdout).toMatch(/^cron        installed\n/);
    expect((await okAs(t.home, ['schedule', 'uninstall'], { env: noSession })).stderr).toContain('Removed the mtl block');
  });

  it('says when the nudge is in two schedulers, and uninstall without --with removes it from all', async () => {
    const t = setup();
    await okAs(t.home, ['cron', 'install'], { env: t.env() });
    const r = await okAs(t.home, ['schedule', 'install', '--with', 'systemd'], { env: t.env() });
    expect(r.stderr).toContain("mtl's nudge is also in your crontab, so it would run twice; remove it there: mtl schedule uninstall --with cron\n");
    const status = await okAs(t.home, ['schedule', 'status'], { env: t.env() });
    expect(status.stdout).toMatch(/^systemd     installed/);
    expect(status.stderr).toContain("mtl's nudge is also in your crontab; see it with --with, remove it: mtl schedule uninstall --with cron");
    const gone = await okAs(t.home, ['schedule', 'uninstall'], { env: t.env() });
    expect(gone.stderr).toContain('Removed the mtl timer');
    expect(gone.stderr).toContain('Removed the mtl block, and with it your crontab');
    expect(t.crontab()).toBeUndefined();
    expect((await okAs(t.home, ['schedule', 'uninstall'], { env: t.env() })).stderr).toBe(
      "mtl's nudge is not scheduled anywhere (no systemd timer, launchd agent or crontab block); nothing to remove.\n",
    );
  });

  it('mtl cron and mtl schedule --with cron are the same command', async () => {
    const a = setup();
    const b = setup();
    for (const args of [['install'], ['install'], ['install', '--schedule', '30 8 * * 1-5'], ['status'], ['status', '--json'], ['uninstall'], ['uninstall']]) {
      const viaCron = await mtlAs(a.home, ['cron', ...args], { env: a.env({ MTL_NOW: '2027-02-10T12:00:00' }) });
      const viaSchedule = await mtlAs(b.home, ['schedule', args[0]!, '--with', 'cron', ...args.slice(1)], { env: b.env({ MTL_NOW: '2027-02-10T12:00:00' }) });
      const same = (r: Result, t: ReturnType<typeof setup>) => ({ ...r, stdout: r.stdout.split(t.root).join('<root>').replace(/"crontabProgram":"[^"]*"/, ''), stderr: r.stderr.split(t.root).join('<root>') });
      expect(same(viaSchedule, b), args.join(' ')).toEqual(same(viaCron, a));
    }
  });

  it('--help lists schedule with the weekly nudge, with examples', async () => {
    const help = await mtl(tempHome(), ['--help']);
    expect(help.stdout).toMatch(/The weekly nudge:\n\s+today [^\n]*\n\s+nudge [^\n]*\n\s+schedule [^\n]*\n\s+cron /);
    const own = await mtl(tempHome(), ['schedule', 'install', '--help']);
    expect(own.stdout).toContain('--with <scheduler>');
    expect(own.stdout).toContain('Examples:\n  $ mtl schedule install\n');
    const bad = await mtl(tempHome(), ['schedule', 'install', '--with', 'anacron']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Allowed choices are cron, systemd, launchd.");
  });
});

describe('hostile paths reach the scheduler exactly', () => {
  const WEIRD = `we ird $HOME \${PATH} %h %% \`id\` it's "q" back\\slash ;&|<>*`;

  /** A data folder, an mtl script and a node program (a wrapper of the real one) under hostile names. */
  function hostile(t: ReturnType<typeof setup>, nodeName = 'node %y `z` ;b && x') {
    const home = path.join(t.root, WEIRD, 'data');
    const script = path.join(t.root, `mtl ${WEIRD}`, 'mtl.cjs');
    fs.mkdirSync(path.dirname(script), { recursive: true });
    fs.writeFileSync(script, `require(${JSON.stringify(BIN)});\n`);
    const node = path.join(t.root, nodeName, 'node');
    fs.mkdirSync(path.dirname(node), { recursive: true });
    fs.writeFileSync(node, `#!/bin/sh\nexec ${JSON.stringify(NODE)} "$@"\n`, { mode: 0o755 });
    return { home, script, node };
  }

  it('systemd: ExecStart and Environment read back per systemd rules give the exact paths, and the command runs', async () => {
    const t = setup();
    const h = hostile(t);
    writeStore(h.home);
    await okAs(h.home, ['schedule', 'install', '--with', 'systemd'], { env: t.env(), node: h.node, script: h.script });
    const service = fs.readFileSync(t.service, 'utf8');
    const argv = setting(service, 'ExecStart', true);
    expect(argv).toEqual([h.node, h.script, 'nudge', '--notify']);
    const env = setting(service, 'Environment');
    expect(env).toEqual([`MTL_HOME=${h.home}`]);
    if (hasAnalyze) verify(t);
    // As systemd would start it: those words, that environment.
    const r = spawnSync(argv[0]!, argv.slice(1), { env: { PATH: '/usr/bin:/bin', MTL_NOW: '2027-02-15T09:00:00', MTL_NOTIFY_BUS: path.join(t.root, 'no-bus'), ...Object.fromEntries(env.map((a) => a.split(/=(.*)/s).slice(0, 2))), ...(process.env.TZ ? { TZ: process.env.TZ } : {}) }, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('mtl nudge for 2027-02-15');
    expect(readNudgeState(h.home).lastRunAt).toBe(new Date(2027, 1, 15, 9).toISOString());
    // status reads the data folder back from the unit.
    expect((await okAs(t.home, ['schedule', 'status', '--with', 'systemd'], { env: t.env({ MTL_NOW: '2027-02-15T10:00:00' }), node: h.node, script: h.script })).stdout).toContain(
      `data        ${h.home}\nlog         journalctl --user -u mtl-nudge.service\nnext nudge  2027-02-22 09:00\nlast nudge  1 hour ago (2027-02-15 09:00)\n`,
    );
  });

  it('systemd: refuses a node path with a quote, a backslash or a $, which systemd would not run', async () => {
    const t = setup();
    const h = hostile(t, `it's`);
    const r = await mtlAs(h.home, ['schedule', 'install', '--with', 'systemd'], { env: t.env(), node: h.node, script: h.script });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('holds a quote, a backslash or a $, which systemd does not run as a program; nothing was changed.');
    expect(fs.existsSync(t.units)).toBe(false);
  });

  it('launchd: the plist parses as XML and gives the exact paths back', async () => {
    const t = setup();
    const h = hostile(t, `it's "q" & <b>`);
    await okAs(h.home, ['schedule', 'install', '--with', 'launchd'], { env: t.env(), node: h.node, script: h.script });
    const expected = {
      Label: 'com.mtl.nudge',
      ProgramArguments: [h.node, h.script, 'nudge', '--notify'],
      EnvironmentVariables: { MTL_HOME: h.home },
      StartCalendarInterval: [{ Weekday: 1, Hour: 9, Minute: 0 }],
      StandardOutPath: path.join(h.home, 'nudge.log'),
      StandardErrorPath: path.join(h.home, 'nudge.log'),
    };
    expect(parsePlist(fs.readFileSync(t.plist, 'utf8'))).toEqual(expected);
    if (hasPython) expect(plistlib(t.plist)).toEqual(expected);
    expect((await okAs(t.home, ['schedule', 'status', '--with', 'launchd'], { env: t.env() })).stdout).toContain(`data        ${h.home}\n`);
  });

  for (const [scheduler, entry] of [
    ['systemd', 'a systemd unit'],
    ['launchd', 'a launchd agent'],
  ] as const) {
    it(`${scheduler}: refuses a path holding a control character, naming ${entry}, and writes nothing`, async () => {
      const t = setup();
      const home = `${t.home}\n[Service]\nExecStartPre=/bin/touch /tmp/mtl-injected`;
      const r = await mtlAs(home, ['schedule', 'install', '--with', scheduler], { env: t.env() });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`holds a line break (\\n), which ${entry} cannot hold safely; nothing was changed.`);
      const script = await mtlAs(t.home, ['schedule', 'install', '--with', scheduler], { env: t.env(), script: '/opt/mtl\u001b[2J/mtl.cjs' });
      expect(script.stderr).toContain(`mtl: The mtl program "/opt/mtl\\u001b[2J/mtl.cjs" holds a control character (U+001B), which ${entry} cannot hold safely`);
      expect(fs.existsSync(t.units) || fs.existsSync(t.agents)).toBe(false);
      expect(t.systemctl()).toEqual([]);
      expect(t.launchctl()).toEqual([]);
    });
  }
});

if (!hasAnalyze) {
  describe('systemd-analyze', () => {
    it.skip('is not installed here, so the units are not verified (Debian/Ubuntu: apt-get install systemd)', () => {});
  });
}
