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

/** Hours as typed by the user ("1.5", "2"): a positive number up to MAX_HOURS_PER_LOG, else undefined. */
export function parseHours(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(trimmed)) return undefined;
  const hours = Number(trimmed);
  return hours > 0 && hours <= MAX_HOURS_PER_LOG ? hours : undefined;
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

/** Each book of the reading list with whether the user has marked it read. */
export function readingList(learning: LearningEntry[]): (Book & { read: boolean })[] {
  const read = new Set(learning.filter((e): e is BookRead => e.type === 'book').map((b) => normalise(b.title)));
  return READING_LIST.map((b) => ({ ...b, read: read.has(normalise(b.title)) }));
}
