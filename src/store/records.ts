import fs from 'node:fs';
import { damagedFile, DataError } from '../errors.js';
import { entryProblem } from '../core/entry-checks.js';
import { ID_PREFIX, idNumber, type Kind } from '../core/model.js';
import { appendDurable, readPlainFile, removeFile, writeAtomic } from './files.js';

/**
 * Record files: JSON Lines, one entry per line, as the data folder keeps every kind of entry. A
 * change appends a line instead of rewriting the file: the entry's new version (a later line for
 * the same id replaces the earlier one) or `{"delete":"<id>"}`. So a write costs the same at ten
 * entries and at ten thousand, and a reader never sees half a file. Once the lines replaced weigh a
 * quarter of the live ones (and at least 16 KB), the file is rewritten with the live entries only.
 */

/** A record file as read: its live entries in the order they first appeared, and where to append. */
export interface RecordFile<T> {
  file: string;
  kind: Kind;
  records: T[];
  /** Characters of the lines that still count, and of those replaced or deleting (newlines included). */
  liveChars: number;
  deadChars: number;
  /** The highest id number on any line, live or not. */
  maxId: number;
  /** Bytes of the complete lines: a torn last line (a write that crashed) starts here. */
  end: number;
  size: number;
  /** The last line is whole but lacks its newline (an edit by hand). */
  needsNewline: boolean;
  /** The file's text as read (a write looks up entries' old lines in it, for undo). */
  text?: string;
}

/** Reads and checks a record file; a missing file is an empty one. */
export function readRecordFile<T extends { id: string }>(file: string, kind: Kind, check?: (record: T) => string | undefined): RecordFile<T> {
  const bytes = readPlainFile(file);
  if (!bytes) return { file, kind, records: [], liveChars: 0, deadChars: 0, maxId: 0, end: 0, size: 0, needsNewline: false };
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const prefix = ID_PREFIX[kind];
  // While every line adds an entry with a higher id than the last (a file only added to, or just
  // rewritten), no line can replace another and the entries are kept in a plain list; the first line
  // that could switches to a map by id.
  const inOrder: T[] = [];
  const inOrderChars: number[] = [];
  let live: Map<string, T> | undefined;
  let chars: Map<string, number> | undefined;
  let maxId = 0;
  let liveChars = 0;
  let deadChars = 0;
  const accept = (value: unknown, line: number, length: number) => {
    const deleted = typeof value === 'object' && value !== null ? (value as { delete?: unknown }).delete : undefined;
    const isDeletion = deleted !== undefined && Object.keys(value as object).length === 1;
    const problem = isDeletion ? (idNumber(deleted, prefix) ? undefined : `it deletes ${JSON.stringify(deleted)}, which is not an id`) : (entryProblem(kind, value) ?? check?.(value as T));
    if (problem) throw damaged(file, line, problem);
    const id = (isDeletion ? deleted : (value as T).id) as string;
    const number = idNumber(id, prefix)!;
    if (!live && !isDeletion && number > maxId) {
      maxId = number;
      inOrder.push(value as T);
      inOrderChars.push(length);
      liveChars += length;
      return;
    }
    live ??= new Map(inOrder.map((r) => [r.id, r]));
    chars ??= new Map(inOrder.map((r, i) => [r.id, inOrderChars[i]!]));
    if (number > maxId) maxId = number;
    const replaced = chars.get(id) ?? 0;
    liveChars -= replaced;
    deadChars += replaced;
    if (isDeletion) {
      live.delete(id);
      chars.delete(id);
      deadChars += length;
    } else {
      live.set(id, value as T);
      chars.set(id, length);
      liveChars += length;
    }
  };
  const records = () => (live ? [...live.values()] : inOrder);
  const whole = wholeLines(text);
  if (whole) {
    whole.values.forEach((value, i) => accept(value, i + 1, whole.ends[i]! - (i ? whole.ends[i - 1]! : -1)));
    return { file, kind, records: records(), liveChars, deadChars, maxId, end: bytes.length, size: bytes.length, needsNewline: false, text };
  }
  // Blank lines, a last line without its newline, or damage: line by line.
  let end = bytes.length;
  let needsNewline = false;
  for (let at = 0, n = 1; at < text.length; n++) {
    const newline = text.indexOf('\n', at);
    const line = newline === -1 ? text.slice(at) : text.slice(at, newline);
    let value: unknown;
    try {
      value = line.trim() === '' ? undefined : JSON.parse(line);
    } catch (err) {
      // A last line without its newline that stops short of being JSON is a write cut short: never
      // acknowledged, so ignored (and cut by the next write). One that goes wrong before its end (a
      // stray comma typed by hand, in an editor that saves no last newline) is damage, named.
      if (newline === -1 && cutShort(line, err as Error)) {
        end = bytes.lastIndexOf(0x0a) + 1;
        break;
      }
      throw damaged(file, n, `it is not valid JSON (${(err as Error).message})`);
    }
    at = newline === -1 ? text.length : newline + 1;
    if (value === undefined) continue;
    needsNewline = newline === -1;
    accept(value, n, line.length + 1);
  }
  return { file, kind, records: records(), liveChars, deadChars, maxId, end, size: bytes.length, needsNewline, text };
}

/**
 * Whether JSON.parse failed only because `line` ends too soon: V8 says so ("Unexpected end of JSON
 * input"), or puts the error at the very end. Any other error is in the text itself.
 */
function cutShort(line: string, err: Error): boolean {
  if (err.message.includes('Unexpected end of JSON input')) return true;
  const at = /at position (\d+)/.exec(err.message);
  return at !== null && Number(at[1]) >= line.length;
}

/** The highest id in the last 8 KB of a record file, where new entries are appended: cheap, for a file not read whole. */
export function maxIdNearEnd(file: string, prefix: string): number {
  let tail: string;
  try {
    tail = readPlainFile(file, 8192)?.toString('utf8') ?? '';
  } catch {
    return 0;
  }
  let max = 0;
  for (const m of tail.matchAll(new RegExp(`"(?:id|delete)":"(${prefix}\\d{1,15})"`, 'g'))) max = Math.max(max, idNumber(m[1], prefix) ?? 0);
  return max;
}

/**
 * The values of a file of whole lines, each one JSON value, in one parse (one call for thousands of
 * small entries is a third cheaper); undefined for anything else, which is then read line by line.
 */
function wholeLines(text: string): { values: unknown[]; ends: number[] } | undefined {
  if (!text.endsWith('\n') || text.includes('\n\n') || text.startsWith('\n')) return undefined;
  const ends: number[] = [];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) ends.push(at);
  try {
    const values = JSON.parse(`[${text.slice(0, -1).replaceAll('\n', ',')}]`) as unknown[];
    // Two entries on one line, comma-separated, parse here but not as lines: let the line reader say so.
    return values.length === ends.length ? { values, ends } : undefined;
  } catch {
    return undefined;
  }
}

function damaged(file: string, line: number, what: string): DataError {
  return damagedFile(file, `line ${line}: ${what}`, 'Each line is one entry: repair that line by hand or delete it, or restore the file from a backup (mtl import) or from git.');
}

/**
 * Whether a file is worth rewriting: once the characters of its replaced and deleting lines weigh a
 * quarter of the live ones, and at least 16 KB (below that, reading them costs nothing).
 */
export function worthCompacting(deadChars: number, liveChars: number): boolean {
  return deadChars >= 16_384 && deadChars * 4 >= liveChars;
}

/**
 * One record file inside a write: read on first use (under the lock, so it is the latest), changed
 * in memory, and saved by `commit`: the touched entries appended, or the whole file rewritten when
 * that is due. Changing an entry in place and not calling `put` saves nothing.
 */
export class RecordTable<T extends { id: string }> {
  private read?: RecordFile<T>;
  private readonly touched = new Set<string>();
  /** Touched entries that this write added: they were not in the file before. */
  private readonly added = new Set<string>();
  private rewrite = false;
  /** How `commit` wrote the file, so `uncommit` can put it back. */
  private wrote?: 'append' | 'rewrite';
  /** What the lines of entries replaced or deleted in this write weigh, about. */
  private replacedChars = 0;

  constructor(
    readonly file: string,
    readonly kind: Kind,
    private readonly check?: (record: T) => string | undefined,
    /** How entries differ in memory from on disk (goal files: absolute in memory, relative on disk). */
    private readonly codec?: { decode(record: T): T; encode(record: T): unknown },
  ) {}

  get loaded(): RecordFile<T> {
    if (!this.read) {
      this.read = readRecordFile<T>(this.file, this.kind, this.check);
      if (this.codec) this.read.records.forEach((r, i, all) => (all[i] = this.codec!.decode(r)));
    }
    return this.read;
  }

  /** The live entries; the same array through the whole write. */
  get all(): T[] {
    return this.loaded.records;
  }

  get changed(): boolean {
    return this.touched.size > 0 || this.rewrite;
  }

  find(id: string): T | undefined {
    return this.all.find((r) => r.id === id);
  }

  add(record: T): T {
    this.all.push(record);
    this.touched.add(record.id);
    this.added.add(record.id);
    return record;
  }

  /** The whole file is replaced in this write (a restore, a purge): no change of single entries to tell. */
  get replaced(): boolean {
    return this.rewrite;
  }

  /**
   * Each entry this write touches, as its line on disk was before (null: it was not there) and as
   * it will be after (null: removed), for the undo journal. Read before `commit`, under the lock, so
   * the file still holds the old lines.
   */
  changes(): { id: string; before: unknown; after: unknown }[] {
    const now = new Set(this.all.map((r) => r.id));
    let text: string | undefined;
    let old: Map<string, T> | undefined;
    const before = (id: string): unknown => {
      if (this.added.has(id)) return null;
      // The entry's latest line: mtl writes the id first, so it starts with {"id":"<id>",
      text ??= this.loaded.text ?? '';
      const start = text.lastIndexOf(`{"id":${JSON.stringify(id)},`);
      if (start === 0 || (start > 0 && text[start - 1] === '\n')) {
        try {
          const end = text.indexOf('\n', start);
          return JSON.parse(text.slice(start, end === -1 ? undefined : end));
        } catch {
          // A torn or hand-made line: read the file as mtl does.
        }
      }
      old ??= new Map(readRecordFile<T>(this.file, this.kind).records.map((r) => [r.id, r]));
      return old.get(id) ?? null;
    };
    return [...this.touched].map((id) => ({ id, before: before(id), after: now.has(id) ? this.line(id) : null }));
  }

  /** An entry as `changes` tells it (null: not there). */
  line(id: string): unknown {
    const record = this.find(id);
    return record === undefined ? null : (JSON.parse(JSON.stringify(this.codec ? this.codec.encode(record) : record)) as unknown);
  }

  /** Puts back an entry as `changes` told it (null: removes it), for undo. */
  restore(id: string, line: unknown): void {
    if (line === null) this.remove(id);
    else this.put(this.codec ? this.codec.decode(structuredClone(line) as T) : (structuredClone(line) as T));
  }

  /** Saves an entry's new version (the object may be the one already in `all`, changed). */
  put(record: T): void {
    const i = this.all.findIndex((r) => r.id === record.id);
    if (i === -1) this.all.push(record);
    else {
      this.replacedChars += JSON.stringify(this.all[i]).length + 1;
      this.all[i] = record;
    }
    this.touched.add(record.id);
  }

  remove(id: string): boolean {
    const i = this.all.findIndex((r) => r.id === id);
    if (i === -1) return false;
    this.replacedChars += JSON.stringify(this.all[i]).length + 20;
    this.all.splice(i, 1);
    this.touched.add(id);
    return true;
  }

  /** Replaces every entry; the file is rewritten whole (a restore, a purge: no old line may stay). */
  replaceAll(records: T[]): void {
    const all = this.loaded.records;
    const replacing = [...records];
    all.length = 0;
    for (const r of replacing) all.push(r);
    this.rewrite = true;
  }

  /** Appends the touched entries' new versions and deletions (cutting off a torn last line first), or rewrites the file. */
  commit(): void {
    if (!this.changed) return;
    const read = this.loaded;
    const line = (r: T) => JSON.stringify(this.codec ? this.codec.encode(r) : r);
    if (this.rewrite || worthCompacting(read.deadChars + this.replacedChars, read.liveChars)) {
      if (read.records.length) writeAtomic(this.file, read.records.map(line).join('\n') + '\n');
      else removeFile(this.file);
      this.wrote = 'rewrite';
      return;
    }
    const byId = new Map(read.records.map((r) => [r.id, r]));
    const lines = [...this.touched].map((id) => (byId.has(id) ? line(byId.get(id)!) : JSON.stringify({ delete: id })));
    appendDurable(read.file, (read.needsNewline ? '\n' : '') + lines.join('\n') + '\n', read.end < read.size ? read.end : undefined);
    this.wrote = 'append';
  }

  /** This write removes an entry from the file (a deletion, or praise moved to another quarter's file). */
  get removes(): boolean {
    const now = new Set(this.all.map((r) => r.id));
    return [...this.touched].some((id) => !now.has(id));
  }

  /**
   * Puts the file back as it was read, after a commit that a later file of the same write could not
   * follow: an append cut back, a rewrite written again from the text read. Whether it could.
   */
  uncommit(): boolean {
    const read = this.loaded;
    try {
      if (this.wrote && read.text === undefined) removeFile(this.file);
      else if (this.wrote === 'append') fs.truncateSync(this.file, read.end);
      else if (this.wrote === 'rewrite') writeAtomic(this.file, read.text!);
      this.wrote = undefined;
      return true;
    } catch {
      return false;
    }
  }
}
