import path from 'node:path';
import type { Kind } from '../core/model.js';
import { damagedFile } from '../errors.js';
import { appendDurable, readIfThere, removeFile, writeAtomic } from './files.js';

/**
 * The undo journal, `undo.jsonl`: one line per write, saying what each entry it touched was before
 * and became after (null: not there), and a line `{"undone":N}` when `mtl undo` reverted write N.
 * Written last in a write, not flushed to the disk: a crash can cost the way back, never data. A
 * restore, a merge or a purge empties it (their old lines could bring a purged report back).
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
      // A last line cut short by a crash: that write cannot be undone.
      if (!text.endsWith('\n') && text.endsWith(line)) break;
      throw damagedFile(file, `line ${lines} is not valid JSON`, `It only holds what mtl undo can revert: remove it (rm '${file}') to start it afresh.`);
    }
    if (typeof value.undone === 'number') entries.delete(value.undone);
    else if (typeof value.n === 'number' && Array.isArray(value.changes)) entries.set(value.n, value as JournalEntry);
    if (typeof value.n === 'number') last = Math.max(last, value.n);
  }
  return { entries: [...entries.values()].sort((a, b) => a.n - b.n), lines, last };
}

/** Adds a write's changes (none: nothing), keeping the last JOURNAL_KEEP writes. */
export function journalWrite(dir: string, changes: Change[]): void {
  if (!changes.length) return;
  const file = path.join(dir, JOURNAL_FILE);
  const { entries, lines, last } = readJournal(dir);
  const entry: JournalEntry = { n: last + 1, changes };
  if (lines + 1 > 2 * JOURNAL_KEEP) writeAtomic(file, [...entries.slice(-(JOURNAL_KEEP - 1)), entry].map((e) => JSON.stringify(e)).join('\n') + '\n', { durable: false });
  else appendLine(file, entry);
}

/** Marks write `n` as undone. */
export function journalUndone(dir: string, n: number): void {
  appendLine(path.join(dir, JOURNAL_FILE), { undone: n });
}

export function clearJournal(dir: string): void {
  removeFile(path.join(dir, JOURNAL_FILE));
}

function appendLine(file: string, value: unknown): void {
  appendDurable(file, JSON.stringify(value) + '\n', undefined, { durable: false });
}
