import { sortByText } from './dates.js';

/**
 * The domain: every kind of entry mtl keeps, with the ids that name them. The store (src/store/)
 * saves these shapes; the rules in core/ read them and know nothing of files.
 *
 * Calendar days are ISO strings `YYYY-MM-DD` (a day in the user's time zone); instants are full ISO
 * date-times.
 */
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
  /** The progress was the figure mtl measured (a goal's metrics), not one given by hand. */
  measured?: true;
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
  /**
   * Targets agreed for this goal, by metric name, over its template's (`measures:`): "Read two
   * leadership books" measures books-finished against 2, not the template's 1.
   */
  targets?: Record<string, number>;
  /** When status or progress last changed (created, check-in, done, reopen); merges use it. */
  updatedAt?: Instant;
}

export interface Note {
  id: string;
  date: Day;
  text: string;
}

export interface Member {
  id: string;
  name: string;
  /** The day they joined the team; no praise of theirs is dated earlier (PraiseLog.lastOnOrBefore counts on it). */
  added: Day;
  notes: Note[];
  removed?: Day;
  /** Days between 1:1s with them, when it differs from the `oneOnOneCadence` preference. */
  cadence?: number;
  /** Away (leave, a sabbatical) until this day, when they are back: no reminders about them before it. */
  awayUntil?: Day;
  /** The day that leave was set (`team set --away`): a leave of a week or more counts them as back anew. */
  awaySince?: Day;
  /**
   * An earlier leave of a week or more, kept when a later (short) one replaces it: the day it was
   * set and the day back.
   */
  earlierAwaySince?: Day;
  cameBack?: Day;
  /** Names they had before `team set --name`: a backup made before still merges into them. */
  formerNames?: string[];
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
  /** The feedback in one piece; with the three parts below, it is made of them. */
  text: string;
  date: Day;
  at: Instant;
  deliveredOn?: Day;
  /** Structured feedback (situation, behaviour, impact), when given that way. */
  situation?: string;
  behaviour?: string;
  impact?: string;
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
  /** The quarters it was carried from (`member-goals carry`), oldest first; `quarter` is where it is now. */
  carriedFrom?: string[];
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
  id: string;
  member: string;
  date: Day;
  at: Instant;
  feedbackDelivered: string[];
  /** What was said, one entry per note taken (a second 1:1 the same day adds to the first). */
  notes?: string[];
}

/** Something agreed in a 1:1, for the manager or the report to do. */
export interface ActionItem {
  id: string;
  member: string;
  /** The 1:1 it came from. */
  oneOnOne?: string;
  text: string;
  owner: 'me' | 'them';
  created: Day;
  at: Instant;
  due?: Day;
  status: 'open' | 'done';
  doneOn?: Day;
}

/** Hours spent learning about leadership. */
export interface LearningLog {
  id: string;
  type: 'hours';
  date: Day;
  hours: number;
  what: string;
}

/** A tip tried in practice. */
export interface LearningTip {
  id: string;
  type: 'tip';
  date: Day;
  tip: string;
  /** Where the tip came from: a book, a talk, a person (`learn apply --from`). */
  from?: string;
  /** What happened when it was tried (`learn apply --outcome`). */
  outcome?: string;
}

/** A book: on the list being read (`learn book add`), or finished (`learn book done`, `learn read`). */
export interface BookRead {
  id: string;
  type: 'book';
  title: string;
  /** The day it was finished (absent on books still being read, and on old entries read on a day not kept). */
  date?: Day;
  /** `reading` while being read; absent (or `done`) once finished, as every book before `learn book add`. */
  status?: 'reading' | 'done';
  /** The day it was added to the list with `learn book add`. */
  added?: Day;
}

export type LearningEntry = LearningLog | LearningTip | BookRead;

export interface InnovationWeek {
  id: string;
  quarter: string;
  start: Day;
  end: Day;
  demo: Day;
  planned: Day;
  /** What people built (`innovation log`), in the order logged. */
  projects?: InnovationProject[];
  /** The day the demo was recorded as held (`innovation demo`), and how it went. */
  demoHeld?: Day;
  demoNote?: string;
}

/** One project of an innovation week: who built it (a report id) and what. */
export interface InnovationProject {
  member: string;
  text: string;
  date: Day;
  at: Instant;
}

/** The team's own answers to the five team questions (`mtl pulse`), as anonymous tallies. */
export interface Pulse {
  id: string;
  date: Day;
  at: Instant;
  /** Per team area: how many people answered each level, never (index 0) to always (index 4). */
  tallies: Record<string, number[]>;
}

/** A practice turned into a process that a report owns (`mtl process`). */
export interface ProcessEntry {
  id: string;
  practice: string;
  member: string;
  created: Day;
  at: Instant;
  /** Done: it runs without the manager. */
  status: 'open' | 'done';
  doneOn?: Day;
}

/** Something the team did together (`mtl culture log`). */
export interface CultureEvent {
  id: string;
  what: string;
  date: Day;
  at: Instant;
}

/** An ownership moment or a problem solved, noted with `mtl today --note`. */
export interface Moment {
  id: string;
  text: string;
  date: Day;
  at: Instant;
}

export interface NudgeState {
  lastRunAt?: Instant;
  /** Reminder key to the last day it was printed, so a second run the same day stays quiet. */
  shown: Record<string, Day>;
  /** Mindset prompt ids shown, by quarter, so they do not repeat within one. */
  prompts: Record<string, string[]>;
  /** What scheduled runs printed that no one has seen yet; removed once shown on a terminal. */
  found?: NudgeFound;
}

/** The reminders a scheduled nudge printed (where no one may have read them), for the next terminal run. */
export interface NudgeFound {
  /** The day of the latest scheduled run that added to it. */
  day: Day;
  reminders: { key: string; text: string; command: string }[];
}

/** Everything mtl keeps, as plain lists: what a backup holds and what a merge works on. */
export interface Records {
  assessments: Assessment[];
  goals: Goal[];
  members: Member[];
  praise: Praise[];
  feedback: Feedback[];
  memberGoals: MemberGoal[];
  delegations: Delegation[];
  oneOnOnes: OneOnOne[];
  learning: LearningEntry[];
  innovationWeeks: InnovationWeek[];
  actions: ActionItem[];
  pulses: Pulse[];
  processes: ProcessEntry[];
  cultureEvents: CultureEvent[];
  moments: Moment[];
}

export type Kind = keyof Records;

/**
 * The id prefix of each kind: ids are `<prefix><n>` with n = 1, 2, 3... and never reused. Personal
 * notes (`n`) live inside their report.
 */
export const ID_PREFIX = {
  assessments: 'a',
  goals: 'g',
  members: 'r',
  praise: 'p',
  feedback: 'f',
  memberGoals: 'm',
  delegations: 'd',
  oneOnOnes: 'o',
  learning: 'l',
  innovationWeeks: 'i',
  actions: 't',
  pulses: 'u',
  processes: 's',
  cultureEvents: 'c',
  moments: 'w',
} as const satisfies Record<Kind, string>;

export type IdPrefix = (typeof ID_PREFIX)[Kind] | 'n';

export const KINDS = Object.keys(ID_PREFIX) as Kind[];

/**
 * The words each command reads in the place of a report's name (`mtl praise list`, `mtl member-goals
 * carry`): no report may be called one of them, and completion offers them there. A test checks the
 * commands against it.
 */
export const WORDS_FOR_NAMES = { praise: ['list', 'balance', 'grid'], feedback: ['list'], 'member-goals': ['list', 'carry'] } as const;

/**
 * Stored field names as a sentence says them, where the name alone would not read ("the day done of
 * goal g3", "day done back to 2027-03-01"): undo and sync both say changes with them.
 */
export const FIELD_WORDS: Record<string, string> = {
  at: 'time',
  added: 'day added',
  awayUntil: 'day back from leave',
  awaySince: 'day leave began',
  cameBack: 'day back from an earlier leave',
  earlierAwaySince: 'day an earlier leave began',
  carriedFrom: 'quarters carried from',
  checkIns: 'check-ins',
  created: 'day created',
  deliveredOn: 'day delivered',
  demoHeld: 'day the demo was held',
  demoNote: 'demo note',
  doneOn: 'day done',
  due: 'due day',
  end: 'last day',
  feedbackDelivered: 'feedback given',
  formerNames: 'former names',
  removed: 'day they left the team',
  start: 'first day',
};

/** What an entry of each kind is called, one and many. */
export const KIND_WORDS: Record<Kind, [string, string]> = {
  assessments: ['assessment', 'assessments'],
  goals: ['goal', 'goals'],
  members: ['report', 'reports'],
  praise: ['praise entry', 'praise entries'],
  feedback: ['feedback note', 'feedback notes'],
  memberGoals: ["report's goal", "reports' goals"],
  delegations: ['delegated item', 'delegated items'],
  oneOnOnes: ['1:1', '1:1s'],
  learning: ['learning entry', 'learning entries'],
  innovationWeeks: ['innovation week', 'innovation weeks'],
  actions: ['action item', 'action items'],
  pulses: ['team pulse', 'team pulses'],
  processes: ['process', 'processes'],
  cultureEvents: ['culture event', 'culture events'],
  moments: ['daily note', 'daily notes'],
};

/** The highest id number: fifteen digits, exact as a JavaScript number. */
export const MAX_ID = 999_999_999_999_999;

/** The number of an id of the given prefix (`g12` -> 12), or undefined when it is not one. */
export function idNumber(id: unknown, prefix: string): number | undefined {
  // By hand: it runs for every entry read.
  if (typeof id !== 'string' || !id.startsWith(prefix) || id.length === prefix.length || id.length - prefix.length > 15) return undefined;
  let n = 0;
  for (let i = prefix.length; i < id.length; i++) {
    const digit = id.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9 || (digit === 0 && n === 0)) return undefined;
    n = n * 10 + digit;
  }
  return n;
}

/**
 * The praise log, which only grows (a report praised every week for years): the rules ask it for a
 * window of days or for the last praise of each report, so a store can answer from recent files only.
 */
export interface PraiseLog {
  /** Entries dated from `from` to `to`, both included (open when undefined), oldest day first. */
  between(from: Day | undefined, to: Day | undefined): Praise[];
  /**
   * The latest day each report was praised on or before `day`. A report's praise is never dated
   * before the day they were added, so the search stops there.
   */
  lastOnOrBefore(members: Pick<Member, 'id' | 'added'>[], day: Day): Map<string, Day>;
  /** Every entry, oldest day first. */
  all(): Praise[];
  /** The entry with this id; entries are mostly looked up while recent, so the newest are searched first. */
  find(id: string): Praise | undefined;
}

/** What the rules read: the lists, with praise behind its log. */
export type Data = Omit<Records, 'praise'> & { praise: PraiseLog };

export function emptyRecords(): Records {
  return { assessments: [], goals: [], members: [], praise: [], feedback: [], memberGoals: [], delegations: [], oneOnOnes: [], learning: [], innovationWeeks: [], actions: [], pulses: [], processes: [], cultureEvents: [], moments: [] };
}

export function emptyNudgeState(): NudgeState {
  return { shown: {}, prompts: {} };
}

const byDay = (p: Praise) => p.date;

/** A praise log over a plain list (a backup, a test); the list may change between calls. */
export function praiseLogOf(list: Praise[]): PraiseLog {
  return {
    between: (from, to) => sortByText(list.filter((p) => (from === undefined || p.date >= from) && (to === undefined || p.date <= to)), byDay),
    lastOnOrBefore: (members, day) => lastPraised(list, members, day),
    all: () => sortByText(list, byDay),
    find: (id) => list.find((p) => p.id === id),
  };
}

/** The latest praise day on or before `day` of each report, from entries that may hold others. */
export function lastPraised(entries: Iterable<Praise>, members: Pick<Member, 'id'>[], day: Day, into = new Map<string, Day>()): Map<string, Day> {
  const wanted = new Set(members.map((m) => m.id));
  for (const p of entries) {
    if (!wanted.has(p.member) || p.date > day) continue;
    const known = into.get(p.member);
    if (known === undefined || p.date > known) into.set(p.member, p.date);
  }
  return into;
}

/** Plain lists of a store, for backups and merges (reads every praise file). */
export function recordsOf(data: Data): Records {
  return { ...data, praise: data.praise.all() };
}

/** A store view over plain lists. */
export function dataOf(records: Records): Data {
  return { ...records, praise: praiseLogOf(records.praise) };
}

/**
 * Metrics mtl counts from its own data, for the goals whose template declares them (`measures:` in
 * its front matter). Each is counted over the quarter of the day it is read on, up to that day.
 */
export const METRIC_NAMES = [
  'learning-hours',
  'books-finished',
  'tips-applied',
  'weeks-everyone-praised',
  'public-praise',
  'feedback-delivered',
  'items-delegated-done',
  'delegation-steps',
  'processes-owned',
  'reports-with-goals',
  'member-goals-on-track',
  'innovation-week',
  'demos-given',
  'culture-events',
] as const;

export type MetricName = (typeof METRIC_NAMES)[number];

export function isMetricName(name: string): name is MetricName {
  return (METRIC_NAMES as readonly string[]).includes(name);
}
