import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { BIN, mode, mtl, ok, readNudgeState, snapshot, tempHome } from '../helpers/cli.js';
import { busyStore, generated, writeStore } from '../helpers/store-fixture.js';
import { TmuxSession } from '../helpers/tmux.js';

const at = (instant: string) => ({ env: { MTL_NOW: instant } });
const MONDAY = '2027-02-15T09:00:00';

describe('mtl nudge', () => {
  it('with --details, prints each reminder with why and the next command, plus the mindset prompt', async () => {
    const home = tempHome();
    busyStore(home);
    await ok(home, ['team'], at(MONDAY)); // upgrades the version-2 folder
    const before = snapshot(home);
    const r = await mtl(home, ['nudge', '--details'], at(MONDAY));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('mtl nudge for 2027-02-15: 2 reminders');
    expect(r.stdout).toContain(
      [
        '- Goal g2 "Hand the roadmap to the team": due today.',
        '  Why: The deadline is close: record where it stands while there is still time to act.',
        '  Next: mtl goals check-in g2 "<note>" --progress N',
        '',
        '- Alice: never recognised in 42 days on the team.',
        '  Why: Noticing good work every week, in private and in public, is how people learn what counts.',
        '  Next: mtl praise Alice "..."',
      ].join('\n'),
    );
    expect(r.stdout).not.toContain('Bob');
    expect(r.stdout).not.toContain('Gone');
    expect(r.stdout).toMatch(/\nMindset of the week: .+\n  .+\n$/);
    const state = readNudgeState(home);
    expect(state.lastRunAt).toBe(new Date(2027, 1, 15, 9).toISOString());
    expect(state.shown).toEqual({ 'goal:g2': '2027-02-15', 'recognition:r1': '2027-02-15', [`mindset:${state.prompts['2027-Q1'][0]}`]: '2027-02-15' });
    expect(mode(path.join(home, 'nudge.json'))).toBe(0o600);
    const { 'nudge.json': _state, ...after } = snapshot(home);
    expect(after).toEqual(before);
  });

  it('stays quiet on a second run the same day, unless --all', async () => {
    const home = tempHome();
    busyStore(home);
    const first = await ok(home, ['nudge'], at(MONDAY));
    const again = await mtl(home, ['nudge'], at('2027-02-15T17:30:00'));
    expect(again).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readNudgeState(home).lastRunAt).toBe(new Date(2027, 1, 15, 17, 30).toISOString());
    expect(await ok(home, ['nudge', '--all'], at('2027-02-15T18:00:00'))).toBe(first);
    // The command the first run's last line names shows each reminder in full, the same day.
    const hint = /Why, and the command for each: (mtl .*)\n/.exec(first)![1]!;
    const details = await ok(home, hint.split(' ').slice(1), at('2027-02-15T18:05:00'));
    expect(details).toContain('  Why: ');
    expect(await ok(home, ['nudge'], at('2027-02-16T09:00:00'))).toContain('Alice: never recognised in 43 days');
  });

  it('prints nothing and exits 0 when nothing is due, but records the run', async () => {
    const home = tempHome();
    const quiet = { env: { MTL_NOW: '2027-02-12T09:00:00' } };
    writeStore(home, (d) => {
      Object.assign(d, busyStore(home));
      d.goals = [];
      d.praise.push({ id: 'p2', member: 'r1', text: 'x', date: '2027-02-11', at: '2027-02-11T10:00:00Z', public: false });
    });
    expect(await mtl(home, ['nudge'], quiet)).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readNudgeState(home).lastRunAt).toBe(new Date(2027, 1, 12, 9).toISOString());
    expect(JSON.parse(await ok(home, ['nudge', '--json'], quiet))).toEqual({ date: '2027-02-12', reminders: [], groups: [], mindset: null, previousRunAt: new Date(2027, 1, 12, 9).toISOString() });
  });

  it('prints JSON with stable fields', async () => {
    const home = tempHome();
    busyStore(home);
    const json = JSON.parse(await ok(home, ['nudge', '--json'], at(MONDAY)));
    expect(json.date).toBe('2027-02-15');
    expect(json.previousRunAt).toBeNull();
    expect(json.reminders).toEqual([
      expect.objectContaining({ key: 'goal:g2', kind: 'goal', command: 'mtl goals check-in g2 "<note>" --progress N', text: expect.any(String), why: expect.any(String) }),
      expect.objectContaining({ key: 'recognition:r1', kind: 'recognition', since: '2027-01-04', command: 'mtl praise Alice "..."' }),
    ]);
    expect(json.mindset).toEqual({ id: expect.any(String), theme: expect.any(String), title: expect.any(String), text: expect.any(String) });
  });

  it('--json lists every reminder due, even after a plain run the same day, and marks none as shown', async () => {
    const home = tempHome();
    busyStore(home);
    await ok(home, ['nudge'], at(MONDAY));
    const shown = readNudgeState(home).shown;
    const json = JSON.parse(await ok(home, ['nudge', '--json'], at('2027-02-15T12:00:00')));
    expect(json.reminders.map((r: { key: string }) => r.key)).toEqual(['goal:g2', 'recognition:r1']);
    expect(json.previousRunAt).toBe(new Date(2027, 1, 15, 9).toISOString());
    // It records the run, but not as having shown anything: a plain run later stays as it was.
    expect(readNudgeState(home)).toMatchObject({ lastRunAt: new Date(2027, 1, 15, 12).toISOString(), shown });
    const fresh = tempHome();
    busyStore(fresh);
    await ok(fresh, ['nudge', '--json'], at(MONDAY));
    expect(readNudgeState(fresh).shown).toEqual({});
    expect(await ok(fresh, ['nudge'], at('2027-02-15T12:00:00'))).toContain('mtl nudge for 2027-02-15: 2 reminders');
  });

  it('--dry-run previews a day without recording the run or what it showed', async () => {
    const home = tempHome();
    busyStore(home);
    await ok(home, ['nudge'], at('2027-02-14T09:00:00'));
    const before = fs.readFileSync(path.join(home, 'nudge.json'), 'utf8');
    const r = await mtl(home, ['nudge', '--dry-run', '--details'], at('2027-03-29'));
    expect(r.code).toBe(0);
    // Six, and Alice's and Bob's 1:1s, last held 45 days before.
    expect(r.stdout.split('\n')[0]).toBe('mtl nudge for 2027-03-29: 8 reminders');
    expect(r.stdout).toContain('- Alice: no 1:1 for 45 days (last on 2027-02-12; every 7 days).\n');
    expect(r.stderr).toBe('Dry run for 2027-03-29: nothing was recorded.\n');
    expect(fs.readFileSync(path.join(home, 'nudge.json'), 'utf8')).toBe(before);
    expect(JSON.parse(await ok(home, ['nudge', '--json', '--dry-run'], at('2027-03-29'))).reminders).toHaveLength(8);
    expect(fs.readFileSync(path.join(home, 'nudge.json'), 'utf8')).toBe(before);
    // The preview left no future run behind for cron status to trip over.
    expect(readNudgeState(home).lastRunAt).toBe(new Date(2027, 1, 14, 9).toISOString());
    // On a fresh folder it does not even create the data folder.
    const fresh = tempHome();
    expect(await ok(fresh, ['nudge', '--dry-run'], at(MONDAY))).toContain('- You have not taken the self-assessment yet.');
    expect(fs.existsSync(fresh)).toBe(false);
    const help = await ok(home, ['nudge', '--help']);
    expect(help).toContain('--dry-run');
    expect(help).toContain('$ MTL_NOW=2027-03-29 mtl nudge --dry-run');
  });

  it('catches up after three weeks of missed runs and says so', async () => {
    const home = tempHome();
    busyStore(home);
    await ok(home, ['nudge'], at(MONDAY));
    const late = await ok(home, ['nudge', '--details'], at('2027-03-08T09:00:00'));
    expect(late).toContain('(the last nudge ran 21 days ago; this one catches up)');
    expect(late).toContain('Goal g2 "Hand the roadmap to the team": 21 days overdue (due 2027-02-15); no check-in for 28 days.');
    expect(late).toContain('Bob Stone: no praise logged for 26 days (last on 2027-02-10).');
    expect(late).toContain("Next: mtl praise 'Bob Stone' \"...\"");
  });

  it('runs as cron would: no terminal, stdin closed, a minimal environment', async () => {
    const home = tempHome();
    busyStore(home);
    const r = spawnSync(process.execPath, [BIN, 'nudge'], {
      env: { MTL_HOME: home, MTL_NOW: MONDAY, PATH: '/usr/bin:/bin', HOME: path.dirname(home), ...(process.env.TZ ? { TZ: process.env.TZ } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('mtl nudge for 2027-02-15: 2 reminders');
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it('refuses damaged data without touching it', async () => {
    const home = tempHome();
    writeStore(home);
    fs.writeFileSync(path.join(home, 'mtl.json'), '{"version": 1, "goals": {}}');
    const r = await mtl(home, ['nudge'], at(MONDAY));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the field "goals" should be a list');
    expect(fs.readFileSync(path.join(home, 'mtl.json'), 'utf8')).toBe('{"version": 1, "goals": {}}');
  });

  it('starts afresh from an empty nudge.json (what a power cut can leave), and refuses a damaged one', async () => {
    const home = tempHome();
    writeStore(home);
    const state = path.join(home, 'nudge.json');
    fs.writeFileSync(state, '');
    expect(await ok(home, ['nudge'], at(MONDAY))).toContain('mtl nudge for 2027-02-15');
    fs.writeFileSync(state, Buffer.alloc(300));
    expect(await mtl(home, ['nudge', '--all'], at(MONDAY))).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(fs.readFileSync(state, 'utf8')).lastRunAt).toBe(new Date(MONDAY).toISOString());
    fs.writeFileSync(state, '{"lastRunAt": "yesterday"');
    const r = await mtl(home, ['nudge'], at(MONDAY));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${state} is damaged`);
    expect(r.stderr).toContain(`remove it (rm '${state}')`);
    expect(fs.readFileSync(state, 'utf8')).toBe('{"lastRunAt": "yesterday"');
  });

  it('on a fresh data folder, starts with the self-assessment', async () => {
    const home = tempHome();
    const out = await ok(home, ['nudge'], at(MONDAY));
    // The first step first: the assessment leads the list.
    expect(out.split('\n').slice(0, 2)).toEqual(['mtl nudge for 2027-02-15: 3 reminders', '- You have not taken the self-assessment yet.']);
    expect(out).toContain('\nNext: mtl assess\n');
    const details = await ok(home, ['nudge', '--all', '--details'], at(MONDAY));
    expect(details.split('\n').slice(0, 3)).toEqual(['mtl nudge for 2027-02-15: 3 reminders', '', '- You have not taken the self-assessment yet.']);
    expect(details).toContain('  Next: mtl assess\n');
    expect(details).toContain('  Next: mtl innovation plan 2027-02-22\n');
    expect(fs.statSync(home).mode & 0o777).toBe(0o700);
  });
});

describe.runIf(TmuxSession.available())('mtl nudge run by hand after cron', () => {
  it('keeps stdout empty but says on stderr how many reminders were already shown today', async () => {
    const home = tempHome();
    busyStore(home);
    await ok(home, ['nudge'], at(MONDAY));
    const run = async (args: string, until: string) => {
      const tmux = new TmuxSession(`${process.execPath} ${BIN} ${args}`, { MTL_HOME: home, MTL_NOW: '2027-02-15T17:30:00', NO_COLOR: '1' });
      try {
        return await tmux.waitFor(until);
      } finally {
        tmux.kill();
      }
    };
    const screen = await run('nudge', '[exit 0]');
    expect(screen).toContain('2 reminders were already shown today; see them again with: mtl nudge --all\n[exit 0]');
    expect(screen).not.toContain('mtl nudge for');
    // Only stderr carries it: with stderr thrown away, the terminal shows nothing at all.
    expect((await run('nudge 2>/dev/null', '[exit 0]')).trim()).toBe('[exit 0]');
    // Piped, as under cron, the second run stays completely silent.
    expect(await mtl(home, ['nudge'], at('2027-02-15T18:00:00'))).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('mtl nudge on a store of years', () => {
  it('keeps every piped line within what mail carries whole (998 bytes), naming as many as fit', async () => {
    // Made by the bench's generator: 400 goals, a third of them overdue on this day.
    const home = generated(0.4);
    const r = await mtl(home, ['nudge'], at('2027-02-10T09:00:00'));
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const overdue = lines.find((l) => l.startsWith('- Goals overdue ('))!;
    const count = Number(/\((\d+)\)/.exec(overdue)![1]);
    expect(count).toBeGreaterThan(100);
    expect(Buffer.byteLength(overdue)).toBeLessThanOrEqual(998);
    const more = /, g\d+ "[^"]+" and (\d+) more$/.exec(overdue);
    expect(more).not.toBeNull();
    // Whole subjects, and all of them counted: named plus "more".
    expect(overdue.split(/, (?=g\d+ ")/).length + Number(more![1])).toBe(count);
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(998);
  });

  it('counts bytes, not columns: decomposed Hangul names keep the line within 998 bytes too', async () => {
    const home = tempHome();
    // NFD Hangul: each syllable three code points of three bytes, two columns wide.
    for (let i = 1; i <= 70; i++) await ok(home, ['team', 'add', `${'김민준'.normalize('NFD')} ${i}`], at('2027-01-04T09:00:00'));
    const r = await mtl(home, ['nudge', '--all'], at('2027-02-04T09:00:00'));
    const line = r.stdout.split('\n').find((l) => l.startsWith('- Not recognised lately (70): '))!;
    expect(line).toMatch(/ and \d+ more$/);
    for (const l of r.stdout.split('\n')) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(998);
  });
});

describe.runIf(TmuxSession.available())('the reminder hint on interactive commands', () => {
  it('shows one line after a command when the last nudge is over a week old, and obeys hints=false', async () => {
    const home = tempHome();
    busyStore(home);
    const env = { MTL_HOME: home, MTL_NOW: MONDAY, NO_COLOR: '1' };
    const run = async (args: string, expectHint: boolean) => {
      const tmux = new TmuxSession(`${process.execPath} ${BIN} ${args}`, env);
      try {
        const screen = await tmux.waitFor('[exit 0]');
        if (expectHint) expect(screen).toContain('2 reminders due: run mtl nudge\n[exit 0]');
        else expect(screen).not.toContain('reminders due');
        return screen;
      } finally {
        tmux.kill();
      }
    };
    await run('team list', true);
    // The dashboard lists the reminders itself: no second line saying so.
    expect(await run('', false)).toContain('Reminders: 2 due');
    await ok(home, ['config', 'set', 'hints', 'false']);
    await run('team list', false);
    await ok(home, ['config', 'set', 'hints', 'true']);
    await ok(home, ['nudge'], at('2027-02-14T09:00:00'));
    await run('team list', false);
    // Piped, never.
    expect((await mtl(home, ['team', 'list'], at('2027-03-15T09:00:00'))).stderr).toBe('');
  });
});

describe('a data folder that cannot be written', () => {
  it('still prints what is due, says the run was not recorded, and exits 0', async () => {
    const home = tempHome();
    busyStore(home);
    const before = snapshot(home);
    // As on a read-only or full disk: the lock cannot be made.
    const link = vi.spyOn(fs, 'linkSync').mockImplementation(() => {
      throw Object.assign(new Error('EROFS: read-only file system, link'), { code: 'EROFS' });
    });
    try {
      const r = await mtl(home, ['nudge'], at(MONDAY));
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^mtl nudge for 2027-02-15: \d+ reminders\n/);
      expect(r.stderr).toMatch(/^warning: this run was not recorded: Cannot lock \S+mtl\.lock: the file system is read-only \(EROFS\); nothing was changed\.\n$/);
    } finally {
      link.mockRestore();
    }
    expect(snapshot(home)).toEqual(before);
  });

  it('still refuses a damaged nudge.json, naming it', async () => {
    const home = tempHome();
    busyStore(home);
    fs.writeFileSync(path.join(home, 'nudge.json'), '{"shown": 5');
    const r = await mtl(home, ['nudge'], at(MONDAY));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nudge\.json is damaged/);
  });
});
