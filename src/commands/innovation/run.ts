import { format } from 'date-fns';
import type { Ctx } from '../../context.js';
import { DAY_RANGE, LAST_DAY, dateOfDay, dayOf, daysBetween, endOfQuarterFor, quarterOf, sortByText } from '../../core/dates.js';
import { innovationStatus, innovationWeekFrom, nextQuarterStart, weekOfQuarter, weekToPlan } from '../../core/innovation.js';
import { openStore, updateStore } from '../../store/store.js';
import type { Day, InnovationWeek } from '../../core/model.js';
import { plural, printJson } from '../../ui/output.js';
import { UserError } from '../../errors.js';
import { DayOutOfRangeError, resolveDeadline, UnreadableDeadlineError } from '../deadline.js';

const named = (day: Day) => `${format(dateOfDay(day), 'EEE')} ${day}`;

export async function plan(ctx: Ctx, startArg: string): Promise<void> {
  const today = dayOf(ctx.now);
  const start = await resolveStart(startArg, today, ctx.now);
  if (innovationWeekFrom(start, today).end > LAST_DAY) {
    throw new UserError(`The innovation week from ${start} would end after ${LAST_DAY}, outside the days mtl accepts (${DAY_RANGE}).`, 'Give an earlier start.');
  }
  const { week, replaced } = await updateStore(ctx.dataDir, (tx) => {
    const planned = innovationWeekFrom(start, today);
    const old = weekOfQuarter(tx.data.innovationWeeks, planned.quarter);
    if (old) tx.tables.innovationWeeks.remove(old.id);
    const week = { id: tx.nextId('i'), ...planned };
    tx.tables.innovationWeeks.add(week);
    return { week, replaced: old };
  });
  const lines = [`Planned the ${week.quarter} innovation week: ${named(week.start)} to ${named(week.end)}, demo day ${named(week.demo)}.`];
  if (replaced) lines.push(`It replaces the week planned earlier (${replaced.start} to ${replaced.end}).`);
  if (week.end < today) lines.push('That week is in the past: it is recorded as held.');
  else lines.push('Tell the team now, so everyone can pick a project and invite people to the demo. See it: mtl innovation');
  ctx.io.err(lines.join('\n') + '\n');
}

const START_EXAMPLES = ['2027-02-15', 'next monday', 'in 3 weeks', 'march 1'];

/** The week's first day, read like a deadline; an unreadable one is explained as a start date. */
async function resolveStart(text: string, today: Day, now: Date): Promise<Day> {
  try {
    return await resolveDeadline(text, today, now);
  } catch (err) {
    if (!(err instanceof UserError) || err instanceof DayOutOfRangeError) throw err;
    const past = err instanceof UnreadableDeadlineError ? err.past : undefined;
    throw new UserError(
      text.trim() === '' ? 'The start date of the innovation week is empty.' : `Cannot read "${text}" as the start of the innovation week${past ? ` (it reads as ${past}, in the past)` : ''}.`,
      `Give the first day of the week, for example ${START_EXAMPLES.map((e) => `"${e}"`).join(', ')}; the suggested one: mtl innovation plan ${weekToPlan(today).start}`,
    );
  }
}

function describe(week: InnovationWeek, today: Day): string {
  const status = innovationStatus(week, today);
  if (status === 'upcoming') {
    const n = daysBetween(today, week.start);
    return n === 1 ? 'starts tomorrow' : `starts in ${plural(n, 'day')}`;
  }
  if (status === 'in-progress') {
    const demo = daysBetween(today, week.demo);
    return demo === 0 ? 'demo day is today' : `under way; demo in ${plural(demo, 'day')}`;
  }
  return 'held';
}

export async function show(ctx: Ctx, opts: { json?: boolean }): Promise<void> {
  const data = await openStore(ctx.dataDir);
  const today = dayOf(ctx.now);
  const quarter = quarterOf(today);
  const weeks = sortByText(data.innovationWeeks, (w) => w.start);
  const week = weekOfQuarter(weeks, quarter);
  const later = weeks.filter((w) => w.quarter > quarter);
  if (opts.json) {
    const withStatus = (w: InnovationWeek) => ({ ...w, status: innovationStatus(w, today), daysUntil: daysBetween(today, w.start) });
    printJson(ctx.io, { quarter, week: week ? withStatus(week) : null, weeks: weeks.map(withStatus) });
    return;
  }
  const c = ctx.io.color;
  const lines: string[] = [];
  if (week) {
    lines.push(`${c.bold(`Innovation week ${quarter}`)}: ${named(week.start)} to ${named(week.end)}, demo day ${named(week.demo)}; ${describe(week, today)}.`);
  } else {
    lines.push(`${c.bold(`No innovation week planned for ${quarter}`)} (${plural(daysBetween(today, endOfQuarterFor(today)), 'day')} left in the quarter).`);
  }
  for (const w of later) lines.push(`Next: ${w.quarter}, ${named(w.start)} to ${named(w.end)}; ${describe(w, today)}.`);
  ctx.io.out(lines.join('\n') + '\n');
  if (!week) {
    const next = weekToPlan(today);
    if (next.quarter === quarter) ctx.io.err(`Plan one: mtl innovation plan ${next.start}\n`);
    else if (!weekOfQuarter(weeks, next.quarter)) ctx.io.err(`Too late for one this quarter; plan ${next.quarter}'s: mtl innovation plan ${next.start}\n`);
  }
  else if (innovationStatus(week, today) === 'done' && !later.length) ctx.io.err(`Next quarter's: mtl innovation plan ${nextQuarterStart(today)}\n`);
}
