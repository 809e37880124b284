import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataError } from '../errors.js';
import { ensureDataDir, reason, removeFile } from './files.js';

/**
 * The data folder's lock, `mtl.lock`: every write of every file in the folder happens while holding
 * it. It is a small file naming its holder (process id, host, boot and process start), made by
 * hard-linking a finished temporary file to the lock's name: link(2) is atomic and fails when the
 * name exists, so a lock is never seen half-written. Hand-written rather than proper-lockfile, which
 * judges a lock by its age alone: a holder that is stopped (Ctrl-Z) or slow keeps its lock here, for
 * as long as its process lives; a lock whose process is gone is taken over at once.
 */

export const LOCK_FILE = 'mtl.lock';

/** Waiters give up after this, naming the holder: a stopped process can hold the lock for ever. */
const WAIT_MS = 60_000;
/** A lock from another machine (a shared folder) cannot be checked for life; this old, it is left behind. */
const OTHER_HOST_STALE_MS = 30_000;
/** After this long waiting, the waiter says what it is waiting for. */
const NOTICE_MS = 2_000;

/** What the lock file says: who holds it (the process, on which host, since which boot), and when. */
type Owner = { pid: number; host: string; boot?: string; start?: string; token: string; since: string };

export interface Lock {
  /** Throws unless the lock is still this holder's: checked before each file is written. */
  verify(): void;
  release(): void;
}

/** A person waiting should know why: one line on stderr, whatever the command. */
function toStderr(message: string): void {
  try {
    fs.writeSync(2, `${message}\n`);
  } catch {
    // Nowhere to say it.
  }
}

/** Runs `work` holding the data folder's lock (making the folder first), and releases it whatever happens. */
export async function withLock<T>(dir: string, work: (lock: Lock) => T | Promise<T>, waitMs = WAIT_MS): Promise<T> {
  ensureDataDir(dir);
  const lock = await lockFolder(dir, waitMs);
  try {
    return await work(lock);
  } finally {
    lock.release();
  }
}

export async function lockFolder(dir: string, waitMs = WAIT_MS): Promise<Lock> {
  const file = path.join(dir, LOCK_FILE);
  const me: Owner = { ...identity(), token: Math.random().toString(36).slice(2), since: new Date().toISOString() };
  const temp = `${file}.${me.pid}.${me.token}.tmp`;
  try {
    fs.writeFileSync(temp, JSON.stringify(me) + '\n', { flag: 'wx', mode: 0o600 });
  } catch (err) {
    removeFile(temp);
    throw new DataError(`Cannot lock ${file}: ${reason(err)}; nothing was changed.`, 'Check the data folder (its permissions, the free space).');
  }
  const started = Date.now();
  let noticed = false;
  try {
    for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
      try {
        fs.linkSync(temp, file);
        // Its time is when it was taken (another host judges its age by it), not when waiting began.
        const now = new Date();
        fs.utimesSync(file, now, now);
        return holding(file, me.token);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new DataError(`Cannot lock ${file}: ${reason(err)}; nothing was changed.`, 'Check the permissions of the data folder.');
      }
      const holder = inspect(file);
      if (holder === undefined) continue;
      if (holder.state === 'gone') {
        takeOver(file, holder.ino, temp);
        continue;
      }
      const waited = Date.now() - started;
      const who = holder.owner ? `mtl (process ${holder.owner.pid}${holder.state === 'elsewhere' ? ` on ${holder.owner.host}` : ''})` : 'another process';
      if (waited > waitMs) {
        const held = `${who} has held ${file} for over ${(waited / 1000).toFixed(waited < 10_000 ? 1 : 0)} s`;
        throw busy(held, new DataError(
          `${held}; nothing was changed.`,
          holder.state === 'alive' ? `If it is stopped (Ctrl-Z), resume it with fg; or end it (kill ${holder.owner!.pid}) and run the command again.` : 'Run the command again once it has finished.',
        ));
      }
      if (!noticed && waited > NOTICE_MS) {
        noticed = true;
        toStderr(`Waiting for ${who} to finish writing to ${dir}...`);
      }
      await new Promise((resolve) => setTimeout(resolve, delay * (0.5 + Math.random())));
    }
  } finally {
    removeFile(temp);
  }
}

/** The error of a wait for the lock that ran out, told apart by `isLockBusy`; `held` says who held it. */
function busy(held: string, err: DataError): DataError {
  return Object.assign(err, { lockBusy: true, held });
}

export function isLockBusy(err: unknown): err is DataError & { held: string } {
  return (err as { lockBusy?: boolean } | null)?.lockBusy === true;
}

function holding(file: string, token: string): Lock {
  return {
    verify() {
      if (tokenOf(file) !== token) {
        throw new DataError(`Another process took over ${file} while this command held it; nothing more was written.`, 'Check what was saved (mtl), then run the command again.');
      }
    },
    release() {
      try {
        if (tokenOf(file) === token) fs.unlinkSync(file);
      } catch {
        // Already gone: nothing of ours to remove.
      }
    },
  };
}

function tokenOf(file: string): string | undefined {
  try {
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Owner>).token;
  } catch {
    return undefined;
  }
}

type Holder = { ino: number; owner?: Owner; state: 'alive' | 'gone' | 'elsewhere' };

/** Who holds the lock and whether they still can; undefined when it was released meanwhile. */
function inspect(file: string): Holder | undefined {
  let stat: fs.Stats;
  let text: string;
  try {
    // lstat: a link (even a broken one) or a FIFO in the lock's place is not a lock mtl could have made.
    stat = fs.lstatSync(file);
    if (!stat.isFile()) throw new DataError(`${file} is ${stat.isDirectory() ? 'a folder' : 'not a plain file'}, not mtl's lock; nothing was changed.`, `Remove it if no other program uses it.`);
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err instanceof DataError ? err : new DataError(`Cannot read ${file}: ${reason(err)}.`, 'Check the permissions of the data folder.');
  }
  let owner: Owner | undefined;
  try {
    const parsed = JSON.parse(text) as Owner;
    if (Number.isInteger(parsed.pid) && parsed.pid > 0 && typeof parsed.host === 'string' && typeof parsed.token === 'string') owner = parsed;
  } catch {
    // Not a holder mtl could have written (a link is only made of a finished file): left behind.
  }
  if (!owner) return { ino: stat.ino, state: 'gone' };
  const me = identity();
  if (owner.host !== me.host) return { ino: stat.ino, owner, state: Date.now() - stat.mtimeMs > OTHER_HOST_STALE_MS ? 'gone' : 'elsewhere' };
  return { ino: stat.ino, owner, state: alive(owner, me) ? 'alive' : 'gone' };
}

/** Whether the process that wrote `owner` on this host still runs (not another one with its pid). */
function alive(owner: Owner, me: Omit<Owner, 'token' | 'since'>): boolean {
  if ((owner.boot && me.boot && owner.boot !== me.boot) || !processRuns(owner.pid)) return false;
  const start = startOf(owner.pid);
  return !(owner.start && start && owner.start !== start);
}

/** Whether a process of this pid runs on this host (one of another user's counts). */
export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes a lock judged left behind, and only that one (the same inode as judged). Takeovers go one
 * at a time, each holding `mtl.lock.break` (made like the lock, from our finished temporary file):
 * two waiters that both saw the dead lock cannot remove, between them, the new lock one of them took.
 * A breaker left by a process that died is removed the same way.
 */
function takeOver(file: string, ino: number, temp: string): void {
  const breaker = `${file}.break`;
  try {
    fs.linkSync(temp, breaker);
  } catch {
    const holder = inspect(breaker);
    if (holder?.state === 'gone' && fs.statSync(breaker, { throwIfNoEntry: false })?.ino === holder.ino) removeFile(breaker);
    return;
  }
  try {
    if (fs.statSync(file, { throwIfNoEntry: false })?.ino === ino) removeFile(file);
  } finally {
    removeFile(breaker);
  }
}

let self: Omit<Owner, 'token' | 'since'> | undefined;

function identity(): Omit<Owner, 'token' | 'since'> {
  return (self ??= { pid: process.pid, host: os.hostname(), boot: readProc('/proc/sys/kernel/random/boot_id')?.trim(), start: startOf(process.pid) });
}

/** A process's start time in clock ticks since boot (Linux), which tells it from a later one with its pid. */
function startOf(pid: number): string | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  // The command name (field 2) may hold spaces and parentheses; the fields after it are plain.
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

function readProc(file: string): string | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
