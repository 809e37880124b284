import { describe, expect, it } from 'vitest';
import { buildReview, reviewPeriod } from '../../src/core/review.js';
import { emptyData, type TestData } from '../helpers/data.js';

function data(): TestData {
  const d = emptyData();
  d.members.push(
    { id: 'r1', name: 'Zoë', added: '2026-12-01', notes: [{ id: 'n1', date: '2026-12-20', text: 'puppy' }, { id: 'n2', date: '2027-02-01', text: 'marathon' }] },
    { id: 'r2', name: 'Priya', added: '2026-12-01', notes: [] },
  );
  const praise = (id: string, member: string, date: string, isPublic = false) => d.praise.push({ id, member, text: id, date, at: `${date}T10:00:00.000Z`, public: isPublic });
  praise('p1', 'r1', '2026-12-31');
  praise('p2', 'r1', '2027-01-01', true);
  praise('p3', 'r1', '2027-03-31');
  praise('p4', 'r1', '2027-04-01');
  praise('p5', 'r2', '2027-02-02');
  d.feedback.push(
    { id: 'f1', member: 'r1', text: 'old, given in the quarter', date: '2026-12-15', at: '2026-12-15T10:00:00Z', deliveredOn: '2027-01-05' },
    { id: 'f2', member: 'r1', text: 'queued', date: '2027-02-10', at: '2027-02-10T10:00:00Z' },
    { id: 'f3', member: 'r1', text: 'long ago', date: '2026-11-01', at: '2026-11-01T10:00:00Z', deliveredOn: '2026-11-05' },
  );
  d.memberGoals.push(
    { id: 'm1', member: 'r1', title: 'this quarter', quarter: '2027-Q1', status: 'open', progress: 80, created: '2027-01-03', checkIns: [
      { date: '2027-01-10', at: '', note: 'a', progress: 20 },
      { date: '2027-03-01', at: '', note: 'b', progress: 50 },
      { date: '2027-04-05', at: '', note: 'c', progress: 80 },
    ] },
    { id: 'm2', member: 'r1', title: 'last quarter, untouched', quarter: '2026-Q4', status: 'open', progress: 0, created: '2026-10-03', checkIns: [] },
    { id: 'm3', member: 'r1', title: 'last quarter, done in this one', quarter: '2026-Q4', status: 'done', progress: 100, created: '2026-10-03', doneOn: '2027-01-20', checkIns: [] },
    { id: 'm4', member: 'r1', title: 'next quarter', quarter: '2027-Q2', status: 'open', progress: 0, created: '2027-04-02', checkIns: [] },
  );
  d.delegations.push(
    { id: 'd1', item: 'open', member: 'r1', created: '2026-11-01', status: 'open', steps: {} },
    { id: 'd2', item: 'closed before', member: 'r1', created: '2026-11-01', status: 'done', doneOn: '2026-12-01', steps: {} },
    { id: 'd3', item: 'created after', member: 'r1', created: '2027-04-02', status: 'open', steps: {} },
  );
  d.oneOnOnes.push(
    { id: 'o1', member: 'r1', date: '2027-01-05', at: '2027-01-05T10:00:00Z', feedbackDelivered: ['f1'], notes: ['on-call'] },
    { id: 'o2', member: 'r1', date: '2027-04-05', at: '2027-04-05T10:00:00Z', feedbackDelivered: [] },
  );
  d.actions.push(
    { id: 't1', member: 'r1', oneOnOne: 'o1', text: 'book training', owner: 'me', created: '2027-01-05', at: '', status: 'open' },
    { id: 't2', member: 'r1', oneOnOne: 'o0', text: 'older, closed in the quarter', owner: 'them', created: '2026-12-01', at: '', status: 'done', doneOn: '2027-02-01' },
    { id: 't3', member: 'r1', oneOnOne: 'o2', text: 'after', owner: 'them', created: '2027-04-05', at: '', status: 'open' },
  );
  return d;
}

describe('reviewPeriod', () => {
  it('reads quarters, ranges and the default, as of today', () => {
    expect(reviewPeriod({}, '2027-05-10')).toEqual({ from: '2027-04-01', to: '2027-05-10', label: '2027-Q2 so far' });
    expect(reviewPeriod({ quarter: '2027-Q1' }, '2027-05-10')).toEqual({ from: '2027-01-01', to: '2027-03-31', label: '2027-Q1' });
    expect(reviewPeriod({ quarter: '2027q4' }, '2027-05-10')).toEqual({ from: '2027-10-01', to: '2027-12-31', label: '2027-Q4' });
    expect(reviewPeriod({ quarter: 'last' }, '2027-01-10')).toEqual({ from: '2026-10-01', to: '2026-12-31', label: '2026-Q4' });
    expect(reviewPeriod({ quarter: 'this' }, '2027-01-10')).toEqual({ from: '2027-01-01', to: '2027-01-10', label: '2027-Q1 so far' });
    expect(reviewPeriod({ from: '2027-02-01' }, '2027-05-10')).toEqual({ from: '2027-02-01', to: '2027-05-10', label: '2027-02-01 to 2027-05-10' });
    expect(reviewPeriod({ from: '2027-02-01', to: '2027-02-01' }, '2027-05-10')).toMatchObject({ from: '2027-02-01', to: '2027-02-01' });
  });

  it('refuses what it cannot read', () => {
    expect(() => reviewPeriod({ quarter: 'Q1' }, '2027-05-10')).toThrow('--quarter "Q1" is not a quarter.');
    expect(() => reviewPeriod({ quarter: '3000-Q1' }, '2027-05-10')).toThrow('--quarter "3000-Q1" is outside the quarters mtl accepts, 1970-Q1 to 2999-Q4.');
    expect(() => reviewPeriod({ from: '2027-02-30' }, '2027-05-10')).toThrow('--from "2027-02-30" is not a calendar day');
    expect(() => reviewPeriod({ to: '2027-02-01' }, '2027-05-10')).toThrow('--to needs --from.');
    expect(() => reviewPeriod({ from: '2027-02-02', to: '2027-02-01' }, '2027-05-10')).toThrow('--to 2027-02-01 is before --from 2027-02-02.');
    expect(() => reviewPeriod({ quarter: 'last', from: '2027-02-02' }, '2027-05-10')).toThrow('either --quarter or --from/--to');
  });
});

describe('buildReview', () => {
  const q1 = { from: '2027-01-01', to: '2027-03-31', label: '2027-Q1' };

  it('selects what happened in the period, oldest first', () => {
    const d = data();
    const r = buildReview(d, d.members[0]!, q1, '2027-05-10');
    expect(r.praise.map((p) => p.id)).toEqual(['p2', 'p3']);
    expect(r.feedback.map((f) => f.id)).toEqual(['f1', 'f2']);
    // m2, from the quarter before and untouched in this one, is left out; m3 was finished in it.
    expect(r.goals.map((g) => g.goal.id)).toEqual(['m1', 'm3']);
    expect(r.delegations.map((x) => x.id)).toEqual(['d1']);
    expect(r.oneOnOnes).toEqual([{ meeting: d.oneOnOnes[0], actions: [d.actions[0]] }]);
    expect(r.otherActions.map((t) => t.id)).toEqual(['t2']);
    expect(r.notes.map((n) => n.id)).toEqual(['n2']);
    expect(r.months).toEqual([
      { month: '2027-01', praise: 1, feedback: 0, oneOnOnes: 1 },
      { month: '2027-02', praise: 0, feedback: 1, oneOnOnes: 0 },
      { month: '2027-03', praise: 1, feedback: 0, oneOnOnes: 0 },
    ]);
  });

  it('gives each goal its state at the end of the period, and only the check-ins within it', () => {
    const d = data();
    const past = buildReview(d, d.members[0]!, q1, '2027-05-10');
    expect(past.goals.map((g) => [g.goal.id, g.status, g.progress, g.checkIns.map((c) => c.note).join('')])).toEqual([
      ['m1', 'open', 50, 'ab'],
      ['m3', 'done', 100, ''],
    ]);
    // A period reaching today shows the progress of today.
    const now = buildReview(d, d.members[0]!, { from: '2027-04-01', to: '2027-05-10', label: '' }, '2027-05-10');
    expect(now.goals.map((g) => [g.goal.id, g.progress])).toEqual([['m1', 80], ['m4', 0]]);
    // Before m3 was done, it was open.
    const jan = buildReview(d, d.members[0]!, { from: '2026-12-01', to: '2027-01-15', label: '' }, '2027-05-10');
    expect(jan.goals.find((g) => g.goal.id === 'm3')).toMatchObject({ status: 'open', progress: 0 });
  });

  it('keeps the goals carried on from the period into a later quarter, marked with where they went', () => {
    const d = data();
    d.memberGoals.push(
      { id: 'm5', member: 'r1', title: 'carried once', quarter: '2027-Q2', carriedFrom: ['2027-Q1'], status: 'open', progress: 30, created: '2027-01-04', checkIns: [{ date: '2027-04-10', at: '', note: 'd', progress: 30 }] },
      { id: 'm6', member: 'r1', title: 'carried twice', quarter: '2027-Q3', carriedFrom: ['2027-Q1', '2027-Q2'], status: 'open', progress: 0, created: '2027-01-04', checkIns: [] },
    );
    const r = buildReview(d, d.members[0]!, q1, '2027-07-10');
    expect(r.goals.map((g) => [g.goal.id, g.quarter, g.carriedInto ?? null, g.status, g.progress])).toEqual([
      ['m1', '2027-Q1', null, 'open', 50],
      ['m3', '2026-Q4', null, 'done', 100],
      ['m5', '2027-Q1', '2027-Q2', 'open', 0],
      ['m6', '2027-Q1', '2027-Q2', 'open', 0],
    ]);
    const q2 = buildReview(d, d.members[0]!, { from: '2027-04-01', to: '2027-06-30', label: '2027-Q2' }, '2027-07-10');
    expect(q2.goals.filter((g) => g.goal.id >= 'm5').map((g) => [g.goal.id, g.quarter, g.carriedInto ?? null])).toEqual([
      ['m5', '2027-Q2', null],
      ['m6', '2027-Q2', '2027-Q3'],
    ]);
    // A range over both quarters: where each is at the end of it.
    const both = buildReview(d, d.members[0]!, { from: '2027-02-01', to: '2027-05-01', label: '' }, '2027-07-10');
    expect(both.goals.filter((g) => g.goal.id >= 'm5').map((g) => [g.goal.id, g.quarter, g.carriedInto ?? null])).toEqual([
      ['m5', '2027-Q2', null],
      ['m6', '2027-Q2', '2027-Q3'],
    ]);
  });

  it('counts every month of a period that spans quarters and years', () => {
    const d = data();
    const r = buildReview(d, d.members[0]!, { from: '2026-12-20', to: '2027-04-01', label: '' }, '2027-05-10');
    expect(r.months.map((m) => `${m.month}:${m.praise}`)).toEqual(['2026-12:1', '2027-01:1', '2027-02:0', '2027-03:1', '2027-04:1']);
    expect(r.notes.map((n) => n.id)).toEqual(['n1', 'n2']);
  });

  it('starts the months at the one the report joined, unless an entry is older still', () => {
    const d = data();
    const priya = { ...d.members[1]!, added: '2027-02-01' };
    const quarter = { from: '2027-01-01', to: '2027-03-31', label: '2027-Q1' };
    expect(buildReview(d, priya, quarter, '2027-04-10').months.map((m) => `${m.month}:${m.praise}`)).toEqual(['2027-02:1', '2027-03:0']);
    // Feedback imported from before the day they were added keeps its month.
    d.feedback.push({ id: 'f9', member: 'r2', text: 'older', date: '2027-01-20', at: '2027-01-20T10:00:00Z' });
    expect(buildReview(d, priya, quarter, '2027-04-10').months.map((m) => `${m.month}:${m.feedback}`)).toEqual(['2027-01:1', '2027-02:0', '2027-03:0']);
  });
});
