import type { Assessment, Data, Day, NudgeFound } from './model.js';
import { foundSummary, type FoundSummary } from './nudge-found.js';
import { plural, shellWord } from './text.js';
import { recommendedTemplates } from './assessment.js';
import { daysBetween, sortByText } from './dates.js';
import { goalView, sortGoals, type GoalView } from './goals.js';
import { ASSESSMENT_DAYS, dueNudges, type NudgePreferences, type Reminder } from './nudges.js';
import { activeMembers, presentMembers, recognitionStates } from './team.js';
import { isAway } from './leave.js';
import { cadenceStates, DEFAULT_CADENCE } from './one-on-ones.js';

/** A goal as the dashboard lists it: the stable goal fields plus days left. */
export interface DashboardGoal {
  id: string;
  title: string;
  template: string;
  due: Day | null;
  status: 'open' | 'done';
  progress: number;
  file: string;
  /** Calendar days to the due day; negative when overdue. */
  daysLeft: number;
  lastCheckIn: Day | null;
}

export interface DashboardAssessment {
  date: Day;
  score: number;
  verdict: Assessment['verdict'];
  tooEasy: boolean;
  daysAgo: number;
  /** How many assessments there are, and their scores oldest first. */
  count: number;
  scores: number[];
  previous: { date: Day; score: number } | null;
  /** Score change since the previous assessment; null for the first one. */
  change: number | null;
  first: { date: Day; score: number };
  changeSinceFirst: number;
  /** The goal templates its weak areas call for, weakest first. */
  templates: string[];
}

export interface DashboardTeam {
  reports: number;
  recognitionDays: number;
  /** Reports with no praise within `recognitionDays`, longest waiting first. */
  notRecognised: { name: string; lastPraise: Day | null; days: number | null }[];
  /** Reports with praise within `recognitionDays`. */
  recognised: number;
  /** Reports without praise who are not due yet: new on the team, or back from leave, within `recognitionDays`. */
  notDueYet: { name: string; since: Day; back: boolean }[];
  /** Reports away on leave (`team set --away`), who are asked about when back. */
  away: { name: string; until: Day }[];
  /** Reports past their 1:1 cadence, longest waiting first: days since the last 1:1 (since added without one). */
  pastCadence: { name: string; lastOneOnOne: Day | null; days: number; cadence: number }[];
}

export interface NextStep {
  command: string;
  why: string;
}

export interface Dashboard {
  date: Day;
  lookAheadDays: number;
  openGoals: number;
  reminders: Reminder[];
  dueSoon: DashboardGoal[];
  overdue: DashboardGoal[];
  assessment: DashboardAssessment | null;
  team: DashboardTeam;
  next: NextStep;
  /** What scheduled nudges printed that no one has seen yet (nudge.json), or null. */
  found: FoundSummary | null;
}

export type DashboardPreferences = NudgePreferences;

/**
 * Everything the one-screen `mtl` shows at `now`, read from the store alone: the reminders a nudge
 * would print (nothing is recorded), goals due within `lookAheadDays` and overdue, the latest
 * assessment (by its instant) with its change, the recognition state of the team, the next step, and
 * what scheduled nudges found that no one has seen (`found`, from the nudge's memory).
 */
export function buildDashboard(data: Data, now: Date, today: Day, prefs: DashboardPreferences, found?: NudgeFound): Dashboard {
  const reminders = dueNudges(data, now, prefs);
  const open = data.goals.filter((g) => g.status === 'open');
  // Views only for the goals shown: due within the look-ahead, or overdue.
  // A hand-edited `"due": null` or `""` means no due day, as goalView reads it.
  const dated = sortGoals(open.filter((g) => g.due && daysBetween(today, g.due) <= prefs.lookAheadDays)).map((g) => goalView(g, today));
  const goal = (g: GoalView): DashboardGoal => ({
    id: g.id,
    title: g.title,
    template: g.template,
    due: g.due,
    status: g.status,
    progress: g.progress,
    file: g.file,
    daysLeft: g.daysLeft!,
    lastCheckIn: g.lastCheckIn?.date ?? null,
  });
  const overdue = dated.filter((g) => g.overdue).map(goal);
  const assessment = latestAssessment(data.assessments, today);
  const team = teamOf(data, today, prefs.recognitionDays, prefs.oneOnOneCadence ?? DEFAULT_CADENCE);
  const dashboard = {
    date: today,
    lookAheadDays: prefs.lookAheadDays,
    openGoals: open.length,
    reminders,
    dueSoon: dated.filter((g) => !g.overdue).map(goal),
    overdue,
    assessment,
    team,
  };
  return { ...dashboard, next: nextStep(dashboard), found: found ? foundSummary(found, today, reminders) : null };
}

function latestAssessment(assessments: Assessment[], today: Day): DashboardAssessment | null {
  const byTime = sortByText(assessments, (a) => a.at);
  const latest = byTime[byTime.length - 1];
  if (!latest) return null;
  const previous = byTime[byTime.length - 2];
  const first = byTime[0]!;
  return {
    date: latest.date,
    score: latest.score,
    verdict: latest.verdict,
    tooEasy: latest.tooEasy,
    daysAgo: daysBetween(latest.date, today),
    count: byTime.length,
    scores: byTime.map((a) => a.score),
    previous: previous ? { date: previous.date, score: previous.score } : null,
    change: previous ? latest.score - previous.score : null,
    first: { date: first.date, score: first.score },
    changeSinceFirst: latest.score - first.score,
    templates: recommendedTemplates(latest),
  };
}

function teamOf(data: Data, today: Day, recognitionDays: number, oneOnOneCadence: number): DashboardTeam {
  // Not the whole balance: the quarter's counts would parse the feedback log for nothing.
  // A report away (on leave) waits for nothing until they are back.
  const present = presentMembers(data, today);
  const balances = recognitionStates(data, today, recognitionDays, present);
  const waiting = balances
    .filter((b) => b.due)
    .map((b) => ({ name: b.name, lastPraise: b.lastPraise ?? null, days: b.daysSincePraise ?? null }))
    // Never praised first, then the longest since the last praise; the team's order otherwise.
    .sort((a, b) => (a.days === null ? (b.days === null ? 0 : -1) : b.days === null ? 1 : b.days - a.days));
  const pastCadence = cadenceStates(data, present, today, oneOnOneCadence)
    .filter((s) => s.late)
    .sort((a, b) => b.days - a.days)
    .map((s) => ({ name: s.name, lastOneOnOne: s.last ?? null, days: s.days, cadence: s.cadence }));
  const recognised = balances.filter((b) => b.recent > 0).length;
  const notDueYet = balances
    .filter((b) => b.recent === 0 && !b.due)
    .map((b) => {
      const member = present.find((m) => m.id === b.id)!;
      return { name: b.name, since: b.backOn ?? member.added, back: b.backOn !== undefined };
    });
  const away = activeMembers(data)
    .filter((m) => isAway(m, today))
    .map((m) => ({ name: m.name, until: m.awayUntil! }));
  return { reports: activeMembers(data).length, recognitionDays, notRecognised: waiting, recognised, notDueYet, away, pastCadence };
}

/**
 * The single most useful command to run now, first match wins:
 * 1. no assessment yet: take it (every goal starts from it);
 * 2. an overdue goal (the most overdue): its check-in, a promise to the boss already late;
 * 3. the latest assessment is ASSESSMENT_DAYS or more old: take it again before setting goals;
 * 4. no open goal: start one from the template the weakest area calls for;
 * 5. a report not recognised within the interval (the longest waiting): praise them;
 * 6. a goal due within the look-ahead (the soonest): its check-in;
 * 7. any other reminder due: its command;
 * 8. nothing due: prepare the next 1:1 with the boss.
 */
export function nextStep(d: Omit<Dashboard, 'next' | 'found'>): NextStep {
  const a = d.assessment;
  if (!a) {
    return { command: 'mtl assess', why: 'Five minutes of honest answers show where you lead and where you still do the work yourself.' };
  }
  const late = [...d.overdue].sort((x, y) => x.daysLeft - y.daysLeft)[0];
  if (late) {
    return {
      command: checkIn(late.id),
      why: `Goal ${late.id} "${late.title}" is ${plural(-late.daysLeft, 'day')} overdue: record where it stands, then finish it, move the date or drop it with your boss.`,
    };
  }
  if (a.daysAgo >= ASSESSMENT_DAYS) {
    return { command: 'mtl assess', why: `Your last self-assessment was ${plural(a.daysAgo, 'day')} ago; take it again to see what changed.` };
  }
  if (d.openGoals === 0) {
    const template = a.templates[0];
    return template
      ? {
          command: `mtl goals new --template ${template}`,
          // recommendedTemplates puts autonomy first when the job felt too easy: say that, not "weakest area".
          why:
            a.tooEasy && template === 'autonomy'
              ? 'No open goal: your assessment says the job feels too easy, which often means you still do the work yourself; the autonomy template hands it to the team.'
              : `No open goal: the ${template} template works on the weakest area of your assessment.`,
        }
      : { command: 'mtl goals new', why: 'No open goal: agree one with your boss so the new job has a measure.' };
  }
  const waiting = d.team.notRecognised[0];
  if (waiting) {
    const since = waiting.days === null ? 'has never been recognised' : `was last recognised ${plural(waiting.days, 'day')} ago`;
    return { command: `mtl praise ${shellWord(waiting.name)} "..."`, why: `${waiting.name} ${since}: notice something good they did.` };
  }
  const soon = [...d.dueSoon].sort((x, y) => x.daysLeft - y.daysLeft)[0];
  if (soon) {
    const when = soon.daysLeft === 0 ? 'today' : soon.daysLeft === 1 ? 'tomorrow' : `in ${plural(soon.daysLeft, 'day')}`;
    return { command: checkIn(soon.id), why: `Goal ${soon.id} "${soon.title}" is due ${when}: note where it stands while there is time to act.` };
  }
  const reminder = d.reminders[0];
  if (reminder) return { command: reminder.command, why: reminder.text };
  return { command: 'mtl prep', why: 'Nothing is due: look over your goals before the next 1:1 with your boss.' };
}

function checkIn(id: string): string {
  return `mtl goals check-in ${id} "<note>" --progress N`;
}
