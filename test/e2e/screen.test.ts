import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import type { Deps } from '../../src/context.js';
import { BIN, mtl, ok, tempHome, type Result } from '../helpers/cli.js';
import { TMUX, TmuxSession } from '../helpers/tmux.js';

const NOW = '2027-02-10T09:00:00';
const at = (instant: string) => ({ env: { MTL_NOW: instant } });
const NAMES = ['Samantha Okonkwo-Reyes', 'Alexander Bergström', 'Kim Nguyễn', 'Lee 李小龙'];
const TITLES = [
  'Read two leadership books and apply one tip from each to our weekly planning',
  'Recognise every engineer weekly, in private and in public, with specific examples',
];

/** Runs in this process on a pretend terminal `columns` wide, colours off. */
async function onTerminal(home: string, args: string[], columns = 80, stdoutIsTTY = true): Promise<Result> {
  const out: string[] = [];
  const err: string[] = [];
  const deps: Deps = {
    io: { out: (t) => out.push(t), err: (t) => err.push(t), stdoutIsTTY, stderrIsTTY: true, stdinIsTTY: true, color: new Chalk({ level: 0 }), columns },
    env: { ...process.env, MTL_HOME: home, NO_COLOR: '1', MTL_NOW: NOW },
    clock: () => new Date(),
    platform: 'linux',
    argv0: { node: process.execPath, script: BIN },
  };
  const code = await run(args, deps);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** A team of four added on 4 January, two goals with long titles, some praise and a delegated item. */
async function busyTeam(home: string): Promise<void> {
  const jan4 = at('2027-01-04T09:00:00');
  for (const name of NAMES) await ok(home, ['team', 'add', name], jan4);
  await ok(home, ['goals', 'new', '--template', 'learning', '--title', TITLES[0]!, '--due', '2027-03-31', '--yes'], jan4);
  await ok(home, ['goals', 'new', '--template', 'recognition', '--title', TITLES[1]!, '--due', '2027-02-20', '--yes'], jan4);
  await ok(home, ['delegate', 'Run the quarterly planning session with product and design from start to finish', '--to', 'Samantha'], jan4);
  await ok(home, ['praise', 'Kim', 'calm rollback plan'], at('2027-01-12T10:00:00'));
  await ok(home, ['praise', 'Kim', 'demo to the org', '--public'], at('2027-01-26T10:00:00'));
  await ok(home, ['praise', 'Kim', 'again', '--public'], at('2027-01-27T10:00:00'));
  await ok(home, ['praise', 'Samantha', 'clear design doc'], at('2027-02-02T10:00:00'));
}

const words = (text: string) => new Set(text.split(/\s+/).filter(Boolean));

describe('the grouped nudge', () => {
  it('puts fourteen reminders or more in at most fifteen lines, one line per kind, details with --details', async () => {
    const home = tempHome();
    await busyTeam(home);
    const json = JSON.parse(await ok(home, ['nudge', '--json'], at(NOW)));
    expect(json.reminders.length).toBeGreaterThanOrEqual(14);
    const r = await onTerminal(home, ['nudge']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(15);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    expect(lines[0]).toBe(`mtl nudge for 2027-02-10: ${json.reminders.length} reminders`);
    expect(r.stdout).toContain('- 1:1 overdue (4): Samantha Okonkwo-Reyes, Alexander Bergström and 2 more\n');
    expect(r.stdout).toContain('- Not recognised lately (4): ');
    expect(r.stdout).toContain('- Fewer than 2 goals this quarter (4): ');
    expect(r.stdout).toContain('\nWhy, and the command for each: mtl nudge --all --details\n');
    // Piped (cron's mail), every name is there.
    const piped = await ok(home, ['nudge', '--all', '--dry-run'], at(NOW));
    expect(piped).toContain(`- 1:1 overdue (4): ${NAMES.join(', ')}\n`);
    // --details: each reminder with why and its command, as before.
    const details = await ok(home, ['nudge', '--all', '--details', '--dry-run'], at(NOW));
    expect(details).toContain("- Lee 李小龙: no 1:1 yet in 37 days on the team (every 7 days).\n  Why: ");
    expect(details).toContain("  Next: mtl 1on1 'Lee 李小龙'\n");
    expect(details.split('\n').length).toBeGreaterThan(3 * json.reminders.length);
  });

  it('--json keeps its fields and adds the groups', async () => {
    const home = tempHome();
    await busyTeam(home);
    const json = JSON.parse(await ok(home, ['nudge', '--json'], at(NOW)));
    expect(Object.keys(json)).toEqual(['date', 'reminders', 'groups', 'mindset', 'previousRunAt']);
    expect(Object.keys(json.reminders[0])).toEqual(expect.arrayContaining(['key', 'kind', 'text', 'why', 'command']));
    const oneOnOne = json.groups.find((g: { kind: string }) => g.kind === 'one-on-one');
    expect(oneOnOne).toEqual({ kind: 'one-on-one', label: '1:1 overdue', count: 4, subjects: NAMES, keys: ['one-on-one:r1', 'one-on-one:r2', 'one-on-one:r3', 'one-on-one:r4'] });
    expect(json.groups.reduce((n: number, g: { count: number }) => n + g.count, 0)).toBe(json.reminders.length);
  });
});

describe('tables and prose at the terminal width', () => {
  it('fits goals, team list, delegate list and the dashboard in 80 columns, cutting long titles with "…"', async () => {
    const home = tempHome();
    await busyTeam(home);
    for (const args of [['goals'], ['team', 'list'], ['delegate', 'list'], []]) {
      const r = await onTerminal(home, args);
      expect(r.code).toBe(0);
      for (const line of (r.stdout + r.stderr).trimEnd().split('\n')) expect([...line].length, `${args.join(' ')}: ${line}`).toBeLessThanOrEqual(80);
    }
    const goals = (await onTerminal(home, ['goals'])).stdout;
    expect(goals).toMatch(/g1 {2}Read two leadership [^\n]*…/);
    // The dashboard's goal rows: one line each, the title cut, never wrapped under itself.
    expect((await onTerminal(home, [])).stdout).toMatch(/\n {2}g2 {2}Recognise every[^\n]*… {2}due 2027-02-20, in 10 days {2}\S/);
    // Piped, whole values, tab-separated.
    expect(await ok(home, ['goals'], at(NOW))).toContain(`\t${TITLES[0]}\t`);
    const team = (await onTerminal(home, ['team', 'list'])).stdout;
    for (const name of NAMES) expect(team).toContain(name);
  });

  it('wraps messages at spaces, never inside a word', async () => {
    const home = tempHome();
    await busyTeam(home);
    const r = await onTerminal(home, ['team', 'list'], 60);
    const all = `${r.stdout}${r.stderr}`;
    for (const line of r.stderr.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(60);
    const original = (await ok(home, ['team', 'list'], at(NOW)), words(all));
    expect(original.has('Bergström')).toBe(true);
    expect(r.stderr).not.toMatch(/Berg\n/);
  });

  it('wraps messages on a terminal when stdout goes to a file (mtl ... > out)', async () => {
    const home = tempHome();
    await busyTeam(home);
    const r = await onTerminal(home, ['delegate', 'Run the quarterly planning session with product and design from start to finish', '--to', 'Kim'], 60, false);
    expect(r.code).toBe(0);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(60);
    expect(words(r.stderr).has('start')).toBe(true);
  });
});

describe('the 1:1 agenda and the review on a terminal', () => {
  it('wrap long items at spaces under their bullet, every word kept; markdown and pipes keep lines whole', async () => {
    const home = tempHome();
    await busyTeam(home);
    for (const args of [['1on1', 'Samantha'], ['team', 'show', 'Samantha'], ['review', 'Samantha']]) {
      const r = await onTerminal(home, args, 60);
      expect(r.code, args.join(' ')).toBe(0);
      for (const line of r.stdout.trimEnd().split('\n')) expect(line.length, `${args.join(' ')}: ${line}`).toBeLessThanOrEqual(60);
      const piped = await ok(home, args, at(NOW));
      expect(words(r.stdout), args.join(' ')).toEqual(words(piped));
    }
    const agenda = (await onTerminal(home, ['1on1', 'Samantha'], 60)).stdout;
    expect(agenda).toMatch(/ {2}• [^\n]*Run the quarterly planning[^\n]*\n {4}\S/);
    const markdown = (await onTerminal(home, ['1on1', 'Samantha', '--markdown'], 60)).stdout;
    expect(markdown).toContain('Run the quarterly planning session with product and design from start to finish');
  });
});

describe('mtl praise grid', () => {
  it('shows a cell per week for the last 12 weeks: counts, "·" for a gap, blank before joining', async () => {
    const home = tempHome();
    await busyTeam(home);
    const r = await onTerminal(home, ['praise', 'grid']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\s+Nov\s+Dec\s+Jan\s+Feb$/);
    // Names take at most 20 columns; each week three.
    expect(lines[1]).toBe(`${'report'.padEnd(20)}  23 30  7 14 21 28  4 11 18 25  1  8  total`);
    expect(lines[2]).toBe(`Samantha Okonkwo-Re… ${' '.repeat(18)}  ·  ·  ·  ·  1  ·      1`);
    expect(lines[4]).toBe(`${'Kim Nguyễn'.padEnd(20)} ${' '.repeat(18)}  ·  1  ·  2  ·  ·      3`);
    expect(r.stderr).toContain('No praise this week or last: Alexander Bergström, Kim Nguyễn, Lee 李小龙.');
    // Piped: tab-separated, "-" before they joined.
    const piped = await ok(home, ['praise', 'grid', '--weeks', '4'], at(NOW));
    expect(piped.split('\n')[2]).toBe('Kim Nguyễn\t0\t2\t0\t0\t2');
  });

  it('--json gives the weeks and the counts per report; --weeks is checked', async () => {
    const home = tempHome();
    await busyTeam(home);
    const json = JSON.parse(await ok(home, ['praise', 'grid', '--json', '--weeks', '3'], at(NOW)));
    expect(json.weekStart).toBe('monday');
    expect(json.weeks).toEqual([
      { start: '2027-01-25', end: '2027-01-31' },
      { start: '2027-02-01', end: '2027-02-07' },
      { start: '2027-02-08', end: '2027-02-10' },
    ]);
    expect(json.reports[2]).toEqual({ id: 'r3', name: 'Kim Nguyễn', counts: [2, 0, 0], publicCounts: [2, 0, 0], total: 2, weeksWithout: 2 });
    expect(json.reports[0].counts).toEqual([0, 1, 0]);
    const twelve = JSON.parse(await ok(home, ['praise', 'grid', '--json'], at(NOW)));
    expect(twelve.weeks).toHaveLength(12);
    expect(twelve.reports[0].counts.slice(0, 6)).toEqual([null, null, null, null, null, null]);
    for (const bad of ['0', '105', 'many', '2.5']) {
      const r = await mtl(home, ['praise', 'grid', '--weeks', bad], at(NOW));
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`--weeks takes a whole number of weeks from 1 to 104; got "${bad}".`);
      expect(r.stdout).toBe('');
    }
    // "grid" is a word of the praise command, so it cannot be a report's name.
    expect((await mtl(home, ['team', 'add', 'Grid'], at(NOW))).code).toBe(1);
  });
});

describe('mtl learn', () => {
  it('shows hours per week for the last 12 weeks as a sparkline', async () => {
    const home = tempHome();
    await ok(home, ['learn', 'log', '2', 'a book'], at('2027-01-05T10:00:00'));
    await ok(home, ['learn', 'log', '4', 'a course'], at('2027-01-20T10:00:00'));
    await ok(home, ['learn', 'log', '1', 'a talk'], at('2027-02-09T10:00:00'));
    const out = (await onTerminal(home, ['learn'])).stdout;
    expect(out).toContain('  ······▄·█··▂  hours per week, last 12 weeks (7 in all; most 4)\n');
    const json = JSON.parse(await ok(home, ['learn', '--json'], at(NOW)));
    expect(json.weeklyHours).toHaveLength(12);
    expect(json.weeklyHours.slice(-6)).toEqual([
      { start: '2027-01-04', hours: 2 },
      { start: '2027-01-11', hours: 0 },
      { start: '2027-01-18', hours: 4 },
      { start: '2027-01-25', hours: 0 },
      { start: '2027-02-01', hours: 0 },
      { start: '2027-02-08', hours: 1 },
    ]);
  });
});

/** Runs the built mtl in a real tmux terminal of 80 columns and returns the screen. */
function screenAt80(home: string, args: string): string {
  const name = `mtl-screen-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  execFileSync('tmux', [...TMUX, 'new-session', '-d', '-s', name, '-x', '80', '-y', '50', `env MTL_HOME='${home}' MTL_NOW=${NOW} NO_COLOR=1 node ${BIN} ${args}; echo "[exit $?]"; sleep 30`]);
  try {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const screen = execFileSync('tmux', [...TMUX, 'capture-pane', '-p', '-J', '-t', name], { encoding: 'utf8' });
      if (screen.includes('[exit ')) return screen;
      if (Date.now() > deadline) throw new Error(`mtl ${args} did not finish:\n${screen}`);
      spawnSync('sleep', ['0.1']);
    }
  } finally {
    spawnSync('tmux', [...TMUX, 'kill-session', '-t', name]);
  }
}

describe.runIf(TmuxSession.available() && fs.existsSync(BIN))('goals, team list and nudge in a real 80-column terminal', () => {
  it('keeps every line within 80 columns and never splits a word', async () => {
    const home = tempHome();
    await busyTeam(home);
    // Every word the terminal may show, from the whole (piped) output and the data.
    for (const args of ['goals', 'team list', 'nudge --dry-run']) {
      // -J joins lines the terminal wrapped itself: a line over 80 columns shows as one long line.
      const screen = screenAt80(home, args);
      expect(screen).toContain('[exit 0]');
      const lines = screen.split('\n');
      for (const line of lines) expect(line.length, `mtl ${args}: ${line}`).toBeLessThanOrEqual(80);
      // No word broken across two lines: each word on the screen is a whole word of the output.
      // What a terminal 1000 columns wide shows: nothing cut, nothing wrapped.
      const wide = await onTerminal(home, args.split(' '), 1000);
      const known = words(`${wide.stdout} ${wide.stderr} ${NAMES.join(' ')} ${TITLES.join(' ')}`);
      for (const w of words(screen)) {
        // Cut cells end in "…"; a group line that names some ends in "and 3 more".
        if (w.includes('…') || /^\[exit|^0\]$|^[░█·✓]+$|^\d+$|^more$/.test(w)) continue;
        expect(known.has(w), `mtl ${args}: "${w}" is not a whole word\n${screen}`).toBe(true);
      }
    }
  });
});
