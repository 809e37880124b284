import type { Ctx } from '../../context.js';
import { dayOf } from '../../core/dates.js';
import { goalView, sortGoals, type GoalView } from '../../core/goals.js';
import { openStore } from '../../store/store.js';
import { warnDueDrifts } from './goal-file.js';
import { goalMeasures } from './template-files.js';
import { measuredLabel, type GoalMeasures } from '../../core/goal-metrics.js';
import { agoText, dueText, printJson, progressBar, prose, renderTable } from '../../ui/output.js';

export interface ListOptions {
  all?: boolean;
  json?: boolean;
}

export async function list(ctx: Ctx, opts: ListOptions): Promise<void> {
  const today = dayOf(ctx.now);
  const data = await openStore(ctx.dataDir);
  const goals = sortGoals(data.goals.filter((g) => opts.all || g.status === 'open'));
  const shown = goals.map((g) => goalView(g, today));
  warnDueDrifts(ctx.io, data.goals);
  const measured = goalMeasures(ctx, data, goals, today);
  if (opts.json) {
    printJson(ctx.io, shown.map((g) => ({ ...g, measured: measured.get(g.id) ?? null })));
    return;
  }
  if (shown.length === 0) {
    const done = data.goals.length;
    ctx.io.err(
      done > 0
        ? `No open goals (${done} done). See them: mtl goals list --all. Start another: mtl goals new\n`
        : 'No goals yet. Start one from a template: mtl goals new (see mtl goals templates)\n',
    );
    return;
  }
  const { io } = ctx;
  const rows = shown.map((g) => [g.id, g.title, g.template, g.due ?? '-', dueCell(ctx, g), lastCheckInCell(ctx, g), progressBar(io, g.progress), measuredCell(ctx, measured.get(g.id), today, g.status === 'done')]);
  io.out(renderTable(io, ['id', 'title', 'template', 'due', 'days left', 'last check-in', 'progress', 'measured'], rows, { drop: ['due', 'template'] }));
  // On a terminal the readings go under the table, one line a goal; piped, they are in the last cell.
  if (io.stdoutIsTTY && measured.size > 0) {
    io.out(prose(io, `\n${io.color.bold('Measured by mtl')} ${io.color.dim('(check in to take it: mtl goals check-in <id> "<note>")')}\n`));
    for (const g of shown) {
      const m = measured.get(g.id);
      const when = m && measuredLabel(m, today, g.status === 'done');
      if (m) io.out(prose(io, `  ${g.id}  ${when ? io.color.dim(`(${when}) `) : ''}${m.readings.map((r) => r.text).join('; ')}\n`));
    }
  }
}

function measuredCell(ctx: Ctx, m: GoalMeasures | undefined, today: string, done: boolean): string {
  if (!m) return ctx.io.color.dim('-');
  const percent = m.proposed === null ? '-' : `${m.proposed}%`;
  const when = measuredLabel(m, today, done);
  return ctx.io.stdoutIsTTY ? percent : `${percent} (${when ? `${when}: ` : ''}${m.readings.map((r) => r.text).join('; ')})`;
}

function dueCell(ctx: Ctx, g: GoalView): string {
  const c = ctx.io.color;
  if (g.status === 'done') return c.green(`done ${g.doneOn ?? ''}`.trim());
  if (g.daysLeft === null) return '-';
  const text = dueText(g.daysLeft);
  return g.daysLeft < 0 ? c.red(text) : g.daysLeft <= 14 ? c.yellow(text) : text;
}

function lastCheckInCell(ctx: Ctx, g: GoalView): string {
  if (!g.lastCheckIn) return ctx.io.color.dim('never');
  return ctx.io.stdoutIsTTY ? agoText(g.lastCheckIn.daysAgo) : g.lastCheckIn.date;
}
