import fs from 'node:fs';
import path from 'node:path';
import { DataError } from '../errors.js';

export const BACKUP_SUFFIX = '.bak';

/**
 * The file-system primitives every store file shares: the owner-only data folder, the cross-process
 * lock, and atomic writes.
 */

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
  const token = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  const started = Date.now();
  for (let delay = 5; ; delay = Math.min(delay * 1.5, 200)) {
    try {
      fs.mkdirSync(lock, { mode: 0o700 });
      fs.writeFileSync(`${lock}/owner`, token, { mode: 0o600 });
      return async () => release(lock, token);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new DataError(`Cannot lock ${file}: ${reason(err)}.`, 'Check the permissions of the data folder.');
      }
    }
    const held = lockStat(lock);
    if (held && Date.now() - held.mtimeMs > options.staleMs) {
      takeOver(lock, held.ino);
      continue;
    }
    if (Date.now() - started > options.waitMs) {
      throw new DataError(`Another mtl process has held ${lock} for too long.`, 'Try again in a moment; if no mtl is running, remove that folder.');
    }
    await new Promise((resolve) => setTimeout(resolve, delay * (0.5 + Math.random())));
  }
}

/** Removes the lock only while it is still ours: a holder that slept past the stale time lost it. */
function release(lock: string, token: string): void {
  try {
    if (fs.readFileSync(`${lock}/owner`, 'utf8') === token) removeLock(lock);
  } catch {
    // Gone or taken over: nothing of ours to remove.
  }
}

/**
 * Moves a stale lock aside before removing it, and only if it is still the folder judged stale (same
 * inode): two waiters that both saw it stale must not remove the fresh lock one of them just made.
 */
function takeOver(lock: string, staleIno: number): void {
  const aside = `${lock}.stale-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    fs.renameSync(lock, aside);
  } catch {
    return;
  }
  if (fs.statSync(aside).ino === staleIno) removeLock(aside);
  else {
    try {
      fs.renameSync(aside, lock);
    } catch {
      // A third process locked meanwhile; the moved lock is left aside rather than removed.
    }
  }
}

/**
 * A lock folder holds only its owner file; not fs.rmSync, which loads a recursive remover on every
 * write. A folder holding anything else (not mtl's) stays, and is taken over once stale.
 */
function removeLock(lock: string): void {
  removeFile(`${lock}/owner`);
  try {
    fs.rmdirSync(lock);
  } catch {
    // Already removed, or a takeover put a new lock in place.
  }
}

/** Unlinks `file` if it is there. */
export function removeFile(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

function lockStat(lock: string): fs.Stats | undefined {
  try {
    return fs.statSync(lock);
  } catch {
    return undefined;
  }
}

/**
 * Writes `text` to `file` so that readers see the old or the new content, never a mix; mode 0600.
 * `durable` (the default) flushes the file and its folder to the disk first: the user's data must
 * survive a power cut; a file derived from it need not.
 */
export function writeAtomic(file: string, text: string, { keepBackup = false, durable = true } = {}): void {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    fs.writeFileSync(fd, text);
    if (durable) fs.fsyncSync(fd);
  } catch (err) {
    fs.closeSync(fd);
    removeFile(temp);
    throw err;
  }
  fs.closeSync(fd);
  try {
    if (keepBackup && fs.existsSync(file)) keepPreviousVersion(file);
    fs.renameSync(temp, file);
  } catch (err) {
    removeFile(temp);
    throw err;
  }
  if (durable) syncDir(path.dirname(file));
}

function keepPreviousVersion(file: string): void {
  const backup = file + BACKUP_SUFFIX;
  const temp = `${backup}.${process.pid}.tmp`;
  removeFile(temp);
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

/** An error's code (ENOENT, EACCES...) or message, for messages that name what went wrong. */
export function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const words = e.code ? ERRNO_WORDS[e.code] : undefined;
  if (words) return `${words} (${e.code})`;
  return e.code ? `${e.code}` : String(e.message ?? err);
}

const ERRNO_WORDS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EISDIR: 'it is a folder',
  ENOTDIR: 'part of the path is not a folder',
  EEXIST: 'it already exists',
  ENOSPC: 'no space left on the disk',
  EROFS: 'the file system is read-only',
};
