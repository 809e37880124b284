import type { Assessment, CheckIn, Day, Goal } from './model.js';
import { compareText, daysBetween, sortByText, startOfQuarterFor } from './dates.js';

/** A goal as lists and reports show it: the stored fields plus what follows from today. */
export interface GoalView {
  id: string;
  title: string;
  template: string;
  file: string;
  created: Day;
  due: Day | null;
  status: Goal['status'];
  progress: number;
  doneOn: Day | null;
  /** Calendar days from today to the due day; negative when overdue; null without a due day. */
  daysLeft: number | null;
  overdue: boolean;
  checkIns: number;
  lastCheckIn: { date: Day; note: string; progress: number | null; daysAgo: number } | null;
  /** This goal's own targets over its template's, by metric name (empty: the template's). */
  targets: Record<string, number>;
}

/** The stored goal seen from `today` (a calendar day in the user's time zone). */
export function goalView(goal: Goal, today: Day): GoalView {
  const last = goal.checkIns[goal.checkIns.length - 1];
  const daysLeft = goal.due ? daysBetween(today, goal.due) : null;
  return {
    id: goal.id,
    title: goal.title,
    template: goal.template,
    file: goal.file,
    created: goal.created,
    due: goal.due ?? null,
    status: goal.status,
    progress: goal.progress,
    doneOn: goal.doneOn ?? null,
    daysLeft,
    overdue: goal.status === 'open' && daysLeft !== null && daysLeft < 0,
    checkIns: goal.checkIns.length,
    lastCheckIn: last ? { date: last.date, note: last.note, progress: last.progress ?? null, daysAgo: daysBetween(last.date, today) } : null,
    targets: { ...goal.targets },
  };
}

/** Open goals first, then by due day (no due day last), then by id number. */
export function sortGoals<T extends Pick<Goal, 'id' | 'status' | 'due'>>(goals: T[]): T[] {
  // Keys computed once per goal, not per comparison: a thousand goals take ten thousand comparisons.
  const keyed = goals.map((goal) => ({ goal, open: goal.status === 'open', due: goal.due ?? '9999-99-99', num: Number(goal.id.slice(1)) || 0 }));
  keyed.sort((a, b) => (a.open === b.open ? 0 : a.open ? -1 : 1) || compareText(a.due, b.due) || a.num - b.num);
  return keyed.map((k) => k.goal);
}

/** Parses a `--progress` value: a whole number 0-100 (a trailing % is fine); undefined otherwise. */
export function parseProgress(text: string): number | undefined {
  const t = text.trim().replace(/%$/, '');
  if (!/^\d{1,3}$/.test(t)) return undefined;
  const n = Number(t);
  return n <= 100 ? n : undefined;
}

/** The goal id as typed (`g3`, `G3`, `3`) in its stored form. */
export function normalizeGoalId(text: string): string {
  const t = text.trim().toLowerCase();
  return /^\d+$/.test(t) ? `g${t}` : t;
}

/**
 * What moved at the latest check-in: the progress known after it against the progress known after
 * the check-in before (0 at creation). A check-in without `--progress` carries the previous value.
 * Undefined without check-ins.
 */
export function progressChange(checkIns: CheckIn[]): { from: number; to: number; change: number; since: Day | null } | undefined {
  if (checkIns.length === 0) return undefined;
  let from = 0;
  let to = 0;
  for (const c of checkIns) {
    from = to;
    to = c.progress ?? to;
  }
  return { from, to, change: to - from, since: checkIns[checkIns.length - 2]?.date ?? null };
}

export interface PrepGoal extends GoalView {
  /** Progress change recorded at the latest check-in, against the previous one. */
  change: number | null;
  changeSince: Day | null;
}

export interface PrepAssessment {
  date: Day;
  score: number;
  verdict: Assessment['verdict'];
  previous: { date: Day; score: number } | null;
  change: number | null;
}

export interface Prep {
  date: Day;
  lookAheadDays: number;
  goals: PrepGoal[];
  dueSoon: PrepGoal[];
  overdue: PrepGoal[];
  /** The first day of the quarter of `date`: goals done since then are in `recentlyDone`. */
  doneSince: Day;
  /** Done this quarter (from `doneSince` to `date`): worth mentioning to the boss. */
  recentlyDone: GoalView[];
  assessment: PrepAssessment | null;
}

/**
 * The page to read before a 1:1 with one's boss: every open goal with its progress and what its
 * latest check-in changed, the goals due within `lookAheadDays`, the overdue ones, goals finished
 * this quarter (a monthly 1:1 still hears of them), and the latest self-assessment with its change
 * since the one before.
 */
export function buildPrep(goals: Goal[], assessments: Assessment[], today: Day, lookAheadDays: number): Prep {
  const open = sortGoals(goals.filter((g) => g.status === 'open')).map((g): PrepGoal => {
    const moved = progressChange(g.checkIns);
    // The view is a fresh object: extended in place, not copied (a thousand goals).
    return Object.assign(goalView(g, today), { change: moved?.change ?? null, changeSince: moved?.since ?? null });
  });
  const doneSince = startOfQuarterFor(today);
  const recentlyDone = sortGoals(goals.filter((g) => g.status === 'done' && g.doneOn && g.doneOn >= doneSince && g.doneOn <= today)).map((g) => goalView(g, today));
  const byTime = sortByText(assessments, (a) => a.at);
  const latest = byTime[byTime.length - 1];
  const previous = byTime[byTime.length - 2];
  return {
    date: today,
    lookAheadDays,
    goals: open,
    dueSoon: open.filter((g) => g.daysLeft !== null && g.daysLeft >= 0 && g.daysLeft <= lookAheadDays),
    overdue: open.filter((g) => g.overdue),
    doneSince,
    recentlyDone,
    assessment: latest
      ? {
          date: latest.date,
          score: latest.score,
          verdict: latest.verdict,
          previous: previous ? { date: previous.date, score: previous.score } : null,
          change: previous ? latest.score - previous.score : null,
        }
      : null,
  };
}

/**
 * Whether a check-in without `--progress` takes the measured figure: yes unless the latest progress
 * recorded was given by hand, which stays an override until `--progress measured` (or a new figure).
 */
export function followsMeasure(checkIns: CheckIn[]): boolean {
  for (let i = checkIns.length - 1; i >= 0; i--) {
    const c = checkIns[i]!;
    if (c.progress !== undefined) return c.measured === true;
  }
  return true;
}
