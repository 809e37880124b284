import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Chalk } from 'chalk';
import type { Ctx } from '../../src/context.js';
import { maybeHint } from '../../src/commands/hint.js';
import { MINDSET_PROMPTS, mindsetOfWeek } from '../../src/core/mindset.js';
import { weekStartOf } from '../../src/core/dates.js';
import { innovationWeekFrom } from '../../src/core/innovation.js';
import { dueNudges as allNudges, notShownToday, recordRun, type Reminder } from '../../src/core/nudges.js';
import { emptyNudgeState, type Goal, type Member, type MemberGoal } from '../../src/core/model.js';
import { emptyData, type TestData as Data } from '../helpers/data.js';

// These tests are about the other reminders: 1:1 cadence reminders have their own, in one-on-ones.test.ts.
const dueNudges = (...args: Parameters<typeof allNudges>) => allNudges(...args).filter((r) => r.kind !== 'one-on-one');
const prefs = { recognitionDays: 7, lookAheadDays: 14, checkInDays: 14, learningHoursPerQuarter: 0 };

/** Local wall-clock time on a calendar day, in whatever TZ the test runs. */
const at = (day: string, time = '09:00') => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  return new Date(y, m - 1, d, h, min);
};

/** A store where the quarterly rules are satisfied, so each test sees only the rule it sets up. */
function store(today: string, change: (d: Data) => void = () => {}): Data {
  const data = emptyData();
  const quarter = `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
  data.assessments.push({ id: 'a1', date: today, at: `${today}T09:00:00Z`, tooEasy: false, answers: {}, score: 60, verdict: 'developing' });
  data.innovationWeeks.push({ id: 'i1', quarter, start: today, end: today, demo: today, planned: today });
  change(data);
  return data;
}

const member = (id: string, name: string, added = '2026-01-01', removed?: string): Member => ({ id, name, added, notes: [], ...(removed ? { removed } : {}) });
const praise = (memberId: string, date: string) => ({ id: `p-${date}`, member: memberId, text: 'nice', date, at: `${date}T10:00:00Z`, public: false });
const goal = (id: string, fields: Partial<Goal>): Goal => ({ id, title: `Goal ${id}`, template: 'autonomy', file: `/g/${id}.md`, created: '2027-01-01', status: 'open', progress: 0, checkIns: [], ...fields });
/** Two goals this quarter for a member, so the member-goals rule stays quiet. */
const twoGoals = (memberId: string, quarter: string) =>
  ['x', 'y'].map((s) => ({ id: `${memberId}${s}`, member: memberId, title: s, quarter, status: 'done' as const, progress: 100, created: '2027-01-01', checkIns: [] }));

const kinds = (list: Reminder[]) => list.map((r) => r.kind);
const only = (list: Reminder[], kind: Reminder['kind']) => list.filter((r) => r.kind === kind);

describe('recognition', () => {
  it('flags a report never praised, saying how long they have been on the team', () => {
    const data = store('2027-01-18', (d) => {
      d.members.push(member('m1', 'Alice', '2027-01-04'));
      d.memberGoals.push(...twoGoals('m1', '2027-Q1'));
    });
    const [r, ...rest] = dueNudges(data, at('2027-01-18'), prefs);
    expect(rest).toEqual([]);
    expect(r).toMatchObject({ key: 'recognition:m1', kind: 'recognition', since: '2027-01-04', command: 'mtl praise Alice "..."' });
    expect(r!.text).toBe('Alice: never recognised in 14 days on the team.');
  });

  it('flags praise exactly seven days ago, not six', () => {
    const data = (day: string) =>
      store('2027-01-18', (d) => {
        d.members.push(member('m1', 'Alice'));
        d.memberGoals.push(...twoGoals('m1', '2027-Q1'));
        d.praise.push(praise('m1', '2027-01-02'), praise('m1', day));
      });
    const seven = only(dueNudges(data('2027-01-11'), at('2027-01-18'), prefs), 'recognition');
    expect(seven.map((r) => r.text)).toEqual(['Alice: no praise logged for 7 days (last on 2027-01-11).']);
    expect(only(dueNudges(data('2027-01-12'), at('2027-01-18'), prefs), 'recognition')).toEqual([]);
  });

  it('follows recognitionDays, ignores removed reports and quotes names for the shell', () => {
    const data = store('2027-01-18', (d) => {
      d.members.push(member('m1', 'Mary Ann'), member('m2', 'Bob', '2026-01-01', '2027-01-10'));
      d.memberGoals.push(...twoGoals('m1', '2027-Q1'));
      d.praise.push(praise('m1', '2027-01-08'));
    });
    expect(dueNudges(data, at('2027-01-18'), { ...prefs, recognitionDays: 14 })).toEqual([]);
    const [r] = dueNudges(data, at('2027-01-18'), prefs);
    expect(r!.command).toBe(`mtl praise 'Mary Ann' "..."`);
  });
});

describe('goals', () => {
  const today = '2027-01-04';
  const goalsOf = (g: Goal, p = prefs) => only(dueNudges(store(today, (d) => d.goals.push(g)), at(today), p), 'goal');

  it('lists the most overdue goal first, then other overdue ones, then those only waiting, whatever their ids', () => {
    const d = store('2027-02-22', (x) => {
      x.goals.push(goal('g1', { created: '2027-01-01' }), goal('g2', { due: '2027-02-20', created: '2027-01-01' }), goal('g3', { due: '2027-02-10', created: '2027-01-01' }), goal('g4', { due: '2027-03-01', created: '2027-01-01' }));
    });
    expect(only(dueNudges(d, at('2027-02-22'), prefs), 'goal').map((r) => r.key)).toEqual(['goal:g3', 'goal:g2', 'goal:g1', 'goal:g4']);
  });

  it('flags a goal due today', () => {
    const [r] = goalsOf(goal('g2', { due: '2027-01-04', created: '2027-01-01' }));
    expect(r).toMatchObject({ key: 'goal:g2', text: 'Goal g2 "Goal g2": due today.', command: 'mtl goals check-in g2 "<note>" --progress N' });
  });

  it('flags a goal overdue across a year end, counting calendar days', () => {
    const [r] = goalsOf(goal('g1', { due: '2026-12-28', created: '2026-12-27' }));
    expect(r!.text).toBe('Goal g1 "Goal g1": 7 days overdue (due 2026-12-28).');
    expect(r!.since).toBe('2026-12-28');
  });

  it('uses the look-ahead for deadlines', () => {
    expect(goalsOf(goal('g1', { due: '2027-01-18' }))[0]!.text).toContain('due in 14 days (2027-01-18)');
    expect(goalsOf(goal('g1', { due: '2027-01-19' }))).toEqual([]);
    expect(goalsOf(goal('g1', { due: '2027-01-19' }), { ...prefs, lookAheadDays: 30 })).toHaveLength(1);
  });

  it('flags 14 days without a check-in, counting from creation or the last check-in', () => {
    expect(goalsOf(goal('g1', { created: '2026-12-21' }))[0]!.text).toBe('Goal g1 "Goal g1": no check-in since it was created 14 days ago.');
    expect(goalsOf(goal('g1', { created: '2026-12-22' }))).toEqual([]);
    const checked = goal('g1', { created: '2026-10-01', checkIns: [{ date: '2026-12-10', at: '', note: '' }, { date: '2026-12-21', at: '', note: '' }] });
    expect(goalsOf(checked)[0]).toMatchObject({ since: '2026-12-21', text: 'Goal g1 "Goal g1": no check-in for 14 days.' });
  });

  it('puts both reasons in one reminder, and ignores done goals', () => {
    const [r] = goalsOf(goal('g1', { created: '2026-11-01', due: '2027-01-02' }));
    expect(r!.text).toBe('Goal g1 "Goal g1": 2 days overdue (due 2027-01-02); no check-in since it was created 64 days ago.');
    expect(goalsOf(goal('g1', { created: '2026-11-01', due: '2027-01-02', status: 'done' }))).toEqual([]);
  });
});

describe("reports' quarterly goals", () => {
  const withGoals = (today: string, count: number, status: 'open' | 'done' = 'open') =>
    store(today, (d) => {
      d.members.push(member('m1', 'Alice'));
      d.praise.push(praise('m1', today));
      d.memberGoals.push(...twoGoals('m1', '2027-Q1').slice(0, count).map((g) => ({ ...g, status })));
    });

  it('flags a goal left open from before last quarter as overdue; last quarter\'s are for the carry reminder', () => {
    const d = store('2027-07-12', (x) => {
      x.members.push(member('m1', 'Sam'));
      x.memberGoals.push(
        { id: 'm1', member: 'm1', title: 'Old one', quarter: '2027-Q1', due: '2027-03-31', status: 'open', progress: 0, created: '2027-01-05', checkIns: [] },
        { id: 'm2', member: 'm1', title: 'Last quarter', quarter: '2027-Q2', due: '2027-06-30', status: 'open', progress: 0, created: '2027-04-05', checkIns: [] },
      );
    });
    const all = dueNudges(d, at('2027-07-12'), prefs);
    expect(only(all, 'member-goal-overdue').map((r) => r.key)).toEqual(['member-goal-overdue:m1']);
    expect(only(all, 'member-goals-carry')[0]!.text).toContain('m2 "Last quarter"');
  });

  it('asks for two or more goals per report this quarter', () => {
    const [r] = dueNudges(withGoals('2027-02-01', 1), at('2027-02-01'), prefs);
    expect(r).toMatchObject({ kind: 'member-goals', key: 'member-goals:m1:2027-Q1', text: 'Alice has 1 goal for 2027-Q1; help them set 2-3.', command: 'mtl member-goals Alice add "<title>"' });
    expect(dueNudges(withGoals('2027-02-01', 2), at('2027-02-01'), prefs)).toEqual([]);
  });

  it('stops asking for the end-of-quarter check-in goal by goal, once each has a check-in in the last 14 days', () => {
    const note = (date: string) => ({ date, at: `${date}T10:00:00Z`, note: 'talked' });
    const data = withGoals('2027-03-25', 2);
    const [x, y] = data.memberGoals as [MemberGoal, MemberGoal];
    // The window of Q1 2027 starts on 2027-03-18: a check-in the day before does not count.
    x.checkIns.push(note('2027-03-18'));
    y.checkIns.push(note('2027-03-17'));
    const [r, ...rest] = dueNudges(data, at('2027-03-25'), prefs);
    expect(rest).toEqual([]);
    expect(r).toMatchObject({
      key: 'member-goals-check-in:m1:2027-Q1',
      // Two open, one checked in lately: the count says which it is of.
      text: "2027-Q1 ends in 6 days: go through Alice's open goals with them; 1 has no check-in since 2027-03-18 (m1y).",
      command: 'mtl member-goals Alice check-in m1y "<note>" --progress N',
      since: '2027-03-18',
    });
    y.checkIns.push(note('2027-03-25'));
    expect(dueNudges(data, at('2027-03-25'), prefs)).toEqual([]);
    expect(dueNudges(data, at('2027-03-31'), prefs)).toEqual([]);
  });

  it("flags a report's open goal past its own due day, the most overdue first, until it is done or moved", () => {
    const data = withGoals('2027-02-22', 2);
    const [x, y] = data.memberGoals as [MemberGoal, MemberGoal];
    x.due = '2027-02-18';
    y.due = '2027-02-10';
    expect(dueNudges(data, at('2027-02-18'), prefs).filter((r) => r.kind === 'member-goal-overdue').map((r) => r.key)).toEqual(['member-goal-overdue:m1y']);
    const overdue = only(dueNudges(data, at('2027-02-22'), prefs), 'member-goal-overdue');
    expect(overdue).toEqual([
      expect.objectContaining({ key: 'member-goal-overdue:m1y', text: 'Alice\'s goal m1y "y": 12 days overdue (due 2027-02-10).', command: 'mtl member-goals Alice check-in m1y "<note>" --progress N', since: '2027-02-10' }),
      expect.objectContaining({ key: 'member-goal-overdue:m1x', text: 'Alice\'s goal m1x "x": 4 days overdue (due 2027-02-18).' }),
    ]);
    y.status = 'done';
    x.due = '2027-03-01';
    expect(only(dueNudges(data, at('2027-02-22'), prefs), 'member-goal-overdue')).toEqual([]);
  });

  it('asks for the end-of-quarter check-in in the last 14 days, while goals are open', () => {
    expect(dueNudges(withGoals('2027-03-17', 2), at('2027-03-17'), prefs)).toEqual([]);
    const [r] = dueNudges(withGoals('2027-03-18', 2), at('2027-03-18'), prefs);
    expect(r).toMatchObject({ kind: 'member-goals-check-in', text: "2027-Q1 ends in 13 days: go through Alice's open goals with them; 2 have no check-in since 2027-03-18 (m1x, m1y).", command: 'mtl member-goals Alice check-in m1x "<note>" --progress N' });
    expect(dueNudges(withGoals('2027-03-31', 2), at('2027-03-31'), prefs)[0]!.text).toContain('ends today');
    expect(dueNudges(withGoals('2027-03-20', 2, 'done'), at('2027-03-20'), prefs)).toEqual([]);
  });
});

describe('quarterly rituals', () => {
  it('asks for an innovation week when none is planned this quarter', () => {
    const data = store('2027-02-03', (d) => {
      d.innovationWeeks = [{ id: 'i1', quarter: '2027-Q2', start: '2027-04-05', end: '2027-04-09', demo: '2027-04-09', planned: '2027-02-01' }];
    });
    const [r] = dueNudges(data, at('2027-02-03'), prefs);
    expect(r).toMatchObject({ kind: 'innovation', key: 'innovation:2027-Q1', command: 'mtl innovation plan 2027-02-15' });
    expect(r!.text).toBe('No innovation week planned for 2027-Q1 (56 days left in the quarter).');
  });

  it('near the end of a quarter, asks for the next quarter\'s week, which the suggested command plans', () => {
    const late = store('2026-12-21', (d) => (d.innovationWeeks = []));
    const [r] = dueNudges(late, at('2026-12-21'), prefs);
    expect(r).toEqual({
      key: 'innovation:2027-Q1',
      kind: 'innovation',
      text: 'No innovation week planned for 2027-Q1 yet; 2026-Q4 has too little time left for one (10 days).',
      why: expect.any(String),
      command: 'mtl innovation plan 2027-01-04',
    });
    // Planning the suggested start clears it: that week belongs to 2027-Q1.
    late.innovationWeeks.push({ id: 'i9', ...innovationWeekFrom('2027-01-04', '2026-12-21') });
    expect(dueNudges(late, at('2026-12-21'), prefs)).toEqual([]);
    // Mid-quarter, a week still fits: the reminder is about this quarter, with a start in it.
    const mid = store('2026-11-16', (d) => (d.innovationWeeks = []));
    expect(dueNudges(mid, at('2026-11-16'), prefs)).toEqual([
      expect.objectContaining({ key: 'innovation:2026-Q4', text: 'No innovation week planned for 2026-Q4 (45 days left in the quarter).', command: 'mtl innovation plan 2026-11-23', since: '2026-10-01' }),
    ]);
    // The last Monday whose week fits, announced a week ahead: 2026-12-14 suggests 2026-12-21 to 12-25.
    expect(dueNudges(store('2026-12-14', (d) => (d.innovationWeeks = [])), at('2026-12-14'), prefs)[0]).toMatchObject({ key: 'innovation:2026-Q4', command: 'mtl innovation plan 2026-12-21' });
    expect(dueNudges(store('2026-12-15', (d) => (d.innovationWeeks = [])), at('2026-12-15'), prefs)[0]).toMatchObject({ key: 'innovation:2027-Q1', command: 'mtl innovation plan 2027-01-04' });
  });

  it('flags learning more than a week behind the pro-rata target only', () => {
    const withHours = (hours: number) => store('2027-02-15', (d) => d.learning.push({ id: 'l1', type: 'hours', date: '2027-01-20', hours, what: 'book' }));
    const twelve = { ...prefs, learningHoursPerQuarter: 12 };
    // 2027-02-15 is day 46 of a 90-day quarter: 12 x 46 / 90 = 6.13 hours by now, 12 x 39 / 90 = 5.2 a week ago.
    const [r] = dueNudges(withHours(5), at('2027-02-15'), twelve);
    expect(r).toMatchObject({ kind: 'learning', text: 'Learning: 5 of 12 hours this quarter; a steady pace would be 6.1 by now.', command: 'mtl learn log <hours> "<what>"' });
    expect(dueNudges(withHours(5.2), at('2027-02-15'), twelve)).toEqual([]);
    expect(dueNudges(withHours(0.5), at('2027-02-15'), prefs)).toEqual([]);
  });

  it('does not flag learning in the first week of a quarter', () => {
    const fresh = (day: string) => store(day, (d) => d.learning.push({ id: 'l1', type: 'hours', date: '2027-03-20', hours: 12, what: 'last quarter' }));
    const twelve = { ...prefs, learningHoursPerQuarter: 12 };
    expect(dueNudges(fresh('2027-04-01'), at('2027-04-01'), twelve)).toEqual([]);
    expect(dueNudges(fresh('2027-04-07'), at('2027-04-07'), twelve)).toEqual([]);
    expect(kinds(dueNudges(fresh('2027-04-08'), at('2027-04-08'), twelve))).toEqual(['learning']);
  });

  it('asks for a self-assessment after 90 days, or when there is none', () => {
    const data = store('2027-04-01', (d) => {
      d.assessments[0]!.date = '2027-01-01';
      d.innovationWeeks.push({ id: 'i1', quarter: '2027-Q1', start: '2027-01-04', end: '2027-01-08', demo: '2027-01-08', planned: '2027-01-01' });
      d.innovationWeeks.push({ id: 'i2', quarter: '2027-Q2', start: '2027-04-01', end: '2027-04-07', demo: '2027-04-07', planned: '2027-03-01' });
    });
    const [r] = dueNudges(data, at('2027-04-01'), prefs);
    expect(r).toMatchObject({ kind: 'assessment', command: 'mtl assess', since: '2027-01-01', text: 'Your last self-assessment was 90 days ago (2027-01-01, score 60).' });
    expect(dueNudges(data, at('2027-03-31'), prefs)).toEqual([]);
    // Never assessed: the first step comes first.
    expect(kinds(dueNudges(emptyData(), at('2027-03-31'), prefs))).toEqual(['assessment', 'innovation']);
    expect(dueNudges(emptyData(), at('2027-03-31'), prefs)[0]!.text).toBe('You have not taken the self-assessment yet.');
  });
});

describe('catch-up', () => {
  it('after three weeks of missed runs, says how long it has been', () => {
    const data = store('2027-02-22', (d) => {
      d.members.push(member('m1', 'Alice'));
      d.memberGoals.push(...twoGoals('m1', '2027-Q1'));
      d.praise.push(praise('m1', '2027-01-29'));
      d.goals.push(goal('g1', { created: '2027-01-25', checkIns: [{ date: '2027-01-29', at: '', note: '' }] }));
    });
    const due = dueNudges(data, at('2027-02-22'), prefs);
    expect(due.map((r) => r.text)).toEqual(['Goal g1 "Goal g1": no check-in for 24 days.', 'Alice: no praise logged for 24 days (last on 2027-01-29).']);
  });
});

describe('in America/New_York across the start of daylight saving time', () => {
  const saved = process.env.TZ;
  beforeEach(() => {
    process.env.TZ = 'America/New_York';
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it('counts the 23-hour Sunday as a day like any other', () => {
    // Clocks went forward on Sunday 2027-03-14; the week from Monday 8th to Monday 15th is 167 hours.
    const data = store('2027-03-15', (d) => {
      d.members.push(member('m1', 'Alice'));
      d.memberGoals.push(...twoGoals('m1', '2027-Q1'));
      d.praise.push(praise('m1', '2027-03-08'));
      d.goals.push(goal('g1', { created: '2027-03-01', due: '2027-03-15' }), goal('g2', { created: '2027-03-02', checkIns: [] }));
    });
    const early = at('2027-03-15', '00:30');
    expect(early.getTimezoneOffset()).toBe(240);
    const due = dueNudges(data, early, prefs);
    expect(due.map((r) => r.text)).toEqual([
      'Goal g1 "Goal g1": due today; no check-in since it was created 14 days ago.',
      'Alice: no praise logged for 7 days (last on 2027-03-08).',
    ]);
    expect(only(due, 'goal').map((r) => r.key)).toEqual(['goal:g1']);
    expect(only(dueNudges(data, at('2027-03-14', '23:30'), prefs), 'recognition')).toEqual([]);
    expect(weekStartOf('2027-03-15')).toBe('2027-03-15');
    expect(weekStartOf('2027-03-14')).toBe('2027-03-08');
  });
});

describe('a run', () => {
  const today = '2027-01-18';
  const data = () => store(today, (d) => d.members.push(member('m1', 'Alice'), member('m2', 'Bob')));

  it('prints each reminder once a day unless --all, and records its time', () => {
    const d = data();
    const s = emptyNudgeState();
    const first = notShownToday(dueNudges(d, at(today), prefs), s, today);
    expect(first.map((r) => r.key)).toEqual(['recognition:m1', 'recognition:m2', 'member-goals:m1:2027-Q1', 'member-goals:m2:2027-Q1']);
    recordRun(s, at(today), first, mindsetOfWeek(s, today));
    expect(s.lastRunAt).toBe(at(today).toISOString());
    expect(notShownToday(dueNudges(d, at(today, '15:00'), prefs), s, today)).toEqual([]);
    expect(notShownToday(dueNudges(d, at(today, '15:00'), prefs), s, today, true)).toEqual(first);
    // Printed today only by a scheduled run no one saw: shown again at a terminal.
    expect(notShownToday(dueNudges(d, at(today, '15:00'), prefs), s, today, false, new Set([first[0]!.key])).map((r) => r.key)).toEqual([first[0]!.key]);
    d.members.push(member('m3', 'Cy'));
    expect(notShownToday(dueNudges(d, at(today, '16:00'), prefs), s, today).map((r) => r.key)).toEqual(['recognition:m3', 'member-goals:m3:2027-Q1']);
    expect(notShownToday(dueNudges(d, at('2027-01-19'), prefs), s, '2027-01-19').length).toBe(first.length + 2);
  });

  it('forgets shown reminders after a month', () => {
    const s = emptyNudgeState();
    s.shown = { old: '2026-12-01', recent: '2027-01-10' };
    recordRun(s, at(today), [], null);
    expect(s.shown).toEqual({ recent: '2027-01-10' });
  });
});

describe('the mindset prompt of the week', () => {
  it('has enough prompts for a quarter, with unique ids', () => {
    expect(MINDSET_PROMPTS.length).toBeGreaterThanOrEqual(14);
    expect(new Set(MINDSET_PROMPTS.map((p) => p.id)).size).toBe(MINDSET_PROMPTS.length);
  });

  it('keeps one prompt through a week and never repeats within a quarter', () => {
    const s = emptyNudgeState();
    const seen: string[] = [];
    for (let day = '2027-04-01'; day <= '2027-06-30'; ) {
      const prompt = mindsetOfWeek(s, day);
      recordRun(s, at(day), [], prompt);
      const sameWeek = mindsetOfWeek(s, day);
      expect(sameWeek.id).toBe(prompt.id);
      seen.push(prompt.id);
      const next = at(day);
      next.setDate(next.getDate() + 7);
      day = `${next.getFullYear()}-${String(next.getMonth() + 1).padStart(2, '0')}-${String(next.getDate()).padStart(2, '0')}`;
    }
    expect(seen).toHaveLength(13);
    expect(new Set(seen).size).toBe(seen.length);
    expect(s.prompts['2027-Q2']).toEqual(seen);
  });

  it('moves on the next week, and a skipped week uses up no prompt', () => {
    const s = emptyNudgeState();
    const a = mindsetOfWeek(s, '2027-01-04');
    recordRun(s, at('2027-01-04'), [], a);
    const b = mindsetOfWeek(s, '2027-01-25');
    expect(b.id).not.toBe(a.id);
    expect(MINDSET_PROMPTS.indexOf(b) - MINDSET_PROMPTS.indexOf(a)).toSatisfy((n: number) => n === 1 || n === 1 - MINDSET_PROMPTS.length);
  });
});

describe('the hint on interactive commands', () => {
  function ctx(now: Date, tty = true): { ctx: Ctx; err: string[] } {
    const err: string[] = [];
    const io = { out: () => {}, err: (t: string) => void err.push(t), stdoutIsTTY: tty, stdinIsTTY: tty, color: new Chalk({ level: 0 }), columns: 80 };
    return { ctx: { io, env: {}, now, dataDir: '/nonexistent/mtl-hint-test', argv0: { node: 'node', script: 'mtl' }, platform: 'linux' }, err };
  }
  const used = () => store('2027-01-18', (d) => d.members.push(member('m1', 'Alice')));

  it('says how many reminders are due when the last nudge is over a week old', () => {
    const d = used();
    const { ctx: c, err } = ctx(at('2027-01-18'));
    maybeHint(c, d, { ...emptyNudgeState(), lastRunAt: at('2027-01-10').toISOString() });
    // Recognition, the 1:1 never held, member goals, and learning (the default target is 12 hours a quarter).
    expect(err).toEqual(['4 reminders due: run mtl nudge\n']);
  });

  it('stays quiet after a recent nudge, when piped, and on an empty store', () => {
    const d = used();
    const recent = ctx(at('2027-01-18'));
    maybeHint(recent.ctx, d, { ...emptyNudgeState(), lastRunAt: at('2027-01-12').toISOString() });
    const piped = ctx(at('2027-01-18'), false);
    maybeHint(piped.ctx, used(), emptyNudgeState());
    const empty = ctx(at('2027-01-18'));
    maybeHint(empty.ctx, emptyData(), emptyNudgeState());
    expect([...recent.err, ...piped.err, ...empty.err]).toEqual([]);
  });
});
