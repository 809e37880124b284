import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Ctx } from '../../context.js';
import { dayOf, describeDeadline, quarterOf } from '../../core/dates.js';
import { targetsFrom } from '../../core/goal-metrics.js';
import { goalView } from '../../core/goals.js';
import { renderGoalFile, slugify, titleProblem, type Template } from '../../core/templates.js';
import { UserError } from '../../errors.js';
import { reason } from '../../store/files.js';
import { goalsDirFor } from '../../store/paths.js';
import { readPreferences } from '../../store/preferences.js';
import { updateStore, type Tx } from '../../store/store.js';
import type { Goal } from '../../core/model.js';
import { printJson } from '../../ui/output.js';
import { shellWord } from '../../core/text.js';
import { createPrompter, type Prompter } from '../../ui/prompter.js';
import { resolveDeadline } from '../deadline.js';
import { findTemplate, loadTemplates, type TemplateSet } from './template-files.js';

export interface NewGoalOptions {
  template?: string;
  title?: string;
  due?: string;
  /** `<metric>=<number>` words: this goal's own targets. */
  target?: string[];
  yes?: boolean;
  json?: boolean;
}

const FLAGS = '--template <name> [--title "<title>"] [--due "<deadline>"]';

export async function newGoal(ctx: Ctx, opts: NewGoalOptions, prompter?: Prompter): Promise<void> {
  const today = dayOf(ctx.now);
  const set = loadTemplates(ctx.dataDir);
  const ask = ctx.io.stdinIsTTY && !opts.yes;
  const lazyPrompter = () => (prompter ??= createPrompter(ctx.io));

  // Flags are checked before any question, so a bad --due never costs the user a round of prompts.
  const flagTitle = opts.title?.trim();
  const flagProblem = flagTitle === undefined ? undefined : titleProblem(flagTitle);
  if (flagProblem) throw new UserError(flagProblem, 'Give a one-line title with --title "<title>".');
  const flagDue = opts.due === undefined ? undefined : await goalDeadline(opts.due, today, ctx.now);

  let template: Template;
  if (opts.template !== undefined) template = findTemplate(set, opts.template);
  else if (ask) template = await chooseTemplate(set, lazyPrompter());
  else if (!ctx.io.stdinIsTTY) throw new UserError('Which template? There is no terminal to ask on.', `Give it as a flag: mtl goals new ${FLAGS}. See: mtl goals templates`);
  else throw new UserError('--yes needs --template: there is no default template.', `For example: mtl goals new --template autonomy --yes. See: mtl goals templates`);

  let targets: Record<string, number> = {};
  try {
    targets = targetsFrom(opts.target ?? [], template.measures);
  } catch (err) {
    throw new UserError(`--target: ${(err as Error).message}.`, `Nothing was created. See what each template measures: mtl goals templates --json`);
  }

  let title: string;
  if (flagTitle !== undefined) title = flagTitle;
  else if (ask) title = (await lazyPrompter().input('Title of the goal:', { default: template.title, validate: (v) => titleProblem(v) ?? true })).trim();
  else title = template.title;
  const problem = titleProblem(title);
  if (problem) throw new UserError(`The template's title does not work: ${problem}`, 'Give a one-line title with --title "<title>".');

  // `typed`: the words the user gave for the deadline, so the confirmation can say what they read as.
  let due: string;
  let typed: string | undefined;
  if (flagDue !== undefined) [due, typed] = [flagDue, opts.due];
  else if (ask) ({ due, typed } = await askDeadline(ctx, lazyPrompter(), template.due, today));
  else due = await templateDeadline(template, today, ctx.now);

  const dir = goalsDir(ctx);
  const owner = (ctx.env.USER || ctx.env.LOGNAME || safeUsername()).trim() || 'me';
  let written: string | undefined;
  try {
    const goal = await updateStore(ctx.dataDir, (tx) => {
      const id = freeGoalId(tx, dir);
      const file = path.join(dir, `${id}-${slugify(title)}.md`);
      const text = renderGoalFile(template, { id, title, owner, created: today, due, quarter: quarterOf(today) }, targets);
      writeGoalFile(dir, file, text);
      written = file;
      const goal: Goal = { id, title, template: template.name, file, created: today, due, status: 'open', progress: 0, checkIns: [], ...(Object.keys(targets).length ? { targets } : {}), updatedAt: ctx.now.toISOString() };
      tx.tables.goals.add(goal);
      return goal;
    });
    written = undefined;
    if (opts.json) printJson(ctx.io, goalView(goal, today));
    const c = ctx.io.color;
    ctx.io.err(
      [
        `Created ${c.bold(goal.id)} "${goal.title}" (${template.name}), due ${describeDeadline(typed, due, today)}${goal.targets ? `; its own targets: ${Object.entries(goal.targets).map(([m, n]) => `${m} ${n}`).join(', ')}` : ''}.`,
        `  ${goal.file}`,
        '',
        'Next:',
        `  ${`mtl goals open ${goal.id}`.padEnd(20)}  fill in the plan, then agree the metrics with your boss`,
        `  mtl goals check-in ${goal.id} ${shellWord('Agreed the metrics with my boss')} --progress 10`,
        `  ${'mtl prep'.padEnd(20)}  before each 1:1 with your boss`,
        '',
      ].join('\n'),
    );
  } finally {
    if (written) fs.rmSync(written, { force: true });
  }
}

function safeUsername(): string {
  try {
    return os.userInfo().username;
  } catch {
    return '';
  }
}

/** The folder for goal files: the `goalsDir` preference, else `<data dir>/goals`; created owner-only. */
export function goalsDir(ctx: Ctx): string {
  return goalsDirFor(ctx.dataDir, readPreferences(ctx.dataDir));
}

/**
 * The next goal id whose file name is free. A process killed between writing a goal file and saving
 * the data leaves a file for an id the counter never gave out; skipping it keeps `goals new` working.
 */
function freeGoalId(tx: Tx, dir: string): string {
  let taken: string[] = [];
  try {
    taken = fs.readdirSync(dir);
  } catch {
    // No folder yet: every id is free.
  }
  for (;;) {
    const id = tx.nextId('g');
    if (!taken.some((name) => name.startsWith(`${id}-`))) return id;
  }
}

function writeGoalFile(dir: string, file: string, text: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new UserError(`Cannot create the goals folder ${dir}: ${reason(err)}.`, 'Choose another with: mtl config set goalsDir <folder>');
  }
  try {
    fs.writeFileSync(file, text, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new UserError(`${file} already exists; mtl never overwrites a goal file, so nothing was created.`, 'Move that file away (or rename it) and run the command again.');
    }
    throw new UserError(`Cannot write ${file}: ${reason(err)}.`, 'Check the folder permissions, or choose another with: mtl config set goalsDir <folder>');
  }
}

async function chooseTemplate(set: TemplateSet, prompter: Prompter): Promise<Template> {
  return prompter.select(
    'Which kind of goal?',
    set.templates.map((t) => ({ name: `${t.name.padEnd(13)} ${t.title}`, value: t, description: t.description })),
  );
}

async function askDeadline(ctx: Ctx, prompter: Prompter, suggested: string, today: string): Promise<{ due: string; typed: string }> {
  for (;;) {
    const text = await prompter.input(`Deadline (a date, "end of quarter", "in 6 weeks", "next friday"...):`, { default: suggested });
    try {
      return { due: await goalDeadline(text, today, ctx.now, 'prompt'), typed: text };
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      ctx.io.err(ctx.io.color.yellow(`${err.message}`) + (err.hint ? ` ${err.hint}` : '') + '\n');
    }
  }
}

/**
 * A goal's deadline: any phrase resolveDeadline reads, but not a day already gone. The hint for a past
 * day speaks of the --due flag, or of typing an answer when `from` is the deadline question.
 */
async function goalDeadline(text: string, today: string, now: Date, from: 'flag' | 'prompt' = 'flag'): Promise<string> {
  const day = await resolveDeadline(text, today, now);
  if (day < today) {
    const hint = from === 'prompt' ? 'Type today or a later day, e.g. "end of quarter".' : 'Give today or a later day, e.g. --due "end of quarter".';
    throw new UserError(`The deadline "${text}" is ${day}, which is in the past (today is ${today}).`, hint);
  }
  return day;
}

async function templateDeadline(template: Template, today: string, now: Date): Promise<string> {
  try {
    return await goalDeadline(template.due, today, now);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    throw new UserError(`The template "${template.name}" suggests the deadline "${template.due}", which mtl cannot read.`, `Give one with --due, or fix "due:" in ${template.path}.`);
  }
}
