import path from 'node:path';
import { DataError } from '../errors.js';
import { migrate } from '../store/migrations.js';
import { SCHEMA_VERSION, type Data } from '../store/schema.js';

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
  return (
    ['assessments', 'goals', 'members', 'praise', 'feedback', 'memberGoals', 'delegations', 'oneOnOnes', 'innovationWeeks'] as const
  ).every((k) => data[k].length === 0) && data.learning.logs.length === 0 && data.learning.tips.length === 0 && data.learning.booksRead.length === 0;
}

export interface MergeResult {
  added: Record<string, number>;
  /** Incoming goal file path to the path it gets (ids can change when they collide). */
  goalFileNames: Map<string, string>;
}

type Entry = { id: string };

/**
 * Merges a backup's data into `target` without losing or duplicating anything: reports are matched by
 * name (case-insensitively), entries already present (same content) are skipped, and an incoming id
 * that is taken gets the next free one, with every reference to it rewritten.
 */
export function mergeData(target: Data, incoming: Data): MergeResult {
  const added: Record<string, number> = {};
  const count = (k: string) => (added[k] = (added[k] ?? 0) + 1);
  const memberIds = new Map<string, string>();
  for (const m of incoming.members) {
    const same = target.members.find((t) => t.name.toLowerCase() === m.name.toLowerCase());
    if (same) {
      memberIds.set(m.id, same.id);
      for (const note of m.notes) if (!same.notes.some((n) => n.text === note.text)) same.notes.push(note);
      continue;
    }
    const id = freeId(target, target.members, m.id, 'r');
    memberIds.set(m.id, id);
    target.members.push({ ...m, id });
    count('members');
  }
  const member = (id: string) => memberIds.get(id) ?? id;
  const feedbackIds = new Map<string, string>();
  const mergeList = <T extends Entry>(key: string, list: T[], items: T[], prefix: string, rewrite: (e: T) => T, ids?: Map<string, string>) => {
    for (const item of items.map(rewrite)) {
      const existing = list.find((e) => sameContent(e, item));
      if (existing) {
        ids?.set(item.id, existing.id);
        continue;
      }
      const id = freeId(target, list, item.id, prefix);
      ids?.set(item.id, id);
      list.push({ ...item, id });
      count(key);
    }
  };
  const goalIds = new Map<string, string>();
  mergeList('assessments', target.assessments, incoming.assessments, 'a', (a) => a);
  mergeList('goals', target.goals, incoming.goals, 'g', (g) => g, goalIds);
  mergeList('praise', target.praise, incoming.praise, 'p', (p) => ({ ...p, member: member(p.member) }));
  mergeList('feedback', target.feedback, incoming.feedback, 'f', (f) => ({ ...f, member: member(f.member) }), feedbackIds);
  mergeList('memberGoals', target.memberGoals, incoming.memberGoals, 'm', (g) => ({ ...g, member: member(g.member) }));
  mergeList('delegations', target.delegations, incoming.delegations, 'd', (d) => ({ ...d, member: member(d.member) }));
  const goalFileNames = new Map<string, string>();
  for (const goal of target.goals) {
    const original = incoming.goals.find((g) => goalIds.get(g.id) === goal.id && g.id !== goal.id);
    if (original) {
      const base = path.basename(goal.file).replace(new RegExp(`^${original.id}-`), `${goal.id}-`);
      const renamed = path.join(path.dirname(goal.file), base);
      goalFileNames.set(original.file, renamed);
      goal.file = renamed;
    }
  }
  for (const o of incoming.oneOnOnes) {
    const rewritten = { ...o, member: member(o.member), feedbackDelivered: o.feedbackDelivered.map((id) => feedbackIds.get(id) ?? id) };
    if (!target.oneOnOnes.some((t) => sameContent(t, rewritten))) {
      target.oneOnOnes.push(rewritten);
      count('oneOnOnes');
    }
  }
  for (const log of incoming.learning.logs) if (!target.learning.logs.some((l) => sameContent(l, log))) (target.learning.logs.push(log), count('learning'));
  for (const tip of incoming.learning.tips) if (!target.learning.tips.some((t) => sameContent(t, tip))) (target.learning.tips.push(tip), count('learning'));
  for (const book of incoming.learning.booksRead) if (!target.learning.booksRead.includes(book)) target.learning.booksRead.push(book);
  for (const week of incoming.innovationWeeks) {
    if (!target.innovationWeeks.some((w) => w.quarter === week.quarter)) (target.innovationWeeks.push(week), count('innovationWeeks'));
  }
  return { added, goalFileNames };
}

/** Same entry whatever its id (and, for a goal, its file name, which carries the id). */
function sameContent(a: object, b: object): boolean {
  const strip = ({ id: _id, file: _file, ...rest }: Record<string, unknown>) => rest;
  return JSON.stringify(strip(a as Record<string, unknown>)) === JSON.stringify(strip(b as Record<string, unknown>));
}

/** Keeps `wanted` when no entry uses it, else hands out the next id; counters never go backwards. */
function freeId(data: Data, list: Entry[], wanted: string, prefix: string): string {
  const number = Number(wanted.slice(prefix.length));
  const taken = list.some((e) => e.id === wanted);
  if (!taken && wanted.startsWith(prefix) && Number.isInteger(number) && number > 0) {
    data.counters[prefix] = Math.max(data.counters[prefix] ?? 0, number);
    return wanted;
  }
  let n = Math.max(data.counters[prefix] ?? 0, ...list.map((e) => Number(e.id.slice(prefix.length)) || 0)) + 1;
  while (list.some((e) => e.id === `${prefix}${n}`)) n += 1;
  data.counters[prefix] = n;
  return `${prefix}${n}`;
}
