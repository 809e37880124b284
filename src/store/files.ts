import fs from 'node:fs';
import path from 'node:path';
import { DataError, UserError } from '../errors.js';

/**
 * The file-system primitives of the data folder: the owner-only folder itself, whole-file writes
 * that readers see all or nothing of, durable appends, and plain words for errno codes.
 */

/** Creates the data folder owner-only, or checks that an existing one is usable. */
export function ensureDataDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.accessSync(dir, fs.constants.R_OK | fs.constants.W_OK | fs.constants.X_OK);
  } catch (err) {
    throw new DataError(`Cannot use the data folder ${dir}: ${reason(err)}.`, 'Check its permissions, or choose another with --home or MTL_HOME.');
  }
  const stat = fs.statSync(dir);
  if (!stat.isDirectory()) throw new DataError(`The data folder ${dir} is not a folder.`);
  // A folder made beforehand (mkdir, an unpacked archive) may let others list it. mtl makes its
  // own folder owner-only, so does so here too, but only to a folder that is mtl's: empty or
  // holding mtl.json (never, say, a home folder given as --home by mistake).
  if (stat.mode & 0o077 && stat.uid === process.getuid?.()) {
    try {
      const names = fs.readdirSync(dir);
      if (names.length === 0 || names.includes('mtl.json')) fs.chmodSync(dir, 0o700);
    } catch {
      // Its files are owner-only anyway.
    }
  }
}

/**
 * Writes `text` to `file` so that readers see the old or the new content, never a mix: a temporary
 * file beside it, flushed to the disk (with `durable`, the default), renamed over it. New files are
 * 0600. A symbolic link is written through: its target is replaced, keeping the target's mode.
 */
export function writeAtomic(file: string, text: string | Uint8Array, { durable = true } = {}): void {
  const { target, mode } = writeTarget(file);
  const temp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, 'wx', mode);
    if (mode !== 0o600) fs.fchmodSync(fd, mode);
    fs.writeFileSync(fd, text);
    if (durable) fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, target);
  } catch (err) {
    if (fd !== undefined) fs.closeSync(fd);
    removeFile(temp);
    throw err;
  }
  if (durable) syncDir(path.dirname(target));
}

/**
 * Where a write of `file` lands: the file itself, or the target of a link, with the mode to keep. Only
 * a plain file is replaced: the rename would put a file in the place of a device (as root, even
 * /dev/null), a pipe or a folder.
 */
function writeTarget(file: string): { target: string; mode: number } {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch {
    return { target: file, mode: 0o600 };
  }
  if (!stat.isSymbolicLink()) return { target: notPlain(file, stat), mode: 0o600 };
  const target = fs.realpathSync(file);
  const targetStat = fs.statSync(target);
  return { target: notPlain(target, targetStat), mode: targetStat.mode & 0o777 };
}

function notPlain(file: string, stat: fs.Stats): string {
  if (stat.isFile()) return file;
  const what = stat.isDirectory() ? 'a folder' : stat.isFIFO() ? 'a pipe' : stat.isSocket() ? 'a socket' : 'a device';
  throw new UserError(`${file} is ${what}, not a plain file; mtl writes only plain files and has not changed it.`, 'Give the path of a file to write (a new one, or a file to replace).');
}

/**
 * Appends `text` to `file` (created 0600) and flushes it to the disk; `from`, when given, first cuts
 * the file to that length (the torn end of a write that crashed). A new file's folder is flushed too.
 * All of it or none: a full disk takes part of a write without an error (write(2) returns the count
 * it took), so the rest is written in turn, and on a failure the file is cut back to where it was.
 */
export function appendDurable(file: string, text: string, from?: number, { durable = true } = {}): void {
  const created = !fs.existsSync(file);
  const fd = fs.openSync(file, 'a', 0o600);
  try {
    if (from !== undefined) fs.ftruncateSync(fd, from);
    const start = fs.fstatSync(fd).size;
    try {
      const bytes = Buffer.from(text);
      for (let done = 0; done < bytes.length; ) {
        const n = fs.writeSync(fd, bytes, done);
        if (n <= 0) throw Object.assign(new Error(`${file}: nothing more could be written`), { code: 'ENOSPC' });
        done += n;
      }
      if (durable) fs.fsyncSync(fd);
    } catch (err) {
      try {
        if (created) fs.unlinkSync(file);
        else fs.ftruncateSync(fd, start);
      } catch {
        // The reader ignores a torn last line; the write is reported as failed either way.
      }
      throw err;
    }
  } finally {
    fs.closeSync(fd);
  }
  if (created && durable) syncDir(path.dirname(file));
}

export function syncDir(dir: string): void {
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

/** Unlinks `file` if it is there. */
export function removeFile(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/**
 * A file's bytes (`start` bytes from its end, if given), or undefined when it does not exist. It is
 * opened without waiting and refused unless it is a plain file, so a FIFO in its place cannot hang
 * mtl; any other failure is a DataError naming it.
 */
export function readPlainFile(file: string, last?: number): Buffer | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      refuseDanglingLink(file);
      return undefined;
    }
    throw new DataError(`Cannot read ${file}: ${reason(err)}.`, 'Check the file permissions; nothing was changed.');
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new DataError(`${file} is not a plain file; mtl has not read or changed it.`, 'Move it away; mtl keeps its data in plain files.');
    if (last === undefined) return fs.readFileSync(fd);
    const tail = Buffer.alloc(Math.min(last, stat.size));
    fs.readSync(fd, tail, 0, tail.length, stat.size - tail.length);
    return tail;
  } catch (err) {
    throw err instanceof DataError ? err : new DataError(`Cannot read ${file}: ${reason(err)}.`, 'Check the file permissions; nothing was changed.');
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A path that is not there may still be a link to what is not there (a disk not mounted): that is
 * not an empty list, and reading it as one would show, export and sync a data folder without it.
 */
export function refuseDanglingLink(file: string): void {
  if (!fs.lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink()) return;
  throw new DataError(`${file} is a link to ${fs.readlinkSync(file)}, which is not there; mtl has not read or changed it.`, 'Mount or put back what it points to, or remove the link if that data is gone for good.');
}

/** A file's text, or undefined when it does not exist (as readPlainFile). */
export function readIfThere(file: string): string | undefined {
  return readPlainFile(file)?.toString('utf8');
}

/** An error's code in words (ENOENT, EACCES...) or its message, for messages that name what went wrong. */
export function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const words = e.code ? ERRNO_WORDS[e.code] : undefined;
  if (words) return `${words} (${e.code})`;
  return e.code ? `${e.code}` : String(e.message ?? err);
}

const ERRNO_WORDS: Record<string, string> = {
  ENOENT: 'no such file or folder', EACCES: 'permission denied', EPERM: 'not permitted', EISDIR: 'it is a folder',
  ENOTDIR: 'part of the path is not a folder', EEXIST: 'it already exists', ENOSPC: 'no space left on the disk',
  EDQUOT: 'over the disk quota', EFBIG: 'the file is too large', EROFS: 'the file system is read-only',
  ELOOP: 'a link that leads back to itself',
};
