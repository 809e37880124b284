import type { BookRead, Day, LearningEntry, LearningLog, LearningTip } from './model.js';
import { daysBetween, endOfQuarterFor, quarterOf, startOfQuarterFor } from './dates.js';

export interface Book {
  title: string;
  author: string;
}

/** The article's favourite resources on leadership. */
export const READING_LIST: readonly Book[] = [
  { title: 'Extreme Ownership', author: 'Jocko Willink & Leif Babin' },
  { title: 'Mindset', author: 'Carol Dweck' },
  { title: 'How to Win Friends and Influence People', author: 'Dale Carnegie' },
  { title: 'The 5 Levels of Leadership', author: 'John C. Maxwell' },
  { title: 'Think Again', author: 'Adam Grant' },
  { title: 'Start with Why', author: 'Simon Sinek' },
  { title: 'Harvard Business Review', author: 'the magazine and hbr.org' },
];

export const MAX_HOURS_PER_LOG = 100;

/** The forms a duration takes, for help and error messages. */
export const DURATION_FORMS = '2, 1.5, 2h, 1.5h, 45m, 90m, 1h30 or 1h30m';

/**
 * A duration as typed by the user, in hours: a plain number of hours (`2`, `1.5`, `.5`), hours with
 * `h` (`2h`, `1.5h`), minutes with `m` or `min` (`45m`, `90min`), or both (`1h30`, `1h30m`,
 * `1h 30m`, minutes under 60). Rounded to hundredths of an hour. Returns the problem in words when
 * the text is none of those or is not above 0 and up to MAX_HOURS_PER_LOG hours.
 */
export function parseDuration(text: string): { hours: number } | { problem: string } {
  const t = text.trim().toLowerCase();
  const number = String.raw`(\d+(?:\.\d*)?|\.\d+)`;
  let hours: number | undefined;
  let m: RegExpExecArray | null;
  if ((m = new RegExp(`^${number}\\s*(?:h|hr|hrs|hours?)?$`).exec(t))) hours = Number(m[1]);
  else if ((m = new RegExp(`^${number}\\s*(?:m|min|mins|minutes?)$`).exec(t))) hours = Number(m[1]) / 60;
  else if ((m = /^(\d+)\s*h\s*(\d{1,2})\s*(?:m|min|mins)?$/.exec(t))) {
    if (Number(m[2]) >= 60) return { problem: `has ${m[2]} minutes after the hours; give fewer than 60 (or write ${Number(m[1]) + Math.floor(Number(m[2]) / 60)}h${Number(m[2]) % 60})` };
    hours = Number(m[1]) + Number(m[2]) / 60;
  }
  if (hours === undefined) return { problem: `is not a duration: give ${DURATION_FORMS}` };
  const rounded = Math.round(hours * 100) / 100;
  if (!(rounded > 0)) return { problem: 'is no time at all: give more than 0' };
  if (rounded > MAX_HOURS_PER_LOG) return { problem: `is more than ${MAX_HOURS_PER_LOG} hours; log long stretches in parts` };
  return { hours: rounded };
}

const normalise = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * The books of the reading list whose title starts with `query` (case-insensitively, ignoring
 * punctuation and a leading "the"). An exact title wins over longer ones.
 */
export function matchBooks(query: string): Book[] {
  const q = normalise(query).replace(/^the /, '');
  if (!q) return [];
  const titleOf = (b: Book) => normalise(b.title).replace(/^the /, '');
  const exact = READING_LIST.filter((b) => titleOf(b) === q);
  return exact.length ? exact : READING_LIST.filter((b) => titleOf(b).startsWith(q));
}

export interface LearningProgress {
  quarter: string;
  hours: number;
  target: number;
  /** Where a steady pace would be by today: target x elapsed days / days in the quarter. */
  expected: number;
  /** Where a steady pace was LEARNING_GRACE_DAYS ago (0 in the quarter's first week): fewer hours is behind. */
  floor: number;
  /** Fewer hours than `floor`: more than a week behind a steady pace. */
  behind: boolean;
  daysLeft: number;
  logs: LearningLog[];
  tips: LearningTip[];
}

const tenths = (n: number) => Math.round(n * 10) / 10;

/**
 * A week of grace before the learning target counts as missed: nobody is behind on the first day of
 * a quarter, and a week without reading is normal.
 */
export const LEARNING_GRACE_DAYS = 7;

/**
 * This quarter's learning: hours logged against the pro-rata share of the target, and tips tried.
 * `behind` allows LEARNING_GRACE_DAYS of slack: it compares the hours with the pro-rata share of
 * the elapsed days minus the grace, so it is never true in a quarter's first week, and after that
 * only when the hours are below where a steady pace was a week ago.
 */
export function learningProgress(learning: LearningEntry[], today: Day, target: number): LearningProgress {
  const quarter = quarterOf(today);
  const start = startOfQuarterFor(today);
  const end = endOfQuarterFor(today);
  const elapsed = daysBetween(start, today) + 1;
  const length = daysBetween(start, end) + 1;
  const inQuarter = <T extends { date: Day }>(list: T[]) => list.filter((e) => quarterOf(e.date) === quarter && e.date <= today);
  const logs = inQuarter(learning.filter((e): e is LearningLog => e.type === 'hours'));
  const hours = tenths(logs.reduce((sum, l) => sum + l.hours, 0));
  const expected = tenths((target * elapsed) / length);
  const floor = tenths((target * Math.max(0, elapsed - LEARNING_GRACE_DAYS)) / length);
  return { quarter, hours, target, expected, floor, behind: target > 0 && hours < floor, daysLeft: daysBetween(today, end), logs, tips: inQuarter(learning.filter((e): e is LearningTip => e.type === 'tip')) };
}

/** A book entry that is finished: every book but one added with `learn book add` and not done yet. */
export const isFinished = (b: BookRead): boolean => b.status !== 'reading';

/** Each book of the reading list with whether the user has marked it read. */
export function readingList(learning: LearningEntry[]): (Book & { read: boolean })[] {
  const read = new Set(learning.filter((e): e is BookRead => e.type === 'book' && isFinished(e)).map((b) => normalise(b.title)));
  return READING_LIST.map((b) => ({ ...b, read: read.has(normalise(b.title)) }));
}

/** The user's own books (added, or finished), being read first, then finished ones, latest first. */
export function ownBooks(learning: LearningEntry[]): BookRead[] {
  const books = learning.filter((e): e is BookRead => e.type === 'book');
  const reading = books.filter((b) => !isFinished(b));
  const finished = books.filter(isFinished).sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
  return [...reading, ...finished];
}

/** Books finished in `today`'s quarter, up to today. */
export function booksFinishedThisQuarter(learning: LearningEntry[], today: Day): BookRead[] {
  const quarter = quarterOf(today);
  return learning.filter((e): e is BookRead => e.type === 'book' && isFinished(e) && e.date !== undefined && quarterOf(e.date) === quarter && e.date <= today);
}

/**
 * The book a typed title or id means among the user's books: an id (`l4`), the exact title
 * (ignoring case and punctuation), else the only title starting with it. `matches` lists the
 * candidates when there is no single one.
 */
export function findOwnBook(learning: LearningEntry[], query: string): { book?: BookRead; matches: BookRead[] } {
  const books = learning.filter((e): e is BookRead => e.type === 'book');
  const byId = books.find((b) => b.id === query.trim().toLowerCase());
  if (byId) return { book: byId, matches: [byId] };
  const q = normalise(query);
  if (!q) return { matches: [] };
  const exact = books.filter((b) => normalise(b.title) === q);
  const matches = exact.length ? exact : books.filter((b) => normalise(b.title).startsWith(q));
  return { book: matches.length === 1 ? matches[0] : undefined, matches };
}
