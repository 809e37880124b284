import { describe, expect, it } from 'vitest';
import { lookbackQuarter, parseQuarter, previousQuarter, quarterBounds } from '../../src/core/dates.js';
import { carryGoal, goalCounts, goalsAsOf, goalStateOn, heldEntriesBy, memberGoalsInQuarter, quarterSummary, quarterToLookBack, summaryText } from '../../src/core/quarters.js';
import { carryReminders, quarterReviewReminders } from '../../src/core/quarter-nudges.js';
import { emptyRecords, praiseLogOf, type Data, type Goal, type MemberGoal } from '../../src/core/model.js';

describe('parseQuarter', () => {
  it('reads YYYY-Qn in any case, with or without the dash', () => {
    expect(parseQuarter('2027-Q1', '2027-05-10')).toEqual({ quarter: '2027-Q1' });
    expect(parseQuarter(' 2026q4 ', '2027-05-10')).toEqual({ quarter: '2026-Q4' });
  });

  it('reads last and this relative to the day given', () => {
    expect(parseQuarter('last', '2027-04-02')).toEqual({ quarter: '2027-Q1' });
    expect(parseQuarter('LAST', '2027-01-05')).toEqual({ quarter: '2026-Q4' });
    expect(parseQuarter('this', '2027-04-02')).toEqual({ quarter: '2027-Q2' });
  });

  it('names the problem with anything else, and with quarters outside 1970-2999', () => {
    expect(parseQuarter('2027-Q5', '2027-04-02')).toEqual({ problem: 'is not a quarter' });
    expect(parseQuarter('Q1', '2027-04-02')).toEqual({ problem: 'is not a quarter' });
    expect(parseQuarter('', '2027-04-02')).toEqual({ problem: 'is not a quarter' });
    expect(parseQuarter('1969-Q4', '2027-04-02')).toEqual({ problem: 'is outside the quarters mtl accepts, 1970-Q1 to 2999-Q4' });
    expect(parseQuarter('3000-Q1', '2027-04-02')).toEqual({ problem: 'is outside the quarters mtl accepts, 1970-Q1 to 2999-Q4' });
    expect(parseQuarter('last', '1970-02-01')).toHaveProperty('problem');
    expect(parseQuarter('1970-Q1', '2027-04-02')).toEqual({ quarter: '1970-Q1' });
    expect(parseQuarter('2999-Q4', '2027-04-02')).toEqual({ quarter: '2999-Q4' });
  });

  it('knows the bounds of a quarter and the one before it', () => {
    expect(quarterBounds('2027-Q1')).toEqual({ start: '2027-01-01', end: '2027-03-31' });
    expect(quarterBounds('2028-Q4')).toEqual({ start: '2028-10-01', end: '2028-12-31' });
    expect(previousQuarter('2027-Q1')).toBe('2026-Q4');
    expect(previousQuarter('2027-Q3')).toBe('2027-Q2');
  });
});

describe('lookbackQuarter', () => {
  it('is the quarter just ended in the first 14 days of a new one, and nothing after', () => {
    expect(lookbackQuarter('2027-04-01')).toBe('2027-Q1');
    expect(lookbackQuarter('2027-04-14')).toBe('2027-Q1');
    expect(lookbackQuarter('2027-04-15')).toBeUndefined();
    expect(lookbackQuarter('2027-01-03')).toBe('2026-Q4');
    expect(lookbackQuarter('2027-03-31')).toBeUndefined();
    expect(lookbackQuarter('1970-01-05')).toBeUndefined();
  });
});

function data(records: Partial<ReturnType<typeof emptyRecords>>): Data {
  const all = { ...emptyRecords(), ...records };
  return { ...all, praise: praiseLogOf(all.praise) };
}

const goal = (id: string, member: string, quarter: string, extra: Partial<MemberGoal> = {}): MemberGoal => ({
  id,
  member,
  title: `goal ${id}`,
  quarter,
  due: '2027-03-31',
  status: 'open',
  progress: 0,
  created: '2027-01-10',
  checkIns: [],
  ...extra,
});

describe('quarter summary and carrying', () => {
  const members = [
    { id: 'r1', name: 'Sam', added: '2026-12-01', notes: [] },
    { id: 'r2', name: 'Alex', added: '2026-12-01', notes: [] },
    { id: 'r3', name: 'Joined later', added: '2027-04-01', notes: [] },
  ];
  const praise = [
    { id: 'p1', member: 'r1', text: 'a', date: '2027-02-01', at: '2027-02-01T10:00:00Z', public: true },
    { id: 'p2', member: 'r1', text: 'b', date: '2027-03-01', at: '2027-03-01T10:00:00Z', public: false },
    { id: 'p3', member: 'r2', text: 'c', date: '2027-04-01', at: '2027-04-01T10:00:00Z', public: false },
  ];

  it('counts the praise and goals of the quarter only, and the reports on the team then', () => {
    const d = data({ members, praise, memberGoals: [goal('m1', 'r1', '2027-Q1', { status: 'done' }), goal('m2', 'r2', '2027-Q1'), goal('m3', 'r1', '2027-Q2')] });
    const s = quarterSummary(d, '2027-Q1');
    expect(s).toMatchObject({ reports: 2, reportsPraised: 1, praise: 2, public: 1, memberGoals: { total: 2, done: 1, open: 1, carried: 0 }, innovation: null });
    expect(summaryText(s, '2027-04-02')).toBe('2 praise entries for 1 of 2 reports (1 public); report goals: 1 of 2 done, 1 open; no innovation week');
    // A week over by the calendar is called held only once something of it was recorded.
    const week = { id: 'i1', quarter: '2027-Q1', start: '2027-03-01', end: '2027-03-05', demo: '2027-03-05', planned: '2027-02-01' };
    expect(summaryText(quarterSummary(data({ members, innovationWeeks: [week] }), '2027-Q1'), '2027-04-02')).toMatch(/; innovation week over, nothing recorded, 2027-03-01 to 2027-03-05$/);
    const held = { ...week, demoHeld: '2027-03-05' };
    expect(summaryText(quarterSummary(data({ members, innovationWeeks: [held] }), '2027-Q1'), '2027-04-02')).toMatch(/; innovation week held 2027-03-01 to 2027-03-05$/);
  });

  it('carries a goal with its history, moving a past due day to the end of the new quarter', () => {
    const g = goal('m2', 'r2', '2027-Q1', { checkIns: [{ date: '2027-02-01', at: '2027-02-01T10:00:00Z', note: 'half way', progress: 50 }], progress: 50 });
    expect(carryGoal(g, '2027-Q2', new Date('2027-04-02T10:00:00Z'))).toEqual({ from: '2027-Q1', oldDue: '2027-03-31' });
    expect(g).toMatchObject({ quarter: '2027-Q2', due: '2027-06-30', carriedFrom: ['2027-Q1'], created: '2027-01-10', progress: 50 });
    expect(g.checkIns).toHaveLength(1);
    const s = quarterSummary(data({ members, memberGoals: [g] }), '2027-Q1');
    expect(s.memberGoals).toEqual({ total: 1, done: 0, open: 0, carried: 1 });
  });

  it('reminds about each report with open goals of the last quarter, and reviews the quarter just ended', () => {
    const d = data({ members, praise, memberGoals: [goal('m1', 'r1', '2027-Q1'), goal('m2', 'r1', '2027-Q1'), goal('m4', 'r2', '2027-Q1', { status: 'done' })] });
    const carry = carryReminders(d, members, '2027-04-02');
    expect(carry).toHaveLength(1);
    expect(carry[0]).toMatchObject({ key: 'member-goals-carry:r1:2027-Q2', command: 'mtl member-goals carry Sam --all' });
    expect(carry[0]!.text).toContain('Sam has 2 open goals from 2027-Q1 (m1 "goal m1", m2 "goal m2")');
    expect(quarterReviewReminders(d, '2027-04-02')[0]).toMatchObject({ key: 'quarter-review:2027-Q1', command: 'mtl export --format md --quarter last' });
    expect(quarterReviewReminders(d, '2027-04-20')).toEqual([]);
    expect(quarterReviewReminders(data({}), '2027-04-02')).toEqual([]);
  });
});

describe('looking back only on a quarter the store knew', () => {
  const member = (added: string) => ({ id: 'r1', name: 'Sam', added, notes: [] });

  it('looks back on the quarter just ended only when something is dated on or before its last day', () => {
    expect(quarterToLookBack(data({}), '2027-01-13')).toBeUndefined();
    expect(quarterToLookBack(data({ members: [member('2027-01-11')] }), '2027-01-13')).toBeUndefined();
    expect(quarterToLookBack(data({ members: [member('2026-12-31')] }), '2027-01-13')).toBe('2026-Q4');
    expect(quarterToLookBack(data({ members: [member('2026-06-01')] }), '2027-01-13')).toBe('2026-Q4');
    // Past the first two weeks there is nothing to look back on, whatever the store holds.
    expect(quarterToLookBack(data({ members: [member('2026-06-01')] }), '2027-01-20')).toBeUndefined();
  });

  it('counts any kind of entry, not only reports', () => {
    expect(heldEntriesBy(data({ assessments: [{ id: 'a1', date: '2026-11-02', at: '2026-11-02T09:00:00Z', tooEasy: false, answers: {}, score: 40, verdict: 'developing' }] }), '2026-12-31')).toBe(true);
    expect(heldEntriesBy(data({ moments: [{ id: 'w1', text: 'x', date: '2027-01-02', at: '2027-01-02T09:00:00Z' }] }), '2026-12-31')).toBe(false);
    expect(heldEntriesBy(data({ moments: [{ id: 'w1', text: 'x', date: '2026-12-31', at: '2026-12-31T09:00:00Z' }] }), '2026-12-31')).toBe(true);
  });

  it('leaves the quarter-review reminder out for a store started after that quarter', () => {
    const late = data({ members: [member('2027-01-11')], memberGoals: [goal('m1', 'r1', '2026-Q4', { created: '2027-01-11' })] });
    expect(quarterReviewReminders(late, '2027-01-13')).toEqual([]);
    const early = data({ members: [member('2026-12-01')], memberGoals: [goal('m1', 'r1', '2026-Q4', { created: '2026-12-01' })] });
    expect(quarterReviewReminders(early, '2027-01-13').map((r) => r.key)).toEqual(['quarter-review:2026-Q4']);
  });

  it("names the manager's goals done in the quarter in its summary", () => {
    const g = (id: string, doneOn: string): Goal => ({ id, title: `Goal ${id}`, template: 'autonomy', status: 'done', progress: 100, created: '2027-01-05', doneOn, checkIns: [], file: `/tmp/${id}.md` }) as unknown as Goal;
    const s = quarterSummary(data({ goals: [g('g2', '2027-03-20'), g('g1', '2027-02-01'), g('g3', '2027-04-01')] }), '2027-Q1');
    expect(s.goalsDone).toEqual([{ id: 'g1', title: 'Goal g1', doneOn: '2027-02-01' }, { id: 'g2', title: 'Goal g2', doneOn: '2027-03-20' }]);
    expect(summaryText(s, '2027-04-02')).toBe('no reports on the team; no report goals; your goals done: g1 "Goal g1" (2027-02-01), g2 "Goal g2" (2027-03-20); no innovation week');
  });
});

describe('the quarter-review reminder', () => {
  it('comes for a quarter in which only my own goals were done', () => {
    const done = { id: 'g1', title: 'Hand over', template: 'autonomy', status: 'done', progress: 100, created: '2027-02-01', doneOn: '2027-03-01', checkIns: [], file: '/tmp/g1.md' } as unknown as Goal;
    const [r] = quarterReviewReminders(data({ goals: [done] }), '2027-04-02');
    expect(r?.text).toBe('2027-Q1 just ended: no reports on the team; no report goals; your goals done: g1 "Hand over" (2027-03-01); no innovation week.');
  });
});

describe('my goals as a past quarter left them', () => {
  const g = (id: string, extra: Partial<Goal>): Goal => ({ id, title: id, template: 'autonomy', file: `/tmp/${id}.md`, created: '2027-01-10', status: 'open', progress: 0, checkIns: [], ...extra }) as Goal;
  const ci = (date: string, progress: number) => ({ date, at: `${date}T09:00:00Z`, note: `at ${progress}`, progress });

  it('keeps the goals open in it, with their state on its last day', () => {
    const goals = [
      g('g1', { status: 'done', progress: 100, doneOn: '2027-04-03', checkIns: [ci('2027-03-10', 40), ci('2027-04-03', 100)] }),
      g('g2', { status: 'done', progress: 100, doneOn: '2027-02-01' }),
      g('g3', { status: 'done', progress: 100, doneOn: '2026-12-20', created: '2026-11-01' }),
      g('g4', { created: '2027-04-02' }),
    ];
    const q1 = goalsAsOf(goals, '2027-01-01', '2027-03-31');
    expect(q1.map((x) => [x.id, x.status, x.progress, x.doneOn ?? null, x.checkIns.length])).toEqual([
      ['g1', 'open', 40, null, 1],
      ['g2', 'done', 100, '2027-02-01', 0],
    ]);
    expect(goals[0]!.status).toBe('done');
  });
});

describe("the reports' goals as a quarter left them", () => {
  const ci = (date: string, progress?: number) => ({ date, at: `${date}T09:00:00Z`, note: 'x', ...(progress === undefined ? {} : { progress }) });
  const goals = [
    // Carried into Q2 on 04-05, then done there the same day.
    goal('m1', 'r1', '2027-Q2', { carriedFrom: ['2027-Q1'], status: 'done', progress: 100, doneOn: '2027-04-05', checkIns: [ci('2027-03-10', 40), ci('2027-03-20'), ci('2027-04-05', 100)] }),
    // Done in Q1.
    goal('m2', 'r1', '2027-Q1', { status: 'done', progress: 70, doneOn: '2027-03-29' }),
    // Done in Q2 without being carried.
    goal('m3', 'r2', '2027-Q1', { status: 'done', progress: 100, doneOn: '2027-04-02' }),
    // Done before mtl recorded the day.
    goal('m4', 'r2', '2027-Q1', { status: 'done', progress: 100 }),
    // Carried Q4 -> Q1 -> Q2.
    goal('m5', 'r2', '2027-Q2', { created: '2026-11-02', carriedFrom: ['2026-Q4', '2027-Q1'] }),
    // Q2's own.
    goal('m6', 'r1', '2027-Q2', { created: '2027-04-03' }),
  ];

  it('takes each goal as it stood on the last day, whatever today is', () => {
    const q1 = memberGoalsInQuarter({ memberGoals: goals }, '2027-Q1', '2027-04-06');
    expect(q1.map((g) => [g.goal.id, g.status, g.progress, g.carriedInto ?? null])).toEqual([
      ['m1', 'open', 40, '2027-Q2'],
      ['m2', 'done', 70, null],
      ['m3', 'open', 0, null],
      ['m4', 'done', 100, null],
      ['m5', 'open', 0, '2027-Q2'],
    ]);
    expect(goalCounts(q1)).toEqual({ total: 5, done: 2, open: 3, carried: 2 });
    expect(memberGoalsInQuarter({ memberGoals: goals }, '2026-Q4', '2027-04-06').map((g) => [g.goal.id, g.carriedInto])).toEqual([['m5', '2027-Q1']]);
  });

  it("is today's state for the quarter under way", () => {
    const q2 = memberGoalsInQuarter({ memberGoals: goals }, '2027-Q2', '2027-04-05');
    expect(q2.map((g) => [g.goal.id, g.status, g.progress])).toEqual([
      ['m1', 'done', 100],
      ['m5', 'open', 0],
      ['m6', 'open', 0],
    ]);
    expect(goalStateOn(goals[0]!, '2027-04-04', '2027-04-05')).toEqual({ status: 'open', progress: 40 });
    expect(goalStateOn(goals[0]!, '2027-04-05', '2027-04-05')).toEqual({ status: 'done', progress: 100 });
  });

  it('gives the quarter summary the same counts', () => {
    const s = quarterSummary(data({ memberGoals: goals }), '2027-Q1');
    expect(s.memberGoals).toEqual({ total: 5, done: 2, open: 1, carried: 2 });
  });
});
