import type { Data, Day, Goal, InnovationWeek, Member, MemberGoal } from './model.js';
import { addDaysToDay, lookbackQuarter, quarterBounds, quarterOf, sortByText } from './dates.js';
import { plural } from './text.js';

/** One report's recognition over a quarter. */
export interface QuarterCounts {
  praise: number;
  public: number;
  private: number;
  feedback: number;
}

/** What happened in one quarter: recognition, the reports' goals, my goals done, the innovation week. */
export interface QuarterSummary {
  quarter: string;
  start: Day;
  end: Day;
  /** Reports on the team at some point of the quarter. */
  reports: number;
  reportsPraised: number;
  praise: number;
  public: number;
  feedback: number;
  /** Set for the quarter, as it ended: done by its last day, open then, or open then and carried on into a later quarter since. */
  memberGoals: { total: number; done: number; open: number; carried: number };
  /** The manager's own goals finished in the quarter, by the day they were done. */
  goalsDone: { id: string; title: string; doneOn: Day }[];
  innovation: (Pick<InnovationWeek, 'start' | 'end'> & { recorded: boolean }) | null;
}

/** Whether a report was on the team on some day of `start`..`end`. */
export function onTeamDuring(member: Pick<Member, 'added' | 'removed'>, start: Day, end: Day): boolean {
  return member.added <= end && (!member.removed || member.removed > start);
}

/**
 * Whether the store holds anything dated on or before `day`. Praise, feedback and notes are left
 * out: each is about a report, never dated before the report was added.
 */
export function heldEntriesBy(data: Omit<Data, 'praise'>, day: Day): boolean {
  const by = (d: Day | undefined) => d !== undefined && d <= day;
  return (
    data.members.some((m) => by(m.added)) ||
    data.goals.some((g) => by(g.created)) ||
    data.memberGoals.some((g) => by(g.created)) ||
    data.assessments.some((a) => by(a.date)) ||
    data.oneOnOnes.some((o) => by(o.date)) ||
    data.actions.some((t) => by(t.created)) ||
    data.delegations.some((d) => by(d.created)) ||
    data.learning.some((l) => by(l.date) || ('added' in l && by(l.added))) ||
    data.innovationWeeks.some((w) => by(w.start)) ||
    data.pulses.some((u) => by(u.date)) ||
    data.processes.some((p) => by(p.created)) ||
    data.cultureEvents.some((e) => by(e.date)) ||
    data.moments.some((m) => by(m.date))
  );
}

/**
 * The quarter just ended, to look back on in the first weeks of a new one (dates.ts lookbackQuarter),
 * unless the store held nothing yet by its last day: a quarter from before mtl was used has no story.
 */
export function quarterToLookBack(data: Omit<Data, 'praise'>, today: Day): string | undefined {
  const ended = lookbackQuarter(today);
  return ended !== undefined && heldEntriesBy(data, quarterBounds(ended).end) ? ended : undefined;
}

/** Praise (private and public) and constructive feedback per report id, over the quarter's days. */
export function quarterCounts(data: Data, quarter: string): Map<string, QuarterCounts> {
  const { start, end } = quarterBounds(quarter);
  const counts = new Map<string, QuarterCounts>();
  const of = (id: string) => {
    let c = counts.get(id);
    if (!c) counts.set(id, (c = { praise: 0, public: 0, private: 0, feedback: 0 }));
    return c;
  };
  for (const p of data.praise.between(start, end)) {
    const c = of(p.member);
    c.praise += 1;
    if (p.public) c.public += 1;
    else c.private += 1;
  }
  for (const f of data.feedback) if (f.date >= start && f.date <= end) of(f.member).feedback += 1;
  return counts;
}

/** The reports' goals of a quarter: those in it now, and those carried on from it into a later one. */
export function memberGoalsOf(data: Pick<Data, 'memberGoals'>, quarter: string): MemberGoal[] {
  return data.memberGoals.filter((g) => g.quarter === quarter || g.carriedFrom?.includes(quarter));
}

/** A goal (mine or a report's) as it stood on a day: done by then or open, and its progress then. */
export interface GoalState {
  status: 'open' | 'done';
  progress: number;
}

/**
 * A goal (mine or a report's) as it stood on `day`, as of `today`: done if done on or before it (or
 * done with no day recorded); its progress the goal's own when done or when `day` is not in the past,
 * else the last check-in's by then (0 without one).
 */
export function goalStateOn(goal: Pick<Goal, 'status' | 'doneOn' | 'progress' | 'checkIns'>, day: Day, today: Day): GoalState {
  const done = goal.status === 'done' && (goal.doneOn === undefined || goal.doneOn <= day);
  if (done || day >= today) return { status: done ? 'done' : 'open', progress: goal.progress };
  const measured = goal.checkIns.filter((c) => c.date <= day && c.progress !== undefined);
  return { status: 'open', progress: measured.length ? measured[measured.length - 1]!.progress! : 0 };
}

/** A report goal of a quarter as it stood on the quarter's last day (today, for the quarter under way). */
export interface QuarterGoal extends GoalState {
  goal: MemberGoal;
  /** The quarter it was carried on into from this one (`member-goals carry`), if it was. */
  carriedInto?: string;
}

/**
 * The reports' goals of `quarter` (memberGoalsOf), each as it stood on the quarter's last day, or
 * today while the quarter is under way: a goal carried on, or done after the quarter ended, was open
 * in it. The one rule for a quarter's report goals: team list --quarter, the quarter summary and the
 * markdown export use it.
 */
export function memberGoalsInQuarter(data: Pick<Data, 'memberGoals'>, quarter: string, today: Day): QuarterGoal[] {
  const { end } = quarterBounds(quarter);
  const day = end < today ? end : today;
  return memberGoalsOf(data, quarter)
    .filter((g) => g.created <= day)
    .map((goal) => {
      const path = [...(goal.carriedFrom ?? []), goal.quarter];
      const at = path.indexOf(quarter);
      const carriedInto = at >= 0 && at < path.length - 1 ? path[at + 1] : undefined;
      return { goal, ...goalStateOn(goal, day, today), ...(carriedInto ? { carriedInto } : {}) };
    });
}

/** Counts of a quarter's report goals (memberGoalsInQuarter): done, open at its end, and of those open, carried on since. */
export function goalCounts(goals: QuarterGoal[]): { total: number; done: number; open: number; carried: number } {
  const open = goals.filter((g) => g.status === 'open');
  return { total: goals.length, done: goals.length - open.length, open: open.length, carried: open.filter((g) => g.carriedInto).length };
}

export function quarterSummary(data: Data, quarter: string): QuarterSummary {
  const { start, end } = quarterBounds(quarter);
  const team = data.members.filter((m) => onTeamDuring(m, start, end));
  const counts = quarterCounts(data, quarter);
  const mine = team.map((m) => counts.get(m.id)).filter((c): c is QuarterCounts => c !== undefined);
  // Counts only, as the quarter left them: the day after it stands for any later today.
  const goals = goalCounts(memberGoalsInQuarter(data, quarter, addDaysToDay(end, 1)));
  const week = data.innovationWeeks.find((w) => w.quarter === quarter);
  return {
    quarter,
    start,
    end,
    reports: team.length,
    reportsPraised: mine.filter((c) => c.praise > 0).length,
    praise: mine.reduce((n, c) => n + c.praise, 0),
    public: mine.reduce((n, c) => n + c.public, 0),
    feedback: mine.reduce((n, c) => n + c.feedback, 0),
    memberGoals: { total: goals.total, done: goals.done, open: goals.open - goals.carried, carried: goals.carried },
    goalsDone: sortByText(
      data.goals.filter((g) => g.status === 'done' && g.doneOn !== undefined && g.doneOn >= start && g.doneOn <= end),
      (g) => g.doneOn!,
    ).map((g) => ({ id: g.id, title: g.title, doneOn: g.doneOn! })),
    innovation: week ? { start: week.start, end: week.end, recorded: Boolean(week.demoHeld || week.projects?.length) } : null,
  };
}

/**
 * The summary in one sentence, without its lead ("2027-Q1 just ended: " is the caller's): praise per
 * report, the reports' goals done and open, my goals done (when any), and the innovation week.
 */
export function summaryText(s: QuarterSummary, today: Day): string {
  const parts = [
    s.reports === 0
      ? 'no reports on the team'
      : `${plural(s.praise, 'praise entry', 'praise entries')} for ${s.reportsPraised} of ${plural(s.reports, 'report')} (${s.public} public)`,
    s.memberGoals.total === 0
      ? 'no report goals'
      : `report goals: ${s.memberGoals.done} of ${s.memberGoals.total} done${s.memberGoals.carried ? `, ${s.memberGoals.carried} carried on` : ''}, ${s.memberGoals.open} open`,
    ...(s.goalsDone.length ? [`your goals done: ${s.goalsDone.map((g) => `${g.id} "${g.title}" (${g.doneOn})`).join(', ')}`] : []),
    s.innovation
      ? `innovation week ${s.innovation.end >= today ? 'planned' : s.innovation.recorded ? 'held' : 'over, nothing recorded,'} ${s.innovation.start} to ${s.innovation.end}`
      : 'no innovation week',
  ];
  return parts.join('; ');
}

/**
 * My goals as they stood on a past quarter's last day (goalStateOn), those open at some point of it:
 * created by its end and not done before it began, with the check-ins made by then.
 */
export function goalsAsOf(goals: Goal[], start: Day, end: Day): Goal[] {
  const after = addDaysToDay(end, 1);
  return goals
    .filter((g) => g.created <= end && !(g.doneOn !== undefined && g.doneOn < start))
    .map((g) => {
      const { status, progress } = goalStateOn(g, end, after);
      const { doneOn, ...rest } = g;
      return { ...rest, checkIns: g.checkIns.filter((c) => c.date <= end), status, progress, ...(status === 'done' && doneOn ? { doneOn } : {}) };
    });
}

/** Open report goals of the quarter before `today`'s, per report id, for carrying into this one. */
export function goalsToCarry(data: Pick<Data, 'memberGoals'>, from: string): Map<string, MemberGoal[]> {
  const byMember = new Map<string, MemberGoal[]>();
  for (const g of data.memberGoals) {
    if (g.quarter !== from || g.status !== 'open') continue;
    byMember.set(g.member, [...(byMember.get(g.member) ?? []), g]);
  }
  return byMember;
}

/**
 * The quarter a report goal due on `due` is set for, on `today`: next quarter when it is due then
 * (next quarter's goals, agreed before it starts: counted there, never carried into it), else
 * today's. One due further off stays this quarter's and is carried on as quarters pass.
 */
export function reportGoalQuarter(due: Day, today: Day): string {
  const next = quarterOf(addDaysToDay(quarterBounds(quarterOf(today)).end, 1));
  return quarterOf(due) === next ? next : quarterOf(today);
}

/**
 * Moves a report goal into `quarter`, keeping its id, check-ins and creation day. A due day that
 * falls before the new quarter moves to its last day. Returns the old quarter and due day.
 */
export function carryGoal(goal: MemberGoal, quarter: string, now: Date): { from: string; oldDue?: Day } {
  const from = goal.quarter;
  const oldDue = goal.due;
  const { start, end } = quarterBounds(quarter);
  goal.quarter = quarter;
  goal.carriedFrom = [...(goal.carriedFrom ?? []), from];
  if (!goal.due || goal.due < start) goal.due = end;
  goal.updatedAt = now.toISOString();
  return { from, ...(oldDue ? { oldDue } : {}) };
}
