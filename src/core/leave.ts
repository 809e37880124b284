import { daysBetween } from './dates.js';
import type { Day, Member } from './model.js';

/** A leave this long or longer makes the day back a fresh start for the reminders' clocks. */
export const LONG_LEAVE_DAYS = 7;

/**
 * The day a report came back from leave (`team set <name> --away <day>`), if that is on or before
 * `today` and after they joined: praise and 1:1s are counted from it, as from a new report's first
 * day, so a report is not "late" on their first morning back. Only after a leave of a week or more
 * (a long weekend away, or a leave taken back the day it was set, leaves the clocks as they were,
 * and the return from an earlier long leave, `cameBack`, still counts).
 */
export function backOn(member: Pick<Member, 'awayUntil' | 'awaySince' | 'cameBack' | 'added'>, today: Day): Day | undefined {
  const counts = (day: Day | undefined) => day !== undefined && day <= today && day > member.added;
  const back = member.awayUntil;
  if (counts(back) && (member.awaySince === undefined || daysBetween(member.awaySince, back!) >= LONG_LEAVE_DAYS)) return back;
  return counts(member.cameBack) ? member.cameBack : undefined;
}

/**
 * Away every day from `from` to `to` (a week, say), as far as mtl knows: on the last leave, from the
 * day it was set (`awaySince`) to the day before they are back, or on the long one before it
 * (`earlierAwaySince` to `cameBack`). A leave set before mtl kept its start covers nothing known.
 */
export function awayThroughout(member: Pick<Member, 'awayUntil' | 'awaySince' | 'earlierAwaySince' | 'cameBack'>, from: Day, to: Day): boolean {
  const covers = (since: Day | undefined, back: Day | undefined) => since !== undefined && back !== undefined && since <= from && back > to;
  return covers(member.awaySince, member.awayUntil) || covers(member.earlierAwaySince, member.cameBack);
}
