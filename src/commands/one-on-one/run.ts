import { dayOf, describeDeadline } from '../../core/dates.js';
import { givenFeedback, oneOnOneOn, queuedFeedback } from '../../core/one-on-ones.js';
import { findMember, oneOnOneAgenda, requireLine, requireText } from '../../core/team.js';
import type { Ctx } from '../../context.js';
import { UsageError, UserError } from '../../errors.js';
import { readPreferences } from '../../store/preferences.js';
import { openStore, updateStore } from '../../store/store.js';
import type { ActionItem, Day, Feedback, Member, OneOnOne } from '../../core/model.js';
import { printJson } from '../../ui/output.js';
import { plural, shellWord } from '../../core/text.js';
import type { Prompter } from '../../ui/prompter.js';
import { resolveDeadline } from '../deadline.js';
import { agendaJson, renderAgenda } from './render.js';
import { actionJson } from '../team/json.js';
import { recordDay } from '../record-day.js';
import { instantOnDay } from '../../core/backdate.js';

export interface OneOnOneOptions {
  json?: boolean;
  markdown?: boolean;
  done?: boolean;
  note?: string[];
  action?: string[];
  theirAction?: string[];
  due?: string;
  gave?: string[];
  date?: string;
}

/** What was said and agreed in a 1:1, from the flags or the questions. */
interface Outcome {
  notes: string[];
  /** `dueTyped`: the words the due day was read from, for the confirmation. */
  actions: { text: string; owner: ActionItem['owner']; due?: Day; dueTyped?: string }[];
  gave: string[];
  /** The feedback question was answered (on a terminal): no reminder about --gave then. */
  asked: boolean;
}

export async function oneOnOne(ctx: Ctx, name: string, opts: OneOnOneOptions, prompter?: Prompter): Promise<void> {
  if (opts.json && opts.markdown) throw new UsageError('Choose one of --json and --markdown.');
  const today = dayOf(ctx.now);
  if (opts.done) {
    await markDone(ctx, name, today, opts, prompter);
    return;
  }
  const used = doneFlags(opts);
  if (used.length) throw new UsageError(`${used.join(', ')} ${used.length === 1 ? 'goes' : 'go'} with --done, after the meeting.`, `mtl 1on1 ${shellWord(name)} --done ${used[0]} ...`);
  const data = await openStore(ctx.dataDir);
  const agenda = oneOnOneAgenda(data, findMember(data, name), today, readPreferences(ctx.dataDir).oneOnOneCadence);
  if (opts.json) printJson(ctx.io, agendaJson(data, agenda));
  else ctx.io.out(renderAgenda(ctx.io, agenda, { markdown: Boolean(opts.markdown) }));
}

function doneFlags(opts: OneOnOneOptions): string[] {
  return [
    ...(opts.note?.length ? ['--note'] : []),
    ...(opts.action?.length ? ['--action'] : []),
    ...(opts.theirAction?.length ? ['--their-action'] : []),
    ...(opts.due !== undefined ? ['--due'] : []),
    ...(opts.gave?.length ? ['--gave'] : []),
    ...(opts.date !== undefined ? ['--date'] : []),
  ];
}

/**
 * Records the 1:1 held today (or on the day of --date), or adds to the one already recorded that
 * day: notes, action items, and the feedback given (only that is marked delivered, on that day). On
 * a terminal with none of the flags but --date, asks.
 */
async function markDone(ctx: Ctx, name: string, today: Day, opts: OneOnOneOptions, prompter?: Prompter): Promise<void> {
  if (opts.markdown) throw new UsageError('--markdown prints the agenda; --done records the meeting. Use one of them.');
  const hint = { nothing: 'Nothing was recorded.', example: `mtl 1on1 ${shellWord(name)} --done --date yesterday` };
  // The form of the day is checked first; that it is not before the report joined, once they are found.
  recordDay(opts.date, today, hint);
  const dayFor = (member: Member): Day => recordDay(opts.date, today, hint, member) ?? today;
  const flags = doneFlags(opts).filter((f) => f !== '--date');
  const outcome = !flags.length && ctx.io.stdinIsTTY ? await ask(ctx, name, today, dayFor, prompter) : await fromFlags(ctx, today, opts);
  const result = await updateStore(ctx.dataDir, (tx) => {
    const member = findMember(tx.data, name);
    const day = dayFor(member);
    const queued = queuedFeedback(tx.data, member.id, day);
    if (day !== today) lateFeedback(tx.data.feedback, member, outcome.gave, day);
    const given = givenFeedback(tx.data, member, queued, outcome.gave);
    for (const f of given) {
      f.deliveredOn = day;
      tx.tables.feedback.put(f);
    }
    const ids = given.map((f) => f.id);
    // At the time of day of now, on the day it was held (now itself, held today): 1:1s and praise sort by it.
    const at = instantOnDay(ctx.now, day);
    let record = oneOnOneOn(tx.data, member.id, day);
    const addedToEarlier = record !== undefined;
    if (record) {
      const notes = [...(record.notes ?? []), ...outcome.notes];
      record = { ...record, feedbackDelivered: [...record.feedbackDelivered, ...ids.filter((id) => !record!.feedbackDelivered.includes(id))], ...(notes.length ? { notes } : {}) };
      tx.tables.oneOnOnes.put(record);
    } else {
      record = { id: tx.nextId('o'), member: member.id, date: day, at, feedbackDelivered: ids, ...(outcome.notes.length ? { notes: outcome.notes } : {}) };
      tx.tables.oneOnOnes.add(record);
    }
    const actions: ActionItem[] = [];
    for (const a of outcome.actions) {
      const item: ActionItem = { id: tx.nextId('t'), member: member.id, oneOnOne: record.id, text: a.text, owner: a.owner, created: day, at, ...(a.due ? { due: a.due } : {}), status: 'open' };
      tx.tables.actions.add(item);
      actions.push(item);
    }
    return { member, record, addedToEarlier, given, actions, stillQueued: queued.filter((f) => !given.includes(f)), data: tx.data };
  });
  const { member, record, addedToEarlier, given, actions, stillQueued } = result;
  if (opts.json) {
    printJson(ctx.io, {
      id: record.id,
      member: member.name,
      memberId: member.id,
      date: record.date,
      addedToEarlier,
      notes: record.notes ?? [],
      feedbackDelivered: record.feedbackDelivered,
      deliveredNow: given.map((f) => f.id),
      stillQueued: stillQueued.map((f) => f.id),
      actions: actions.map((t) => actionJson(result.data, t, today)),
    });
  }
  ctx.io.err(doneMessage(today, member, record, addedToEarlier, outcome, given, actions, stillQueued));
}

/** Refuses feedback given with --gave at a 1:1 held before the feedback was noted. */
function lateFeedback(feedback: Feedback[], member: Member, ids: string[], day: Day): void {
  const late = ids.map((id) => feedback.find((f) => f.id === id.trim().toLowerCase())).find((f) => f && f.member === member.id && !f.deliveredOn && f.date > day);
  if (late) {
    throw new UserError(
      `Cannot mark ${late.id} delivered at the 1:1 of ${day}: it was noted on ${late.date}, after that.`,
      `Give it at a later 1:1: mtl 1on1 ${shellWord(member.name)} --done --gave ${late.id}. Nothing was recorded.`,
    );
  }
}

function doneMessage(today: Day, member: Member, record: OneOnOne, added: boolean, outcome: Outcome, given: Feedback[], actions: ActionItem[], stillQueued: Feedback[]): string {
  const who = shellWord(member.name);
  const what = [
    // Notes typed line by line at the prompt are one note: said by its lines, which is what was typed.
    ...(outcome.notes.length === 1 && outcome.notes[0]!.includes('\n') ? [`a note of ${outcome.notes[0]!.split('\n').length} lines`] : outcome.notes.length ? [plural(outcome.notes.length, 'note')] : []),
    ...(actions.length ? [`${plural(actions.length, 'action item')} (${actions.map((t) => t.id).join(', ')})`] : []),
    ...(given.length ? [`${plural(given.length, 'feedback note')} marked delivered (${given.map((f) => f.id).join(', ')})`] : []),
  ];
  const lines = [
    added
      ? `Added to your 1:1 with ${member.name} on ${record.date} (${record.id}): ${what.length ? what.join(', ') : 'nothing new'}.`
      : `Recorded your 1:1 with ${member.name} on ${record.date} (${record.id})${what.length ? `: ${what.join(', ')}` : ''}.`,
  ];
  if (stillQueued.length) {
    const ids = stillQueued.map((f) => f.id);
    const none = given.length ? '' : 'No feedback marked delivered; ';
    lines.push(
      outcome.asked
        ? `${plural(ids.length, 'feedback note')} still queued for next time (${ids.join(', ')}).`
        : `${none}${plural(ids.length, 'feedback note')} still queued (${ids.join(', ')}). If you gave it: mtl 1on1 ${who} --done ${ids.map((id) => `--gave ${id}`).join(' ')}`,
    );
  }
  // What a phrase was read as ("next friday" on a Thursday is the next day), as goals new says it.
  const dues = new Map<string, string[]>();
  outcome.actions.forEach((a, i) => {
    if (!a.due || !actions[i]) return;
    const said = describeDeadline(a.dueTyped ?? a.due, a.due, today);
    dues.set(said, [...(dues.get(said) ?? []), actions[i]!.id]);
  });
  for (const [said, ids] of dues) lines.push(`${ids.join(', ')} ${ids.length === 1 ? 'is' : 'are'} due ${said}.`);
  if (actions.length) lines.push(`They come up on the next agenda; close one with: mtl done ${actions[0]!.id}`);
  lines.push(`Next time: mtl 1on1 ${who}`);
  return lines.join('\n') + '\n';
}

async function fromFlags(ctx: Ctx, today: Day, opts: OneOnOneOptions): Promise<Outcome> {
  const mine = (opts.action ?? []).map((text) => ({ text: requireLine(text, 'action item'), owner: 'me' as const }));
  const theirs = (opts.theirAction ?? []).map((text) => ({ text: requireLine(text, 'action item'), owner: 'them' as const }));
  if (opts.due !== undefined && !mine.length && !theirs.length) {
    throw new UsageError('--due is the due day of the action items given with it (--action, --their-action).', 'mtl 1on1 sam --done --action "send the promotion criteria" --due friday');
  }
  const due = opts.due === undefined ? undefined : await resolveDeadline(opts.due, today, ctx.now);
  return {
    notes: (opts.note ?? []).map((text) => requireText(text, 'note')),
    actions: [...mine, ...theirs].map((a) => (due ? { ...a, due, dueTyped: opts.due! } : a)),
    gave: opts.gave ?? [],
    asked: false,
  };
}

/** The questions after a 1:1: which queued feedback was given, notes, then action items until an empty one. */
async function ask(ctx: Ctx, name: string, today: Day, dayFor: (member: Member) => Day, given?: Prompter): Promise<Outcome> {
  const data = await openStore(ctx.dataDir);
  const member = findMember(data, name);
  // Checked before asking: a day before they joined should not cost the answers.
  const day = dayFor(member);
  const prompter = given ?? (await import('../../ui/prompter.js')).createPrompter(ctx.io);
  const queued = queuedFeedback(data, member.id, day);
  const gave = queued.length
    ? await prompter.checklist(
        `Which feedback did you give ${member.name}?`,
        queued.map((f) => ({ name: `${f.id}  ${oneLine(f.text)}`, value: f.id, short: f.id })),
      )
    : [];
  const lines: string[] = [];
  for (;;) {
    const line = await prompter.input(lines.length ? 'More notes (enter on an empty line to finish):' : 'Notes from the meeting (one line at a time; enter on an empty line to finish):', { optional: true, validate: lineCheck('note') });
    if (!line.trim()) break;
    lines.push(line.trim());
  }
  const actions: Outcome['actions'] = [];
  for (;;) {
    const text = await prompter.input(actions.length ? 'Another action item (enter to finish):' : 'Action item agreed (enter to finish):', { optional: true, validate: lineCheck('action item') });
    if (!text.trim()) break;
    const owner = await prompter.select<ActionItem['owner']>('Who does it?', [
      { name: 'me', value: 'me' },
      { name: member.name, value: 'them' },
    ]);
    let due: Day | undefined;
    let typed = '';
    for (;;) {
      const words = await prompter.input('Due (e.g. friday, in 2 weeks; enter for none):', { optional: true });
      if (!words.trim()) break;
      try {
        due = await resolveDeadline(words, today, ctx.now);
        typed = words;
        break;
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        ctx.io.err(`${err.message}${err.hint ? ` ${err.hint}` : ''}\n`);
      }
    }
    actions.push({ text: text.trim(), owner, ...(due ? { due, dueTyped: typed } : {}) });
  }
  return { notes: lines.length ? [lines.join('\n')] : [], actions, gave, asked: true };
}

function lineCheck(what: string): (value: string) => string | true {
  return (value) => {
    if (!value.trim()) return true;
    try {
      requireLine(value, what);
      return true;
    } catch (err) {
      return err instanceof UserError ? err.message : String(err);
    }
  };
}

const oneLine = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 70 ? `${flat.slice(0, 69)}…` : flat;
};
