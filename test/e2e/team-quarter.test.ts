import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import type { Deps } from '../../src/context.js';
import { BIN, mtl, ok, tempHome } from '../helpers/cli.js';

const at = (day: string) => ({ env: { MTL_NOW: `${day}T09:00:00` } });

/**
 * The tour's Q1 2027: Sam Lee and Alex Kim added on 01-04, two goals each on 01-10; Sam's m2 done on
 * 03-29, Alex's both open on 03-31. A roadmap item delegated to Sam and delivered in Q1, one still
 * open; a culture event and a process handed over in Q1.
 */
async function tourQuarter(): Promise<string> {
  const home = tempHome();
  await ok(home, ['team', 'add', 'Sam Lee'], at('2027-01-04'));
  await ok(home, ['team', 'add', 'Alex Kim'], at('2027-01-04'));
  for (const [who, title] of [['sam', 'Lead the API redesign'], ['sam', 'Give a talk'], ['alex', 'Mentor the new hire'], ['alex', 'Own the release train']]) {
    await ok(home, ['member-goals', who!, 'add', title!], at('2027-01-10'));
  }
  await ok(home, ['member-goals', 'sam', 'check-in', 'm1', 'design approved', '--progress', '40'], at('2027-03-10'));
  await ok(home, ['member-goals', 'sam', 'done', 'm2'], at('2027-03-29'));
  await ok(home, ['delegate', 'Billing export v2', '--to', 'sam'], at('2027-01-20'));
  await ok(home, ['delegate', 'done', 'd1'], at('2027-03-15'));
  await ok(home, ['delegate', 'Search filters', '--to', 'alex'], at('2027-02-01'));
  await ok(home, ['culture', 'log', 'Team lunch'], at('2027-02-05'));
  await ok(home, ['process', 'add', 'release checklist', '--owner', 'alex'], at('2027-02-10'));
  return home;
}

/** Runs in this process as on a terminal 100 columns wide, so that the table has its header; stdout only. */
async function onTerminal(home: string, args: string[], day: string): Promise<string> {
  const out: string[] = [];
  const deps: Deps = {
    io: { out: (t) => out.push(t), err: () => {}, stdoutIsTTY: true, stdinIsTTY: false, color: new Chalk({ level: 0 }), columns: 100 },
    env: { ...process.env, MTL_HOME: home, NO_COLOR: '1', MTL_NOW: `${day}T09:00:00` },
    clock: () => new Date(),
    platform: 'linux',
    argv0: { node: process.execPath, script: BIN },
  };
  expect(await run(args, deps)).toBe(0);
  return out.join('');
}

/** Early in Q2: one of Alex's goals carried and done, then every open Q1 goal carried. */
async function afterCarry(home: string): Promise<void> {
  await ok(home, ['member-goals', 'carry', 'alex', 'm4'], at('2027-04-05'));
  await ok(home, ['member-goals', 'alex', 'done', 'm4'], at('2027-04-05'));
  await ok(home, ['member-goals', 'carry', '--all'], at('2027-04-05'));
}

describe('team list --quarter: report goals as the quarter left them', () => {
  it('counts goals carried on, or done after the quarter ended, as open on its last day', async () => {
    const home = await tourQuarter();
    await afterCarry(home);
    const json = JSON.parse(await ok(home, ['team', 'list', '--quarter', 'last', '--json'], at('2027-04-05')));
    expect(json.map((r: { name: string; quarter: unknown }) => [r.name, r.quarter])).toEqual([
      ['Sam Lee', { quarter: '2027-Q1', praise: 0, public: 0, private: 0, feedback: 0, goals: 2, goalsDone: 1, goalsOpen: 1, goalsCarried: 1 }],
      ['Alex Kim', { quarter: '2027-Q1', praise: 0, public: 0, private: 0, feedback: 0, goals: 2, goalsDone: 0, goalsOpen: 2, goalsCarried: 2 }],
    ]);
    // The top-level fields stay today's, as praiseThisQuarter does: Alex's m4 is done now, m3 open in Q2.
    expect(json.map((r: { openGoals: number; goalsThisQuarter: number }) => [r.openGoals, r.goalsThisQuarter])).toEqual([
      [1, 1],
      [1, 2],
    ]);
    // The table's goal column follows the quarter, as its praise column does.
    const r = await mtl(home, ['team', 'list', '--quarter', 'last'], at('2027-04-05'));
    expect(r.stdout).toBe('Sam Lee\t2027-01-04\t-\t-\t0\t0\t1\nAlex Kim\t2027-01-04\t-\t-\t0\t0\t2\n');
    expect(await ok(home, ['team', 'list'], at('2027-04-05'))).toBe('Sam Lee\t2027-01-04\t-\t-\t0\t0\t1\nAlex Kim\t2027-01-04\t-\t-\t0\t0\t1\n');
    const screen = await onTerminal(home, ['team', 'list', '--quarter', 'last'], '2027-04-05');
    // The two quarter columns are named after it (their headers wrap at 100 columns).
    expect(screen.split('\n').map((l) => l.replace(/ +/g, ' ').trim())).toEqual([
      'praise in open goals',
      'name added last 1:1 last praise 2027-Q1 queued feedback (2027-Q1)',
      'Sam Lee 2027-01-04 never (late) never 0 0 1',
      'Alex Kim 2027-01-04 never (late) never 0 0 2',
      '',
    ]);
    expect(await onTerminal(home, ['team', 'list'], '2027-04-05')).toMatch(/queued feedback +open goals\n/);
    // The review of the quarter agrees: both of Alex's goals open on 03-31, carried into Q2.
    const review = JSON.parse(await ok(home, ['review', 'alex', '--quarter', 'last', '--json'], at('2027-04-05')));
    expect(review.goals.map((g: { id: string; status: string; carriedInto: string }) => [g.id, g.status, g.carriedInto])).toEqual([
      ['m3', 'open', '2027-Q2'],
      ['m4', 'open', '2027-Q2'],
    ]);
    // The quarter summary of prep and the nudge agrees: m2 done, the other three carried on.
    expect(await ok(home, ['prep', '--quarter', 'last'], at('2027-04-05'))).toContain('report goals: 1 of 4 done, 3 carried on, 0 open;');
  });

  it('counts a goal finished in the new quarter without carrying as open at the end of the old one', async () => {
    const home = await tourQuarter();
    await ok(home, ['member-goals', 'alex', 'done', 'm3'], at('2027-04-02'));
    const json = JSON.parse(await ok(home, ['team', 'list', '--quarter', '2027-Q1', '--json'], at('2027-04-05')));
    expect(json[1].quarter).toMatchObject({ goals: 2, goalsDone: 0, goalsOpen: 2, goalsCarried: 0 });
    expect(json[1].openGoals).toBe(1);
    expect(await ok(home, ['prep', '--quarter', 'last'], at('2027-04-05'))).toContain('report goals: 1 of 4 done, 3 open;');
    // This quarter's view is today's state.
    const now = JSON.parse(await ok(home, ['team', 'list', '--quarter', 'this', '--json'], at('2027-04-05')));
    expect(now[1].quarter).toMatchObject({ quarter: '2027-Q2', goals: 0, goalsDone: 0, goalsOpen: 0, goalsCarried: 0 });
  });
});

describe('team list --quarter: who was on the team then', () => {
  it('lists those on the team in that quarter, one who left since included, one who joined later not', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Sam Lee'], at('2027-01-05'));
    await ok(home, ['team', 'add', 'Alex Kim'], at('2027-01-05'));
    await ok(home, ['team', 'remove', 'alex'], at('2027-04-02'));
    await ok(home, ['team', 'add', 'Priya Raman'], at('2027-04-03'));
    const names = async (quarter: string) => (JSON.parse(await ok(home, ['team', 'list', '--quarter', quarter, '--json'], at('2027-04-05'))) as { name: string }[]).map((r) => r.name);
    expect(await names('last')).toEqual(['Sam Lee', 'Alex Kim']);
    expect(await names('this')).toEqual(['Sam Lee', 'Alex Kim', 'Priya Raman']);
    expect(await names('2026-Q4')).toEqual([]);
  });
});

describe('team list --json: daysSinceOneOnOne', () => {
  it('is null before the first 1:1 (the cadence still counts from the day they were added), then days since it', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Sam Lee'], at('2027-01-04'));
    const before = JSON.parse(await ok(home, ['team', 'list', '--json'], at('2027-01-14')))[0];
    expect(before).toMatchObject({ lastOneOnOne: null, daysSinceOneOnOne: null, cadence: 7, pastCadence: true });
    expect(await ok(home, ['team', 'list'], at('2027-01-14'))).toBe('Sam Lee\t2027-01-04\t-\t-\t0\t0\t0\n');
    await ok(home, ['1on1', 'sam', '--done'], at('2027-01-14'));
    expect(JSON.parse(await ok(home, ['team', 'list', '--json'], at('2027-01-14')))[0]).toMatchObject({ lastOneOnOne: '2027-01-14', daysSinceOneOnOne: 0, pastCadence: false });
    expect(JSON.parse(await ok(home, ['team', 'list', '--json'], at('2027-01-17')))[0]).toMatchObject({ daysSinceOneOnOne: 3 });
  });
});

describe('export --format md: what the quarter achieved', () => {
  it('--quarter last lists delivered items and counts report goals, culture events and processes', async () => {
    const home = await tourQuarter();
    await afterCarry(home);
    const md = await ok(home, ['export', '--format', 'md', '--quarter', 'last'], at('2027-04-05'));
    expect(md).toContain(
      [
        '### Sam Lee',
        '',
        '- Recognition in 2027-Q1: 0 (0 public); constructive feedback: 0',
        '- Goal: Lead the API redesign (carried into 2027-Q2, 40%)',
        '- Goal: Give a talk (done, 0%, due 2027-03-31)',
        '- Delivered: Billing export v2 (done 2027-03-15)',
        '',
        '### Alex Kim',
        '',
        '- Recognition in 2027-Q1: 0 (0 public); constructive feedback: 0',
        '- Goal: Mentor the new hire (carried into 2027-Q2, 0%)',
        '- Goal: Own the release train (carried into 2027-Q2, 0%)',
        '- Owns: Search filters',
        '',
        '## In 2027-Q1 (2027-01-01 to 2027-03-31)',
        '',
        '- Praise logged: 0 (0 public)',
        '- Constructive feedback logged: 0; 1:1s held: 0',
        '- Your goals completed: 0; report goals completed: 1',
        '- Roadmap items handed over: 2; delivered: 1',
        '- Team culture events: 1; processes handed over: 1',
        '- Leadership learning: 0 hours; tips tried: 0',
        '',
      ].join('\n'),
    );
    expect(md).not.toContain('Goals completed');
  });

  it('--quarter last shows an item delivered after the quarter as still owned in it, and leaves out one delivered before', async () => {
    const home = await tourQuarter();
    await ok(home, ['delegate', 'done', 'd2'], at('2027-04-02'));
    await ok(home, ['delegate', 'Old migration', '--to', 'alex'], at('2027-04-02'));
    const md = await ok(home, ['export', '--format', 'md', '--quarter', 'last'], at('2027-04-05'));
    expect(md).toContain('- Owns: Search filters\n');
    expect(md).not.toContain('Old migration');
    expect(md).toContain('- Roadmap items handed over: 2; delivered: 1\n');
    const q2 = await ok(home, ['export', '--format', 'md'], at('2027-04-05'));
    expect(q2).toContain('- Delivered: Search filters (done 2027-04-02)\n- Owns: Old migration\n');
    expect(q2).not.toContain('Billing export v2');
  });

  it('the current quarter has the same lines, over the last 90 days', async () => {
    const home = await tourQuarter();
    const md = await ok(home, ['export', '--format', 'md'], at('2027-03-31'));
    expect(md).toContain('- Goal: Give a talk (done, 0%, due 2027-03-31)\n- Delivered: Billing export v2 (done 2027-03-15)\n\n### Alex Kim');
    expect(md).toContain(
      [
        '## The last 90 days (2026-12-31 to 2027-03-31)',
        '',
        '- Praise logged: 0 (0 public)',
        '- Constructive feedback logged: 0; 1:1s held: 0',
        '- Your goals completed: 0; report goals completed: 1',
        '- Roadmap items handed over: 2; delivered: 1',
        '- Team culture events: 1; processes handed over: 1',
        '',
      ].join('\n'),
    );
  });
});

