import type { Ctx } from '../../context.js';
import { measuredLabel } from '../../core/goal-metrics.js';
import { dayOf } from '../../core/dates.js';
import { goalView } from '../../core/goals.js';
import { openStore } from '../../store/store.js';
import { dueText, printJson, progressBar } from '../../ui/output.js';
import { findGoal } from './lookup.js';
import { goalMeasures } from './template-files.js';

/** One goal in full: dates, progress set by hand, what mtl measured, and its check-ins. */
export async function show(ctx: Ctx, id: string, opts: { json?: boolean }): Promise<void> {
  const today = dayOf(ctx.now);
  const data = await openStore(ctx.dataDir);
  const goal = findGoal(data.goals, id);
  const view = goalView(goal, today);
  const measured = goalMeasures(ctx, data, [goal], today).get(goal.id) ?? null;
  if (opts.json) {
    printJson(ctx.io, { ...view, measured, checkIns: goal.checkIns });
    return;
  }
  const { io } = ctx;
  const c = io.color;
  const due = view.status === 'done' ? c.green(`done ${view.doneOn ?? ''}`.trim()) : view.due ? `due ${view.due}, ${dueText(view.daysLeft!)}` : 'no due date';
  const out = [`${c.bold(goal.id)}  ${goal.title}  ${c.dim(`(${goal.template})`)}`, `  started ${goal.created}; ${due}`, `  ${c.bold('Progress')}  ${progressBar(io, goal.progress)}`];
  if (measured) {
    out.push('', `${c.bold('Measured by mtl')} ${c.dim(`(${measuredLabel(measured, today, goal.status === 'done') ?? measured.quarter})`)}`);
    for (const r of measured.readings) out.push(`  ${r.share === null ? c.dim('  -') : `${String(Math.round(r.share * 100)).padStart(3)}%`}  ${r.text}`);
    if (measured.proposed !== null) out.push(`  ${c.bold(`${String(measured.proposed).padStart(3)}%`)}  together${measured.proposed !== goal.progress ? c.dim(`; your progress says ${goal.progress}%`) : ''}`);
  }
  out.push('', c.bold(`Check-ins (${goal.checkIns.length})`));
  if (goal.checkIns.length === 0) out.push(c.dim('  none yet'));
  for (const ci of goal.checkIns) out.push(`  ${ci.date}  ${ci.progress === undefined ? c.dim('  -') : `${String(ci.progress).padStart(3)}%`}  ${ci.note}`);
  io.out(out.join('\n') + '\n');
  if (goal.status === 'open') io.err(c.dim(`Next: mtl goals check-in ${goal.id} "<what you agreed>"${measured?.proposed != null ? ' (takes the measured figure unless you give --progress)' : ' --progress N'}\n`));
}
