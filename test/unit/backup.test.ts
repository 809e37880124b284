import { describe, expect, it } from 'vitest';
import { isEmptyData, mergeData } from '../../src/core/backup.js';
import { dataOf, emptyRecords, type Goal, type Records } from '../../src/core/model.js';

const goal = (id: string, title: string, extra: Partial<Goal> = {}): Goal => ({
  id,
  title,
  template: 'culture',
  file: `/goals/${id}-x.md`,
  created: '2027-01-05',
  status: 'open',
  progress: 0,
  checkIns: [],
  ...extra,
});

function store(change: (r: Records) => void): Records {
  const r = emptyRecords();
  change(r);
  return r;
}

describe('mergeData', () => {
  it('adds what is new, matches reports by name, and renumbers an id this store already used', () => {
    const mine = store((r) => {
      r.members.push({ id: 'r1', name: 'Sam', added: '2027-01-02', notes: [{ id: 'n1', date: '2027-01-02', text: 'likes tea' }] });
      r.praise.push({ id: 'p1', member: 'r1', text: 'mine', date: '2027-01-03', at: '2027-01-03T10:00:00Z', public: false });
    });
    const theirs = store((r) => {
      r.members.push({ id: 'r1', name: 'Ana', added: '2027-01-01', notes: [] }, { id: 'r2', name: 'sam', added: '2026-12-01', notes: [{ id: 'n1', date: '2027-01-04', text: 'runs marathons' }] });
      r.praise.push({ id: 'p1', member: 'r1', text: 'for Ana', date: '2027-01-03', at: '2027-01-03T11:00:00Z', public: true });
      r.praise.push({ id: 'p2', member: 'r2', text: 'for Sam', date: '2027-01-04', at: '2027-01-04T11:00:00Z', public: false });
    });
    const counters = { r: 3, p: 1, n: 1 };
    const result = mergeData(mine, theirs, counters);
    expect(mine.members.map((m) => `${m.id} ${m.name}`)).toEqual(['r1 Sam', 'r4 Ana']);
    // Sam's notes are united, his day of joining moves back to the earlier one.
    expect(mine.members[0]!.notes.map((n) => `${n.id} ${n.text}`)).toEqual(['n1 likes tea', 'n2 runs marathons']);
    expect(mine.members[0]!.added).toBe('2026-12-01');
    // p1 is taken here: their p1 gets the next number, and both point at the right report.
    expect(mine.praise.map((p) => `${p.id} ${p.member} ${p.text}`)).toEqual(['p1 r1 mine', 'p2 r4 for Ana', 'p3 r1 for Sam']);
    expect(counters).toMatchObject({ r: 4, p: 3, n: 2 });
    expect(result.added).toEqual({ members: 1, praise: 2, notes: 1 });
  });

  it('finds a report renamed on either side by a name it had, the one with the same id first', () => {
    // Renamed in the backup (made after), not here: one report, and here learns the old name.
    const mine = store((r) => r.members.push({ id: 'r1', name: 'Sam', added: '2027-01-02', notes: [] }));
    const later = store((r) => {
      r.members.push({ id: 'r1', name: 'Sam Lee', added: '2027-01-02', notes: [], formerNames: ['Sam'] });
      r.praise.push({ id: 'p1', member: 'r1', text: 'demo', date: '2027-01-03', at: '2027-01-03T11:00:00Z', public: true });
    });
    const merged = mergeData(mine, later, { r: 1, p: 0 });
    // The backup renamed Sam since: its name is the newer one.
    expect(mine.members).toEqual([{ id: 'r1', name: 'Sam Lee', added: '2027-01-02', notes: [], formerNames: ['Sam'] }]);
    expect(merged.updated).toEqual({ members: 1 });
    expect(mine.praise.map((p) => p.member)).toEqual(['r1']);

    // Renamed here, and a new report since took the old name: the backup's r1 is still Sam Lee.
    const here = store((r) => r.members.push({ id: 'r1', name: 'Sam Lee', added: '2027-01-02', notes: [], formerNames: ['Sam'] }, { id: 'r2', name: 'Sam', added: '2027-02-01', notes: [] }));
    const before = store((r) => {
      r.members.push({ id: 'r1', name: 'Sam', added: '2027-01-02', notes: [] });
      r.praise.push({ id: 'p1', member: 'r1', text: 'led the incident', date: '2027-01-03', at: '2027-01-03T11:00:00Z', public: false });
    });
    mergeData(here, before, { r: 2, p: 0 });
    expect(here.members.map((m) => `${m.id} ${m.name}`)).toEqual(['r1 Sam Lee', 'r2 Sam']);
    expect(here.praise.map((p) => `${p.id} ${p.member}`)).toEqual(['p1 r1']);
  });

  it('matches reports by name as team add does: without case, accents or outer blanks', () => {
    const mine = store((r) => r.members.push({ id: 'r1', name: 'Zoe Park', added: '2027-01-02', notes: [] }, { id: 'r2', name: 'Soren Berg', added: '2027-01-02', notes: [] }));
    const theirs = store((r) => {
      r.members.push({ id: 'r1', name: 'Zoë Park', added: '2027-01-02', notes: [] }, { id: 'r2', name: ' søren berg', added: '2027-01-02', notes: [] });
      r.praise.push({ id: 'p1', member: 'r1', text: 'for Zoë', date: '2027-01-03', at: '2027-01-03T11:00:00Z', public: true });
    });
    const result = mergeData(mine, theirs, { r: 2, p: 0 });
    expect(mine.members.map((m) => `${m.id} ${m.name}`)).toEqual(['r1 Zoe Park', 'r2 Soren Berg']);
    expect(mine.praise.map((p) => `${p.id} ${p.member}`)).toEqual(['p1 r1']);
    expect(result.added).toEqual({ praise: 1 });
  });

  it("brings a 1:1 here up to date with the notes and feedback given at it since, and a book with its finish", () => {
    const base = (notes: string[], given: string[]) =>
      store((r) => {
        r.members.push({ id: 'r1', name: 'Sam', added: '2027-01-02', notes: [] });
        r.feedback.push({ id: 'f1', member: 'r1', text: 'more tests', date: '2027-01-03', at: '2027-01-03T09:00:00Z', ...(given.length ? { deliveredOn: '2027-01-04' } : {}) });
        r.oneOnOnes.push({ id: 'o1', member: 'r1', date: '2027-01-04', at: '2027-01-04T09:00:00Z', feedbackDelivered: given, notes });
      });
    const mine = base(['first'], []);
    mine.learning.push({ id: 'l1', type: 'book', title: 'Extreme Ownership', status: 'reading', added: '2027-01-02' });
    const theirs = base(['first', 'second, agreed a promo plan'], ['f1']);
    theirs.learning.push({ id: 'l1', type: 'book', title: 'Extreme Ownership', status: 'done', added: '2027-01-02', date: '2027-01-20' }, { id: 'l2', type: 'book', title: 'Radical Candor', status: 'reading', added: '2027-01-21' });
    const result = mergeData(mine, theirs, { r: 1, f: 1, o: 1, l: 1 });
    expect(mine.oneOnOnes).toEqual([{ id: 'o1', member: 'r1', date: '2027-01-04', at: '2027-01-04T09:00:00Z', feedbackDelivered: ['f1'], notes: ['first', 'second, agreed a promo plan'] }]);
    expect(mine.feedback[0]!.deliveredOn).toBe('2027-01-04');
    expect(mine.learning).toEqual([
      { id: 'l1', type: 'book', title: 'Extreme Ownership', status: 'done', added: '2027-01-02', date: '2027-01-20' },
      { id: 'l2', type: 'book', title: 'Radical Candor', status: 'reading', added: '2027-01-21' },
    ]);
    expect(result.added).toEqual({ learning: 1 });
    expect(result.updated).toEqual({ feedback: 1, oneOnOnes: 1, learning: 1 });
    // Merged again, nothing is new.
    expect(mergeData(mine, theirs, { r: 1, f: 1, o: 1, l: 2 })).toMatchObject({ added: {}, updated: {} });
  });

  it('adds nothing from a backup of the same data, and lets the side changed last decide progress', () => {
    const base = (progress: number, updatedAt: string) => store((r) => r.goals.push(goal('g1', 'Weekly praise', { progress, updatedAt, checkIns: [{ date: '2027-01-06', at: '2027-01-06T09:00:00Z', note: 'a' }] })));
    const mine = base(20, '2027-01-06T09:00:00Z');
    const older = base(10, '2027-01-05T09:00:00Z');
    expect(mergeData(mine, older, {})).toMatchObject({ added: {}, updated: {} });
    expect(mine.goals[0]!.progress).toBe(20);
    const newer = base(60, '2027-01-09T09:00:00Z');
    newer.goals[0]!.checkIns.push({ date: '2027-01-09', at: '2027-01-09T09:00:00Z', note: 'b', progress: 60 });
    expect(mergeData(mine, newer, {}).updated).toEqual({ goals: 1 });
    expect(mine.goals[0]).toMatchObject({ progress: 60, updatedAt: '2027-01-09T09:00:00Z' });
    expect(mine.goals[0]!.checkIns.map((c) => c.note)).toEqual(['a', 'b']);
  });

  it("takes a goal's new due day and own targets from the side changed last, and keeps them against an older one", () => {
    const base = (updatedAt: string, extra: Partial<Goal>) => store((r) => r.goals.push(goal('g1', 'Read two books', { updatedAt, ...extra })));
    const mine = base('2027-01-06T09:00:00Z', { due: '2027-03-31' });
    expect(mergeData(mine, base('2027-01-09T09:00:00Z', { due: '2027-06-30', targets: { 'books-finished': 2 } }), {}).updated).toEqual({ goals: 1 });
    expect(mine.goals[0]).toMatchObject({ due: '2027-06-30', targets: { 'books-finished': 2 }, updatedAt: '2027-01-09T09:00:00Z' });
    expect(mergeData(mine, base('2027-01-07T09:00:00Z', { due: '2027-03-31' }), {}).updated).toEqual({});
    expect(mine.goals[0]).toMatchObject({ due: '2027-06-30', targets: { 'books-finished': 2 } });
    // Put back to the template's later on the other side: the targets go.
    mergeData(mine, base('2027-01-10T09:00:00Z', { due: '2027-06-30' }), {});
    expect(mine.goals[0]!.targets).toBeUndefined();
  });

  it('renames the file of a goal whose id changed', () => {
    const mine = store((r) => r.goals.push(goal('g1', 'Mine')));
    const theirs = store((r) => r.goals.push(goal('g1', 'Theirs')));
    const result = mergeData(mine, theirs, { g: 1 });
    expect(mine.goals.map((g) => `${g.id} ${g.file}`)).toEqual(['g1 /goals/g1-x.md', 'g2 /goals/g2-x.md']);
    expect(result.goalFileNames).toEqual(new Map([['/goals/g1-x.md', '/goals/g2-x.md']]));
  });

  it('keeps learning entries, 1:1s and innovation weeks once, with ids of this store', () => {
    const entries = (r: Records) => {
      r.learning.push({ id: 'l1', type: 'hours', date: '2027-01-05', hours: 1, what: 'podcast' }, { id: 'l2', type: 'book', title: 'Think Again' });
      r.oneOnOnes.push({ id: 'o1', member: 'r1', date: '2027-01-05', at: '2027-01-05T10:00:00Z', feedbackDelivered: [] });
      r.innovationWeeks.push({ id: 'i1', quarter: '2027-Q1', start: '2027-03-01', end: '2027-03-05', demo: '2027-03-05', planned: '2027-01-05' });
      r.members.push({ id: 'r1', name: 'Sam', added: '2027-01-01', notes: [] });
    };
    const mine = store(entries);
    const theirs = store(entries);
    theirs.learning.push({ id: 'l3', type: 'tip', date: '2027-01-06', tip: 'ask first' });
    mergeData(mine, theirs, { l: 5 });
    expect(mine.learning.map((e) => e.id)).toEqual(['l1', 'l2', 'l6']);
    expect(mine.oneOnOnes).toHaveLength(1);
    expect(mine.innovationWeeks).toHaveLength(1);
  });

  it('says which added entries got another id than the backup\'s, notes and goal files included, and no entry it matched', () => {
    const mine = store((r) => {
      r.members.push({ id: 'r1', name: 'Sam', added: '2027-01-02', notes: [{ id: 'n1', date: '2027-01-02', text: 'likes tea' }] });
      r.praise.push({ id: 'p1', member: 'r1', text: 'mine', date: '2027-01-03', at: '2027-01-03T10:00:00Z', public: false });
      r.goals.push(goal('g1', 'Mine'));
    });
    const theirs = store((r) => {
      r.members.push({ id: 'r1', name: 'Ana', added: '2027-01-01', notes: [] }, { id: 'r2', name: 'sam', added: '2026-12-01', notes: [{ id: 'n1', date: '2027-01-04', text: 'runs marathons' }] });
      // The same entry as mine under another id: matched, not renumbered.
      r.praise.push({ id: 'p7', member: 'r2', text: 'mine', date: '2027-01-03', at: '2027-01-03T10:00:00Z', public: false });
      r.praise.push({ id: 'p1', member: 'r1', text: 'for Ana', date: '2027-01-03', at: '2027-01-03T11:00:00Z', public: true });
      r.goals.push(goal('g1', 'Theirs'), goal('g9', 'Kept'));
    });
    const result = mergeData(mine, theirs, { r: 3, p: 1, n: 1, g: 1 });
    expect(result.renumbered).toEqual([
      { kind: 'members', from: 'r1', to: 'r4' },
      { kind: 'notes', from: 'n1', to: 'n2' },
      { kind: 'goals', from: 'g1', to: 'g2', file: { from: '/goals/g1-x.md', to: '/goals/g2-x.md' } },
      { kind: 'praise', from: 'p1', to: 'p2' },
    ]);
    expect(mergeData(mine, theirs, { r: 4, p: 2, n: 2, g: 9 }).renumbered).toEqual([]);
  });
});

describe('isEmptyData', () => {
  it('is true for a fresh store only', () => {
    expect(isEmptyData(dataOf(emptyRecords()))).toBe(true);
    expect(isEmptyData(dataOf(store((r) => r.learning.push({ id: 'l1', type: 'book', title: 'Mindset' }))))).toBe(false);
    expect(isEmptyData(dataOf(store((r) => r.praise.push({ id: 'p1', member: 'r9', text: 't', date: '2027-01-01', at: 'x', public: false }))))).toBe(false);
  });
});
