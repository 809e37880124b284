import fs from 'node:fs';
import path from 'node:path';
import { DataError } from '../errors.js';
import { migrate } from './migrations.js';
import { emptyData, type Data } from './schema.js';

export const DATA_FILE = 'mtl.json';
const BACKUP_SUFFIX = '.bak';

export function dataFilePath(dir: string): string {
  return path.join(dir, DATA_FILE);
}

/** Creates the data folder owner-only, or checks that an existing one is usable. */
export function ensureDataDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.accessSync(dir, fs.constants.R_OK | fs.constants.W_OK | fs.constants.X_OK);
  } catch (err) {
    throw new DataError(`Cannot use the data folder ${dir}: ${reason(err)}.`, 'Check its permissions, or choose another with --home or MTL_HOME.');
  }
  if (!fs.statSync(dir).isDirectory()) throw new DataError(`The data folder ${dir} is not a folder.`);
}

/** Reads the document without a lock (renames are atomic, so a reader never sees half a write). */
export function readData(dir: string): Data {
  return readFile(dataFilePath(dir))?.data ?? emptyData();
}

function readFile(file: string): { data: Data; text: string } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DataError(`Cannot read ${file}: ${reason(err)}.`, 'Check the file permissions; nothing was changed.');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw damaged(file, `it is not valid JSON (${(err as Error).message})`);
  }
  try {
    return { data: migrate(parsed, file), text };
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
    const current = readFile(file);
    const data = current?.data ?? emptyData();
    const result = change(data);
    const text = serialize(data);
    if (text !== current?.text) writeAtomic(file, text, true);
    return result;
  } finally {
    await release().catch(() => undefined);
  }
}

/**
 * One entry per line: close to compact JSON in size and parse time (the store can hold tens of
 * thousands of entries), yet a person repairing the file by hand can still read and diff it.
 */
export function serialize(data: Data): string {
  const fields = Object.entries(data).map(([key, value]) => {
    const name = JSON.stringify(key);
    if (Array.isArray(value) && value.length > 0) return `${name}: [\n${value.map((v) => JSON.stringify(v)).join(',\n')}\n]`;
    return `${name}: ${JSON.stringify(value)}`;
  });
  return `{\n${fields.join(',\n')}\n}\n`;
}

/** A lock older than this was left by a process that died; mtl's own writes hold it for milliseconds. */
const STALE_LOCK_MS = 10_000;
/** Waiters give up after this; it spans the stale time so a dead holder never blocks anyone. */
const LOCK_WAIT_MS = 15_000;

/**
 * A cross-process lock on `file`: the folder `<file>.lock`, created with mkdir (atomic on every
 * file system mtl runs on). A lock older than STALE_LOCK_MS is taken over. Hand-written rather than
 * proper-lockfile, which loads graceful-fs and patches fs (7 ms on every write) to refresh locks held
 * for seconds; mtl holds its locks for milliseconds.
 */
export async function acquireLock(file: string, options = { staleMs: STALE_LOCK_MS, waitMs: LOCK_WAIT_MS }): Promise<() => Promise<void>> {
  const lock = `${file}.lock`;
  const started = Date.now();
  for (let delay = 5; ; delay = Math.min(delay * 1.5, 200)) {
    try {
      fs.mkdirSync(lock, { mode: 0o700 });
      return async () => fs.rmSync(lock, { recursive: true, force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new DataError(`Cannot lock ${file}: ${reason(err)}.`, 'Check the permissions of the data folder.');
      }
    }
    if (lockAge(lock) > options.staleMs) {
      fs.rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() - started > options.waitMs) {
      throw new DataError(`Another mtl process has held ${lock} for too long.`, 'Try again in a moment; if no mtl is running, remove that folder.');
    }
    await new Promise((resolve) => setTimeout(resolve, delay * (0.5 + Math.random())));
  }
}

function lockAge(lock: string): number {
  try {
    return Date.now() - fs.statSync(lock).mtimeMs;
  } catch {
    return 0;
  }
}

/** Writes `text` to `file` so that readers see the old or the new content, never a mix; mode 0600. */
export function writeAtomic(file: string, text: string, keepBackup = false): void {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw err;
  }
  fs.closeSync(fd);
  try {
    if (keepBackup && fs.existsSync(file)) keepPreviousVersion(file);
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
  syncDir(path.dirname(file));
}

function keepPreviousVersion(file: string): void {
  const backup = file + BACKUP_SUFFIX;
  const temp = `${backup}.${process.pid}.tmp`;
  fs.rmSync(temp, { force: true });
  try {
    fs.linkSync(file, temp);
  } catch {
    fs.copyFileSync(file, temp);
  }
  // A hard link shares the old file's mode, which a user may have loosened by hand.
  fs.chmodSync(temp, 0o600);
  fs.renameSync(temp, backup);
}

function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some file systems refuse to fsync a folder; the rename is still atomic.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e.code ? `${e.code}` : String(e.message ?? err);
}
