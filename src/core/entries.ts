import { UsageError, UserError } from '../errors.js';
import type { Day, MemberGoal } from './model.js';
import { shellWord } from './text.js';

/**
 * The verbs that work on any id (`mtl show|edit|done|rm <id>`): which kind an id names, and which of
 * the verbs and edit flags each kind takes. Pure: the commands (src/commands/entry/) do the rest.
 */

export type EntryKind =
  | 'goal'
  | 'reportGoal'
  | 'praise'
  | 'feedback'
  | 'note'
  | 'delegation'
  | 'oneOnOne'
  | 'action'
  | 'learning'
  | 'report'
  | 'innovation'
  | 'assessment'
  | 'pulse'
  | 'process'
  | 'cultureEvent'
  | 'moment';

export type EditFlag = 'text' | 'title' | 'due' | 'to' | 'public' | 'private' | 'date' | 'target' | 'situation' | 'behaviour' | 'impact';
export type Verb = 'show' | 'edit' | 'done' | 'rm';

export interface EntryKindInfo {
  prefix: string;
  /** What the kind is called in messages: "praise entry", "report goal". */
  label: string;
  /** The edit flags it takes; none means `edit` does not apply. */
  flags: EditFlag[];
  /** `done` applies: it has an open/done status. */
  done: boolean;
  /** `rm` applies. */
  rm: boolean;
  /** What to run instead when a verb does not apply. */
  instead?: Partial<Record<Verb, string>>;
}

export const ENTRY_KINDS: Record<EntryKind, EntryKindInfo> = {
  goal: { prefix: 'g', label: 'goal', flags: ['title', 'due', 'target'], done: true, rm: true },
  reportGoal: { prefix: 'm', label: 'report goal', flags: ['title', 'due', 'to'], done: true, rm: true },
  praise: { prefix: 'p', label: 'praise entry', flags: ['text', 'to', 'date', 'public', 'private'], done: false, rm: true },
  feedback: {
    prefix: 'f',
    label: 'feedback note',
    flags: ['text', 'situation', 'behaviour', 'impact', 'to'],
    done: false,
    rm: true,
    instead: { done: 'feedback is marked given at the 1:1: mtl 1on1 <name> --done --gave <id>' },
  },
  note: { prefix: 'n', label: 'personal note', flags: ['text', 'to'], done: false, rm: true },
  delegation: { prefix: 'd', label: 'delegated item', flags: ['title', 'to'], done: true, rm: true },
  oneOnOne: { prefix: 'o', label: '1:1', flags: ['text', 'date'], done: false, rm: true },
  action: { prefix: 't', label: 'action item', flags: ['text', 'due', 'to'], done: true, rm: true },
  learning: { prefix: 'l', label: 'learning entry', flags: ['text'], done: false, rm: true },
  report: {
    prefix: 'r',
    label: 'report',
    flags: [],
    done: false,
    rm: false,
    instead: {
      edit: 'a report\'s name or cadence is changed with mtl team set <name> --name/--cadence; a wrong note of theirs with mtl edit <note id>',
      rm: 'a report leaves the team with mtl team remove <name> (their history is kept; --purge deletes it)',
      done: 'a report leaves the team with mtl team remove <name>',
    },
  },
  innovation: {
    prefix: 'i',
    label: 'innovation week',
    flags: [],
    done: false,
    rm: true,
    instead: { edit: 'plan it again on another day: mtl innovation plan <start-date>' },
  },
  assessment: {
    prefix: 'a',
    label: 'assessment',
    flags: [],
    done: false,
    rm: true,
    instead: { edit: 'answers are not changed after the fact: take it again with mtl assess' },
  },
  pulse: {
    prefix: 'u',
    label: 'team pulse',
    flags: [],
    done: false,
    rm: true,
    instead: { edit: 'counts are not changed after the fact: record them again with mtl pulse record, then remove the wrong one with mtl rm' },
  },
  process: { prefix: 's', label: 'process', flags: ['text', 'to'], done: true, rm: true },
  cultureEvent: { prefix: 'c', label: 'culture event', flags: ['text', 'date'], done: false, rm: true },
  moment: { prefix: 'w', label: 'daily note', flags: ['text'], done: false, rm: true },
};

const BY_PREFIX = new Map(Object.entries(ENTRY_KINDS).map(([kind, info]) => [info.prefix, kind as EntryKind]));

/** What ids look like, for messages. */
export const ID_SHAPES =
  'g3 goal, m3 report goal, p3 praise, f3 feedback, n3 personal note, d3 delegated item, o3 1:1, t3 action item, l3 learning entry, r3 report, i3 innovation week, a3 assessment, u3 team pulse, s3 process, c3 culture event, w3 daily note';

/**
 * The kind and stored form of a typed id (`G3`, ` p12 `): a known prefix and a whole number from 1.
 * Anything else is a UsageError naming it and showing what ids look like.
 */
export function parseEntryId(text: string): { kind: EntryKind; id: string } {
  const id = text.trim().toLowerCase();
  const match = /^([a-z])([1-9]\d{0,14})$/.exec(id);
  const kind = match ? BY_PREFIX.get(match[1]!) : undefined;
  if (!match || !kind) {
    const shown = text.trim() === '' ? 'an empty id' : `"${text}"`;
    throw new UsageError(`${shown[0]!.toUpperCase()}${shown.slice(1)} is not an id mtl gives out.`, `Ids are a letter and a number: ${ID_SHAPES}. Lists show them: mtl goals, mtl praise list, mtl team show <name>...`);
  }
  return { kind, id };
}

/** The flag as typed on the command line. */
export function flagName(flag: EditFlag): string {
  return `--${flag}`;
}

/**
 * Refuses a verb a kind does not take, saying what would work; `mtl edit` also refuses flags that do
 * not apply to the kind, naming those that do.
 */
export function checkVerb(kind: EntryKind, verb: Verb, id: string, given: EditFlag[] = []): void {
  const info = ENTRY_KINDS[kind];
  const instead = info.instead?.[verb];
  const applies = verb === 'show' || (verb === 'edit' ? info.flags.length > 0 : verb === 'done' ? info.done : info.rm);
  if (!applies) {
    const usable = (['show', 'edit', 'done', 'rm'] as Verb[]).filter((v) => v === 'show' || (v === 'edit' ? info.flags.length > 0 : v === 'done' ? info.done : info.rm));
    throw new UserError(`${verb} does not apply to ${plural(info.label)} (${id} is ${article(info.label)}).`, `${instead ? `Instead, ${instead}. ` : ''}What works on ${id}: ${usable.map((v) => `mtl ${v} ${id}`).join(', ')}.`);
  }
  if (verb !== 'edit') return;
  const wrong = given.filter((f) => !info.flags.includes(f));
  if (wrong.length) {
    throw new UsageError(
      `${wrong.map(flagName).join(', ')} ${wrong.length === 1 ? 'does' : 'do'} not apply to ${plural(info.label)} (${id}).`,
      `For ${article(info.label)}: ${info.flags.map(flagName).join(', ')}. Example: ${editExample(kind, id)}`,
    );
  }
  if (given.includes('public') && given.includes('private')) throw new UsageError('Choose one of --public and --private.', `Example: mtl edit ${id} --public`);
}

/** An example `mtl edit` line for a kind, or for one of its fields. */
export function editExample(kind: EntryKind, id: string, field?: string): string {
  const info = ENTRY_KINDS[kind];
  // A field of its own (a part of structured feedback) when the kind takes it as a flag.
  if (field !== undefined && info.flags.includes(field as EditFlag)) return `mtl edit ${id} --${field} "<the corrected ${field}>"`;
  const flag = info.flags[0];
  if (flag === 'title') return `mtl edit ${id} --title "<the new title>"`;
  if (flag === 'text') return `mtl edit ${id} --text "<the corrected text>"`;
  return `mtl show ${id}`;
}

function plural(label: string): string {
  if (label === 'praise entry') return 'praise';
  if (label === '1:1') return '1:1s';
  if (label.endsWith('s')) return `${label}es`;
  return `${label.replace(/y$/, 'ie')}s`;
}

function article(label: string): string {
  return /^[aeio]/.test(label) ? `an ${label}` : `a ${label}`;
}

/** A report goal of the same report and quarter with the same title (any case, spaces trimmed), other than `exceptId`. */
export function sameTitleGoal(goals: MemberGoal[], member: string, quarter: string, title: string, exceptId?: string): MemberGoal | undefined {
  const key = titleKey(title);
  return goals.find((g) => g.id !== exceptId && g.member === member && g.quarter === quarter && titleKey(g.title) === key);
}

function titleKey(title: string): string {
  return title.trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

/** What every `done` says of an entry that already was: "d1 was already done (since 2027-02-10); nothing changed." */
export function alreadyDone(id: string, doneOn: Day | undefined): string {
  return `${id} was already done${doneOn ? ` (since ${doneOn})` : ''}; nothing changed.`;
}

/** Marks an entry with a status done on `today`; false when it already was. */
export function markDone(entry: { status: 'open' | 'done'; doneOn?: Day }, today: Day): boolean {
  if (entry.status === 'done') return false;
  entry.status = 'done';
  entry.doneOn = today;
  return true;
}

/**
 * The editable fields of an entry as text for $EDITOR: `key: value` lines, then, for kinds with a
 * text, a blank line and the text (any number of lines). Lines starting with # are comments.
 */
export function editableText(header: string, fields: [key: string, value: string][], text?: string): string {
  // Short lines: an editor in 80 columns cuts what is longer.
  const lines = [`# ${header}`, '# Change what you want, save and close; an empty file changes nothing.', `# Lines starting with # ${text === undefined ? 'are' : 'above the first blank line are'} ignored.`];
  for (const [key, value] of fields) lines.push(`${key}: ${value}`);
  if (text !== undefined) lines.push('', text);
  return lines.join('\n') + '\n';
}

/**
 * Reads back what `editableText` wrote, as changed by the user: the `key: value` lines up to the
 * first blank line (only `keys` are allowed), and the rest as the text. Undefined when the file was
 * emptied. A line that is not `key: value`, or an unknown key, is an error naming it.
 */
export function readEditedText(content: string, keys: string[], hasText: boolean): { fields: Record<string, string>; text?: string } | undefined {
  // Comment lines are those of the head (up to the first blank line): in the text a line may start
  // with # ("#2 priority: ..."), and it is kept as written.
  const all = content.replace(/\r\n/g, '\n').split('\n');
  const blank = all.findIndex((l) => l.trim() === '');
  const head = blank === -1 ? all : all.slice(0, blank);
  const lines = [...head.filter((l) => !l.startsWith('#')), ...(blank === -1 ? [] : all.slice(blank))];
  if (lines.every((l) => l.trim() === '')) return undefined;
  // A kind with a text and no fields (a learning entry, a daily note): it is all text.
  if (!keys.length && hasText) return { fields: {}, text: lines.join('\n').trim() };
  const fields: Record<string, string> = {};
  let i = 0;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  for (; i < lines.length && lines[i]!.trim() !== ''; i++) {
    const match = /^\s*([a-z]+)\s*:(.*)$/i.exec(lines[i]!);
    const key = match?.[1]?.toLowerCase();
    if (!match || !key || !keys.includes(key)) {
      throw new UserError(`Cannot read the line "${lines[i]}" of the edited entry.`, `Each line ${hasText ? 'before the first blank one ' : ''}is "key: value", with ${keys.length === 1 ? `the key "${keys[0]}"` : `the keys ${keys.map((k) => `"${k}"`).join(', ')}`}.${hasText ? ' The text comes after a blank line.' : ''}`);
    }
    fields[key] = match[2]!.trim();
  }
  const rest = lines.slice(i).join('\n').trim();
  if (!hasText && rest) throw new UserError('The edited entry has text after the blank line, but this kind has no text.', `Keep to the lines "key: value" (${keys.join(', ')}).`);
  return hasText ? { fields, text: rest } : { fields };
}

/**
 * A goal file's text with front matter fields set (`title:`, `due:`): each line replaced in place,
 * or added before the closing `---`; text without front matter gets none. Undefined when nothing changes.
 */
export function withFrontMatter(text: string, fields: Record<string, string>): string | undefined {
  const match = /^(\uFEFF?---\r?\n)([\s\S]*?)(\r?\n---[ \t]*(?:\r?\n|$))/.exec(text);
  if (!match) return undefined;
  const eol = match[1]!.endsWith('\r\n') ? '\r\n' : '\n';
  const lines = match[2]!.split(/\r?\n/);
  for (const [key, value] of Object.entries(fields)) {
    const line = `${key}: ${key === 'title' ? JSON.stringify(value) : value}`;
    const at = lines.findIndex((l) => new RegExp(`^${key}\\s*:`).test(l));
    if (at === -1) lines.push(line);
    else lines[at] = line;
  }
  const next = match[1]! + lines.join(eol) + match[3]! + text.slice(match[0].length);
  return next === text ? undefined : next;
}

/** The `due:` of a goal file's front matter as written (a day, or whatever the user typed), if any. */
export function frontMatterDue(text: string): string | undefined {
  const front = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1];
  if (front === undefined) return undefined;
  const value = /^due\s*:[ \t]*(.*)$/m.exec(front)?.[1]?.trim();
  return value ? value.replace(/^(['"])(.*)\1$/, '$2').trim() : undefined;
}

/** The line that says a goal file's `due:` differs from mtl's (mtl's wins until `mtl edit` takes the file's), or undefined. */
export function dueDrift(goal: { id: string; due?: Day }, fileDue: string | undefined): string | undefined {
  if (fileDue === undefined || fileDue === goal.due) return undefined;
  return `${goal.id}'s file says due ${fileDue}, mtl has ${goal.due ?? 'no date'}: mtl edit ${goal.id} --due ${shellWord(fileDue)} to take the file's`;
}

/** The entries of each kind, by the store's names, for completion. */
export type IdLists = Record<
  'goals' | 'memberGoals' | 'praise' | 'feedback' | 'notes' | 'delegations' | 'oneOnOnes' | 'actions' | 'learning' | 'members' | 'innovationWeeks' | 'assessments' | 'pulses' | 'processes' | 'cultureEvents' | 'moments',
  { id: string; status?: string }[]
>;

const LIST_KIND: Record<keyof IdLists, EntryKind> = {
  goals: 'goal',
  memberGoals: 'reportGoal',
  praise: 'praise',
  feedback: 'feedback',
  notes: 'note',
  delegations: 'delegation',
  oneOnOnes: 'oneOnOne',
  actions: 'action',
  learning: 'learning',
  members: 'report',
  innovationWeeks: 'innovation',
  assessments: 'assessment',
  pulses: 'pulse',
  processes: 'process',
  cultureEvents: 'cultureEvent',
  moments: 'moment',
};

/**
 * The ids a verb works on, for completion: every id for show; for edit and rm the kinds they apply
 * to; for done the open entries of kinds with a status. Newest first within a kind.
 */
export function completableIds(lists: IdLists, command: string): string[] {
  const ids: string[] = [];
  for (const [list, kind] of Object.entries(LIST_KIND) as [keyof IdLists, EntryKind][]) {
    const info = ENTRY_KINDS[kind];
    const applies = command === 'show' || (command === 'edit' ? info.flags.length > 0 : command === 'done' ? info.done : command === 'rm' ? info.rm : false);
    if (!applies) continue;
    const entries = command === 'done' ? lists[list].filter((e) => e.status === 'open') : lists[list];
    for (let i = entries.length - 1; i >= 0; i--) ids.push(entries[i]!.id);
  }
  return ids;
}
