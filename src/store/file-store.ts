import fs from 'node:fs';
import path from 'node:path';
import { DataError } from '../errors.js';
import { acquireLock, BACKUP_SUFFIX, ensureDataDir, reason, removeFile, writeAtomic } from './atomic.js';
import { lazyData } from './lazy-read.js';
import { migrate } from './migrations.js';
import { fileKey, INDEX_FILE, indexedPraiseSpan, indexText, praiseFieldAndRecords, type FileKey } from './praise-log.js';
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

/** The data file's bytes, the version of the file they are, and how to read the praise log (from a byte on) if it was skipped. */
interface Source {
  bytes: Buffer;
  stat: fs.Stats;
  fillPraise: (start?: number) => void;
}

/** Closes the file of a source whose praise log was never read, once nothing uses it. */
const openFiles = new FinalizationRegistry<number>((fd) => {
  try {
    fs.closeSync(fd);
  } catch {
    // Closed already.
  }
});

/**
 * Opens the data file. When the praise index describes this very file, the praise log (most of
 * the bytes) is left unread, as zeros, until a command asks for it: most commands need only the
 * index. The file stays open until then, so the log read later is of the same version even if a
 * write has replaced the file meanwhile.
 */
function openSource(file: string, dir: string): Source | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw cannotRead(file, err);
  }
  let open = true;
  try {
    // mtl replaces the file by rename, which an open file never sees; a copy over it in place
    // (cp mtl.json.bak mtl.json) changes it as it is read, and the read is taken again.
    for (let attempt = 1; ; attempt++) {
      const stat = fs.fstatSync(fd);
      const key = fileKey(stat);
      const praise = indexedPraiseSpan(readIndexHead(dir), key);
      const sparse = praise !== undefined && praise.to <= stat.size;
      const bytes = sparse ? Buffer.alloc(stat.size) : Buffer.allocUnsafe(stat.size);
      const read = sparse ? readRange(fd, bytes, 0, praise.from) && readRange(fd, bytes, praise.to, stat.size) : readRange(fd, bytes, 0, stat.size);
      if (!read || !sameFile(fd, key)) {
        if (attempt < 3) continue;
        throw changedWhileRead(file);
      }
      if (!sparse) return { bytes, stat, fillPraise: () => undefined };
      const token = {};
      openFiles.register(bytes, fd, token);
      open = false;
      // The log is read from `start` to its end; the first entries asked for are usually the latest.
      let filledFrom = praise.to;
      const fillPraise = (start = praise.from) => {
        if (start >= filledFrom) return;
        const from = Math.max(start, praise.from);
        if (!readRange(fd, bytes, from, filledFrom) || !sameFile(fd, key)) throw changedWhileRead(file);
        filledFrom = from;
        if (filledFrom === praise.from) {
          openFiles.unregister(token);
          fs.closeSync(fd);
        }
      };
      return { bytes, stat, fillPraise };
    }
  } catch (err) {
    throw err instanceof DataError ? err : cannotRead(file, err);
  } finally {
    if (open) fs.closeSync(fd);
  }
}

function sameFile(fd: number, key: FileKey): boolean {
  const now = fileKey(fs.fstatSync(fd));
  return now.size === key.size && now.mtimeMs === key.mtimeMs && now.ctimeMs === key.ctimeMs;
}

function cannotRead(file: string, err: unknown): DataError {
  return new DataError(`Cannot read ${file}: ${reason(err)}.`, 'Check the file permissions; nothing was changed.');
}

function changedWhileRead(file: string): DataError {
  return new DataError(`${file} changed while mtl was reading it (copied over in place?); nothing was changed.`, 'Run the command again.');
}

/** Reads bytes [from, to) of the file into the same place of `bytes`; false when the file ends first. */
function readRange(fd: number, bytes: Buffer, from: number, to: number): boolean {
  for (let at = from; at < to; ) {
    const read = fs.readSync(fd, bytes, at, to - at, at);
    if (read === 0) return false;
    at += read;
  }
  return true;
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
    throw new DataError(`Cannot read ${file}: ${reason(err)}.`, 'Check the file permissions; nothing was changed.');
  }
}

function readIndex(dir: string): string | undefined {
  try {
    return fs.readFileSync(path.join(dir, INDEX_FILE), 'utf8');
  } catch {
    return undefined;
  }
}

/** The start of the index file, which says which version of the data file it describes. */
function readIndexHead(dir: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(path.join(dir, INDEX_FILE), 'r');
    const head = Buffer.allocUnsafe(512);
    return head.toString('utf8', 0, fs.readSync(fd, head, 0, head.length, 0));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
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
    let field: string;
    if (key === 'praise') {
      const log = praiseFieldAndRecords(value as Data['praise']);
      field = log.field;
      const from = bytes + (i > 0 ? 2 : 0) + Buffer.byteLength(name);
      if (log.records) praise = { from, to: from + Buffer.byteLength(field), records: log.records };
    } else if (Array.isArray(value) && value.length > 0) field = `[\n${value.map((v) => JSON.stringify(v)).join(',\n')}\n]`;
    else field = JSON.stringify(value);
    bytes += (i > 0 ? 2 : 0) + Buffer.byteLength(name) + Buffer.byteLength(field);
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
