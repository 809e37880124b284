import { UserError } from '../errors.js';
import { ID_PREFIX, idNumber, KINDS, MAX_ID, type Kind, type Records } from './model.js';
import { nameKey } from './team.js';

/**
 * The three-way merge `mtl sync` runs: two copies of a data folder that went apart from a common
 * ancestor (`base`), joined record by record. Pure: no files, no git, no clock; the inputs are never
 * changed.
 *
 * Which entry is which: an id present in `base` names the same entry on both sides. An entry new on
 * both sides (not in `base`) is the same entry when it has the same identity (what `mtl import
 * --merge` matches on, core/backup.ts: a report's name, a praise entry's time, report and text...),
 * whatever its id on each side; otherwise it is a different entry, and when its id is taken it is
 * renumbered. Only `theirs` is ever renumbered: `ours` keeps every id. Everything else is symmetric
 * (see "Commutative" below), so a caller chooses the side renumbered by the order of its arguments.
 *
 * The rules, per entry:
 * - added on one side: kept; added on both (same identity): one entry, its fields joined;
 * - removed on one side, unchanged on the other: stays removed (nothing comes back);
 * - removed on one side, changed on the other: kept, with the change, and reported (a manager's notes
 *   are worth more than a tidy removal; removing it again is one command);
 * - a report removed (`team remove --purge`) on one side while the other side added or changed an
 *   entry about them (praise, a note...): the report is kept, with that entry, and reported; what the
 *   purge removed and the other side did not touch stays removed;
 * - an action item whose 1:1 was removed on the other side stays, without the link (as `mtl rm` of
 *   that 1:1 would have left it), reported;
 * - changed on both sides: field by field. A field changed on one side only takes that change; a
 *   field changed on both to different values keeps one and reports the other (`conflicts`), decided
 *   as DECIDING below. Lists are joined, not chosen: check-ins united by `at` (a check-in removed on
 *   one side and untouched on the other stays removed), a 1:1's notes and delivered feedback, a
 *   delegation's steps one by one; a report's personal notes are entries of their own (`n` ids).
 *
 * DECIDING a field changed on both sides (the first rule that tells):
 * 1. goals and reports' goals have `updatedAt` (set by every change): the side changed later wins
 *    every field of that entry, and one with `updatedAt` wins over one without; `updatedAt` itself
 *    becomes the later of the two and is never reported. Without an ancestor (an entry made on both
 *    sides), the side changed earlier only holds an older state: taken over silently, as `mtl import
 *    --merge` does. Other kinds record when they were made (`at`), never when they were changed, so
 *    `at` cannot tell which change is later;
 * 2. a value wins over a removed value (keep the change);
 * 3. facts that only happen once keep the first: a report's `added` day, a feedback's `deliveredOn`,
 *    a delegation step's day; a status `done` wins over `open`, and of two `done`, the earlier
 *    `doneOn` (as core/backup.ts's merge does);
 * 4. otherwise, the value whose canonical JSON text sorts last: arbitrary, but the same whichever side
 *    is `ours`, so both machines reach the same data.
 * A status, its progress and its `doneOn` are decided together, never mixed from two sides.
 *
 * Commutative: `mergeThreeWay(b, o, t)` and `mergeThreeWay(b, t, o)` hold the same entries with the
 * same fields and report the same conflicts; they differ only in the ids of entries new on both sides
 * (the side renumbered, and which id an entry made on both sides keeps). Without such entries they
 * are equal. Idempotent: merging the result `m` with a side `s` it came from, with `s` as the ancestor
 * (what git asks after the merge commit), `(s, m, s)` or `(s, s, m)`, gives `m` back with nothing
 * renumbered or reported. With the old ancestor, `(base, m, s)` gives `m` back too and hands out no
 * id (s's entries are found under the ids they got, `same entry`), but may report again a clash it
 * decided the first time.
 *
 * Ids: ids never go down or get reused. `counters` should be the higher of both sides' counters
 * (mtl.json); the counters returned are at least those and at least every id in `base`, `ours`,
 * `theirs` and the result, so an id handed out on either machine is never handed out again. A
 * renumbered entry gets the next number above all of them, in the order of its old number.
 * References to a renumbered entry are rewritten in `theirs` before anything is compared: every
 * `member` (and a personal note's report), a 1:1's `feedbackDelivered`, an action item's `oneOnOne`;
 * a goal's `file` whose name starts with `g<n>-` is renamed with it (`renumbered[].file`, for the
 * caller to move the file; either a relative name or a path).
 *
 * Output: every list sorted by id number (ids of another form last), a report's notes too.
 * Never throws on ordinary data; it trusts entries to have the fields of their kind (the store checks
 * them) and only throws when the ids of a kind would pass MAX_ID.
 */
export function mergeThreeWay(base: Records, ours: Records, theirs: Records, counters: Record<string, number>): ThreeWayResult {
  return new ThreeWay(base, ours, theirs, counters).run();
}

/** The kinds of entry a merge names: the lists of Records, and reports' personal notes. */
export type MergeKind = Kind | 'notes';

export interface Renumbering {
  kind: MergeKind;
  /** The id the entry had in `theirs`. */
  from: string;
  /** Its id in the result. */
  to: string;
  /**
   * `taken`: a different entry of `ours` had that id. `same entry`: `ours` made the same entry under
   * another id, which it keeps.
   */
  reason: 'taken' | 'same entry';
  /**
   * A goal's file renamed with its id: `from` is the file as `theirs` names it, `to` as the result
   * does. For `same entry`, `to` is ours' file, which the result keeps: the file `from` on their side
   * belongs to the same goal.
   */
  file?: { from: string; to: string };
}

export interface MergeConflict {
  kind: MergeKind;
  /** The entry's id in the result. */
  id: string;
  /** The field, `steps.<name>` for a delegation step, or WHOLE_ENTRY. */
  field: string;
  /** The value in the result (undefined when the field is absent; for WHOLE_ENTRY the entry, a report without its notes). */
  kept: unknown;
  /** The value not kept (null for WHOLE_ENTRY: the removal). */
  dropped: unknown;
  /**
   * `both changed`: the field changed on both sides. `removed and changed`: the entry was removed on
   * one side and changed on the other, and is kept. `removed but referenced`: a report removed on one
   * side is kept because the other side has entries about them. `link to removed`: an action item's
   * 1:1 was removed; the item stays, unlinked.
   */
  reason: 'both changed' | 'removed and changed' | 'removed but referenced' | 'link to removed';
}

export interface ThreeWayResult {
  merged: Records;
  counters: Record<string, number>;
  renumbered: Renumbering[];
  conflicts: MergeConflict[];
}

/** The `field` of a conflict about a whole entry (removed on one side). */
export const WHOLE_ENTRY = '*';

type Entry = { id: string } & Record<string, unknown>;
type Side = 'ours' | 'theirs';

/** How each kind is merged. */
interface Spec {
  kind: MergeKind;
  prefix: string;
  /** What makes two entries new on both sides the same entry (references already rewritten). */
  identity: (e: Entry) => string;
  /** Rewrites theirs' references to entries of kinds merged before. */
  rewrite?: (e: Entry) => void;
  /** The kind has `updatedAt`, set by every change. */
  stamped?: boolean;
  /** Fields decided together. */
  groups?: string[][];
  /** Lists joined, rather than chosen, when both sides changed them. */
  joins?: Record<string, Join>;
}

type Join = (base: unknown, ours: unknown, theirs: unknown, clash: (kept: unknown, dropped: unknown, field?: string) => void) => unknown;

const PROGRESS = ['status', 'progress', 'doneOn'];
const STATUS = ['status', 'doneOn'];
/** Facts that happen once: the earlier day is the true one. */
const EARLIEST = new Set(['added', 'deliveredOn']);
const NOTE_PREFIX = 'n';

/** Kinds in the order of Records, a report's notes after the reports. */
const ORDER: MergeKind[] = KINDS.flatMap((k): MergeKind[] => (k === 'members' ? ['members', 'notes'] : [k]));

class ThreeWay {
  private readonly next: Record<string, number> = {};
  private readonly renumbered: Renumbering[] = [];
  private readonly conflicts: MergeConflict[] = [];
  /** Theirs' id -> id in the result, by kind (only ids that change). */
  private readonly moved = new Map<MergeKind, Map<string, string>>();
  private readonly base: Flat;
  private readonly ours: Flat;
  private readonly theirs: Flat;

  constructor(base: Records, ours: Records, theirs: Records, private readonly counters: Record<string, number>) {
    // Never changed: the inputs stay as they were. Theirs' entries get new ids and references, on
    // copies; every entry of the result is a copy of its own.
    this.base = flatten(base, false);
    this.ours = flatten(ours, false);
    this.theirs = flatten(theirs, true);
    for (const kind of ORDER) {
      const prefix = prefixOf(kind);
      let n = counters[prefix] ?? 0;
      for (const side of [this.base, this.ours, this.theirs]) for (const e of side[kind]) n = Math.max(n, idNumber(e.id, prefix) ?? 0);
      this.next[prefix] = n;
    }
  }

  run(): ThreeWayResult {
    const member = (e: Entry) => {
      if (typeof e.member === 'string') e.member = this.idOf('members', e.member);
    };
    const text = (e: Entry, ...fields: string[]) => fields.map((f) => String(e[f])).join('|');
    const specs: Spec[] = [
      { kind: 'members', prefix: 'r', identity: (e) => nameKey(String(e.name)) },
      { kind: 'notes', prefix: NOTE_PREFIX, identity: (e) => text(e, 'member', 'text'), rewrite: member },
      { kind: 'feedback', prefix: 'f', identity: (e) => text(e, 'at', 'member', 'text'), rewrite: member },
      {
        kind: 'oneOnOnes',
        prefix: 'o',
        identity: (e) => text(e, 'at', 'member'),
        rewrite: (e) => {
          member(e);
          if (Array.isArray(e.feedbackDelivered)) e.feedbackDelivered = e.feedbackDelivered.map((id: string) => this.idOf('feedback', id));
        },
        joins: { notes: joinLists, feedbackDelivered: joinLists },
      },
      {
        kind: 'actions',
        prefix: 't',
        identity: (e) => text(e, 'at', 'member', 'text'),
        rewrite: (e) => {
          member(e);
          if (typeof e.oneOnOne === 'string') e.oneOnOne = this.idOf('oneOnOnes', e.oneOnOne);
        },
        groups: [STATUS],
      },
      { kind: 'assessments', prefix: 'a', identity: (e) => `${String(e.at)}|${canon(e.answers)}` },
      { kind: 'goals', prefix: 'g', identity: (e) => text(e, 'created', 'template', 'title'), stamped: true, groups: [PROGRESS], joins: { checkIns: joinCheckIns } },
      { kind: 'praise', prefix: 'p', identity: (e) => text(e, 'at', 'member', 'text'), rewrite: member },
      { kind: 'memberGoals', prefix: 'm', identity: (e) => text(e, 'created', 'member', 'title'), rewrite: member, stamped: true, groups: [PROGRESS], joins: { checkIns: joinCheckIns } },
      { kind: 'delegations', prefix: 'd', identity: (e) => text(e, 'created', 'member', 'item'), rewrite: member, groups: [STATUS], joins: { steps: joinSteps } },
      {
        kind: 'learning',
        prefix: 'l',
        // A learning entry is the same when all but its id is (a book: the same title).
        identity: ({ id: _id, ...rest }) => (rest.type === 'book' ? `book|${String(rest.title)}` : canon(rest)),
      },
      { kind: 'innovationWeeks', prefix: 'i', identity: (e) => String(e.quarter), rewrite: (e) => { if (Array.isArray(e.projects)) for (const p of e.projects) member(p); }, joins: { projects: joinLists } },
      { kind: 'pulses', prefix: 'u', identity: (e) => `${String(e.at)}|${canon(e.tallies)}` },
      { kind: 'processes', prefix: 's', identity: (e) => text(e, 'at', 'member', 'practice'), rewrite: member, groups: [STATUS] },
      { kind: 'cultureEvents', prefix: 'c', identity: (e) => text(e, 'at', 'what') },
      { kind: 'moments', prefix: 'w', identity: (e) => text(e, 'at', 'text') },
    ];
    const merged = {} as Flat;
    for (const spec of specs) merged[spec.kind] = this.mergeKind(spec);
    this.keepReferenced(merged);
    return {
      merged: nest(merged),
      counters: this.countersOut(merged),
      renumbered: sortBy(this.renumbered, (r) => [ORDER.indexOf(r.kind), idNumber(r.from, prefixOf(r.kind)) ?? Infinity, r.from]),
      conflicts: sortBy(this.conflicts, (c) => [ORDER.indexOf(c.kind), idNumber(c.id, prefixOf(c.kind)) ?? Infinity, c.id, c.field]),
    };
  }

  /** Theirs' id of an entry of `kind` as the result names it. */
  private idOf(kind: MergeKind, id: string): string {
    return this.moved.get(kind)?.get(id) ?? id;
  }

  private mergeKind(spec: Spec): Entry[] {
    const { kind } = spec;
    const base = byId(this.base[kind]);
    const ours = byId(this.ours[kind]);
    const theirsList = this.theirs[kind];
    for (const t of theirsList) spec.rewrite?.(t);
    this.matchTheirs(spec, base, ours, theirsList);
    const theirs = byId(theirsList);

    const out: Entry[] = [];
    const visit = (id: string, b: Entry | undefined, o: Entry | undefined, t: Entry | undefined) => {
      if (o && t) out.push(copy(this.mergeFields(spec, b, o, t)));
      else if (o || t) {
        const kept = (o ?? t)!;
        if (!b) out.push(copy(kept));
        else if (!same(kept, b)) {
          // Removed on one side, changed on the other: the change is kept.
          out.push(copy(kept));
          this.conflict(spec.kind, id, WHOLE_ENTRY, kept, null, 'removed and changed');
        }
      }
    };
    for (const [id, o] of ours) visit(id, base.get(id), o, theirs.get(id));
    for (const [id, t] of theirs) if (!ours.has(id)) visit(id, base.get(id), undefined, t);
    return sortById(out, spec.prefix);
  }

  /**
   * Gives each entry of theirs its id in the result: an id of `base` stays; an entry new on both sides
   * with one identity takes ours' id (the same id preferred); any other new entry keeps its id unless
   * ours uses it, and then gets the next free number. Rewrites `theirs` in place.
   */
  private matchTheirs(spec: Spec, base: Map<string, Entry>, ours: Map<string, Entry>, theirs: Entry[]): void {
    const candidates = new Map<string, Entry[]>();
    for (const o of sortById([...ours.values()].filter((e) => !base.has(e.id)), spec.prefix)) {
      const key = spec.identity(o);
      candidates.set(key, [...(candidates.get(key) ?? []), o]);
    }
    const fresh = sortById(theirs.filter((t) => !base.has(t.id)), spec.prefix);
    const target = new Map<Entry, string>();
    // The same id first, so that the choice among several candidates does not depend on the order.
    for (const t of fresh) {
      const open = candidates.get(spec.identity(t));
      const at = open?.findIndex((o) => o.id === t.id) ?? -1;
      if (at >= 0) (open!.splice(at, 1), target.set(t, t.id));
    }
    const taken = new Set([...base.keys(), ...ours.keys()]);
    for (const t of fresh) {
      if (target.has(t)) continue;
      const o = candidates.get(spec.identity(t))?.shift();
      if (o) target.set(t, o.id);
      else if (taken.has(t.id)) target.set(t, this.allocate(spec.prefix));
      else target.set(t, t.id);
      taken.add(target.get(t)!);
    }
    const moved = new Map<string, string>();
    for (const [t, id] of target) {
      if (id === t.id) continue;
      const from = t.id;
      moved.set(from, id);
      const renumbering: Renumbering = { kind: spec.kind, from, to: id, reason: ours.has(id) ? 'same entry' : 'taken' };
      t.id = id;
      if (spec.kind === 'goals' && typeof t.file === 'string') {
        const file = t.file;
        const renamed = renamedGoalFile(file, from, id);
        t.file = renamed;
        const to = renumbering.reason === 'same entry' ? String(ours.get(id)!.file) : renamed;
        if (to !== file) renumbering.file = { from: file, to };
      }
      this.renumbered.push(renumbering);
    }
    this.moved.set(spec.kind, moved);
  }

  private allocate(prefix: string): string {
    const n = (this.next[prefix] ?? 0) + 1;
    if (n > MAX_ID) throw new UserError(`The ids of "${prefix}" entries would run out (${prefix}${MAX_ID}); nothing was merged.`, 'Check the counters of both copies of the data folder.');
    this.next[prefix] = n;
    return `${prefix}${n}`;
  }

  /** One entry from its two versions and their ancestor (none when it was made on both sides). */
  private mergeFields(spec: Spec, b: Entry | undefined, o: Entry, t: Entry): Entry {
    if (same(o, t)) return o;
    const grouped = new Set(spec.groups?.flat());
    const fields = [...new Set([...Object.keys(o), ...Object.keys(t), ...Object.keys(b ?? {})])].filter((f) => f !== 'id');
    const units = [...(spec.groups ?? []), ...fields.filter((f) => !grouped.has(f)).map((f) => [f])];
    const values = new Map<string, unknown>();
    for (const unit of units) {
      const single = unit.length === 1;
      const pick = (e: Entry | undefined): unknown => (single ? e?.[unit[0]!] : Object.fromEntries(unit.filter((f) => e?.[f] !== undefined).map((f) => [f, e![f]])));
      const [bv, ov, tv] = [pick(b), pick(o), pick(t)];
      const take = (v: unknown) => {
        if (single) values.set(unit[0]!, v);
        else for (const f of unit) values.set(f, (v as Record<string, unknown>)[f]);
      };
      if (same(ov, tv)) take(ov);
      else if (b ? same(ov, bv) : ov === undefined) take(tv);
      else if (b ? same(tv, bv) : tv === undefined) take(ov);
      else if (single && unit[0] === 'updatedAt') take(String(ov) > String(tv) ? ov : tv);
      else if (single && spec.joins?.[unit[0]!]) {
        const field = unit[0]!;
        take(spec.joins[field]!(bv, ov, tv, (kept, dropped, at = field) => this.conflict(spec.kind, o.id, at, kept, dropped, 'both changed')));
      } else {
        const { side, byTime } = decide(spec, unit, ov, tv, o, t);
        const [kept, dropped] = side === 'ours' ? [ov, tv] : [tv, ov];
        take(kept);
        // Without an ancestor, the side changed earlier only shows an older state: nothing to report.
        if (!b && byTime) continue;
        if (single) this.conflict(spec.kind, o.id, unit[0]!, kept, dropped, 'both changed');
        else {
          // What the other side changed in the group, and loses.
          const [k, d, was] = [kept, dropped, bv] as (Record<string, unknown> | undefined)[];
          for (const f of unit) if (!same(k![f], d![f]) && !(b && same(d![f], was![f]))) this.conflict(spec.kind, o.id, f, k![f], d![f], 'both changed');
        }
      }
    }
    // Ours' order of fields, so an entry's line changes no more than its values did.
    const out: Entry = { id: o.id };
    for (const f of [...new Set([...Object.keys(o), ...Object.keys(t), ...fields])]) {
      if (f !== 'id' && values.get(f) !== undefined) out[f] = values.get(f);
    }
    return out;
  }

  /**
   * A report removed on one side stays when an entry of the result is about them (the other side
   * added or changed it); an action item whose 1:1 is gone loses the link.
   */
  private keepReferenced(merged: Flat): void {
    const members = new Set(merged.members.map((m) => m.id));
    const back: Entry[] = [];
    for (const kind of ['notes', 'praise', 'feedback', 'memberGoals', 'delegations', 'oneOnOnes', 'actions', 'processes'] as const) {
      for (const e of merged[kind]) {
        const id = e.member;
        if (typeof id !== 'string' || members.has(id)) continue;
        const member = [this.ours, this.theirs, this.base].map((side) => side.members.find((m) => m.id === id)).find(Boolean);
        if (!member) continue; // Not a report of any side: the caller's checks refuse it.
        members.add(id);
        back.push(copy(member));
        this.conflict('members', id, WHOLE_ENTRY, member, null, 'removed but referenced');
      }
    }
    if (back.length) merged.members = sortById([...merged.members, ...back], 'r');
    const meetings = new Set(merged.oneOnOnes.map((o) => o.id));
    const known = new Set([this.base, this.ours, this.theirs].flatMap((side) => side.oneOnOnes.map((o) => o.id)));
    for (const a of merged.actions) {
      if (typeof a.oneOnOne !== 'string' || meetings.has(a.oneOnOne) || !known.has(a.oneOnOne)) continue;
      this.conflict('actions', a.id, 'oneOnOne', undefined, a.oneOnOne, 'link to removed');
      delete a.oneOnOne;
    }
  }

  private countersOut(merged: Flat): Record<string, number> {
    const out = { ...this.counters };
    for (const kind of ORDER) {
      const prefix = prefixOf(kind);
      const n = merged[kind].reduce((max, e) => Math.max(max, idNumber(e.id, prefix) ?? 0), this.next[prefix] ?? 0);
      if (n > 0 || prefix in out) out[prefix] = Math.max(out[prefix] ?? 0, n);
    }
    return out;
  }

  private conflict(kind: MergeKind, id: string, field: string, kept: unknown, dropped: unknown, reason: MergeConflict['reason']): void {
    this.conflicts.push({ kind, id, field, kept: copy(kept), dropped: copy(dropped), reason });
  }
}

/** Which side's value a field (or group of fields) changed on both sides keeps: DECIDING above. */
function decide(spec: Spec, unit: string[], ov: unknown, tv: unknown, o: Entry, t: Entry): { side: Side; byTime?: boolean } {
  if (spec.stamped && o.updatedAt !== t.updatedAt) {
    const later = o.updatedAt === undefined ? 'theirs' : t.updatedAt === undefined ? 'ours' : String(o.updatedAt) > String(t.updatedAt) ? 'ours' : 'theirs';
    return { side: later, byTime: true };
  }
  return { side: decideByValue(unit, ov, tv) };
}

function decideByValue(unit: string[], ov: unknown, tv: unknown): Side {
  if (ov === undefined) return 'theirs';
  if (tv === undefined) return 'ours';
  if (unit.length === 1 && EARLIEST.has(unit[0]!)) return String(ov) <= String(tv) ? 'ours' : 'theirs';
  if (unit.includes('status')) {
    const [a, b] = [ov, tv] as Record<string, unknown>[];
    if (a!.status !== b!.status) return a!.status === 'done' ? 'ours' : 'theirs';
    if (a!.doneOn !== b!.doneOn) {
      if (a!.doneOn === undefined) return 'theirs';
      if (b!.doneOn === undefined) return 'ours';
      return String(a!.doneOn) < String(b!.doneOn) ? 'ours' : 'theirs';
    }
  }
  return canon(ov) >= canon(tv) ? 'ours' : 'theirs';
}

/** Check-ins united by `at`, in order of it; one removed on one side and untouched on the other stays removed. */
const joinCheckIns: Join = (b, o, t, clash) => {
  const list = (v: unknown) => (Array.isArray(v) ? (v as Entry[]) : []);
  const at = (c: Entry) => String(c.at);
  return sortBy(joinKeyed(list(b), list(o), list(t), at, (x, y) => (canon(x) >= canon(y) ? 'ours' : 'theirs'), clash), (c) => [at(c)]);
};

/** A delegation's steps one by one: a ticked step beats an unticked one, the earlier day a later one. */
const joinSteps: Join = (b, o, t, clash) => {
  const pairs = (v: unknown) => Object.entries((v ?? {}) as Record<string, unknown>).map(([step, day]) => ({ step, day }));
  const earlier = (x: { day: unknown }, y: { day: unknown }): Side => (y.day == null || (x.day != null && String(x.day) <= String(y.day)) ? 'ours' : 'theirs');
  const joined = joinKeyed(pairs(b), pairs(o), pairs(t), (p) => p.step, earlier, (kept, dropped) =>
    clash((kept as { day: unknown }).day, (dropped as { day: unknown }).day, `steps.${(kept as { step: string }).step}`),
  );
  return Object.fromEntries(joined.map((p) => [p.step, p.day]));
};

/**
 * Three-way union of keyed items: kept when on both sides or added on one; removed when removed on
 * one side and unchanged on the other; `prefer` decides an item changed on both.
 */
function joinKeyed<T>(base: T[], ours: T[], theirs: T[], key: (item: T) => string, prefer: (o: T, t: T) => Side, clash: (kept: T, dropped: T) => void): T[] {
  const b = new Map(base.map((x) => [key(x), x]));
  const o = new Map(ours.map((x) => [key(x), x]));
  const t = new Map(theirs.map((x) => [key(x), x]));
  const out: T[] = [];
  for (const k of new Set([...o.keys(), ...t.keys()])) {
    const [bv, ov, tv] = [b.get(k), o.get(k), t.get(k)];
    if (ov !== undefined && tv !== undefined) {
      if (same(ov, tv) || (bv !== undefined && same(tv, bv))) out.push(ov);
      else if (bv !== undefined && same(ov, bv)) out.push(tv);
      else {
        const [kept, dropped] = prefer(ov, tv) === 'ours' ? [ov, tv] : [tv, ov];
        out.push(kept);
        clash(kept, dropped);
      }
    } else {
      const only = (ov ?? tv)!;
      if (bv === undefined || !same(only, bv)) out.push(only);
    }
  }
  return out;
}

/**
 * A list of texts (a 1:1's notes, the feedback it delivered) changed on both sides: what either side
 * added is kept where it was added (after the same line of the ancestor), what either removed is
 * gone. A line that occurs twice counts as two. Undefined when nothing is left of an optional list.
 */
const joinLists: Join = (b, o, t) => {
  const keyed = (v: unknown) => {
    const seen = new Map<string, number>();
    return (Array.isArray(v) ? (v as unknown[]) : []).map((item) => {
      const text = canon(item);
      const n = (seen.get(text) ?? 0) + 1;
      seen.set(text, n);
      return { key: `${n}\u0000${text}`, item };
    });
  };
  const [base, ours, theirs] = [keyed(b), keyed(o), keyed(t)];
  const inBase = new Set(base.map((x) => x.key));
  const inOurs = new Set(ours.map((x) => x.key));
  const inTheirs = new Set(theirs.map((x) => x.key));
  // What each side added, by the last line of the ancestor before it ('' for the start).
  const added = (side: typeof ours) => {
    const at = new Map<string, typeof ours>();
    let anchor = '';
    for (const x of side) {
      if (inBase.has(x.key)) anchor = x.key;
      else at.set(anchor, [...(at.get(anchor) ?? []), x]);
    }
    return at;
  };
  const fromOurs = added(ours);
  const fromTheirs = added(theirs);
  const out: unknown[] = [];
  const emitted = new Set<string>();
  const emit = (x: { key: string; item: unknown }) => {
    if (!emitted.has(x.key)) (emitted.add(x.key), out.push(x.item));
  };
  for (const anchor of ['', ...base.map((x) => x.key)]) {
    if (anchor) {
      const x = base.find((y) => y.key === anchor)!;
      if (inOurs.has(anchor) && inTheirs.has(anchor)) emit(x);
    }
    // The two sides' additions at one place, in an order that does not depend on which is ours.
    const chunks = [fromOurs.get(anchor) ?? [], fromTheirs.get(anchor) ?? []].sort((x, y) => compare(canon(x.map((i) => i.item)), canon(y.map((i) => i.item))));
    for (const chunk of chunks) chunk.forEach(emit);
  }
  return out.length || (Array.isArray(o) && Array.isArray(t)) ? out : undefined;
};

/** A goal file named after its goal's id (`g3-weekly-praise.md`) follows a new id; any other name stays. */
export function renamedGoalFile(file: string, from: string, to: string): string {
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1;
  const name = file.slice(cut);
  return name.startsWith(`${from}-`) ? `${file.slice(0, cut)}${to}${name.slice(from.length)}` : file;
}

/** The lists of Records with reports' personal notes as entries of their own (`member` names their report). */
type Flat = Record<MergeKind, Entry[]>;

function flatten(records: Records, copies: boolean): Flat {
  const flat = {} as Flat;
  for (const kind of KINDS) {
    const list = (records[kind] ?? []) as unknown as Entry[];
    flat[kind] = copies ? list.map((e) => ({ ...e })) : list;
  }
  flat.notes = [];
  flat.members = flat.members.map(({ notes, ...member }) => {
    for (const note of (Array.isArray(notes) ? notes : []) as Entry[]) flat.notes.push({ ...note, member: member.id });
    return member as Entry;
  });
  return flat;
}

function nest(flat: Flat): Records {
  const records = {} as Record<Kind, unknown[]>;
  for (const kind of KINDS) records[kind] = flat[kind];
  const notes = new Map<string, Entry[]>();
  for (const { member, ...note } of flat.notes) notes.set(String(member), [...(notes.get(String(member)) ?? []), note as Entry]);
  records.members = flat.members.map((m) => ({ ...m, notes: notes.get(m.id) ?? [] }));
  return records as unknown as Records;
}

function prefixOf(kind: MergeKind): string {
  return kind === 'notes' ? NOTE_PREFIX : ID_PREFIX[kind];
}

function byId(list: Entry[]): Map<string, Entry> {
  return new Map(list.map((e) => [e.id, e]));
}

function sortById<T extends { id: string }>(list: T[], prefix: string): T[] {
  const keyed = list.map((item) => ({ item, n: idNumber(item.id, prefix) ?? Infinity }));
  keyed.sort((x, y) => x.n - y.n || (x.n === Infinity ? compare(x.item.id, y.item.id) : 0));
  return keyed.map((x) => x.item);
}

function sortBy<T>(list: T[], key: (item: T) => (string | number)[]): T[] {
  const keyed = list.map((item) => ({ item, key: key(item) }));
  keyed.sort((x, y) => {
    for (let i = 0; i < x.key.length; i++) {
      const c = compare(x.key[i]!, y.key[i]!);
      if (c) return c;
    }
    return 0;
  });
  return keyed.map((x) => x.item);
}

function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A deep copy of JSON data (by hand: structuredClone takes several times as long on 50,000 entries). */
function copy<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(copy) as T;
  const out: Record<string, unknown> = {};
  for (const k in v) out[k] = copy((v as Record<string, unknown>)[k]);
  return out as T;
}

/** Equal data, whatever the order of keys; a field set to undefined is an absent field. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let count = 0;
  for (const k in x) {
    if (x[k] === undefined) continue;
    if (!same(x[k], y[k])) return false;
    count++;
  }
  for (const k in y) if (y[k] !== undefined) count--;
  return count === 0;
}

/** JSON with keys sorted and absent fields left out: equal for equal data, whatever the key order. */
function canon(v: unknown): string {
  if (v === undefined) return '~';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canon(x))).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canon(o[k])}`)
    .join(',')}}`;
}
