import { DataError } from '../errors.js';
import { emptyData, SCHEMA_VERSION, type Data } from './schema.js';

type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

/**
 * MIGRATIONS[n] turns a version-n document into version n+1. Version 0 is the unversioned shape
 * (a bare object of lists), kept so a hand-made or very early file still loads.
 */
const MIGRATIONS: Record<number, Migration> = {
  0: (doc) => ({ ...doc, version: 1 }),
  // Version 2 moved the nudge's run state out to nudge.json: every nudge recorded its run by
  // rewriting the whole document. What it held (the last run, today's shown reminders) is
  // ephemeral; dropping it costs at most one repeated reminder.
  1: ({ nudge: _nudge, ...doc }) => ({ ...doc, version: 2 }),
};

const LIST_FIELDS = [
  'assessments',
  'goals',
  'members',
  'praise',
  'feedback',
  'memberGoals',
  'delegations',
  'oneOnOnes',
  'innovationWeeks',
] as const;

/** Brings a parsed document up to the current schema, or explains why it cannot. */
export function migrate(raw: unknown, file: string): Data {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new DataError(`${file} does not hold an mtl data document (expected a JSON object).`);
  }
  let doc = raw as Record<string, unknown>;
  let version = doc.version === undefined ? 0 : doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new DataError(`${file} has an invalid "version" field: ${JSON.stringify(doc.version)}.`);
  }
  if (version > SCHEMA_VERSION) {
    throw new DataError(
      `${file} was written by a newer mtl (data version ${version}; this mtl reads up to ${SCHEMA_VERSION}).`,
      'Upgrade mtl to read it; nothing was changed.',
    );
  }
  while (version < SCHEMA_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) throw new DataError(`${file}: no migration from data version ${version}.`);
    doc = step(doc);
    version += 1;
  }
  const data = { ...emptyData(), ...doc } as Data;
  for (const field of [...LIST_FIELDS, 'counters', 'learning'] as const) checkField(file, field, data[field]);
  data.learning = { ...emptyData().learning, ...data.learning };
  return data;
}

/**
 * Checks one top-level field of a current-version document: its shape and, for a list, every entry's
 * required fields. Throws a DataError that names the file, the list and the entry.
 */
export function checkField(file: string, field: string, value: unknown): void {
  if ((LIST_FIELDS as readonly string[]).includes(field)) {
    if (!Array.isArray(value)) throw new DataError(`${file}: the field "${field}" should be a list but is ${describe(value)}.`);
    const fields = Object.entries(ENTRY_FIELDS[field as keyof typeof ENTRY_FIELDS]);
    for (let index = 0; index < value.length; index++) checkEntry(file, field, value[index], index, fields);
  } else if (field === 'counters' || field === 'learning') {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new DataError(`${file}: the field "${field}" should be an object but is ${describe(value)}.`);
    }
  }
}

type Kind = 'text' | 'day' | 'list' | 'object' | 'number';

/** The fields every entry of a list must have, so a hand-broken entry is refused with its place named. */
const ENTRY_FIELDS: Record<(typeof LIST_FIELDS)[number], Record<string, Kind>> = {
  assessments: { id: 'text', date: 'day', answers: 'object', score: 'number' },
  goals: { id: 'text', title: 'text', template: 'text', file: 'text', status: 'text', progress: 'number', checkIns: 'list' },
  members: { id: 'text', name: 'text', notes: 'list' },
  praise: { id: 'text', member: 'text', text: 'text', date: 'day' },
  feedback: { id: 'text', member: 'text', text: 'text', date: 'day' },
  memberGoals: { id: 'text', member: 'text', title: 'text', progress: 'number', checkIns: 'list' },
  delegations: { id: 'text', member: 'text', item: 'text', steps: 'object' },
  oneOnOnes: { member: 'text', date: 'day', feedbackDelivered: 'list' },
  innovationWeeks: { quarter: 'text', start: 'day', end: 'day', demo: 'day' },
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Runs for every entry of a store that can hold tens of thousands: kept to plain type checks. */
function checkEntry(file: string, list: string, entry: unknown, index: number, fields: [string, Kind][]): void {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new DataError(`${where(file, list, entry, index)} should be an object but is ${describe(entry)}.`);
  for (const [field, kind] of fields) {
    const value = (entry as Record<string, unknown>)[field];
    const ok =
      kind === 'text' ? typeof value === 'string'
      : kind === 'day' ? typeof value === 'string' && value.length === 10 && DAY.test(value)
      : kind === 'list' ? Array.isArray(value)
      : kind === 'number' ? typeof value === 'number'
      : typeof value === 'object' && value !== null && !Array.isArray(value);
    if (!ok) {
      const expected = kind === 'day' ? 'a day (YYYY-MM-DD)' : `a ${kind}`;
      throw new DataError(`${where(file, list, entry, index)} has ${field} = ${JSON.stringify(value) ?? 'nothing'}; it should be ${expected}.`);
    }
  }
}

function where(file: string, list: string, entry: unknown, index: number): string {
  const id = (entry as { id?: unknown } | null)?.id;
  return `${file}: entry ${index + 1} of "${list}"${typeof id === 'string' ? ` (${id})` : ''}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? 'text' : `a ${typeof value}`;
}
