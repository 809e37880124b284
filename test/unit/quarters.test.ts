import { describe, expect, it } from 'vitest';
import { lookbackQuarter, parseQuarter, previousQuarter, quarterBounds } from '../../src/core/dates.js';
import { carryGoal, quarterSummary, summaryText } from '../../src/core/quarters.js';
import { carryReminders, quarterReviewReminders } from '../../src/core/quarter-nudges.js';
import { emptyRecords, praiseLogOf, type Data, type MemberGoal } from '../../src/core/model.js';

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
