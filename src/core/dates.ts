import {
  addDays,
  addMonths,
  addQuarters,
  addWeeks,
  endOfMonth,
  endOfQuarter,
  endOfYear,
  nextDay,
  type Day as WeekdayIndex,
} from 'date-fns';
import type { Day } from './model.js';
import { UserError } from '../errors.js';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The calendar day of an instant in the user's time zone, as `YYYY-MM-DD`. */
export function dayOf(instant: Date): Day {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(instant.getFullYear()).padStart(4, '0')}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}`;
}

/**
 * Local midnight of a calendar day. `new Date("2027-03-31")` would be UTC midnight, the day before
 * west of Greenwich; this never is.
 */
export function dateOfDay(day: Day): Date {
  // By hand rather than date-fns `parse`: nudges and balances call this for every praise entry.
  const match = ISO_DAY.exec(day);
  const date = match ? new Date(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) : undefined;
  if (!date || dayOf(date) !== day) throw new RangeError(`Not a calendar day: ${day}`);
  return date;
}


const DAY_MS = 86_400_000;

/**
 * A calendar day as a count of days, through UTC so that no time zone or DST change can shift it:
 * calendar arithmetic needs no clock time at all. Throws on anything but a real `YYYY-MM-DD`.
 */
const dayNumbers = new Map<string, number>();

function dayNumber(day: Day): number {
  // The same few hundred days recur across thousands of entries.
  const known = dayNumbers.get(day);
  if (known !== undefined) return known;
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const d = Number(day.slice(8, 10));
  const ms = Date.UTC(y, m - 1, d);
  if (!ISO_DAY.test(day) || m < 1 || m > 12 || d < 1 || new Date(ms).getUTCDate() !== d) throw new RangeError(`Not a calendar day: ${day}`);
  dayNumbers.set(day, ms / DAY_MS);
  return ms / DAY_MS;
}

/** Whether `day` is a real calendar day `YYYY-MM-DD` (cheap: checked days are remembered). */
export function isDay(day: string): boolean {
  try {
    dayNumber(day);
    return true;
  } catch {
    return false;
  }
}

/**
 * The one range of days mtl accepts or stores, from any option, deadline phrase, MTL_NOW or import:
 * wide enough for any real plan, narrow enough that every day, and a quarter or a year after it,
 * stays a four-digit-year calendar day that calendars and date libraries can handle.
 */
export const FIRST_DAY: Day = '1970-01-01';
export const LAST_DAY: Day = '2999-12-31';
export const DAY_RANGE = `${FIRST_DAY} to ${LAST_DAY}`;

/** Whether `day` is a real calendar day within FIRST_DAY..LAST_DAY. */
export function isDayInRange(day: string): boolean {
  return isDay(day) && day >= FIRST_DAY && day <= LAST_DAY;
}

/**
 * Why a day given to mtl cannot be taken, in words ("is not a calendar day", "is outside the days
 * mtl accepts, 1970-01-01 to 2999-12-31"), or undefined when it can.
 */
export function dayRangeProblem(day: string): string | undefined {
  if (!isDay(day)) return 'is not a calendar day (YYYY-MM-DD)';
  if (day < FIRST_DAY || day > LAST_DAY) return `is outside the days mtl accepts, ${DAY_RANGE}`;
  return undefined;
}

function dayFromNumber(n: number): Day {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier); safe across DST changes. */
export function daysBetween(from: Day, to: Day): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDaysToDay(day: Day, days: number): Day {
  return dayFromNumber(dayNumber(day) + days);
}

/** Calendar quarter label of a day, like `2027-Q1`. */
export function quarterOf(day: Day): string {
  dayNumber(day);
  return `${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`;
}

export function startOfQuarterFor(day: Day): Day {
  dayNumber(day);
  const firstMonth = (Math.ceil(Number(day.slice(5, 7)) / 3) - 1) * 3 + 1;
  return `${day.slice(0, 4)}-${String(firstMonth).padStart(2, '0')}-01`;
}

export function endOfQuarterFor(day: Day): Day {
  return dayOf(endOfQuarter(dateOfDay(day)));
}

/** The days of the week, Sunday first (as Date.getDay counts), as mtl writes them. */
export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
/** "Mon", "Tue"...: in a day shown with its weekday, and in systemd's calendar. */
export const WEEKDAY_SHORT = WEEKDAY_NAMES.map((d) => d.slice(0, 3));
const WEEKDAYS = WEEKDAY_NAMES.map((d) => d.toLowerCase());
const UNIT_DAYS: Record<string, (d: Date, n: number) => Date> = {
  day: addDays,
  week: addWeeks,
  month: addMonths,
  quarter: addQuarters,
};

/**
 * Deadline phrases to show as examples, all reading as today or later when typed on `today`: the
 * written date is the end of this quarter (the next one's on its last day), not a fixed day that
 * will one day be past.
 */
export function deadlineExamples(today: Day): string[] {
  const quarterEnd = endOfQuarterFor(today);
  return [quarterEnd > today ? quarterEnd : endOfQuarterFor(addDaysToDay(quarterEnd, 1)), ...DEADLINE_PHRASES];
}

const DEADLINE_PHRASES = [
  'end of quarter',
  'end of next quarter',
  'end of year',
  'end of month',
  'end of q3',
  'in 6 weeks',
  'in 10 days',
  'next friday',
  'tomorrow',
];

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};

/**
 * Turns a deadline phrase into a calendar day, relative to `today`. Handles ISO dates and the
 * phrases in deadlineExamples (with "eoq"/"eoy" shorthands, an optional "the", "end of q1".."q4"
 * with or without a year); returns undefined for anything else so the caller can try a
 * natural-language parser.
 *
 * Weekdays: a bare weekday ("friday", "on friday", "by friday") and "this friday" mean the first
 * such day on or after `today`, so typed on a Friday they mean today. "next friday" always means
 * the first Friday strictly after `today`: a week on when typed on a Friday, in two days when typed
 * on a Wednesday.
 */
export function parseDeadline(text: string, today: Day): Day | undefined {
  const phrase = text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\bthe /g, '')
    .replace(/^(by|on|before|until|due) /, '');
  if (ISO_DAY.test(phrase)) return isDay(phrase) ? phrase : undefined;
  const base = dateOfDay(today);
  const fixed: Record<string, () => Date> = {
    today: () => base,
    tomorrow: () => addDays(base, 1),
    'end of quarter': () => endOfQuarter(base),
    'end of this quarter': () => endOfQuarter(base),
    eoq: () => endOfQuarter(base),
    'end of next quarter': () => endOfQuarter(addQuarters(base, 1)),
    'end of year': () => endOfYear(base),
    'end of this year': () => endOfYear(base),
    eoy: () => endOfYear(base),
    'end of next year': () => endOfYear(addMonths(base, 12)),
    'end of month': () => endOfMonth(base),
    'end of this month': () => endOfMonth(base),
    eom: () => endOfMonth(base),
    'end of next month': () => endOfMonth(addMonths(base, 1)),
    // As deadlines, "this quarter" and the like mean its end (chrono read "this quarter" as today).
    'this quarter': () => endOfQuarter(base),
    'next quarter': () => endOfQuarter(addQuarters(base, 1)),
    'this month': () => endOfMonth(base),
    'next month': () => endOfMonth(addMonths(base, 1)),
    'this year': () => endOfYear(base),
    'next year': () => endOfYear(addMonths(base, 12)),
    // A week's end is its Friday, the working week's last day; on a weekend, this week ends Sunday.
    'this week': () => endOfWorkWeek(base, 0),
    'end of week': () => endOfWorkWeek(base, 0),
    'end of this week': () => endOfWorkWeek(base, 0),
    'next week': () => endOfWorkWeek(base, 1),
    'end of next week': () => endOfWorkWeek(base, 1),
  };
  const exact = fixed[phrase];
  if (exact) return dayOf(exact());
  const quarter = /^(?:end of )?q([1-4])(?: (\d{4}))?$/.exec(phrase);
  if (quarter) return endOfNamedQuarter(Number(quarter[1]), quarter[2] ? Number(quarter[2]) : undefined, today);
  const inN = /^in (\d{1,3}|[a-z]+) (day|week|month|quarter)s?$/.exec(phrase);
  if (inN) {
    const n = NUMBER_WORDS[inN[1]!] ?? Number(inN[1]);
    if (!Number.isInteger(n) || n < 1) return undefined;
    return dayOf(UNIT_DAYS[inN[2]!]!(base, n));
  }
  const weekday = /^(next |this |on )?(sunday|monday|tuesday|wednesday|thursday|friday|saturday)$/.exec(phrase);
  if (weekday) {
    // "friday", "on friday", "this friday" typed on a Friday mean today; "next friday" is a week on.
    const target = WEEKDAYS.indexOf(weekday[2]!) as WeekdayIndex;
    return weekday[1] !== 'next ' && base.getDay() === target ? today : dayOf(nextDay(base, target));
  }
  return undefined;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A day with its weekday, "Fri 2027-01-08", so a reader sees which Friday a phrase meant. */
export function dayWithWeekday(day: Day): string {
  return `${WEEKDAY_SHORT[dateOfDay(day).getDay()]} ${day}`;
}

/** A phrase that names a quarter or a month (rather than counting from today): it may move into next year. */
const NAMES_PERIOD = /\b(?:q[1-4]|quarter|eoq|month|eom|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/i;

/**
 * When a deadline phrase that names a quarter or a month but no year reads as a later year than
 * today's, that year in words: "end of Q1 next year" for a quarter's last day, "end of January next
 * year" for a month's, else "next year" (or "in 2029" further on). Undefined otherwise: the phrase
 * stays in this year, counts from today ("in 6 weeks"), or gives its year.
 */
export function laterYearNote(text: string, day: Day, today: Day): string | undefined {
  const year = Number(day.slice(0, 4));
  const thisYear = Number(today.slice(0, 4));
  if (year <= thisYear || /\d{4}|\byears?\b|\beoy\b|^\s*in\s/i.test(text) || !NAMES_PERIOD.test(text)) return undefined;
  const when = year === thisYear + 1 ? 'next year' : `in ${year}`;
  if (/\bq[1-4]\b|quarter|\beoq\b/i.test(text) && endOfQuarterFor(day) === day) return `end of Q${Math.ceil(Number(day.slice(5, 7)) / 3)} ${when}`;
  if (/\bend\b|\beom\b/i.test(text) && dayOf(endOfMonth(dateOfDay(day))) === day) return `end of ${MONTH_NAMES[Number(day.slice(5, 7)) - 1]} ${when}`;
  return when;
}

/**
 * A typed deadline as a confirmation line shows it. A written date stays as it is; a phrase, or
 * nothing typed (a default), gets its weekday and, in brackets, the later year it moved into
 * (laterYearNote) or else how far off it is: "Fri 2027-01-08 (in 2 days)", "Fri 2028-03-31 (end of
 * Q1 next year)".
 */
export function describeDeadline(text: string | undefined, day: Day, today: Day): string {
  if (text === undefined) text = '';
  else if (ISO_DAY.test(text.trim())) return day;
  const days = daysBetween(today, day);
  const distance = days === 0 ? 'today' : days === 1 ? 'tomorrow' : days > 1 ? `in ${days} days` : days === -1 ? 'yesterday' : `${-days} days ago`;
  return `${dayWithWeekday(day)} (${laterYearNote(text, day, today) ?? distance})`;
}

/** The Friday of the Monday-to-Sunday week `weeks` after the one holding `day`; this week's Sunday once its Friday is past. */
function endOfWorkWeek(day: Date, weeks: number): Date {
  const sinceMonday = (day.getDay() + 6) % 7;
  const friday = addDays(day, 4 - sinceMonday + 7 * weeks);
  return weeks === 0 && sinceMonday > 4 ? addDays(day, 6 - sinceMonday) : friday;
}

/** The last day of quarter `q` of `year`; without a year, the next such quarter end on or after today. */
function endOfNamedQuarter(q: number, year: number | undefined, today: Day): Day {
  const thisYear = dateOfDay(today).getFullYear();
  const end = (y: number) => dayOf(endOfQuarter(new Date(y, (q - 1) * 3, 1)));
  if (year !== undefined) return end(year);
  return end(thisYear) >= today ? end(thisYear) : end(thisYear + 1);
}

/**
 * Orders ISO days, instants, ids and plain names by code unit. Not `localeCompare`: its first call
 * loads ICU's collator, which costs more than a whole list command.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A copy of `list` ordered by a text key (a day, an instant, a name), smallest first, or largest
 * with `descending`; ties keep their order. (A list already in order, as logs mostly are, costs one
 * comparison per entry: V8's sort finds runs.)
 */
export function sortByText<T>(list: readonly T[], key: (item: T) => string, descending = false): T[] {
  return [...list].sort(descending ? (a, b) => compareText(key(b), key(a)) : (a, b) => compareText(key(a), key(b)));
}

/** The forms `--quarter` takes, for help and error messages. */
export const QUARTER_FORMS = 'YYYY-Qn (like 2027-Q1), "last" or "this"';

/** The first and last day of a quarter label `YYYY-Qn` (no check: give a label from parseQuarter or quarterOf). */
export function quarterBounds(quarter: string): { start: Day; end: Day } {
  const year = quarter.slice(0, 4);
  const firstMonth = (Number(quarter.slice(6)) - 1) * 3 + 1;
  const start = `${year}-${String(firstMonth).padStart(2, '0')}-01`;
  return { start, end: endOfQuarterFor(start) };
}

/** The quarter before `quarter` (`2027-Q1` -> `2026-Q4`). */
export function previousQuarter(quarter: string): string {
  return quarterOf(addDaysToDay(quarterBounds(quarter).start, -1));
}

/**
 * A `--quarter` value read relative to `today`: `YYYY-Qn` (any case, the dash optional), `last` (the
 * quarter before today's) or `this`. Returns the quarter label, or the problem in words when the text
 * is none of those or falls outside the years mtl accepts (FIRST_DAY to LAST_DAY).
 */
export function parseQuarter(text: string, today: Day): { quarter: string } | { problem: string } {
  const word = text.trim().toLowerCase();
  if (word === 'this' || word === 'current') return { quarter: quarterOf(today) };
  if (word === 'last' || word === 'previous') {
    const quarter = previousQuarter(quarterOf(today));
    if (quarterBounds(quarter).start < FIRST_DAY) return { problem: `there is no quarter before ${quarterOf(today)} within ${DAY_RANGE}` };
    return { quarter };
  }
  const match = /^(\d{4})-?q([1-4])$/.exec(word);
  if (!match) return { problem: 'is not a quarter' };
  const quarter = `${match[1]}-Q${match[2]}`;
  // The year first: a year below 100 is no calendar day for Date (it reads 0099 as 1999).
  const year = Number(match[1]);
  const outside = year < Number(FIRST_DAY.slice(0, 4)) || year > Number(LAST_DAY.slice(0, 4));
  const { start, end } = outside ? { start: FIRST_DAY, end: LAST_DAY } : quarterBounds(quarter);
  if (outside || start < FIRST_DAY || end > LAST_DAY) return { problem: `is outside the quarters mtl accepts, ${quarterOf(FIRST_DAY)} to ${quarterOf(LAST_DAY)}` };
  return { quarter };
}

/** The quarter a `--quarter` option names, or a UserError naming the bad value and the forms allowed. */
export function quarterOption(text: string, today: Day): string {
  const read = parseQuarter(text, today);
  if ('quarter' in read) return read.quarter;
  throw new UserError(`--quarter "${text}" ${read.problem}.`, `Give ${QUARTER_FORMS}; this quarter is ${quarterOf(today)}.`);
}

/** Days at the start of a quarter in which the nudge and `prep` still look back at the one just ended. */
export const LOOKBACK_DAYS = 14;

/** The quarter just ended while `today` is in the first LOOKBACK_DAYS days of a new one, else undefined. */
export function lookbackQuarter(today: Day): string | undefined {
  const quarter = quarterOf(today);
  if (daysBetween(startOfQuarterFor(today), today) >= LOOKBACK_DAYS) return undefined;
  const previous = previousQuarter(quarter);
  return quarterBounds(previous).start >= FIRST_DAY ? previous : undefined;
}

/** The first day of the week that contains `day`. */
export function weekStartOf(day: Day, weekStart: 'monday' | 'sunday' = 'monday'): Day {
  const weekday = dateOfDay(day).getDay();
  const back = weekStart === 'monday' ? (weekday + 6) % 7 : weekday;
  return addDaysToDay(day, -back);
}
