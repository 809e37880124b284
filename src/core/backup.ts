import { UserError } from '../errors.js';
import { idNumber, MAX_ID, type ActionItem, type Assessment, type BookRead, type Member, type CultureEvent, type Moment, type ProcessEntry, type Pulse, type CheckIn, type Data, type Day, type Delegation, type Feedback, type Goal, type IdPrefix, type Kind, type LearningEntry, type MemberGoal, type Praise, type Records } from './model.js';
import { sortByText } from './dates.js';
import { nameKey } from './team.js';
import { renamedGoalFile } from './sync-merge.js';

/**
 * Merging a backup into a store: the rules that decide what is the same entry, what is new, and
 * which side's change wins.
 */

/** True when the store holds nothing the user wrote (a fresh or untouched data folder). */
export function isEmptyData(data: Data): boolean {
  // Short lists first: a store reads only the lists looked at, up to the first non-empty one.
  return (
    ['members', 'innovationWeeks', 'delegations', 'memberGoals', 'oneOnOnes', 'actions', 'feedback', 'learning', 'assessments', 'goals', 'pulses', 'processes', 'cultureEvents', 'moments'] as const
  ).every((k) => data[k].length === 0) && data.praise.all().length === 0;
}

export interface MergeResult {
  /** Entries added, by list. */
  added: Record<string, number>;
  /** Entries that were already here and got newer state from the backup (check-ins, deliveries...). */
  updated: Record<string, number>;
  /** Incoming goal file path to the path it gets (ids can change when they collide). */
  goalFileNames: Map<string, string>;
  /** Entries added under another id than the backup's (it was taken here), in the order added; a goal's file with it. */
  renumbered: Renumbered[];
}

export interface Renumbered {
  /** The list; `notes` for a report's personal note. */
  kind: Kind | 'notes';
  from: string;
  to: string;
  file?: { from: string; to: string };
}

type Entry = { id: string };

/** What makes two entries the same entry, whatever their ids (which differ between machines). */
const IDENTITY = {
  assessments: (a: Assessment) => `${a.at}|${JSON.stringify(a.answers)}`,
  goals: (g: Goal) => `${g.created}|${g.template}|${g.title}`,
  praise: (p: Praise) => `${p.at}|${p.member}|${p.text}`,
  feedback: (f: Feedback) => `${f.at}|${f.member}|${f.text}`,
  memberGoals: (g: MemberGoal) => `${g.created}|${g.member}|${g.title}`,
  delegations: (d: Delegation) => `${d.created}|${d.member}|${d.item}`,
  actions: (a: ActionItem) => `${a.at}|${a.member}|${a.text}`,
  pulses: (u: Pulse) => `${u.at}|${JSON.stringify(u.tallies)}`,
  processes: (s: ProcessEntry) => `${s.at}|${s.member}|${s.practice}`,
  cultureEvents: (c: CultureEvent) => `${c.at}|${c.what}`,
  moments: (w: Moment) => `${w.at}|${w.text}`,
};

/**
 * Merges a backup's data into `target` without losing or duplicating anything. Reports are matched by
 * name (case-insensitively) and other entries by what identifies them (IDENTITY), so an older backup of
 * the same store adds nothing. When an entry exists on both sides, its history is joined: check-ins
 * are united, a delivery or a ticked step is kept, and the side changed last decides status and
 * progress. An incoming id that is taken gets the next free one, with every reference rewritten.
 * Linear in the size of the data.
 */
export function mergeData(target: Records, incoming: Records, counters: Record<string, number>): MergeResult {
  const added: Record<string, number> = {};
  const updated: Record<string, number> = {};
  const bump = (counts: Record<string, number>, k: string) => (counts[k] = (counts[k] ?? 0) + 1);
  const renumbered: Renumbered[] = [];
  /** An allocator that also records an id it could not keep. */
  const tracked = (kind: Renumbered['kind'], allocate: (wanted: string) => string) => (wanted: string) => {
    const id = allocate(wanted);
    if (id !== wanted) renumbered.push({ kind, from: wanted, to: id });
    return id;
  };

  const memberIds = new Map<string, string>();
  const memberId = tracked('members', idAllocator(counters, target.members, 'r'));
  const noteId = tracked('notes', idAllocator(counters, target.members.flatMap((m) => m.notes), 'n'));
  // A report renamed on either side is found by a name it had (`team set --name` keeps them): this
  // one's names against the backup's, the report with the same id first (a former name may be a new
  // report's now), then a current name, then a former one.
  // One to one, in passes over the whole backup: a report here is matched once, so a new "Sam" in
  // the backup is not joined to the Sam here that the backup's own Samuel (formerly Sam) already is.
  const namesOf = (m: Member) => [m.name, ...(m.formerNames ?? [])].map(nameKey);
  const matches = new Map<Member, Member>();
  const taken = new Set<Member>();
  const pass = (find: (m: Member, theirs: string[]) => Member | undefined) => {
    for (const m of incoming.members) {
      if (matches.has(m)) continue;
      const same = find(m, namesOf(m));
      if (same && !taken.has(same)) {
        matches.set(m, same);
        taken.add(same);
      }
    }
  };
  const free = (pick: (t: Member) => boolean) => target.members.find((t) => !taken.has(t) && pick(t));
  pass((m, theirs) => free((t) => t.id === m.id && namesOf(t).some((n) => theirs.includes(n))));
  pass((_, theirs) => theirs.map((n) => free((t) => nameKey(t.name) === n)).find(Boolean));
  pass((_, theirs) => theirs.map((n) => free((t) => (t.formerNames ?? []).some((f) => nameKey(f) === n))).find(Boolean));
  for (const m of incoming.members) {
    const same = matches.get(m);
    if (same) {
      // Renamed there since (this name is one of the backup's former ones): the new name comes here.
      const renamedThere = nameKey(m.name) !== nameKey(same.name) && (m.formerNames ?? []).some((n) => nameKey(n) === nameKey(same.name));
      // Names one side had and the other did not are kept, so a later backup still finds them.
      const names = [same.name, ...(same.formerNames ?? []), m.name, ...(m.formerNames ?? [])];
      if (renamedThere) {
        same.name = m.name;
        bump(updated, 'members');
      }
      const former = [...new Map(names.filter((n) => nameKey(n) !== nameKey(same.name)).map((n) => [nameKey(n), n])).values()];
      if (former.length) same.formerNames = former;
      memberIds.set(m.id, same.id);
      const notes = new Set(same.notes.map((n) => n.text));
      // Counted: a merge that only adds notes to a report here must not say "nothing new".
      for (const note of m.notes) {
        if (notes.has(note.text)) continue;
        same.notes.push({ ...note, id: noteId(note.id) });
        bump(added, 'notes');
      }
      if (m.added < same.added) same.added = m.added;
      continue;
    }
    const id = memberId(m.id);
    memberIds.set(m.id, id);
    target.members.push({ ...m, id, notes: m.notes.map((n) => ({ ...n, id: noteId(n.id) })) });
    bump(added, 'members');
  }
  const member = (id: string) => memberIds.get(id) ?? id;

  /**
   * Adds what is new, joins what exists; returns incoming id -> id in the target. Matching is one to
   * one (two same-day goals with one title stay two) and prefers the entry with the same id; an
   * entry added from this backup is never matched again.
   */
  function mergeList<T extends Entry>(key: keyof typeof IDENTITY, prefix: IdPrefix, rewrite: (e: T) => T, join?: (mine: T, theirs: T) => boolean) {
    const list = target[key] as unknown as T[];
    const identity = IDENTITY[key] as unknown as (e: T) => string;
    const candidates = new Map<string, T[]>();
    for (const e of list) candidates.set(identity(e), [...(candidates.get(identity(e)) ?? []), e]);
    const ids = new Map<string, string>();
    const allocate = tracked(key, idAllocator(counters, list, prefix));
    for (const item of (incoming[key] as unknown as T[]).map(rewrite)) {
      const open = candidates.get(identity(item)) ?? [];
      const mine = open.find((e) => e.id === item.id) ?? open[0];
      if (mine) {
        open.splice(open.indexOf(mine), 1);
        ids.set(item.id, mine.id);
        if (join?.(mine, item)) bump(updated, key);
        continue;
      }
      const id = allocate(item.id);
      ids.set(item.id, id);
      list.push({ ...item, id });
      bump(added, key);
    }
    return ids;
  }

  mergeList<Assessment>('assessments', 'a', (a) => a);
  const goalIds = mergeList<Goal>('goals', 'g', (g) => g, joinProgress);
  mergeList<Praise>('praise', 'p', (p) => ({ ...p, member: member(p.member) }));
  const feedbackIds = mergeList<Feedback>('feedback', 'f', (f) => ({ ...f, member: member(f.member) }), (mine, theirs) => {
    if (!theirs.deliveredOn || (mine.deliveredOn && mine.deliveredOn <= theirs.deliveredOn)) return false;
    mine.deliveredOn = theirs.deliveredOn;
    return true;
  });
  mergeList<MemberGoal>('memberGoals', 'm', (g) => ({ ...g, member: member(g.member) }), (mine, theirs) => {
    const newer = theirs.updatedAt !== undefined && (mine.updatedAt === undefined || theirs.updatedAt > mine.updatedAt);
    const changed = joinProgress(mine, theirs);
    // A goal carried into a later quarter on the other side moves here too.
    if (newer && theirs.quarter > mine.quarter) {
      mine.quarter = theirs.quarter;
      if (theirs.due) mine.due = theirs.due;
      if (theirs.carriedFrom) mine.carriedFrom = theirs.carriedFrom;
    }
    return changed;
  });
  mergeList<Delegation>('delegations', 'd', (d) => ({ ...d, member: member(d.member) }), (mine, theirs) => {
    let changed = false;
    for (const [step, day] of Object.entries(theirs.steps)) {
      if (day && (!mine.steps[step] || day < mine.steps[step]!)) (mine.steps[step] = day), (changed = true);
    }
    if (theirs.status === 'done' && mine.status !== 'done') (mine.status = 'done'), (mine.doneOn = theirs.doneOn), (changed = true);
    return changed;
  });

  const goalFileNames = new Map<string, string>();
  const goalsById = new Map(target.goals.map((g) => [g.id, g]));
  for (const original of incoming.goals) {
    const goal = goalsById.get(goalIds.get(original.id) ?? '');
    if (!goal || goal.id === original.id || goal.file !== original.file) continue;
    const renamed = renamedGoalFile(goal.file, original.id, goal.id);
    goalFileNames.set(original.file, renamed);
    const entry = renumbered.find((r) => r.kind === 'goals' && r.to === goal.id);
    if (entry && renamed !== original.file) entry.file = { from: original.file, to: renamed };
    goal.file = renamed;
  }

  const meetings = new Set(target.oneOnOnes.map((o) => `${o.at}|${o.member}`));
  const meetingId = tracked('oneOnOnes', idAllocator(counters, target.oneOnOnes, 'o'));
  const meetingIds = new Map(target.oneOnOnes.map((o) => [`${o.at}|${o.member}`, o.id]));
  const oneOnOneIds = new Map<string, string>();
  for (const o of incoming.oneOnOnes) {
    const rewritten = { ...o, member: member(o.member), feedbackDelivered: o.feedbackDelivered.map((id) => feedbackIds.get(id) ?? id) };
    const key = `${rewritten.at}|${rewritten.member}`;
    if (meetings.has(key)) {
      const id = meetingIds.get(key)!;
      oneOnOneIds.set(o.id, id);
      // Notes taken and feedback given at it since the backup this one came from are added to it.
      const mine = target.oneOnOnes.find((m) => m.id === id)!;
      const notes = (rewritten.notes ?? []).filter((n) => !(mine.notes ?? []).includes(n));
      const given = rewritten.feedbackDelivered.filter((f) => !mine.feedbackDelivered.includes(f));
      if (notes.length) mine.notes = [...(mine.notes ?? []), ...notes];
      if (given.length) mine.feedbackDelivered = [...mine.feedbackDelivered, ...given];
      if (notes.length || given.length) bump(updated, 'oneOnOnes');
      continue;
    }
    const id = meetingId(o.id);
    oneOnOneIds.set(o.id, id);
    target.oneOnOnes.push({ ...rewritten, id });
    bump(added, 'oneOnOnes');
  }
  mergeList<ActionItem>('actions', 't', (a) => ({ ...a, member: member(a.member), ...(a.oneOnOne ? { oneOnOne: oneOnOneIds.get(a.oneOnOne) ?? a.oneOnOne } : {}) }), (mine, theirs) => {
    if (theirs.status !== 'done' || mine.status === 'done') return false;
    mine.status = 'done';
    if (theirs.doneOn) mine.doneOn = theirs.doneOn;
    return true;
  });
  // A learning entry is the same when all but its id is (a book: the same title).
  const learningKey = ({ id: _id, ...rest }: LearningEntry) => (rest.type === 'book' ? `book|${rest.title}` : JSON.stringify(rest));
  const learned = new Set(target.learning.map(learningKey));
  const learningId = tracked('learning', idAllocator(counters, target.learning, 'l'));
  for (const entry of incoming.learning) {
    if (learned.has(learningKey(entry))) {
      // A book finished on the other side since is finished here too.
      const mine = entry.type === 'book' && entry.status !== 'reading' ? target.learning.find((l): l is BookRead => l.type === 'book' && l.title === entry.title && l.status === 'reading') : undefined;
      if (mine && entry.type === 'book') {
        mine.status = 'done';
        if (entry.date) mine.date = entry.date;
        bump(updated, 'learning');
      }
      continue;
    }
    learned.add(learningKey(entry));
    target.learning.push({ ...entry, id: learningId(entry.id) });
    bump(added, 'learning');
  }
  mergeList<Pulse>('pulses', 'u', (u) => u);
  mergeList<ProcessEntry>('processes', 's', (s) => ({ ...s, member: member(s.member) }), (mine, theirs) => {
    if (theirs.status !== 'done' || mine.status === 'done') return false;
    mine.status = 'done';
    if (theirs.doneOn) mine.doneOn = theirs.doneOn;
    return true;
  });
  mergeList<CultureEvent>('cultureEvents', 'c', (c) => c);
  mergeList<Moment>('moments', 'w', (w) => w);
  const weekId = tracked('innovationWeeks', idAllocator(counters, target.innovationWeeks, 'i'));
  for (const week of incoming.innovationWeeks) {
    const projects = (week.projects ?? []).map((p) => ({ ...p, member: member(p.member) }));
    const mine = target.innovationWeeks.find((w) => w.quarter === week.quarter);
    if (!mine) {
      target.innovationWeeks.push({ ...week, id: weekId(week.id), ...(week.projects ? { projects } : {}) });
      bump(added, 'innovationWeeks');
      continue;
    }
    // The same quarter's week: its projects are united by content, a demo recorded on either side is kept.
    const known = new Set((mine.projects ?? []).map((p) => `${p.member}|${p.text}`));
    const extra = projects.filter((p) => !known.has(`${p.member}|${p.text}`));
    const demo = !mine.demoHeld && week.demoHeld !== undefined;
    if (extra.length) mine.projects = [...(mine.projects ?? []), ...extra];
    if (demo) {
      mine.demoHeld = week.demoHeld;
      if (week.demoNote !== undefined) mine.demoNote = week.demoNote;
    }
    if (extra.length || demo) bump(updated, 'innovationWeeks');
  }
  return { added, updated, goalFileNames, renumbered };
}

type Progressing = { checkIns: CheckIn[]; status: 'open' | 'done'; progress: number; doneOn?: Day; created: Day; updatedAt?: string; due?: Day; targets?: Record<string, number> };

/**
 * Unites check-ins; status, progress, doneOn, due and a goal's own targets come from the side changed
 * last, by `updatedAt`.
 * Without it on both sides (entries from before it existed) nothing but the check-ins is taken, so
 * an older backup can never undo a later change.
 */
function joinProgress<T extends Progressing>(mine: T, theirs: T): boolean {
  const seen = new Set(mine.checkIns.map((c) => c.at));
  const extra = theirs.checkIns.filter((c) => !seen.has(c.at));
  if (extra.length) mine.checkIns = sortByText([...mine.checkIns, ...extra], (c) => c.at);
  const theirsNewer = theirs.updatedAt !== undefined && (mine.updatedAt === undefined || theirs.updatedAt > mine.updatedAt);
  if (theirsNewer) {
    mine.status = theirs.status;
    mine.progress = theirs.progress;
    mine.updatedAt = theirs.updatedAt;
    if (theirs.doneOn) mine.doneOn = theirs.doneOn;
    else delete mine.doneOn;
    // A new due day or a goal's own targets stamp updatedAt too: they come with the later side.
    for (const key of ['due', 'targets'] as const) {
      if (theirs[key] !== undefined) (mine as Progressing)[key] = theirs[key] as never;
      else delete mine[key];
    }
  }
  return extra.length > 0 || theirsNewer;
}

/**
 * Hands out ids for one list: `wanted` when this store never handed it out (its number is above the
 * counter), else the next number. An id once used here, even by an entry since removed, never names
 * another entry; the counter only goes up.
 */
function idAllocator(counters: Record<string, number>, list: Entry[], prefix: IdPrefix): (wanted: string) => string {
  counters[prefix] = list.reduce((max, e) => Math.max(max, idNumber(e.id, prefix) ?? 0), counters[prefix] ?? 0);
  return (wanted) => {
    const number = idNumber(wanted, prefix);
    if (counters[prefix]! >= MAX_ID) throw new UserError(`The ids of "${prefix}" entries would run out (${prefix}${MAX_ID}); nothing was merged.`, 'Check the counters of this data folder and of the backup.');
    const id = number !== undefined && number > counters[prefix]! ? wanted : `${prefix}${counters[prefix]! + 1}`;
    counters[prefix] = Math.max(counters[prefix]!, idNumber(id, prefix)!);
    return id;
  };
}
