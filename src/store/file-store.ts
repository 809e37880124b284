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
  return readFile(dataFilePath(dir)) ?? emptyData();
}

function readFile(file: string): Data | undefined {
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

export interface UpdateOptions {
  /** How long to wait for another mtl process that holds the lock. */
  lockRetries?: number;
}

/**
 * A locked read-modify-write: takes the lock, reads the latest document, lets `change` modify it,
 * then writes it atomically (temp file, fsync, rename), keeping the previous version as `.bak`.
 * If `change` throws, nothing is written.
 */
export async function updateData<T>(dir: string, change: (data: Data) => T): Promise<T> {
  ensureDataDir(dir);
  const file = dataFilePath(dir);
  const release = await acquireLock(file);
  try {
    const data = readFile(file) ?? emptyData();
    const result = change(data);
    writeAtomic(file, serialize(data), true);
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

/** The lock, as a `<file>.lock` folder; a holder killed outright leaves it stale after 10 s. */
export async function acquireLock(file: string): Promise<() => Promise<void>> {
  // Imported here, not at the top: proper-lockfile brings graceful-fs, which patches fs on load and
  // would slow every read-only command.
  const { default: lockfile } = await import('proper-lockfile');
  try {
    return await lockfile.lock(file, {
      realpath: false,
      stale: 10_000,
      retries: { retries: 200, factor: 1.2, minTimeout: 5, maxTimeout: 200, randomize: true },
    });
  } catch (err) {
    throw new DataError(
      `Another mtl process has held ${file}.lock for too long (${reason(err)}).`,
      'Try again in a moment; if no mtl is running, remove that folder.',
    );
  }
}

/** Writes `text` to `file` so that readers see the old or the new content, never a mix; mode 0600. */
export function writeAtomic(file: string, text: string, keepBackup = false): void {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
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
    fs.chmodSync(temp, 0o600);
  }
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
