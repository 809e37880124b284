import type { Data, Day, InnovationWeek, Member, MemberGoal } from './model.js';
import { quarterBounds } from './dates.js';
import { plural } from './text.js';

/** One report's recognition over a quarter. */
export interface QuarterCounts {
  praise: number;
  public: number;
  private: number;
  feedback: number;
}

/** What happened in one quarter: recognition, the reports' goals, the innovation week. */
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
  /** Set for the quarter: done in it, still open in it, or carried on into a later one. */
  memberGoals: { total: number; done: number; open: number; carried: number };
  innovation: Pick<InnovationWeek, 'start' | 'end'> | null;
}

/** Whether a report was on the team on some day of `start`..`end`. */
export function onTeamDuring(member: Pick<Member, 'added' | 'removed'>, start: Day, end: Day): boolean {
  return member.added <= end && (!member.removed || member.removed > start);
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

export function quarterSummary(data: Data, quarter: string): QuarterSummary {
  const { start, end } = quarterBounds(quarter);
  const team = data.members.filter((m) => onTeamDuring(m, start, end));
  const counts = quarterCounts(data, quarter);
  const mine = team.map((m) => counts.get(m.id)).filter((c): c is QuarterCounts => c !== undefined);
  const goals = memberGoalsOf(data, quarter);
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
    memberGoals: {
      total: goals.length,
      done: goals.filter((g) => g.quarter === quarter && g.status === 'done').length,
      open: goals.filter((g) => g.quarter === quarter && g.status === 'open').length,
      carried: goals.filter((g) => g.quarter !== quarter).length,
    },
    innovation: week ? { start: week.start, end: week.end } : null,
  };
}

/**
 * The summary in one sentence, without its lead ("2027-Q1 just ended: " is the caller's): praise per
 * report, the reports' goals done and open, and the innovation week.
 */
export function summaryText(s: QuarterSummary, today: Day): string {
  const parts = [
    s.reports === 0
      ? 'no reports on the team'
      : `${plural(s.praise, 'praise entry', 'praise entries')} for ${s.reportsPraised} of ${plural(s.reports, 'report')} (${s.public} public)`,
    s.memberGoals.total === 0
      ? 'no report goals'
      : `report goals: ${s.memberGoals.done} of ${s.memberGoals.total} done${s.memberGoals.carried ? `, ${s.memberGoals.carried} carried on` : ''}, ${s.memberGoals.open} open`,
    s.innovation ? `innovation week ${s.innovation.end < today ? 'held' : 'planned'} ${s.innovation.start} to ${s.innovation.end}` : 'no innovation week',
  ];
  return parts.join('; ');
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
