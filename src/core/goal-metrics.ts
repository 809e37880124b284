import { awayThroughout } from './leave.js';
import { isMetricName, METRIC_NAMES, type Data, type Day, type Goal, type Member, type MetricName } from './model.js';
import { addDaysToDay, dateOfDay, daysBetween, endOfQuarterFor, quarterOf, startOfQuarterFor } from './dates.js';
import { booksFinishedThisQuarter, learningProgress } from './learning.js';
import { memberGoalsOf } from './quarters.js';
import { DELEGATION_STEPS, GOALS_PER_QUARTER, itemsOwnedThisQuarter } from './team.js';

/** A metric a template asks for, with the target it gives (none: the metric's default). */
export interface MeasureSpec {
  name: MetricName;
  target?: number;
}

/** One metric as counted on a day. */
export interface MetricReading {
  name: MetricName;
  value: number;
  /** What the value is measured against; null when there is nothing to aim at yet (no reports, no feedback noted). */
  target: number | null;
  /** The reading in words: "5 of 12 hours of learning". */
  text: string;
  /** value / target, at most 1; null without a target. */
  share: number | null;
}

/** The metrics of one goal, and the progress they suggest. */
export interface GoalMeasures {
  quarter: string;
  /** The day they were read on (measuredOn): today, or the day a goal was done or was due. */
  day: Day;
  readings: MetricReading[];
  /** The whole-number percent the readings suggest (the mean of their shares), or null when none can be counted. */
  proposed: number | null;
  /**
   * For an open goal read today that was started before this quarter: what it reached by the end
   * of the quarter before, so a goal running into a new quarter does not read as 0% on its first day.
   */
  before?: { quarter: string; proposed: number };
}

export interface MetricOptions {
  /** The learningHoursPerQuarter setting. */
  learningTarget: number;
  /** Today, when readings may be of another day: their words then name that week and quarter. */
  today?: Day;
}

/**
 * Reads the front matter value of `measures:`: a map of metric name to target (empty for the
 * default), or a list of names (each maybe `name: target`). Throws an Error naming the problem.
 */
export function parseMeasures(value: unknown): MeasureSpec[] {
  if (value === undefined || value === null) return [];
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.flatMap((item): [string, unknown][] => (item !== null && typeof item === 'object' ? Object.entries(item) : [[String(item), null]]))
    : typeof value === 'object'
      ? Object.entries(value)
      : [[String(value), null]];
  const specs: MeasureSpec[] = [];
  for (const [name, target] of entries) {
    if (!isMetricName(name)) throw new Error(`measures: "${name}" is not a metric mtl counts; known: ${METRIC_NAMES.join(', ')}`);
    if (target === null || target === undefined || target === '') {
      specs.push({ name });
      continue;
    }
    const n = typeof target === 'number' ? target : Number(String(target).trim());
    if (!Number.isFinite(n) || n <= 0) throw new Error(`measures: the target of ${name} is ${typeof target === 'number' ? String(target) : JSON.stringify(target)}; give a number above 0, or nothing for the default`);
    specs.push({ name, target: n });
  }
  return specs;
}

/**
 * A goal's own targets from `--target <metric>=<number>` words, checked against the metrics its
 * template measures: a number above 0 sets one, `default` goes back to the template's. Returns the
 * targets the goal keeps (`current` with the changes), or throws an Error naming the bad word.
 */
export function targetsFrom(words: string[], specs: MeasureSpec[], current: Record<string, number> = {}): Record<string, number> {
  const targets = { ...current };
  const measured = specs.map((s) => s.name);
  const given = new Set<string>();
  for (const word of words) {
    const at = word.indexOf('=');
    const name = (at < 0 ? word : word.slice(0, at)).trim();
    const value = at < 0 ? '' : word.slice(at + 1).trim();
    if (!measured.includes(name as MetricName)) {
      throw new Error(measured.length ? `"${name}" is not a metric of this goal's template; it measures ${measured.join(', ')}` : `this goal's template measures nothing, so it has no target to set`);
    }
    if (given.has(name)) throw new Error(`--target gives ${name} twice; give it once`);
    given.add(name);
    if (at < 0 || value === '') throw new Error(`--target ${word} gives no number; write ${name}=<number>, or ${name}=default for the template's`);
    if (value === 'default') {
      delete targets[name];
      continue;
    }
    const n = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value) || !Number.isFinite(n) || n <= 0) throw new Error(`the target of ${name} is "${value}"; give a number above 0 (like ${name}=2), or ${name}=default`);
    targets[name] = n;
  }
  return targets;
}

/** The template's metrics with the goal's own targets in place of the template's. */
export function specsForGoal(specs: MeasureSpec[], goal: Pick<Goal, 'targets'>): MeasureSpec[] {
  const own = goal.targets;
  return own ? specs.map((s) => (own[s.name] !== undefined ? { ...s, target: own[s.name] } : s)) : specs;
}

const tenths = (n: number) => Math.round(n * 10) / 10;
const countWord = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** Monday of the week holding `day`. */
function mondayOf(day: Day): Day {
  const weekday = dateOfDay(day).getDay();
  return addDaysToDay(day, -((weekday + 6) % 7));
}

/** Reports on the team at some point from `from` to `to`. */
function membersDuring(members: Member[], from: Day, to: Day): Member[] {
  return members.filter((m) => m.added <= to && (!m.removed || m.removed >= from));
}

function reading(name: MetricName, value: number, target: number | null, text: string): MetricReading {
  return { name, value, target, text, share: target === null || target <= 0 ? null : Math.min(1, value / target) };
}

/**
 * The readings of `specs` on `asOf`, over its quarter up to that day, and the progress they suggest.
 * Pure: everything comes from `data` and the day given.
 */
export function measureGoal(specs: MeasureSpec[], data: Data, asOf: Day, options: MetricOptions, known = new Map<string, MetricReading>()): GoalMeasures {
  // A metric read on a day is the same for every goal that asks: read once (a thousand goals of a
  // template share a day, and a week's praise is counted once, not a thousand times).
  const readings = specs.map((spec) => {
    const key = `${spec.name}|${spec.target ?? ''}|${asOf}`;
    let r = known.get(key);
    if (!r) known.set(key, (r = readMetric(spec, data, asOf, options)));
    return r;
  });
  const shares = readings.map((r) => r.share).filter((s): s is number => s !== null);
  const proposed = shares.length ? Math.round((shares.reduce((a, b) => a + b, 0) / shares.length) * 100) : null;
  return { quarter: quarterOf(asOf), day: asOf, readings, proposed };
}

/**
 * "3 of 12 hours of learning" up to the target; past it, "22.5 hours of learning (target 12)", not
 * "22.5 of 12", which reads as a slip.
 */
function ofTarget(value: number, target: number, what: string): string {
  const shown = tenths(value);
  return shown > target ? `${shown} ${what} (target ${target})` : `${shown} of ${target} ${what}`;
}

function readMetric(spec: MeasureSpec, data: Data, asOf: Day, options: MetricOptions): MetricReading {
  const start = startOfQuarterFor(asOf);
  const end = endOfQuarterFor(asOf);
  const quarter = quarterOf(asOf);
  const inQuarter = (day: Day | undefined) => day !== undefined && day >= start && day <= asOf;
  const given = spec.target;
  // Read on another day (a goal done, or due in an earlier quarter), the words say which week and
  // quarter: "this week" would be today's, not the one counted.
  const past = options.today !== undefined && asOf !== options.today;
  const thisWeek = past ? `the week of ${asOf}` : 'this week';
  const thisQuarter = past && quarter !== quarterOf(options.today!) ? `in ${quarter}` : 'this quarter';
  switch (spec.name) {
    case 'learning-hours': {
      const target = given ?? options.learningTarget;
      const hours = learningProgress(data.learning, asOf, target).hours;
      return reading(spec.name, hours, target > 0 ? target : null, ofTarget(hours, target, 'hours of learning'));
    }
    case 'books-finished': {
      const target = given ?? 1;
      const n = booksFinishedThisQuarter(data.learning, asOf).length;
      return reading(spec.name, n, target, ofTarget(n, target, `${countWord(n > target ? n : target, 'book', 'books')} finished`));
    }
    case 'tips-applied': {
      const target = given ?? 6;
      const n = learningProgress(data.learning, asOf, 0).tips.length;
      return reading(spec.name, n, target, ofTarget(n, target, 'tips applied'));
    }
    case 'weeks-everyone-praised': {
      // The quarter's weeks: Monday to Sunday, from each Monday in the quarter (13 of them, or 14).
      // A week counts once every report on the team that week (and not away all of it) was praised
      // in it, so the week under way counts as soon as it is complete.
      const weeks: Day[] = [];
      const first = mondayOf(start) < start ? addDaysToDay(mondayOf(start), 7) : start;
      for (let monday = first; monday <= end; monday = addDaysToDay(monday, 7)) weeks.push(monday);
      let held = 0;
      let lastWeek = '';
      for (const monday of weeks) {
        if (monday > asOf) break;
        const sunday = addDaysToDay(monday, 6);
        // Not one to praise in it: a report away the whole week (on leave), or one who left the team
        // before it ended (on its Monday, say).
        const last = sunday < asOf ? sunday : asOf;
        const team = membersDuring(data.members, monday, sunday).filter((m) => !awayThroughout(m, monday, sunday) && (!m.removed || m.removed > last));
        const praised = new Set(data.praise.between(monday, last).map((p) => p.member));
        const count = team.filter((m) => praised.has(m.id)).length;
        if (team.length > 0 && count === team.length) held += 1;
        if (sunday >= asOf) lastWeek = `; ${thisWeek} ${count} of ${team.length}`;
      }
      const target = given ?? weeks.length;
      const anyone = data.members.some((m) => m.added <= asOf && (!m.removed || m.removed >= start));
      return reading(spec.name, held, anyone ? target : null, anyone ? `every report praised in ${held} of ${target} weeks${lastWeek}` : 'no reports yet to praise');
    }
    case 'public-praise': {
      const target = given ?? 12;
      const all = data.praise.between(start, asOf);
      const shown = all.filter((p) => p.public).length;
      const share = all.length ? ` (${Math.round((shown / all.length) * 100)}% of the ${all.length} given ${thisQuarter})` : '';
      const anyone = data.members.some((m) => m.added <= asOf && (!m.removed || m.removed >= start));
      return reading(spec.name, shown, anyone ? target : null, anyone ? `${ofTarget(shown, target, 'praise given in public')}${share}` : 'no reports yet to praise');
    }
    case 'feedback-delivered': {
      const noted = data.feedback.filter((f) => inQuarter(f.date));
      const delivered = noted.filter((f) => f.deliveredOn !== undefined && f.deliveredOn <= asOf).length;
      const target = given ?? noted.length;
      return reading(spec.name, delivered, target > 0 ? target : null, noted.length ? `${delivered} of ${noted.length} feedback points delivered` : `no feedback noted ${thisQuarter}`);
    }
    case 'items-delegated-done': {
      const target = given ?? 3;
      const owned = itemsOwnedThisQuarter(data, asOf);
      return reading(spec.name, owned.doneThisQuarter, target, `${ofTarget(owned.doneThisQuarter, target, 'delegated items done')}, ${owned.count} owned ${thisQuarter}`);
    }
    case 'delegation-steps': {
      const items = itemsOwnedThisQuarter(data, asOf).items;
      const checked = items.reduce((n, d) => n + DELEGATION_STEPS.filter((s) => d.steps[s.key] && d.steps[s.key]! <= asOf).length, 0);
      const total = items.length * DELEGATION_STEPS.length;
      const target = given ?? total;
      return reading(spec.name, checked, target > 0 ? target : null, total ? `${checked} of ${total} checklist steps done` : `nothing delegated ${thisQuarter}`);
    }
    case 'processes-owned': {
      const target = given ?? 2;
      const owned = processesOwnedByOthers(data, asOf);
      return reading(spec.name, owned, target, ofTarget(owned, target, 'processes owned by a report'));
    }
    case 'reports-with-goals': {
      const team = data.members.filter((m) => m.added <= asOf && (!m.removed || m.removed > asOf));
      const counts = new Map<string, number>();
      // The quarter's goals, those carried on since included: carrying at the next quarter's start
      // must not take them back from the quarter they were set for.
      for (const g of memberGoalsOf(data, quarter)) if (g.created <= asOf) counts.set(g.member, (counts.get(g.member) ?? 0) + 1);
      const n = team.filter((m) => {
        const c = counts.get(m.id) ?? 0;
        return c >= GOALS_PER_QUARTER.min && c <= GOALS_PER_QUARTER.max;
      }).length;
      const target = given ?? team.length;
      return reading(spec.name, n, target > 0 ? target : null, team.length ? `${n} of ${team.length} reports with 2-3 goals` : 'no reports yet');
    }
    case 'member-goals-on-track': {
      // The quarter's goals (carried on since included) of reports on the team that day.
      const onTeam = new Set(data.members.filter((m) => m.added <= asOf && (!m.removed || m.removed > asOf)).map((m) => m.id));
      const goals = memberGoalsOf(data, quarter).filter((g) => g.created <= asOf && onTeam.has(g.member));
      const n = goals.filter((g) => memberGoalOnTrack(g, asOf, end)).length;
      const target = given ?? goals.length;
      return reading(spec.name, n, target > 0 ? target : null, goals.length ? `${n} of ${goals.length} reports' goals done or on track` : `no reports' goals ${thisQuarter}`);
    }
    case 'innovation-week': {
      const target = given ?? 1;
      const week = data.innovationWeeks.find((w) => w.quarter === quarter);
      const held = week && week.end <= asOf ? 1 : 0;
      const text = held ? `innovation week held (${week!.start} to ${week!.end})` : week ? `innovation week planned for ${week.start}, not held yet` : `no innovation week planned ${thisQuarter}`;
      return reading(spec.name, held, target, text);
    }
    case 'demos-given': {
      const week = data.innovationWeeks.find((w) => w.quarter === quarter);
      const demoed = week && (week.demoHeld ?? week.demo) <= asOf;
      const shown = demoed ? (week.projects?.length ?? 0) : 0;
      const team = data.members.filter((m) => m.added <= asOf && (!m.removed || m.removed > asOf)).length;
      const target = given ?? team;
      const text = !week ? `no innovation week ${thisQuarter}` : demoed ? ofTarget(shown, target, 'projects shown at the demo') : `demo on ${week.demoHeld ?? week.demo}, not held yet`;
      return reading(spec.name, shown, target > 0 ? target : null, text);
    }
    case 'culture-events': {
      const target = given ?? 3;
      const n = cultureEventsHeld(data, start, asOf);
      return reading(spec.name, n, target, ofTarget(n, target, 'team events held'));
    }
  }
}

/**
 * A report's goal is on track when done, or when its progress is at least where a steady pace from
 * its start to its due day (the quarter's end without one) would be, less 20 points of slack.
 */
export function memberGoalOnTrack(g: { status: 'open' | 'done'; progress: number; created: Day; due?: Day }, asOf: Day, quarterEnd: Day): boolean {
  if (g.status === 'done') return true;
  const due = g.due ?? quarterEnd;
  const span = Math.max(1, daysBetween(g.created, due));
  const elapsed = Math.min(span, Math.max(0, daysBetween(g.created, asOf)));
  return g.progress >= (elapsed / span) * 100 - 20;
}

/** Processes (the `mtl process` ledger) that a report owned by `asOf`: open ones, and those done by then. */
export function processesOwnedByOthers(data: Pick<Data, 'processes'>, asOf: Day): number {
  return (data.processes ?? []).filter((p) => p.member && p.created <= asOf).length;
}

/** Culture events (`mtl culture log`) held from `from` to `to`. */
export function cultureEventsHeld(data: Pick<Data, 'cultureEvents'>, from: Day, to: Day): number {
  return (data.cultureEvents ?? []).filter((e) => e.date >= from && e.date <= to).length;
}

/**
 * The day a goal's metrics are read on: today, but a finished goal on the day it was done (what it
 * reached, not what came after), and an open goal due in an earlier quarter on that quarter's last
 * day (what its quarter reached: counted over today's quarter alone it would fall to 0% overnight).
 * The quarter's end rather than the due day, as a goal overdue within today's quarter is read
 * today: and every goal of a past quarter then shares one reading per metric.
 */
export function measuredOn(goal: Pick<Goal, 'status' | 'doneOn' | 'due'>, asOf: Day): Day {
  if (goal.status === 'done') return goal.doneOn && goal.doneOn < asOf ? goal.doneOn : asOf;
  return goal.due && goal.due < asOf && quarterOf(goal.due) < quarterOf(asOf) ? endOfQuarterFor(goal.due) : asOf;
}

/**
 * For readings not taken today, what they stand for, so "this week" and "this quarter" in them are
 * read right: "2027-Q2, the quarter it was due in", or "as of 2027-03-01, when it was done"; for a
 * goal running on from the quarter before, "2028-Q1 so far, after 51% in 2027-Q4".
 */
export function measuredLabel(m: Pick<GoalMeasures, 'day' | 'quarter' | 'before'>, today: Day, done: boolean): string | undefined {
  if (m.day === today) return m.before ? `${m.quarter} so far, after ${m.before.proposed}% in ${m.before.quarter}` : undefined;
  return done ? `as of ${m.day}, when it was done` : `${m.quarter}, the quarter it was due in`;
}

/** The measures of goals by id, for those whose template declares any. */

export function measureGoals(goals: Goal[], specsOf: (template: string) => MeasureSpec[] | undefined, data: Data, asOf: Day, options: MetricOptions): Map<string, GoalMeasures> {
  const out = new Map<string, GoalMeasures>();
  const known = new Map<string, MetricReading>();
  for (const goal of goals) {
    const specs = specsOf(goal.template);
    const day = measuredOn(goal, asOf);
    if (!specs?.length) continue;
    const goalSpecs = specsForGoal(specs, goal);
    const m = measureGoal(goalSpecs, data, day, { ...options, today: asOf }, known);
    const lastQuarterEnd = addDaysToDay(startOfQuarterFor(asOf), -1);
    if (goal.status === 'open' && day === asOf && goal.created <= lastQuarterEnd) {
      const then = measureGoal(goalSpecs, data, lastQuarterEnd, { ...options, today: asOf }, known).proposed;
      if (then !== null) m.before = { quarter: quarterOf(lastQuarterEnd), proposed: then };
    }
    out.set(goal.id, m);
  }
  return out;
}
