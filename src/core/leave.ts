import { daysBetween } from './dates.js';
import type { Day, Member } from './model.js';

/** A leave this long or longer makes the day back a fresh start for the reminders' clocks. */
export const LONG_LEAVE_DAYS = 7;

/** Away on `today` (`team set <name> --away <day>`): on leave until a day still to come. */
export function isAway(member: Pick<Member, 'awayUntil'>, today: Day): boolean {
  return member.awayUntil !== undefined && member.awayUntil > today;
}

/**
 * `team set --away <until>`: a leave under way keeps its start; a new one starts today, and keeps
 * the return from the last long leave (which a short one does not replace) in `cameBack`.
 */
export function startLeave(member: Member, until: Day, today: Day): void {
  if (!isAway(member, today)) {
    const returned = backOn(member, today);
    if (returned !== undefined && returned !== member.cameBack) {
      member.cameBack = returned;
      if (member.awaySince !== undefined) member.earlierAwaySince = member.awaySince;
      else delete member.earlierAwaySince;
    }
    member.awaySince = today;
  }
  member.awayUntil = until;
}

/**
 * `team set --away none`: back today, from which praise and 1:1s count again; a leave taken back the
 * day it was set is none. Not away, nothing changes: a day back already past stays as it is.
 */
export function endLeave(member: Member, today: Day): void {
  if (!isAway(member, today)) return;
  if (member.awaySince !== undefined && member.awaySince >= today) {
    delete member.awayUntil;
    delete member.awaySince;
  } else member.awayUntil = today;
}

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
