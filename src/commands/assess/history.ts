import { TEAM_AREAS, trendOf, VERDICT_LABEL } from '../../core/assessment.js';
import type { Ctx } from '../../context.js';
import { openStore } from '../../store/store.js';
import { sortByText } from '../../core/dates.js';
import { printJson, renderTable, sparkline } from '../../ui/output.js';

export async function history(ctx: Ctx, opts: { json?: boolean }): Promise<void> {
  const list = sortByText((await openStore(ctx.dataDir)).assessments, (a) => a.at);
  const trend = trendOf(list);
  if (opts.json) {
    printJson(ctx.io, {
      assessments: list.map((a) => ({ id: a.id, date: a.date, score: a.score, verdict: a.verdict, tooEasy: a.tooEasy, areas: a.answers, ...(a.extended ? { extendedScore: a.extendedScore, extended: a.extended } : {}) })),
      trend: trend ?? null,
    });
    return;
  }
  if (!trend) {
    ctx.io.err('No assessments yet. Take the first one: mtl assess\n');
    return;
  }
  const { io } = ctx;
  const c = io.color;
  const rows = list.map((a) => [a.date, a.id, String(a.score), VERDICT_LABEL[a.verdict], a.tooEasy ? 'yes' : 'no', ...TEAM_AREAS.map((area) => String(a.answers[area.key] ?? ''))]);
  io.out(renderTable(io, ['date', 'id', 'score', 'verdict', 'too easy', ...TEAM_AREAS.map((a) => a.key)], rows));
  if (!io.stdoutIsTTY) return;
  const signed = (n: number) => (n > 0 ? c.green(`+${n}`) : n < 0 ? c.red(String(n)) : c.dim('±0'));
  io.out(`\n${c.bold('Trend')} (${list.length} assessments, ${list[0]!.date} to ${list[list.length - 1]!.date})\n`);
  const width = Math.max(...trend.areas.map((a) => a.label.length), 5);
  io.out(`  ${'Score'.padEnd(width)}  ${String(trend.score.first).padStart(3)} → ${String(trend.score.last).padStart(3)}  ${signed(trend.score.change)}\n`);
  for (const area of trend.areas) {
    io.out(`  ${area.label.padEnd(width)}  ${sparkline(area.series.slice(-24)).padEnd(Math.min(24, area.series.length))}  ${signed(area.change)}\n`);
  }
}
