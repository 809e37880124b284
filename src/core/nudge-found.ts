import type { Day, NudgeFound } from './model.js';
import { dateOfDay, daysBetween, WEEKDAY_NAMES } from './dates.js';
import type { Reminder, ReminderKind } from './nudges.js';
import { plural } from './text.js';

/**
 * What a scheduled nudge leaves for the person who was not there: the desktop notification's text, and
 * the record of what it printed, shown by the next `mtl` or `mtl nudge` on a terminal. Pure: no I/O.
 */

/**
 * The order of importance of the kinds, as the nudge prints them: a first self-assessment, then
 * promises to the boss (goals), people (praise, 1:1s, action items), the quarter's goals, and the rest.
 */
const KIND_ORDER: ReminderKind[] = ['goal', 'recognition', 'one-on-one', 'back', 'action', 'member-goal-overdue', 'member-goals-check-in', 'member-goals-carry', 'quarter-review', 'member-goals', 'innovation', 'culture', 'learning', 'assessment'];

function rank(r: Reminder): number {
  // Never assessed: the first step, before anything else (a re-assessment has `since` and comes last).
  if (r.kind === 'assessment' && r.since === undefined) return -1;
  const i = KIND_ORDER.indexOf(r.kind);
  return i === -1 ? KIND_ORDER.length : i;
}

/**
 * The order of importance, for sorting: the more important kind first, and within a kind the one
 * waiting longest (the oldest `since`; one without counts as waiting since today). Equals stay put.
 */
export function byImportance(a: Reminder, b: Reminder): number {
  const ranked = rank(a) - rank(b);
  if (ranked !== 0) return ranked;
  // An overdue goal before one only waiting for a check-in, as the dashboard's next step does.
  if (Boolean(a.overdue) !== Boolean(b.overdue)) return a.overdue ? -1 : 1;
  if (a.since === b.since) return 0;
  return a.since === undefined ? 1 : b.since === undefined ? -1 : a.since < b.since ? -1 : 1;
}

/**
 * The reminder to put in a notification: the first in the order of importance (byImportance); the
 * first among equals.
 */
export function mostPressing(reminders: readonly Reminder[]): Reminder | undefined {
  let best: Reminder | undefined;
  for (const r of reminders) if (!best || byImportance(r, best) < 0) best = r;
  return best;
}

/** Control characters (line breaks included) and the bidirectional overrides that could reorder a line. */
const UNPRINTABLE = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]+/gu;

/**
 * `text` as one short line for a notification: every control character (a line break, an escape) and
 * bidirectional override becomes a space, runs of blanks one space, and a text longer than `max`
 * characters is cut with an ellipsis. Data, never markup or a command: callers pass it as an argument.
 */
export function notificationText(text: string, max = 160): string {
  const line = text.replace(UNPRINTABLE, ' ').replace(/\s+/g, ' ').trim();
  const chars = [...line];
  return chars.length <= max ? line : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

export interface NotificationMessage {
  title: string;
  body: string;
}

/**
 * The notification for a run that printed `reminders`: the count in the title, the most pressing one
 * in the body, and what to run. None when nothing was printed: a quiet nudge stays quiet.
 */
export function notificationOf(reminders: readonly Reminder[]): NotificationMessage | undefined {
  const top = mostPressing(reminders);
  if (!top) return undefined;
  const next = reminders.length === 1 ? `Next: ${top.command}` : `and ${reminders.length - 1} more: run mtl nudge`;
  return { title: notificationText(`mtl: ${plural(reminders.length, 'reminder')} due`, 60), body: `${notificationText(top.text)}\n${notificationText(next, 100)}` };
}

/**
 * What is left unseen after a scheduled run on `today` that printed `printed`, while `due` is due: the
 * reminders it printed, after those of an earlier unseen record that are still due and not printed
 * again (a second run the same day prints only what is new). Undefined when nothing is left. A run
 * that printed nothing keeps the earlier record's day.
 */
export function foundAfterRun(previous: NudgeFound | undefined, printed: readonly Reminder[], due: readonly Reminder[], today: Day): NudgeFound | undefined {
  const dueKeys = new Set(due.map((r) => r.key));
  const printedKeys = new Set(printed.map((r) => r.key));
  const kept = (previous?.reminders ?? []).filter((r) => dueKeys.has(r.key) && !printedKeys.has(r.key));
  const reminders = [...kept, ...printed.map((r) => ({ key: r.key, text: r.text, command: r.command }))];
  if (!reminders.length) return undefined;
  return { day: printed.length || !previous ? today : previous.day, reminders };
}

/** "Today's nudge", "Yesterday's nudge", "Monday's nudge" within the week, else "The nudge of 2027-02-01". */
export function foundLabel(day: Day, today: Day): string {
  const ago = daysBetween(day, today);
  if (ago === 0) return "Today's nudge";
  if (ago === 1) return "Yesterday's nudge";
  if (ago > 1 && ago < 7) return `${WEEKDAY_NAMES[dateOfDay(day).getDay()]}'s nudge`;
  return `The nudge of ${day}`;
}

export interface FoundSummary {
  /** "Monday's nudge found 6 reminders; 2 are no longer due" */
  heading: string;
  items: { text: string; command: string; stillDue: boolean }[];
}

/** The record as the next terminal run shows it: the heading and each reminder, marked when no longer due. */
export function foundSummary(found: NudgeFound, today: Day, due: readonly Reminder[]): FoundSummary {
  const dueKeys = new Set(due.map((r) => r.key));
  const items = found.reminders.map((r) => ({ text: r.text, command: r.command, stillDue: dueKeys.has(r.key) }));
  const gone = items.filter((i) => !i.stillDue).length;
  const n = items.length;
  const tail = gone === 0 ? '' : gone === n ? (n === 1 ? '; it is no longer due' : `; none of them is due any more`) : `; ${gone} ${gone === 1 ? 'is' : 'are'} no longer due`;
  return { heading: `${foundLabel(found.day, today)} found ${plural(n, 'reminder')}${tail}`, items };
}
