import fs from 'node:fs';
import path from 'node:path';
import { DataError } from '../errors.js';
import { reason } from './atomic.js';
import { fileKey, INDEX_FILE, indexedPraiseSpan, sameKey, type FileKey } from './praise-log.js';

/**
 * Reading the data file for the read-only commands: its bytes, the version of the file they are,
 * and, when the praise index describes that version, everything but the praise log (most of the
 * file), which is read when a command asks for it.
 */

/** The data file's bytes, the version of the file they are, and how to read the praise log (from a byte on) if it was skipped. */
export interface Source {
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
export function openSource(file: string, dir: string): Source | undefined {
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
  return sameKey(fileKey(fs.fstatSync(fd)), key);
}

export function cannotRead(file: string, err: unknown): DataError {
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

export function readIndex(dir: string): string | undefined {
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
