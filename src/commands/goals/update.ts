import type { Ctx } from '../../context.js';
import { dayOf } from '../../core/dates.js';
import { goalView, parseProgress } from '../../core/goals.js';
import { controlProblem } from '../../core/text.js';
import { UserError } from '../../errors.js';
import { updateStore } from '../../store/store.js';
import type { CheckIn } from '../../core/model.js';
import { plural, printJson } from '../../ui/output.js';
import { findGoal } from './lookup.js';

export interface CheckInOptions {
  progress?: string;
  json?: boolean;
}

export async function checkIn(ctx: Ctx, id: string, note: string, opts: CheckInOptions): Promise<void> {
  const text = note.trim();
  if (text === '') throw new UserError('The check-in note is empty.', `Say what you discussed, e.g. mtl goals check-in ${id} "Agreed the metrics with my boss" --progress 20`);
  const controls = controlProblem(text, 'check-in note', { lines: false });
  if (controls) throw new UserError(controls, `Nothing was saved. Say what you discussed on one line, e.g. mtl goals check-in ${id} "Agreed the metrics with my boss" --progress 20`);
  let progress: number | undefined;
  if (opts.progress !== undefined) {
    progress = parseProgress(opts.progress);
    if (progress === undefined) throw new UserError(`--progress "${opts.progress}" is not allowed: give a whole number from 0 to 100.`);
  }
  const today = dayOf(ctx.now);
  const { goal, before } = await updateStore(ctx.dataDir, (tx) => {
    const goal = findGoal(tx.data.goals, id);
    const before = goal.progress;
    const entry: CheckIn = { date: today, at: ctx.now.toISOString(), note: text };
    if (progress !== undefined) {
      entry.progress = progress;
      goal.progress = progress;
    }
    goal.checkIns.push(entry);
    goal.updatedAt = ctx.now.toISOString();
    tx.tables.goals.put(goal);
    return { goal, before };
  });
  if (opts.json) printJson(ctx.io, goalView(goal, today));
  const moved = progress === undefined ? `progress stays ${goal.progress}%` : `progress ${before}% → ${goal.progress}%`;
  ctx.io.err(`Checked in on ${goal.id} "${goal.title}": ${moved} (${plural(goal.checkIns.length, 'check-in')}).\n`);
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
