import type { Ctx } from '../../context.js';
import { VERDICT_LABEL } from '../../core/assessment.js';
import { dayOf, quarterOf, quarterOption } from '../../core/dates.js';
import { quarterSummary, quarterToLookBack, summaryText, type QuarterSummary } from '../../core/quarters.js';
import { buildPrep, type GoalView, type Prep, type PrepGoal } from '../../core/goals.js';
import { UsageError } from '../../errors.js';
import { openStore } from '../../store/store.js';
import { readPreferences } from '../../store/preferences.js';
import { warnDueDrifts } from '../goals/goal-file.js';
import { goalMeasures } from '../goals/template-files.js';
import { measuredLabel, type GoalMeasures } from '../../core/goal-metrics.js';
import { agoText, dueText, printJson, progressBar, prose } from '../../ui/output.js';
import { plural } from '../../core/text.js';
import { mdInline } from '../../ui/markdown.js';

export interface PrepOptions {
  json?: boolean;
  markdown?: boolean;
  quarter?: string;
}

export async function prep(ctx: Ctx, opts: PrepOptions): Promise<void> {
  if (opts.json && opts.markdown) throw new UsageError('Choose one of --json and --markdown.');
  const asked = opts.quarter === undefined ? undefined : quarterOption(opts.quarter, dayOf(ctx.now));
  const data = await openStore(ctx.dataDir);
  // The quarter asked for, or in the first weeks of a quarter the one just ended (if mtl was used in it).
  const reviewed = asked ?? quarterToLookBack(data, dayOf(ctx.now));
  const summary = reviewed === undefined ? undefined : quarterSummary(data, reviewed);
  const report = buildPrep(data.goals, data.assessments, dayOf(ctx.now), readPreferences(ctx.dataDir).lookAheadDays);
  warnDueDrifts(ctx.io, data.goals);
  const measured = goalMeasures(ctx, data, data.goals.filter((g) => report.goals.some((open) => open.id === g.id)), report.date);
  if (opts.json) {
    printJson(ctx.io, { ...report, goals: report.goals.map((g) => ({ ...g, measured: measured.get(g.id) ?? null })), ...(summary ? { quarter: summary } : {}) });
    return;
  }
  if (report.goals.length === 0 && report.recentlyDone.length === 0 && !report.assessment && !summary) {
    ctx.io.err(
      'Nothing to prepare yet: no open goals and no assessment.\nStart with the self-assessment (mtl assess), then agree a goal or two with your boss (mtl goals new).\n',
    );
    return;
  }
  const body = opts.markdown ? markdown(report, measured) : terminal(ctx, report, measured);
  const text = summary ? withQuarter(ctx, body, summary, asked === undefined, Boolean(opts.markdown)) : body;
  // Markdown is for a file or a paste: its lines stay whole.
  ctx.io.out(opts.markdown ? text : prose(ctx.io, text));
}

/**
 * The body with one line about a quarter after its title: "2027-Q1 just ended: ..." when looking
 * back on its own, else "2027-Q1: ..." (or "so far" for the current quarter).
 */
function withQuarter(ctx: Ctx, body: string, s: QuarterSummary, lookback: boolean, markdown: boolean): string {
  const today = dayOf(ctx.now);
  const lead = lookback ? `${s.quarter} just ended` : s.quarter === quarterOf(today) ? `${s.quarter} so far` : s.quarter;
  const text = summaryText(s, today);
  const line = markdown ? `**${lead}:** ${mdInline(text)}.` : `${ctx.io.color.bold(`${lead}:`)} ${text}.`;
  const [title, ...rest] = body.split('\n');
  return [title, '', line, ...rest].join('\n');
}

function changeText(g: PrepGoal): string {
  if (g.change === null) return 'no check-in yet';
  const signed = g.change > 0 ? `+${g.change}` : g.change < 0 ? `${g.change}` : '±0';
  return `${signed} since ${g.changeSince ? `the check-in of ${g.changeSince}` : 'it started'}`;
}

function lastText(g: GoalView): string {
  if (!g.lastCheckIn) return `no check-in since it started on ${g.created}`;
  return `last check-in ${g.lastCheckIn.date} (${agoText(g.lastCheckIn.daysAgo)}): ${g.lastCheckIn.note}`;
}

function dueLine(g: GoalView): string {
  return g.due ? `due ${g.due}, ${dueText(g.daysLeft!)}` : 'no due date';
}

function assessmentText(a: NonNullable<Prep['assessment']>): string {
  const change = a.change === null ? 'first assessment' : `${a.change > 0 ? '+' : ''}${a.change === 0 ? '±0' : a.change} since ${a.previous!.date} (${a.previous!.score})`;
  return `${a.score}/100 on ${a.date}, ${VERDICT_LABEL[a.verdict]}; ${change}`;
}

/** What mtl measured for a goal, in one line: "measured 14%: 5 of 12 hours of learning; ...". */
function measuredText(m: GoalMeasures | undefined, today: string): string | undefined {
  if (!m) return undefined;
  // Prep lists open goals: readings not of today are of the quarter they were due in.
  const when = measuredLabel(m, today, false);
  return `measured${m.proposed === null ? '' : ` ${m.proposed}%`}${when ? ` (${when})` : ''}: ${m.readings.map((x) => x.text).join('; ')}`;
}

function terminal(ctx: Ctx, r: Prep, measured: Map<string, GoalMeasures>): string {
  const { io } = ctx;
  const c = io.color;
  const out: string[] = [c.bold(`Prep for your 1:1 with your boss, ${r.date}`), ''];
  out.push(c.bold(`Goals (${r.goals.length} open)`));
  if (r.goals.length === 0) out.push('  none open: mtl goals new');
  for (const g of r.goals) {
    out.push(`  ${c.bold(g.id)}  ${g.title}  ${c.dim(`(${g.template})`)}`);
    out.push(`      ${progressBar(io, g.progress)}  ${changeText(g)}  ${g.overdue ? c.red(dueLine(g)) : dueLine(g)}`);
    out.push(`      ${c.dim(lastText(g))}`);
    const m = measuredText(measured.get(g.id), r.date);
    if (m) out.push(`      ${m}`);
  }
  const short = (g: GoalView) => `  ${g.id}  ${g.title}  ${g.due ?? ''} (${dueText(g.daysLeft!)})`;
  out.push('', c.bold(`Due within ${r.lookAheadDays} days`));
  out.push(...(r.dueSoon.length ? r.dueSoon.map(short) : ['  nothing']));
  out.push('', c.bold('Overdue'));
  out.push(...(r.overdue.length ? r.overdue.map((g) => c.red(short(g))) : ['  nothing']));
  if (r.recentlyDone.length) {
    out.push('', c.bold(`Done this quarter (since ${r.doneSince})`));
    out.push(...r.recentlyDone.map((g) => `  ${g.id}  ${g.title}  done ${g.doneOn}`));
  }
  out.push('', c.bold('Latest assessment'));
  out.push(r.assessment ? `  ${assessmentText(r.assessment)}` : '  none yet: mtl assess');
  out.push('', c.dim(`Share it: mtl prep --markdown. After the meeting: mtl goals check-in <id> "<what you agreed>" --progress N`), '');
  return out.join('\n');
}

function markdown(r: Prep, measured: Map<string, GoalMeasures>): string {
  const out: string[] = [`# 1:1 prep, ${r.date}`, '', `## Goals (${plural(r.goals.length, 'open goal')})`, ''];
  if (r.goals.length === 0) out.push('No open goals.');
  for (const g of r.goals) {
    out.push(`- **${g.id} ${mdInline(g.title)}** (${g.template}): ${g.progress}%, ${changeText(g)}; ${dueLine(g)}`);
    out.push(`  - ${mdInline(lastText(g))}`);
    const m = measuredText(measured.get(g.id), r.date);
    if (m) out.push(`  - ${mdInline(m)}`);
  }
  const short = (g: GoalView) => `- ${g.id} ${mdInline(g.title)}: ${dueLine(g)}`;
  out.push('', `## Due within ${r.lookAheadDays} days`, '', ...(r.dueSoon.length ? r.dueSoon.map(short) : ['Nothing.']));
  out.push('', '## Overdue', '', ...(r.overdue.length ? r.overdue.map(short) : ['Nothing.']));
  if (r.recentlyDone.length) {
    out.push('', `## Done this quarter (since ${r.doneSince})`, '', ...r.recentlyDone.map((g) => `- ${g.id} ${mdInline(g.title)}: done ${g.doneOn}`));
  }
  out.push('', '## Latest assessment', '', r.assessment ? assessmentText(r.assessment) : 'None yet.', '');
  return out.join('\n');
}

