import type { Data, Day, Goal, Member, NudgeState } from './model.js';
import { addDaysToDay, dayOf, daysBetween, endOfQuarterFor, previousQuarter, quarterOf, startOfQuarterFor } from './dates.js';
import { weekOfQuarter, weekToPlan } from './innovation.js';
import { learningProgress } from './learning.js';
import { cultureDue } from './culture.js';
import { mindsetKey, type MindsetPrompt } from './mindset.js';
import { presentMembers, recognitionStates } from './team.js';
import { byImportance } from './nudge-found.js';
import { cadenceStates, DEFAULT_CADENCE, overdueActions } from './one-on-ones.js';
import { plural, shellWord } from './text.js';
import { quarterReviewReminders, carryReminders } from './quarter-nudges.js';

export type ReminderKind = 'goal' | 'recognition' | 'one-on-one' | 'back' | 'action' | 'member-goals' | 'member-goals-check-in' | 'member-goal-overdue' | 'innovation' | 'learning' | 'assessment' | 'culture' | 'quarter-review' | 'member-goals-carry';

/** One thing due, with why it matters and the command to run next. */
export interface Reminder {
  /** Stable per reminder, so a second run on the same day can skip what it already printed. */
  key: string;
  kind: ReminderKind;
  text: string;
  why: string;
  command: string;
  /** The day the clock started: last praise, last check-in, last assessment, due date... */
  since?: Day;
  /**
   * Who or what it is about, in a word or two (a report's name, a goal's id): the nudge lists the
   * reminders of one kind on one line by their subjects ("Not recognised lately: Sam, Alex").
   */
  subject?: string;
  /** Past its due day: ahead of the others of its kind, however long they have waited. */
  overdue?: true;
  /** Due within the look-ahead days (and not overdue): grouped apart from the ones only quiet. */
  dueSoon?: true;
}

export interface NudgePreferences {
  recognitionDays: number;
  lookAheadDays: number;
  checkInDays: number;
  learningHoursPerQuarter: number;
  /** Days between 1:1s, unless a report has their own cadence; DEFAULT_CADENCE when absent. */
  oneOnOneCadence?: number;
}

/** Quarter-end check-ins are due in the quarter's last this-many days. */
export const QUARTER_END_DAYS = 14;
export const ASSESSMENT_DAYS = 90;
export const MIN_MEMBER_GOALS = 2;
/** A report back from leave is offered a catch-up 1:1 in this many days after their return. */
export const BACK_DAYS = 7;

/**
 * Every reminder due at `now`, from the state of the store alone: when each person was last
 * recognised, when each goal was last checked in. A week of missed runs is therefore caught up by
 * the next run, which says how long it has been.
 */
export function dueNudges(data: Data, now: Date, prefs: NudgePreferences): Reminder[] {
  const today = dayOf(now);
  const daysFrom = daysBetween;
  // Reports away (on leave) get no reminders until they are back.
  const team = presentMembers(data, today);
  const assessment = assessmentReminders(data, today);
  // Never assessed: that is the first step, so it comes first; a due re-assessment comes last.
  const firstStep = data.assessments.length === 0;
  // In the one order of importance (nudge-found.ts), so the nudge, the dashboard and today agree:
  // an overdue goal before one only waiting for a check-in, the longest waiting first.
  return [
    ...(firstStep ? assessment : []),
    ...goalReminders(data.goals, today, prefs, daysFrom),
    ...recognitionReminders(data, team, today, prefs.recognitionDays, daysFrom),
    ...oneOnOneReminders(data, team, today, prefs.oneOnOneCadence ?? DEFAULT_CADENCE),
    ...actionReminders(data, team, today),
    ...quarterReviewReminders(data, today),
    ...carryReminders(data, team, today),
    ...memberGoalReminders(data, team, today),
    ...innovationReminders(data, today),
    ...cultureReminders(data, team, today),
    ...learningReminders(data, today, prefs.learningHoursPerQuarter),
    ...(firstStep ? [] : assessment),
  ].sort(byImportance);
}

const days = (n: number) => plural(n, 'day');

type DayCounter = (from: Day, to: Day) => number;

function goalReminders(goals: Goal[], today: Day, prefs: NudgePreferences, daysFrom: DayCounter): Reminder[] {
  const reminders: Reminder[] = [];
  for (const goal of goals) {
    if (goal.status !== 'open') continue;
    const parts: string[] = [];
    const whys: string[] = [];
    let since: Day | undefined;
    let overdue = false;
    let dueSoon = false;
    if (goal.due) {
      const left = daysFrom(today, goal.due);
      if (left < 0) {
        overdue = true;
        parts.push(`${days(-left)} overdue (due ${goal.due})`);
        whys.push('An overdue goal is a topic for your boss: finish it, move the date, or drop it on purpose.');
        since = goal.due;
      } else if (left <= prefs.lookAheadDays) {
        dueSoon = true;
        parts.push(left === 0 ? 'due today' : left === 1 ? `due tomorrow (${goal.due})` : `due in ${days(left)} (${goal.due})`);
        whys.push('The deadline is close: record where it stands while there is still time to act.');
      }
    }
    const lastTouch = goal.checkIns.reduce<Day>((latest, c) => (c.date > latest ? c.date : latest), goal.created);
    const quiet = daysFrom(lastTouch, today);
    if (quiet >= prefs.checkInDays) {
      parts.push(goal.checkIns.length ? `no check-in for ${days(quiet)}` : `no check-in since it was created ${days(quiet)} ago`);
      whys.push('A goal nobody looks at stops being a goal; a short note every couple of weeks keeps it honest.');
      since ??= lastTouch;
    }
    if (!parts.length) continue;
    reminders.push({
      key: `goal:${goal.id}`,
      kind: 'goal',
      text: `Goal ${goal.id} "${goal.title}": ${parts.join('; ')}.`,
      why: whys.join(' '),
      command: `mtl goals check-in ${goal.id} "<note>" --progress N`,
      ...(since ? { since } : {}),
      ...(overdue ? { overdue: true as const } : {}),
      ...(dueSoon ? { dueSoon: true as const } : {}),
      subject: `${goal.id} "${goal.title}"`,
    });
  }
  return reminders;
}

function recognitionReminders(data: Data, team: Member[], today: Day, interval: number, daysFrom: DayCounter): Reminder[] {
  // The same rule as the team view and the dashboard: no praise within the last `interval` days.
  return recognitionStates(data, today, interval, team)
    .map((state, i) => ({ state, member: team[i]! }))
    .filter(({ state }) => state.due)
    .map(({ state: { lastPraise: last, backOn }, member }) => {
      const since = backOn ?? last ?? member.added;
      const quiet = daysFrom(since, today);
      return {
        key: `recognition:${member.id}`,
        kind: 'recognition' as const,
        text: backOn
          ? `${member.name}: no praise logged since they came back from leave on ${backOn} (${days(quiet)}).`
          : last
            ? `${member.name}: no praise logged for ${days(quiet)} (last on ${last}).`
            : `${member.name}: never recognised${quiet > 0 ? ` in ${days(quiet)} on the team` : ''}.`,
        why: 'Noticing good work every week, in private and in public, is how people learn what counts.',
        command: `mtl praise ${shellWord(member.name)} "..."`,
        since,
        subject: member.name,
      };
    });
}

/**
 * A report past their 1:1 cadence: more days than it since the last 1:1 (since they joined, or came
 * back from leave, without one). In their first week back, before that: a 1:1 to catch up.
 */
function oneOnOneReminders(data: Data, team: Member[], today: Day, defaultCadence: number): Reminder[] {
  const reminders: Reminder[] = [];
  for (const s of cadenceStates(data, team, today, defaultCadence)) {
    const base = { command: `mtl 1on1 ${shellWord(s.name)}`, subject: s.name };
    if (s.late) {
      reminders.push({
        ...base,
        key: `one-on-one:${s.id}`,
        kind: 'one-on-one',
        text: s.backOn
          ? `${s.name}: no 1:1 since they came back from leave on ${s.backOn} (${days(s.sinceBack!)}; every ${days(s.cadence)}).`
          : s.last
            ? `${s.name}: no 1:1 for ${days(s.days)} (last on ${s.last}; every ${days(s.cadence)}).`
            : `${s.name}: no 1:1 yet in ${days(s.days)} on the team (every ${days(s.cadence)}).`,
        why: 'A regular 1:1 is where trust, feedback and early warnings happen; skipped ones are the first to go.',
        since: s.backOn ?? s.last ?? team.find((m) => m.id === s.id)!.added,
      });
    } else if (s.backOn && s.sinceBack! < BACK_DAYS) {
      reminders.push({
        ...base,
        key: `back:${s.id}:${s.backOn}`,
        kind: 'back',
        text: `${s.name}: back from leave ${s.sinceBack === 0 ? 'today' : `since ${s.backOn}`}; a 1:1 soon, to catch up.`,
        why: 'After weeks away, the first 1:1 rebuilds what changed on both sides: the team, the work, and how they are.',
        since: s.backOn,
      });
    }
  }
  return reminders;
}

/** Open action items of the team past their due day, the most overdue first. */
function actionReminders(data: Data, team: Member[], today: Day): Reminder[] {
  const names = new Map(team.map((m) => [m.id, m.name]));
  return overdueActions(data, today)
    .filter((t) => names.has(t.member))
    .sort((a, b) => (a.due! < b.due! ? -1 : a.due! > b.due! ? 1 : 0))
    .map((t) => {
      const name = names.get(t.member)!;
      return {
        key: `action:${t.id}`,
        kind: 'action' as const,
        text: `Action item ${t.id} from a 1:1 with ${name} (${t.owner === 'me' ? 'yours' : `${name}'s`}) "${t.text}": ${days(daysBetween(t.due!, today))} overdue (due ${t.due}).`,
        why: t.owner === 'me' ? 'A promise kept to a report builds more trust than any praise.' : 'Ask about it in the next 1:1: following up is how agreements stay real.',
        command: `mtl done ${t.id}`,
        since: t.due!,
        subject: t.owner === 'me' ? `${t.id} (yours, with ${name})` : `${t.id} (${name}'s)`,
      };
    });
}

/**
 * Per report: fewer than MIN_MEMBER_GOALS goals this quarter; and, in the quarter's last
 * QUARTER_END_DAYS days, the open goals not yet checked in on inside that window (a check-in
 * dated on or after the window's first day counts, so the reminder clears goal by goal).
 */
function memberGoalReminders(data: Data, team: Member[], today: Day): Reminder[] {
  const quarter = quarterOf(today);
  const end = endOfQuarterFor(today);
  const left = daysBetween(today, end);
  const windowStart = addDaysToDay(end, -(QUARTER_END_DAYS - 1));
  const reminders: Reminder[] = [];
  for (const member of team) {
    const goals = data.memberGoals.filter((g) => g.member === member.id && g.quarter === quarter);
    const name = shellWord(member.name);
    if (goals.length < MIN_MEMBER_GOALS) {
      reminders.push({
        key: `member-goals:${member.id}:${quarter}`,
        kind: 'member-goals',
        text: `${member.name} has ${plural(goals.length, 'goal')} for ${quarter}; help them set 2-3.`,
        why: 'Two or three hard but reachable goals, broken into steps, give a report something to grow towards.',
        command: `mtl member-goals ${name} add "<title>"`,
        since: startOfQuarterFor(today),
        subject: member.name,
      });
    }
    // A goal past its own due day, the most overdue first: one reminder each, until it is done or moved.
    // This quarter's, and those left open from before last quarter (last quarter's are the carry
    // reminder's), so an old goal never goes quiet while open.
    const before = previousQuarter(quarter);
    const older = data.memberGoals.filter((g) => g.member === member.id && g.quarter < before);
    for (const g of [...goals, ...older].filter((g) => g.status === 'open' && g.due !== undefined && g.due < today).sort((a, b) => (a.due! < b.due! ? -1 : 1))) {
      reminders.push({
        key: `member-goal-overdue:${g.id}`,
        kind: 'member-goal-overdue',
        text: `${member.name}'s goal ${g.id} "${g.title}": ${days(daysBetween(g.due!, today))} overdue (due ${g.due}).`,
        why: 'A goal past its date needs a word in the next 1:1: a new date, a smaller next step, or done.',
        command: `mtl member-goals ${name} check-in ${g.id} "<note>" --progress N`,
        since: g.due!,
        subject: `${g.id} (${member.name})`,
      });
    }
    if (left >= QUARTER_END_DAYS) continue;
    const pending = goals.filter((g) => g.status === 'open' && !g.checkIns.some((c) => c.date >= windowStart && c.date <= today));
    if (pending.length) {
      reminders.push({
        key: `member-goals-check-in:${member.id}:${quarter}`,
        kind: 'member-goals-check-in',
        // Of the open goals, those not yet checked in over the quarter's last weeks: said so, or
        // "1 open goal" reads as the count of all of them.
        text: `${quarter} ends ${left === 0 ? 'today' : `in ${days(left)}`}: go through ${member.name}'s open goals with them; ${pending.length === 1 ? '1 has' : `${pending.length} have`} no check-in since ${windowStart} (${pending.map((g) => g.id).join(', ')}).`,
        why: 'The quarterly check-in is where coaching and accountability happen: what was reached, what is next.',
        command: `mtl member-goals ${name} check-in ${pending[0]!.id} "<note>" --progress N`,
        since: windowStart,
        subject: member.name,
      });
    }
  }
  return reminders;
}

/**
 * No innovation week this quarter. Once one can no longer fit (announced a week ahead) before the
 * quarter ends, the reminder is about the next quarter instead, so the suggested command clears it.
 */
function innovationReminders(data: Data, today: Day): Reminder[] {
  const current = quarterOf(today);
  if (weekOfQuarter(data.innovationWeeks, current)) return [];
  const { quarter, start } = weekToPlan(today);
  if (quarter !== current && weekOfQuarter(data.innovationWeeks, quarter)) return [];
  const left = daysBetween(today, endOfQuarterFor(today));
  return [
    {
      key: `innovation:${quarter}`,
      kind: 'innovation',
      text:
        quarter === current
          ? `No innovation week planned for ${quarter} (${days(left)} left in the quarter).`
          : `No innovation week planned for ${quarter} yet; ${current} has too little time left for one (${days(left)}).`,
      why: 'A week where everyone builds what they choose, ending in a demo, gives new ideas a real chance.',
      command: `mtl innovation plan ${start}`,
      ...(quarter === current ? { since: startOfQuarterFor(today) } : {}),
    },
  ];
}

/** No culture event in the last month (core/culture.ts), while there is a team. */
function cultureReminders(data: Data, team: Member[], today: Day): Reminder[] {
  const due = cultureDue(data.cultureEvents, team, today, data.goals.some((g) => g.status === 'open' && g.template === 'culture'));
  if (!due) return [];
  return [
    {
      key: 'culture',
      kind: 'culture',
      text: due.last ? `No team event for ${days(due.days)} (last: "${due.last.what}" on ${due.last.date}).` : `No team event logged in ${days(due.days)} with the team.`,
      why: 'People who know and enjoy each other help each other; a lunch or a game once a month keeps that alive.',
      command: 'mtl culture log "<what you did together>"',
      since: due.since,
    },
  ];
}

function learningReminders(data: Data, today: Day, target: number): Reminder[] {
  const progress = learningProgress(data.learning, today, target);
  if (!progress.behind) return [];
  return [
    {
      key: `learning:${progress.quarter}`,
      kind: 'learning',
      text: `Learning: ${progress.hours} of ${target} hours this quarter; a steady pace would be ${progress.expected} by now.`,
      why: 'Leadership is learned a little every week; an hour of reading or a talk, then one tip tried at work.',
      command: `mtl learn log <hours> "<what>"`,
      since: startOfQuarterFor(today),
    },
  ];
}

function assessmentReminders(data: Data, today: Day): Reminder[] {
  const latest = data.assessments.reduce<Data['assessments'][number] | undefined>((a, b) => (!a || b.date > a.date ? b : a), undefined);
  if (latest && daysBetween(latest.date, today) < ASSESSMENT_DAYS) return [];
  return [
    {
      key: 'assessment',
      kind: 'assessment',
      text: latest
        ? `Your last self-assessment was ${days(daysBetween(latest.date, today))} ago (${latest.date}, score ${latest.score}).`
        : 'You have not taken the self-assessment yet.',
      why: 'Five minutes each quarter shows whether you are leading more and doing less.',
      command: 'mtl assess',
      ...(latest ? { since: latest.date } : {}),
    },
  ];
}

/**
 * The reminders a run prints: all of them with `all`, else those not already printed today, and
 * those printed today only where no one saw them (`unseen`: keys a scheduled run found, shown now
 * to someone at a terminal).
 */
export function notShownToday(reminders: Reminder[], state: NudgeState, today: Day, all = false, unseen: ReadonlySet<string> = new Set()): Reminder[] {
  return all ? reminders : reminders.filter((r) => state.shown[r.key] !== today || unseen.has(r.key));
}

/** How long `shown` remembers a key; older entries are dropped so the store does not grow. */
const SHOWN_MEMORY_DAYS = 31;

/**
 * Records a run: its instant, the reminders and mindset prompt it printed (so a second run today
 * stays quiet), and the prompt in this quarter's rotation. Forgets what is too old to matter.
 */
export function recordRun(state: NudgeState, now: Date, printed: Reminder[], mindset: MindsetPrompt | null): void {
  const today = dayOf(now);
  state.lastRunAt = now.toISOString();
  const oldest = addDaysToDay(today, -SHOWN_MEMORY_DAYS);
  for (const [key, day] of Object.entries(state.shown)) if (day < oldest) delete state.shown[key];
  for (const r of printed) state.shown[r.key] = today;
  if (mindset) {
    state.shown[mindsetKey(mindset)] = today;
    const quarter = quarterOf(today);
    const used = (state.prompts[quarter] ??= []);
    if (used[used.length - 1] !== mindset.id) used.push(mindset.id);
  }
  const quarters = Object.keys(state.prompts).sort();
  for (const old of quarters.slice(0, -4)) delete state.prompts[old];
}
