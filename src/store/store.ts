import fs from 'node:fs';
import path from 'node:path';
import { quarterOf } from '../core/dates.js';
import { dataOf, ID_PREFIX, idNumber, KINDS, MAX_ID, recordsOf, type Data, type Goal, type IdPrefix, type Kind, type Praise, type Records } from '../core/model.js';
import { damagedFile, DataError, FileProblemError } from '../errors.js';
import { readIfThere, readPlainFile, reason, removeFile, writeAtomic } from './files.js';
import { checkedCounters, countersFor, isLegacyDocument, keepPraiseAfterJoining, legacyRecords } from './legacy.js';
import { processRuns, withLock, type Lock } from './lock.js';
import { goalsDirFor, relativeGoalFile } from './paths.js';
import { PRAISE_DIR, PraiseFiles } from './praise-files.js';
import { readPreferences } from './preferences.js';
import { clearJournal, JOURNAL_FILE, journalUndone, journalWrite, type Change } from './journal.js';
import { readRecordFile, RecordTable } from './records.js';

/**
 * The data folder, data version 3, and the two ways into it: `openStore` to read and `updateStore`
 * for a locked write. What each file holds:
 *
 *   mtl.json               what the folder is (format, version) and the id counters
 *   <kind>.jsonl           one record file per kind of entry (KIND_FILES; records.ts)
 *   praise/<quarter>.jsonl the praise log, one file per quarter (praise-files.ts)
 *   mtl.lock               present while a command writes (lock.ts)
 *   mtl.v2.json            the version-2 document an upgrade started from, kept untouched
 *
 * Nothing here is derived from anything else, so a copy, a restore or an edit by hand can never
 * leave a stale index behind.
 */

export const DATA_FILE = 'mtl.json';
export const DATA_FORMAT = 'mtl-data';
export const DATA_VERSION = 3;
export const LEGACY_COPY = 'mtl.v2.json';
/** Present while `mtl sync` writes a merge into the folder: what it started from (commands/sync). */
export const SYNC_MERGE_MARK = 'mtl.sync-merge';

export const KIND_FILES: Record<Exclude<Kind, 'praise'>, string> = {
  members: 'reports.jsonl',
  goals: 'goals.jsonl',
  assessments: 'assessments.jsonl',
  feedback: 'feedback.jsonl',
  memberGoals: 'member-goals.jsonl',
  delegations: 'delegations.jsonl',
  oneOnOnes: 'one-on-ones.jsonl',
  learning: 'learning.jsonl',
  innovationWeeks: 'innovation-weeks.jsonl',
  actions: 'actions.jsonl',
  pulses: 'pulses.jsonl',
  processes: 'processes.jsonl',
  cultureEvents: 'culture-events.jsonl',
  moments: 'moments.jsonl',
};

type FileKind = keyof typeof KIND_FILES;
const FILE_KINDS = KINDS.filter((k): k is FileKind => k !== 'praise');

/** What `mtl.json` says: version-3 counters, or a whole older document to upgrade. */
function readHeader(dir: string): { counters?: Record<string, number>; legacy?: { records: Records; counters: Record<string, number> } } {
  const file = path.join(dir, DATA_FILE);
  const text = readIfThere(file);
  if (text === undefined) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw damaged(file, `it is not valid JSON (${(err as Error).message})`);
  }
  const doc = raw as Record<string, unknown> | null;
  const version = doc?.version;
  const mtlData = doc?.format === DATA_FORMAT || isLegacyDocument(raw);
  if (mtlData && typeof version === 'number' && version > DATA_VERSION) {
    throw new DataError(`${file} was written by a newer mtl (data version ${version}; this mtl reads up to ${DATA_VERSION}).`, 'Upgrade mtl to read it; nothing was changed.');
  }
  if (doc?.format === DATA_FORMAT) {
    if (version !== DATA_VERSION) throw damaged(file, `its "version" is ${JSON.stringify(version)}`);
    try {
      return { counters: checkedCounters(doc.counters, file) };
    } catch (err) {
      throw err instanceof FileProblemError ? damaged(file, err.what) : err;
    }
  }
  if (doc?.format === 'mtl-backup') throw new DataError(`${file} is an mtl backup, not a data file; mtl has not changed it.`, `Move it away and restore it with: mtl import <that file> (into an empty data folder).`);
  if (isLegacyDocument(raw)) {
    try {
      return { legacy: legacyRecords(raw, file) };
    } catch (err) {
      throw err instanceof FileProblemError ? damaged(file, err.what) : err;
    }
  }
  throw new DataError(`${file} is not an mtl data file; mtl has not changed it.`, 'Move it away (mtl starts afresh), or point --home at your data folder.');
}

function damaged(file: string, what: string): DataError {
  return damagedFile(file, what, 'Repair it by hand, or restore your data folder from a backup (mtl import) or from git.');
}

/** How goal files are named: relative to the goals folder on disk, absolute in memory. */
function goalCodec(dir: string) {
  const goalsDir = goalsDirFor(dir, readPreferences(dir));
  return {
    decode(goal: Goal): Goal {
      // Not path.resolve: it normalises the whole path, per goal; the folder is already absolute.
      if (!path.isAbsolute(goal.file)) goal.file = `${goalsDir}${path.sep}${goal.file}`;
      return goal;
    },
    encode: (goal: Goal): Goal => ({ ...goal, file: relativeGoalFile(goal.file, goalsDir) }),
  };
}

/**
 * The store for reading, after upgrading a version 0-2 folder (under the lock; one that cannot be
 * written to is read as it is).
 */
export async function openStore(dir: string): Promise<Data> {
  if (readHeader(dir).legacy) await updateStore(dir, () => undefined).catch(() => undefined);
  return readStore(dir);
}

/**
 * The store for reading: each list is read from its file the first time a command looks at it.
 * Reads take no lock: files are replaced by rename or appended to, and a torn last line is ignored.
 */
export function readStore(dir: string): Data {
  const { legacy } = readHeader(dir);
  if (legacy) {
    legacy.records.goals.forEach(goalCodec(dir).decode);
    return dataOf(legacy.records);
  }
  const data = { praise: new PraiseFiles(dir) } as Partial<Data>;
  for (const kind of FILE_KINDS) {
    Object.defineProperty(data, kind, {
      enumerable: true,
      configurable: true,
      get() {
        const records = readRecordFile<{ id: string }>(path.join(dir, KIND_FILES[kind]), kind).records;
        if (kind === 'goals') (records as Goal[]).forEach(goalCodec(dir).decode);
        Object.defineProperty(data, kind, { value: records, enumerable: true, writable: true });
        return records;
      },
    });
  }
  return data as Data;
}

/**
 * A locked write: takes the folder's lock, lets `change` read the latest entries and change them,
 * then saves what changed (records.ts) and releases the lock. If `change` throws, nothing is
 * written. Before each file is written, the lock is checked to be still ours.
 */
export async function updateStore<T>(dir: string, change: (tx: Tx) => T): Promise<T> {
  return withLock(dir, (lock) => {
    sweepLeftovers(dir);
    refuseDuringSyncMerge(dir);
    const head = readHeader(dir);
    const counters = head.legacy ? upgrade(dir, head.legacy, lock) : head.counters;
    const tx = new Tx(dir, counters);
    const result = change(tx);
    tx.commit(lock);
    return result;
  });
}

/** A write in progress: the lists to read and change, and new ids. */
export class Tx {
  readonly tables: { [K in FileKind]: RecordTable<Records[K][number]> };
  readonly praise: PraiseFiles;
  /** The store as the rules read it, including this write's changes so far. */
  readonly data: Data;
  private countersChanged: boolean;
  private purged?: string;
  /** Set by `mtl undo`: the journal's write this one reverts, marked undone instead of journaled. */
  undoing?: number;

  constructor(
    private readonly dir: string,
    private idCounters: Record<string, number> = {},
  ) {
    this.countersChanged = !fs.existsSync(path.join(dir, DATA_FILE));
    const codec = goalCodec(dir);
    const tables = {} as Record<FileKind, RecordTable<{ id: string }>>;
    for (const kind of FILE_KINDS) tables[kind] = new RecordTable(path.join(dir, KIND_FILES[kind]), kind, undefined, kind === 'goals' ? (codec as never) : undefined);
    this.tables = tables as unknown as Tx['tables'];
    this.praise = new PraiseFiles(dir);
    const data = { praise: this.praise } as Partial<Data>;
    for (const kind of FILE_KINDS) Object.defineProperty(data, kind, { enumerable: true, get: () => tables[kind].all });
    this.data = data as Data;
  }

  /** The next id of a kind; ids are never handed out twice. */
  nextId(prefix: IdPrefix): string {
    const kind = FILE_KINDS.find((k) => ID_PREFIX[k] === prefix);
    const present =
      prefix === 'p' ? this.praise.recentMaxId()
      : prefix === 'n' ? this.tables.members.all.flatMap((m) => m.notes).reduce((max, n) => Math.max(max, idNumber(n.id, 'n') ?? 0), 0)
      : this.tables[kind!].loaded.maxId;
    // A counter that is missing (a hand-made or old file) is rebuilt from every id of its kind.
    const stored = this.idCounters[prefix] ?? (prefix === 'p' ? this.praise.allTables().reduce((max, t) => Math.max(max, t.loaded.maxId), 0) : 0);
    const next = Math.max(stored, present) + 1;
    if (next > MAX_ID) throw new DataError(`The ids of "${prefix}" entries have run out (${prefix}${MAX_ID}).`, `Check the counters in ${path.join(this.dir, DATA_FILE)}: one was set by hand or by an edited backup.`);
    this.idCounters[prefix] = next;
    this.countersChanged = true;
    return `${prefix}${next}`;
  }

  /** Deletes a report and every entry about them from every file mtl keeps. */
  purgeMember(memberId: string): void {
    this.purged = memberId;
    const keep = <T extends { id: string; member?: string }>(table: RecordTable<T>) => table.replaceAll(table.all.filter((e) => e.member !== memberId && e.id !== memberId));
    for (const kind of FILE_KINDS) keep(this.tables[kind] as unknown as RecordTable<{ id: string; member?: string }>);
    for (const table of this.praise.allTables()) keep(table);
  }

  /** This write's line of the undo journal (first), the journal emptied, or an undo's mark (last); a failure is the commit's to tell. */
  private journal(whole: boolean, changes: Change[]): void {
    if (whole) clearJournal(this.dir);
    else if (this.undoing !== undefined) journalUndone(this.dir, this.undoing);
    else journalWrite(this.dir, changes);
  }

  /** A copy of the id counters as they stand. */
  get counters(): Record<string, number> {
    return { ...this.idCounters };
  }

  /** Replaces everything (a restore or a merge of a backup); counters never go below `counters`. */
  replaceAll(records: Records, counters: Record<string, number> = {}): void {
    keepPraiseAfterJoining(records);
    for (const kind of FILE_KINDS) (this.tables[kind] as unknown as RecordTable<{ id: string }>).replaceAll(records[kind]);
    const byQuarter = new Map<string, Praise[]>(this.praise.quarters().map((q) => [q, []]));
    for (const p of records.praise) (byQuarter.get(quarterOf(p.date)) ?? byQuarter.set(quarterOf(p.date), []).get(quarterOf(p.date))!).push(p);
    for (const [quarter, entries] of byQuarter) this.praise.table(quarter).replaceAll(entries);
    const merged = { ...this.idCounters };
    for (const [prefix, n] of Object.entries(counters)) merged[prefix] = Math.max(merged[prefix] ?? 0, n);
    this.idCounters = countersFor(records, merged, path.join(this.dir, DATA_FILE));
    this.countersChanged = true;
  }

  /**
   * Saves what changed, one file at a time, checking before each that the lock is still ours. The
   * counters go first (an id handed out is never handed out again, even if the rest fails). Reports
   * go before the entries about them, so a write cut short never leaves an entry about a report that
   * is not there (a merge run again then finishes); but in a purge they go last, so a purge cut
   * short leaves the report in place, and running it again finishes it. A file that cannot be
   * written stops the write, saying whether anything was saved.
   */
  commit(lock: Lock): void {
    /** A file to write, how, and how to put it back when a later file of this write fails. */
    type Step = [string, () => void, (() => boolean)?];
    const entries = [...this.praise.changedTables(), ...FILE_KINDS.filter((k) => k !== 'members').map((k) => this.tables[k])].filter((t) => t.changed);
    const save = (t: { file: string; commit(): void; uncommit(): boolean }): Step => [t.file, () => t.commit(), () => t.uncommit()];
    const reports: Step[] = this.tables.members.changed ? [save(this.tables.members)] : [];
    const scrubs: Step[] = this.purged ? [[path.join(this.dir, LEGACY_COPY), () => scrubLegacyCopy(this.dir, this.purged!)]] : [];
    // What undo needs, read before the files change. The journal's line goes first: a write cut
    // short after it is one undo finds half or not done, and handles (never one it does not know
    // of, which would make undo skip it and revert an older one). An undo is marked last. A
    // restore, a merge or a purge empties the journal.
    const tables = this.tables.members.changed ? [...entries, this.tables.members] : entries;
    const whole = tables.some((t) => t.replaced);
    const changes = whole ? [] : tables.flatMap((t) => t.changes().map((c) => ({ kind: t.kind, ...c }))).filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after));
    const journalFile = path.join(this.dir, JOURNAL_FILE);
    // The journal as it was before this write, to put back if the write changes nothing after all.
    let journalBefore: { bytes: Buffer | undefined } | undefined;
    const journal: Step = [
      journalFile,
      () => {
        journalBefore = { bytes: readPlainFile(journalFile) };
        this.journal(whole, changes);
      },
    ];
    const undoing = this.undoing !== undefined;
    const steps: Step[] = [
      ...(tables.length && !undoing ? [journal] : []),
      ...(this.countersChanged ? [[path.join(this.dir, DATA_FILE), () => writeHeader(this.dir, this.idCounters)] as Step] : []),
      ...(this.purged ? [] : reports),
      ...entries.map(save),
      ...scrubs,
      ...(this.purged ? reports : []),
      ...(undoing ? [journal] : []),
    ];
    // Until a step changes an entry, nothing the user sees has changed (ids set aside in mtl.json, a journal line).
    const unseen = (steps[0] === journal ? 1 : 0) + (this.countersChanged ? 1 : 0);
    steps.forEach(([file, step], i) => {
      lock.verify();
      try {
        step();
      } catch (err) {
        // The files this write changed before go back as they were, newest first, so a full disk
        // halfway through a praise moved between quarters (two files) loses it from neither.
        const back = i > unseen && steps.slice(unseen, i).reverse().every(([, , undo]) => undo !== undefined && undo());
        // Nothing the user sees changed: the journal goes back as it was too, or undo would list a
        // change that never happened (and a full disk fill up with them, one per retry), or a merge
        // rolled back would still have emptied it.
        const nothing = i <= unseen || back;
        if (nothing && journalBefore) restoreJournal(journalFile, journalBefore.bytes);
        if (err instanceof DataError) throw back ? new DataError(err.message, `${err.hint ? `${err.hint}\n` : ''}Nothing was changed.`) : err;
        throw new DataError(
          `Cannot write ${file}: ${reason(err)}.`,
          nothing ? 'Nothing was changed; fix that and run the command again.' : 'Part of the change was saved before it; fix that and run the command again to finish it.',
        );
      }
    });
  }
}

/** Puts the undo journal back as `before` had it: cut back to it when only added to, else written again. */
function restoreJournal(file: string, before: Buffer | undefined): void {
  try {
    const now = readPlainFile(file);
    if (now === undefined ? before === undefined : before !== undefined && now.equals(before)) return;
    if (before === undefined) removeFile(file);
    else if (now && now.length > before.length && now.subarray(0, before.length).equals(before)) fs.truncateSync(file, before.length);
    else writeAtomic(file, before);
  } catch {
    // Undo then lists a change it finds not made, says nothing of it was saved, and drops it.
  }
}

/**
 * Temporary files a process left when it was killed mid-write (they may hold notes about people):
 * removed, under the lock, once the process named in them is gone: `<file>.<pid>.<random>.tmp`.
 */
function sweepLeftovers(dir: string): void {
  for (const folder of [dir, path.join(dir, PRAISE_DIR)]) {
    let names: string[];
    try {
      names = fs.readdirSync(folder);
    } catch {
      continue;
    }
    for (const name of names) {
      const pid = /\.(\d+)\.[a-z0-9]+\.tmp$/.exec(name)?.[1];
      if (pid && !processRuns(Number(pid))) removeFile(path.join(folder, name));
    }
  }
}

/** A merge that `mtl sync` was writing when it was stopped: the folder is half old, half merged. */
function refuseDuringSyncMerge(dir: string): void {
  if (fs.existsSync(path.join(dir, SYNC_MERGE_MARK))) {
    throw new DataError(`mtl sync was stopped while it wrote a merge into ${dir}; nothing was changed.`, 'Run mtl sync: it puts the folder back as it was before that merge (your data is in git), then syncs again.');
  }
}

function writeHeader(dir: string, counters: Record<string, number>): void {
  writeAtomic(path.join(dir, DATA_FILE), `${JSON.stringify({ format: DATA_FORMAT, version: DATA_VERSION, counters })}\n`);
}

/**
 * Turns a version 0-2 folder (one document) into version 3, under the lock: every record file is
 * written first, then the header replaces the old document (the moment the upgrade takes effect),
 * which stays as mtl.v2.json. An upgrade cut short leaves the old document in place, and runs again.
 */
function upgrade(dir: string, { records, counters }: { records: Records; counters: Record<string, number> }, lock: Lock): Record<string, number> {
  const file = path.join(dir, DATA_FILE);
  const tx = new Tx(dir, counters);
  records.goals.forEach(goalCodec(dir).decode);
  tx.replaceAll(records);
  lock.verify();
  for (const table of [...FILE_KINDS.map((k) => tx.tables[k]), ...tx.praise.changedTables()]) table.commit();
  // A copy, not a link: a data file that is a symbolic link is written through, and would take the copy with it.
  writeAtomic(path.join(dir, LEGACY_COPY), fs.readFileSync(file, 'utf8'));
  writeHeader(dir, counters);
  for (const leftover of ['mtl.json.bak', 'mtl.json.index']) removeFile(path.join(dir, leftover));
  return counters;
}

/** A purge reaches the copy kept from before the upgrade too: its lists lose the report's entries. */
function scrubLegacyCopy(dir: string, memberId: string): void {
  const file = path.join(dir, LEGACY_COPY);
  const text = readIfThere(file);
  if (text === undefined) return;
  let doc: Record<string, unknown> | null = null;
  try {
    doc = JSON.parse(text) as Record<string, unknown> | null;
  } catch {
    // Handled below.
  }
  // A copy that cannot be read cannot be cleaned: it goes, so nothing of the report stays.
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return removeFile(file);
  for (const [field, value] of Object.entries(doc)) {
    if (Array.isArray(value)) doc[field] = value.filter((e: { id?: string; member?: string }) => e?.member !== memberId && !(field === 'members' && e?.id === memberId));
  }
  writeAtomic(file, JSON.stringify(doc) + '\n');
}

/** Every entry as plain lists and the id counters, read under the lock: one moment of the store, for a backup. */
export async function snapshotStore(dir: string): Promise<{ records: Records; counters: Record<string, number> }> {
  await openStore(dir);
  const read = () => ({ records: recordsOf(readStore(dir)), counters: readHeader(dir).counters ?? {} });
  // On a read-only disk (an old laptop's, mounted to take a backup) no lock can be taken, and no
  // write can happen either: read as it is.
  return fs.existsSync(dir) && !readOnlyDisk(dir) ? withLock(dir, read) : read();
}

function readOnlyDisk(dir: string): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EROFS';
  }
}

/**
 * Every entry as its files hold it (goal files as written, not resolved against a folder) and the
 * counters, without a lock: what `mtl sync` merges, read from copies of the folder git made.
 */
export function readFolderRecords(dir: string): { records: Records; counters: Record<string, number> } {
  const { legacy, counters } = readHeader(dir);
  if (legacy) return legacy;
  const records = { praise: new PraiseFiles(dir).all() } as Records;
  for (const kind of FILE_KINDS) (records as unknown as Record<FileKind, unknown[]>)[kind] = readRecordFile(path.join(dir, KIND_FILES[kind]), kind).records;
  return { records, counters: counters ?? {} };
}

/**
 * Makes `records` (as `readFolderRecords` gives them) the whole of the folder, under a lock the
 * caller holds: what `mtl sync` merged. The undo journal is emptied, as by a restore.
 */
export function writeFolderRecords(dir: string, lock: Lock, records: Records, counters: Record<string, number>): void {
  const tx = new Tx(dir, readHeader(dir).counters);
  const codec = goalCodec(dir);
  tx.replaceAll({ ...records, goals: records.goals.map((g) => codec.decode({ ...g })) }, counters);
  tx.commit(lock);
}
