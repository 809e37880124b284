import fs from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, mtl, ok, snapshot, spawnMtl, tempHome } from '../helpers/cli.js';
import { writeStore } from '../helpers/store-fixture.js';
import { TmuxSession } from '../helpers/tmux.js';

const NOW = { env: { MTL_NOW: '2027-02-18T10:00:00' } };

/** Two reports (Bob praised lately), an overdue goal, one due soon, one far off, three assessments out of order. */
function fullStore(home: string) {
  return writeStore(home, (d) => {
    d.members.push({ id: 'r1', name: 'Alice', added: '2027-01-04', notes: [] }, { id: 'r2', name: 'Bob Stone', added: '2027-01-04', notes: [] });
    d.praise.push({ id: 'p1', member: 'r2', text: 'calm incident review', date: '2027-02-15', at: '2027-02-15T10:00:00Z', public: false });
    const goal = { template: 'culture', created: '2027-01-10', status: 'open' as const, checkIns: [] };
    d.goals.push(
      { ...goal, id: 'g1', title: 'Monthly team lunch', file: '/x/g1.md', due: '2027-02-10', progress: 30 },
      { ...goal, id: 'g2', title: 'Praise every week', template: 'recognition', file: '/x/g2.md', due: '2027-02-25', progress: 60 },
      { ...goal, id: 'g3', title: 'Engineers own the roadmap', template: 'autonomy', file: '/x/g3.md', due: '2027-06-30', progress: 0 },
    );
    const answers = { autonomy: 3, lives: 3, connection: 2, safety: 4, challenge: 3 } as const;
    d.assessments.push(
      { id: 'a3', date: '2027-01-05', at: '2027-01-05T09:00:00Z', tooEasy: false, answers, score: 55, verdict: 'developing' },
      { id: 'a1', date: '2026-10-01', at: '2026-10-01T09:00:00Z', tooEasy: true, answers, score: 40, verdict: 'developing' },
      { id: 'a2', date: '2026-12-01', at: '2026-12-01T09:00:00Z', tooEasy: false, answers, score: 45, verdict: 'developing' },
    );
  });
}

describe('mtl (the dashboard)', () => {
  it('welcomes a new user with mtl assess first, and writes nothing', async () => {
    const home = tempHome();
    const r = await mtl(home, []);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Welcome to mtl, a coach for managing through leadership.');
    expect(lines.find((l) => l.trim().startsWith('mtl '))?.trim()).toBe('mtl assess');
    expect(fs.existsSync(home)).toBe(false);
  });

  it('shows the dashboard, not the welcome, to someone with reports but no assessment', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Alice'], NOW);
    const out = await ok(home, [], NOW);
    expect(out).not.toContain('Welcome');
    expect(out).toContain('Latest assessment: none yet (mtl assess)\n');
    // Added today, Alice gets her first week before she counts as not recognised.
    // Nor is she "recognised": nobody has praised her yet.
    expect(out).toContain('\nTeam: 1 report, new, not praised yet: Alice\n');
    const week = await ok(home, [], { env: { MTL_NOW: '2027-02-25T09:00:00' } });
    expect(week).toContain('Team: 1 report, 1 not recognised in the last 7 days: Alice\n');
    expect(out).toMatch(/\nNext: mtl assess\n {2}Five minutes/);
    expect(JSON.parse(await ok(home, ['--json'], NOW)).next.command).toBe('mtl assess');
  });

  it('shows each section of a full folder at a fixed date, reading only', async () => {
    const home = tempHome();
    fullStore(home);
    await ok(home, ['team'], NOW); // upgrades the version-2 folder
    const before = snapshot(home);
    const r = await mtl(home, [], NOW);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('mtl, 2027-02-18');
    // Reminders: the goals (overdue, due soon, quiet check-ins), Alice, her and Bob's quarter goals, innovation, learning.
    const reminders = lines.findIndex((l) => l.startsWith('Reminders: '));
    expect(lines[reminders]).toMatch(/^Reminders: \d+ due$/);
    expect(lines.slice(reminders + 1, reminders + 7)).toEqual([
      '  - Goal g1 "Monthly team lunch": 8 days overdue (due 2027-02-10); no check-in since it was created 39 days ago.',
      '      mtl goals check-in g1 "<note>" --progress N',
      '  - Goal g2 "Praise every week": due in 7 days (2027-02-25); no check-in since it was created 39 days ago.',
      '      mtl goals check-in g2 "<note>" --progress N',
      '  - Goal g3 "Engineers own the roadmap": no check-in since it was created 39 days ago.',
      '      mtl goals check-in g3 "<note>" --progress N',
    ]);
    const count = Number(/^Reminders: (\d+)/.exec(lines[reminders]!)![1]);
    expect(lines[reminders + 7]).toBe(`  and ${count - 3} more: mtl nudge --all`);
    expect(lines).toContain('Goals: 3 open, 1 overdue, 1 due within 14 days');
    expect(lines).toContain('  g1  Monthly team lunch  due 2027-02-10, 8 days overdue  30%');
    expect(lines).toContain('  g2  Praise every week   due 2027-02-25, in 7 days       60%');
    expect(r.stdout).not.toContain('g3  Engineers');
    expect(lines).toContain('Latest assessment: 55/100 on 2027-01-05 (44 days ago), not yet leading');
    expect(lines).toContain('  Trend: +10 since 2026-12-01 (45), +15 since the first, 2026-10-01 (40)');
    expect(lines).toContain('Team: 2 reports, 1 not recognised in the last 7 days: Alice');
    expect(lines.slice(-3)).toEqual([
      'Next: mtl goals check-in g1 "<note>" --progress N',
      '  Goal g1 "Monthly team lunch" is 8 days overdue: record where it stands, then finish it, move the date or drop it with your boss.',
      '',
    ]);
    expect(snapshot(home)).toEqual(before);
    expect(fs.existsSync(path.join(home, 'nudge.json'))).toBe(false);
  });

  it('says only what is true of each report: recognised, not, new, back from leave or away', async () => {
    const home = tempHome();
    const on = (day: string) => ({ env: { MTL_NOW: `${day}T09:00:00` } });
    for (const name of ['Alice', 'Bob Stone', 'Carla Diaz']) await ok(home, ['team', 'add', name], on('2027-01-04'));
    await ok(home, ['praise', 'alice', 'clear demo, so sales could sell it'], on('2027-02-15'));
    await ok(home, ['team', 'set', 'carla', '--away', '2027-03-01'], on('2027-02-01'));
    expect(await ok(home, [], on('2027-02-16'))).toContain('\nTeam: 3 reports, 1 not recognised in the last 7 days: Bob Stone; away: Carla Diaz\n');
    await ok(home, ['praise', 'bob', 'took the pager without being asked'], on('2027-02-16'));
    expect(await ok(home, [], on('2027-02-16'))).toContain('\nTeam: 3 reports, 2 recognised in the last 7 days; away: Carla Diaz\n');
    await ok(home, ['team', 'add', 'Dana Cruz'], on('2027-03-01'));
    expect(await ok(home, [], on('2027-03-02'))).toContain('\nTeam: 4 reports, 2 not recognised in the last 7 days: Alice, Bob Stone; new, not praised yet: Dana Cruz; back from leave, not praised yet: Carla Diaz\n');
    await ok(home, ['praise', 'alice', 'paired with Dana all week'], on('2027-03-02'));
    await ok(home, ['praise', 'carla', 'picked up the migration again'], on('2027-03-02'));
    await ok(home, ['praise', 'dana', 'first fix merged'], on('2027-03-02'));
    await ok(home, ['praise', 'bob', 'reviewed every PR of the week'], on('2027-03-02'));
    expect(await ok(home, [], on('2027-03-02'))).toContain('\nTeam: 4 reports, all recognised in the last 7 days\n');
  });

  it('prints the same as JSON with dates as YYYY-MM-DD', async () => {
    const home = tempHome();
    fullStore(home);
    const r = await mtl(home, ['--json'], NOW);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['date', 'reminders', 'dueSoon', 'overdue', 'assessment', 'team', 'next']));
    expect(json.date).toBe('2027-02-18');
    expect(json.reminders[0]).toMatchObject({ kind: 'goal', command: 'mtl goals check-in g1 "<note>" --progress N', since: '2027-02-10' });
    expect(json.reminders.map((x: { kind: string }) => x.kind)).toContain('recognition');
    expect(json.overdue).toEqual([
      { id: 'g1', title: 'Monthly team lunch', template: 'culture', due: '2027-02-10', status: 'open', progress: 30, file: '/x/g1.md', daysLeft: -8, lastCheckIn: null },
    ]);
    expect(json.dueSoon.map((g: { id: string; due: string; daysLeft: number }) => [g.id, g.due, g.daysLeft])).toEqual([['g2', '2027-02-25', 7]]);
    expect(json.assessment).toMatchObject({
      date: '2027-01-05',
      score: 55,
      verdict: 'developing',
      daysAgo: 44,
      count: 3,
      scores: [40, 45, 55],
      previous: { date: '2026-12-01', score: 45 },
      change: 10,
      first: { date: '2026-10-01', score: 40 },
      changeSinceFirst: 15,
    });
    expect(json.team).toEqual({
      reports: 2,
      recognitionDays: 7,
      notRecognised: [{ name: 'Alice', lastPraise: null, days: null }],
      recognised: 1,
      notDueYet: [],
      away: [],
      pastCadence: [
        { name: 'Alice', lastOneOnOne: null, days: 45, cadence: 7 },
        { name: 'Bob Stone', lastOneOnOne: null, days: 45, cadence: 7 },
      ],
    });
    expect(json.next).toEqual({
      command: 'mtl goals check-in g1 "<note>" --progress N',
      why: 'Goal g1 "Monthly team lunch" is 8 days overdue: record where it stands, then finish it, move the date or drop it with your boss.',
    });
  });

  it('follows the preferences: look-ahead and recognition interval', async () => {
    const home = tempHome();
    fullStore(home);
    await ok(home, ['config', 'set', 'lookAheadDays', '5']);
    await ok(home, ['config', 'set', 'recognitionDays', '2']);
    const out = await ok(home, [], NOW);
    expect(out).toContain('Goals: 3 open, 1 overdue\n');
    expect(out).toContain('Team: 2 reports, 2 not recognised in the last 2 days: Alice, Bob Stone\n');
  });

  it('has no colour codes when piped, even with FORCE_COLOR', async () => {
    const home = tempHome();
    fullStore(home);
    const r = spawnMtl(home, [], { env: { ...NOW.env, NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Next: ');
    expect(r.stdout).not.toMatch(/\u001b\[/);
    expect(r.stdout).not.toMatch(/[▁▂▃▄▅▆▇█░]/);
  });

  it('refuses a stray word and an unknown option as usage errors', async () => {
    const home = tempHome();
    const word = await mtl(home, ['golas']);
    expect(word.code).toBe(2);
    expect(word.stderr).toContain("unknown command 'golas'");
    expect(word.stderr).not.toContain('__complete');
    expect((await mtl(home, ['--jsn'])).code).toBe(2);
  });

  it('says what is wrong with a damaged store, exit 1', async () => {
    const home = tempHome();
    fs.mkdirSync(home, { recursive: true });
    fs.writeFileSync(path.join(home, 'mtl.json'), '{ not json');
    const r = await mtl(home, []);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is damaged');
  });
});

describe('--json on the root and on sub-commands', () => {
  it('still reaches the sub-command that declares it', async () => {
    const home = tempHome();
    fullStore(home);
    expect(JSON.parse(await ok(home, ['goals', '--json'], NOW)).map((g: { id: string }) => g.id)).toEqual(['g1', 'g2', 'g3']);
    expect(JSON.parse(await ok(home, ['--json', 'goals'], NOW))).toHaveLength(3);
    expect(JSON.parse(await ok(home, ['praise', 'list', '--json'], NOW))[0]).toMatchObject({ member: 'Bob Stone', date: '2027-02-15' });
    expect(JSON.parse(await ok(home, ['assess', 'history', '--json'], NOW)).assessments).toHaveLength(3);
    expect(JSON.parse(await ok(home, ['prep', '--json'], NOW)).overdue[0].id).toBe('g1');
    expect(JSON.parse(await ok(home, ['praise', 'Alice', 'clear design doc', '--json'], NOW))).toMatchObject({ member: 'Alice', date: '2027-02-18' });
  });

  it('is refused, as before, by a command that does not take it, wherever it is written', async () => {
    const home = tempHome();
    for (const args of [['team', 'add', 'Sam', '--json'], ['--json', 'team', 'add', 'Sam'], ['--json', 'team', 'add', '--', '-x']]) {
      const r = await mtl(home, args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain("unknown option '--json'");
    }
    expect(fs.existsSync(path.join(home, 'mtl.json'))).toBe(false);
    const stray = await mtl(home, ['--json', 'frob']);
    expect([stray.code, stray.stderr.split('\n')[0]]).toEqual([2, "mtl: unknown command 'frob'."]);
  });

  it('is declared once: the dashboard, a hidden command, owns the root one; help and completion show it as the root\'s', async () => {
    const home = tempHome();
    const help = await ok(home, ['--help']);
    expect(help).not.toContain('__dashboard');
    expect(help).not.toMatch(/^\s+help \[command\]/m);
    expect(help).toContain('$ mtl                            the dashboard (mtl --json for scripts)');
    expect((await ok(home, ['__complete', '--shell=zsh', '--', 'mtl --'])).split('\n')).toContain('--json');
    expect(await ok(home, ['__complete', '--shell=zsh', '--', 'mtl '])).not.toContain('__dashboard');
    expect(JSON.parse(await ok(home, ['--json']))).toMatchObject({ openGoals: 0, overdue: [] });
    // Moved before a `--`, so a text after it that looks like an option stays the text.
    await ok(home, ['team', 'add', 'Sam']);
    expect(JSON.parse(await ok(home, ['--json', 'praise', 'Sam', '--', '--json']))).toMatchObject({ member: 'Sam', text: '--json' });
  });
});

describe.skipIf(!TmuxSession.available())('on a terminal', () => {
  const sessions: TmuxSession[] = [];
  afterEach(() => {
    for (const s of sessions.splice(0)) s.kill();
  });
  const run = (home: string, args: string, env: Record<string, string> = {}) => {
    const s = new TmuxSession(`node ${BIN} ${args}`, { MTL_HOME: home, MTL_NOW: '2027-02-18T10:00:00', ...env });
    sessions.push(s);
    return s;
  };
  const nudgeRanDaysAgo = (home: string, days: number) =>
    fs.writeFileSync(path.join(home, 'nudge.json'), JSON.stringify({ lastRunAt: new Date(Date.parse('2027-02-18T10:00:00') - days * 86_400_000).toISOString(), shown: {}, prompts: {} }));

  it('shows colour, bars and the score sparkline', async () => {
    const home = tempHome();
    fullStore(home);
    const screen = await run(home, '', { FORCE_COLOR: '1' }).waitFor('[exit 0]');
    expect(screen).toContain('mtl, 2027-02-18');
    expect(screen).toMatch(/Trend: \+10 since 2026-12-01 \(45\), \+15 since the first, 2026-10-01 \(40\) {2}[▁▂▃▄▅▆▇█]{3}/);
    expect(screen).toMatch(/g1 {2}Monthly team lunch {2}due 2027-02-10, 8 days overdue {2}█+░+ +30%/);
    // The nudge never ran here, but the dashboard lists the reminders itself: no hint saying so again.
    expect(screen).toMatch(/Reminders: \d+ due/);
    expect(screen).not.toMatch(/reminders due: run mtl nudge/);
  });

  it('hints on stderr after a command when the last nudge is over a week old, not when it is recent', async () => {
    const home = tempHome();
    fullStore(home);
    const stderr = path.join(path.dirname(home), 'stderr.txt');
    nudgeRanDaysAgo(home, 8);
    const screen = await run(home, `goals 2>${stderr}`).waitFor('[exit 0]');
    expect(screen).toContain('Monthly team lunch');
    expect(stripVTControlCharacters(fs.readFileSync(stderr, 'utf8'))).toMatch(/^\d+ reminders due: run mtl nudge\n$/);

    nudgeRanDaysAgo(home, 2);
    await run(home, `goals 2>${stderr}`).waitFor('[exit 0]');
    expect(fs.readFileSync(stderr, 'utf8')).toBe('');
  });

  it('hints when the nudge never ran, but not after --json, mtl nudge, a failed command, or with hints off', async () => {
    const home = tempHome();
    fullStore(home);
    const stderr = path.join(path.dirname(home), 'stderr.txt');
    const hint = /reminders due: run mtl nudge/;
    await run(home, `team 2>${stderr}`).waitFor('[exit 0]');
    expect(fs.readFileSync(stderr, 'utf8')).toMatch(hint);

    await run(home, `goals --json 2>${stderr}`).waitFor('[exit 0]');
    expect(fs.readFileSync(stderr, 'utf8')).toBe('');

    await run(home, `goals done g9 2>${stderr}`).waitFor('[exit 1]');
    expect(fs.readFileSync(stderr, 'utf8')).not.toMatch(hint);

    await run(home, `nudge 2>${stderr}`).waitFor('[exit 0]');
    expect(fs.readFileSync(stderr, 'utf8')).not.toMatch(hint);
    nudgeRanDaysAgo(home, 10);

    await ok(home, ['config', 'set', 'hints', 'false']);
    await run(home, `goals 2>${stderr}`).waitFor('[exit 0]');
    expect(fs.readFileSync(stderr, 'utf8')).toBe('');
  });
});
