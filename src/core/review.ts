import { UserError } from '../errors.js';
import { addDaysToDay, dayRangeProblem, endOfQuarterFor, quarterBounds, quarterOf, quarterOption, sortByText, startOfQuarterFor } from './dates.js';
import type { ActionItem, CheckIn, Data, Day, Delegation, Feedback, Member, MemberGoal, Note, OneOnOne, Praise } from './model.js';
import { goalStateOn } from './quarters.js';

/**
 * The review pack: everything about one report over a period of calendar days, for writing a review
 * from the record rather than from the last few weeks.
 */

/** A period of calendar days, both ends included. */
export interface Period {
  from: Day;
  to: Day;
  /** `2027-Q1`, `2027-Q2 so far` or `2027-01-15 to 2027-02-20`. */
  label: string;
}

export interface PeriodOptions {
  quarter?: string;
  from?: string;
  to?: string;
}


/**
 * The period asked for, as of `today`: a named quarter (`2027-Q1`, `last`, `this`), a range of days
 * (`--from`, with `--to` defaulting to today), or by default the current quarter so far.
 */
export function reviewPeriod(options: PeriodOptions, today: Day): Period {
  if (options.quarter !== undefined && (options.from !== undefined || options.to !== undefined)) {
    throw new UserError('Give either --quarter or --from/--to, not both.', 'For example --quarter 2027-Q1, or --from 2027-01-01 --to 2027-02-15.');
  }
  if (options.quarter !== undefined) return quarterPeriod(options.quarter.trim(), today);
  if (options.from === undefined && options.to === undefined) {
    const from = startOfQuarterFor(today);
    return { from, to: today, label: `${quarterOf(today)} so far` };
  }
  if (options.from === undefined) throw new UserError('--to needs --from.', 'For example --from 2027-01-01 --to 2027-02-15.');
  const from = checkedDay(options.from.trim(), '--from');
  const to = options.to === undefined ? today : checkedDay(options.to.trim(), '--to');
  if (to < from) throw new UserError(`--to ${to} is before --from ${from}.`, 'Swap them, or give the earlier day to --from.');
  return { from, to, label: `${from} to ${to}` };
}

function quarterPeriod(text: string, today: Day): Period {
  const start = quarterBounds(quarterOption(text, today)).start;
  const end = endOfQuarterFor(start);
  const label = quarterOf(start);
  return end > today && start <= today ? { from: start, to: today, label: `${label} so far` } : { from: start, to: end, label };
}

function checkedDay(day: string, flag: string): Day {
  const problem = dayRangeProblem(day);
  if (problem) throw new UserError(`${flag} "${day}" ${problem}.`, `Give it as YYYY-MM-DD, for example ${flag} 2027-01-15.`);
  return day;
}

export interface ReviewGoal {
  goal: MemberGoal;
  /** Done by the end of the period. */
  status: 'open' | 'done';
  /** Progress at the end of the period: the last check-in's by then (the current one for a period reaching today). */
  progress: number;
  /** Check-ins within the period, oldest first. */
  checkIns: CheckIn[];
  /** The quarter it belonged to in the period (the last, if several): its quarter now, unless carried on since. */
  quarter: string;
  /**
   * The quarter it was carried on into from `quarter` (`member-goals carry`), when that is after the
   * period: a Q1 goal carried into Q2 is in the Q1 review, marked so.
   */
  carriedInto?: string;
}

export interface ReviewOneOnOne {
  meeting: OneOnOne;
  actions: ActionItem[];
}

export interface MonthCount {
  /** `YYYY-MM`. */
  month: string;
  praise: number;
  feedback: number;
  oneOnOnes: number;
}

export interface Review {
  member: Member;
  period: Period;
  /** Oldest first, in each list. */
  praise: Praise[];
  /** Feedback noted or delivered within the period. */
  feedback: Feedback[];
  goals: ReviewGoal[];
  /** Items owned during the period: created by its end, and not closed before it began. */
  delegations: Delegation[];
  oneOnOnes: ReviewOneOnOne[];
  /** Action items created or closed within the period that belong to no 1:1 listed. */
  otherActions: ActionItem[];
  notes: Note[];
  months: MonthCount[];
}

/**
 * Everything about `member` in `period`, as of `today` (which decides whether a goal's progress is
 * today's or the last one recorded by the period's end).
 */
export function buildReview(data: Data, member: Member, period: Period, today: Day): Review {
  const { from, to } = period;
  const within = (day: Day | undefined) => day !== undefined && day >= from && day <= to;
  const mine = <T extends { member: string }>(list: T[]) => list.filter((e) => e.member === member.id);

  const praise = sortByText(data.praise.between(from, to).filter((p) => p.member === member.id), (p) => p.at);
  const feedback = sortByText(mine(data.feedback).filter((f) => within(f.date) || within(f.deliveredOn)), (f) => f.at);

  const quarters = new Set([quarterOf(from), quarterOf(to)]);
  for (let q = startOfQuarterFor(from); q <= to; q = addDaysToDay(endOfQuarterFor(q), 1)) quarters.add(quarterOf(q));
  const goals = mine(data.memberGoals)
    .filter((g) => g.created <= to && (quarters.has(g.quarter) || g.carriedFrom?.some((q) => quarters.has(q)) || within(g.doneOn) || g.checkIns.some((c) => within(c.date))))
    .map((g) => reviewGoal(g, period, today, quarters));

  const delegations = sortByText(
    mine(data.delegations).filter((d) => d.created <= to && !(d.doneOn !== undefined && d.doneOn < from)),
    (d) => d.created,
  );

  const meetings = sortByText(mine(data.oneOnOnes).filter((o) => within(o.date)), (o) => o.at);
  const shown = new Set(meetings.map((o) => o.id));
  const actions = sortByText(mine(data.actions).filter((t) => within(t.created) || within(t.doneOn)), (t) => t.at);
  const oneOnOnes = meetings.map((meeting) => ({ meeting, actions: actions.filter((t) => t.oneOnOne === meeting.id) }));
  const otherActions = actions.filter((t) => t.oneOnOne === undefined || !shown.has(t.oneOnOne));

  const notes = sortByText(member.notes.filter((n) => within(n.date)), (n) => n.date);
  return { member, period, praise, feedback, goals, delegations, oneOnOnes, otherActions, notes, months: monthCounts(period, praise, feedback, meetings, member.added) };
}

function reviewGoal(goal: MemberGoal, period: Period, today: Day, quarters: Set<string>): ReviewGoal {
  // As it stood at the period's end: the rule every quarter view uses (core/quarters.ts).
  const { status, progress } = goalStateOn(goal, period.to, today);
  // Its quarters in order, where it is now last; the one after the period's last is where it went.
  const path = [...(goal.carriedFrom ?? []), goal.quarter];
  const last = path.findLastIndex((q) => quarters.has(q));
  const carriedInto = last >= 0 && last < path.length - 1 ? path[last + 1] : undefined;
  return {
    goal,
    quarter: last >= 0 ? path[last]! : goal.quarter,
    status,
    progress,
    checkIns: goal.checkIns.filter((c) => c.date >= period.from && c.date <= period.to),
    ...(carriedInto ? { carriedInto } : {}),
  };
}

/**
 * Praise, feedback noted and 1:1s held, per calendar month of the period (every month, even empty),
 * from the month the report joined when that is later: months before it are not gaps. An entry dated
 * earlier still (an import) brings its month back.
 */
function monthCounts(period: Period, praise: Praise[], feedback: Feedback[], meetings: OneOnOne[], added: Day): MonthCount[] {
  const dated = [...praise, ...feedback, ...meetings].map((e) => e.date).filter((d) => d >= period.from && d <= period.to);
  const first = [added > period.from ? added : period.from, ...dated].reduce((a, b) => (b < a ? b : a));
  const months = new Map<string, MonthCount>();
  for (let month = first.slice(0, 7); month <= period.to.slice(0, 7); month = nextMonth(month)) {
    months.set(month, { month, praise: 0, feedback: 0, oneOnOnes: 0 });
  }
  const row = (day: Day) => months.get(day.slice(0, 7));
  for (const p of praise) row(p.date)!.praise++;
  for (const f of feedback) {
    const r = row(f.date);
    if (r) r.feedback++;
  }
  for (const o of meetings) row(o.date)!.oneOnOnes++;
  return [...months.values()];
}

function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${String(y + 1).padStart(4, '0')}-01` : `${month.slice(0, 4)}-${String(m + 1).padStart(2, '0')}`;
}
