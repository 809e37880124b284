import type { AnswerLevel, Assessment, Day } from './model.js';
import { daysBetween } from './dates.js';

export interface Area {
  key: string;
  label: string;
  question: string;
  /** The goal template that works on this area when it is weak. */
  template: string;
  /** A better first step than a goal from the template, when there is one. */
  instead?: { command: string; why: string };
}

export const LEVELS = ['never', 'rarely', 'sometimes', 'mostly', 'always'] as const;
export type LevelWord = (typeof LEVELS)[number];

export const TOO_EASY_QUESTION =
  'Be honest: does the manager job feel a little too easy, as if you were still mostly doing your old work?';

/** The five team areas of the short test, in question order. */
export const TEAM_AREAS: Area[] = [
  {
    key: 'autonomy',
    label: 'Autonomy',
    question: 'Your team moves work forward without waiting for your approval.',
    template: 'autonomy',
  },
  {
    key: 'lives',
    label: 'Knowing their lives',
    question: 'You know what is going on in your reports’ lives outside work: family, health, what they care about.',
    template: 'culture',
  },
  {
    key: 'connection',
    label: 'Knowing each other',
    question: 'Your reports know what is going on in each other’s lives.',
    template: 'culture',
  },
  {
    key: 'safety',
    label: 'Safety to speak up',
    question: 'People on your team share unfinished ideas, say “I don’t know” and ask for help in the open.',
    template: 'recognition',
  },
  {
    key: 'challenge',
    label: 'Challenge',
    question: 'Your reports are handed problems to solve, not solutions to carry out.',
    template: 'member-goals',
  },
];

/** The extended part (`--full`): the wider responsibilities of a manager who leads. */
export const EXTENDED_AREAS: Area[] = [
  {
    key: 'relationships',
    label: 'Relationships all around',
    question: 'You keep honest working relationships beyond your team: peers, product, other managers.',
    template: 'culture',
  },
  {
    key: 'bridge',
    label: 'Bridge to leadership',
    question: 'You carry your team’s voice to senior leadership and have their backs there.',
    // No goal template is about the boss; the review with them is where the bridge is built.
    template: 'member-goals',
    instead: { command: 'mtl prep', why: 'take the team’s wins, needs and worries to your next 1:1 with your boss' },
  },
  {
    key: 'growth',
    label: 'Careers and pay',
    question: 'You know where each report wants their career to go, and you check their pay is fair before they ask.',
    template: 'member-goals',
  },
  {
    key: 'ownership',
    label: 'Owning blame, giving credit',
    question: 'When something goes wrong you take the blame; when it goes right the team gets the credit.',
    template: 'learning',
  },
  {
    key: 'culture',
    label: 'Culture',
    question: 'You shape a place where people want to bring their best, for themselves and for each other.',
    template: 'culture',
  },
  {
    key: 'conversations',
    label: 'Hard conversations',
    question: 'You hold difficult conversations and give honest feedback, low performers included, with respect.',
    template: 'recognition',
  },
  {
    key: 'technical',
    label: 'Close to the technical',
    question: 'You stay close to design and standards while the team makes most technical decisions.',
    template: 'autonomy',
  },
];

/** An answer at or below this level marks the area as weak. */
const WEAK_AT_OR_BELOW = 3;
/** Leading when at least this many of the five team areas are "mostly" or "always". */
const LEADING_AREAS = 3;

export function levelWord(level: number): LevelWord {
  return LEVELS[level - 1] ?? 'never';
}

/** Parses one scale answer: a word of LEVELS or 1-5. Undefined when it is neither. */
export function parseLevel(text: string): AnswerLevel | undefined {
  const word = text.trim().toLowerCase();
  const index = LEVELS.indexOf(word as LevelWord);
  if (index >= 0) return (index + 1) as AnswerLevel;
  if (/^[1-5]$/.test(word)) return Number(word) as AnswerLevel;
  return undefined;
}

export function parseYesNo(text: string): boolean | undefined {
  const word = text.trim().toLowerCase();
  if (['yes', 'y'].includes(word)) return true;
  if (['no', 'n'].includes(word)) return false;
  return undefined;
}

export type AnswerError = { position: number; value: string; expected: string } | { count: number; expected: number };

/**
 * Parses the `--answers` list: yes/no first, then one scale answer per area. Returns the answers or
 * the first problem, so the caller can name the bad value.
 */
export function parseAnswers(
  list: string,
  full: boolean,
): { tooEasy: boolean; levels: AnswerLevel[] } | { error: AnswerError } {
  const parts = list.trim() === '' ? [] : list.split(',').map((p) => p.trim());
  const expected = 1 + TEAM_AREAS.length + (full ? EXTENDED_AREAS.length : 0);
  if (parts.length !== expected) return { error: { count: parts.length, expected } };
  const tooEasy = parseYesNo(parts[0]!);
  if (tooEasy === undefined) return { error: { position: 1, value: parts[0]!, expected: 'yes or no' } };
  const levels: AnswerLevel[] = [];
  for (let i = 1; i < parts.length; i++) {
    const level = parseLevel(parts[i]!);
    if (level === undefined) return { error: { position: i + 1, value: parts[i]!, expected: `${LEVELS.join(', ')} (or 1-5)` } };
    levels.push(level);
  }
  return { tooEasy, levels };
}

/** 0-100: the mean answer mapped from never (0) to always (100). */
export function scoreOf(levels: number[]): number {
  if (levels.length === 0) return 0;
  const sum = levels.reduce((a, b) => a + b, 0);
  return Math.round(((sum - levels.length) / (4 * levels.length)) * 100);
}

export function verdictOf(teamLevels: number[]): Assessment['verdict'] {
  return teamLevels.filter((l) => l > WEAK_AT_OR_BELOW).length >= LEADING_AREAS ? 'leading' : 'developing';
}

/** The verdict as every text output names it; JSON keeps the raw `leading` / `developing`. */
export const VERDICT_LABEL: Record<Assessment['verdict'], string> = {
  leading: 'leading',
  developing: 'not yet leading',
};

export const VERDICT_TEXT: Record<Assessment['verdict'], string> = {
  leading: 'You are managing through leadership: most of your team areas happen mostly or always.',
  developing:
    'Not yet managing through leadership: fewer than three of the five team areas happen mostly or always. That is normal early on, and it is what goals are for.',
};

export const TOO_EASY_WARNING =
  'Warning sign: the job feels too easy. That often means you are still doing your old job instead of leading; hand work to the team and spend the time on people.';

export interface WeakArea {
  area: Area;
  level: AnswerLevel;
}

export function weakAreas(areas: Area[], levels: Record<string, AnswerLevel>): WeakArea[] {
  return areas
    .filter((a) => (levels[a.key] ?? 1) <= WEAK_AT_OR_BELOW)
    .map((a) => ({ area: a, level: levels[a.key]! }))
    .sort((x, y) => x.level - y.level);
}

/** The templates that address the weak areas (and a too-easy job), weakest first, each once. */
export function recommendedTemplates(assessment: Pick<Assessment, 'tooEasy' | 'answers' | 'extended'>): string[] {
  const weak = [
    ...weakAreas(TEAM_AREAS, assessment.answers),
    ...(assessment.extended ? weakAreas(EXTENDED_AREAS, assessment.extended) : []),
  ].sort((x, y) => x.level - y.level);
  const templates = weak.filter((w) => !w.area.instead).map((w) => w.area.template);
  if (assessment.tooEasy) templates.unshift('autonomy');
  return [...new Set(templates)];
}

/** Builds the record to save from parsed answers. */
export function buildAssessment(
  input: { tooEasy: boolean; levels: AnswerLevel[] },
  meta: { id: string; date: string; at: string },
): Assessment {
  const answers = Object.fromEntries(TEAM_AREAS.map((a, i) => [a.key, input.levels[i]!])) as Record<string, AnswerLevel>;
  const extendedLevels = input.levels.slice(TEAM_AREAS.length);
  const teamLevels = input.levels.slice(0, TEAM_AREAS.length);
  const assessment: Assessment = {
    ...meta,
    tooEasy: input.tooEasy,
    answers,
    score: scoreOf(teamLevels),
    verdict: verdictOf(teamLevels),
  };
  if (extendedLevels.length > 0) {
    assessment.extended = Object.fromEntries(EXTENDED_AREAS.map((a, i) => [a.key, extendedLevels[i]!])) as Record<string, AnswerLevel>;
    assessment.extendedScore = scoreOf(extendedLevels);
  }
  return assessment;
}

export interface AreaTrend {
  key: string;
  label: string;
  series: number[];
  first: number;
  last: number;
  change: number;
}

/** Per-area and score trends over assessments in date order (oldest first). */
export function trendOf(history: Assessment[]): { score: AreaTrend; areas: AreaTrend[] } | undefined {
  if (history.length === 0) return undefined;
  const make = (key: string, label: string, series: number[]): AreaTrend => ({
    key,
    label,
    series,
    first: series[0]!,
    last: series[series.length - 1]!,
    change: series[series.length - 1]! - series[0]!,
  });
  return {
    score: make('score', 'Score', history.map((a) => a.score)),
    areas: TEAM_AREAS.map((area) => make(area.key, area.label, history.map((a) => a.answers[area.key] ?? 1))),
  };
}

/**
 * Trends of the wider responsibilities, over the assessments that rated them (`--full`), oldest
 * first; undefined when none did.
 */
export function extendedTrendOf(history: Assessment[]): { count: number; areas: (AreaTrend & { area: Area })[] } | undefined {
  const rated = history.filter((a) => a.extended);
  if (rated.length === 0) return undefined;
  return {
    count: rated.length,
    areas: EXTENDED_AREAS.map((area) => {
      const series = rated.map((a) => a.extended![area.key] ?? 1);
      return { area, key: area.key, label: area.label, series, first: series[0]!, last: series[series.length - 1]!, change: series[series.length - 1]! - series[0]! };
    }),
  };
}

/**
 * What to do about a weak area or a recommended template: start a goal, work on the one already open,
 * or, when that goal is past its due day, move its date or start this quarter's goal instead.
 */
export type NextStep =
  | { kind: 'new'; template: string; command: string }
  | { kind: 'open'; template: string; goal: { id: string; title: string }; command: string }
  | { kind: 'overdue'; template: string; goal: { id: string; title: string; due: Day; daysOverdue: number; progress: number }; command: string; alternative: string }
  | { kind: 'instead'; template: string; command: string; why: string };

/** An open goal as nextStep reads it. */
export interface StepGoal {
  id: string;
  title: string;
  template: string;
  status: string;
  due?: Day;
  progress?: number;
}

/**
 * The step for a template: `goals new --template X`, unless a goal from X is open (then that goal,
 * the oldest open one). Given `today`, an open goal past its due day is not the answer as it stands:
 * the step is to move its date (`mtl edit <id> --due "end of quarter"`), or else to start this
 * quarter's goal. An area with a better first step (`instead`) gets that.
 */
export function nextStep(template: string, openGoals: StepGoal[], area?: Area, today?: Day): NextStep {
  if (area?.instead) return { kind: 'instead', template, command: area.instead.command, why: area.instead.why };
  const goal = openGoals.find((g) => g.status === 'open' && g.template === template);
  const fresh = `mtl goals new --template ${template}`;
  if (goal && today !== undefined && goal.due !== undefined && goal.due < today) {
    return {
      kind: 'overdue',
      template,
      goal: { id: goal.id, title: goal.title, due: goal.due, daysOverdue: daysBetween(goal.due, today), progress: goal.progress ?? 0 },
      command: `mtl edit ${goal.id} --due "end of quarter"`,
      alternative: fresh,
    };
  }
  if (goal) return { kind: 'open', template, goal: { id: goal.id, title: goal.title }, command: `mtl goals show ${goal.id}` };
  return { kind: 'new', template, command: fresh };
}
