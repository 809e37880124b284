import path from 'node:path';
import { DataError } from '../errors.js';
import { migrate } from '../store/migrations.js';
import { SCHEMA_VERSION, type Assessment, type CheckIn, type Data, type Day, type Delegation, type Feedback, type Goal, type MemberGoal, type Praise } from '../store/schema.js';
import { compareText } from './dates.js';

export const BACKUP_FORMAT = 'mtl-backup';

/**
 * A complete backup: the data document, the stored preferences, the goal files' text and the user's
 * own templates. Goal files are named relative to the goals folder, so a backup restores anywhere.
 */
export interface Backup {
  format: typeof BACKUP_FORMAT;
  dataVersion: number;
  mtlVersion: string;
  exportedAt: string;
  data: Data;
  preferences: Record<string, unknown>;
  goalFiles: Record<string, string>;
  templates: Record<string, string>;
}

export function buildBackup(input: Omit<Backup, 'format' | 'dataVersion'>, goalsDir: string): Backup {
  const data = structuredClone(input.data);
  for (const goal of data.goals) goal.file = relativeGoalFile(goal.file, goalsDir);
  return { format: BACKUP_FORMAT, dataVersion: SCHEMA_VERSION, ...input, data };
}

function relativeGoalFile(file: string, goalsDir: string): string {
  const relative = path.relative(goalsDir, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** Reads a backup, migrating older data; refuses anything newer, damaged or not a backup. */
export function parseBackup(text: string, file: string): Backup {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new DataError(`${file} is not a valid mtl backup: it is not valid JSON (${(err as Error).message}).`, 'Nothing was changed.');
  }
  const doc = raw as Partial<Backup> | null;
  if (typeof doc !== 'object' || doc === null || doc.format !== BACKUP_FORMAT) {
    throw new DataError(`${file} is not an mtl backup (made by mtl export --format json).`, 'Nothing was changed.');
  }
  if (typeof doc.dataVersion !== 'number' || doc.dataVersion > SCHEMA_VERSION) {
    throw new DataError(
      `${file} comes from a newer mtl (data version ${doc.dataVersion}; this mtl reads up to ${SCHEMA_VERSION}).`,
      'Upgrade mtl to import it; nothing was changed.',
    );
  }
  const data = migrate(doc.data, `${file} (its "data")`);
  for (const goal of data.goals) {
    if (typeof goal.file !== 'string' || goal.file === '' || goal.file.split(/[\\/]/).includes('..')) {
      throw new DataError(`${file}: goal ${goal.id} has an unsafe file name ${JSON.stringify(goal.file)}.`, 'Nothing was changed.');
    }
  }
  return {
    format: BACKUP_FORMAT,
    dataVersion: SCHEMA_VERSION,
    mtlVersion: String(doc.mtlVersion ?? 'unknown'),
    exportedAt: String(doc.exportedAt ?? ''),
    data,
    preferences: isRecord(doc.preferences) ? doc.preferences : {},
    goalFiles: stringRecord(doc.goalFiles),
    templates: stringRecord(doc.templates),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringRecord(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** True when the document holds nothing the user wrote (a fresh or untouched data folder). */
export function isEmptyData(data: Data): boolean {
  // Short lists first: a store read lazily parses only the lists looked at, up to the first non-empty one.
  return (
    ['members', 'innovationWeeks', 'delegations', 'memberGoals', 'oneOnOnes', 'feedback', 'assessments', 'goals', 'praise'] as const
  ).every((k) => data[k].length === 0) && data.learning.logs.length === 0 && data.learning.tips.length === 0 && data.learning.booksRead.length === 0;
}

export interface MergeResult {
  /** Entries added, by list. */
  added: Record<string, number>;
  /** Entries that were already here and got newer state from the backup (check-ins, deliveries...). */
  updated: Record<string, number>;
  /** Incoming goal file path to the path it gets (ids can change when they collide). */
  goalFileNames: Map<string, string>;
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
};

/**
 * Merges a backup's data into `target` without losing or duplicating anything. Reports are matched by
 * name (case-insensitively) and other entries by what identifies them (IDENTITY), so an older backup of
 * the same store adds nothing. When an entry exists on both sides, its history is joined: check-ins
 * are united, a delivery or a ticked step is kept, and the side changed last decides status and
 * progress. An incoming id that is taken gets the next free one, with every reference rewritten.
 * Linear in the size of the data.
 */
export function mergeData(target: Data, incoming: Data): MergeResult {
  const added: Record<string, number> = {};
  const updated: Record<string, number> = {};
  const bump = (counts: Record<string, number>, k: string) => (counts[k] = (counts[k] ?? 0) + 1);

  const memberIds = new Map<string, string>();
  const memberId = idAllocator(target, target.members, 'r');
  const byName = new Map(target.members.map((m) => [m.name.toLowerCase(), m]));
  for (const m of incoming.members) {
    const same = byName.get(m.name.toLowerCase());
    if (same) {
      memberIds.set(m.id, same.id);
      const notes = new Set(same.notes.map((n) => n.text));
      for (const note of m.notes) if (!notes.has(note.text)) same.notes.push(note);
      continue;
    }
    const id = memberId(m.id);
    memberIds.set(m.id, id);
    target.members.push({ ...m, id });
    bump(added, 'members');
  }
  const member = (id: string) => memberIds.get(id) ?? id;

  /**
   * Adds what is new, joins what exists; returns incoming id -> id in the target. Matching is one to
   * one (two same-day goals with one title stay two) and prefers the entry with the same id; an
   * entry added from this backup is never matched again.
   */
  function mergeList<T extends Entry>(key: keyof typeof IDENTITY, prefix: string, rewrite: (e: T) => T, join?: (mine: T, theirs: T) => boolean) {
    const list = target[key] as unknown as T[];
    const identity = IDENTITY[key] as unknown as (e: T) => string;
    const candidates = new Map<string, T[]>();
    for (const e of list) candidates.set(identity(e), [...(candidates.get(identity(e)) ?? []), e]);
    const ids = new Map<string, string>();
    const allocate = idAllocator(target, list, prefix);
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
  mergeList<MemberGoal>('memberGoals', 'm', (g) => ({ ...g, member: member(g.member) }), joinProgress);
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
    const renamed = path.join(path.dirname(goal.file), path.basename(goal.file).replace(new RegExp(`^${original.id}-`), `${goal.id}-`));
    goalFileNames.set(original.file, renamed);
    goal.file = renamed;
  }

  const meetings = new Set(target.oneOnOnes.map((o) => `${o.at}|${o.member}`));
  for (const o of incoming.oneOnOnes) {
    const rewritten = { ...o, member: member(o.member), feedbackDelivered: o.feedbackDelivered.map((id) => feedbackIds.get(id) ?? id) };
    if (meetings.has(`${rewritten.at}|${rewritten.member}`)) continue;
    target.oneOnOnes.push(rewritten);
    bump(added, 'oneOnOnes');
  }
  const logs = new Set(target.learning.logs.map((l) => JSON.stringify(l)));
  for (const log of incoming.learning.logs) if (!logs.has(JSON.stringify(log))) (target.learning.logs.push(log), bump(added, 'learning'));
  const tips = new Set(target.learning.tips.map((t) => JSON.stringify(t)));
  for (const tip of incoming.learning.tips) if (!tips.has(JSON.stringify(tip))) (target.learning.tips.push(tip), bump(added, 'learning'));
  for (const book of incoming.learning.booksRead) if (!target.learning.booksRead.includes(book)) target.learning.booksRead.push(book);
  for (const week of incoming.innovationWeeks) {
    if (!target.innovationWeeks.some((w) => w.quarter === week.quarter)) (target.innovationWeeks.push(week), bump(added, 'innovationWeeks'));
  }
  return { added, updated, goalFileNames };
}

type Progressing = { checkIns: CheckIn[]; status: 'open' | 'done'; progress: number; doneOn?: Day; created: Day; updatedAt?: string };

/**
 * Unites check-ins; status, progress and doneOn come from the side changed last, by `updatedAt`.
 * Without it on both sides (entries from before it existed) nothing but the check-ins is taken, so
 * an older backup can never undo a later change.
 */
function joinProgress<T extends Progressing>(mine: T, theirs: T): boolean {
  const seen = new Set(mine.checkIns.map((c) => c.at));
  const extra = theirs.checkIns.filter((c) => !seen.has(c.at));
  if (extra.length) mine.checkIns = [...mine.checkIns, ...extra].sort((a, b) => compareText(a.at, b.at));
  const theirsNewer = theirs.updatedAt !== undefined && (mine.updatedAt === undefined || theirs.updatedAt > mine.updatedAt);
  if (theirsNewer) {
    mine.status = theirs.status;
    mine.progress = theirs.progress;
    mine.updatedAt = theirs.updatedAt;
    if (theirs.doneOn) mine.doneOn = theirs.doneOn;
    else delete mine.doneOn;
  }
  return extra.length > 0 || theirsNewer;
}

/** Hands out ids for one list: `wanted` when it is free, else the next number; counters never go back. */
function idAllocator(data: Data, list: Entry[], prefix: string): (wanted: string) => string {
  const used = new Set(list.map((e) => e.id));
  let highest = list.reduce((max, e) => Math.max(max, Number(e.id.slice(prefix.length)) || 0), data.counters[prefix] ?? 0);
  return (wanted) => {
    const number = Number(wanted.slice(prefix.length));
    let id = wanted;
    if (used.has(wanted) || !wanted.startsWith(prefix) || !Number.isInteger(number) || number < 1) {
      do highest += 1;
      while (used.has(`${prefix}${highest}`));
      id = `${prefix}${highest}`;
    } else highest = Math.max(highest, number);
    used.add(id);
    data.counters[prefix] = highest;
    return id;
  };
}
