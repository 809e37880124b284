import { parseEventDay } from './culture.js';
import { isDay } from './dates.js';
import type { Day } from './model.js';

/**
 * Recording something after the fact (`--date` on praise, feedback and `1on1 --done`, and `mtl edit
 * --date`): the day it happened, and the instant stored with it. Pure: the clock is passed in.
 */

/**
 * The day given with `--date`: YYYY-MM-DD, today or yesterday, never after today (as `culture log
 * --date`), and never before the report was added (`added`, with their name for the message).
 */
export function parseRecordDay(text: string, today: Day, report?: { name: string; added: Day; removed?: Day }): Day | { problem: string } {
  const word = text.trim().toLowerCase();
  const parsed = parseEventDay(text, today);
  if (typeof parsed !== 'string') {
    // The culture words speak of events; said here of anything recorded.
    if (word === 'tomorrow' || (isDay(word) && word > today)) return { problem: `${word === 'tomorrow' ? '"tomorrow"' : word} is after today (${today}): give today, yesterday or an earlier day.` };
    return parsed;
  }
  if (report && parsed < report.added) return { problem: `${parsed} is before ${report.name} was added (${report.added}): give a day from ${report.added} on.` };
  if (report?.removed && parsed > report.removed) return { problem: `${parsed} is after ${report.name} left the team (${report.removed}): give a day up to ${report.removed}.` };
  return parsed;
}

/**
 * The instant stored with an entry dated `day`: `instant`'s local time of day on that day. So an
 * entry recorded today without --date and one with `--date today` are the same, and entries sort by
 * their instant in the order of their days (the latest 1:1, the praise since the last 1:1).
 */
export function instantOnDay(instant: Date, day: Day): string {
  // Built from its parts, not dateOfDay: a day the local time zone skipped (Samoa's 2011-12-30) has
  // no midnight, and the instant lands on the next day the zone has, where the day's entry still says `day`.
  const moved = new Date(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)), instant.getHours(), instant.getMinutes(), instant.getSeconds(), instant.getMilliseconds());
  return moved.toISOString();
}
