import fs from 'node:fs';
import path from 'node:path';
import { dayOf, quarterOf } from '../../core/dates.js';
import { ENTRY_KINDS } from '../../core/entries.js';
import { FIELD_WORDS, ID_PREFIX, KIND_WORDS, type Data, type Goal, type Kind } from '../../core/model.js';
import { archiveGoalFile, updateGoalFile } from '../goals/goal-file.js';
import { nameOf } from '../../core/team.js';
import type { Ctx } from '../../context.js';
import { UserError } from '../../errors.js';
import { readJournal, type Change } from '../../store/journal.js';
import { goalsDirFor, isGoalFileInside } from '../../store/paths.js';
import { readPreferences } from '../../store/preferences.js';
import { openStore, updateStore, type Tx } from '../../store/store.js';
import { printJson } from '../../ui/output.js';
import { plural, whereTheyDiffer } from '../../core/text.js';

export async function undo(ctx: Ctx, opts: { list?: boolean; json?: boolean }): Promise<void> {
  if (opts.list) return list(ctx, opts);
  // Checked before the lock too, which would make a data folder where there is none.
  if (!readJournal(ctx.dataDir).entries.length) throw nothingToUndo();
  const goalsDir = goalsDirFor(ctx.dataDir, readPreferences(ctx.dataDir));
  const { entry, left, names, reverted, done } = await updateStore(ctx.dataDir, (tx) => {
    const { entries } = readJournal(ctx.dataDir);
    const entry = entries.at(-1);
    if (!entry) throw nothingToUndo();
    const tables = entry.changes.map((c) => tableFor(tx, c));
    const now = entry.changes.map((c, i) => JSON.stringify(tables[i]!.line(c.id)));
    // Each entry is as that change left it (reverted), or still as before it (a write cut short,
    // or an undo cut short before it was marked: nothing to do); anything else was changed since.
    const moved = entry.changes.findIndex((c, i) => now[i] !== JSON.stringify(c.after) && now[i] !== JSON.stringify(c.before));
    if (moved !== -1) {
      const c = entry.changes[moved]!;
      throw new UserError(
        `Cannot undo: ${kindWord(c.kind)} ${c.id} changed since that change (by hand, or an import); nothing was undone.`,
        `See it with: mtl show ${c.id}. To start the undo history afresh: rm '${path.join(ctx.dataDir, 'undo.jsonl')}'`,
      );
    }
    // Reports first when coming back, last when going away: an entry never names a report that is not there.
    const order = [...entry.changes.keys()].filter((i) => now[i] === JSON.stringify(entry.changes[i]!.after));
    order.sort((a, b) => rank(entry.changes[a]!) - rank(entry.changes[b]!));
    for (const i of order) tables[i]!.restore(entry.changes[i]!.id, entry.changes[i]!.before);
    tx.undoing = entry.n;
    return { entry, left: entries.length - 1, names: tx.data, reverted: order.length > 0, done: order.map((i) => entry.changes[i]!) };
  });
  // Only for what this undo reverted: a change that was never saved moved no file either.
  moveGoalFiles(done, goalsDir);
  if (reverted) ctx.io.err(`Undid ${describeAll(entry.changes, names, true)}.\n`);
  else ctx.io.err(`Nothing of ${describeAll(entry.changes, names)} was saved (a command cut short, or an undo cut short after reverting it); it is off the list now.\n`);
  ctx.io.err(left ? `${plural(left, 'earlier change')} can be undone too; see them: mtl undo --list\n` : 'That was the last change undo can revert.\n');
}

function nothingToUndo(): UserError {
  return new UserError(NOTHING, 'See what changed lately: mtl');
}

const NOTHING = 'Nothing to undo: no change was recorded since the data folder was made, restored, merged, synced with changes from elsewhere, or purged.';

async function list(ctx: Ctx, opts: { json?: boolean }): Promise<void> {
  const entries = readJournal(ctx.dataDir).entries.reverse();
  const data = await openStore(ctx.dataDir);
  if (opts.json) {
    printJson(ctx.io, entries.map((e) => ({ n: e.n, changes: e.changes.map((c) => ({ ...c, description: describe(c, data) })) })));
    return;
  }
  if (!entries.length) {
    ctx.io.err(`${NOTHING}\n`);
    return;
  }
  ctx.io.out(entries.map((e, i) => `${String(i + 1).padStart(2)}. ${describeAll(e.changes, data)}`).join('\n') + '\n');
  ctx.io.err('mtl undo reverts them one at a time, from the top.\n');
}

/** The table an entry lives in: praise by the quarter of its day. */
function tableFor(tx: Tx, c: Change) {
  if (c.kind !== 'praise') return tx.tables[c.kind as Exclude<Kind, 'praise'>] as unknown as Tx['tables']['goals'];
  const day = ((c.before ?? c.after) as { date: string }).date;
  return tx.praise.table(quarterOf(day)) as unknown as Tx['tables']['goals'];
}

function rank(c: Change): number {
  const report = c.kind === 'members';
  return c.before === null ? (report ? 1 : 0) : report ? 0 : 1;
}

/**
 * What one write's changes did, in words. An entry that left one file for another in it (praise
 * moved to another quarter's) is one change of its fields, not a removal and an addition.
 */
function describeAll(changes: Change[], data: Pick<Data, 'members'>, undone = false): string {
  const added = new Map(changes.filter((c) => c.before === null).map((c) => [`${c.kind} ${c.id}`, c]));
  const moves = new Map(changes.filter((c) => c.after === null && added.has(`${c.kind} ${c.id}`)).map((c) => [`${c.kind} ${c.id}`, c]));
  return changes
    .filter((c) => !(c.before === null && moves.has(`${c.kind} ${c.id}`)))
    .map((c) => (moves.get(`${c.kind} ${c.id}`) === c ? { ...c, after: added.get(`${c.kind} ${c.id}`)!.after } : c))
    .map((c) => describe(c, data, undone))
    .join('; ');
}

/**
 * What a change did, in words: "adding praise entry p12 for Sam ("Clear write-up...")", "the change
 * to goal g3: due "2027-03-01" → "2027-03-15""; `undone`: the fields as they are back to.
 */
export function describe(c: Change, data: Pick<Data, 'members'>, undone = false): string {
  const word = kindWord(c.kind);
  if (c.before === null) return `adding ${word} ${c.id}${about(c.after, data)}`;
  if (c.after === null) return `removing ${word} ${c.id}${about(c.before, data)}`;
  const before = c.before as Record<string, unknown>;
  const after = c.after as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]) && k !== 'updatedAt');
  const shown = fields.map((field) => {
    const [was, is] = [before[field], after[field]];
    const k = FIELD_WORDS[field] ?? field;
    const count = (v: unknown) => (v as unknown[] | undefined)?.length ?? 0;
    // A list of words (the quarters a goal was carried from) reads as itself; a list of records as its count.
    const words = (v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v.length ? v.join(', ') : 'none') : undefined);
    if ((was === undefined || words(was) !== undefined) && (is === undefined || words(is) !== undefined) && (Array.isArray(was) || Array.isArray(is))) {
      const w = (v: unknown) => words(v) ?? 'none';
      return undone ? `${k} back to ${w(was)}` : `${k} ${w(was)} → ${w(is)}`;
    }
    if (Array.isArray(was) || Array.isArray(is)) return undone ? `${k} back to ${count(was)}` : `${k} (${count(was)} → ${count(is)})`;
    const ref = REFERENCES.get(k);
    if (ref) {
      const named = (v: unknown) => (typeof v !== 'string' ? 'none' : ref.names ? nameOf(data, v) : v);
      return undone ? `${ref.word} back to ${named(was)}` : `${ref.word} ${named(was)} → ${named(is)}`;
    }
    if (typeof was === 'string' && typeof is === 'string' && !INSTANT.test(was)) {
      const [a, b] = whereTheyDiffer(was, is).map((v) => JSON.stringify(v));
      return undone ? `${k} back to ${a}` : `${k} ${a} → ${b}`;
    }
    return undone ? `${k} back to ${short(was)}` : `${k} ${short(was)} → ${short(is)}`;
  });
  return `the change to ${word} ${c.id}${about(after, data)}: ${shown.join(', ') || 'no field'}`;
}

/** What an entry is called, as the rest of mtl says it (`mtl show`, `mtl rm`): "report goal", "1:1". */
function kindWord(kind: Kind): string {
  return Object.values(ENTRY_KINDS).find((k) => k.prefix === ID_PREFIX[kind])?.label ?? KIND_WORDS[kind][0];
}


/**
 * Fields that hold another entry's id, as a change shows them: a report by name (removed ones too;
 * one purged since stays its id), anything else by its id, unquoted. The journal keeps the ids.
 */
const REFERENCES = new Map<string, { word: string; names?: true }>([
  ['member', { word: 'member', names: true }],
  ['oneOnOne', { word: '1:1' }],
]);

function about(record: unknown, data: Pick<Data, 'members'>): string {
  const r = record as Record<string, unknown>;
  const who = typeof r.member === 'string' ? ` for ${nameOf(data, r.member)}` : '';
  const what = [r.text, r.title, r.item, r.practice, r.name, r.what, r.tip].find((v) => typeof v === 'string');
  return `${who}${what === undefined ? '' : ` (${short(what)})`}`;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function short(value: unknown): string {
  if (value === undefined || value === null) return '(none)';
  if (typeof value !== 'string') return JSON.stringify(value);
  // A stored instant reads as the local day and time it stands for, not as UTC in ISO form.
  if (INSTANT.test(value)) {
    const at = new Date(value);
    return `${dayOf(at)} ${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
  }
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value);
}

/**
 * Goal files follow their goal: undoing its removal brings the file back from the archive, undoing
 * its creation moves the file to the archive (never deleted), undoing a new title or due day puts
 * the old one back in its front matter.
 */
function moveGoalFiles(changes: Change[], goalsDir: string): void {
  const goal = (g: unknown) => ({ ...(g as Goal), file: path.resolve(goalsDir, (g as Goal).file) });
  for (const c of changes) {
    // Only a file in the goals folder, as sync judges a goal's file: never one a journal points elsewhere.
    if (c.kind !== 'goals' || ![c.before, c.after].every((g) => g === null || isGoalFileInside((g as Goal).file))) continue;
    try {
      if (c.after === null && c.before !== null) {
        const { file } = goal(c.before);
        const archive = path.join(goalsDir, 'archive');
        const from = path.join(archive, path.basename(file));
        if (!fs.lstatSync(archive).isSymbolicLink() && !fs.existsSync(file) && fs.existsSync(from)) fs.renameSync(from, file);
      } else if (c.before === null && c.after !== null) {
        archiveGoalFile(goal(c.after), goalsDir);
      } else {
        const [was, is] = [goal(c.before), goal(c.after)];
        const fields: Record<string, string> = Object.fromEntries((['title', 'due'] as const).filter((k) => was[k] !== is[k] && was[k] !== undefined).map((k) => [k, was[k]!]));
        const targets = JSON.stringify(was.targets ?? {}) !== JSON.stringify(is.targets ?? {}) ? (was.targets ?? {}) : undefined;
        if (Object.keys(fields).length || targets) updateGoalFile(was, goalsDir, fields, targets);
      }
    } catch {
      // The entry is back as it was; its markdown file stays as it is.
    }
  }
}
