import { describe, expect, it } from 'vitest';
import { mergeThreeWay, renamedGoalFile, WHOLE_ENTRY, type ThreeWayResult } from '../../src/core/sync-merge.js';
import { emptyRecords, type Goal, type Member, type Praise, type Records } from '../../src/core/model.js';
import { emptySteps } from '../../src/core/team.js';

/**
 * Two machines that shared a data folder (the ancestor, `base`) and each went on alone. Each test
 * makes the two sides from the same ancestor, as two laptops would.
 */

const COUNTERS = { a: 1, r: 2, n: 1, g: 1, p: 2, f: 1, o: 1, t: 1, m: 1, d: 1, l: 1, i: 1 };

function ancestor(): Records {
  const r = emptyRecords();
  r.members.push(
    { id: 'r1', name: 'Sam Lee', added: '2027-01-04', notes: [{ id: 'n1', date: '2027-01-04', text: 'Prefers written feedback' }] },
    { id: 'r2', name: 'Ana Ruiz', added: '2027-01-04', notes: [] },
  );
  r.goals.push({
    id: 'g1',
    title: 'Praise every report weekly',
    template: 'culture',
    file: 'g1-praise-every-report-weekly.md',
    created: '2027-01-05',
    due: '2027-03-31',
    status: 'open',
    progress: 20,
    checkIns: [{ date: '2027-01-12', at: '2027-01-12T09:00:00.000Z', note: 'Two of five', progress: 20 }],
    updatedAt: '2027-01-12T09:00:00.000Z',
  });
  r.praise.push(
    { id: 'p1', member: 'r1', text: 'Great demo of the billing flow', date: '2027-01-06', at: '2027-01-06T15:00:00.000Z', public: true },
    { id: 'p2', member: 'r2', text: 'Calm incident handling', date: '2027-01-07', at: '2027-01-07T10:00:00.000Z', public: false },
  );
  r.feedback.push({ id: 'f1', member: 'r2', text: 'Interrupts in standup', date: '2027-01-07', at: '2027-01-07T11:00:00.000Z' });
  r.oneOnOnes.push({ id: 'o1', member: 'r2', date: '2027-01-08', at: '2027-01-08T14:00:00.000Z', feedbackDelivered: [], notes: ['Wants to grow into tech lead'] });
  r.actions.push({ id: 't1', member: 'r2', oneOnOne: 'o1', text: 'Share the RFC template', owner: 'me', created: '2027-01-08', at: '2027-01-08T14:30:00.000Z', status: 'open' });
  r.memberGoals.push({ id: 'm1', member: 'r1', title: 'Lead a design review', quarter: '2027-Q1', status: 'open', progress: 0, created: '2027-01-05', checkIns: [] });
  r.delegations.push({ id: 'd1', item: 'Release train', member: 'r1', created: '2027-01-05', status: 'open', steps: emptySteps() });
  r.learning.push({ id: 'l1', type: 'hours', date: '2027-01-09', hours: 1, what: 'Podcast on 1:1s' });
  r.innovationWeeks.push({ id: 'i1', quarter: '2027-Q1', start: '2027-03-22', end: '2027-03-26', demo: '2027-03-26', planned: '2027-01-05' });
  r.assessments.push({ id: 'a1', date: '2027-01-04', at: '2027-01-04T08:00:00.000Z', tooEasy: false, answers: { autonomy: 3, lives: 4, connection: 3, safety: 4, challenge: 2 }, score: 16, verdict: 'developing' });
  return r;
}

/** One machine's copy of the ancestor after the changes it made alone. */
function side(change: (r: Records) => void, from: Records = ancestor()): Records {
  const r = structuredClone(from);
  change(r);
  return r;
}

const member = (r: Records, id: string) => r.members.find((m) => m.id === id)!;
const goal = (r: Records, id: string) => r.goals.find((g) => g.id === id)!;
const praise = (id: string, memberId: string, text: string, at: string): Praise => ({ id, member: memberId, text, date: at.slice(0, 10), at, public: false });
const newMember = (id: string, name: string, added = '2027-02-01'): Member => ({ id, name, added, notes: [] });
const ids = (list: { id: string }[]) => list.map((e) => e.id);

/** The result with every id replaced by what identifies its entry: equal for the same data under other ids. */
function byIdentity(records: Records): unknown {
  const name = new Map(records.members.map((m) => [m.id, m.name]));
  const feedback = new Map(records.feedback.map((f) => [f.id, f.text]));
  const meeting = new Map(records.oneOnOnes.map((o) => [o.id, o.at]));
  const who = <T extends { id: string; member: string }>(e: T) => {
    const { id: _id, ...rest } = e;
    return { ...rest, member: name.get(e.member) };
  };
  const sorted = (list: unknown[]) => list.map((x) => JSON.stringify(x)).sort();
  return {
    members: sorted(records.members.map(({ id: _id, notes, ...m }) => ({ ...m, notes: notes.map((n) => n.text) }))),
    goals: sorted(records.goals.map(({ id: _id, file, ...g }) => ({ ...g, file: file.replace(/^g\d+-/, '') }))),
    praise: sorted(records.praise.map(who)),
    feedback: sorted(records.feedback.map(who)),
    oneOnOnes: sorted(records.oneOnOnes.map((o) => ({ ...who(o), feedbackDelivered: o.feedbackDelivered.map((f) => feedback.get(f)) }))),
    actions: sorted(records.actions.map((a) => ({ ...who(a), oneOnOne: a.oneOnOne && meeting.get(a.oneOnOne) }))),
    memberGoals: sorted(records.memberGoals.map(who)),
    delegations: sorted(records.delegations.map(who)),
  };
}

function merge(base: Records, ours: Records, theirs: Records, counters: Record<string, number> = COUNTERS): ThreeWayResult {
  return mergeThreeWay(base, ours, theirs, counters);
}

describe('mergeThreeWay: entries added and removed', () => {
  it('keeps praise both sides added for the same report, renumbering theirs when the id is taken', () => {
    const ours = side((r) => r.praise.push(praise('p3', 'r1', 'Unblocked the mobile team', '2027-02-01T10:00:00.000Z')));
    const theirs = side((r) => r.praise.push(praise('p3', 'r1', 'Clear RFC on retries', '2027-02-02T16:00:00.000Z')));
    const { merged, renumbered, conflicts, counters } = merge(ancestor(), ours, theirs);
    expect(merged.praise.map((p) => `${p.id} ${p.member} ${p.text}`)).toEqual([
      'p1 r1 Great demo of the billing flow',
      'p2 r2 Calm incident handling',
      'p3 r1 Unblocked the mobile team',
      'p4 r1 Clear RFC on retries',
    ]);
    expect(renumbered).toEqual([{ kind: 'praise', from: 'p3', to: 'p4', reason: 'taken' }]);
    expect(conflicts).toEqual([]);
    expect(counters.p).toBe(4);
  });

  it('makes one report of a name both sides added, spelt with and without its accent', () => {
    const ours = side((r) => {
      r.members.push({ id: 'r3', name: 'Zoe Park', added: '2027-02-01', notes: [] });
      r.praise.push(praise('p3', 'r3', 'Ran the retro', '2027-02-02T10:00:00.000Z'));
    });
    const theirs = side((r) => {
      r.members.push({ id: 'r3', name: 'Zoë Park', added: '2027-02-01', notes: [] });
      r.praise.push(praise('p3', 'r3', 'Fixed the flaky test', '2027-02-03T10:00:00.000Z'));
    });
    const { merged } = merge(ancestor(), ours, theirs);
    expect(merged.members.map((m) => m.id)).toEqual(['r1', 'r2', 'r3']);
    expect(['Zoe Park', 'Zoë Park']).toContain(merged.members[2]!.name);
    expect(merged.praise.filter((p) => p.member === 'r3').map((p) => p.text)).toEqual(['Ran the retro', 'Fixed the flaky test']);
  });

  it('keeps ids that do not collide and leaves the rest of both sides as it was', () => {
    const ours = side((r) => r.praise.push(praise('p3', 'r1', 'Unblocked the mobile team', '2027-02-01T10:00:00.000Z')));
    // Theirs had handed out p3 and p4 (p3 since removed): its p4 keeps its number.
    const theirs = side((r) => r.praise.push(praise('p4', 'r2', 'Mentored the new hire', '2027-02-03T09:00:00.000Z')));
    const { merged, renumbered } = merge(ancestor(), ours, theirs, { ...COUNTERS, p: 4 });
    expect(ids(merged.praise)).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(renumbered).toEqual([]);
    const { praise: _praise, ...rest } = merged;
    const { praise: _p, ...before } = ancestor();
    expect(rest).toEqual(before);
  });

  it('keeps an entry removed on one side and untouched on the other removed', () => {
    const ours = side((r) => (r.praise = r.praise.filter((p) => p.id !== 'p2')));
    const theirs = side((r) => r.praise.push(praise('p3', 'r1', 'Unblocked the mobile team', '2027-02-01T10:00:00.000Z')));
    expect(ids(merge(ancestor(), ours, theirs).merged.praise)).toEqual(['p1', 'p3']);
    // The same from the other side: nothing comes back.
    expect(ids(merge(ancestor(), theirs, ours).merged.praise)).toEqual(['p1', 'p3']);
  });

  /** One side after `team remove r2 --purge`: r2 and everything about them gone. */
  const purgedR2 = () =>
    side((r) => {
      r.members = r.members.filter((m) => m.id !== 'r2');
      r.praise = r.praise.filter((p) => p.member !== 'r2');
      r.feedback = r.feedback.filter((f) => f.member !== 'r2');
      r.oneOnOnes = r.oneOnOnes.filter((o) => o.member !== 'r2');
      r.actions = r.actions.filter((a) => a.member !== 'r2');
    });

  it('keeps a report purged on one side removed, with everything about them, when the other side did not touch them', () => {
    const purged = purgedR2();
    const other = side((r) => r.praise.push(praise('p3', 'r1', 'Unblocked the mobile team', '2027-02-01T10:00:00.000Z')));
    for (const [ours, theirs] of [[purged, other], [other, purged]] as const) {
      const { merged, conflicts } = merge(ancestor(), ours, theirs);
      expect(ids(merged.members)).toEqual(['r1']);
      expect(merged.praise.map((p) => p.member)).toEqual(['r1', 'r1']);
      expect([merged.feedback, merged.oneOnOnes, merged.actions]).toEqual([[], [], []]);
      expect(conflicts).toEqual([]);
    }
  });

  it('keeps a report purged on one side when the other side praised them meanwhile, with that praise only, and says so', () => {
    const purged = purgedR2();
    const praised = side((r) => {
      r.praise.push(praise('p3', 'r2', 'Led the postmortem', '2027-02-01T10:00:00.000Z'));
      member(r, 'r2').notes.push({ id: 'n2', date: '2027-02-01', text: 'Moving to Lisbon in May' });
    });
    for (const [ours, theirs] of [[purged, praised], [praised, purged]] as const) {
      const { merged, conflicts } = merge(ancestor(), ours, theirs);
      expect(merged.members.map((m) => `${m.name}: ${m.notes.map((n) => n.text).join(', ')}`)).toEqual(['Sam Lee: Prefers written feedback', 'Ana Ruiz: Moving to Lisbon in May']);
      // The praise written after the purge is kept; what the purge removed and no one touched is not.
      expect(merged.praise.map((p) => `${p.id} ${p.member}`)).toEqual(['p1 r1', 'p3 r2']);
      expect([merged.feedback, merged.oneOnOnes, merged.actions]).toEqual([[], [], []]);
      expect(conflicts).toEqual([{ kind: 'members', id: 'r2', field: WHOLE_ENTRY, kept: { id: 'r2', name: 'Ana Ruiz', added: '2027-01-04' }, dropped: null, reason: 'removed but referenced' }]);
    }
  });

  it('keeps a report taken off the team (history kept) off it, with praise the other side added', () => {
    const removed = side((r) => (member(r, 'r2').removed = '2027-02-01'));
    const praised = side((r) => r.praise.push(praise('p3', 'r2', 'Led the postmortem', '2027-01-31T10:00:00.000Z')));
    const { merged, conflicts } = merge(ancestor(), removed, praised);
    expect(member(merged, 'r2').removed).toBe('2027-02-01');
    expect(ids(merged.praise)).toEqual(['p1', 'p2', 'p3']);
    expect(conflicts).toEqual([]);
  });

  it('keeps an entry removed on one side and changed on the other, with the change, and reports it', () => {
    const removed = side((r) => (r.feedback = []));
    const delivered = side((r) => {
      r.feedback[0]!.deliveredOn = '2027-02-02';
      r.oneOnOnes.push({ id: 'o2', member: 'r2', date: '2027-02-02', at: '2027-02-02T14:00:00.000Z', feedbackDelivered: ['f1'] });
    });
    for (const [ours, theirs] of [[removed, delivered], [delivered, removed]] as const) {
      const { merged, conflicts } = merge(ancestor(), ours, theirs);
      expect(merged.feedback).toEqual([{ ...ancestor().feedback[0], deliveredOn: '2027-02-02' }]);
      expect(conflicts).toEqual([{ kind: 'feedback', id: 'f1', field: WHOLE_ENTRY, kept: merged.feedback[0], dropped: null, reason: 'removed and changed' }]);
    }
  });

  it("keeps an action item added to a 1:1 the other side removed, without the link, as mtl rm of the 1:1 would", () => {
    const removed = side((r) => {
      r.oneOnOnes = [];
      delete r.actions[0]!.oneOnOne;
    });
    const added = side((r) => r.actions.push({ id: 't2', member: 'r2', oneOnOne: 'o1', text: 'Pair on the retry RFC', owner: 'them', created: '2027-02-01', at: '2027-02-01T09:00:00.000Z', status: 'open' }));
    const { merged, conflicts } = merge(ancestor(), removed, added);
    expect(merged.oneOnOnes).toEqual([]);
    expect(merged.actions.map((a) => `${a.id} ${a.oneOnOne ?? '-'}`)).toEqual(['t1 -', 't2 -']);
    expect(conflicts).toEqual([{ kind: 'actions', id: 't2', field: 'oneOnOne', kept: undefined, dropped: 'o1', reason: 'link to removed' }]);
  });
});

describe('mergeThreeWay: entries changed on both sides', () => {
  it("joins a goal's due changed on one side and its title on the other", () => {
    const ours = side((r) => Object.assign(goal(r, 'g1'), { due: '2027-04-15', updatedAt: '2027-02-01T10:00:00.000Z' }));
    const theirs = side((r) => Object.assign(goal(r, 'g1'), { title: 'Praise each report every week', updatedAt: '2027-02-03T10:00:00.000Z' }));
    const { merged, conflicts } = merge(ancestor(), ours, theirs);
    expect(goal(merged, 'g1')).toMatchObject({ title: 'Praise each report every week', due: '2027-04-15', updatedAt: '2027-02-03T10:00:00.000Z', progress: 20 });
    expect(conflicts).toEqual([]);
  });

  it('keeps the later change of a field changed on both sides and reports the other', () => {
    const ours = side((r) => Object.assign(goal(r, 'g1'), { title: 'Praise weekly, in public', updatedAt: '2027-02-05T10:00:00.000Z' }));
    const theirs = side((r) => Object.assign(goal(r, 'g1'), { title: 'Praise each report every week', updatedAt: '2027-02-03T10:00:00.000Z' }));
    for (const [o, t] of [[ours, theirs], [theirs, ours]] as const) {
      const { merged, conflicts } = merge(ancestor(), o, t);
      expect(goal(merged, 'g1')).toMatchObject({ title: 'Praise weekly, in public', updatedAt: '2027-02-05T10:00:00.000Z' });
      expect(conflicts).toEqual([{ kind: 'goals', id: 'g1', field: 'title', kept: 'Praise weekly, in public', dropped: 'Praise each report every week', reason: 'both changed' }]);
    }
  });

  it('unites check-ins and takes status and progress together from the side changed last', () => {
    const checkIn = (at: string, progress: number) => ({ date: at.slice(0, 10), at, note: `at ${progress}`, progress });
    const ours = side((r) => {
      const g = goal(r, 'g1');
      g.checkIns.push(checkIn('2027-02-01T09:00:00.000Z', 40));
      Object.assign(g, { progress: 40, updatedAt: '2027-02-01T09:00:00.000Z' });
    });
    const theirs = side((r) => {
      const g = goal(r, 'g1');
      g.checkIns.push(checkIn('2027-02-04T09:00:00.000Z', 100));
      Object.assign(g, { progress: 100, status: 'done', doneOn: '2027-02-04', updatedAt: '2027-02-04T09:00:00.000Z' });
    });
    const { merged, conflicts } = merge(ancestor(), ours, theirs);
    const g = goal(merged, 'g1');
    expect(g.checkIns.map((c) => c.progress)).toEqual([20, 40, 100]);
    expect(g).toMatchObject({ status: 'done', progress: 100, doneOn: '2027-02-04', updatedAt: '2027-02-04T09:00:00.000Z' });
    expect(conflicts).toEqual([{ kind: 'goals', id: 'g1', field: 'progress', kept: 100, dropped: 40, reason: 'both changed' }]);
  });

  it('decides a field without a change time the same way whichever side is ours, and reports it', () => {
    const ours = side((r) => (r.praise[0]!.text = 'Great demo of the billing flow to sales'));
    const theirs = side((r) => (r.praise[0]!.text = 'Great billing demo'));
    const one = merge(ancestor(), ours, theirs);
    const other = merge(ancestor(), theirs, ours);
    expect(one.merged).toEqual(other.merged);
    expect(one.conflicts).toEqual(other.conflicts);
    expect(one.conflicts).toHaveLength(1);
    expect(one.conflicts[0]).toMatchObject({ kind: 'praise', id: 'p1', field: 'text', reason: 'both changed' });
    expect([one.conflicts[0]!.kept, one.conflicts[0]!.dropped].sort()).toEqual(['Great billing demo', 'Great demo of the billing flow to sales']);
  });

  it('joins fields of other kinds: a move on one side, public on the other; notes and deliveries of a 1:1; steps', () => {
    const ours = side((r) => {
      r.praise[0]!.public = false;
      r.oneOnOnes[0]!.notes!.push('Asked for a stretch project');
      r.delegations[0]!.steps.context = '2027-02-01';
      member(r, 'r1').cadence = 7;
    });
    const theirs = side((r) => {
      r.praise[0]!.member = 'r2';
      r.oneOnOnes[0]!.notes!.push('Worried about on-call load');
      r.oneOnOnes[0]!.feedbackDelivered.push('f1');
      r.feedback[0]!.deliveredOn = '2027-01-08';
      r.delegations[0]!.steps.resources = '2027-02-02';
      member(r, 'r1').notes.push({ id: 'n2', date: '2027-02-02', text: 'Training for a marathon' });
    });
    for (const [o, t] of [[ours, theirs], [theirs, ours]] as const) {
      const { merged, conflicts } = merge(ancestor(), o, t);
      expect(merged.praise[0]).toMatchObject({ member: 'r2', public: false });
      expect(merged.oneOnOnes[0]!.feedbackDelivered).toEqual(['f1']);
      // Both additions after the line they follow; their order does not depend on which side is ours.
      expect(merged.oneOnOnes[0]!.notes).toEqual(['Wants to grow into tech lead', 'Asked for a stretch project', 'Worried about on-call load']);
      expect(merged.delegations[0]!.steps).toMatchObject({ context: '2027-02-01', resources: '2027-02-02' });
      expect(member(merged, 'r1')).toMatchObject({ cadence: 7, notes: [{ id: 'n1' }, { id: 'n2', text: 'Training for a marathon' }] });
      expect(conflicts).toEqual([]);
    }
  });

  it('keeps the first of facts that happen once: the earlier delivery, the earlier tick of a step', () => {
    const ours = side((r) => {
      r.feedback[0]!.deliveredOn = '2027-02-03';
      r.delegations[0]!.steps.context = '2027-02-03';
    });
    const theirs = side((r) => {
      r.feedback[0]!.deliveredOn = '2027-02-01';
      r.delegations[0]!.steps.context = '2027-02-01';
    });
    const { merged, conflicts } = merge(ancestor(), ours, theirs);
    expect(merged.feedback[0]!.deliveredOn).toBe('2027-02-01');
    expect(merged.delegations[0]!.steps.context).toBe('2027-02-01');
    expect(conflicts).toEqual([
      { kind: 'feedback', id: 'f1', field: 'deliveredOn', kept: '2027-02-01', dropped: '2027-02-03', reason: 'both changed' },
      { kind: 'delegations', id: 'd1', field: 'steps.context', kept: '2027-02-01', dropped: '2027-02-03', reason: 'both changed' },
    ]);
  });

  it('takes status and its day together: an item done on both sides keeps the first day, and a due set on the other', () => {
    const ours = side((r) => Object.assign(r.actions[0]!, { status: 'done', doneOn: '2027-02-03' }));
    const theirs = side((r) => Object.assign(r.actions[0]!, { status: 'done', doneOn: '2027-02-01', due: '2027-02-10' }));
    for (const [o, t] of [[ours, theirs], [theirs, ours]] as const) {
      const { merged, conflicts } = merge(ancestor(), o, t);
      expect(merged.actions[0]).toMatchObject({ status: 'done', doneOn: '2027-02-01', due: '2027-02-10' });
      expect(conflicts).toEqual([{ kind: 'actions', id: 't1', field: 'doneOn', kept: '2027-02-01', dropped: '2027-02-03', reason: 'both changed' }]);
    }
  });

  it('keeps a check-in removed on one side (mtl undo) removed while uniting those added', () => {
    const undone = side((r) => (goal(r, 'g1').checkIns = []));
    const added = side((r) => goal(r, 'g1').checkIns.push({ date: '2027-02-01', at: '2027-02-01T09:00:00.000Z', note: 'Three of five', progress: 60 }));
    expect(goal(merge(ancestor(), undone, added).merged, 'g1').checkIns.map((c) => c.note)).toEqual(['Three of five']);
    expect(goal(merge(ancestor(), added, undone).merged, 'g1').checkIns.map((c) => c.note)).toEqual(['Three of five']);
  });
});

describe('mergeThreeWay: ids made on both machines', () => {
  /** Both sides hired an r3 (different people), praised them, and built on it. */
  function hired(): { ours: Records; theirs: Records } {
    const ours = side((r) => {
      r.members.push({ ...newMember('r3', 'Kim Park'), notes: [{ id: 'n2', date: '2027-02-01', text: 'Moved from the data team' }] });
      r.praise.push(praise('p3', 'r3', 'Fast onboarding', '2027-02-03T10:00:00.000Z'));
      r.goals.push({ id: 'g2', title: 'Run a team retro monthly', template: 'culture', file: 'g2-run-a-team-retro-monthly.md', created: '2027-02-01', status: 'open', progress: 0, checkIns: [] });
    });
    const theirs = side((r) => {
      r.members.push({ ...newMember('r3', 'Lee Chen'), notes: [{ id: 'n2', date: '2027-02-02', text: 'Prefers mornings' }] });
      r.praise.push(praise('p3', 'r3', 'Found the memory leak', '2027-02-04T10:00:00.000Z'));
      r.feedback.push({ id: 'f2', member: 'r3', text: 'Missed the review deadline', date: '2027-02-04', at: '2027-02-04T11:00:00.000Z', deliveredOn: '2027-02-05' });
      r.oneOnOnes.push({ id: 'o2', member: 'r3', date: '2027-02-05', at: '2027-02-05T09:00:00.000Z', feedbackDelivered: ['f2'] });
      r.actions.push({ id: 't2', member: 'r3', oneOnOne: 'o2', text: 'Book a pairing session', owner: 'me', created: '2027-02-05', at: '2027-02-05T09:30:00.000Z', status: 'open' });
      r.memberGoals.push({ id: 'm2', member: 'r3', title: 'Own the cache layer', quarter: '2027-Q1', status: 'open', progress: 0, created: '2027-02-05', checkIns: [] });
      r.delegations.push({ id: 'd2', item: 'On-call rota', member: 'r3', created: '2027-02-05', status: 'open', steps: emptySteps() });
      r.goals.push({ id: 'g2', title: 'Write a team charter', template: 'culture', file: 'g2-write-a-team-charter.md', created: '2027-02-02', status: 'open', progress: 0, checkIns: [] });
    });
    // Ours also made a feedback note and a 1:1 with the same numbers, for someone else.
    ours.feedback.push({ id: 'f2', member: 'r1', text: 'Long PRs', date: '2027-02-03', at: '2027-02-03T11:00:00.000Z' });
    ours.oneOnOnes.push({ id: 'o2', member: 'r1', date: '2027-02-03', at: '2027-02-03T09:00:00.000Z', feedbackDelivered: [] });
    return { ours, theirs };
  }

  it('renumbers theirs and rewrites every reference to what it renumbered', () => {
    const { ours, theirs } = hired();
    const { merged, renumbered, counters, conflicts } = merge(ancestor(), ours, theirs);
    expect(merged.members.map((m) => `${m.id} ${m.name} ${m.notes.map((n) => `${n.id}:${n.text}`).join(',')}`)).toEqual([
      'r1 Sam Lee n1:Prefers written feedback',
      'r2 Ana Ruiz ',
      'r3 Kim Park n2:Moved from the data team',
      'r4 Lee Chen n3:Prefers mornings',
    ]);
    expect(merged.praise.slice(2).map((p) => `${p.id} ${p.member} ${p.text}`)).toEqual(['p3 r3 Fast onboarding', 'p4 r4 Found the memory leak']);
    expect(merged.feedback.map((f) => `${f.id} ${f.member}`)).toEqual(['f1 r2', 'f2 r1', 'f3 r4']);
    expect(merged.oneOnOnes.map((o) => `${o.id} ${o.member} ${o.feedbackDelivered.join(',')}`)).toEqual(['o1 r2 ', 'o2 r1 ', 'o3 r4 f3']);
    expect(merged.actions.map((a) => `${a.id} ${a.member} ${a.oneOnOne}`)).toEqual(['t1 r2 o1', 't2 r4 o3']);
    expect(merged.memberGoals.map((g) => `${g.id} ${g.member}`)).toEqual(['m1 r1', 'm2 r4']);
    expect(merged.delegations.map((d) => `${d.id} ${d.member}`)).toEqual(['d1 r1', 'd2 r4']);
    expect(merged.goals.map((g) => `${g.id} ${g.file}`)).toEqual(['g1 g1-praise-every-report-weekly.md', 'g2 g2-run-a-team-retro-monthly.md', 'g3 g3-write-a-team-charter.md']);
    expect(renumbered).toEqual([
      { kind: 'goals', from: 'g2', to: 'g3', reason: 'taken', file: { from: 'g2-write-a-team-charter.md', to: 'g3-write-a-team-charter.md' } },
      { kind: 'members', from: 'r3', to: 'r4', reason: 'taken' },
      { kind: 'notes', from: 'n2', to: 'n3', reason: 'taken' },
      { kind: 'praise', from: 'p3', to: 'p4', reason: 'taken' },
      { kind: 'feedback', from: 'f2', to: 'f3', reason: 'taken' },
      { kind: 'oneOnOnes', from: 'o2', to: 'o3', reason: 'taken' },
    ]);
    expect(counters).toEqual({ ...COUNTERS, r: 4, n: 3, f: 3, o: 3, g: 3, p: 4, t: 2, m: 2, d: 2 });
    expect(conflicts).toEqual([]);
  });

  it('holds the same data whichever side is ours; only which side is renumbered differs', () => {
    const { ours, theirs } = hired();
    const one = merge(ancestor(), ours, theirs);
    const other = merge(ancestor(), theirs, ours);
    expect(byIdentity(one.merged)).toEqual(byIdentity(other.merged));
    expect(one.counters).toEqual(other.counters);
    expect(other.renumbered.map((r) => `${r.kind} ${r.from}`)).toEqual(one.renumbered.map((r) => `${r.kind} ${r.from}`));
    // The other order keeps Lee Chen as r3 and renumbers Kim Park.
    expect(other.merged.members.slice(2).map((m) => `${m.id} ${m.name}`)).toEqual(['r3 Lee Chen', 'r4 Kim Park']);
    expect(goal(other.merged, 'g3').file).toBe('g3-run-a-team-retro-monthly.md');
  });

  it('renumbers above both counters and every id in use, so an id handed out on either machine is never reused', () => {
    const { ours, theirs } = hired();
    const { merged, counters } = merge(ancestor(), ours, theirs, { ...COUNTERS, r: 9, p: 2 });
    expect(member(merged, 'r10').name).toBe('Lee Chen');
    expect(counters).toMatchObject({ r: 10, p: 4 });
    // Nothing given is changed.
    expect(ours).toEqual(hired().ours);
    expect(theirs).toEqual(hired().theirs);
  });

  it('keeps an entry made on both sides once, under ours\' id, with references to theirs\' id rewritten', () => {
    const sam = praise('p3', 'r1', 'Shipped the export', '2027-02-01T10:00:00.000Z');
    const ours = side((r) => {
      r.members.push(newMember('r3', 'Kim Park'));
      r.praise.push(sam);
      r.feedback.push({ id: 'f2', member: 'r3', text: 'Skipped tests', date: '2027-02-02', at: '2027-02-02T10:00:00.000Z' });
    });
    // Theirs got the same entries from the same backup (mtl import --merge), under other numbers.
    const theirs = side((r) => {
      r.praise.push(praise('p3', 'r2', 'Helped support', '2027-02-01T12:00:00.000Z'), { ...sam, id: 'p4' });
      r.members.push(newMember('r4', 'Kim Park'));
      r.feedback.push({ id: 'f4', member: 'r4', text: 'Skipped tests', date: '2027-02-02', at: '2027-02-02T10:00:00.000Z', deliveredOn: '2027-02-03' });
      r.oneOnOnes.push({ id: 'o2', member: 'r4', date: '2027-02-03', at: '2027-02-03T09:00:00.000Z', feedbackDelivered: ['f4'] });
    }, ancestor());
    const { merged, renumbered, conflicts, counters } = merge(ancestor(), ours, theirs, { ...COUNTERS, r: 4, p: 4, f: 4 });
    expect(merged.members.map((m) => `${m.id} ${m.name}`)).toEqual(['r1 Sam Lee', 'r2 Ana Ruiz', 'r3 Kim Park']);
    expect(merged.praise.map((p) => `${p.id} ${p.text}`)).toEqual(['p1 Great demo of the billing flow', 'p2 Calm incident handling', 'p3 Shipped the export', 'p5 Helped support']);
    // Joined: the delivery made on their side is kept on the one entry.
    expect(merged.feedback.slice(1)).toEqual([{ id: 'f2', member: 'r3', text: 'Skipped tests', date: '2027-02-02', at: '2027-02-02T10:00:00.000Z', deliveredOn: '2027-02-03' }]);
    expect(merged.oneOnOnes.slice(1).map((o) => `${o.id} ${o.member} ${o.feedbackDelivered.join(',')}`)).toEqual(['o2 r3 f2']);
    expect(renumbered).toEqual([
      { kind: 'members', from: 'r4', to: 'r3', reason: 'same entry' },
      { kind: 'praise', from: 'p3', to: 'p5', reason: 'taken' },
      { kind: 'praise', from: 'p4', to: 'p3', reason: 'same entry' },
      { kind: 'feedback', from: 'f4', to: 'f2', reason: 'same entry' },
    ]);
    expect(conflicts).toEqual([]);
    expect(counters).toMatchObject({ r: 4, p: 5, f: 4 });
  });

  it('joins two copies that share no ancestor (the first sync of two folders), matching entries by what they are', () => {
    const laptop = ancestor();
    const desktop = side((r) => {
      goal(r, 'g1').checkIns.push({ date: '2027-02-01', at: '2027-02-01T09:00:00.000Z', note: 'Three of five', progress: 60 });
      Object.assign(goal(r, 'g1'), { progress: 60, updatedAt: '2027-02-01T09:00:00.000Z' });
      member(r, 'r1').notes.push({ id: 'n2', date: '2027-02-01', text: 'Back from leave' });
    });
    const { merged, renumbered, conflicts } = merge(emptyRecords(), laptop, desktop);
    expect(merged).toEqual(desktop);
    expect(renumbered).toEqual([]);
    expect(conflicts).toEqual([]);
  });

  it('renames a goal file only when it is named after the id', () => {
    expect(renamedGoalFile('g2-charter.md', 'g2', 'g7')).toBe('g7-charter.md');
    expect(renamedGoalFile('/home/me/.config/mtl/goals/g2-charter.md', 'g2', 'g7')).toBe('/home/me/.config/mtl/goals/g7-charter.md');
    expect(renamedGoalFile('goals\\g2-charter.md', 'g2', 'g7')).toBe('goals\\g7-charter.md');
    expect(renamedGoalFile('g23-charter.md', 'g2', 'g7')).toBe('g23-charter.md');
    expect(renamedGoalFile('my-charter.md', 'g2', 'g7')).toBe('my-charter.md');
  });
});

describe('mergeThreeWay: merging again', () => {
  /** A busy week on both machines: additions, removals, changes and clashes of every sort. */
  function week(): { base: Records; ours: Records; theirs: Records } {
    const base = ancestor();
    const ours = side((r) => {
      r.members.push(newMember('r3', 'Kim Park'));
      r.praise.push(praise('p3', 'r3', 'Fast onboarding', '2027-02-03T10:00:00.000Z'));
      r.praise = r.praise.filter((p) => p.id !== 'p2');
      Object.assign(goal(r, 'g1'), { title: 'Praise weekly, in public', updatedAt: '2027-02-05T10:00:00.000Z' });
      r.oneOnOnes[0]!.notes!.push('Asked for a stretch project');
      r.feedback[0]!.text = 'Interrupts others in standup';
    }, base);
    const theirs = side((r) => {
      r.members.push(newMember('r3', 'Lee Chen'));
      r.praise.push(praise('p3', 'r3', 'Found the memory leak', '2027-02-04T10:00:00.000Z'));
      Object.assign(goal(r, 'g1'), { title: 'Praise each report every week', due: '2027-04-30', updatedAt: '2027-02-03T10:00:00.000Z' });
      r.oneOnOnes[0]!.notes!.push('Worried about on-call load');
      r.feedback[0]!.text = 'Talks over others in standup';
      r.learning = [];
    }, base);
    return { base, ours, theirs };
  }

  it('gives the result back, with nothing renumbered or reported, merged with either side it came from', () => {
    const { base, ours, theirs } = week();
    const first = merge(base, ours, theirs);
    expect(first.renumbered.length).toBeGreaterThan(0);
    expect(first.conflicts.length).toBeGreaterThan(0);
    // As git asks after the merge commit: the side pulled in is the ancestor now, on either side.
    for (const before of [ours, theirs]) {
      for (const again of [merge(before, first.merged, before, first.counters), merge(before, before, first.merged, first.counters)]) {
        expect(again.merged).toEqual(first.merged);
        expect(again.renumbered).toEqual([]);
        expect(again.conflicts).toEqual([]);
        expect(again.counters).toEqual(first.counters);
      }
    }
  });

  it('gives the result back merged again against the old ancestor, renumbering nothing new', () => {
    const { base, ours, theirs } = week();
    const first = merge(base, ours, theirs);
    for (const other of [ours, theirs]) {
      const again = merge(base, first.merged, other, first.counters);
      expect(again.merged).toEqual(first.merged);
      expect(again.counters).toEqual(first.counters);
      // Their entries already in the result are found under the ids they got; no new id is handed out.
      expect(again.renumbered.every((r) => r.reason === 'same entry')).toBe(true);
    }
  });

  it('merged with itself, or with nothing changed on one side, is the other side', () => {
    const { base, ours, theirs } = week();
    expect(merge(base, ours, base).merged).toEqual(ours);
    expect(merge(base, base, theirs).merged).toEqual(theirs);
    const first = merge(base, ours, theirs).merged;
    expect(merge(base, first, first).merged).toEqual(first);
  });

  it('holds the same data, the same clashes decided the same way, in both orders', () => {
    const { base, ours, theirs } = week();
    const one = merge(base, ours, theirs);
    const other = merge(base, theirs, ours);
    expect(byIdentity(one.merged)).toEqual(byIdentity(other.merged));
    const clash = (r: ThreeWayResult) => r.conflicts.map((c) => `${c.kind} ${c.id} ${c.field} kept ${JSON.stringify(c.kept)}`);
    expect(clash(one)).toEqual(clash(other));
    expect(clash(one)).toEqual([
      'goals g1 title kept "Praise weekly, in public"',
      'feedback f1 text kept "Talks over others in standup"',
    ]);
    expect(goal(one.merged, 'g1').due).toBe('2027-04-30');
    expect(one.merged.learning).toEqual([]);
    expect(ids(one.merged.praise)).toEqual(['p1', 'p3', 'p4']);
  });
});

describe('mergeThreeWay: odd data', () => {
  it('does not throw on ids of another form or entries about a report no side has', () => {
    const ours = side((r) => {
      r.praise.push({ ...praise('p3', 'r9', 'For nobody', '2027-02-01T10:00:00.000Z') });
      r.learning.push({ id: 'x', type: 'tip', date: '2027-02-01', tip: 'Ask first' });
    });
    const theirs = side((r) => r.goals.push({ ...ancestor().goals[0]!, id: 'g2', title: 'Other', file: 'charter.md' } as Goal));
    const { merged } = merge(ancestor(), ours, theirs, {});
    expect(ids(merged.learning)).toEqual(['l1', 'x']);
    expect(merged.praise.at(-1)!.member).toBe('r9');
    expect(ids(merged.goals)).toEqual(['g1', 'g2']);
  });
});
