import type { Data, Day, Goal, InnovationWeek, Member, MemberGoal } from './model.js';
import { lookbackQuarter, quarterBounds } from './dates.js';
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
  /** Set for the quarter: done in it, still open in it, or carried on into a later one. */
  memberGoals: { total: number; done: number; open: number; carried: number };
  /** The manager's own goals finished in the quarter, by the day they were done. */
  goalsDone: { id: string; title: string; doneOn: Day }[];
  innovation: Pick<InnovationWeek, 'start' | 'end'> | null;
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
    goalsDone: data.goals
      .filter((g) => g.status === 'done' && g.doneOn !== undefined && g.doneOn >= start && g.doneOn <= end)
      .sort((a, b) => (a.doneOn! < b.doneOn! ? -1 : a.doneOn! > b.doneOn! ? 1 : 0))
      .map((g) => ({ id: g.id, title: g.title, doneOn: g.doneOn! })),
    innovation: week ? { start: week.start, end: week.end } : null,
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
    s.innovation ? `innovation week ${s.innovation.end < today ? 'held' : 'planned'} ${s.innovation.start} to ${s.innovation.end}` : 'no innovation week',
  ];
  return parts.join('; ');
}

/**
 * My goals as they stood on a past quarter's last day, those open at some point of it: created by its
 * end and not done before it began; done only if done by its end, with the progress of the latest
 * check-in by then.
 */
export function goalsAsOf(goals: Goal[], start: Day, end: Day): Goal[] {
  return goals
    .filter((g) => g.created <= end && !(g.doneOn !== undefined && g.doneOn < start))
    .map((g) => {
      const checkIns = g.checkIns.filter((c) => c.date <= end);
      const done = g.status === 'done' && g.doneOn !== undefined && g.doneOn <= end;
      const measured = [...checkIns].reverse().find((c) => c.progress !== undefined);
      const { doneOn: _later, ...rest } = g;
      return { ...rest, checkIns, status: done ? 'done' : 'open', progress: done ? g.progress : (measured?.progress ?? 0), ...(done ? { doneOn: g.doneOn } : {}) } as Goal;
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
