import path from 'node:path';
import { entryProblem } from '../core/entry-checks.js';
import { ID_PREFIX, idNumber, KINDS, type Kind } from '../core/model.js';
import { damagedFile } from '../errors.js';
import { appendDurable, readIfThere, readPlainFile, removeFile, writeAtomic } from './files.js';

/**
 * The undo journal, `undo.jsonl`: one line per write, saying what each entry it touched was before
 * and became after (null: not there), and a line `{"undone":N}` when `mtl undo` reverted write N.
 * A write's line is written before its files (undo handles one cut short after it: what was not
 * saved is found as it was), the undone mark after. A restore, a merge or a purge empties it
 * (their old lines could bring a purged report back).
 */

export const JOURNAL_FILE = 'undo.jsonl';
/** How many writes the journal keeps; at twice that, it is rewritten with these only. */
export const JOURNAL_KEEP = 50;

export interface Change {
  kind: Kind;
  id: string;
  before: unknown;
  after: unknown;
}

export interface JournalEntry {
  n: number;
  changes: Change[];
}

interface Journal {
  /** Writes not undone, oldest first. */
  entries: JournalEntry[];
  lines: number;
  /** The file ends in the middle of a line (a write cut short): the next line starts on a new one. */
  torn: boolean;
  /** The highest write number on any line. */
  last: number;
}

/**
 * The journal as `mtl undo` reads it: a line that is whole but not a write or an undone mark as mtl
 * writes them (a known kind, an id of that kind, each side absent or a well-formed entry with that
 * id) is refused as damaged, naming its line: undo writes what the journal says. `lenient` (a write
 * rewriting the journal) leaves such lines out instead.
 */
export function readJournal(dir: string, { lenient = false } = {}): Journal {
  const file = path.join(dir, JOURNAL_FILE);
  const entries = new Map<number, JournalEntry>();
  const text = readIfThere(file) ?? '';
  let lines = 0;
  let last = 0;
  const all = text.split('\n');
  for (const [at, line] of all.entries()) {
    if (!line.trim()) continue;
    lines++;
    let value: { n?: unknown; undone?: unknown; changes?: unknown };
    try {
      value = JSON.parse(line);
    } catch {
      // A line cut short: its write stopped before changing any file (the line goes first), so
      // there is nothing of it to undo.
      continue;
    }
    const problem = lineProblem(value);
    if (problem) {
      if (lenient) continue;
      throw damagedFile(file, `line ${at + 1}: ${problem}`, `It is mtl undo's list of recent changes, not your data: remove that line, or the whole file to start the undo history afresh (rm '${file}').`);
    }
    if (typeof value.undone === 'number') entries.delete(value.undone);
    else entries.set(value.n as number, value as JournalEntry);
    if (typeof value.n === 'number') last = Math.max(last, value.n);
  }
  return { entries: [...entries.values()].sort((a, b) => a.n - b.n), lines, last, torn: text !== '' && !text.endsWith('\n') };
}

/** What is wrong with a whole line of the journal, or undefined. */
function lineProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'it is not a change mtl recorded';
  const line = value as { n?: unknown; undone?: unknown; changes?: unknown };
  const count = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
  if (line.undone !== undefined) return count(line.undone) ? undefined : `the undone mark ${JSON.stringify(line.undone)} is not a write's number`;
  if (!count(line.n)) return `its number ${JSON.stringify(line.n) ?? '(none)'} is not a whole number from 1`;
  if (!Array.isArray(line.changes)) return 'it has no list of changes';
  for (const change of line.changes as unknown[]) {
    if (typeof change !== 'object' || change === null) return 'a change in it is not an object';
    const { kind, id, before, after } = change as Record<string, unknown>;
    if (typeof kind !== 'string' || !(KINDS as string[]).includes(kind)) return `the kind ${JSON.stringify(kind) ?? '(none)'} is not one mtl keeps`;
    const k = kind as Kind;
    if (idNumber(id, ID_PREFIX[k]) === undefined) return `the id ${JSON.stringify(id) ?? '(none)'} is not "${ID_PREFIX[k]}" followed by a whole number from 1`;
    for (const [side, entry] of [['before', before], ['after', after]] as const) {
      if (entry === null) continue;
      if (entry === undefined) return `the change to ${id as string} has no "${side}"`;
      const problem = entryProblem(k, entry);
      if (problem) return `what ${id as string} was ${side} the change is not a well-formed entry: ${problem}`;
      if ((entry as { id?: unknown }).id !== id) return `the change to ${id as string} names another entry ${side} it (${JSON.stringify((entry as { id?: unknown }).id)})`;
    }
  }
  return undefined;
}

/**
 * What a write needs to know of the journal, without parsing it (every write pays for this): its
 * lines, the last write number (lines start `{"n":` or `{"undone":`), and whether it ends torn.
 */
function journalState(dir: string): { lines: number; last: number; torn: boolean } {
  const bytes = readPlainFile(path.join(dir, JOURNAL_FILE)) ?? Buffer.alloc(0);
  let lines = 0;
  for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) lines++;
  const tail = bytes.subarray(Math.max(0, bytes.length - 65_536)).toString('utf8');
  let last = 0;
  for (const m of tail.matchAll(/(?:^|\n)\{"(?:n|undone)":(\d+)/g)) last = Math.max(last, Number(m[1]));
  // One entry longer than the tail (a report with many notes): read it all.
  if (last === 0 && bytes.length > tail.length) last = readJournal(dir, { lenient: true }).last;
  return { lines, last, torn: bytes.length > 0 && bytes[bytes.length - 1] !== 10 };
}

/** Adds a write's changes (none: nothing), keeping the last JOURNAL_KEEP writes. */
export function journalWrite(dir: string, changes: Change[]): void {
  if (!changes.length) return;
  const file = path.join(dir, JOURNAL_FILE);
  const { lines, last, torn } = journalState(dir);
  const entry: JournalEntry = { n: last + 1, changes };
  if (lines + 1 <= 2 * JOURNAL_KEEP) return appendLine(file, entry, torn);
  const { entries } = readJournal(dir, { lenient: true });
  writeAtomic(file, [...entries.slice(-(JOURNAL_KEEP - 1)), entry].map((e) => JSON.stringify(e)).join('\n') + '\n');
}

/** Marks write `n` as undone. */
export function journalUndone(dir: string, n: number): void {
  appendLine(path.join(dir, JOURNAL_FILE), { undone: n }, journalState(dir).torn);
}

export function clearJournal(dir: string): void {
  removeFile(path.join(dir, JOURNAL_FILE));
}

function appendLine(file: string, value: unknown, torn: boolean): void {
  appendDurable(file, `${torn ? '\n' : ''}${JSON.stringify(value)}\n`);
}
