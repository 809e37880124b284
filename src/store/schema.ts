/**
 * The data document, one JSON file in the data folder. Every shape the product keeps is declared
 * here so that one version number covers it all; `migrate` in migrations.ts brings older documents
 * up to SCHEMA_VERSION.
 *
 * Calendar days are ISO strings `YYYY-MM-DD` (a day in the user's time zone); instants are full ISO
 * date-times.
 */
export const SCHEMA_VERSION = 2;

export type Day = string;
export type Instant = string;

export type AnswerLevel = 1 | 2 | 3 | 4 | 5;

export interface Assessment {
  id: string;
  date: Day;
  at: Instant;
  tooEasy: boolean;
  /** Five team areas, 1 (never) to 5 (always). */
  answers: Record<string, AnswerLevel>;
  /** The extended part, present when it was answered (`--full`). */
  extended?: Record<string, AnswerLevel>;
  score: number;
  extendedScore?: number;
  verdict: 'leading' | 'developing';
}

export interface CheckIn {
  date: Day;
  at: Instant;
  note: string;
  progress?: number;
}

export interface Goal {
  id: string;
  title: string;
  template: string;
  file: string;
  created: Day;
  due?: Day;
  status: 'open' | 'done';
  progress: number;
  doneOn?: Day;
  checkIns: CheckIn[];
  /** When status or progress last changed (created, check-in, done, reopen); merges use it. */
  updatedAt?: Instant;
}

export interface Member {
  id: string;
  name: string;
  added: Day;
  notes: { date: Day; text: string }[];
  removed?: Day;
}

export interface Praise {
  id: string;
  member: string;
  text: string;
  date: Day;
  at: Instant;
  public: boolean;
}

export interface Feedback {
  id: string;
  member: string;
  text: string;
  date: Day;
  at: Instant;
  deliveredOn?: Day;
}

export interface MemberGoal {
  id: string;
  member: string;
  title: string;
  quarter: string;
  due?: Day;
  status: 'open' | 'done';
  progress: number;
  created: Day;
  /** The day `member-goals done` was run; absent on open goals and on goals done before it was recorded. */
  doneOn?: Day;
  checkIns: CheckIn[];
  /** When status or progress last changed; merges use it. */
  updatedAt?: Instant;
}

export interface Delegation {
  id: string;
  item: string;
  member: string;
  created: Day;
  status: 'open' | 'done';
  doneOn?: Day;
  /** Step name to the day it was checked. */
  steps: Record<string, Day | null>;
}

export interface OneOnOne {
  member: string;
  date: Day;
  at: Instant;
  feedbackDelivered: string[];
}

export interface LearningLog {
  date: Day;
  hours: number;
  what: string;
}

export interface LearningTip {
  date: Day;
  tip: string;
}

export interface InnovationWeek {
  quarter: string;
  start: Day;
  end: Day;
  demo: Day;
  planned: Day;
}

export interface NudgeState {
  lastRunAt?: Instant;
  /** Reminder key to the last day it was printed, so a second run the same day stays quiet. */
  shown: Record<string, Day>;
  /** Mindset prompt ids shown, by quarter, so they do not repeat within one. */
  prompts: Record<string, string[]>;
}

export interface Data {
  version: typeof SCHEMA_VERSION;
  counters: Record<string, number>;
  assessments: Assessment[];
  goals: Goal[];
  members: Member[];
  praise: Praise[];
  feedback: Feedback[];
  memberGoals: MemberGoal[];
  delegations: Delegation[];
  oneOnOnes: OneOnOne[];
  learning: { logs: LearningLog[]; tips: LearningTip[]; booksRead: string[] };
  innovationWeeks: InnovationWeek[];
}

export function emptyData(): Data {
  return {
    version: SCHEMA_VERSION,
    counters: {},
    assessments: [],
    goals: [],
    members: [],
    praise: [],
    feedback: [],
    memberGoals: [],
    delegations: [],
    oneOnOnes: [],
    learning: { logs: [], tips: [], booksRead: [] },
    innovationWeeks: [],
  };
}

/** What `mtl nudge` remembers between runs; kept apart from the data (see store/nudge-state.ts). */
export function emptyNudgeState(): NudgeState {
  return { shown: {}, prompts: {} };
}

/** Hands out the next short id for a kind (`g1`, `g2`, ...); ids are never reused. */
export function nextId(data: Data, prefix: string): string {
  const n = (data.counters[prefix] ?? 0) + 1;
  data.counters[prefix] = n;
  return `${prefix}${n}`;
}
