import type { Ctx } from '../../context.js';
import { VERDICT_LABEL } from '../../core/assessment.js';
import { isEmptyData } from '../../core/backup.js';
import { buildDashboard, type Dashboard, type DashboardGoal } from '../../core/dashboard.js';
import { dayOf } from '../../core/dates.js';
import { openStore } from '../../store/store.js';
import { readPreferences } from '../../store/preferences.js';
import { dueText, printJson, progressBar, sparkline, prose } from '../../ui/output.js';
import { plural } from '../../core/text.js';
import { padToWidth, truncateToWidth, visibleWidth } from '../../core/width.js';
import { readNudgeState, updateNudgeState } from '../nudge/state.js';
import type { NudgeFound, NudgeState } from '../../core/model.js';

export interface DashboardOptions {
  json?: boolean;
}

/** How many of each list one screen shows; the rest is counted and pointed at. */
const SHOW_REMINDERS = 3;
const SHOW_GOALS = 5;
const SHOW_NAMES = 5;
const SHOW_FOUND = 5;
/** How long the dashboard waits to mark what it showed as seen while another mtl writes. */
const SEEN_WAIT_MS = 1_000;

/**
 * `mtl`: reads the store and prints; it records nothing (a nudge run is `mtl nudge`), but for one
 * thing: what scheduled nudges found, once shown on a terminal, is marked seen. On a terminal it adds
 * the reminder hint itself, with the data already read (cli.ts's hook skips the root command).
 */
export async function dashboard(ctx: Ctx, opts: DashboardOptions = {}): Promise<void> {
  const data = await openStore(ctx.dataDir);
  if (!opts.json && isEmptyData(data)) {
    ctx.io.out(prose(ctx.io, welcome(ctx)));
    return;
  }
  const state = nudgeStateIfReadable(ctx);
  const found = opts.json ? undefined : state?.found;
  const d = buildDashboard(data, ctx.now, dayOf(ctx.now), readPreferences(ctx.dataDir), found);
  if (opts.json) {
    printJson(ctx.io, {
      date: d.date,
      lookAheadDays: d.lookAheadDays,
      reminders: d.reminders,
      openGoals: d.openGoals,
      dueSoon: d.dueSoon,
      overdue: d.overdue,
      assessment: d.assessment,
      team: d.team,
      next: d.next,
    });
    return;
  }
  ctx.io.out(prose(ctx.io, render(ctx, d)));
  if (found && ctx.io.stdoutIsTTY) await markSeen(ctx, found);
  // No reminder hint: its "Reminders: 7 due" line above says it already.
}

/** The nudge's memory, or undefined when it is damaged: `mtl nudge` names the problem, the dashboard stays up. */
function nudgeStateIfReadable(ctx: Ctx): NudgeState | undefined {
  try {
    return readNudgeState(ctx.dataDir);
  } catch {
    return undefined;
  }
}

/**
 * Forgets the record just shown, unless a scheduled run replaced it meanwhile. Best effort: with the
 * data folder busy or not writable it is shown again next time, and the dashboard still succeeds.
 */
async function markSeen(ctx: Ctx, shown: NudgeFound): Promise<void> {
  const same = JSON.stringify(shown);
  await updateNudgeState(
    ctx.dataDir,
    (state) => {
      if (JSON.stringify(state.found) === same) delete state.found;
    },
    SEEN_WAIT_MS,
  ).catch(() => undefined);
}

function welcome(ctx: Ctx): string {
  const c = ctx.io.color;
  return [
    c.bold('Welcome to mtl, a coach for managing through leadership.'),
    '',
    'Three steps: test how you lead today, set goals that measure the new job, practise every week.',
    'Start with the five-minute self-assessment:',
    '',
    `  ${c.cyan('mtl assess')}`,
    '',
    'Then add your reports (mtl team add "Sam Lee"), and see mtl --help for goals and the weekly nudge.',
    '',
  ].join('\n');
}

function render(ctx: Ctx, d: Dashboard): string {
  const { io } = ctx;
  const c = io.color;
  const out: string[] = [c.bold(`mtl, ${d.date}`), ''];

  if (d.found) {
    out.push(`${c.bold(`${d.found.heading}:`)}`);
    for (const item of d.found.items.slice(0, SHOW_FOUND)) out.push(`  - ${item.text}${item.stillDue ? '' : c.dim(' (no longer due)')}`);
    const more = d.found.items.length - SHOW_FOUND;
    out.push(c.dim(`  ${more > 0 ? `and ${more} more; ` : ''}each with why and what to run: mtl nudge --all`), '');
  }

  if (d.reminders.length === 0) out.push(`${c.bold('Reminders:')} none due`);
  else {
    out.push(`${c.bold('Reminders:')} ${d.reminders.length} due`);
    for (const r of d.reminders.slice(0, SHOW_REMINDERS)) out.push(`  - ${r.text}`, `      ${c.cyan(r.command)}`);
    const more = d.reminders.length - SHOW_REMINDERS;
    out.push(c.dim(more > 0 ? `  and ${more} more: mtl nudge --all` : '  all of them, with why they matter: mtl nudge --all'));
  }

  out.push('');
  if (d.openGoals === 0) out.push(`${c.bold('Goals:')} none open (mtl goals new)`);
  else if (!d.overdue.length && !d.dueSoon.length) out.push(`${c.bold('Goals:')} ${d.openGoals} open, nothing due within ${plural(d.lookAheadDays, 'day')}`);
  else {
    const counts = [...(d.overdue.length ? [`${d.overdue.length} overdue`] : []), ...(d.dueSoon.length ? [`${d.dueSoon.length} due within ${plural(d.lookAheadDays, 'day')}`] : [])];
    out.push(`${c.bold('Goals:')} ${d.openGoals} open, ${counts.join(', ')}`);
    const shown = [...d.overdue, ...d.dueSoon].slice(0, SHOW_GOALS);
    const widest = (text: (g: DashboardGoal) => string) => Math.max(...shown.map((g) => visibleWidth(text(g))));
    const [idWidth, whenWidth] = [widest((g) => g.id), widest(goalWhen)];
    // On a terminal the titles give way (cut with "…") so that a row fits its width.
    const room = io.columns - (2 + idWidth + 2 + 2 + whenWidth + 2 + visibleWidth(progressBar(io, 100)));
    const titleWidth = io.stdoutIsTTY ? Math.min(widest((g) => g.title), Math.max(room, 12)) : widest((g) => g.title);
    for (const g of shown) {
      const when = goalWhen(g).padEnd(whenWidth);
      out.push(`  ${g.id.padEnd(idWidth)}  ${padToWidth(truncateToWidth(g.title, titleWidth), titleWidth)}  ${g.daysLeft < 0 ? c.red(when) : when}  ${progressBar(io, g.progress)}`);
    }
    const more = d.overdue.length + d.dueSoon.length - shown.length;
    if (more > 0) out.push(c.dim(`  and ${more} more: mtl prep`));
  }

  out.push('');
  const a = d.assessment;
  if (!a) out.push(`${c.bold('Latest assessment:')} none yet (mtl assess)`);
  else {
    out.push(`${c.bold('Latest assessment:')} ${a.score}/100 on ${a.date} (${a.daysAgo <= 0 ? 'today' : `${plural(a.daysAgo, 'day')} ago`}), ${VERDICT_LABEL[a.verdict]}${a.tooEasy ? '; the job felt too easy' : ''}`);
    if (!a.previous) out.push(`  Trend: first assessment; take it again next quarter to see the trend`);
    else {
      const changes = [`${signed(ctx, a.change!)} since ${a.previous.date} (${a.previous.score})`];
      if (a.count > 2) changes.push(`${signed(ctx, a.changeSinceFirst)} since the first, ${a.first.date} (${a.first.score})`);
      const spark = io.stdoutIsTTY ? `  ${sparkline(a.scores.slice(-24).map((s) => 1 + s / 25))}` : '';
      out.push(`  Trend: ${changes.join(', ')}${spark}`);
    }
  }

  out.push('');
  const t = d.team;
  if (t.reports === 0) out.push(`${c.bold('Team:')} no reports yet (mtl team add "Sam Lee")`);
  else if (t.recognised === t.reports) out.push(`${c.bold('Team:')} ${plural(t.reports, 'report')}, all recognised in the last ${plural(t.recognitionDays, 'day')}`);
  else {
    const listed = (names: string[]) => `${names.slice(0, SHOW_NAMES).join(', ')}${names.length > SHOW_NAMES ? ` and ${names.length - SHOW_NAMES} more` : ''}`;
    const window = `in the last ${plural(t.recognitionDays, 'day')}`;
    // Only what is true of each: a new report, one back from leave or one away is not "recognised".
    const parts = t.notRecognised.length ? [`${t.notRecognised.length} not recognised ${window}: ${listed(t.notRecognised.map((m) => m.name))}`] : t.recognised ? [`${t.recognised} recognised ${window}`] : [];
    const fresh = t.notDueYet.filter((m) => !m.back).map((m) => m.name);
    const back = t.notDueYet.filter((m) => m.back).map((m) => m.name);
    if (fresh.length) parts.push(`new, not praised yet: ${listed(fresh)}`);
    if (back.length) parts.push(`back from leave, not praised yet: ${listed(back)}`);
    if (t.away.length) parts.push(`away: ${listed(t.away.map((m) => m.name))}`);
    out.push(`${c.bold('Team:')} ${plural(t.reports, 'report')}, ${parts.join('; ')}`);
  }

  if (t.pastCadence.length) {
    const names = t.pastCadence.slice(0, SHOW_NAMES).map((m) => `${m.name} (${m.lastOneOnOne ? plural(m.days, 'day') : `none in ${plural(m.days, 'day')}`})`);
    const more = t.pastCadence.length - names.length;
    out.push(`${c.bold('1:1s:')} ${t.pastCadence.length} past their cadence: ${names.join(', ')}${more > 0 ? ` and ${more} more` : ''} (mtl team list)`);
  } else if (t.reports > 0) out.push(`${c.bold('1:1s:')} everyone within their cadence`);

  out.push('', `${c.bold('Next:')} ${c.cyan(d.next.command)}`, `  ${d.next.why}`, '');
  return out.join('\n');
}

function goalWhen(g: DashboardGoal): string {
  return `due ${g.due}, ${dueText(g.daysLeft)}`;
}

function signed(ctx: Ctx, n: number): string {
  const c = ctx.io.color;
  return n > 0 ? c.green(`+${n}`) : n < 0 ? c.red(String(n)) : '±0';
}
