import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Ctx } from '../../context.js';
import { parseEventDay } from '../../core/culture.js';
import { instantOnDay, parseRecordDay } from '../../core/backdate.js';
import { oneOnOneOn } from '../../core/one-on-ones.js';
import { dayOf, describeDeadline, quarterOf } from '../../core/dates.js';
import { reportGoalQuarter } from '../../core/quarters.js';
import {
  checkVerb,
  editableText,
  editExample,
  ENTRY_KINDS,
  parseEntryId,
  readEditedText,
  sameTitleGoal,
  type EditFlag,
  type EntryKind,
} from '../../core/entries.js';
import type { Data, Day, Goal, Member, OneOnOne } from '../../core/model.js';
import { targetsFrom } from '../../core/goal-metrics.js';
import { findMember, nameOf, requireLine, requireText } from '../../core/team.js';
import { titleProblem } from '../../core/templates.js';
import { behaviourOption, FEEDBACK_PARTS, feedbackText, type FeedbackParts } from '../../core/feedback.js';
import { plural, shellWord } from '../../core/text.js';
import { UsageError, UserError } from '../../errors.js';
import { openStore, updateStore, type Tx } from '../../store/store.js';
import { goalsDirFor } from '../../store/paths.js';
import { readPreferences } from '../../store/preferences.js';
import { resolveDeadline } from '../deadline.js';
import { openInEditor } from '../editor.js';

import { learningText, memberOf, mustFind, type Found } from './found.js';

export interface EditOptions {
  text?: string;
  title?: string;
  due?: string;
  to?: string;
  public?: boolean;
  private?: boolean;
  date?: string;
  target?: string[];
  situation?: string;
  behaviour?: string;
  behavior?: string;
  impact?: string;
}

/** The changes asked for, checked as far as can be without the store. */
interface Changes {
  text?: string;
  title?: string;
  due?: string;
  to?: string;
  public?: boolean;
  date?: string;
  /** `<metric>=<number|default>` words for a goal's own targets. */
  target?: string[];
  situation?: string;
  behaviour?: string;
  impact?: string;
}

const FLAGS: EditFlag[] = ['text', 'title', 'due', 'to', 'public', 'private', 'date', 'target', ...FEEDBACK_PARTS];

export async function edit(ctx: Ctx, idText: string, opts: EditOptions): Promise<void> {
  const { kind, id } = parseEntryId(idText);
  opts = { ...opts, behaviour: behaviourOption(opts) };
  const given = FLAGS.filter((f) => opts[f] !== undefined);
  checkVerb(kind, 'edit', id, given);
  let changes: Changes;
  if (given.length) {
    changes = { ...(opts.text !== undefined ? { text: opts.text } : {}), ...(opts.title !== undefined ? { title: opts.title } : {}), ...(opts.due !== undefined ? { due: opts.due } : {}), ...(opts.to !== undefined ? { to: opts.to } : {}), ...(opts.date !== undefined ? { date: opts.date } : {}), ...(opts.target !== undefined ? { target: opts.target } : {}) };
    for (const part of FEEDBACK_PARTS) if (opts[part] !== undefined) changes[part] = opts[part];
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
    case 'praise': return { fields: [['to', who(found.entry.member)], ['public', found.entry.public ? 'yes' : 'no'], ['date', found.entry.date]], text: found.entry.text };
    case 'feedback': {
      // Structured feedback is edited part by part; its one-piece text is made of them.
      const f = found.entry;
      if (f.situation === undefined) return { fields: [['to', who(f.member)]], text: f.text };
      return { fields: [['to', who(f.member)], ['situation', f.situation], ['behaviour', f.behaviour ?? ''], ['impact', f.impact ?? '']] };
    }
    case 'note': return { fields: [['to', found.member.name]], text: found.entry.text };
    case 'delegation': return { fields: [['title', found.entry.item], ['to', who(found.entry.member)]] };
    case 'oneOnOne': return { fields: [['date', found.entry.date]], text: (found.entry.notes ?? []).join('\n') };
    case 'action': return { fields: [['due', found.entry.due ?? ''], ['to', who(found.entry.member)]], text: found.entry.text };
    case 'learning': return { fields: [], text: learningText(found.entry) };
    case 'process': return { fields: [['to', who(found.entry.member)]], text: found.entry.practice };
    case 'cultureEvent': return { fields: [['date', found.entry.date]], text: found.entry.what };
    case 'moment': return { fields: [], text: found.entry.text };
    default: return { fields: [] };
  }
}


/**
 * Opens the entry's editable fields in $EDITOR; returns what changed and the file it was written in
 * (left for the caller to remove once saved), or undefined when nothing did.
 */
async function editInEditor(ctx: Ctx, kind: EntryKind, id: string): Promise<{ changes: Changes; file: string } | undefined> {
  const data = await openStore(ctx.dataDir);
  const found = mustFind(data, kind, id);
  const { fields, text } = editorFields(data, found);
  // Fields are one line each in the file; a value of several lines (a part of structured feedback
  // given with line breaks) would be read back as other fields, or not at all.
  const long = fields.find(([, value]) => /[\r\n]/.test(value));
  if (long) {
    throw new UserError(`${id}'s ${long[0]} runs over several lines, which the editor's one-line fields cannot hold.`, `Change it with a flag instead, e.g. ${editExample(kind, id, long[0])}`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtl-edit-'));
  const file = path.join(dir, `${id}.txt`);
  let keep = false;
  const forget = ctx.io.onSignalExit?.(() => fs.rmSync(dir, { recursive: true, force: true }));
  try {
    fs.writeFileSync(file, editableText(`${id}: ${ENTRY_KINDS[kind].label}`, fields, text), { mode: 0o600 });
    await openInEditor(ctx, file, `mtl edit ${id}`, { temporary: true });
    let back: ReturnType<typeof readEditedText>;
    try {
      back = readEditedText(fs.readFileSync(file, 'utf8'), fields.map(([k]) => k), text !== undefined);
    } catch (err) {
      // What was typed is not thrown away with a line mtl cannot read.
      if (!(err instanceof UserError)) throw err;
      keep = true;
      throw new UserError(err.message, `${err.hint ? `${err.hint}\n` : ''}What you wrote is kept in ${file}; nothing was changed.`);
    }
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
        if (!yes && !/^(no|n|false|private)$/i.test(value)) {
          keep = true;
          throw new UserError(`public: "${value}" is neither yes nor no; ${id} is unchanged.`, `What you wrote is kept in ${file}.`);
        }
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
    forget?.();
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function applyEdit(ctx: Ctx, kind: EntryKind, id: string, changes: Changes): Promise<void> {
  const today = dayOf(ctx.now);
  // What the one-line kinds call their text in messages, as their own commands do.
  const lineWord: Partial<Record<EntryKind, string>> = { action: 'action item', learning: 'text', process: 'practice', cultureEvent: 'description of the event', moment: 'note' };
  const oneLine = lineWord[kind];
  const text = changes.text === undefined ? undefined : kind === 'oneOnOne' ? changes.text : oneLine ? requireLine(changes.text, oneLine) : requireText(changes.text, kind === 'praise' ? 'praise' : kind === 'feedback' ? 'feedback' : 'note');
  const parts: Partial<FeedbackParts> = {};
  for (const part of FEEDBACK_PARTS) if (changes[part] !== undefined) parts[part] = requireText(changes[part], part);
  if (text !== undefined && Object.keys(parts).length) {
    throw new UsageError('Change the feedback either as one text or part by part (--situation, --behaviour, --impact), not both.', `Nothing was changed. Example: mtl edit ${id} --impact "<what it changed>"`);
  }
  let date: string | undefined;
  if (changes.date !== undefined) {
    // Praise and 1:1s say it their way (and are checked against the report's first day in the write).
    const parsed = kind === 'cultureEvent' ? parseEventDay(changes.date, today) : parseRecordDay(changes.date, today);
    if (typeof parsed !== 'string') throw new UserError(`--date ${parsed.problem}`, `Nothing was changed. Example: mtl edit ${id} --date yesterday`);
    date = parsed;
  }
  let title: string | undefined;
  if (changes.title !== undefined) {
    if (kind === 'goal') {
      title = changes.title.trim();
      const problem = titleProblem(title);
      if (problem) throw new UserError(problem, `Nothing was changed. Example: ${editExample(kind, id)}`);
    } else title = requireLine(changes.title, kind === 'delegation' ? 'roadmap item' : 'goal title');
  }
  const due = changes.due === undefined ? undefined : await resolveDeadline(changes.due, today, ctx.now);
  const dueLabel = due === undefined ? '' : `due ${describeDeadline(changes.due!, due, today)}`;
  const goalsModule = kind === 'goal' && (title !== undefined || due !== undefined || changes.target !== undefined) ? await import('../goals/goal-file.js') : undefined;
  const goalsDir = goalsModule && goalsDirFor(ctx.dataDir, readPreferences(ctx.dataDir));
  const targetsOf = changes.target === undefined ? undefined : await goalTargets(ctx, id, changes.target);
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
          set(g, 'due', due, dueLabel);
          let newTargets: Record<string, number> | undefined;
          if (targetsOf) {
            const targets = targetsOf(g);
            if (JSON.stringify(targets) !== JSON.stringify(g.targets ?? {})) {
              newTargets = targets;
              if (Object.keys(targets).length) g.targets = targets;
              else delete g.targets;
              changed.push(Object.keys(targets).length ? `targets ${Object.entries(targets).map(([m, n]) => `${m} ${n}`).join(', ')}` : "the template's targets");
            }
          }
          if (changed.length) {
            g.updatedAt = ctx.now.toISOString();
            tx.tables.goals.put(g);
            if (goalsModule) undoFile = goalsModule.updateGoalFile(g, goalsDir!, { ...(title !== undefined ? { title } : {}), ...(due !== undefined ? { due } : {}) }, newTargets);
          }
          break;
        }
        case 'reportGoal': {
          const g = found.entry;
          const member = to?.id ?? g.member;
          // A goal set for next quarter follows its due day back into this one (or stays next quarter's).
          const quarter = due !== undefined && g.quarter > quarterOf(today) ? reportGoalQuarter(due, today) : g.quarter;
          const clash = sameTitleGoal(tx.data.memberGoals, member, quarter, title ?? g.title, g.id);
          if (clash && (title !== undefined || to !== undefined || quarter !== g.quarter)) {
            throw new UserError(`${nameOf(tx.data, member)} already has "${clash.title}" for ${clash.quarter} (${clash.id}).`, `Nothing was changed. Remove one: mtl rm ${clash.id}`);
          }
          set(g, 'title', title, `title "${title}"`);
          set(g, 'due', due, dueLabel);
          set(g, 'quarter', quarter, `now a goal for ${quarter}`);
          set(g, 'member', to?.id, `moved to ${to?.name}`);
          if (changed.length) {
            g.updatedAt = ctx.now.toISOString();
            tx.tables.memberGoals.put(g);
          }
          break;
        }
        case 'praise': {
          const p = found.entry;
          const day = date ?? p.date;
          if (to && to.id !== p.member && to.added > day) {
            throw new UserError(`${to.name} joined on ${to.added}, after this praise (${day}).`, 'Nothing was changed. Log it for them again if it was theirs: mtl praise <name> "<text>"');
          }
          if (date !== undefined) joinedBy(to ?? tx.data.members.find((m) => m.id === p.member), date, id);
          const quarter = quarterOf(p.date);
          set(p, 'text', text, 'text');
          set(p, 'member', to?.id, `moved to ${to?.name}`);
          set(p, 'public', changes.public, changes.public ? 'public now' : 'private now');
          if (date !== undefined && date !== p.date) {
            p.date = date;
            p.at = instantOnDay(new Date(p.at), date);
            changed.push(`date ${date}`);
          }
          // Praise lives in the file of its day's quarter: moved to another quarter, it moves file.
          if (changed.length && quarterOf(p.date) !== quarter) {
            tx.praise.table(quarter).remove(p.id);
            tx.praise.table(quarterOf(p.date)).add(p);
          } else if (changed.length) tx.praise.table(quarter).put(p);
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
          if (Object.keys(parts).length) {
            const missing = FEEDBACK_PARTS.filter((part) => parts[part] === undefined);
            if (f.situation === undefined && missing.length) {
              throw new UserError(
                `${id} is one piece of text, not situation, behaviour and impact, so it has no ${FEEDBACK_PARTS.filter((part) => parts[part] !== undefined).join(' or ')} to change.`,
                `Nothing was changed. Give all three parts to make it structured feedback: mtl edit ${id} --situation "..." --behaviour "..." --impact "...", or change its text: mtl edit ${id} --text "..."`,
              );
            }
            for (const part of FEEDBACK_PARTS) set(f, part, parts[part], part);
            const whole = { situation: f.situation ?? '', behaviour: f.behaviour ?? '', impact: f.impact ?? '' };
            f.text = feedbackText(whole);
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
            const before = o.notes?.length ?? 0;
            if (notes.length) o.notes = notes;
            else delete o.notes;
            // --text replaces them all: said when that drops lines (mtl undo brings them back).
            changed.push(`notes (${plural(notes.length, 'line')}${before > notes.length ? `, was ${before}: the text replaces all of them` : ''})`);
          }
          if (date !== undefined && date !== o.date) moveOneOnOne(tx, o, date, changed);
          if (changed.length) tx.tables.oneOnOnes.put(o);
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
        case 'process': {
          const p = found.entry;
          set(p, 'practice', text, 'practice');
          set(p, 'member', to?.id, `owner now ${to?.name}`);
          if (changed.length) tx.tables.processes.put(p);
          break;
        }
        case 'cultureEvent': {
          const c = found.entry;
          set(c, 'what', text, 'text');
          set(c, 'date', date, `date ${date}`);
          if (changed.length) tx.tables.cultureEvents.put(c);
          break;
        }
        case 'moment': {
          const w = found.entry;
          set(w, 'text', text, 'text');
          if (changed.length) tx.tables.moments.put(w);
          break;
        }
        default:
          break;
      }
      // A note moved belongs to its new report now; other entries name theirs in `member`.
      const about = found.kind === 'note' && to && changed.length && found.member.notes.every((n) => n.id !== id) ? to.id : memberOf(found);
      // A goal of an earlier quarter given a due day in this one is still that quarter's: carrying moves it.
      const earlier = found.kind === 'reportGoal' && due !== undefined && found.entry.quarter < quarterOf(today) && quarterOf(due) >= quarterOf(today) ? found.entry : undefined;
      return { changed, who: about === undefined ? undefined : nameOf(tx.data, about), earlier };
    });
    undoFile = undefined;
    const what = `${ENTRY_KINDS[kind].label}${result.who ? ` ${kind === 'process' ? 'owned by' : 'about'} ${result.who}` : ''}`;
    if (!result.changed.length) ctx.io.err(`${id} (${what}) already says that; nothing changed.\n`);
    else ctx.io.err(`Changed ${id} (${what}): ${result.changed.join(', ')}. See it: mtl show ${id}  Undo: mtl undo\n`);
    if (due !== undefined && due < today && kind !== 'oneOnOne') ctx.io.err(ctx.io.color.yellow(`warning: ${due} is already past.`) + '\n');
    if (result.earlier) ctx.io.err(`${id} is still a goal for ${result.earlier.quarter}; to count it in ${quarterOf(today)}: mtl member-goals carry ${shellWord(result.who ?? '')} ${id}\n`);
  } finally {
    // The store was not written: the goal's file goes back to what it said.
    undoFile?.();
  }
}

/**
 * `--target <metric>=<number|default>` for a goal: checked against the metrics its template measures
 * before the lock is taken; applied to the goal as the store holds it.
 */
async function goalTargets(ctx: Ctx, id: string, words: string[]): Promise<(goal: Goal) => Record<string, number>> {
  const data = await openStore(ctx.dataDir);
  const goal = mustFind(data, 'goal', id).entry as Goal;
  const { loadTemplates } = await import('../goals/template-files.js');
  const template = loadTemplates(ctx.dataDir, new Set([goal.template])).templates.find((t) => t.name === goal.template);
  if (!template) {
    throw new UserError(`${id}'s template "${goal.template}" is not there any more, so mtl cannot tell what it measures.`, `Nothing was changed. Put the template back, or see the templates there are: mtl goals templates`);
  }
  const specs = template.measures ?? [];
  const check = (g: Goal) => {
    try {
      return targetsFrom(words, specs, g.targets);
    } catch (err) {
      throw new UserError(`${id}: ${(err as Error).message}.`, `Nothing was changed. See what the template measures: mtl goals templates --json`);
    }
  };
  check(goal);
  return check;
}

/** Refuses a day before the report (of a praise entry or 1:1) was added, or after they left. */
function joinedBy(member: Pick<Member, 'name' | 'added' | 'removed'> | undefined, day: Day, id: string): void {
  if (!member) return;
  const problem = parseRecordDay(day, day, member);
  if (typeof problem !== 'string') throw new UserError(`--date ${problem.problem}`, `Nothing was changed. See ${id}: mtl show ${id}`);
}

/**
 * A 1:1 moved to another day, with what was recorded at it: the feedback it marked delivered that
 * day, and the action items agreed at it that day. Refused when the report has a 1:1 on that day
 * already (a second --done that day adds to it; two would split the notes), or when feedback given
 * at it was only noted after the new day, or an action item agreed at it was done before it.
 */
function moveOneOnOne(tx: Tx, o: OneOnOne, date: Day, changed: string[]): void {
  const member = tx.data.members.find((m) => m.id === o.member);
  joinedBy(member, date, o.id);
  const name = member?.name ?? o.member;
  const clash = oneOnOneOn(tx.data, o.member, date);
  if (clash) {
    throw new UserError(
      `You already have a 1:1 with ${name} on ${date} (${clash.id}).`,
      `Nothing was changed. To keep one, add ${o.id}'s notes to it (mtl edit ${clash.id}), then remove ${o.id}: mtl rm ${o.id}`,
    );
  }
  const given = tx.data.feedback.filter((f) => o.feedbackDelivered.includes(f.id) && f.deliveredOn === o.date);
  const late = given.find((f) => f.date > date);
  if (late) throw new UserError(`${late.id}, given at ${o.id}, was noted on ${late.date}, after ${date}.`, `Nothing was changed. Give a day from ${late.date} on, or check the day: mtl show ${o.id}`);
  for (const f of given) {
    f.deliveredOn = date;
    tx.tables.feedback.put(f);
  }
  const agreed = tx.data.actions.filter((t) => t.oneOnOne === o.id && t.created === o.date);
  const early = agreed.find((t) => t.doneOn !== undefined && t.doneOn < date);
  if (early) throw new UserError(`${early.id}, agreed at ${o.id}, was done on ${early.doneOn}, before ${date}.`, `Nothing was changed. Give a day up to ${early.doneOn}, or check the day: mtl show ${o.id}`);
  for (const t of agreed) {
    t.created = date;
    t.at = instantOnDay(new Date(t.at), date);
    tx.tables.actions.put(t);
  }
  o.date = date;
  o.at = instantOnDay(new Date(o.at), date);
  const along = [...given.map((f) => f.id), ...agreed.map((t) => t.id)];
  changed.push(`date ${date}${along.length ? ` (with ${along.join(', ')})` : ''}`);
}
