import { addDaysToDay, daysBetween, isDay, isDayInRange } from './dates.js';
import type { CultureEvent, Day, Member } from './model.js';

/**
 * Culture events: what the team did together (a lunch, a retro game, a hack afternoon). The rule
 * here is the monthly reminder; the commands record and list them.
 */

/** A month without a culture event is worth a reminder. */
export const CULTURE_DAYS = 30;

/** The latest event on or before `today`. */
export function lastCultureEvent(events: CultureEvent[], today: Day): CultureEvent | undefined {
  return events.filter((e) => e.date <= today).reduce<CultureEvent | undefined>((a, b) => (!a || b.date > a.date ? b : a), undefined);
}

/**
 * Whether the culture reminder is due at `today`, and since when: no event in the last CULTURE_DAYS
 * days. With no event ever, it is due only while a culture goal is open (`cultureGoalOpen`), and its
 * clock starts when the first report joined, so a new team is not nagged on its first day; with no
 * team, nothing is due.
 */
export function cultureDue(events: CultureEvent[], team: Pick<Member, 'added'>[], today: Day, cultureGoalOpen = true): { since: Day; last?: CultureEvent; days: number } | undefined {
  if (team.length === 0) return undefined;
  const last = lastCultureEvent(events, today);
  // Asked of those who track culture: an event logged once, or a culture goal open.
  if (!last && !cultureGoalOpen) return undefined;
  const since = last?.date ?? team.reduce((a, m) => (m.added < a ? m.added : a), team[0]!.added);
  const days = daysBetween(since, today);
  if (days < CULTURE_DAYS) return undefined;
  return { since, days, ...(last ? { last } : {}) };
}

/** A day an event happened: YYYY-MM-DD, today or yesterday; never after today. */
export function parseEventDay(text: string, today: Day): Day | { problem: string } {
  const word = text.trim().toLowerCase();
  if (word === 'tomorrow') return { problem: `"${text}" is in the future: log an event once it has happened (today, yesterday or YYYY-MM-DD).` };
  const day = word === 'today' ? today : word === 'yesterday' ? addDaysToDay(today, -1) : word;
  // Written as a day but not one (2027-02-30): said so, not "give YYYY-MM-DD" to a date in that form.
  if (/^\d{4}-\d{2}-\d{2}$/.test(day) && !isDay(day)) return { problem: `"${text}" is not a calendar day: give a day that month has.` };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !isDay(day) || !isDayInRange(day)) return { problem: `"${text}" is not a day: give YYYY-MM-DD, today or yesterday.` };
  if (day > today) return { problem: `${day} is after today (${today}): log an event once it has happened.` };
  return day;
}
