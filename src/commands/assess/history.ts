import { extendedTrendOf, levelWord, nextStep, TEAM_AREAS, trendOf, VERDICT_LABEL } from '../../core/assessment.js';
import type { Ctx } from '../../context.js';
import { openStore } from '../../store/store.js';
import { dayOf, quarterOf, sortByText } from '../../core/dates.js';
import { compareViews, GAP_LEVELS, latest, pulseResponses } from '../../core/pulse.js';
import { printJson, prose, renderTable, sparkline } from '../../ui/output.js';

export async function history(ctx: Ctx, opts: { json?: boolean }): Promise<void> {
  const data = await openStore(ctx.dataDir);
  const list = sortByText(data.assessments, (a) => a.at);
  const trend = trendOf(list);
  const wider = extendedTrendOf(list);
  const pulses = sortByText(data.pulses, (u) => u.at);
  const lastAssessment = latest(list);
  const lastPulse = latest(pulses);
  const comparison = lastPulse ? compareViews(lastAssessment, lastPulse) : undefined;
  const open = data.goals.filter((g) => g.status === 'open');
  const today = dayOf(ctx.now);
  if (opts.json) {
    printJson(ctx.io, {
      assessments: list.map((a) => ({ id: a.id, date: a.date, score: a.score, verdict: a.verdict, tooEasy: a.tooEasy, areas: a.answers, ...(a.extended ? { extendedScore: a.extendedScore, extended: a.extended } : {}) })),
      trend: trend ?? null,
      wider: wider
        ? wider.areas.map(({ area, ...t }) => ({ ...t, template: area.template, next: nextStep(area.template, open, area, today).command }))
        : null,
      pulses: pulses.map((u) => ({ id: u.id, date: u.date, responses: pulseResponses(u), tallies: u.tallies })),
      comparison: comparison ? { assessment: lastAssessment?.id ?? null, pulse: lastPulse!.id, areas: comparison } : null,
    });
    return;
  }
  if (!trend && !lastPulse) {
    ctx.io.err('No assessments yet. Take the first one: mtl assess\n');
    return;
  }
  const { io } = ctx;
  const c = io.color;
  if (list.length) {
    const rows = list.map((a) => [a.date, a.id, String(a.score), VERDICT_LABEL[a.verdict], a.tooEasy ? 'yes' : 'no', ...TEAM_AREAS.map((area) => String(a.answers[area.key] ?? ''))]);
    // On a narrow terminal the verdict (the score tells it) and then the id go first, so no date or answer is cut.
    io.out(renderTable(io, ['date', 'id', 'score', 'verdict', 'too easy', ...TEAM_AREAS.map((a) => a.key)], rows, { drop: ['verdict', 'id'] }));
  }
  if (!io.stdoutIsTTY) {
    if (!list.length) io.err('No assessments yet, only team pulses: mtl assess history --json shows them.\n');
    return;
  }
  const signed = (n: number) => (n > 0 ? c.green(`+${n}`) : n < 0 ? c.red(String(n)) : c.dim('±0'));
  if (trend && list.length === 1) {
    io.out(c.dim(prose(io, `\nOne assessment so far: the trend shows from the second. Take it again in a quarter: mtl assess\n`)));
  } else if (trend) {
    io.out(`\n${c.bold('Trend')} (${list.length} ${list.length === 1 ? 'assessment' : 'assessments'}, ${list[0]!.date} to ${list[list.length - 1]!.date})\n`);
    const width = Math.max(...trend.areas.map((a) => a.label.length), 5);
    io.out(`  ${'Score'.padEnd(width)}  ${String(trend.score.first).padStart(3)} → ${String(trend.score.last).padStart(3)}  ${signed(trend.score.change)}\n`);
    for (const area of trend.areas) {
      io.out(`  ${area.label.padEnd(width)}  ${sparkline(area.series.slice(-24)).padEnd(Math.min(24, area.series.length))}  ${signed(area.change)}\n`);
    }
  }
  if (comparison && lastPulse) {
    const where = lastAssessment ? `your ${lastAssessment.id} of ${lastAssessment.date}` : 'no assessment of yours yet';
    // Two views of different quarters compare what changed as much as how it is seen: said so.
    const apartQuarters = lastAssessment && quarterOf(lastAssessment.date) !== quarterOf(lastPulse.date) ? `, from ${quarterOf(lastPulse.date)}` : '';
    io.out(prose(io, `\n${c.bold("Your view and the team's")} (${where}; pulse ${lastPulse.id} of ${lastPulse.date}${apartQuarters}, ${pulseResponses(lastPulse)} answers, 1 never to 5 always)\n`));
    const rows = comparison.map((a) => [
      a.label,
      a.manager !== undefined ? `${a.manager} ${levelWord(a.manager)}` : '-',
      a.team !== undefined ? a.team.toFixed(1) : '-',
      a.differs ? c.yellow(`${Math.abs(a.gap!)} apart, team ${a.gap! < 0 ? 'lower' : 'higher'}`) : '',
    ]);
    io.out(renderTable(io, ['area', 'you', 'team', ''], rows));
    const apart = comparison.filter((a) => a.differs);
    if (apart.length) io.out(c.dim(prose(io, `Two levels or more apart on ${apart.length === 1 ? 'one area' : `${apart.length} areas`}: ask the team what they see (keep it anonymous), then take the assessment again.\n`)));
  } else if (list.length) {
    io.out(c.dim(prose(io, `\nHow does the team see it? Ask them anonymously: mtl pulse, then mtl pulse record (views ${GAP_LEVELS} levels apart are flagged here).\n`)));
  }
  if (wider) {
    io.out(`\n${c.bold('Your wider responsibilities')} (${wider.count === 1 ? 'one full assessment' : `${wider.count} full assessments`})\n`);
    const rows = wider.areas.map((t) => {
      const step = nextStep(t.area.template, open, t.area, today);
      const next =
        t.last > 3 ? c.dim(step.kind === 'instead' ? step.command : `template ${t.area.template}`)
        : step.kind === 'open' ? `goal ${step.goal.id} is open: ${step.command}`
        : step.kind === 'overdue' ? `goal ${step.goal.id} is ${step.goal.daysOverdue} days overdue: ${step.command}`
        : step.command;
      return [t.label, levelWord(t.last), `${sparkline(t.series.slice(-12))} ${signed(t.change)}`, next];
    });
    io.out(renderTable(io, ['area', 'latest', 'trend', 'next step'], rows));
  } else if (list.length) {
    io.out(c.dim('\nRate your wider responsibilities too (seven more questions): mtl assess --full\n'));
  }
}
