/** The last N weeks up to a day, and amounts summed per week: for grids and sparklines. Pure. */
import { addDaysToDay } from './dates.js';
import { weekStartOf } from './dates.js';
import type { Day } from './model.js';

export interface Week {
  start: Day;
  /** The week's last day, or today for the week under way. */
  end: Day;
}

/** The last `count` weeks up to `today`, oldest first; the last one is under way and ends today. */
export function lastWeeks(today: Day, count: number, weekStart: 'monday' | 'sunday' = 'monday'): Week[] {
  const current = weekStartOf(today, weekStart);
  const weeks: Week[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const start = addDaysToDay(current, -7 * i);
    weeks.push({ start, end: i === 0 ? today : addDaysToDay(start, 6) });
  }
  return weeks;
}

/** The index of the week holding `day`, or -1. */
export function weekIndex(weeks: Week[], day: Day): number {
  if (!weeks.length || day < weeks[0]!.start || day > weeks[weeks.length - 1]!.end) return -1;
  return weeks.findIndex((w) => day >= w.start && day <= w.end);
}

/** `value` of the entries summed per week (entries outside the weeks are left out), oldest first. */
export function sumByWeek<T>(entries: readonly T[], weeks: Week[], day: (e: T) => Day, value: (e: T) => number): number[] {
  const sums = weeks.map(() => 0);
  for (const e of entries) {
    const i = weekIndex(weeks, day(e));
    if (i >= 0) sums[i] = Math.round((sums[i]! + value(e)) * 100) / 100;
  }
  return sums;
}
