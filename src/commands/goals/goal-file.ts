import fs from 'node:fs';
import path from 'node:path';
import { dueDrift, frontMatterDue, withFrontMatter } from '../../core/entries.js';
import type { Io } from '../../context.js';
import type { Goal } from '../../core/model.js';
import { UserError } from '../../errors.js';
import { readIfThere, reason, writeAtomic } from '../../store/files.js';
import { inGoalsFolder } from '../../store/paths.js';
import { targetsText, withTargetsLine } from '../../core/templates.js';

/**
 * A goal's markdown file beside its entry in the store. The store is the one source of truth for
 * dates and status; the file's front matter follows it (`mtl edit g3 --due/--title` rewrite it), and
 * a `due:` edited by hand is pointed out, never taken silently.
 */

/** The first 4 KB of a file (front matter is at the top), or undefined when it cannot be read. */
function head(file: string): string | undefined {
  let fd: number | undefined;
  try {
    // Non-blocking, and plain files only: a pipe in the file's place is never waited on.
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    if (!fs.fstatSync(fd).isFile()) return undefined;
    const buffer = Buffer.alloc(4096);
    const n = fs.readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, n).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * One line for each open goal whose file's `due:` differs from the store's. Files are looked for
 * with one listing per folder, so goals without a file cost nothing.
 */
export function dueDrifts(goals: Goal[]): string[] {
  const listings = new Map<string, Set<string> | undefined>();
  const exists = (file: string) => {
    // Split at the last separator, not path.dirname and basename: a thousand goals paid 3-6 ms for them.
    const at = Math.max(file.lastIndexOf('/'), file.lastIndexOf(path.sep));
    const dir = at < 0 ? '.' : file.slice(0, at) || path.sep;
    if (!listings.has(dir)) {
      try {
        listings.set(dir, new Set(fs.readdirSync(dir)));
      } catch {
        listings.set(dir, undefined);
      }
    }
    return listings.get(dir)?.has(file.slice(at + 1)) ?? false;
  };
  const lines: string[] = [];
  for (const goal of goals) {
    if (goal.status !== 'open' || !exists(goal.file)) continue;
    const text = head(goal.file);
    const line = text === undefined ? undefined : dueDrift(goal, frontMatterDue(text));
    if (line) lines.push(line);
  }
  return lines;
}

/** The drift line of one goal, or undefined. */
export function dueDriftOf(goal: Goal): string | undefined {
  const text = head(goal.file);
  return text === undefined ? undefined : dueDrift(goal, frontMatterDue(text));
}

/**
 * Sets front matter fields in a goal's file. Returns a function that puts the old text back (for a
 * write of the store that fails after it), or undefined when there was no file, it is not in the
 * goals folder, or nothing changed.
 */
export function updateGoalFile(goal: Goal, goalsDir: string, fields: Record<string, string>, targets?: Record<string, number>): (() => void) | undefined {
  if (!inGoalsFolder(goal.file, goalsDir)) return undefined;
  let text: string | undefined;
  try {
    // Never waits on a pipe in the file's place.
    text = readIfThere(goal.file);
  } catch {
    return undefined;
  }
  if (text === undefined) return undefined;
  const original = text;
  // Own targets: in the front matter, and in the line under the metrics that a new goal's file has.
  const front = withFrontMatter(text, targets ? { ...fields, targets: targetsText(targets) } : fields);
  const next = front !== undefined && targets ? withTargetsLine(front, targets) : front;
  if (next === undefined || next === text) return undefined;
  try {
    writeAtomic(goal.file, next);
  } catch (err) {
    throw new UserError(`Cannot write ${goal.file}: ${reason(err)}; nothing was changed.`, 'Check its permissions and run the command again.');
  }
  return () => writeAtomic(goal.file, original);
}

/**
 * Moves a removed goal's file to `<goals folder>/archive/` (a name already there gets -2, -3...).
 * Returns where it went, or undefined when there was no file.
 */
export function archiveGoalFile(goal: Goal, goalsDir: string): string | undefined {
  if (!fs.existsSync(goal.file)) return undefined;
  if (!inGoalsFolder(goal.file, goalsDir)) throw new UserError(`it is not in the goals folder (${goalsDir}), and mtl moves only the files it made there.`);
  const archive = path.join(goalsDir, 'archive');
  const { name, ext } = path.parse(goal.file);
  // A link in the archive's place would send the file wherever it points.
  if (fs.lstatSync(archive, { throwIfNoEntry: false })?.isSymbolicLink()) {
    throw new UserError(`${archive} is a link, not a folder; nothing was changed.`, 'Put a plain folder there (or remove the link) and run the command again.');
  }
  try {
    fs.mkdirSync(archive, { recursive: true, mode: 0o700 });
    for (let n = 1; ; n++) {
      const target = path.join(archive, `${name}${n === 1 ? '' : `-${n}`}${ext}`);
      if (fs.existsSync(target)) continue;
      fs.renameSync(goal.file, target);
      return target;
    }
  } catch (err) {
    throw new UserError(`Cannot move ${goal.file} to ${archive}: ${reason(err)}; nothing was changed.`, 'Check the permissions of the goals folder and run the command again.');
  }
}

/** Prints a warning for each open goal whose file's `due:` was changed by hand (see dueDrifts). */
export function warnDueDrifts(io: Io, goals: Goal[]): void {
  for (const line of dueDrifts(goals)) io.err(io.color.yellow(`warning: ${line}`) + '\n');
}
