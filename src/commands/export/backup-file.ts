import path from 'node:path';
import { DAY_RANGE, FIRST_DAY, LAST_DAY } from '../../core/dates.js';
import { KINDS, type Records } from '../../core/model.js';
import { DataError } from '../../errors.js';
import { checkedCounters, checkList, isLegacyDocument, legacyRecords } from '../../store/legacy.js';
import { isGoalFileInside, relativeGoalFile } from '../../store/paths.js';
import { DATA_VERSION } from '../../store/store.js';

/**
 * The backup file: what `mtl export --format json` writes and `mtl import` reads. Format
 * "mtl-backup", the data version of its entries, every entry, the id counters, the stored
 * preferences, the goal files' text and the user's templates. Goal files are named relative to the
 * goals folder, so a backup restores anywhere. Backups of data version 2 (mtl 0.1) are read too.
 */

export const BACKUP_FORMAT = 'mtl-backup';

export interface Backup {
  format: typeof BACKUP_FORMAT;
  dataVersion: number;
  mtlVersion: string;
  exportedAt: string;
  data: Records;
  counters: Record<string, number>;
  preferences: Record<string, unknown>;
  goalFiles: Record<string, string>;
  templates: Record<string, string>;
}

export function buildBackup(input: Omit<Backup, 'format' | 'dataVersion'>, goalsDir: string): Backup {
  const data = { ...input.data, goals: input.data.goals.map((g) => ({ ...g, file: relativeGoalFile(g.file, goalsDir) })) };
  return { format: BACKUP_FORMAT, dataVersion: DATA_VERSION, ...input, data };
}

/** Reads a backup, upgrading older data; refuses anything newer, damaged or not a backup, naming the problem. */
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
  // Copying or saving a value nested thousands deep overflows the stack; mtl's own go five deep.
  if (nestedDeeperThan(raw, MAX_DEPTH)) throw new DataError(`${file} is not a valid mtl backup: it nests values more than ${MAX_DEPTH} deep.`, 'Nothing was changed.');
  if (!Number.isInteger(doc.dataVersion) || (doc.dataVersion as number) < 0) {
    throw new DataError(`${file} is not a valid mtl backup: its dataVersion is ${JSON.stringify(doc.dataVersion) ?? 'missing'}, not a whole number.`, 'Nothing was changed.');
  }
  if (doc.dataVersion! > DATA_VERSION) {
    throw new DataError(
      `${file} comes from a newer mtl (data version ${JSON.stringify(doc.dataVersion)}; this mtl reads up to ${DATA_VERSION}).`,
      'Upgrade mtl to import it; nothing was changed.',
    );
  }
  const where = `${file} (its "data")`;
  let data: Records;
  let counters: Record<string, number>;
  if (doc.dataVersion! < DATA_VERSION) {
    if (!isLegacyDocument(doc.data)) throw new DataError(`${where} is not mtl data of version ${doc.dataVersion}.`, 'Nothing was changed.');
    ({ records: data, counters } = legacyRecords(doc.data, where));
  } else {
    data = currentRecords(doc.data, where);
    counters = checkedCounters(doc.counters, `${file} (its "counters")`);
  }
  const reports = new Set(data.members.map((m) => m.id));
  for (const kind of ['praise', 'feedback', 'memberGoals', 'delegations', 'oneOnOnes', 'actions', 'processes'] as const) {
    const orphan = (data[kind] as { id: string; member: string }[]).find((e) => !reports.has(e.member));
    // A merge would give it to whoever has that id here.
    if (orphan) throw new DataError(`${file}: ${orphan.id} in "${kind}" is about ${orphan.member}, a report the backup does not have.`, 'Nothing was changed.');
  }
  const huge = idBeyond(data, counters, FOREIGN_ID_MAX);
  if (huge) {
    throw new DataError(
      `${file}: ${huge} is beyond the ids a backup may hold (up to ${FOREIGN_ID_MAX}); mtl never hands out such ids, and taking it would use up the ids of its kind for good.`,
      'Nothing was changed. Give that entry a smaller id in the backup, then import it again.',
    );
  }
  const outside = dayOutsideRange(data);
  if (outside) {
    throw new DataError(`${file}: ${outside.id} in "${outside.kind}" has ${outside.field} ${JSON.stringify(outside.day)}, outside the days mtl accepts (${DAY_RANGE}).`, 'Nothing was changed. Correct that day in the backup, then import it again.');
  }
  for (const goal of data.goals) {
    // A file outside the goals folder of the machine it came from: its text is not in the backup,
    // and here its path could name any file of the user's (which mtl edits and moves). It gets its
    // name in this goals folder instead.
    if (path.isAbsolute(goal.file)) goal.file = path.basename(goal.file);
    if (!isGoalFileInside(goal.file)) {
      throw new DataError(`${file}: goal ${goal.id} has an unsafe file name ${JSON.stringify(goal.file)}.`, 'Nothing was changed.');
    }
  }
  return {
    format: BACKUP_FORMAT,
    dataVersion: DATA_VERSION,
    mtlVersion: String(doc.mtlVersion ?? 'unknown'),
    exportedAt: String(doc.exportedAt ?? ''),
    data,
    counters,
    preferences: isRecord(doc.preferences) ? doc.preferences : {},
    goalFiles: stringRecord(doc.goalFiles),
    templates: stringRecord(doc.templates),
  };
}

const MAX_DEPTH = 64;

/**
 * The largest id number a backup may hold: a thousand times fewer than the store's ids can reach
 * (MAX_ID), so no backup can leave a kind with no ids to hand out.
 */
const FOREIGN_ID_MAX = 999_999_999_999;

/** The first id or counter above `max`, in words ("p1000000000000 in praise"), if any. */
function idBeyond(data: Records, counters: Record<string, number>, max: number): string | undefined {
  for (const kind of KINDS) {
    for (const entry of data[kind] as { id: string; notes?: { id: string }[] }[]) {
      for (const id of [entry.id, ...(kind === 'members' ? entry.notes!.map((n) => n.id) : [])]) {
        if (Number(/\d+$/.exec(id)?.[0]) > max) return `${id} in "${kind}"`;
      }
    }
  }
  const counter = Object.entries(counters).find(([, n]) => n > max);
  return counter ? `the counter of "${counter[0]}" ids (${counter[1]})` : undefined;
}

/** Whether a parsed JSON value holds objects or lists nested deeper than `limit`; without recursion. */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length) {
    const [item, depth] = pending.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(item)) if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
  }
  return false;
}

function currentRecords(value: unknown, where: string): Records {
  if (!isRecord(value)) throw new DataError(`${where} should be an object.`, 'Nothing was changed.');
  for (const kind of KINDS) {
    const list = value[kind] ?? [];
    if (!Array.isArray(list)) throw new DataError(`${where}: "${kind}" should be a list.`, 'Nothing was changed.');
    checkList(list, kind, where);
    value[kind] = list;
  }
  return value as unknown as Records;
}

/** The fields that hold a day (`date`, `due`...) or an instant (`at`, `updatedAt`), at any depth of an entry. */
const DAY_FIELDS = new Set(['date', 'due', 'created', 'doneOn', 'deliveredOn', 'added', 'removed', 'start', 'end', 'demo', 'planned', 'at', 'updatedAt']);
const DAY_SHAPED = /^\d{4}-\d{2}-\d{2}(?:$|T)/;

/**
 * The first entry with a day outside FIRST_DAY..LAST_DAY, in a day field, a check-in, a note or a
 * delegation step: mtl would store what it cannot compute with or write to a calendar.
 */
function dayOutsideRange(data: Records): { kind: string; id: string; field: string; day: string } | undefined {
  // `key` says what a value is (a list's items are what the list holds; a step maps to a day); `at`
  // names it for the message: due, checkIns[0].date, steps.requirements.
  const find = (value: unknown, key: string, at: string): { field: string; day: string } | undefined => {
    if (typeof value === 'string') {
      const day = value.slice(0, 10);
      return DAY_FIELDS.has(key) && DAY_SHAPED.test(value) && (day < FIRST_DAY || day > LAST_DAY) ? { field: at, day: value } : undefined;
    }
    if (typeof value !== 'object' || value === null) return undefined;
    for (const [k, inner] of Object.entries(value)) {
      const list = Array.isArray(value);
      const found = find(inner, key === 'steps' ? 'date' : list ? key : k, list ? `${at}[${k}]` : `${at ? `${at}.` : ''}${/^\w+$/.test(k) ? k : JSON.stringify(k)}`);
      if (found) return found;
    }
    return undefined;
  };
  for (const kind of KINDS) {
    for (const entry of data[kind] as unknown as { id: string }[]) {
      const found = find(entry, '', '');
      if (found) return { kind, id: entry.id, ...found };
    }
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringRecord(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
