import type { Day, Member } from './model.js';

/**
 * The day a report came back from leave (`team set <name> --away <day>`), if that is on or before
 * `today` and after they joined: praise and 1:1s are counted from it, as from a new report's first
 * day, so a report is not "late" on their first morning back. Only the last leave is kept.
 */
export function backOn(member: Pick<Member, 'awayUntil' | 'added'>, today: Day): Day | undefined {
  const back = member.awayUntil;
  return back !== undefined && back <= today && back > member.added ? back : undefined;
}

/** Where the clock of a report's reminders starts: the later of joining and the last return from leave. */
export function presentSince(member: Pick<Member, 'awayUntil' | 'added'>, today: Day): Day {
  return backOn(member, today) ?? member.added;
}
