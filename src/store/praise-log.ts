import type fs from 'node:fs';
import { checkField } from './migrations.js';
import type { Data, Day, Praise } from './schema.js';

/**
 * The praise log is the one list that grows without bound (a report praised weekly for years), yet
 * the weekly nudge, the dashboard, the team view and the 1:1 agenda need only a few facts of it: the
 * last day each report was praised, how often lately, in private or in public. Parsing ten thousand
 * entries with their texts costs more than all the rest of such a command, so every write also leaves
 * an index of the log beside the data file (INDEX_FILE): per report, one fixed-width record per entry
 * (day, kind, byte offset of its line), oldest day first. The index names the exact file it describes
 * (inode, size, modification and change times), so a reader trusts it only for that file: a hand
 * edit, a restored copy or a write interrupted between the two files all fall back to the parsed
 * log, through the same records. Only the entries a command shows are parsed whole. The index is
 * derived: never exported, never migrated, and deleting it only costs speed.
 */

/** One praise entry without its text. `ref` finds the whole entry (PraiseLog.entries). */
export interface PraiseFact {
  member: string;
  date: Day;
  public: boolean;
  ref: number;
}

export const INDEX_FILE = 'mtl.json.index';

/** `YYYY-MM-DD`, `+` (public) or `-`, and the ref in five base-36 digits. */
const RECORD = 16;
const REF_DIGITS = 5;

/** One report's praise, oldest day first, searched by day without decoding the rest. */
export class PraiseTimeline {
  constructor(
    readonly member: string,
    private readonly records: string,
  ) {}

  get size(): number {
    return this.records.length / RECORD;
  }

  /** The latest day with praise on or before `day`. */
  lastOnOrBefore(day: Day): Day | undefined {
    const i = this.firstAfter(day) - 1;
    return i >= 0 ? this.dayAt(i) : undefined;
  }

  /** The entries from `from` to `to` (both included; open when undefined), oldest day first. */
  between(from: Day | undefined, to: Day | undefined): PraiseFact[] {
    const facts: PraiseFact[] = [];
    const end = to === undefined ? this.size : this.firstAfter(to);
    for (let i = from === undefined ? 0 : this.firstOnOrAfter(from); i < end; i++) {
      const at = i * RECORD;
      facts.push({ member: this.member, date: this.dayAt(i), public: this.records[at + 10] === '+', ref: parseInt(this.records.slice(at + 11, at + RECORD), 36) });
    }
    return facts;
  }

  /** How many entries fall from `from` to `to` (both included; open when undefined). */
  countBetween(from: Day | undefined, to: Day | undefined): number {
    const end = to === undefined ? this.size : this.firstAfter(to);
    return Math.max(0, end - (from === undefined ? 0 : this.firstOnOrAfter(from)));
  }

  private dayAt(i: number): Day {
    return this.records.slice(i * RECORD, i * RECORD + 10);
  }

  private firstOnOrAfter(day: Day): number {
    return this.search((d) => d >= day);
  }

  private firstAfter(day: Day): number {
    return this.search((d) => d > day);
  }

  /** The first record whose day passes `test`, which turns true once and stays true (days are sorted). */
  private search(test: (day: Day) => boolean): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (test(this.dayAt(mid))) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** The praise of a document, report by report. */
export interface PraiseLog {
  /** The reports with praise, by id. */
  members(): string[];
  /** One report's praise (empty for a report without any). */
  of(member: string): PraiseTimeline;
  /** The whole entries behind facts of this log, in log order. */
  entries(facts: PraiseFact[]): Praise[];
}

const VIEW = Symbol('praise index');

/** Set by the lazy reader: the praise log read through the document's index, when it is valid. */
export function attachPraiseIndex(data: Data, index: () => PraiseLog | undefined): void {
  Object.defineProperty(data, VIEW, { value: index, enumerable: false });
}

/** The praise log of `data`: through its index when the file's index is valid, else from the parsed log. */
export function praiseLog(data: Data): PraiseLog {
  const indexed = (data as unknown as Record<symbol, (() => PraiseLog | undefined) | undefined>)[VIEW]?.();
  if (indexed) return indexed;
  // One pass to group the entries by report; a report's records are packed when it is asked for (a
  // write that logs praise asks for one report of thousands).
  const praise = data.praise;
  const byMember = new Map<string, number[]>();
  praise.forEach((p, i) => (byMember.get(p.member) ?? byMember.set(p.member, []).get(p.member)!).push(i));
  const packed = new Map<string, string>();
  return logOf(
    [...byMember.keys()],
    (member) => packed.get(member) ?? packed.set(member, packRecords(praise, byMember.get(member) ?? [], (i) => i)).get(member)!,
    (refs) => refs.map((ref) => praise[ref]!),
  );
}

function logOf(members: string[], recordsOf: (member: string) => string, entries: (refs: number[]) => Praise[]): PraiseLog {
  return {
    members: () => members,
    of: (member) => new PraiseTimeline(member, recordsOf(member)),
    entries: (facts) => entries(facts.map((f) => f.ref).sort((a, b) => a - b)),
  };
}

/** The fixed-width records of one report's entries (`positions` in the log), oldest day first, log order within a day. */
function packRecords(praise: Praise[], positions: number[], refOf: (position: number) => number): string {
  // Array.prototype.sort is stable.
  return positions
    .map((i) => praise[i]!)
    .map((p, k) => ({ date: p.date, record: `${p.date}${p.public ? '+' : '-'}${refOf(positions[k]!).toString(36).padStart(REF_DIGITS, '0')}` }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((r) => r.record)
    .join('');
}

/**
 * The records of the index for a praise field serialized one entry per line (`lines`, the entries'
 * JSON): each entry's line starts 2 bytes in, after `[` and a newline, and lines are joined by `,`
 * and a newline. Undefined for a log too large for the offsets.
 */
export function praiseRecords(praise: Praise[], lines: string[]): Record<string, string> | undefined {
  const offsets: number[] = [];
  const byMember = new Map<string, number[]>();
  let offset = 2;
  lines.forEach((line, i) => {
    offsets.push(offset);
    offset += Buffer.byteLength(line) + 2;
    const member = praise[i]!.member;
    (byMember.get(member) ?? byMember.set(member, []).get(member)!).push(i);
  });
  if (offset >= 36 ** REF_DIGITS) return undefined;
  return Object.fromEntries([...byMember].map(([member, positions]) => [member, packRecords(praise, positions, (i) => offsets[i]!)]));
}

/** Identifies one version of the data file: any write, by mtl or by hand, changes one of these. */
export interface FileKey {
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

export function fileKey(stat: fs.Stats): FileKey {
  return { ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs };
}

export function sameKey(a: Partial<FileKey>, b: FileKey): boolean {
  return a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

/** The index file's text: the data file version it describes, where its praise field lies, the records. */
export function indexText(key: FileKey, praise: { from: number; to: number; records: Record<string, string> }): string {
  return `{"of":${JSON.stringify(key)},"praise":{"from":${praise.from},"to":${praise.to}},"records":${JSON.stringify(praise.records)}}\n`;
}

/**
 * The praise log of the field `bytes[from, to)` of the data file version `key`, through the index
 * text `readIndex` returns, checked when first asked for; undefined when that index is missing or
 * describes another version of the file: a bad index only costs speed. (An entry fetched through a
 * good one is still checked like any other.)
 */
export function indexedPraiseLog(
  bytes: Buffer,
  from: number,
  to: number,
  index: { key: FileKey; read: () => string | undefined; fillPraise: (start?: number) => void },
  file: string,
): () => PraiseLog | undefined {
  let log: PraiseLog | undefined | null = null;
  const entries = (refs: number[]) => {
    if (refs.length) index.fillPraise(from + refs.reduce((a, b) => Math.min(a, b)));
    // The lines of the entries asked for, parsed as one list: one parse, not one per entry.
    const lines = refs.map((ref) => {
      const start = from + ref;
      const end = bytes.indexOf(0x0a, start);
      return bytes.toString('utf8', start, bytes[end - 1] === 0x2c ? end - 1 : end);
    });
    const list = JSON.parse(`[${lines.join(',')}]`) as Praise[];
    checkField(file, 'praise', list);
    return list;
  };
  return () => {
    if (log === null) {
      const records = validRecords(index.read(), index.key, from, to);
      log = records && logOf([...records.keys()], (member) => records.get(member) ?? '', entries);
    }
    return log;
  };
}

/** Where the praise log lies in the data file version `key`, from the start of an index file that describes it. */
export function indexedPraiseSpan(head: string | undefined, key: FileKey): { from: number; to: number } | undefined {
  const end = head?.indexOf(',"records":') ?? -1;
  if (end === -1) return undefined;
  try {
    const index = JSON.parse(`${head!.slice(0, end)}}`) as { of?: Partial<FileKey>; praise?: { from?: unknown; to?: unknown } };
    const { from, to } = index.praise ?? {};
    if (!sameKey(index.of ?? {}, key)) return undefined;
    return typeof from === 'number' && typeof to === 'number' && 0 < from && from < to ? { from, to } : undefined;
  } catch {
    return undefined;
  }
}

function validRecords(text: string | undefined, key: FileKey, from: number, to: number): Map<string, string> | undefined {
  const span = indexedPraiseSpan(text, key);
  if (span?.from !== from || span.to !== to) return undefined;
  try {
    const { records } = JSON.parse(text!) as { records?: unknown };
    if (typeof records !== 'object' || records === null) return undefined;
    const entries = Object.entries(records);
    if (entries.some(([, v]) => typeof v !== 'string' || v.length % RECORD !== 0)) return undefined;
    return new Map(entries as [string, string][]);
  } catch {
    return undefined;
  }
}
