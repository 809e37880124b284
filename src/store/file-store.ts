import fs from 'node:fs';
import path from 'node:path';
import { DataError } from '../errors.js';
import { acquireLock, BACKUP_SUFFIX, ensureDataDir, removeFile, writeAtomic } from './atomic.js';
import { lazyData } from './lazy-read.js';
import { migrate } from './migrations.js';
import { cannotRead, openSource, readIndex } from './data-source.js';
import { fileKey, INDEX_FILE, indexText, praiseRecords } from './praise-log.js';
import { goalsDirFor } from './paths.js';
import { readPreferences } from './preferences.js';
import { emptyData, type Data } from './schema.js';

export const DATA_FILE = 'mtl.json';

export function dataFilePath(dir: string): string {
  return path.join(dir, DATA_FILE);
}

/** Reads the document without a lock (renames are atomic, so a reader never sees half a write). */
export function readData(dir: string): Data {
  const file = dataFilePath(dir);
  const source = openSource(file, dir);
  if (source === undefined) return withAbsoluteGoalFiles(emptyData(), goalsFolder(dir));
  const { bytes, stat, fillPraise } = source;
  const resolveGoals = (field: string, value: unknown) => {
    if (field === 'goals') withAbsoluteGoalFiles({ goals: value } as Data, goalsFolder(dir));
  };
  let whole: Data | undefined;
  const parseWhole = () => {
    fillPraise();
    return withAbsoluteGoalFiles(parseDocument(bytes.toString('utf8'), file), goalsFolder(dir));
  };
  const fromWhole = (field: string) => (whole ??= parseWhole())[field as keyof Data];
  return lazyData(bytes, file, resolveGoals, fromWhole, { key: fileKey(stat), read: () => readIndex(dir), fillPraise }) ?? parseWhole();
}

/**
 * Goal files are stored by name, relative to the goals folder, so a data folder that is moved or
 * copied (`cp -a`) keeps finding its own files; in memory they are absolute paths.
 */
function goalsFolder(dir: string): string {
  return goalsDirFor(dir, readPreferences(dir));
}

function withAbsoluteGoalFiles(data: Data, goalsDir: string): Data {
  // Not path.resolve: it normalises the whole path, per goal; the folder is already absolute.
  for (const goal of data.goals) if (!path.isAbsolute(goal.file)) goal.file = `${goalsDir}${path.sep}${goal.file}`;
  return data;
}

function relativeGoalFile(file: string, goalsDir: string): string {
  const relative = path.relative(goalsDir, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw cannotRead(file, err);
  }
}

/** Temp files a crashed write left behind (they may hold personal notes); only old ones, under the lock. */
function sweepLeftovers(dir: string): void {
  const hourAgo = Date.now() - 3_600_000;
  for (const name of fs.readdirSync(dir)) {
    if (!/^mtl\.json(\.bak|\.index)?\.\d+(\.\w+)?\.tmp$/.test(name)) continue;
    const file = path.join(dir, name);
    try {
      if (fs.statSync(file).mtimeMs < hourAgo) removeFile(file);
    } catch {
      // Already gone.
    }
  }
}

/** Parses and checks a whole document, migrating an older one. */
function parseDocument(text: string, file: string): Data {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw damaged(file, `it is not valid JSON (${(err as Error).message})`);
  }
  try {
    return migrate(parsed, file);
  } catch (err) {
    if (err instanceof DataError) throw damaged(file, err.message, err.hint);
    throw err;
  }
}

function damaged(file: string, what: string, hint?: string): DataError {
  const backup = file + BACKUP_SUFFIX;
  const restore = fs.existsSync(backup)
    ? `The last good copy is ${backup}; to restore it: cp '${backup}' '${file}'`
    : `Repair the file by hand, or move it away to start afresh.`;
  return new DataError(`${file} is damaged: ${what}\nmtl has not changed it.`, hint ?? restore);
}

/**
 * A locked read-modify-write: takes the lock, reads the latest document, lets `change` modify it,
 * then writes it atomically (temp file, fsync, rename), keeping the previous version as `.bak`.
 * If `change` throws, or changes nothing, nothing is written.
 */
export async function updateData<T>(dir: string, change: (data: Data) => T): Promise<T> {
  ensureDataDir(dir);
  const file = dataFilePath(dir);
  const release = await acquireLock(file);
  try {
    const goalsDir = goalsFolder(dir);
    // A write always parses and checks the whole document: nothing damaged is ever rewritten.
    const current = readText(file);
    const data = withAbsoluteGoalFiles(current === undefined ? emptyData() : parseDocument(current, file), goalsDir);
    const result = change(data);
    const { text, praise } = serializeWithIndex(data, goalsDir);
    if (text !== current) {
      sweepLeftovers(dir);
      writeAtomic(file, text, { keepBackup: true });
    }
    writePraiseIndex(dir, file, praise);
    return result;
  } finally {
    await release().catch(() => undefined);
  }
}

/**
 * One entry per line: close to compact JSON in size and parse time (the store can hold tens of
 * thousands of entries), yet a person repairing the file by hand can still read and diff it.
 */
export function serialize(data: Data, goalsDir?: string): string {
  return serializeWithIndex(data, goalsDir).text;
}

interface PraiseSpan {
  from: number;
  to: number;
  records: Record<string, string>;
}

/** The document's text, and where its praise field lies in the bytes with the records of its index. */
function serializeWithIndex(data: Data, goalsDir?: string): { text: string; praise: PraiseSpan | undefined } {
  const stored = goalsDir ? { ...data, goals: data.goals.map((g) => ({ ...g, file: relativeGoalFile(g.file, goalsDir) })) } : data;
  let praise: PraiseSpan | undefined;
  let bytes = 2; // "{\n"
  const fields = Object.entries(stored).map(([key, value], i) => {
    const name = `${JSON.stringify(key)}: `;
    const lines = Array.isArray(value) && value.length > 0 ? value.map((v) => JSON.stringify(v)) : undefined;
    const field = lines ? `[\n${lines.join(',\n')}\n]` : JSON.stringify(value);
    const from = bytes + (i > 0 ? 2 : 0) + Buffer.byteLength(name);
    bytes = from + Buffer.byteLength(field);
    const records = key === 'praise' && lines ? praiseRecords(value as Data['praise'], lines) : undefined;
    if (records) praise = { from, to: bytes, records };
    return name + field;
  });
  return { text: `{\n${fields.join(',\n')}\n}\n`, praise };
}

/**
 * Leaves the praise index of the data file just written beside it (praise-log.ts); under the data
 * lock. Not flushed to the disk: a lost or stale index is ignored, and rebuilt by the next write.
 */
function writePraiseIndex(dir: string, file: string, praise: PraiseSpan | undefined): void {
  const index = path.join(dir, INDEX_FILE);
  try {
    if (!praise) return removeFile(index);
    const text = indexText(fileKey(fs.statSync(file)), praise);
    if (readIndex(dir) !== text) writeAtomic(index, text, { durable: false });
  } catch {
    // The data is saved; without an index (a full disk, a folder in its place) commands are slower.
  }
}

export { acquireLock, ensureDataDir, writeAtomic };
