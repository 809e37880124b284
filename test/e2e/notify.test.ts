import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Chalk } from 'chalk';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import type { Deps } from '../../src/context.js';
import { BIN, mode, mtl, ok, readNudgeState, tempHome, type Result } from '../helpers/cli.js';
import { busyStore, writeStore } from '../helpers/store-fixture.js';

const MONDAY = '2027-02-15T09:00:00';
const WEDNESDAY = '2027-02-17T10:00:00';

/**
 * A data folder with two reminders due on MONDAY, and beside it a stand-in `notify-send` that
 * appends the bus it was given and each argument to `notify.log`, as the PATH to use.
 */
function setup(stub = 'log'): { home: string; log: string; bin: string; env: (extra?: Record<string, string | undefined>) => Record<string, string | undefined> } {
  const home = tempHome();
  busyStore(home);
  const parent = path.dirname(home);
  const bin = path.join(parent, 'bin');
  const log = path.join(parent, 'notify.log');
  fs.mkdirSync(bin);
  const body = {
    log: 'printf "bus=%s\\n" "$DBUS_SESSION_BUS_ADDRESS" >> "$NOTIFY_LOG"; for a in "$@"; do printf "[%s]\\n" "$a" >> "$NOTIFY_LOG"; done',
    fail: 'echo "cannot connect" >&2; echo noise; exit 3',
    hang: 'exec sleep 30',
  }[stub];
  // osascript too: on a Mac the same stand-in keeps the tests from showing real notifications.
  for (const program of ['notify-send', 'osascript']) fs.writeFileSync(path.join(bin, program), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  const env = (extra: Record<string, string | undefined> = {}) => ({
    MTL_NOW: MONDAY,
    PATH: `${bin}:/usr/bin:/bin`,
    NOTIFY_LOG: log,
    DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus',
    MTL_SCHEDULED: undefined,
    ...extra,
  });
  return { home, log, bin, env };
}

const logged = (log: string) => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : undefined);

/** Runs in this process as on a terminal (stdout and stdin are terminals), with the test's environment. */
async function onTerminal(home: string, args: string[], env: Record<string, string | undefined>): Promise<Result> {
  const out: string[] = [];
  const err: string[] = [];
  const deps: Deps = {
    io: { out: (t) => out.push(t), err: (t) => err.push(t), stdoutIsTTY: true, stdinIsTTY: true, color: new Chalk({ level: 0 }), columns: 80 },
    env: { ...process.env, MTL_HOME: home, NO_COLOR: '1', ...env },
    clock: () => new Date(),
    platform: 'linux',
    argv0: { node: process.execPath, script: BIN },
  };
  const code = await run(args, deps);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const sockets: net.Server[] = [];
afterEach(async () => {
  for (const server of sockets.splice(0)) await new Promise((resolve) => server.close(resolve));
});

// The stand-ins are shell scripts; the notify-send arguments are those of Linux and the BSDs.
const NOTIFY_SEND = process.platform !== 'win32' && process.platform !== 'darwin';

describe.skipIf(!NOTIFY_SEND)('mtl nudge --notify', () => {
  it('shows the count and the most pressing reminder, besides printing them', async () => {
    const t = setup();
    const plain = tempHome();
    busyStore(plain);
    const expected = await mtl(plain, ['nudge'], { env: t.env() });
    const r = await mtl(t.home, ['nudge', '--notify'], { env: t.env() });
    expect(r).toEqual(expected);
    expect(r.stdout).toContain('mtl nudge for 2027-02-15: 2 reminders');
    expect(logged(t.log)).toBe(['bus=unix:path=/run/user/1000/bus', '[--app-name=mtl]', '[--]', '[mtl: 2 reminders due]', '[Goal g2 "Hand the roadmap to the team": due today.', 'and 1 more: run mtl nudge]', ''].join('\n'));
  });

  it('does the same for a run whose entry sets MTL_SCHEDULED=1', async () => {
    const t = setup();
    expect((await mtl(t.home, ['nudge'], { env: t.env({ MTL_SCHEDULED: '1' }) })).code).toBe(0);
    expect(logged(t.log)).toContain('[mtl: 2 reminders due]');
  });

  it('stays quiet when nothing is due, or nothing new since the last run today', async () => {
    const t = setup();
    writeStore(t.home, (d) => {
      Object.assign(d, busyStore(t.home));
      d.goals = [];
      d.praise.push({ id: 'p2', member: 'r1', text: 'x', date: '2027-02-11', at: '2027-02-11T10:00:00Z', public: false });
    });
    expect(await mtl(t.home, ['nudge', '--notify'], { env: t.env({ MTL_NOW: '2027-02-12T09:00:00' }) })).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(logged(t.log)).toBeUndefined();
    expect(readNudgeState(t.home).found).toBeUndefined();

    const again = setup();
    await ok(again.home, ['nudge', '--notify'], { env: again.env() });
    fs.rmSync(again.log);
    expect(await mtl(again.home, ['nudge', '--notify'], { env: again.env({ MTL_NOW: '2027-02-15T15:00:00' }) })).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(logged(again.log)).toBeUndefined();
  });

  it('never notifies without --notify or MTL_SCHEDULED=1: not on a terminal, not piped, not with --json', async () => {
    const t = setup();
    expect((await onTerminal(t.home, ['nudge'], t.env())).stdout).toContain('2 reminders');
    expect((await mtl(t.home, ['nudge', '--all'], { env: t.env() })).stdout).toContain('2 reminders');
    expect((await mtl(t.home, ['nudge', '--json', '--notify'], { env: t.env() })).code).toBe(0);
    expect(logged(t.log)).toBeUndefined();
  });

  it('changes nothing without notify-send, or with one that fails: same output, same exit code', async () => {
    const expected = await mtl(setup().home, ['nudge'], { env: setup().env() });
    const missing = setup();
    expect(await mtl(missing.home, ['nudge', '--notify'], { env: missing.env({ PATH: path.dirname(missing.home) }) })).toEqual(expected);
    const failing = setup('fail');
    expect(await mtl(failing.home, ['nudge', '--notify'], { env: failing.env() })).toEqual(expected);
  });

  it('gives up on a notifier that hangs after 5 seconds, and the nudge still succeeds', async () => {
    const t = setup('hang');
    const started = Date.now();
    const r = await mtl(t.home, ['nudge', '--notify'], { env: t.env() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 reminders');
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 20_000);

  it('finds the user bus when the environment names none, as under cron; no bus, no notification', async () => {
    const t = setup();
    const socket = path.join(path.dirname(t.home), 'bus');
    const noBus = await mtl(t.home, ['nudge', '--notify'], { env: t.env({ DBUS_SESSION_BUS_ADDRESS: undefined, MTL_NOTIFY_BUS: socket }) });
    expect(noBus.code).toBe(0);
    expect(noBus.stdout).toContain('2 reminders');
    expect(logged(t.log)).toBeUndefined();

    const server = net.createServer();
    sockets.push(server);
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    await ok(t.home, ['nudge', '--notify'], { env: t.env({ MTL_NOW: '2027-02-16T09:00:00', DBUS_SESSION_BUS_ADDRESS: undefined, MTL_NOTIFY_BUS: socket }) });
    expect(logged(t.log)).toMatch(new RegExp(`^bus=unix:path=${socket.replace(/[^\w/]/g, (c) => (c === '-' || c === '.' ? `\\${c}` : `%${c.charCodeAt(0).toString(16)}`))}\n`));
  });

  it('keeps text from the data out of the notifier: no control characters, one argument each', async () => {
    const t = setup();
    writeStore(t.home, (d) => {
      Object.assign(d, busyStore(t.home));
      d.goals = [];
      d.members[0]!.name = '-Al\u001b]0;x\u0007ice $(touch pwned)\nnext';
    });
    const r = await mtl(t.home, ['nudge', '--notify'], { env: t.env() });
    expect(r.code).toBe(0);
    const args = logged(t.log)!;
    expect(args).toContain('[-Al ]0;x ice $(touch pwned) next: never recognised in 42 days on the team.\nNext: mtl praise ');
    expect(args).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(fs.existsSync(path.join(path.dirname(t.home), 'pwned'))).toBe(false);
  });
});

describe.skipIf(process.platform === 'win32')('what a scheduled nudge found', () => {
  it('is kept in nudge.json, owner-only, with the day and each reminder', async () => {
    const t = setup();
    await ok(t.home, ['nudge', '--notify'], { env: t.env() });
    expect(readNudgeState(t.home).found).toEqual({
      day: '2027-02-15',
      reminders: [
        { key: 'goal:g2', text: 'Goal g2 "Hand the roadmap to the team": due today.', command: 'mtl goals check-in g2 "<note>" --progress N' },
        { key: 'recognition:r1', text: 'Alice: never recognised in 42 days on the team.', command: 'mtl praise Alice "..."' },
      ],
    });
    expect(mode(path.join(t.home, 'nudge.json'))).toBe(0o600);
    // A run without a scheduler leaves it as it was; purging a report forgets it.
    await ok(t.home, ['nudge', '--all'], { env: t.env() });
    expect(readNudgeState(t.home).found.reminders).toHaveLength(2);
    await ok(t.home, ['team', 'remove', 'Alice', '--purge', '--yes'], { env: t.env() });
    expect(readNudgeState(t.home).found).toBeUndefined();
  });

  it('is shown by the next dashboard on a terminal, once', async () => {
    const t = setup();
    await ok(t.home, ['nudge', '--notify'], { env: t.env() });
    await ok(t.home, ['praise', 'Alice', 'clear write-up'], { env: t.env({ MTL_NOW: '2027-02-16T09:00:00' }) });
    // Piped, it shows and keeps it.
    const piped = await ok(t.home, [], { env: t.env({ MTL_NOW: WEDNESDAY }) });
    const found = [
      "Monday's nudge found 2 reminders; 1 is no longer due:",
      '  - Goal g2 "Hand the roadmap to the team": due today.',
      '  - Alice: never recognised in 42 days on the team. (no longer due)',
      '  each with why and what to run: mtl nudge --all',
      '',
      'Reminders: 2 due',
    ].join('\n');
    expect(piped).toContain(`mtl, 2027-02-17\n\n${found}`);
    const first = await onTerminal(t.home, [], t.env({ MTL_NOW: WEDNESDAY }));
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(found);
    const second = await onTerminal(t.home, [], t.env({ MTL_NOW: WEDNESDAY }));
    expect(second.stdout).not.toContain('nudge found');
    expect(second.stdout).toContain('mtl, 2027-02-17\n\nReminders: 2 due');
    expect(readNudgeState(t.home).found).toBeUndefined();
  });

  it('is shown by the next mtl nudge on a terminal, in full instead of "already shown", once', async () => {
    const t = setup();
    await ok(t.home, ['nudge', '--notify'], { env: t.env() });
    const first = await onTerminal(t.home, ['nudge', '--details'], t.env({ MTL_NOW: '2027-02-15T12:00:00' }));
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/^Today's nudge found 2 reminders\.\n\nmtl nudge for 2027-02-15: 2 reminders\n\n- Goal g2 /);
    expect(first.stdout).toContain('  Next: mtl praise Alice "..."');
    const second = await onTerminal(t.home, ['nudge'], t.env({ MTL_NOW: '2027-02-15T12:30:00' }));
    expect(second).toEqual({ code: 0, stdout: '', stderr: '2 reminders were already shown today; see them again with: mtl nudge --all\n' });
    // Asked with --details, the command it names keeps --details (run alone, --details prints nothing new).
    const detailed = await onTerminal(t.home, ['nudge', '--details'], t.env({ MTL_NOW: '2027-02-15T12:40:00' }));
    expect(detailed.stderr.replace(/\s+/g, ' ')).toBe('2 reminders were already shown today; see them again with: mtl nudge --all --details ');
  });

  it('a damaged record is named by the nudge, and the dashboard stays up', async () => {
    const t = setup();
    await ok(t.home, ['team'], { env: t.env() });
    fs.writeFileSync(path.join(t.home, 'nudge.json'), '{"shown":{},"prompts":{},"found":{"day":"2027-02-15","reminders":[{"text":1}]}}', { mode: 0o600 });
    const r = await mtl(t.home, ['nudge', '--notify'], { env: t.env() });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('"found.reminders" should be a list of reminders, each with a key, a text and a command');
    expect(r.stderr).toContain('the next nudge starts afresh');
    const dashboard = await onTerminal(t.home, [], t.env());
    expect(dashboard.code).toBe(0);
    expect(dashboard.stdout).toContain('Reminders: 2 due');
  });

  it('a second scheduled run the same day adds what is new to what no one has seen', async () => {
    const t = setup();
    await ok(t.home, ['nudge', '--notify'], { env: t.env() });
    await ok(t.home, ['goals', 'new', '--template', 'autonomy', '--title', 'Write the hiring plan', '--due', '2027-02-16', '--yes'], { env: t.env({ MTL_NOW: '2027-02-15T11:00:00' }) });
    await ok(t.home, ['nudge', '--notify'], { env: t.env({ MTL_NOW: '2027-02-15T15:00:00' }) });
    expect(readNudgeState(t.home).found.reminders.map((r: { key: string }) => r.key)).toEqual(['goal:g2', 'recognition:r1', expect.stringMatching(/^goal:g\d+$/)]);
    const shown = await onTerminal(t.home, ['nudge'], t.env({ MTL_NOW: '2027-02-15T17:00:00' }));
    expect(shown.stdout).toMatch(/^Today's nudge found 3 reminders\.\n\nmtl nudge for 2027-02-15: 3 reminders\n/);
  });
});
