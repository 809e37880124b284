import { isDay } from './dates.js';
import { ID_PREFIX, idNumber, isMetricName, type Kind } from './model.js';

/**
 * What a well-formed entry of each kind is: the fields it must have and may have, checked on every
 * line the store reads and on every entry of a backup, so a hand-broken entry is refused with its
 * place named instead of failing a command later. Rules about the shapes of model.ts, no files.
 */

type Check = 'text' | 'text?' | 'day' | 'day?' | 'list' | 'object' | 'number' | 'number?' | 'status' | 'checkIns' | 'texts?' | 'projects?' | 'targets?';

/** The fields an entry must have, and the optional ones it may. */
const FIELDS: Record<Kind, Record<string, Check>> = {
  assessments: { date: 'day', answers: 'object', score: 'number', verdict: 'text' },
  goals: { title: 'text', template: 'text', file: 'text', status: 'status', progress: 'number', checkIns: 'checkIns', created: 'day', due: 'day?', doneOn: 'day?', targets: 'targets?' },
  members: { name: 'text', added: 'day', notes: 'list', removed: 'day?', cadence: 'number?', awayUntil: 'day?', awaySince: 'day?', cameBack: 'day?', earlierAwaySince: 'day?', formerNames: 'texts?' },
  praise: { member: 'text', text: 'text', date: 'day' },
  feedback: { member: 'text', text: 'text', date: 'day', deliveredOn: 'day?' },
  memberGoals: { member: 'text', title: 'text', quarter: 'text', status: 'status', progress: 'number', checkIns: 'checkIns', created: 'day', due: 'day?', doneOn: 'day?', carriedFrom: 'texts?' },
  delegations: { member: 'text', item: 'text', steps: 'object', created: 'day', status: 'status', doneOn: 'day?' },
  oneOnOnes: { member: 'text', date: 'day', feedbackDelivered: 'list', notes: 'texts?' },
  learning: { type: 'text' },
  innovationWeeks: { quarter: 'text', start: 'day', end: 'day', demo: 'day', projects: 'projects?', demoHeld: 'day?', demoNote: 'text?' },
  actions: { member: 'text', text: 'text', owner: 'text', created: 'day', status: 'status', due: 'day?', doneOn: 'day?' },
  pulses: { date: 'day', tallies: 'object' },
  processes: { practice: 'text', member: 'text', created: 'day', status: 'status', doneOn: 'day?' },
  cultureEvents: { what: 'text', date: 'day' },
  moments: { text: 'text', date: 'day' },
};

const IS_DAY = (v: string) => `typeof ${v} === 'string' && ${v}.length === 10 && isDay(${v})`;
const TEST: Record<Check, (value: string) => string> = {
  text: (v) => `typeof ${v} === 'string'`,
  'text?': (v) => `(${v} === undefined || typeof ${v} === 'string')`,
  day: IS_DAY,
  'day?': (v) => `(${v} === undefined || (${IS_DAY(v)}))`,
  list: (v) => `Array.isArray(${v})`,
  number: (v) => `typeof ${v} === 'number' && Number.isFinite(${v})`,
  'number?': (v) => `(${v} === undefined || (typeof ${v} === 'number' && Number.isFinite(${v})))`,
  object: (v) => `typeof ${v} === 'object' && ${v} !== null && !Array.isArray(${v})`,
  status: (v) => `(${v} === 'open' || ${v} === 'done')`,
  checkIns: (v) => `Array.isArray(${v}) && checkInsOk(${v})`,
  'texts?': (v) => `(${v} === undefined || (Array.isArray(${v}) && textsOk(${v})))`,
  'projects?': (v) => `(${v} === undefined || (Array.isArray(${v}) && projectsOk(${v})))`,
  'targets?': (v) => `(${v} === undefined || (typeof ${v} === 'object' && ${v} !== null && !Array.isArray(${v}) && targetsOk(${v})))`,
};

/** Loops, not `every` with a closure: they run for every goal read, most before they are optimised. */
function checkInsOk(list: unknown[]): boolean {
  for (const c of list as { date?: unknown; note?: unknown; progress?: unknown }[]) {
    if (typeof c !== 'object' || c === null || typeof c.date !== 'string' || c.date.length !== 10 || !isDay(c.date) || typeof c.note !== 'string') return false;
    if (c.progress !== undefined && !(typeof c.progress === 'number' && Number.isFinite(c.progress))) return false;
  }
  return true;
}

function textsOk(list: unknown[]): boolean {
  for (const t of list) if (typeof t !== 'string') return false;
  return true;
}

/** A goal's own targets: metric names mtl counts, each with a number above 0. */
function targetsOk(targets: Record<string, unknown>): boolean {
  for (const [name, target] of Object.entries(targets)) {
    if (!isMetricName(name) || typeof target !== 'number' || !Number.isFinite(target) || target <= 0) return false;
  }
  return true;
}

/** An innovation week's projects: each with a report id, a text and a day. */
function projectsOk(list: unknown[]): boolean {
  for (const p of list as { member?: unknown; text?: unknown; date?: unknown }[]) {
    if (typeof p !== 'object' || p === null || typeof p.member !== 'string' || typeof p.text !== 'string' || typeof p.date !== 'string' || !isDay(p.date)) return false;
  }
  return true;
}

const SHOULD_BE: Partial<Record<Check, string>> = {
  day: 'a day (YYYY-MM-DD)',
  'day?': 'a day (YYYY-MM-DD), or absent',
  'number?': 'a number, or absent',
  status: '"open" or "done"',
  checkIns: 'a list of check-ins, each with a day (YYYY-MM-DD) and a note',
  'texts?': 'a list of texts, or absent',
  'text?': 'a text, or absent',
  'projects?': 'a list of projects, each with a report, a text and a day (YYYY-MM-DD), or absent',
  'targets?': 'metric names mtl counts, each with a number above 0, or absent',
};

/**
 * FIELDS as one straight-line test per kind, made once from that table (not from any data): it
 * runs for every line read, mostly before the code is optimised, and a loop over the fields costs
 * five times as much there. `entryProblem` says what is wrong with an entry that fails it.
 */
const VALID = Object.fromEntries(
  Object.entries(FIELDS).map(([kind, fields]) => {
    const test = Object.entries(fields).map(([field, check]) => `(${TEST[check](`e[${JSON.stringify(field)}]`)})`);
    return [kind, new Function('isDay', 'checkInsOk', 'textsOk', 'projectsOk', 'targetsOk', `return (e) => ${test.join(' && ')};`)(isDay, checkInsOk, textsOk, projectsOk, targetsOk)];
  }),
) as Record<Kind, (entry: Record<string, unknown>) => boolean>;

const VALID_FIELD = Object.fromEntries(
  Object.entries(TEST).map(([check, test]) => [check, new Function('isDay', 'checkInsOk', 'textsOk', 'projectsOk', 'targetsOk', `return (v) => ${test('v')};`)(isDay, checkInsOk, textsOk, projectsOk, targetsOk)]),
) as Record<Check, (v: unknown) => boolean>;

/**
 * Checks one entry of `kind`: an object with a well-formed id and the fields its kind needs. Returns
 * the problem in words, or undefined. Runs for every line read: plain type checks only.
 */
export function entryProblem(kind: Kind, entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return `it should be an object but is ${describe(entry)}`;
  const record = entry as Record<string, unknown>;
  const id = idNumber(record.id, ID_PREFIX[kind]);
  if (id !== undefined && VALID[kind](record)) return kind === 'members' ? notesProblem(record.notes as unknown[]) : kind === 'learning' ? learningProblem(record) : undefined;
  if (id === undefined) {
    return `its id ${JSON.stringify(record.id) ?? '(none)'} is not "${ID_PREFIX[kind]}" followed by a whole number from 1`;
  }
  for (const [field, check] of Object.entries(FIELDS[kind])) {
    const value = record[field];
    if (!VALID_FIELD[check](value)) return `${field} is ${JSON.stringify(value) ?? 'missing'}; it should be ${SHOULD_BE[check] ?? `a ${check}`}`;
  }
  return kind === 'learning' ? learningProblem(record) : undefined;
}

/** A learning entry, by its type: hours on a day, a tip tried on a day, or a book with its title. */
function learningProblem(entry: Record<string, unknown>): string | undefined {
  const { type } = entry;
  const ok =
    type === 'hours' ? VALID_FIELD.day(entry.date) && VALID_FIELD.number(entry.hours) && typeof entry.what === 'string'
    : type === 'tip' ? VALID_FIELD.day(entry.date) && typeof entry.tip === 'string' && ['undefined', 'string'].includes(typeof entry.from) && ['undefined', 'string'].includes(typeof entry.outcome)
    : type === 'book' ? typeof entry.title === 'string' && VALID_FIELD['day?'](entry.date) && VALID_FIELD['day?'](entry.added) && [undefined, 'reading', 'done'].includes(entry.status as string)
    : false;
  if (ok) return undefined;
  if (type !== 'hours' && type !== 'tip' && type !== 'book') return `its type is ${JSON.stringify(type)}; it should be "hours", "tip" or "book"`;
  const needs = { hours: 'a day, a number of hours and what', tip: 'a day and the tip', book: 'a title (and a day, if read)' }[type];
  return `it is a "${type}" entry without ${needs} as mtl writes them`;
}

/** A report's personal notes: each an object with an id `n<number>`, a day and a text. */
function notesProblem(notes: unknown[]): string | undefined {
  const seen = new Set<unknown>();
  for (const [i, note] of notes.entries()) {
    const n = note as Record<string, unknown> | null;
    if (typeof n !== 'object' || n === null || idNumber(n.id, 'n') === undefined || typeof n.text !== 'string' || !VALID_FIELD.day(n.date)) {
      return `note ${i + 1} is ${JSON.stringify(note)}; it should have an id "n" followed by a whole number, a day and a text`;
    }
    if (seen.has(n.id)) return `the note id ${n.id as string} is used twice`;
    seen.add(n.id);
  }
  return undefined;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? 'text' : `a ${typeof value}`;
}
