import { FileProblemError } from '../errors.js';
import { emptyRecords, ID_PREFIX, idNumber, KINDS, MAX_ID, type Kind, type LearningEntry, type Records } from '../core/model.js';
import { entryProblem } from '../core/entry-checks.js';

/**
 * Data versions 0 to 2: the whole store in one JSON document (`mtl.json`, and the `data` of a backup
 * made by mtl 0.1). Read here into the lists of version 3, losing nothing: entries keep their ids
 * and dates; the entries that had no id (1:1s, learning, innovation weeks, personal notes) get one.
 */

/** The lists of a version 0-2 document, by their names in it. */
const LEGACY_LISTS = ['assessments', 'goals', 'members', 'praise', 'feedback', 'memberGoals', 'delegations', 'oneOnOnes', 'innovationWeeks'] as const;

/** Whether a parsed JSON value is an mtl data document of version 0 to 2 (not just any object). */
export function isLegacyDocument(raw: unknown): raw is Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  const doc = raw as Record<string, unknown>;
  return doc.format === undefined && [...LEGACY_LISTS, 'learning', 'counters'].some((field) => field in doc);
}

/** The entries and id counters of a version 0-2 document, checked; a DataError names what is wrong. */
export function legacyRecords(doc: Record<string, unknown>, file: string): { records: Records; counters: Record<string, number> } {
  if (doc.version !== undefined && ![0, 1, 2].includes(doc.version as number)) throw new FileProblemError(file, `its "version" is ${JSON.stringify(doc.version)}, which no mtl wrote`);
  const records = emptyRecords() as unknown as Record<string, Record<string, unknown>[]>;
  for (const field of LEGACY_LISTS) {
    const value = doc[field] ?? [];
    if (!Array.isArray(value)) throw new FileProblemError(file, `the field "${field}" should be a list but is ${typeof value}`);
    records[field] = value.map((entry, i) => {
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new FileProblemError(file, `entry ${i + 1} of "${field}" should be an object`);
      return { ...(entry as Record<string, unknown>) };
    });
  }
  const number = (prefix: string) => {
    let n = 0;
    return () => `${prefix}${++n}`;
  };
  // Entries that had no id get one, in the order they were stored.
  const note = number('n');
  for (const member of records.members!) member.notes = Array.isArray(member.notes) ? member.notes.map((n: unknown) => (typeof n === 'object' && n !== null ? { id: note(), ...n } : n)) : member.notes;
  const oneOnOne = number('o');
  records.oneOnOnes = records.oneOnOnes!.map((o) => ({ id: oneOnOne(), ...o }));
  const week = number('i');
  records.innovationWeeks = records.innovationWeeks!.map((w) => ({ id: week(), ...w }));
  records.learning = learningEntries(doc.learning, file) as unknown as Record<string, unknown>[];

  for (const kind of KINDS) checkList(records[kind]!, kind, file);
  const data = records as unknown as Records;
  keepPraiseAfterJoining(data);
  return { records: data, counters: countersFor(data, doc.counters, file) };
}

function learningEntries(value: unknown, file: string): LearningEntry[] {
  if (value === undefined) return [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FileProblemError(file, `the field "learning" should be an object`);
  const { logs = [], tips = [], booksRead = [] } = value as Record<string, unknown>;
  if (!Array.isArray(logs) || !Array.isArray(tips) || !Array.isArray(booksRead)) throw new FileProblemError(file, `"learning" should hold the lists logs, tips and booksRead`);
  let n = 0;
  return [
    ...logs.map((l) => ({ id: `l${++n}`, type: 'hours' as const, ...(l as object) })),
    ...tips.map((t) => ({ id: `l${++n}`, type: 'tip' as const, ...(t as object) })),
    ...booksRead.map((title) => ({ id: `l${++n}`, type: 'book' as const, title: String(title) })),
  ] as LearningEntry[];
}

/** Every entry well formed, ids of the kind's form and unique. */
export function checkList(list: unknown[], kind: Kind, file: string): void {
  const seen = new Set<string>();
  // Notes live inside reports, but their ids are one series: `mtl rm n3` must find one note.
  const notes = new Map<string, string>();
  list.forEach((entry, i) => {
    const problem = entryProblem(kind, entry);
    const id = (entry as { id?: unknown }).id;
    if (problem) throw new FileProblemError(file, `entry ${i + 1} of "${kind}"${typeof id === 'string' ? ` (${id})` : ''}: ${problem}`, 'Nothing was changed.');
    if (seen.has(id as string)) throw new FileProblemError(file, `the id ${id} is used twice in "${kind}"`, 'Nothing was changed.');
    seen.add(id as string);
    for (const note of kind === 'members' ? (entry as { notes: { id: string }[] }).notes : []) {
      const other = notes.get(note.id);
      if (other !== undefined) throw new FileProblemError(file, `the note id ${note.id} is used twice, in the notes of ${other} and of ${id as string}`, 'Nothing was changed.');
      notes.set(note.id, id as string);
    }
  });
}

/**
 * A report's praise is never dated before the day they were added (core's praise log stops looking
 * there); a merged or hand-made document may have such praise, so the day added moves back to it.
 */
export function keepPraiseAfterJoining(records: Records): void {
  const first = new Map<string, string>();
  for (const p of records.praise) if (!first.has(p.member) || p.date < first.get(p.member)!) first.set(p.member, p.date);
  for (const m of records.members) {
    const earliest = first.get(m.id);
    if (earliest && earliest < m.added) m.added = earliest;
  }
}

/**
 * The id counters: the stored ones, never below an id in use. A counter that is not a whole number
 * is refused; a missing one is rebuilt from the ids.
 */
export function countersFor(records: Records, stored: unknown, file: string): Record<string, number> {
  const counters = checkedCounters(stored, file);
  const raise = (prefix: string, ids: { id: string }[]) => {
    const highest = ids.reduce((max, e) => Math.max(max, idNumber(e.id, prefix) ?? 0), counters[prefix] ?? 0);
    if (highest > 0) counters[prefix] = highest;
  };
  for (const kind of KINDS) raise(ID_PREFIX[kind], records[kind]);
  raise('n', records.members.flatMap((m) => m.notes));
  return counters;
}

/** Stored counters, checked: an object of whole numbers (missing ones are left missing). */
export function checkedCounters(stored: unknown, file: string): Record<string, number> {
  if (stored !== undefined && (typeof stored !== 'object' || stored === null || Array.isArray(stored))) throw new FileProblemError(file, `"counters" should be an object`);
  const counters: Record<string, number> = {};
  for (const [prefix, value] of Object.entries((stored ?? {}) as Record<string, unknown>)) {
    if (!Number.isSafeInteger(value) || (value as number) < 0 || (value as number) > MAX_ID) throw new FileProblemError(file, `counters.${prefix} is ${JSON.stringify(value)}; it should be a whole number up to ${MAX_ID}`);
    counters[prefix] = value as number;
  }
  return counters;
}
