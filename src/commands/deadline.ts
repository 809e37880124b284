import { DAY_RANGE, dayOf, deadlineExamples, isDayInRange, parseDeadline } from '../core/dates.js';
import { UserError } from '../errors.js';
import type { Day } from '../core/model.js';

/** Words that may stand around a date without changing it ("by march 3rd", "on friday."). */
const FILLER = /^(?:by|on|before|until|due|the|[\s,.!])*$/i;

/**
 * A deadline phrase to a calendar day: the core's own phrases first (ISO dates, quarters, years,
 * "in N weeks", weekdays), then chrono-node's English parser for the rest ("march 3rd", "next month"),
 * loaded only when needed. chrono finds dates inside any text ("banana friday"), so its match must be
 * the whole phrase, and a day it finds must not be in the past. Anything else is an error that shows
 * examples. (An explicit ISO date in the past is returned as it is; callers decide.) A day outside
 * the range mtl accepts (DAY_RANGE) is refused, whichever way it was written.
 */
export async function resolveDeadline(text: string, today: Day, now: Date): Promise<Day> {
  const known = parseDeadline(text, today);
  if (known) return inRange(text, known, today);
  if (/^\s*\d{4}-\d{1,2}-\d{1,2}\s*$/.test(text)) {
    // chrono would read 2027-13-01 as January 13th; a date that looks ISO must be a real one.
    throw new UserError(`"${text.trim()}" is not a calendar day.`, `Give a real date as YYYY-MM-DD (month 01-12, a day that month has), e.g. ${deadlineExamples(today)[0]}.`);
  }
  const found = await naturalDay(text, now);
  if (found !== undefined && !isDayInRange(found)) inRange(text, found, today);
  if (found !== undefined && found >= today) return found;
  throw new UnreadableDeadlineError(text, today, found);
}

/**
 * A phrase that is no day mtl can use as a deadline; `past` is the day it reads as, if in the past.
 * The examples it suggests all read as `today` or later.
 */
export class UnreadableDeadlineError extends UserError {
  constructor(
    readonly text: string,
    today: Day,
    readonly past?: Day,
  ) {
    super(
      past ? `"${text}" reads as ${past}, which is in the past (today is ${today}).` : `Cannot read "${text}" as a deadline.`,
      `Try one of: ${deadlineExamples(today).map((e) => `"${e}"`).join(', ')}.`,
    );
  }
}

/** A deadline read as a day mtl cannot keep: refused with the range named. */
export class DayOutOfRangeError extends UserError {
  constructor(text: string, day: string, today: Day) {
    super(`"${text.trim()}" reads as ${day}, outside the days mtl accepts (${DAY_RANGE}).`, `Give a day from ${DAY_RANGE}, e.g. "end of quarter" or ${deadlineExamples(today)[0]}.`);
  }
}

function inRange(text: string, day: Day, today: Day): Day {
  if (!isDayInRange(day)) throw new DayOutOfRangeError(text, day, today);
  return day;
}

async function naturalDay(text: string, now: Date): Promise<Day | undefined> {
  const { casual } = await import('chrono-node/en');
  const [found] = casual.parse(text, now, { forwardDate: true });
  if (!found) return undefined;
  const rest = text.slice(0, found.index) + text.slice(found.index + found.text.length);
  const date = found.start.date();
  return FILLER.test(rest) && !Number.isNaN(date.getTime()) ? dayOf(date) : undefined;
}
