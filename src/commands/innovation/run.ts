import { format } from 'date-fns';
import type { Ctx } from '../../context.js';
import { dateOfDay, DAY_RANGE, dayOf, daysBetween, endOfQuarterFor, LAST_DAY, quarterOf, quarterOption, sortByText } from '../../core/dates.js';
import { fitsItsQuarter, freeStart, hasStarted, innovationStatus, innovationWeekFrom, lastFittingMonday, nextQuarterStart, weekOfQuarter, weekToPlan, weekToRecord } from '../../core/innovation.js';
import { findMember, nameOf, requireLine } from '../../core/team.js';
import { openStore, updateStore } from '../../store/store.js';
import type { Data, Day, InnovationWeek } from '../../core/model.js';
import { printJson } from '../../ui/output.js';
import { plural } from '../../core/text.js';
import { UserError } from '../../errors.js';
import { DayOutOfRangeError, resolveDeadline, UnreadableDeadlineError } from '../deadline.js';

const named = (day: Day) => `${format(dateOfDay(day), 'EEE')} ${day}`;

export async function plan(ctx: Ctx, startArg: string): Promise<void> {
  const today = dayOf(ctx.now);
  const start = await resolveStart(startArg, today, ctx.now);
  if (innovationWeekFrom(start, today).end > LAST_DAY) {
    throw new UserError(`The innovation week from ${start} would end after ${LAST_DAY}, outside the days mtl accepts (${DAY_RANGE}).`, 'Give an earlier start.');
  }
  refuseOverrun(innovationWeekFrom(start, today), today);
  const { week, replaced } = await updateStore(ctx.dataDir, (tx) => {
    const planned = innovationWeekFrom(start, today);
    const old = weekOfQuarter(tx.data.innovationWeeks, planned.quarter);
    if (old && hasStarted(old, today)) {
      const what = innovationStatus(old, today) === 'done' ? 'was held' : 'is under way';
      throw new UserError(
        `The ${old.quarter} innovation week ${what} (${named(old.start)} to ${named(old.end)}); planning ${planned.quarter} again would erase it.`,
        `Nothing was changed. Plan the next one: mtl innovation plan ${freeStart(tx.data.innovationWeeks, today)}`,
      );
    }
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

/**
 * A week that runs past the end of its quarter is refused (core/innovation.ts `fitsItsQuarter`),
 * naming the last Monday that fits, unless that is already gone for a week planned ahead, and the
 * first Monday of the next quarter.
 */
function refuseOverrun(week: Omit<InnovationWeek, 'id'>, today: Day): void {
  if (fitsItsQuarter(week)) return;
  const last = lastFittingMonday(week.start);
  const next = nextQuarterStart(week.start);
  const options = [
    ...(last >= today || week.start < today ? [`the last week that fits in ${week.quarter}: mtl innovation plan ${last}`] : []),
    `${quarterOf(next)}'s: mtl innovation plan ${next}`,
  ];
  throw new UserError(
    `A week from ${named(week.start)} would run to ${named(week.end)}, past the end of ${week.quarter} (${endOfQuarterFor(week.start)}); a quarter's innovation week, demo day included, must fit inside it.`,
    `Nothing was changed. Plan ${options.join('; or ')}`,
  );
}

/** Starts to show as examples, all ahead of `today`: the suggested start, two phrases, the 1st of next month. */
function startExamples(today: Day): string[] {
  const nextMonth = dateOfDay(today);
  nextMonth.setDate(1);
  nextMonth.setMonth(nextMonth.getMonth() + 1);
  return [weekToPlan(today).start, 'next monday', 'in 3 weeks', `${format(nextMonth, 'MMMM').toLowerCase()} 1`];
}

/** The week's first day, read like a deadline; an unreadable one is explained as a start date. */
async function resolveStart(text: string, today: Day, now: Date): Promise<Day> {
  try {
    return await resolveDeadline(text, today, now);
  } catch (err) {
    if (!(err instanceof UserError) || err instanceof DayOutOfRangeError) throw err;
    const past = err instanceof UnreadableDeadlineError ? err.past : undefined;
    throw new UserError(
      text.trim() === '' ? 'The start date of the innovation week is empty.' : `Cannot read "${text}" as the start of the innovation week${past ? ` (it reads as ${past}, in the past)` : ''}.`,
      `Give the first day of the week, for example ${startExamples(today).map((e) => `"${e}"`).join(', ')}; the suggested one: mtl innovation plan ${weekToPlan(today).start}`,
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
  // Over by the calendar; whether it happened is what was recorded of it.
  if (week.demoHeld || week.projects?.length) return 'held';
  return 'over, nothing recorded: mtl innovation log <name> "<project>", then mtl innovation demo';
}

/** A week as `--json` prints it: its status, and each project with the name of who built it. */
function weekJson(data: Data, w: InnovationWeek, today: Day) {
  return {
    ...w,
    ...(w.projects ? { projects: w.projects.map((p) => ({ ...p, name: nameOf(data, p.member) })) } : {}),
    status: innovationStatus(w, today),
    daysUntil: daysBetween(today, w.start),
  };
}

/** The lines under a week: what was built, and how the demo went. */
function details(data: Data, w: InnovationWeek): string[] {
  const lines = (w.projects ?? []).map((p) => `  - ${nameOf(data, p.member)}: ${p.text}`);
  if (w.demoHeld) lines.push(`  Demo held ${w.demoHeld}${w.demoNote ? `: ${w.demoNote}` : '.'}`);
  return lines;
}

export async function show(ctx: Ctx, opts: { json?: boolean }): Promise<void> {
  const data = await openStore(ctx.dataDir);
  const today = dayOf(ctx.now);
  const quarter = quarterOf(today);
  const weeks = sortByText(data.innovationWeeks, (w) => w.start);
  const week = weekOfQuarter(weeks, quarter);
  const later = weeks.filter((w) => w.quarter > quarter);
  const earlier = weeks.filter((w) => w.quarter < quarter);
  if (opts.json) {
    printJson(ctx.io, { quarter, week: week ? weekJson(data, week, today) : null, weeks: weeks.map((w) => weekJson(data, w, today)) });
    return;
  }
  const c = ctx.io.color;
  const lines: string[] = [];
  if (week) {
    lines.push(`${c.bold(`Innovation week ${quarter}`)}: ${named(week.start)} to ${named(week.end)}, demo day ${named(week.demo)}; ${describe(week, today)}.`);
    lines.push(...details(data, week));
  } else {
    lines.push(`${c.bold(`No innovation week planned for ${quarter}`)} (${plural(daysBetween(today, endOfQuarterFor(today)), 'day')} left in the quarter).`);
  }
  for (const w of later) lines.push(`Next: ${w.quarter}, ${named(w.start)} to ${named(w.end)}; ${describe(w, today)}.`);
  const last = earlier[earlier.length - 1];
  if (last) {
    const built = last.projects?.length ? `, ${plural(last.projects.length, 'project')}` : '';
    const demo = last.demoHeld ? `; demo: ${last.demoNote ?? 'held'}` : '';
    lines.push(`Before: ${last.quarter}, ${last.start} to ${last.end}${built}${demo}${earlier.length > 1 ? ` (${plural(earlier.length, 'week')} in all: mtl innovation list)` : ''}.`);
  }
  ctx.io.out(lines.join('\n') + '\n');
  if (!week) {
    const next = weekToPlan(today);
    if (next.quarter === quarter) ctx.io.err(`Plan one: mtl innovation plan ${next.start}\n`);
    else if (!weekOfQuarter(weeks, next.quarter)) ctx.io.err(`Too late for one this quarter; plan ${next.quarter}'s: mtl innovation plan ${next.start}\n`);
  } else if (innovationStatus(week, today) === 'in-progress' && !week.projects?.length) {
    ctx.io.err(`Record what people build: mtl innovation log <name> "<what they built>"\n`);
  } else if (innovationStatus(week, today) === 'done' && !later.length) ctx.io.err(`Next quarter's: mtl innovation plan ${nextQuarterStart(today)}\n`);
  else if (innovationStatus(week, today) === 'done' && !week.demoHeld) ctx.io.err(`Record how the demo went: mtl innovation demo --note "<how it went>"\n`);
}

/** Every innovation week, oldest first, with its projects and demo. */
export async function list(ctx: Ctx, opts: { json?: boolean }): Promise<void> {
  const data = await openStore(ctx.dataDir);
  const today = dayOf(ctx.now);
  const weeks = sortByText(data.innovationWeeks, (w) => w.start);
  if (opts.json) {
    printJson(ctx.io, weeks.map((w) => weekJson(data, w, today)));
    return;
  }
  if (!weeks.length) {
    ctx.io.err(`No innovation weeks yet. Plan one: mtl innovation plan ${weekToPlan(today).start}\n`);
    return;
  }
  const c = ctx.io.color;
  const lines: string[] = [];
  for (const w of weeks) {
    const built = w.projects?.length ? `; ${plural(w.projects.length, 'project')}` : '';
    lines.push(`${c.bold(`${w.id}  ${w.quarter}`)}: ${named(w.start)} to ${named(w.end)}, demo ${named(w.demo)}; ${describe(w, today)}${built}.`);
    lines.push(...details(data, w));
  }
  ctx.io.out(lines.join('\n') + '\n');
}

/** The week to record against (that of `--quarter`, else the latest started), or a UserError saying why there is none. */
function recordedWeek(data: Data, today: Day, quarterText: string | undefined, what: string): InnovationWeek {
  const quarter = quarterText === undefined ? undefined : quarterOption(quarterText, today);
  const week = weekToRecord(data.innovationWeeks, today, quarter) ?? sortByText(data.innovationWeeks, (w) => w.start).find((w) => !hasStarted(w, today));
  if (week && hasStarted(week, today)) return week;
  if (week) {
    throw new UserError(`The ${week.quarter} innovation week starts ${week.start}; record ${what} once it has started.`, 'Nothing was changed. See it: mtl innovation');
  }
  if (quarter !== undefined) {
    throw new UserError(`There was no innovation week in ${quarter}.`, `Nothing was changed. See them all: mtl innovation list`);
  }
  throw new UserError(`No innovation week has started yet, so there is nowhere to record ${what}.`, `Nothing was changed. Plan one: mtl innovation plan ${freeStart(data.innovationWeeks, today)}`);
}

/** `innovation log <name> <what...>`: what a report built during the week. */
export async function log(ctx: Ctx, name: string, words: string[], opts: { quarter?: string }): Promise<void> {
  const text = requireLine(words.join(' '), 'project');
  const today = dayOf(ctx.now);
  const { week, who } = await updateStore(ctx.dataDir, (tx) => {
    const week = recordedWeek(tx.data, today, opts.quarter, 'projects');
    const member = findMember(tx.data, name, { includeRemoved: true });
    // Someone who left may have built something that week, not after they left.
    if (member.removed && member.removed < week.start) {
      throw new UserError(`${member.name} left your team on ${member.removed}, before the ${week.quarter} innovation week (${week.start}).`, 'Nothing was changed. See the team: mtl team list');
    }
    const projects = week.projects ?? [];
    if (projects.some((p) => p.member === member.id && p.text === text)) {
      throw new UserError(`${member.name}'s project "${text}" is already logged for the ${week.quarter} week.`, 'Nothing was changed. See them: mtl innovation list');
    }
    week.projects = [...projects, { member: member.id, text, date: today, at: ctx.now.toISOString() }];
    tx.tables.innovationWeeks.put(week);
    return { week, who: member.name };
  });
  const next = week.demoHeld ? 'See them all: mtl innovation list' : 'After the demo: mtl innovation demo --note "<how it went>"';
  ctx.io.err(`Logged ${who}'s project for the ${week.quarter} innovation week: ${text} (${plural(week.projects!.length, 'project')} so far). ${next}\n`);
}

/** `innovation demo [--note <text>]`: the demo was held, and how it went. */
export async function demo(ctx: Ctx, opts: { note?: string; quarter?: string }): Promise<void> {
  const note = opts.note === undefined ? undefined : requireLine(opts.note, 'demo note');
  const today = dayOf(ctx.now);
  const { week, again } = await updateStore(ctx.dataDir, (tx) => {
    const week = recordedWeek(tx.data, today, opts.quarter, 'the demo');
    const again = week.demoHeld !== undefined;
    if (again && note === undefined) {
      throw new UserError(`The ${week.quarter} demo was already recorded on ${week.demoHeld}.`, 'Nothing was changed. To say how it went: mtl innovation demo --note "<how it went>"');
    }
    week.demoHeld ??= today;
    if (note !== undefined) week.demoNote = note;
    tx.tables.innovationWeeks.put(week);
    return { week, again };
  });
  const built = week.projects?.length ? ` ${plural(week.projects.length, 'project')} shown.` : ' Log what was built: mtl innovation log <name> "<what they built>"';
  ctx.io.err(`${again ? 'Updated the note on' : 'Recorded'} the ${week.quarter} innovation demo${note ? `: ${note}` : ''}.${built} Say thanks in public: mtl praise <name> "<what they showed>" --public\n`);
}
