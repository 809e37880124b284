import fs from 'node:fs';
import path from 'node:path';
import { quarterOf, sortByText } from '../core/dates.js';
import { lastPraised, type Day, type Member, type Praise, type PraiseLog } from '../core/model.js';
import { DataError } from '../errors.js';
import { reason, refuseDanglingLink } from './files.js';
import { maxIdNearEnd, RecordTable } from './records.js';

/**
 * The praise log, the one list that grows without bound: `praise/<YYYY>-Q<n>.jsonl`, one record
 * file per calendar quarter of the entries' days. The weekly rules need recent weeks, so they read
 * one or two quarter files; only the last praise of a report not praised lately sends the search to
 * older quarters, never before the quarter the report was added in.
 */

export const PRAISE_DIR = 'praise';
const QUARTER_FILE = /^\d{4}-Q[1-4]\.jsonl$/;


export class PraiseFiles implements PraiseLog {
  private known?: string[];
  private readonly tables = new Map<string, RecordTable<Praise>>();

  constructor(private readonly dir: string) {}

  /** The quarters that have a file, oldest first. */
  quarters(): string[] {
    if (!this.known) {
      let names: string[] = [];
      try {
        names = fs.readdirSync(path.join(this.dir, PRAISE_DIR));
      } catch (err) {
        const folder = path.join(this.dir, PRAISE_DIR);
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new DataError(`Cannot read ${folder}: ${reason(err)}.`);
        refuseDanglingLink(folder);
      }
      this.known = names.filter((n) => QUARTER_FILE.test(n)).map((n) => n.slice(0, -'.jsonl'.length)).sort();
    }
    return this.known;
  }

  /** The record file of a quarter (empty when it has none yet). */
  table(quarter: string): RecordTable<Praise> {
    let table = this.tables.get(quarter);
    if (!table) {
      // Days compare as text: the quarter's first day to the 31st of its last month.
      const first = (Number(quarter.slice(6)) - 1) * 3 + 1;
      const [from, to] = [`${quarter.slice(0, 4)}-${String(first).padStart(2, '0')}-01`, `${quarter.slice(0, 4)}-${String(first + 2).padStart(2, '0')}-31`];
      const inQuarter = (p: Praise) => (p.date >= from && p.date <= to ? undefined : `${p.id} is dated ${p.date}, which belongs in ${PRAISE_DIR}/${quarterOf(p.date)}.jsonl`);
      table = new RecordTable<Praise>(path.join(this.dir, PRAISE_DIR, `${quarter}.jsonl`), 'praise', inQuarter);
      this.tables.set(quarter, table);
      if (!this.quarters().includes(quarter)) this.known = [...this.quarters(), quarter].sort();
    }
    return table;
  }

  between(from: Day | undefined, to: Day | undefined): Praise[] {
    const first = from === undefined ? undefined : quarterOf(from);
    const last = to === undefined ? undefined : quarterOf(to);
    const entries: Praise[] = [];
    for (const q of this.quarters()) {
      if ((first && q < first) || (last && q > last)) continue;
      for (const p of this.table(q).all) if ((from === undefined || p.date >= from) && (to === undefined || p.date <= to)) entries.push(p);
    }
    return sortByText(entries, (p) => p.date);
  }

  lastOnOrBefore(members: Pick<Member, 'id' | 'added'>[], day: Day): Map<string, Day> {
    const found = new Map<string, Day>();
    let pending = members;
    const last = quarterOf(day);
    for (const q of [...this.quarters()].reverse()) {
      if (!pending.length) break;
      if (q > last) continue;
      // Nobody left to find was on the team yet in this quarter.
      if (pending.every((m) => q < quarterOf(m.added))) break;
      lastPraised(this.table(q).all, pending, day, found);
      pending = pending.filter((m) => !found.has(m.id));
    }
    return found;
  }

  all(): Praise[] {
    return this.between(undefined, undefined);
  }

  find(id: string): Praise | undefined {
    for (const q of [...this.quarters()].reverse()) {
      const found = this.table(q).find(id);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * The highest praise id in use, for the id counter: in the whole newest file, and near the end of
   * every other one (ids are appended there), without reading years of praise.
   */
  recentMaxId(): number {
    const newest = this.quarters().at(-1);
    const ends = this.quarters().map((q) => maxIdNearEnd(path.join(this.dir, PRAISE_DIR, `${q}.jsonl`), 'p'));
    return Math.max(newest ? this.table(newest).loaded.maxId : 0, ...ends);
  }

  add(entry: Praise): void {
    this.table(quarterOf(entry.date)).add(entry);
  }

  /** Every quarter's table, loaded: for a rewrite of the whole log. */
  allTables(): RecordTable<Praise>[] {
    return this.quarters().map((q) => this.table(q));
  }

  /** The quarter files this write changes (their folder made, if need be). */
  changedTables(): RecordTable<Praise>[] {
    // A file that loses an entry goes last: praise moved to another quarter is written into its new
    // file before it leaves the old, so a write cut short there leaves it twice, never nowhere.
    const changed = [...this.tables.values()].filter((t) => t.changed).sort((a, b) => Number(a.removes) - Number(b.removes));
    try {
      if (changed.length) fs.mkdirSync(path.join(this.dir, PRAISE_DIR), { recursive: true, mode: 0o700 });
    } catch (err) {
      throw new DataError(`Cannot make the folder ${path.join(this.dir, PRAISE_DIR)}: ${reason(err)}; nothing was changed.`, 'Move away what is in its place.');
    }
    return changed;
  }
}
