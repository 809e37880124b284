import { dayOf, sortByText } from '../../core/dates.js';
import { findMember, requireText } from '../../core/team.js';
import type { Ctx } from '../../context.js';
import { openStore, updateStore } from '../../store/store.js';
import type { Feedback } from '../../core/model.js';
import { printJson, renderTable } from '../../ui/output.js';
import { plural, shellWord } from '../../core/text.js';
import { createPrompter, requireTerminal, type Prompter } from '../../ui/prompter.js';
import { behaviourOption, FEEDBACK_PARTS, feedbackText, missingParts, type FeedbackPart, type FeedbackParts } from '../../core/feedback.js';
import { UsageError, UserError } from '../../errors.js';
import { feedbackJson } from '../team/json.js';
import { recordDay } from '../record-day.js';
import { instantOnDay } from '../../core/backdate.js';

export interface QueueOptions {
  situation?: string;
  behaviour?: string;
  behavior?: string;
  impact?: string;
  json?: boolean;
  date?: string;
}

export async function queue(ctx: Ctx, name: string, text: string | undefined, opts: QueueOptions, prompter?: Prompter): Promise<void> {
  const today = dayOf(ctx.now);
  // Checked before the questions: a mistyped day should not cost three answers.
  const hint = { nothing: 'Nothing was queued.', example: `mtl feedback ${shellWord(name)} "<what could go better>" --date yesterday` };
  recordDay(opts.date, today, hint);
  const content = await feedbackContent(ctx, name, text, opts, prompter);
  const { entry, json, queued } = await updateStore(ctx.dataDir, (tx) => {
    const member = findMember(tx.data, name);
    const date = recordDay(opts.date, today, hint, member) ?? today;
    const entry: Feedback = { id: tx.nextId('f'), member: member.id, ...content, date, at: instantOnDay(ctx.now, date) };
    tx.tables.feedback.add(entry);
    return { entry, json: feedbackJson(tx.data, entry), queued: tx.data.feedback.filter((f) => f.member === member.id && !f.deliveredOn).length };
  });
  if (opts.json) printJson(ctx.io, json);
  const shape = entry.situation ? 'structured feedback' : 'feedback';
  const on = entry.date !== today ? `, dated ${entry.date}` : '';
  ctx.io.err(`Queued ${shape} for ${json.member}${on} (${entry.id}; ${plural(queued, 'note')} waiting). It is on the agenda: mtl 1on1 ${shellWord(json.member)}\n`);
}

const FLAGS = '"<text>" in quotes, or --situation, --behaviour and --impact';

/**
 * The feedback's text, and its three parts when given that way: the one-line text, the three flags
 * (all of them), or on a terminal the three parts asked in turn.
 */
async function feedbackContent(ctx: Ctx, name: string, text: string | undefined, opts: QueueOptions, prompter?: Prompter): Promise<Pick<Feedback, 'text'> & Partial<FeedbackParts>> {
  if (opts.behaviour !== undefined && opts.behavior !== undefined && opts.behaviour !== opts.behavior) {
    throw new UsageError('--behaviour and --behavior are the same option; give it once.');
  }
  const given = { situation: opts.situation, behaviour: behaviourOption(opts), impact: opts.impact };
  const anyPart = FEEDBACK_PARTS.some((key) => given[key] !== undefined);
  if (text !== undefined && anyPart) {
    throw new UserError('Give the feedback either as one text or as --situation, --behaviour and --impact, not both.', `For example: mtl feedback ${shellWord(name)} --situation "..." --behaviour "..." --impact "..."`);
  }
  if (text !== undefined) return { text: requireText(text, 'feedback') };
  let parts: FeedbackParts;
  if (anyPart) {
    const missing = missingParts(given);
    if (missing.length) {
      throw new UserError(
        `Structured feedback needs all three parts; missing: ${missing.map((k) => `--${k}`).join(', ')}.`,
        'Give --situation, --behaviour and --impact together, or the feedback as one text in quotes.',
      );
    }
    parts = { situation: requireText(given.situation, 'situation'), behaviour: requireText(given.behaviour, 'behaviour'), impact: requireText(given.impact, 'impact') };
  } else {
    requireTerminal(ctx.io, FLAGS);
    // Checked before asking: a mistyped name should not cost three answers.
    const member = findMember(await openStore(ctx.dataDir), name);
    recordDay(opts.date, dayOf(ctx.now), { nothing: 'Nothing was queued.', example: '' }, member);
    parts = await askParts(prompter ?? createPrompter(ctx.io), member.name);
  }
  return { text: feedbackText(parts), ...parts };
}

const QUESTIONS: Record<FeedbackPart, (who: string) => string> = {
  situation: () => 'Situation (when and where):',
  behaviour: (who) => `Behaviour (what ${who} did, as you saw it):`,
  impact: () => 'Impact (what it changed):',
};

async function askParts(prompter: Prompter, who: string): Promise<FeedbackParts> {
  const parts = {} as FeedbackParts;
  for (const key of FEEDBACK_PARTS) {
    const answer = await prompter.input(QUESTIONS[key](who), { validate: (value) => textProblem(value, key) ?? true });
    parts[key] = requireText(answer, key);
  }
  return parts;
}

function textProblem(value: string, what: string): string | undefined {
  try {
    requireText(value, what);
    return undefined;
  } catch (err) {
    return err instanceof UserError ? err.message : String(err);
  }
}

export async function list(ctx: Ctx, name: string | undefined, opts: { all?: boolean; json?: boolean; date?: string }): Promise<void> {
  // The parent's --date reaches here too (commander reads it after the sub-command's name).
  if (opts.date !== undefined) throw new UsageError('--date dates new feedback (mtl feedback <name> "<text>" --date <day>); feedback list does not take it.', 'mtl feedback list [<name>] [--all]');
  const data = await openStore(ctx.dataDir);
  const member = name === undefined ? undefined : findMember(data, name, { includeRemoved: true });
  const entries = sortByText(
    data.feedback.filter((f) => (!member || f.member === member.id) && (opts.all || !f.deliveredOn)),
    (f) => f.at,
    true,
  );
  if (opts.json) {
    printJson(ctx.io, entries.map((f) => feedbackJson(data, f)));
    return;
  }
  if (!entries.length) {
    ctx.io.err(`No ${opts.all ? '' : 'queued '}feedback${member ? ` for ${member.name}` : ''}.\n`);
    return;
  }
  const rows = entries.map((f) => {
    const j = feedbackJson(data, f);
    return [j.date, j.id, j.member, j.deliveredOn ? `delivered ${j.deliveredOn}` : 'queued', j.text];
  });
  ctx.io.out(renderTable(ctx.io, ['date', 'id', 'report', 'status', 'feedback'], rows));
}
