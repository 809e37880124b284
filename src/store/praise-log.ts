import { createRequire } from 'node:module';
import { checkField } from './migrations.js';
import type { Data, Day, Praise } from './schema.js';

/**
 * The praise log is the one list that grows without bound (a report praised weekly for years), yet
 * the weekly nudge, the dashboard, the team view and the 1:1 agenda need only a few facts of it: the
 * last day each report was praised, how often lately, in private or in public. Parsing ten thousand
 * entries with their texts costs more than all the rest of such a command, so the data document
 * carries an index of the log: per report, one fixed-width record per entry (day, kind, byte offset
 * of its line), oldest day first, and a CRC-32 of the log and the index together. A reader trusts the
 * index only while the CRC matches; a hand edit, an older mtl's write or a Node without zlib.crc32
 * all fall back to the parsed log, through the same records. Only the entries a command shows are
 * parsed whole. The index is derived: rebuilt by every write, never exported, never migrated.
 */

/** One praise entry without its text. `ref` finds the whole entry (PraiseLog.entries). */
export interface PraiseFact {
  member: string;
  date: Day;
  public: boolean;
  ref: number;
}

export const INDEX_FIELD = 'index';

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

  /** How many entries fall from `from` to `to`, both included. */
  countBetween(from: Day, to: Day): number {
    return Math.max(0, this.firstAfter(to) - this.firstOnOrAfter(from));
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
  const praise = data.praise;
  return logOf(packRecords(praise, (_, i) => i), (refs) => refs.map((ref) => praise[ref]!));
}

function logOf(records: Map<string, string>, entries: (refs: number[]) => Praise[]): PraiseLog {
  return {
    members: () => [...records.keys()],
    of: (member) => new PraiseTimeline(member, records.get(member) ?? ''),
    entries: (facts) => entries(facts.map((f) => f.ref).sort((a, b) => a - b)),
  };
}

/** Per report, the fixed-width records of its entries, oldest day first (log order within a day). */
function packRecords(praise: Praise[], refOf: (p: Praise, i: number) => number): Map<string, string> {
  const byMember = new Map<string, { date: Day; record: string }[]>();
  praise.forEach((p, i) => {
    const list = byMember.get(p.member) ?? byMember.set(p.member, []).get(p.member)!;
    list.push({ date: p.date, record: `${p.date}${p.public ? '+' : '-'}${refOf(p, i).toString(36).padStart(REF_DIGITS, '0')}` });
  });
  // Array.prototype.sort is stable, so a day's entries stay in log order.
  return new Map([...byMember].map(([member, list]) => [member, list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)).map((r) => r.record).join('')]));
}

/** The serialized praise field (`[...]`, one entry per line) and the value of the index field. */
export function praiseFieldAndIndex(praise: Praise[]): { field: string; index: string | undefined } {
  if (praise.length === 0) return { field: '[]', index: undefined };
  const lines = praise.map((p) => JSON.stringify(p));
  const field = `[\n${lines.join(',\n')}\n]`;
  const crc = crc32();
  if (!crc || Buffer.byteLength(field) >= 36 ** REF_DIGITS) return { field, index: undefined };
  const offsets: number[] = [];
  let offset = 2;
  for (const line of lines) {
    offsets.push(offset);
    offset += Buffer.byteLength(line) + 2;
  }
  const members = JSON.stringify(Object.fromEntries(packRecords(praise, (_, i) => offsets[i]!)));
  // The CRC covers the log and the index together: neither can change without the other.
  return { field, index: `{"praise":{"crc":${crc(members, crc(field))},"members":${members}}}` };
}

/**
 * The praise log of the field `bytes[from, to)` through the index field `bytes[indexFrom, indexTo)`,
 * checked when first asked for; undefined when the index does not describe those bytes. Nothing here
 * throws: a bad index only costs speed.
 */
export function indexedPraiseLog(bytes: Buffer, from: number, to: number, indexFrom: number, indexTo: number, file: string): () => PraiseLog | undefined {
  let log: PraiseLog | undefined | null = null;
  const entries = (refs: number[]) => {
    const list = refs.map((ref) => {
      const start = from + ref;
      const end = bytes.indexOf(0x0a, start);
      return JSON.parse(bytes.toString('utf8', start, bytes[end - 1] === 0x2c ? end - 1 : end)) as Praise;
    });
    checkField(file, 'praise', list);
    return list;
  };
  return () => {
    if (log === null) {
      const records = validRecords(bytes.subarray(from, to), bytes.subarray(indexFrom, indexTo));
      log = records && logOf(records, entries);
    }
    return log;
  };
}

const INDEX_HEAD = Buffer.from('{"praise":{"crc":');
const MEMBERS_HEAD = Buffer.from(',"members":');
const INDEX_TAIL = Buffer.from('}}');

/** The records of an index field as praiseFieldAndIndex writes it, if its CRC matches the log's bytes. */
function validRecords(log: Buffer, index: Buffer): Map<string, string> | undefined {
  const crc = crc32();
  const membersAt = index.indexOf(MEMBERS_HEAD);
  if (!crc || !index.subarray(0, INDEX_HEAD.length).equals(INDEX_HEAD) || membersAt === -1 || !index.subarray(index.length - INDEX_TAIL.length).equals(INDEX_TAIL)) return undefined;
  const members = index.subarray(membersAt + MEMBERS_HEAD.length, index.length - INDEX_TAIL.length);
  if (Number(index.toString('latin1', INDEX_HEAD.length, membersAt)) !== crc(members, crc(log))) return undefined;
  try {
    const records = JSON.parse(members.toString('utf8')) as Record<string, unknown>;
    const entries = Object.entries(records);
    if (entries.some(([, v]) => typeof v !== 'string' || v.length % RECORD !== 0)) return undefined;
    return new Map(entries as [string, string][]);
  } catch {
    return undefined;
  }
}

type Crc32 = (data: string | Uint8Array, initial?: number) => number;

let crcFunction: Crc32 | null | undefined;

/** zlib.crc32 (Node 20.15 and later), loaded only by the commands that read or write the index. */
function crc32(): Crc32 | undefined {
  if (crcFunction === undefined) {
    const zlib = createRequire(import.meta.url)('node:zlib') as { crc32?: Crc32 };
    crcFunction = zlib.crc32 ?? null;
  }
  return crcFunction ?? undefined;
}
