import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Ctx } from '../../context.js';
import { dayOf, quarterOf } from '../../core/dates.js';
import {
  checkVerb,
  editableText,
  editExample,
  ENTRY_KINDS,
  markDone,
  parseEntryId,
  readEditedText,
  sameTitleGoal,
  type EditFlag,
  type EntryKind,
} from '../../core/entries.js';
import { goalView } from '../../core/goals.js';
import type { ActionItem, Assessment, Data, Delegation, Feedback, Goal, InnovationWeek, LearningEntry, Member, MemberGoal, Note, OneOnOne, Praise } from '../../core/model.js';
import { findMember, nameOf, requireLine, requireText } from '../../core/team.js';
import { titleProblem } from '../../core/templates.js';
import { plural, shellWord } from '../../core/text.js';
import { UserError } from '../../errors.js';
import { goalsDirFor } from '../../store/paths.js';
import { readPreferences } from '../../store/preferences.js';
import { openStore, updateStore, type Tx } from '../../store/store.js';
import { printJson } from '../../ui/output.js';
import type { Prompter } from '../../ui/prompter.js';
import { resolveDeadline } from '../deadline.js';
import { openInEditor } from '../editor.js';
import { delegationJson, feedbackJson, memberGoalJson, praiseJson } from '../team/json.js';

/** An entry found by id, with the report a personal note belongs to. */
type Found =
  | { kind: 'goal'; entry: Goal }
  | { kind: 'reportGoal'; entry: MemberGoal }
  | { kind: 'praise'; entry: Praise }
  | { kind: 'feedback'; entry: Feedback }
  | { kind: 'note'; entry: Note; member: Member }
  | { kind: 'delegation'; entry: Delegation }
  | { kind: 'oneOnOne'; entry: OneOnOne }
  | { kind: 'action'; entry: ActionItem }
  | { kind: 'learning'; entry: LearningEntry }
  | { kind: 'report'; entry: Member }
  | { kind: 'innovation'; entry: InnovationWeek }
  | { kind: 'assessment'; entry: Assessment };

/** Where to see the entries of each kind, for an id that is not there. */
const LISTED_BY: Record<EntryKind, string> = {
  goal: 'mtl goals --all',
  reportGoal: 'mtl member-goals list --all',
  praise: 'mtl praise list',
  feedback: 'mtl feedback list --all',
  note: 'mtl team list --with-notes',
  delegation: 'mtl delegate list --all',
  oneOnOne: 'mtl 1on1 <name>',
  action: 'mtl 1on1 <name>',
  learning: 'mtl learn',
  report: 'mtl team list --all',
  innovation: 'mtl innovation',
  assessment: 'mtl assess history',
};

function find(data: Data, kind: EntryKind, id: string): Found | undefined {
  const by = <T extends { id: string }>(list: T[]) => list.find((e) => e.id === id);
  switch (kind) {
    case 'goal': return wrap(kind, by(data.goals));
    case 'reportGoal': return wrap(kind, by(data.memberGoals));
    case 'praise': return wrap(kind, data.praise.find(id));
    case 'feedback': return wrap(kind, by(data.feedback));
    case 'delegation': return wrap(kind, by(data.delegations));
    case 'oneOnOne': return wrap(kind, by(data.oneOnOnes));
    case 'action': return wrap(kind, by(data.actions));
    case 'learning': return wrap(kind, by(data.learning));
    case 'report': return wrap(kind, by(data.members));
    case 'innovation': return wrap(kind, by(data.innovationWeeks));
    case 'assessment': return wrap(kind, by(data.assessments));
    case 'note':
      for (const member of data.members) {
        const entry = member.notes.find((n) => n.id === id);
        if (entry) return { kind, entry, member };
      }
      return undefined;
  }
}

function wrap(kind: Exclude<EntryKind, 'note'>, entry: unknown): Found | undefined {
  return entry === undefined ? undefined : ({ kind, entry } as Found);
}

function mustFind(data: Data, kind: EntryKind, id: string): Found {
  const found = find(data, kind, id);
  if (found) return found;
  throw new UserError(`There is no ${ENTRY_KINDS[kind].label} ${id}.`, `Nothing was changed. See which there are: ${LISTED_BY[kind]}`);
}

/** The report an entry is about, if any. */
function memberOf(found: Found): string | undefined {
  if (found.kind === 'note') return found.member.id;
  const e = found.entry as { member?: unknown };
  return typeof e.member === 'string' ? e.member : undefined;
}

// ---------------------------------------------------------------------------------------------- show

export async function show(ctx: Ctx, idText: string, opts: { json?: boolean }): Promise<void> {
  const { kind, id } = parseEntryId(idText);
  const data = await openStore(ctx.dataDir);
  const found = mustFind(data, kind, id);
  const today = dayOf(ctx.now);
  const drift = found.kind === 'goal' ? (await import('../goals/goal-file.js')).dueDriftOf(found.entry) : undefined;
  if (opts.json) {
    printJson(ctx.io, { kind, ...showJson(data, found, today) });
  } else {
    ctx.io.out(showLines(data, found).join('\n') + '\n');
  }
  if (drift) ctx.io.err(ctx.io.color.yellow(`warning: ${drift}`) + '\n');
  const info = ENTRY_KINDS[kind];
  const next = [
    ...(info.flags.length ? [editExample(kind, id)] : []),
    ...(info.done && (found.entry as { status?: string }).status === 'open' ? [`mtl done ${id}`] : []),
    ...(info.rm ? [`mtl rm ${id}`] : []),
  ];
  if (next.length) ctx.io.err(`Change it: ${next.join('  ')}\n`);
}

function showJson(data: Data, found: Found, today: string): Record<string, unknown> {
  const member = memberOf(found);
  switch (found.kind) {
    case 'goal': return { ...goalView(found.entry, today), checkInList: found.entry.checkIns };
    case 'reportGoal': return memberGoalJson(data, found.entry);
    case 'praise': return praiseJson(data, found.entry);
    case 'feedback': return feedbackJson(data, found.entry);
    case 'delegation': return delegationJson(data, found.entry);
    case 'note': return { ...found.entry, member: found.member.name, memberId: found.member.id };
    default: return { ...found.entry, ...(member ? { member: nameOf(data, member), memberId: member } : {}) };
  }
}

function showLines(data: Data, found: Found): string[] {
  const who = (m: string) => nameOf(data, m);
  const field = (key: string, value: string | number | undefined | null) => (value === undefined || value === null || value === '' ? [] : [`  ${`${key}:`.padEnd(10)} ${value}`]);
  const text = (t: string) => t.split('\n').map((l) => `  ${l}`);
  switch (found.kind) {
    case 'goal': {
      const g = found.entry;
      return [`${g.id}  goal: ${g.title}`, ...field('template', g.template), ...field('due', g.due), ...field('status', g.status === 'done' ? `done ${g.doneOn ?? ''}`.trim() : 'open'), ...field('progress', `${g.progress}%`), ...field('check-ins', g.checkIns.length), ...field('created', g.created), ...field('file', g.file)];
    }
    case 'reportGoal': {
      const g = found.entry;
      return [`${g.id}  goal of ${who(g.member)}: ${g.title}`, ...field('quarter', g.quarter), ...field('due', g.due), ...field('status', g.status === 'done' ? `done ${g.doneOn ?? ''}`.trim() : 'open'), ...field('progress', `${g.progress}%`), ...field('check-ins', g.checkIns.length), ...field('created', g.created)];
    }
    case 'praise': {
      const p = found.entry;
      return [`${p.id}  praise for ${who(p.member)}, ${p.date}, ${p.public ? 'public' : 'private'}`, ...text(p.text)];
    }
    case 'feedback': {
      const f = found.entry;
      const parts = f.situation !== undefined ? [...field('situation', f.situation), ...field('behaviour', f.behaviour), ...field('impact', f.impact)] : text(f.text);
      return [`${f.id}  feedback for ${who(f.member)}, ${f.date}, ${f.deliveredOn ? `given ${f.deliveredOn}` : 'to give'}`, ...parts];
    }
    case 'note':
      return [`${found.entry.id}  note about ${found.member.name}, ${found.entry.date}`, ...text(found.entry.text)];
    case 'delegation': {
      const d = found.entry;
      const steps = Object.entries(d.steps).map(([k, v]) => `${v ? '✓' : '·'} ${k}${v ? ` ${v}` : ''}`);
      return [`${d.id}  delegated to ${who(d.member)}: ${d.item}`, ...field('since', d.created), ...field('status', d.status === 'done' ? `done ${d.doneOn ?? ''}`.trim() : 'open'), ...field('steps', steps.join(', '))];
    }
    case 'oneOnOne': {
      const o = found.entry;
      return [`${o.id}  1:1 with ${who(o.member)}, ${o.date}`, ...field('feedback', o.feedbackDelivered.join(', ') || 'none given'), ...(o.notes ?? []).flatMap(text)];
    }
    case 'action': {
      const t = found.entry;
      return [`${t.id}  action item from a 1:1 with ${who(t.member)}: ${t.text}`, ...field('owner', t.owner === 'me' ? 'me' : who(t.member)), ...field('due', t.due), ...field('status', t.status === 'done' ? `done ${t.doneOn ?? ''}`.trim() : 'open'), ...field('1:1', t.oneOnOne), ...field('created', t.created)];
    }
    case 'learning': {
      const l = found.entry;
      if (l.type === 'hours') return [`${l.id}  learning, ${l.date}: ${l.hours} h, ${l.what}`];
      if (l.type === 'tip') return [`${l.id}  tip tried, ${l.date}: ${l.tip}`];
      return [`${l.id}  book read${l.date ? `, ${l.date}` : ''}: ${l.title}`];
    }
    case 'report': {
      const m = found.entry;
      return [`${m.id}  report: ${m.name}`, ...field('added', m.added), ...field('removed', m.removed), ...field('notes', m.notes.length), ...field('cadence', m.cadence === undefined ? undefined : `every ${m.cadence} days`)];
    }
    case 'innovation': {
      const i = found.entry;
      return [`${i.id}  innovation week ${i.quarter}: ${i.start} to ${i.end}, demo ${i.demo}`];
    }
    case 'assessment': {
      const a = found.entry;
      return [`${a.id}  assessment ${a.date}: ${a.score}/100, ${a.verdict}`];
    }
  }
}

// ---------------------------------------------------------------------------------------------- edit

export interface EditOptions {
  text?: string;
  title?: string;
  due?: string;
  to?: string;
  public?: boolean;
  private?: boolean;
}

/** The changes asked for, checked as far as can be without the store. */
interface Changes {
  text?: string;
  title?: string;
  due?: string;
  to?: string;
  public?: boolean;
}

const FLAGS: EditFlag[] = ['text', 'title', 'due', 'to', 'public', 'private'];

export async function edit(ctx: Ctx, idText: string, opts: EditOptions): Promise<void> {
  const { kind, id } = parseEntryId(idText);
  const given = FLAGS.filter((f) => opts[f] !== undefined);
  checkVerb(kind, 'edit', id, given);
  let changes: Changes;
  if (given.length) {
    changes = { ...(opts.text !== undefined ? { text: opts.text } : {}), ...(opts.title !== undefined ? { title: opts.title } : {}), ...(opts.due !== undefined ? { due: opts.due } : {}), ...(opts.to !== undefined ? { to: opts.to } : {}) };
    if (opts.public || opts.private) changes.public = Boolean(opts.public);
  } else {
    if (!ctx.io.stdinIsTTY) {
      const flags = ENTRY_KINDS[kind].flags.filter((f) => f !== 'private').map((f) => `--${f}`);
      throw new UserError(`What should change in ${id}? There is no terminal to open an editor on.`, `Give it as a flag (${flags.join(', ')}), e.g. ${editExample(kind, id)}`);
    }
    const edited = await editInEditor(ctx, kind, id);
    if (!edited) return;
    try {
      await applyEdit(ctx, kind, id, edited.changes);
    } catch (err) {
      // What was typed is not thrown away with a mistake in one field.
      if (err instanceof UserError) throw new UserError(err.message, `${err.hint ? `${err.hint}\n` : ''}What you wrote is kept in ${edited.file}; nothing was changed.`);
      throw err;
    }
    fs.rmSync(path.dirname(edited.file), { recursive: true, force: true });
    return;
  }
  await applyEdit(ctx, kind, id, changes);
}

/** The fields `$EDITOR` shows for a kind (the text comes after them), with the entry's values. */
function editorFields(data: Data, found: Found): { fields: [string, string][]; text?: string } {
  const who = (m: string) => nameOf(data, m);
  switch (found.kind) {
    case 'goal': return { fields: [['title', found.entry.title], ['due', found.entry.due ?? '']] };
    case 'reportGoal': return { fields: [['title', found.entry.title], ['due', found.entry.due ?? ''], ['to', who(found.entry.member)]] };
    case 'praise': return { fields: [['to', who(found.entry.member)], ['public', found.entry.public ? 'yes' : 'no']], text: found.entry.text };
    case 'feedback': return { fields: [['to', who(found.entry.member)]], text: found.entry.text };
    case 'note': return { fields: [['to', found.member.name]], text: found.entry.text };
    case 'delegation': return { fields: [['title', found.entry.item], ['to', who(found.entry.member)]] };
    case 'oneOnOne': return { fields: [], text: (found.entry.notes ?? []).join('\n') };
    case 'action': return { fields: [['due', found.entry.due ?? ''], ['to', who(found.entry.member)]], text: found.entry.text };
    case 'learning': return { fields: [], text: learningText(found.entry) };
    default: return { fields: [] };
  }
}

function learningText(l: LearningEntry): string {
  return l.type === 'hours' ? l.what : l.type === 'tip' ? l.tip : l.title;
}

/**
 * Opens the entry's editable fields in $EDITOR; returns what changed and the file it was written in
 * (left for the caller to remove once saved), or undefined when nothing did.
 */
async function editInEditor(ctx: Ctx, kind: EntryKind, id: string): Promise<{ changes: Changes; file: string } | undefined> {
  const data = await openStore(ctx.dataDir);
  const found = mustFind(data, kind, id);
  const { fields, text } = editorFields(data, found);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtl-edit-'));
  const file = path.join(dir, `${id}.txt`);
  let keep = false;
  try {
    fs.writeFileSync(file, editableText(`${id}: ${ENTRY_KINDS[kind].label}`, fields, text), { mode: 0o600 });
    await openInEditor(ctx, file, `mtl edit ${id}`);
    const back = readEditedText(fs.readFileSync(file, 'utf8'), fields.map(([k]) => k), text !== undefined);
    if (!back) {
      ctx.io.err(`The file was emptied; ${id} is unchanged.\n`);
      return undefined;
    }
    const changes: Changes = {};
    const before = Object.fromEntries(fields);
    for (const [key, value] of Object.entries(back.fields)) {
      if (value === before[key]) continue;
      if (key === 'public') {
        const yes = /^(yes|y|true|public)$/i.test(value);
        if (!yes && !/^(no|n|false|private)$/i.test(value)) throw new UserError(`public: "${value}" is neither yes nor no; ${id} is unchanged.`);
        if (yes !== (before.public === 'yes')) changes.public = yes;
      } else (changes as Record<string, string>)[key] = value;
    }
    if (back.text !== undefined && back.text !== (text ?? '').trim()) changes.text = back.text;
    if (Object.keys(changes).length === 0) {
      ctx.io.err(`Nothing changed in ${id}.\n`);
      return undefined;
    }
    keep = true;
    return { changes, file };
  } finally {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function applyEdit(ctx: Ctx, kind: EntryKind, id: string, changes: Changes): Promise<void> {
  const today = dayOf(ctx.now);
  const oneLine = kind === 'action' || kind === 'learning';
  const text = changes.text === undefined ? undefined : kind === 'oneOnOne' ? changes.text : oneLine ? requireLine(changes.text, kind === 'action' ? 'action item' : 'text') : requireText(changes.text, kind === 'praise' ? 'praise' : kind === 'feedback' ? 'feedback' : 'note');
  let title: string | undefined;
  if (changes.title !== undefined) {
    if (kind === 'goal') {
      title = changes.title.trim();
      const problem = titleProblem(title);
      if (problem) throw new UserError(problem, `Nothing was changed. Example: ${editExample(kind, id)}`);
    } else title = requireLine(changes.title, kind === 'delegation' ? 'roadmap item' : 'goal title');
  }
  const due = changes.due === undefined ? undefined : await resolveDeadline(changes.due, today, ctx.now);
  const goalsModule = kind === 'goal' && (title !== undefined || due !== undefined) ? await import('../goals/goal-file.js') : undefined;
  let undoFile: (() => void) | undefined;
  try {
    const result = await updateStore(ctx.dataDir, (tx) => {
      const found = mustFind(tx.data, kind, id);
      const changed: string[] = [];
      const to = changes.to === undefined ? undefined : findMember(tx.data, changes.to);
      const set = <T extends object, K extends keyof T>(entry: T, key: K, value: T[K] | undefined, label: string) => {
        if (value === undefined || entry[key] === value) return;
        entry[key] = value;
        changed.push(label);
      };
      switch (found.kind) {
        case 'goal': {
          const g = found.entry;
          set(g, 'title', title, `title "${title}"`);
          set(g, 'due', due, `due ${due}`);
          if (changed.length) {
            g.updatedAt = ctx.now.toISOString();
            tx.tables.goals.put(g);
            undoFile = goalsModule!.updateGoalFile(g, { ...(title !== undefined ? { title } : {}), ...(due !== undefined ? { due } : {}) });
          }
          break;
        }
        case 'reportGoal': {
          const g = found.entry;
          const member = to?.id ?? g.member;
          const clash = sameTitleGoal(tx.data.memberGoals, member, g.quarter, title ?? g.title, g.id);
          if (clash && (title !== undefined || to !== undefined)) {
            throw new UserError(`${nameOf(tx.data, member)} already has "${clash.title}" for ${clash.quarter} (${clash.id}).`, `Nothing was changed. Remove one: mtl rm ${clash.id}`);
          }
          set(g, 'title', title, `title "${title}"`);
          set(g, 'due', due, `due ${due}`);
          set(g, 'member', to?.id, `moved to ${to?.name}`);
          if (changed.length) {
            g.updatedAt = ctx.now.toISOString();
            tx.tables.memberGoals.put(g);
          }
          break;
        }
        case 'praise': {
          const p = found.entry;
          if (to && to.id !== p.member && to.added > p.date) {
            throw new UserError(`${to.name} joined on ${to.added}, after this praise (${p.date}).`, 'Nothing was changed. Log it for them again if it was theirs: mtl praise <name> "<text>"');
          }
          set(p, 'text', text, 'text');
          set(p, 'member', to?.id, `moved to ${to?.name}`);
          set(p, 'public', changes.public, changes.public ? 'public now' : 'private now');
          if (changed.length) tx.praise.table(quarterOf(p.date)).put(p);
          break;
        }
        case 'feedback': {
          const f = found.entry;
          if (text !== undefined && text !== f.text) {
            f.text = text;
            changed.push(f.situation !== undefined ? 'text (now one piece, not situation, behaviour, impact)' : 'text');
            delete f.situation;
            delete f.behaviour;
            delete f.impact;
          }
          if (to && to.id !== f.member && f.deliveredOn) {
            // It was given in a 1:1 with them: moving it would rewrite what happened.
            throw new UserError(`${id} was given to ${nameOf(tx.data, f.member)} on ${f.deliveredOn}; it stays theirs.`, `Nothing was changed. Queue it for ${to.name} as new feedback: mtl feedback ${shellWord(to.name)} "<text>"`);
          }
          set(f, 'member', to?.id, `moved to ${to?.name}`);
          if (changed.length) tx.tables.feedback.put(f);
          break;
        }
        case 'note': {
          const { entry: n, member } = found;
          set(n, 'text', text, 'text');
          if (to && to.id !== member.id) {
            member.notes = member.notes.filter((x) => x.id !== n.id);
            to.notes.push(n);
            tx.tables.members.put(to);
            changed.push(`moved to ${to.name}`);
          }
          if (changed.length) tx.tables.members.put(member);
          break;
        }
        case 'delegation': {
          const d = found.entry;
          set(d, 'item', title, `item "${title}"`);
          set(d, 'member', to?.id, `moved to ${to?.name}`);
          if (changed.length) tx.tables.delegations.put(d);
          break;
        }
        case 'oneOnOne': {
          const o = found.entry;
          const notes = text === undefined ? undefined : text.split('\n').map((l) => l.trim()).filter(Boolean);
          if (notes && notes.join('\n') !== (o.notes ?? []).join('\n')) {
            for (const [i, note] of notes.entries()) requireLine(note, `note ${i + 1}`);
            if (notes.length) o.notes = notes;
            else delete o.notes;
            changed.push(`notes (${plural(notes.length, 'line')})`);
            tx.tables.oneOnOnes.put(o);
          }
          break;
        }
        case 'action': {
          const t = found.entry;
          set(t, 'text', text, 'text');
          set(t, 'due', due, `due ${due}`);
          if (to && to.id !== t.member) {
            set(t, 'member', to.id, `moved to ${to.name}`);
            // Agreed in a 1:1 with someone else: it keeps no link to that meeting.
            delete t.oneOnOne;
          }
          if (changed.length) tx.tables.actions.put(t);
          break;
        }
        case 'learning': {
          const l = found.entry;
          if (l.type === 'hours') set(l, 'what', text, 'text');
          else if (l.type === 'tip') set(l, 'tip', text, 'text');
          else set(l, 'title', text, 'title');
          if (changed.length) tx.tables.learning.put(l);
          break;
        }
        default:
          break;
      }
      // A note moved belongs to its new report now; other entries name theirs in `member`.
      const about = found.kind === 'note' && to && changed.length && found.member.notes.every((n) => n.id !== id) ? to.id : memberOf(found);
      return { changed, who: about === undefined ? undefined : nameOf(tx.data, about) };
    });
    undoFile = undefined;
    const what = `${ENTRY_KINDS[kind].label}${result.who ? ` about ${result.who}` : ''}`;
    if (!result.changed.length) ctx.io.err(`${id} (${what}) already says that; nothing changed.\n`);
    else ctx.io.err(`Changed ${id} (${what}): ${result.changed.join(', ')}. See it: mtl show ${id}  Undo: mtl undo\n`);
    if (due !== undefined && due < today && kind !== 'oneOnOne') ctx.io.err(ctx.io.color.yellow(`warning: ${due} is already past.`) + '\n');
  } finally {
    // The store was not written: the goal's file goes back to what it said.
    undoFile?.();
  }
}

// ---------------------------------------------------------------------------------------------- done

export async function done(ctx: Ctx, idText: string): Promise<void> {
  const { kind, id } = parseEntryId(idText);
  checkVerb(kind, 'done', id);
  // One implementation per kind: the noun's own verb where there is one.
  if (kind === 'goal') return (await import('../goals/update.js')).setStatus(ctx, id, 'done', {});
  if (kind === 'delegation') return (await import('../delegate/run.js')).done(ctx, id);
  if (kind === 'reportGoal') return (await import('../member-goals/run.js')).done(ctx, undefined, id);
  const today = dayOf(ctx.now);
  const { item, finished, who } = await updateStore(ctx.dataDir, (tx) => {
    const found = mustFind(tx.data, kind, id) as Extract<Found, { kind: 'action' }>;
    const finished = markDone(found.entry, today);
    if (finished) tx.tables.actions.put(found.entry);
    return { item: found.entry, finished, who: nameOf(tx.data, found.entry.member) };
  });
  if (!finished) ctx.io.err(`${item.id} was already done${item.doneOn ? ` (since ${item.doneOn})` : ''}; nothing changed.\n`);
  else ctx.io.err(`Done: ${item.id} "${item.text}" (${item.owner === 'me' ? 'yours' : `${who}'s`}, from a 1:1 with ${who}) on ${today}. Undo: mtl undo\n`);
}

// ------------------------------------------------------------------------------------------------ rm

export async function rm(ctx: Ctx, idText: string, opts: { yes?: boolean }, prompter?: Prompter): Promise<void> {
  const { kind, id } = parseEntryId(idText);
  if (kind === 'report') {
    const data = await openStore(ctx.dataDir);
    const member = mustFind(data, kind, id).entry as Member;
    throw new UserError(
      `rm does not apply to reports: ${id} is ${member.name}.`,
      `Take them off the team (history kept): mtl team remove ${shellWord(member.name)}  Delete them and everything about them: mtl team remove ${shellWord(member.name)} --purge`,
    );
  }
  checkVerb(kind, 'rm', id);
  const data = await openStore(ctx.dataDir);
  const described = describe(data, mustFind(data, kind, id));
  if (!opts.yes) {
    if (!ctx.io.stdinIsTTY) throw new UserError(`Removing ${described} needs --yes when there is no terminal to ask on.`, `mtl rm ${id} --yes`);
    prompter ??= (await import('../../ui/prompter.js')).createPrompter(ctx.io);
    if (!(await prompter.confirm(`Remove ${described}?`, false))) {
      ctx.io.err('Nothing was removed.\n');
      return;
    }
  }
  const result = await updateStore(ctx.dataDir, (tx) => remove(tx, kind, id));
  const lines = [`Removed ${described}.`];
  if (result.goal) {
    try {
      const dir = goalsDirFor(ctx.dataDir, readPreferences(ctx.dataDir));
      const moved = (await import('../goals/goal-file.js')).archiveGoalFile(result.goal, dir);
      if (moved) lines.push(`Its file is kept in ${moved}.`);
    } catch (err) {
      lines.push(`Its file stays where it was (${result.goal.file}): ${(err as Error).message}`);
    }
  }
  if (result.requeued) lines.push(`${plural(result.requeued, 'feedback note')} given in it ${result.requeued === 1 ? 'is' : 'are'} to give again.`);
  if (result.unlinked) lines.push(`${plural(result.unlinked, 'action item')} from it ${result.unlinked === 1 ? 'stays' : 'stay'} open (mtl rm <id> for each to drop them).`);
  lines.push('Undo: mtl undo');
  ctx.io.err(lines.join(' ') + '\n');
}

function describe(data: Data, found: Found): string {
  const label = ENTRY_KINDS[found.kind].label;
  const member = memberOf(found);
  const short = (t: string) => {
    const line = t.split('\n')[0]!;
    return line.length > 50 ? `${line.slice(0, 49)}…` : line;
  };
  const e = found.entry as { id: string; title?: string; text?: string; item?: string };
  const what = found.kind === 'learning' ? learningText(found.entry) : found.kind === 'note' ? found.entry.text : (e.title ?? e.text ?? e.item);
  return `${label} ${e.id}${member ? ` about ${nameOf(data, member)}` : ''}${what ? ` "${short(what)}"` : ''}`;
}

function remove(tx: Tx, kind: EntryKind, id: string): { goal?: Goal; requeued?: number; unlinked?: number } {
  const found = mustFind(tx.data, kind, id);
  switch (found.kind) {
    case 'goal':
      tx.tables.goals.remove(id);
      return { goal: found.entry };
    case 'reportGoal': tx.tables.memberGoals.remove(id); break;
    case 'praise': tx.praise.table(quarterOf(found.entry.date)).remove(id); break;
    case 'feedback': tx.tables.feedback.remove(id); break;
    case 'delegation': tx.tables.delegations.remove(id); break;
    case 'action': tx.tables.actions.remove(id); break;
    case 'learning': tx.tables.learning.remove(id); break;
    case 'innovation': tx.tables.innovationWeeks.remove(id); break;
    case 'assessment': tx.tables.assessments.remove(id); break;
    case 'note':
      found.member.notes = found.member.notes.filter((n) => n.id !== id);
      tx.tables.members.put(found.member);
      break;
    case 'oneOnOne': {
      // Feedback given only in this 1:1 is to give again; its action items stay, without the link.
      const o = found.entry;
      tx.tables.oneOnOnes.remove(id);
      const elsewhere = new Set(tx.data.oneOnOnes.flatMap((x) => x.feedbackDelivered));
      let requeued = 0;
      for (const f of tx.data.feedback) {
        if (o.feedbackDelivered.includes(f.id) && !elsewhere.has(f.id) && f.deliveredOn) {
          delete f.deliveredOn;
          tx.tables.feedback.put(f);
          requeued++;
        }
      }
      let unlinked = 0;
      for (const t of tx.data.actions) {
        if (t.oneOnOne === id) {
          delete t.oneOnOne;
          tx.tables.actions.put(t);
          unlinked++;
        }
      }
      return { requeued, unlinked };
    }
    case 'report':
      break;
  }
  return {};
}
