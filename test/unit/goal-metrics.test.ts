import { describe, expect, it } from 'vitest';
import { measuredLabel, measuredOn, measureGoal, measureGoals, memberGoalOnTrack, parseMeasures, specsForGoal, targetsFrom, type MeasureSpec } from '../../src/core/goal-metrics.js';
import { followsMeasure } from '../../src/core/goals.js';
import { dataOf, emptyRecords, type Records } from '../../src/core/model.js';
import { parseTemplate } from '../../src/core/template-parse.js';

const OPTIONS = { learningTarget: 12 };

function data(partial: Partial<Records>) {
  return dataOf({ ...emptyRecords(), ...partial });
}

const texts = (specs: MeasureSpec[], d: ReturnType<typeof data>, day: string) => measureGoal(specs, d, day, OPTIONS).readings.map((r) => r.text);

describe('parseMeasures', () => {
  it('reads a map of names to targets, empty for the default, or a list', () => {
    expect(parseMeasures({ 'learning-hours': null, 'books-finished': 2 })).toEqual([{ name: 'learning-hours' }, { name: 'books-finished', target: 2 }]);
    expect(parseMeasures(['tips-applied', { 'culture-events': '4' }])).toEqual([{ name: 'tips-applied' }, { name: 'culture-events', target: 4 }]);
    expect(parseMeasures(undefined)).toEqual([]);
  });

  it('names an unknown metric or a bad target', () => {
    expect(() => parseMeasures({ 'lunches-eaten': 3 })).toThrow(/measures: "lunches-eaten" is not a metric mtl counts; known: learning-hours/);
    expect(() => parseMeasures({ 'books-finished': 'lots' })).toThrow(/the target of books-finished is "lots"; give a number above 0/);
    expect(() => parseMeasures({ 'books-finished': 0 })).toThrow(/give a number above 0/);
    // YAML's .inf: named as it is, not as JSON's "null".
    expect(() => parseMeasures({ 'books-finished': Infinity })).toThrow('measures: the target of books-finished is Infinity; give a number above 0');
  });

  it('is read from a template front matter, and every built-in kind of front matter still reads', () => {
    const t = parseTemplate('mine', '---\ntitle: Mine\nmetrics:\n  - Books (target: 2)\nmeasures:\n  books-finished: 2\n---\n# Mine\n', 'user', '/x/mine.md');
    expect(t).toMatchObject({ title: 'Mine', metrics: ['Books (target: 2)'], measures: [{ name: 'books-finished', target: 2 }] });
    expect(() => parseTemplate('bad', '---\ntitle: x\n# never closed\n', 'user', '/x')).toThrow(/starts with --- but has no closing --- line/);
    expect(() => parseTemplate('bad', '---\n- a\n- b\n---\n', 'user', '/x')).toThrow(/not a list of fields/);
    expect(() => parseTemplate('bad', '---\ntitle:\n  a: b\n---\n', 'user', '/x')).toThrow(/front matter's title is not text/);
    expect(parseTemplate('empty', '---\n---\nbody\n', 'user', '/x')).toMatchObject({ title: 'empty', body: 'body\n', measures: [] });
  });
});

describe('measureGoal', () => {
  it('counts learning hours, books and tips of the quarter up to the day, and proposes their mean', () => {
    const d = data({
      learning: [
        { id: 'l1', type: 'hours', date: '2027-01-05', hours: 2, what: 'a' },
        { id: 'l2', type: 'hours', date: '2027-01-06', hours: 3, what: 'b' },
        { id: 'l3', type: 'hours', date: '2026-12-30', hours: 9, what: 'last quarter' },
        { id: 'l4', type: 'hours', date: '2027-02-01', hours: 4, what: 'later' },
        { id: 'l5', type: 'book', title: 'Reading', status: 'reading', added: '2027-01-02' },
        { id: 'l6', type: 'tip', date: '2027-01-07', tip: 't' },
      ],
    });
    const m = measureGoal([{ name: 'learning-hours' }, { name: 'books-finished' }, { name: 'tips-applied', target: 2 }], d, '2027-01-10', OPTIONS);
    expect(m.readings.map((r) => [r.text, r.share])).toEqual([
      ['5 of 12 hours of learning', 5 / 12],
      ['0 of 1 book finished', 0],
      ['1 of 2 tips applied', 0.5],
    ]);
    expect(m).toMatchObject({ quarter: '2027-Q1', proposed: 31 });
    expect(measureGoal([{ name: 'learning-hours', target: 4 }], d, '2027-02-01', OPTIONS).readings[0]).toMatchObject({ value: 9, share: 1 });
    // At the target "n of n"; past it the figure and the target apart, never "9 of 4".
    expect(texts([{ name: 'learning-hours', target: 5 }, { name: 'learning-hours', target: 4 }, { name: 'tips-applied', target: 1 }], d, '2027-02-01')).toEqual([
      '9 hours of learning (target 5)',
      '9 hours of learning (target 4)',
      '1 of 1 tips applied',
    ]);
    expect(texts([{ name: 'learning-hours', target: 9 }], d, '2027-02-01')).toEqual(['9 of 9 hours of learning']);
    const culture = data({ cultureEvents: ['2027-01-05', '2027-01-12', '2027-01-19'].map((date, i) => ({ id: `c${i + 1}`, what: 'lunch', date, at: `${date}T12:00:00.000Z` })) });
    expect(texts([{ name: 'culture-events', target: 2 }], culture, '2027-01-20')).toEqual(['3 team events held (target 2)']);
    expect(texts([{ name: 'books-finished', target: 2 }], data({ learning: [1, 2, 3].map((i) => ({ id: `l${i}`, type: 'book' as const, title: `B${i}`, status: 'done' as const, date: '2027-01-0' + i })) }), '2027-01-10')).toEqual(['3 books finished (target 2)']);
  });

  it('does not ask for praise of a report in a week they were away throughout', () => {
    const members = [
      { id: 'r1', name: 'Sam', added: '2027-01-04', notes: [] },
      // On leave from Wednesday 13 January, back Monday 25 January: away all the week of the 18th.
      { id: 'r2', name: 'Ana', added: '2027-01-04', notes: [], awaySince: '2027-01-13', awayUntil: '2027-01-25' },
    ];
    const praise = ['2027-01-05', '2027-01-12', '2027-01-19', '2027-01-26'].flatMap((date, i) => [
      { id: `p${i}a`, member: 'r1', text: 'x', date, at: `${date}T10:00:00Z`, public: false },
      ...(date === '2027-01-19' ? [] : [{ id: `p${i}b`, member: 'r2', text: 'x', date, at: `${date}T10:00:00Z`, public: false }]),
    ]);
    expect(texts([{ name: 'weeks-everyone-praised' }], data({ members, praise }), '2027-01-31')).toEqual(['every report praised in 4 of 13 weeks; this week 2 of 2']);
    // One who left the team on a week's Monday is not owed praise in it.
    const left = [members[0]!, { id: 'r3', name: 'Dev', added: '2027-01-04', notes: [], removed: '2027-01-25' }];
    const praised = ['2027-01-05', '2027-01-12', '2027-01-19'].flatMap((date, i) => ['r1', 'r3'].map((member) => ({ id: `q${i}${member}`, member, text: 'x', date, at: `${date}T10:00:00Z`, public: false })));
    expect(texts([{ name: 'weeks-everyone-praised' }], data({ members: left, praise: [...praised, { id: 'q9', member: 'r1', text: 'x', date: '2027-01-26', at: '2027-01-26T10:00:00Z', public: false }] }), '2027-01-31')).toEqual(['every report praised in 4 of 13 weeks; this week 1 of 1']);
    // Without the day the leave began, mtl cannot know the week was leave: it counts as missed.
    const unknown = members.map(({ awaySince: _since, ...m }) => m);
    expect(texts([{ name: 'weeks-everyone-praised' }], data({ members: unknown, praise }), '2027-01-31')).toEqual(['every report praised in 3 of 13 weeks; this week 2 of 2']);
  });

  it('counts weeks in which every report on the team that week was praised', () => {
    const d = data({
      members: [
        { id: 'r1', name: 'Sam', added: '2027-01-04', notes: [] },
        { id: 'r2', name: 'Ana', added: '2027-01-11', notes: [], removed: '2027-01-30' },
      ],
      praise: [
        { id: 'p1', member: 'r1', text: 'x', date: '2027-01-05', at: '2027-01-05T10:00:00Z', public: false },
        { id: 'p2', member: 'r1', text: 'x', date: '2027-01-12', at: '2027-01-12T10:00:00Z', public: true },
        { id: 'p3', member: 'r2', text: 'x', date: '2027-01-13', at: '2027-01-13T10:00:00Z', public: false },
        { id: 'p4', member: 'r1', text: 'x', date: '2027-01-19', at: '2027-01-19T10:00:00Z', public: false },
        { id: 'p5', member: 'r1', text: 'x', date: '2027-02-02', at: '2027-02-02T10:00:00Z', public: false },
      ],
    });
    // Weeks of Jan 4 (Sam only on the team), Jan 11 (both praised), Jan 18 (Ana not), Feb 1 (Ana gone).
    expect(texts([{ name: 'weeks-everyone-praised' }, { name: 'public-praise' }], d, '2027-02-03')).toEqual([
      'every report praised in 3 of 13 weeks; this week 1 of 1',
      '1 of 12 praise given in public (20% of the 5 given this quarter)',
    ]);
    expect(measureGoal([{ name: 'weeks-everyone-praised' }], data({}), '2027-02-03', OPTIONS)).toMatchObject({ proposed: null, readings: [{ text: 'no reports yet to praise', share: null }] });
    // Read on another day than today (a goal due last quarter), the words name that week and quarter.
    expect(measureGoal([{ name: 'weeks-everyone-praised' }, { name: 'public-praise' }], d, '2027-02-03', { ...OPTIONS, today: '2027-04-10' }).readings.map((r) => r.text)).toEqual([
      'every report praised in 3 of 13 weeks; the week of 2027-02-03 1 of 1',
      '1 of 12 praise given in public (20% of the 5 given in 2027-Q1)',
    ]);
  });

  it('counts delegated items, steps, processes, reports with 2-3 goals, innovation and culture', () => {
    const d = data({
      members: [
        { id: 'r1', name: 'Sam', added: '2027-01-04', notes: [] },
        { id: 'r2', name: 'Ana', added: '2027-01-04', notes: [] },
      ],
      delegations: [
        { id: 'd1', item: 'search', member: 'r1', created: '2027-01-05', status: 'done', doneOn: '2027-02-01', steps: { requirements: '2027-01-05', docs: '2027-01-06', 'tech-checkin': null, dependencies: null } },
        { id: 'd2', item: 'billing', member: 'r2', created: '2026-11-05', status: 'done', doneOn: '2026-12-01', steps: {} },
      ],
      processes: [{ id: 's1', practice: 'release notes', member: 'r2', created: '2027-01-10', at: '2027-01-10T10:00:00Z', status: 'open' }],
      memberGoals: [
        ...['m1', 'm2'].map((id) => ({ id, member: 'r1', title: id, quarter: '2027-Q1', status: 'open' as const, progress: 50, created: '2027-01-05', checkIns: [] })),
        { id: 'm3', member: 'r2', title: 'm3', quarter: '2027-Q1', status: 'open' as const, progress: 0, created: '2027-01-05', checkIns: [] },
      ],
      innovationWeeks: [{ id: 'i1', quarter: '2027-Q1', start: '2027-02-08', end: '2027-02-12', demo: '2027-02-12', planned: '2027-01-10', projects: [{ member: 'r1', text: 'a bot', date: '2027-02-09', at: '2027-02-09T10:00:00Z' }] }],
      cultureEvents: [{ id: 'c1', what: 'lunch', date: '2027-01-20', at: '2027-01-20T10:00:00Z' }],
    });
    const names: MeasureSpec['name'][] = ['items-delegated-done', 'processes-owned', 'reports-with-goals', 'member-goals-on-track', 'innovation-week', 'demos-given', 'culture-events'];
    expect(texts(names.map((name) => ({ name })), d, '2027-02-15')).toEqual([
      '1 of 3 delegated items done, 1 owned this quarter',
      '1 of 2 processes owned by a report',
      '1 of 2 reports with 2-3 goals',
      "2 of 3 reports' goals done or on track",
      'innovation week held (2027-02-08 to 2027-02-12)',
      '1 of 2 projects shown at the demo',
      '1 of 3 team events held',
    ]);
    expect(texts([{ name: 'delegation-steps' }], d, '2027-02-15')).toEqual(['2 of 4 checklist steps done']);
    // Carried into Q2 at its start, Sam's goals still count for Q1 read on its last day; a report
    // who has left no longer counts, nor do their goals.
    const carried = data({
      ...d,
      members: [...d.members, { id: 'r3', name: 'Eve', added: '2027-01-04', removed: '2027-02-01', notes: [] }],
      memberGoals: [
        ...d.memberGoals.map((g) => (g.member === 'r1' ? { ...g, quarter: '2027-Q2', carriedFrom: ['2027-Q1'] } : g)),
        { id: 'm4', member: 'r3', title: 'm4', quarter: '2027-Q1', status: 'open' as const, progress: 0, created: '2027-01-05', checkIns: [] },
      ],
    } as never);
    expect(texts([{ name: 'reports-with-goals' }, { name: 'member-goals-on-track' }], carried, '2027-03-31')).toEqual(['1 of 2 reports with 2-3 goals', "0 of 3 reports' goals done or on track"]);
    expect(texts([{ name: 'innovation-week' }, { name: 'demos-given' }], d, '2027-02-01')).toEqual(['innovation week planned for 2027-02-08, not held yet', 'demo on 2027-02-12, not held yet']);
  });

  it('reads a goal on track against a steady pace to its due day, with 20 points of slack', () => {
    const goal = { status: 'open' as const, progress: 30, created: '2027-01-01', due: '2027-03-01' };
    expect(memberGoalOnTrack(goal, '2027-01-30', '2027-03-31')).toBe(true);
    expect(memberGoalOnTrack(goal, '2027-02-20', '2027-03-31')).toBe(false);
    expect(memberGoalOnTrack({ ...goal, status: 'done', progress: 0 }, '2027-02-20', '2027-03-31')).toBe(true);
  });
});

describe('followsMeasure', () => {
  it('follows the measure unless the latest figure was given by hand', () => {
    expect(followsMeasure([])).toBe(true);
    expect(followsMeasure([{ date: '2027-01-01', at: 'x', note: 'n' }])).toBe(true);
    expect(followsMeasure([{ date: '2027-01-01', at: 'x', note: 'n', progress: 40 }, { date: '2027-01-02', at: 'x', note: 'n' }])).toBe(false);
    expect(followsMeasure([{ date: '2027-01-01', at: 'x', note: 'n', progress: 40 }, { date: '2027-01-02', at: 'x', note: 'n', progress: 20, measured: true }])).toBe(true);
  });
});

describe("a goal's own targets", () => {
  const learning: MeasureSpec[] = [{ name: 'learning-hours' }, { name: 'books-finished', target: 1 }, { name: 'tips-applied', target: 6 }];

  it('sets, changes and puts back targets for metrics the template measures', () => {
    expect(targetsFrom(['books-finished=2'], learning)).toEqual({ 'books-finished': 2 });
    expect(targetsFrom([' learning-hours = 20 ', 'books-finished=2.5'], learning)).toEqual({ 'learning-hours': 20, 'books-finished': 2.5 });
    expect(targetsFrom(['books-finished=3'], learning, { 'books-finished': 2, 'tips-applied': 4 })).toEqual({ 'books-finished': 3, 'tips-applied': 4 });
    expect(targetsFrom(['tips-applied=default'], learning, { 'books-finished': 2, 'tips-applied': 4 })).toEqual({ 'books-finished': 2 });
  });

  it('names what is wrong with a word', () => {
    expect(() => targetsFrom(['public-praise=3'], learning)).toThrow('"public-praise" is not a metric of this goal\'s template; it measures learning-hours, books-finished, tips-applied');
    expect(() => targetsFrom(['books-finished=2'], [])).toThrow("this goal's template measures nothing, so it has no target to set");
    for (const bad of ['0', '-1', 'two', '1e3', 'Infinity', '0x10', '2 books']) {
      expect(() => targetsFrom([`books-finished=${bad}`], learning), bad).toThrow(`the target of books-finished is "${bad}"; give a number above 0`);
    }
    expect(() => targetsFrom(['books-finished='], learning)).toThrow('--target books-finished= gives no number');
    expect(() => targetsFrom(['books-finished=2', 'books-finished=3'], learning)).toThrow('--target gives books-finished twice; give it once');
  });

  it("puts the goal's targets in place of the template's, leaving the others", () => {
    expect(specsForGoal(learning, {})).toBe(learning);
    expect(specsForGoal(learning, { targets: { 'books-finished': 2, 'learning-hours': 20 } })).toEqual([
      { name: 'learning-hours', target: 20 },
      { name: 'books-finished', target: 2 },
      { name: 'tips-applied', target: 6 },
    ]);
    const data = dataOf({ ...emptyRecords(), learning: [{ id: 'l1', type: 'book', title: 'A', status: 'done', date: '2027-01-10', added: '2027-01-02' }] } as Records);
    const reading = measureGoal(specsForGoal(learning, { targets: { 'books-finished': 2 } }), data, '2027-01-11', { learningTarget: 12 }).readings[1];
    expect(reading).toMatchObject({ value: 1, target: 2, text: '1 of 2 books finished', share: 0.5 });
  });
});

describe('measuredOn', () => {
  it("reads a goal today, a done one on its day, and one due in an earlier quarter on that quarter's last day", () => {
    expect(measuredOn({ status: 'open', due: '2027-03-31' }, '2027-03-20')).toBe('2027-03-20');
    // Overdue within its quarter: late progress still counts.
    expect(measuredOn({ status: 'open', due: '2027-03-10' }, '2027-03-20')).toBe('2027-03-20');
    expect(measuredOn({ status: 'open', due: '2027-03-31' }, '2027-04-01')).toBe('2027-03-31');
    expect(measuredOn({ status: 'open', due: '2026-12-31' }, '2027-06-01')).toBe('2026-12-31');
    expect(measuredOn({ status: 'open', due: '2027-02-15' }, '2027-04-10')).toBe('2027-03-31');
    expect(measuredOn({ status: 'open' }, '2027-06-01')).toBe('2027-06-01');
    expect(measuredOn({ status: 'done', doneOn: '2027-02-01', due: '2027-03-31' }, '2027-04-10')).toBe('2027-02-01');
    expect(measuredOn({ status: 'done', due: '2027-03-31' }, '2027-04-10')).toBe('2027-04-10');
  });
});

describe('a goal running into a new quarter', () => {
  const d = data({ learning: [{ id: 'l1', type: 'hours', date: '2027-12-01', hours: 6, what: 'course' }] });
  const goal = (created: string, fields: object = {}) => ({ id: 'g1', title: 'Learn', template: 'learning', file: 'g1.md', created, due: '2028-03-31', status: 'open' as const, progress: 0, checkIns: [], ...fields });
  const specsOf = () => [{ name: 'learning-hours' as const }];

  it('says what the quarter before reached, beside this quarter so far', () => {
    const m = measureGoals([goal('2027-10-05')], specsOf, d, '2028-01-03', OPTIONS).get('g1')!;
    expect(m).toMatchObject({ quarter: '2028-Q1', proposed: 0, before: { quarter: '2027-Q4', proposed: 50 } });
    expect(measuredLabel(m, '2028-01-03', false)).toBe('2028-Q1 so far, after 50% in 2027-Q4');
  });

  it('says nothing of a quarter before the goal began, nor of a goal done, nor of one read on another day', () => {
    expect(measureGoals([goal('2028-01-02')], specsOf, d, '2028-01-03', OPTIONS).get('g1')!.before).toBeUndefined();
    expect(measureGoals([goal('2027-10-05', { status: 'done', doneOn: '2028-01-02' })], specsOf, d, '2028-01-03', OPTIONS).get('g1')!.before).toBeUndefined();
    const overdue = measureGoals([goal('2027-07-05', { due: '2027-12-31' })], specsOf, d, '2028-01-03', OPTIONS).get('g1')!;
    expect(overdue).toMatchObject({ quarter: '2027-Q4', day: '2027-12-31' });
    expect(overdue.before).toBeUndefined();
    expect(measuredLabel(measureGoals([goal('2027-10-05')], specsOf, d, '2027-12-31', OPTIONS).get('g1')!, '2027-12-31', false)).toBeUndefined();
  });
});
