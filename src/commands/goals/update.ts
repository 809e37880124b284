import type { Ctx } from '../../context.js';
import { dayOf } from '../../core/dates.js';
import { followsMeasure, goalView, parseProgress } from '../../core/goals.js';
import { controlProblem, plural, shellWord } from '../../core/text.js';
import { UserError } from '../../errors.js';
import { openStore, updateStore } from '../../store/store.js';
import type { CheckIn } from '../../core/model.js';
import { printJson } from '../../ui/output.js';
import type { Prompter } from '../../ui/prompter.js';
import type { GoalMeasures } from '../../core/goal-metrics.js';
import { goalMeasures } from './template-files.js';
import { findGoal } from './lookup.js';

export interface CheckInOptions {
  progress?: string;
  json?: boolean;
}

/**
 * A check-in. The progress it records: `--progress N` as given (the manual figure always wins);
 * `--progress measured`, the figure mtl measures from its own data; without --progress, on a
 * terminal a question whose default is the measured figure (else the current one), and with no
 * terminal the measured figure when the goal's template measures anything and the latest figure
 * was not given by hand (see followsMeasure), else no change. A measured figure below the recorded
 * one (a new quarter counts afresh) is taken only when asked for, or typed at the question.
 */
export async function checkIn(ctx: Ctx, id: string, note: string, opts: CheckInOptions, prompter?: Prompter): Promise<void> {
  const text = note.trim();
  if (text === '') throw new UserError('The check-in note is empty.', `Say what you discussed, e.g. mtl goals check-in ${id} "Agreed the metrics with my boss" --progress 20`);
  const controls = controlProblem(text, 'check-in note', { lines: false });
  if (controls) throw new UserError(controls, `Nothing was saved. Say what you discussed on one line, e.g. mtl goals check-in ${id} "Agreed the metrics with my boss" --progress 20`);
  const wantsMeasured = opts.progress !== undefined && opts.progress.trim().toLowerCase() === 'measured';
  let progress: number | undefined;
  if (opts.progress !== undefined && !wantsMeasured) {
    progress = parseProgress(opts.progress);
    if (progress === undefined) throw new UserError(`--progress "${opts.progress}" is not allowed: give a whole number from 0 to 100, or "measured".`);
  }
  const today = dayOf(ctx.now);
  let measures: GoalMeasures | undefined;
  let tookMeasure = false;
  if (progress === undefined) {
    const data = await openStore(ctx.dataDir);
    const goal = findGoal(data.goals, id);
    measures = goalMeasures(ctx, data, [goal], today).get(goal.id);
    const proposed = measures?.proposed ?? undefined;
    if (measures) ctx.io.err(`Measured by mtl for ${goal.id}: ${measures.readings.map((r) => r.text).join('; ')}${proposed === undefined ? '' : ` → ${proposed}%`}.\n`);
    if (wantsMeasured && proposed === undefined) {
      throw new UserError(`mtl measures nothing yet for ${goal.id} "${goal.title}" (template ${goal.template}); nothing was saved.`, `Give the progress yourself: mtl goals check-in ${goal.id} ${shellWord(text)} --progress N`);
    }
    // mtl counts the current quarter only: in a new quarter a goal that spans both measures low again.
    // Taken without being asked for, the figure never lowers what is recorded.
    const lower = proposed !== undefined && proposed < goal.progress;
    if (wantsMeasured || (!ctx.io.stdinIsTTY && followsMeasure(goal.checkIns) && !lower)) {
      progress = proposed;
      tookMeasure = progress !== undefined;
    } else if (!ctx.io.stdinIsTTY && lower && followsMeasure(goal.checkIns)) {
      ctx.io.err(`Measured ${proposed}% from ${measures!.quarter} alone, below the ${goal.progress}% recorded: progress stays. Take it anyway with --progress measured, or give yours with --progress N.\n`);
    } else if (!ctx.io.stdinIsTTY) {
      if (proposed !== undefined && proposed !== goal.progress) ctx.io.err(`Your own figure (${goal.progress}%) stays; take the measured one with --progress measured.\n`);
    } else {
      prompter ??= (await import('../../ui/prompter.js')).createPrompter(ctx.io);
      const answer = await prompter.input(`Progress now, 0-100${proposed === undefined ? '' : ` (measured ${proposed}%)`}:`, {
        default: String(followsMeasure(goal.checkIns) && !lower ? (proposed ?? goal.progress) : goal.progress),
        validate: (v) => (parseProgress(v) === undefined ? 'A whole number from 0 to 100.' : true),
      });
      progress = parseProgress(answer);
      tookMeasure = progress !== undefined && progress === proposed;
    }
  }
  const { goal, before } = await updateStore(ctx.dataDir, (tx) => {
    const goal = findGoal(tx.data.goals, id);
    const before = goal.progress;
    const entry: CheckIn = { date: today, at: ctx.now.toISOString(), note: text };
    if (progress !== undefined) {
      entry.progress = progress;
      if (tookMeasure) entry.measured = true;
      goal.progress = progress;
    }
    goal.checkIns.push(entry);
    goal.updatedAt = ctx.now.toISOString();
    tx.tables.goals.put(goal);
    return { goal, before };
  });
  if (opts.json) printJson(ctx.io, goalView(goal, today));
  const moved = progress === undefined ? `progress stays ${goal.progress}%` : `progress ${before}% → ${goal.progress}%${tookMeasure ? ' as measured' : ''}`;
  ctx.io.err(`Checked in on ${goal.id} "${goal.title}": ${moved} (${plural(goal.checkIns.length, 'check-in')}).\n`);
  if (tookMeasure && opts.progress === undefined && !ctx.io.stdinIsTTY) ctx.io.err(`Your own figure wins when you give one: mtl goals check-in ${goal.id} "<note>" --progress N\n`);
  ctx.io.err(goal.status === 'open' && goal.progress === 100 ? `Finished? mtl goals done ${goal.id}\n` : 'Before your next 1:1 with your boss: mtl prep\n');
}

export async function setStatus(ctx: Ctx, id: string, status: 'open' | 'done', opts: { json?: boolean }): Promise<void> {
  const today = dayOf(ctx.now);
  const { goal, changed } = await updateStore(ctx.dataDir, (tx) => {
    const goal = findGoal(tx.data.goals, id);
    if (goal.status === status) return { goal, changed: false };
    goal.status = status;
    goal.updatedAt = ctx.now.toISOString();
    if (status === 'done') goal.doneOn = today;
    else delete goal.doneOn;
    tx.tables.goals.put(goal);
    return { goal, changed: true };
  });
  if (opts.json) printJson(ctx.io, goalView(goal, today));
  const c = ctx.io.color;
  if (!changed) {
    ctx.io.err(`${goal.id} "${goal.title}" is already ${status}${status === 'done' && goal.doneOn ? ` (since ${goal.doneOn})` : ''}; nothing changed.\n`);
  } else if (status === 'done') {
    ctx.io.err(`${c.green('Done:')} ${goal.id} "${goal.title}" on ${today}, at ${goal.progress}%. Undo: mtl goals reopen ${goal.id}\nTell your boss at the next 1:1 (mtl prep), and pick the next one: mtl goals new\n`);
  } else {
    ctx.io.err(`Reopened ${goal.id} "${goal.title}" (${goal.progress}%, due ${goal.due ?? 'no date'}). Record progress: mtl goals check-in ${goal.id} "..."\n`);
  }
}
