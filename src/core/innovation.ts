import type { Day, InnovationWeek } from './model.js';
import { addDaysToDay, dateOfDay, daysBetween, endOfQuarterFor, quarterOf } from './dates.js';

const isWeekend = (day: Day) => [0, 6].includes(dateOfDay(day).getDay());

/**
 * The innovation week starting on `start`: five working days from it (a weekend start moves to the
 * Monday), so a Monday gives Monday to Friday. The demo is on the last day. The week belongs to the
 * quarter it starts in.
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
