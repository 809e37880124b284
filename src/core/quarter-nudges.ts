import type { Data, Day, Member } from './model.js';
import type { Reminder } from './nudges.js';
import { previousQuarter, quarterOf, startOfQuarterFor } from './dates.js';
import { goalsToCarry, quarterSummary, quarterToLookBack, summaryText } from './quarters.js';
import { plural, shellWord } from './text.js';

/**
 * In the first LOOKBACK_DAYS days of a quarter: one line summing up the quarter just ended, with the
 * command that writes its review. Nothing when that quarter had no reports and no goals (theirs, or
 * mine done in it), or when the store held nothing yet by its end (quarterToLookBack).
 */
export function quarterReviewReminders(data: Data, today: Day): Reminder[] {
  const ended = quarterToLookBack(data, today);
  if (!ended) return [];
  const summary = quarterSummary(data, ended);
  if (summary.reports === 0 && summary.memberGoals.total === 0 && summary.goalsDone.length === 0) return [];
  return [
    {
      key: `quarter-review:${ended}`,
      kind: 'quarter-review',
      text: `${ended} just ended: ${summaryText(summary, today)}.`,
      why: 'Written down while it is fresh, the quarter just ended is half of the review with your boss.',
      command: 'mtl export --format md --quarter last',
      since: startOfQuarterFor(today),
    },
  ];
}

/**
 * One per report with goals of the last quarter still open: carry them into this one, or close them.
 * It lasts until each is carried or done, so a missed start of quarter is caught up.
 */
export function carryReminders(data: Data, team: Member[], today: Day): Reminder[] {
  const quarter = quarterOf(today);
  const from = previousQuarter(quarter);
  const open = goalsToCarry(data, from);
  const reminders: Reminder[] = [];
  for (const member of team) {
    const goals = open.get(member.id);
    if (!goals?.length) continue;
    const it = goals.length === 1 ? 'it' : 'them';
    reminders.push({
      key: `member-goals-carry:${member.id}:${quarter}`,
      kind: 'member-goals-carry',
      text: `${member.name} has ${plural(goals.length, 'open goal')} from ${from} (${goals.map((g) => `${g.id} "${g.title}"`).join(', ')}): carry ${it} into ${quarter}, or mark ${it} done.`,
      why: 'A goal left behind at the quarter line is quietly dropped; moving it on, or closing it, is a decision to make together.',
      command: `mtl member-goals carry ${shellWord(member.name)} ${goals.length === 1 ? goals[0]!.id : '--all'}`,
      since: startOfQuarterFor(today),
    });
  }
  return reminders;
}
