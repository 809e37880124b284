import type { Day, InnovationWeek } from './model.js';
import { addDaysToDay, dateOfDay, daysBetween, endOfQuarterFor, quarterOf } from './dates.js';

const isWeekend = (day: Day) => [0, 6].includes(dateOfDay(day).getDay());

/**
 * The innovation week starting on `start`: five working days from it (a weekend start moves to the
 * Monday), so a Monday gives Monday to Friday. The demo is on the last day. The week belongs to the
 * quarter it starts in, and counts only if it ends there too (see `fitsItsQuarter`).
 */
export function innovationWeekFrom(start: Day, planned: Day): Omit<InnovationWeek, 'id'> {
  let first = start;
  while (isWeekend(first)) first = addDaysToDay(first, 1);
  let last = first;
  for (let worked = 1; worked < 5; ) {
    last = addDaysToDay(last, 1);
    if (!isWeekend(last)) worked += 1;
  }
  return { quarter: quarterOf(first), start: first, end: last, demo: last, planned };
}

export type InnovationStatus = 'upcoming' | 'in-progress' | 'done';

export function innovationStatus(week: Pick<InnovationWeek, 'start' | 'end'>, today: Day): InnovationStatus {
  if (today < week.start) return 'upcoming';
  return today > week.end ? 'done' : 'in-progress';
}

export function weekOfQuarter<T extends Pick<InnovationWeek, 'quarter'>>(weeks: T[], quarter: string): T | undefined {
  return weeks.find((w) => w.quarter === quarter);
}

function mondayFrom(day: Day): Day {
  let monday = day;
  while (dateOfDay(monday).getDay() !== 1) monday = addDaysToDay(monday, 1);
  return monday;
}

/**
 * Whether a week ends, demo included, in the quarter it counts for. The same rule as the nudge's and
 * `suggestedStart`'s: a quarter's week must fit before the quarter ends, so one that runs into the
 * next quarter is refused rather than counted for either.
 */
export function fitsItsQuarter(week: Pick<InnovationWeek, 'quarter' | 'end'>): boolean {
  return quarterOf(week.end) === week.quarter;
}

/** The last Monday of `day`'s quarter whose Friday is still in it: the latest start that fits. */
export function lastFittingMonday(day: Day): Day {
  let friday = endOfQuarterFor(day);
  while (dateOfDay(friday).getDay() !== 5) friday = addDaysToDay(friday, -1);
  return addDaysToDay(friday, -4);
}

/** The first Monday of the quarter after today's. */
export function nextQuarterStart(today: Day): Day {
  return mondayFrom(addDaysToDay(endOfQuarterFor(today), 1));
}

/**
 * A sensible start to suggest: the first Monday at least a week away whose Friday is still in this
 * quarter (time to tell the team), else the first Monday of the next quarter.
 */
export function suggestedStart(today: Day): Day {
  const monday = mondayFrom(addDaysToDay(today, 7));
  return daysBetween(addDaysToDay(monday, 4), endOfQuarterFor(today)) >= 0 ? monday : nextQuarterStart(today);
}

/**
 * The week worth planning on `today`: `suggestedStart` and the quarter it falls in. That is this
 * quarter while a week announced a week ahead still fits in it; near the quarter's end it is the
 * next quarter, so that planning the suggested start always settles the quarter named.
 */
export function weekToPlan(today: Day): { quarter: string; start: Day } {
  const start = suggestedStart(today);
  return { quarter: quarterOf(start), start };
}

/** Whether a week has started (under way or held): re-planning it would erase what happened. */
export function hasStarted(week: Pick<InnovationWeek, 'start'>, today: Day): boolean {
  return today >= week.start;
}

/**
 * The first start worth suggesting whose quarter has no week yet: `suggestedStart`, else the first
 * Monday of each later quarter in turn.
 */
export function freeStart(weeks: Pick<InnovationWeek, 'quarter'>[], today: Day): Day {
  let start = suggestedStart(today);
  while (weekOfQuarter(weeks, quarterOf(start))) start = nextQuarterStart(start);
  return start;
}

/**
 * The week projects and the demo are recorded against: the one of `quarter` when given, else the
 * latest week that has started by `today`. Undefined when there is none.
 */
export function weekToRecord<T extends Pick<InnovationWeek, 'quarter' | 'start'>>(weeks: T[], today: Day, quarter?: string): T | undefined {
  if (quarter !== undefined) return weekOfQuarter(weeks, quarter);
  return weeks.filter((w) => hasStarted(w, today)).reduce<T | undefined>((latest, w) => (!latest || w.start > latest.start ? w : latest), undefined);
}
