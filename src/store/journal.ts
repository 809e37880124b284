import path from 'node:path';
import type { Kind } from '../core/model.js';
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

export function readJournal(dir: string): Journal {
  const file = path.join(dir, JOURNAL_FILE);
  const entries = new Map<number, JournalEntry>();
  const text = readIfThere(file) ?? '';
  let lines = 0;
  let last = 0;
  for (const line of text.split('\n')) {
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
    if (typeof value.undone === 'number') entries.delete(value.undone);
    else if (typeof value.n === 'number' && Array.isArray(value.changes)) entries.set(value.n, value as JournalEntry);
    if (typeof value.n === 'number') last = Math.max(last, value.n);
  }
  return { entries: [...entries.values()].sort((a, b) => a.n - b.n), lines, last, torn: text !== '' && !text.endsWith('\n') };
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
  if (last === 0 && bytes.length > tail.length) last = readJournal(dir).last;
  return { lines, last, torn: bytes.length > 0 && bytes[bytes.length - 1] !== 10 };
}

/** Adds a write's changes (none: nothing), keeping the last JOURNAL_KEEP writes. */
export function journalWrite(dir: string, changes: Change[]): void {
  if (!changes.length) return;
  const file = path.join(dir, JOURNAL_FILE);
  const { lines, last, torn } = journalState(dir);
  const entry: JournalEntry = { n: last + 1, changes };
  if (lines + 1 <= 2 * JOURNAL_KEEP) return appendLine(file, entry, torn);
  const { entries } = readJournal(dir);
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
