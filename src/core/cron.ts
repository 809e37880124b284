import { UserError } from '../errors.js';
import { escapeControls, singleQuoted } from './text.js';
/**
 * The crontab block that runs `mtl nudge`, as pure text operations: build it, put it in or take it
 * out of a crontab without touching any other byte, read it back, and work out when cron should
 * last have run it.
 */
export const BLOCK_BEGIN = '# >>> mtl nudge (managed by mtl; edit with mtl cron) >>>';
export const BLOCK_END = '# <<< mtl nudge <<<';
export const DEFAULT_SCHEDULE = '0 9 * * 1';
const INSTALLED_PREFIX = '# installed ';

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { name: 'day of week', min: 0, max: 7, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
] as const;

const NICKNAMES: Record<string, string> = {
  '@hourly': '0 * * * *',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@weekly': '0 0 * * 0',
  '@monthly': '0 0 1 * *',
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
};

/** A parsed schedule: the allowed values of each field, and whether the day fields were restricted. */
export interface Schedule {
  text: string;
  minutes: number[];
  hours: number[];
  daysOfMonth: Set<number>;
  months: Set<number>;
  daysOfWeek: Set<number>;
  anyDayOfMonth: boolean;
  anyDayOfWeek: boolean;
}

/** Parses a 5-field cron expression (or @daily and friends); the error says which field is wrong. */
export function parseSchedule(text: string): Schedule | { error: string } {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  const expanded = NICKNAMES[trimmed.toLowerCase()] ?? trimmed;
  const parts = expanded.split(' ');
  if (parts.length !== 5 || expanded === '') {
    return { error: `"${text}" has ${expanded === '' ? 0 : parts.length} fields; a cron schedule has 5: minute hour day-of-month month day-of-week.` };
  }
  const sets: number[][] = [];
  for (const [i, field] of FIELDS.entries()) {
    const values = parseField(parts[i]!, field);
    if (typeof values === 'string') return { error: `In "${text}", the ${field.name} field "${parts[i]}" ${values}` };
    sets.push(values);
  }
  const dow = new Set(sets[4]!.map((d) => d % 7));
  return {
    text: trimmed,
    minutes: sets[0]!,
    hours: sets[1]!,
    daysOfMonth: new Set(sets[2]),
    months: new Set(sets[3]),
    daysOfWeek: dow,
    anyDayOfMonth: parts[2]!.startsWith('*'),
    anyDayOfWeek: parts[4]!.startsWith('*'),
  };
}

function parseField(text: string, field: (typeof FIELDS)[number]): number[] | string {
  const allowed = `should be * or numbers ${field.min}-${field.max}${'names' in field ? ` or names (${field.names[0]}, ${field.names[1]}...)` : ''}, with - ranges, / steps and , lists.`;
  const value = (word: string): number | undefined => {
    const named = 'names' in field ? (field.names as readonly string[]).indexOf(word.toLowerCase()) : -1;
    if (named >= 0) return named + (field.name === 'month' ? 1 : 0);
    if (!/^\d+$/.test(word)) return undefined;
    const n = Number(word);
    return n >= field.min && n <= field.max ? n : undefined;
  };
  const result = new Set<number>();
  for (const item of text.split(',')) {
    const m = /^(\*|[\w]+(?:-[\w]+)?)(?:\/(\d+))?$/.exec(item);
    if (!m) return allowed;
    const step = m[2] === undefined ? 1 : Number(m[2]);
    if (step < 1) return allowed;
    let from: number = field.min;
    let to: number = field.max;
    if (m[1] !== '*') {
      const [a, b] = m[1]!.split('-');
      const lo = value(a!);
      const hi = b === undefined ? (m[2] === undefined ? lo : field.max) : value(b);
      if (lo === undefined || hi === undefined || hi < lo) return allowed;
      from = lo;
      to = hi;
    }
    for (let n = from; n <= to; n += step) result.add(n);
  }
  return [...result].sort((a, b) => a - b);
}

function matchesDay(s: Schedule, date: Date): boolean {
  if (!s.months.has(date.getMonth() + 1)) return false;
  const dom = s.daysOfMonth.has(date.getDate());
  const dow = s.daysOfWeek.has(date.getDay());
  // cron's rule: when both day fields are restricted, either one matching is enough.
  if (!s.anyDayOfMonth && !s.anyDayOfWeek) return dom || dow;
  return dom && dow;
}

/**
 * The next instant after `now` at which the schedule fires, in local time; undefined when it never
 * does in the next eight years (a 30th of February).
 */
export function nextRun(s: Schedule, now: Date): Date | undefined {
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  for (let ahead = 0; ahead < 8 * 366; ahead++) {
    const date = new Date(day.getFullYear(), day.getMonth(), day.getDate() + ahead);
    if (!matchesDay(s, date)) continue;
    for (const hour of s.hours) {
      for (const minute of s.minutes) {
        const at = new Date(date.getFullYear(), date.getMonth(), date.getDate(), hour, minute);
        if (at.getTime() > now.getTime()) return at;
      }
    }
  }
  return undefined;
}

/**
 * The most recent instant at or before `now` when cron should have run the schedule, in local
 * time; undefined if it never fires in the last eight years (a 30th of February).
 */
export function previousRun(s: Schedule, now: Date): Date | undefined {
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  for (let back = 0; back < 8 * 366; back++) {
    const date = new Date(day.getFullYear(), day.getMonth(), day.getDate() - back);
    if (!matchesDay(s, date)) continue;
    for (const hour of [...s.hours].reverse()) {
      for (const minute of [...s.minutes].reverse()) {
        const at = new Date(date.getFullYear(), date.getMonth(), date.getDate(), hour, minute);
        if (at.getTime() <= now.getTime()) return at;
      }
    }
  }
  return undefined;
}

/**
 * The most bytes Debian's cron takes after the five time fields: its crontab refuses a longer
 * command ("command too long"); a cron that does not check could cut it short and run the rest.
 */
export const MAX_CRON_COMMAND = 998;

const CONTROL = /\p{Cc}/u;
const CONTROL_NAMES: Record<string, string> = { '\n': 'a line break (\\n)', '\r': 'a carriage return (\\r)', '\0': 'a NUL byte (\\0)', '\t': 'a tab (\\t)' };

/** A value as a quoted string whose control characters are all spelled as escapes. */
function shownPath(value: string): string {
  return escapeControls(JSON.stringify(value));
}

/** What a scheduler entry names: the data folder it sets, the node that runs mtl, mtl's script. */
export type SchedulerPathKind = 'data folder' | 'node program' | 'mtl program';

const SCHEDULER_PATH_FIX: Record<SchedulerPathKind, string> = {
  'data folder': 'Use a data folder whose name has no control characters (mtl --home <folder> cron install, or MTL_HOME).',
  'node program': 'Run mtl with a node whose path has no control characters (for example /usr/local/bin/node).',
  'mtl program': 'Install mtl in a folder whose path has no control characters (for example npm install -g).',
};

/**
 * A path that a scheduler entry spells out (a crontab line today; a systemd or launchd unit file
 * would need the same): refused when it holds a control character. A line break would end the entry
 * and start another, written by whoever named the path; a carriage return, NUL, tab or escape has no business
 * in a path that a scheduler runs, nor in the line mtl prints back. Returns the path as given.
 */
export function schedulerPath(what: SchedulerPathKind, value: string, entry = 'a crontab line'): string {
  const bad = CONTROL.exec(value)?.[0];
  if (bad === undefined) return value;
  const name = CONTROL_NAMES[bad] ?? `a control character (U+${bad.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`;
  throw new UserError(`The ${what} ${shownPath(value)} holds ${name}, which ${entry} cannot hold safely; nothing was changed.`, SCHEDULER_PATH_FIX[what]);
}

/** Every path of a scheduler entry checked, in the order of the entry; the first bad one is refused. */
export function checkSchedulerPaths(paths: { dataDir: string; node: string; script: string }, entry?: string): void {
  schedulerPath('data folder', paths.dataDir, entry);
  schedulerPath('node program', paths.node, entry);
  schedulerPath('mtl program', paths.script, entry);
}

/**
 * Quotes a word for the shell that cron hands the command to. Single quotes make spaces, quotes,
 * `$`, backticks and backslashes plain; `%` is cron's own (a bare one ends the command and feeds the
 * rest to stdin), so it is written `\%`. Cron reads a backslash before `\%` as escaping that
 * backslash instead, so a `%` right after a backslash of the path goes outside the quotes: `'a\'\%'b'`.
 */
export function cronQuote(text: string): string {
  const quoted = singleQuoted(text);
  return quoted.replace(/(\\?)%/g, (_m, backslash: string) => (backslash ? `\\'\\%'` : '\\%'));
}

/**
 * The part of a crontab command that cron hands to `/bin/sh -c`, as Vixie and Debian cron work it
 * out: `\%` is a `%`, and the first bare `%` ends the command (the rest goes to its stdin).
 */
export function cronCommand(command: string): string {
  let out = '';
  let escaped = false;
  for (const ch of command) {
    if (escaped) {
      out = ch === '%' ? out.slice(0, -1) + ch : out + ch;
      escaped = false;
    } else if (ch === '%') {
      break;
    } else {
      out += ch;
      escaped = ch === '\\';
    }
  }
  return out;
}

/**
 * The value of one shell word written with single quotes and backslashes, as `sh` reads it, up to
 * the first unquoted blank; undefined when the word holds what only the shell could work out
 * (`$`, backticks, double quotes, globs).
 */
export function shellWordValue(text: string): string | undefined {
  let value = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\t') break;
    if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end === -1) return undefined;
      value += text.slice(i + 1, end);
      i = end;
    } else if (ch === '\\') {
      if (i + 1 >= text.length) return undefined;
      value += text[++i];
    } else if (/[$`"*?[\]{}~;&|<>()]/.test(ch)) {
      return undefined;
    } else {
      value += ch;
    }
  }
  return value;
}

export interface NudgeLine {
  schedule: string;
  dataDir: string;
  node: string;
  script: string;
}

/**
 * The crontab line: cron's environment is minimal, so the data folder and paths are spelled out.
 * `--notify`: what cron prints usually goes nowhere, so the nudge also shows a desktop notification
 * and keeps what it printed for the next `mtl` on a terminal.
 */
export function nudgeLine(l: NudgeLine): string {
  checkSchedulerPaths(l);
  const command = `MTL_HOME=${cronQuote(l.dataDir)} ${cronQuote(l.node)} ${cronQuote(l.script)} nudge --notify`;
  const bytes = new TextEncoder().encode(command).length;
  if (bytes > MAX_CRON_COMMAND) {
    throw new UserError(
      `The crontab command would be ${bytes} bytes long; cron takes at most ${MAX_CRON_COMMAND}, so nothing was changed. The data folder is ${shownPath(l.dataDir)}.`,
      'Use a data folder with a shorter path (mtl --home <folder> cron install, or MTL_HOME).',
    );
  }
  return `${l.schedule} ${command}`;
}

export function buildBlock(line: string, installedAt: string): string {
  return [BLOCK_BEGIN, `${INSTALLED_PREFIX}${installedAt}; see it with: mtl cron status`, line, BLOCK_END].join('\n') + '\n';
}

export interface FoundBlock {
  /** The block's text, marker lines and their newlines included. */
  text: string;
  line?: string;
  schedule?: string;
  dataDir?: string;
  installedAt?: string;
}

interface Span {
  start: number;
  end: number;
}

/** Where the marked blocks are, as character ranges of whole lines; an unclosed block is an error. */
function blockSpans(crontab: string): Span[] | { error: string } {
  const spans: Span[] = [];
  let open: number | undefined;
  let at = 0;
  while (at < crontab.length) {
    const nl = crontab.indexOf('\n', at);
    const next = nl === -1 ? crontab.length : nl + 1;
    const line = crontab.slice(at, nl === -1 ? crontab.length : nl).replace(/\r$/, '');
    if (line === BLOCK_BEGIN) {
      if (open !== undefined) return { error: 'it has two mtl begin markers without an end marker between them' };
      open = at;
    } else if (line === BLOCK_END) {
      if (open === undefined) return { error: `it has an mtl end marker ("${BLOCK_END}") without a begin marker` };
      spans.push({ start: open, end: next });
      open = undefined;
    }
    at = next;
  }
  if (open !== undefined) return { error: `it has an mtl begin marker ("${BLOCK_BEGIN}") without an end marker` };
  return spans;
}

/** The mtl block of a crontab and what it says, or undefined when there is none. */
export function findBlock(crontab: string): FoundBlock | undefined | { error: string } {
  const spans = blockSpans(crontab);
  if ('error' in spans) return spans;
  const span = spans[0];
  if (!span) return undefined;
  const text = crontab.slice(span.start, span.end);
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const line = lines.find((l) => l.trim() && !l.startsWith('#'));
  const installed = lines.find((l) => l.startsWith(INSTALLED_PREFIX));
  const found: FoundBlock = { text };
  if (installed) found.installedAt = installed.slice(INSTALLED_PREFIX.length).split(';')[0]!.trim();
  if (line) {
    found.line = line;
    const tokens = line.trim().split(/\s+/);
    const schedule = tokens[0]?.startsWith('@') ? tokens.slice(0, 1) : tokens.slice(0, 5);
    found.schedule = schedule.join(' ');
    const command = cronCommand(line);
    const at = command.indexOf(' MTL_HOME=');
    const dataDir = at === -1 ? undefined : shellWordValue(command.slice(at + ' MTL_HOME='.length));
    if (dataDir) found.dataDir = dataDir;
  }
  return found;
}

/**
 * The crontab with the mtl block replaced by `block` (or appended at the end, on a line of its own).
 * Every other byte stays as it was; extra copies of the block are removed.
 */
export function withBlock(crontab: string, block: string): string | { error: string } {
  const spans = blockSpans(crontab);
  if ('error' in spans) return spans;
  if (!spans.length) return crontab + (crontab === '' || crontab.endsWith('\n') ? '' : '\n') + block;
  let result = '';
  let at = 0;
  for (const [i, span] of spans.entries()) {
    result += crontab.slice(at, span.start) + (i === 0 ? block : '');
    at = span.end;
  }
  return result + crontab.slice(at);
}

/** The crontab without the mtl block; everything else byte for byte. */
export function withoutBlock(crontab: string): string | { error: string } {
  const spans = blockSpans(crontab);
  if ('error' in spans) return spans;
  let result = '';
  let at = 0;
  for (const span of spans) {
    result += crontab.slice(at, span.start);
    at = span.end;
  }
  return result + crontab.slice(at);
}

/** How late a run may be before status calls cron dead: machines sleep, cron catches up on wake. */
export const GRACE_MS = 60 * 60 * 1000;

/**
 * The scheduled run that seems to have been missed: the last time cron should have run the nudge
 * (after it was installed, more than the grace period ago) when no run was recorded since.
 */
export function missedRun(s: Schedule, now: Date, lastRunAt: Date | undefined, installedAt: Date | undefined): Date | undefined {
  const expected = previousRun(s, new Date(now.getTime() - GRACE_MS));
  if (!expected) return undefined;
  if (installedAt && installedAt.getTime() > expected.getTime()) return undefined;
  if (lastRunAt && lastRunAt.getTime() >= expected.getTime()) return undefined;
  return expected;
}
