import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Chalk } from 'chalk';
import { BIN, mtl, ok, readStore, tempHome } from '../helpers/cli.js';
import type { Ctx } from '../../src/context.js';
import type { Prompter } from '../../src/ui/prompter.js';

const at = (day: string) => ({ env: { MTL_NOW: `${day}T09:00:00` } });
const TALLIES = ['--q1', '4,3,0,0,0', '--q2', '0,1,3,2,1', '--q3', '0,0,2,4,1', '--q4', '0,0,1,3,3', '--q5', '1,1,2,2,1'];

describe('mtl pulse', () => {
  it('prints the form as markdown, as plain text and as JSON', async () => {
    const home = tempHome();
    const md = await ok(home, ['pulse']);
    expect(md).toMatch(/^# Team pulse \(anonymous\)\n\nHow often is each statement true for you lately\? Pick one answer per question; it stays anonymous.\n/);
    expect(md).toContain('1. We move our work forward without waiting for our manager to approve it.');
    expect(md).toContain('1 never · 2 rarely · 3 sometimes · 4 mostly · 5 always');
    const plain = await ok(home, ['pulse', '--plain']);
    expect(plain).not.toContain('#');
    expect(plain).toContain('Q5. I am handed problems to solve, not solutions to carry out.\n  1) never\n');
    const json = JSON.parse(await ok(home, ['pulse', '--json']));
    expect(json.questions.map((q: { key: string }) => q.key)).toEqual(['autonomy', 'lives', 'connection', 'safety', 'challenge']);
    expect(fs.existsSync(path.join(home, 'mtl.json'))).toBe(false);
  });

  it('records tallies and shows them beside the manager’s answers, flagging two levels apart', async () => {
    const home = tempHome();
    await ok(home, ['assess', '--answers', 'no,4,3,4,4,2'], at('2027-02-08'));
    const r = await mtl(home, ['pulse', 'record', ...TALLIES], at('2027-02-10'));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Saved team pulse u1 (7 answers) on 2027-02-10');
    expect(r.stderr).toContain('Autonomy: 1.4');
    expect(readStore(home).pulses).toEqual([{ id: 'u1', date: '2027-02-10', at: expect.any(String), tallies: { autonomy: [4, 3, 0, 0, 0], lives: [0, 1, 3, 2, 1], connection: [0, 0, 2, 4, 1], safety: [0, 0, 1, 3, 3], challenge: [1, 1, 2, 2, 1] } }]);
    const history = JSON.parse(await ok(home, ['assess', 'history', '--json'], at('2027-02-11')));
    expect(history.pulses).toEqual([expect.objectContaining({ id: 'u1', responses: 7 })]);
    expect(history.comparison.assessment).toBe('a1');
    const autonomy = history.comparison.areas.find((a: { key: string }) => a.key === 'autonomy');
    expect(autonomy).toEqual({ key: 'autonomy', label: 'Autonomy', manager: 4, team: 1.4, gap: -2.6, differs: true });
    expect(history.comparison.areas.filter((a: { differs: boolean }) => a.differs).map((a: { key: string }) => a.key)).toEqual(['autonomy']);
  });

  it('records --json', async () => {
    const home = tempHome();
    const json = JSON.parse(await ok(home, ['pulse', 'record', ...TALLIES, '--json'], at('2027-02-10')));
    expect(json).toMatchObject({ id: 'u1', date: '2027-02-10', responses: 7 });
    expect(json.averages[3]).toEqual({ key: 'safety', label: 'Safety to speak up', average: 4.3 });
  });

  it.each([
    [['--q1', '1,2,3'], /--q1 "1,2,3" has 3 counts; give five counts/],
    [['--q1', '1,x,3,0,0'], /--q1 "1,x,3,0,0": "x" is not a count/],
    [['--q2', '0,0,0,0,0'], /--q2 "0,0,0,0,0" counts no answers/],
    [['--q1', '1,0,0,0,0'], /No terminal to ask on: give the counts of --q2, --q3, --q4, --q5/],
  ])('refuses %j with exit 1 and writes nothing', async (flags, message) => {
    const home = tempHome();
    const args = flags[0] === '--q2' ? ['--q1', '1,0,0,0,0', ...flags, ...TALLIES.slice(4)] : flags[1] === '1,0,0,0,0' ? flags : [...flags, ...TALLIES.slice(2)];
    const r = await mtl(home, ['pulse', 'record', ...args], at('2027-02-10'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
    expect(fs.existsSync(path.join(home, 'pulses.jsonl'))).toBe(false);
  });
});

describe('mtl pulse record, totals', () => {
  const UNEVEN = ['--q1', '0,1,2,1,1', '--q2', '0,0,1,2,2', '--q3', '1,2,1,1,0', '--q4', '0,0,1,2,2', '--q5', '0,2,2,1,9'];

  it.each([[[]], [['--json']]])('refuses counts whose totals differ %j, naming each total, and saves nothing', async (extra) => {
    const home = tempHome();
    const r = await mtl(home, ['pulse', 'record', ...UNEVEN, ...extra], at('2027-01-20'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('mtl: Each question should have the same number of answers: q1 5, q2 5, q3 5, q4 5, q5 14.\n');
    expect(r.stderr).toContain('Nothing was saved.');
    expect(r.stdout).toBe('');
    expect(fs.existsSync(path.join(home, 'pulses.jsonl'))).toBe(false);
  });

  it('refuses uneven flags before asking for the missing questions', async () => {
    const home = tempHome();
    const r = await mtl(home, ['pulse', 'record', '--q1', '1,1,1,1,1', '--q3', '0,0,0,0,3'], at('2027-01-20'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Each question should have the same number of answers: q1 5, q3 3.');
  });

  function terminalCtx(home: string): { ctx: Ctx; err: string[] } {
    const err: string[] = [];
    const io = { out: () => undefined, err: (t: string) => void err.push(t), stdoutIsTTY: false, stdinIsTTY: true, color: new Chalk({ level: 0 }), columns: 80 };
    return { ctx: { io, env: {}, now: new Date('2027-01-20T09:00:00'), dataDir: home, argv0: { node: process.execPath, script: BIN }, platform: process.platform }, err };
  }

  it('on a terminal, asks again for a question whose total differs from the ones before', async () => {
    const home = tempHome();
    const { record } = await import('../../src/commands/pulse/run.js');
    const typed = ['0,0,1,2,2', '1,2,1,1,0', '0,0,1,2,2', '0,2,2,1,9'];
    const checks: (string | true)[] = [];
    const prompter = {
      input: async (_message: string, options: { validate: (value: string) => string | true }) => {
        let answer = typed.shift()!;
        const first = options.validate(answer);
        checks.push(first);
        if (first !== true) answer = '0,1,2,1,1';
        expect(options.validate(answer)).toBe(true);
        return answer;
      },
    } as unknown as Prompter;
    const { ctx, err } = terminalCtx(home);
    await record(ctx, { q1: '1,1,1,1,1' }, prompter);
    expect(checks).toEqual([true, true, true, 'This adds up to 14 answers; the questions so far have 5 each.']);
    expect(err.join('')).toContain('(5 answers)');
    expect(readStore(home).pulses[0].tallies.challenge).toEqual([0, 1, 2, 1, 1]);
  });
});

describe('mtl process', () => {
  it('adds, lists and finishes a process owned by a report', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Sam Lee'], at('2027-02-01'));
    const added = await mtl(home, ['process', 'add', 'release checklist', '--owner', 'sam'], at('2027-02-02'));
    expect(added.stderr).toContain('Added process s1 "release checklist", owned by Sam Lee. Once it runs without you: mtl process done s1');
    expect(await ok(home, ['process'], at('2027-02-03'))).toBe('s1\trelease checklist\tSam Lee\topen since 2027-02-02\n');
    const done = await mtl(home, ['process', 'done', 'S1'], at('2027-02-20'));
    expect(done.stderr).toContain('Done: process s1 "release checklist" runs without you since 2027-02-20');
    expect(JSON.parse(await ok(home, ['process', '--json']))).toEqual([
      { id: 's1', practice: 'release checklist', owner: 'Sam Lee', ownerId: 'r1', created: '2027-02-02', status: 'done', doneOn: '2027-02-20' },
    ]);
  });

  it.each([
    [['process', 'add', 'release checklist', '--owner', 'nobody'], /No report called "nobody"/],
    [['process', 'add', '  ', '--owner', 'sam'], /The practice is empty/],
    [['process', 'done', 'x1'], /"x1" is not a process id/],
    [['process', 'done', 's9'], /There is no process s9/],
  ])('refuses %j with exit 1 and changes nothing', async (args, message) => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Sam Lee'], at('2027-02-01'));
    const r = await mtl(home, args, at('2027-02-02'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(readStore(home).processes).toEqual([]);
  });
});

describe('mtl culture', () => {
  it('logs events, lists them newest first, and quiets the monthly nudge', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Sam Lee'], at('2026-12-01'));
    expect(JSON.stringify(JSON.parse(await ok(home, ['nudge', '--json'], at('2027-02-10'))))).not.toContain('mtl culture log');
    await ok(home, ['culture', 'log', 'Holiday dinner', '--date', '2026-12-18'], at('2027-01-05'));
    const before = JSON.parse(await ok(home, ['nudge', '--json'], at('2027-02-10')));
    expect(before.reminders.find((r: { kind: string }) => r.kind === 'culture')).toMatchObject({ text: 'No team event for 54 days (last: "Holiday dinner" on 2026-12-18).', command: 'mtl culture log "<what you did together>"' });
    const r = await mtl(home, ['culture', 'log', 'Team lunch', '--date', '2027-02-05'], at('2027-02-10'));
    expect(r.stderr).toContain('Logged team event c2 on 2027-02-05: Team lunch');
    await ok(home, ['culture', 'log', 'Board games'], at('2027-02-10'));
    expect(await ok(home, ['culture'], at('2027-02-10'))).toBe('2027-02-10\tc3\tBoard games\n2027-02-05\tc2\tTeam lunch\n2026-12-18\tc1\tHoliday dinner\n');
    expect(JSON.parse(await ok(home, ['culture', '--json'])).slice(0, 2)).toEqual([
      { id: 'c3', date: '2027-02-10', what: 'Board games' },
      { id: 'c2', date: '2027-02-05', what: 'Team lunch' },
    ]);
    const after = JSON.parse(await ok(home, ['nudge', '--json'], at('2027-02-11')));
    expect(JSON.stringify(after)).not.toContain('mtl culture log');
  });

  it.each([
    [['culture', 'log', 'Lunch', '--date', '2027-02-30'], /--date "2027-02-30" is not a calendar day: give a day that month has/],
    [['culture', 'log', 'Lunch', '--date', '2027-03-01'], /--date 2027-03-01 is after today \(2027-02-10\)/],
    [['culture', 'log', ''], /is empty/],
  ])('refuses %j with exit 1 and writes nothing', async (args, message) => {
    const home = tempHome();
    const r = await mtl(home, args, at('2027-02-10'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(fs.existsSync(path.join(home, 'culture-events.jsonl'))).toBe(false);
  });
});

describe('mtl today', () => {
  it('asks a different question on two days, the same all day', async () => {
    const home = tempHome();
    const monday = await ok(home, ['today'], at('2027-02-08'));
    const mondayLater = await ok(home, ['today'], { env: { MTL_NOW: '2027-02-08T17:30:00' } });
    const tuesday = await ok(home, ['today'], at('2027-02-09'));
    const question = (out: string) => out.split('\n')[3];
    expect(question(monday)).toBe(question(mondayLater));
    expect(question(tuesday)).not.toBe(question(monday));
    expect(monday).toContain('Today, 2027-02-08');
  });

  it('lists the three most pressing things in the nudge order: the overdue goal and action items before older reminders', async () => {
    const home = tempHome();
    for (const name of ['Sam Lee', 'Ana Diaz', 'Kim Ito']) await ok(home, ['team', 'add', name], at('2027-01-05'));
    await ok(home, ['assess', '--answers', 'no,3,3,3,3,3'], at('2027-01-05'));
    await ok(home, ['goals', 'new', '--template', 'autonomy', '--due', '2027-01-08', '--yes'], at('2027-01-05'));
    for (const name of ['Sam Lee', 'Ana Diaz', 'Kim Ito']) await ok(home, ['praise', name, 'Good work'], at('2027-01-06'));
    await ok(home, ['1on1', 'Sam Lee', '--done', '--action', 'send the criteria', '--due', '2027-01-07'], at('2027-01-06'));
    await ok(home, ['1on1', 'Ana Diaz', '--done', '--their-action', 'draft the proposal', '--due', '2027-01-08'], at('2027-01-06'));
    // The "help them set 2-3 goals" reminders wait since 2027-01-01, longer than any of these.
    const text = await ok(home, ['today'], at('2027-01-11'));
    expect(text).toContain(
      [
        'Most pressing',
        '  1. Goal g1 "Grow my team\'s autonomy": 3 days overdue (due 2027-01-08).',
        '     → mtl goals check-in g1 "<note>" --progress N',
        '  2. Action item t1 from a 1:1 with Sam Lee (yours) "send the criteria": 4 days overdue (due 2027-01-07).',
        '     → mtl done t1',
        '  3. Action item t2 from a 1:1 with Ana Diaz (Ana Diaz\'s) "draft the proposal": 3 days overdue (due 2027-01-08).',
        '     → mtl done t2',
        '',
      ].join('\n'),
    );
    const json = JSON.parse(await ok(home, ['today', '--json'], at('2027-01-11')));
    expect(json.pressing.map((p: { key: string }) => p.key)).toEqual(['goal:g1', 'action:t1', 'action:t2']);
    // The nudge names the same thing first.
    expect(await ok(home, ['nudge'], at('2027-01-11'))).toContain('Next: mtl goals check-in g1 "<note>" --progress N');
  });

  it('notes an ownership moment, shown today and in learn', async () => {
    const home = tempHome();
    const r = await mtl(home, ['today', '--note', 'Owned the missed deadline in standup'], at('2027-02-10'));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Noted w1 for 2027-02-10: Owned the missed deadline in standup');
    expect(readStore(home).moments).toEqual([{ id: 'w1', text: 'Owned the missed deadline in standup', date: '2027-02-10', at: expect.any(String) }]);
    expect(await ok(home, ['today'], at('2027-02-10'))).toContain('Noted today\n  Owned the missed deadline in standup (w1)');
    expect(JSON.parse(await ok(home, ['learn', '--json'], at('2027-02-11'))).dailyNotes).toEqual([{ id: 'w1', date: '2027-02-10', text: 'Owned the missed deadline in standup' }]);
    expect(await ok(home, ['learn'], at('2027-02-11'))).toContain('Owned the missed deadline in standup');
  });

  it('refuses an empty note with exit 1 and writes nothing', async () => {
    const home = tempHome();
    const r = await mtl(home, ['today', '--note', ' '], at('2027-02-10'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/The note is empty/);
    expect(fs.existsSync(path.join(home, 'moments.jsonl'))).toBe(false);
  });
});

describe('export and import keep the new kinds', () => {
  it('round-trips pulses, processes, culture events and daily notes', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Sam Lee'], at('2027-02-01'));
    await ok(home, ['pulse', 'record', ...TALLIES], at('2027-02-02'));
    await ok(home, ['process', 'add', 'on-call handover', '--owner', 'sam'], at('2027-02-03'));
    await ok(home, ['culture', 'log', 'Team lunch'], at('2027-02-04'));
    await ok(home, ['today', '--note', 'Solved the flaky deploy with Sam'], at('2027-02-05'));
    const file = path.join(home, '..', `backup-${path.basename(home)}.json`);
    await ok(home, ['export', '--format', 'json', '--output', file], at('2027-02-06'));
    const other = tempHome();
    await ok(other, ['import', file], at('2027-02-07'));
    const a = readStore(home);
    const b = readStore(other);
    for (const kind of ['pulses', 'processes', 'cultureEvents', 'moments']) {
      expect(b[kind]).toHaveLength(1);
      expect(b[kind]).toEqual(a[kind]);
    }
    fs.rmSync(file, { force: true });
  });
});

describe('assess history on a terminal', () => {
  it('shows the team beside you, the wider responsibilities with their trend, and an open goal instead of a new one', async () => {
    const { mtlInTerminal } = await import('../helpers/cli.js');
    const home = tempHome();
    await ok(home, ['goals', 'new', '--template', 'culture', '--title', 'Team culture', '--due', '2027-03-31'], at('2027-02-01'));
    const assessed = await mtl(home, ['assess', '--full', '--answers', 'no,4,3,1,4,2,1,1,1,1,1,1,1', '--json'], at('2027-02-08'));
    const json = JSON.parse(assessed.stdout);
    expect(json.recommended[0]).toEqual({ template: 'culture', command: 'mtl goals show g1', openGoal: { id: 'g1', title: 'Team culture' } });
    expect(JSON.stringify(json)).not.toContain('--template culture');
    await ok(home, ['pulse', 'record', ...TALLIES], at('2027-02-10'));
    const r = mtlInTerminal(home, ['--no-color', 'assess', 'history'], at('2027-02-11'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Your view and the team's");
    expect(r.stdout).toMatch(/Autonomy\s+4 mostly\s+1\.4\s+2\.6 apart, team lower/);
    expect(r.stdout).toContain('Your wider responsibilities (one full assessment)');
    expect(r.stdout).toMatch(/Bridge to leadership\s+never\s+\S+ ±0\s+mtl prep/);
    expect(r.stdout).toMatch(/Knowing each other\s+1 never\s+3\.9\s+2\.9 apart, team higher/);
    expect(r.stdout).toMatch(/Culture\s+never\s+\S+ ±0\s+goal g1 is open: mtl goals show g1/);
    // Past its due day, the goal is not pointed at as if all were well.
    const late = mtlInTerminal(home, ['--no-color', 'assess', 'history'], at('2027-04-05'));
    expect(late.stdout).toMatch(/Culture\s+never\s+\S+ ±0\s+goal g1 is 5 days overdue: mtl edit/);
  });
});
