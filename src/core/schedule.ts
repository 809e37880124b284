import { UserError } from '../errors.js';
import { checkSchedulerPaths, parseSchedule, type Schedule } from './cron.js';
import { WEEKDAY_SHORT } from './dates.js';

/**
 * The schedulers beyond cron, as pure text: a cron schedule translated to systemd's calendar syntax
 * and to launchd's calendar intervals, the systemd timer and service and the launchd agent that run
 * `mtl nudge`, and what mtl reads back from them for `mtl schedule status`.
 */

export const SCHEDULERS = ['cron', 'systemd', 'launchd'] as const;
export type SchedulerName = (typeof SCHEDULERS)[number];

/**
 * What the systemd and launchd entries run after node and mtl's script, as cron's line does:
 * `--notify`, since what a scheduled nudge prints is seen by nobody.
 */
export const NUDGE_ARGS: readonly string[] = ['nudge', '--notify'];

/** The paths a scheduler entry spells out, and the schedule in mtl's own (cron) syntax. */
export interface NudgeEntry {
  schedule: Schedule;
  dataDir: string;
  node: string;
  script: string;
  /** ISO time of the install, kept in a comment for `status` (a run due before it was not missed). */
  installedAt: string;
}

// ---------------------------------------------------------------- systemd

export const SYSTEMD_UNIT = 'mtl-nudge';
const SYSTEMD_MARK = '# Written by mtl (mtl schedule install); remove with: mtl schedule uninstall';
const SCHEDULE_PREFIX = '# schedule ';
const INSTALLED_PREFIX = '# installed ';


/** Values as a systemd calendar component: `*` for all, runs of three or more as `a..b`, else a list. */
function calendarList(values: number[], all: number, show: (n: number) => string): string {
  if (values.length === all) return '*';
  const parts: string[] = [];
  for (let i = 0; i < values.length; ) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === values[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${show(values[i]!)}..${show(values[j]!)}`);
    else for (let k = i; k <= j; k++) parts.push(show(values[k]!));
    i = j + 1;
  }
  return parts.join(',');
}

const two = (n: number) => String(n).padStart(2, '0');

/** The weekdays in systemd's order (Monday first), so that Mon..Fri reads as a range. */
function weekdayList(days: Set<number>): string {
  const order = [1, 2, 3, 4, 5, 6, 0].filter((d) => days.has(d));
  if (order.length === 7) return '*';
  const positions = order.map((d) => (d + 6) % 7);
  return calendarList(positions, 8, (p) => WEEKDAY_SHORT[(p + 1) % 7]!);
}

/**
 * The schedule as systemd `OnCalendar=` values (several fire as one timer). Cron fires when either
 * day field matches if both are restricted, and when both match otherwise; systemd always wants
 * both, so the first case becomes two values: one for the days of the month, one for the weekdays.
 */
export function onCalendar(s: Schedule): string[] {
  const time = `${calendarList(s.hours, 24, two)}:${calendarList(s.minutes, 60, two)}:00`;
  const months = calendarList([...s.months].sort((a, b) => a - b), 12, two);
  const days = (set: Set<number>) => calendarList([...set].sort((a, b) => a - b), 31, two);
  const weekdays = weekdayList(s.daysOfWeek);
  if (!s.anyDayOfMonth && !s.anyDayOfWeek) {
    return [`*-${months}-${days(s.daysOfMonth)} ${time}`, `${weekdays} *-${months}-* ${time}`];
  }
  const date = `*-${months}-${days(s.daysOfMonth)} ${time}`;
  return [weekdays === '*' ? date : `${weekdays} ${date}`];
}

/**
 * One word of a unit file's command line (ExecStart=), as systemd reads it back exactly: double
 * quotes around it, `\` and `"` escaped, `%` doubled (specifiers are expanded before the line is
 * split) and `$` doubled (variables are expanded in each word when the command runs).
 */
export function systemdExecWord(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/%/g, '%%').replace(/\$/g, '$$$$')}"`;
}

/**
 * One assignment of `Environment=`: quoted as a command word, but with `$` as it is, since systemd
 * expands no variables there ("$ has no special meaning", systemd.exec(5)).
 */
export function systemdEnvWord(name: string, value: string): string {
  return `"${`${name}=${value}`.replace(/[\\"]/g, (c) => `\\${c}`).replace(/%/g, '%%')}"`;
}

export interface SystemdUnits {
  service: string;
  timer: string;
}

/** The service that runs the nudge once, and the timer that starts it on the schedule. */
export function systemdUnits(e: NudgeEntry): SystemdUnits {
  checkSchedulerPaths(e, 'a systemd unit');
  // systemd refuses to run a program whose path holds a quote or a backslash ("Executable name
  // contains special characters"), and takes the program's path without expanding $$, so a `$`
  // there cannot be written; mtl's script and the data folder are arguments, so they may.
  if (/["'\\$\x7f]/.test(e.node)) {
    throw new UserError(
      `The node program ${JSON.stringify(e.node)} holds a quote, a backslash or a $, which systemd does not run as a program; nothing was changed.`,
      'Run mtl with a node whose path has none of them (for example /usr/bin/node), or use cron: mtl schedule install --with cron',
    );
  }
  const service = [
    SYSTEMD_MARK,
    '[Unit]',
    'Description=mtl nudge: the weekly reminders of mtl',
    '',
    '[Service]',
    'Type=oneshot',
    `Environment=${systemdEnvWord('MTL_HOME', e.dataDir)}`,
    `ExecStart=${[e.node, e.script, ...NUDGE_ARGS].map(systemdExecWord).join(' ')}`,
    '',
  ].join('\n');
  const timer = [
    SYSTEMD_MARK,
    `${SCHEDULE_PREFIX}${e.schedule.text} (cron syntax; change it with: mtl schedule install --schedule "...")`,
    `${INSTALLED_PREFIX}${e.installedAt}`,
    '[Unit]',
    `Description=Run mtl nudge (${e.schedule.text})`,
    '',
    '[Timer]',
    ...onCalendar(e.schedule).map((c) => `OnCalendar=${c}`),
    // A run missed while the machine was off or asleep happens when it is back.
    'Persistent=true',
    `Unit=${SYSTEMD_UNIT}.service`,
    '',
    '[Install]',
    'WantedBy=timers.target',
    '',
  ].join('\n');
  return { service, timer };
}

/** The timer's text without the install time: two installs of the same entry compare equal. */
export function withoutInstalledAt(text: string): string {
  return text
    .split('\n')
    .filter((l) => !l.startsWith(INSTALLED_PREFIX))
    .join('\n');
}

/** A unit file that mtl wrote (its first line is mtl's mark). */
export const isMtlUnit = (text: string) => text.startsWith(`${SYSTEMD_MARK}\n`);

/**
 * The words of a unit file's value as systemd splits them: blanks separate words, double or single
 * quotes group them, backslash escapes (C-style) inside and outside quotes; `%%` is a `%` first.
 * Undefined when the text holds a specifier or an unfinished quote.
 */
export function systemdWords(value: string): string[] | undefined {
  if (/%[^%]/.test(value.replace(/%%/g, ''))) return undefined;
  const text = value.replace(/%%/g, '%');
  const words: string[] = [];
  const escapes: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', s: ' ', '\\': '\\', '"': '"', "'": "'" };
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /[ \t]/.test(text[i]!)) i++;
    if (i >= text.length) break;
    let word = '';
    let quote: string | undefined;
    for (; i < text.length; i++) {
      const ch = text[i]!;
      if (!quote && /[ \t]/.test(ch)) break;
      if (ch === '\\') {
        const next = text[++i];
        if (next === undefined || !(next in escapes)) return undefined;
        word += escapes[next];
      } else if (quote ? ch === quote : ch === '"' || ch === "'") {
        quote = quote ? undefined : ch;
      } else {
        word += ch;
      }
    }
    if (quote) return undefined;
    words.push(word);
  }
  return words;
}

export interface FoundUnits {
  schedule?: string;
  installedAt?: string;
  dataDir?: string;
  onCalendar: string[];
}

/** What mtl's timer and service say: the schedule and install time it noted, the data folder. */
export function readSystemdUnits(timer: string, service: string | undefined): FoundUnits {
  const lines = timer.split('\n');
  const found: FoundUnits = { onCalendar: lines.filter((l) => l.startsWith('OnCalendar=')).map((l) => l.slice('OnCalendar='.length)) };
  const schedule = lines.find((l) => l.startsWith(SCHEDULE_PREFIX));
  if (schedule) found.schedule = schedule.slice(SCHEDULE_PREFIX.length).replace(/\s*\(cron syntax.*$/, '');
  const installed = lines.find((l) => l.startsWith(INSTALLED_PREFIX));
  if (installed) found.installedAt = installed.slice(INSTALLED_PREFIX.length).trim();
  const env = service?.split('\n').find((l) => l.startsWith('Environment='));
  const home = env && systemdWords(env.slice('Environment='.length))?.find((w) => w.startsWith('MTL_HOME='));
  if (home) found.dataDir = home.slice('MTL_HOME='.length);
  return found;
}

// ---------------------------------------------------------------- launchd

export const LAUNCHD_LABEL = 'com.mtl.nudge';
const PLIST_MARK = '<!-- Written by mtl (mtl schedule install); remove with: mtl schedule uninstall -->';

/** Text for an XML element or attribute: every character XML could read as markup escaped. */
export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export function xmlUnescape(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_m, name: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (name in named) return named[name]!;
    return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
  });
}

export type CalendarInterval = Partial<Record<'Month' | 'Day' | 'Weekday' | 'Hour' | 'Minute', number>>;

/** The most intervals mtl writes into one agent: a schedule needing more is refused. */
export const MAX_INTERVALS = 500;

/**
 * The schedule as launchd `StartCalendarInterval` dictionaries, one per combination of restricted
 * fields (a missing key is any value). Cron's "either day field" case becomes dictionaries with a
 * Day and others with a Weekday; a schedule needing both in one dictionary, or too many, is refused.
 */
export function calendarIntervals(s: Schedule): CalendarInterval[] | { error: string } {
  const restricted = (values: number[], all: number) => (values.length === all ? [undefined] : values);
  const months = restricted([...s.months].sort((a, b) => a - b), 12);
  const hours = restricted(s.hours, 24);
  const minutes = restricted(s.minutes, 60);
  const doms = [...s.daysOfMonth].sort((a, b) => a - b);
  const dows = [...s.daysOfWeek].sort((a, b) => a - b);
  let days: CalendarInterval[];
  if (!s.anyDayOfMonth && !s.anyDayOfWeek) {
    days = [...doms.map((Day) => ({ Day })), ...dows.map((Weekday) => ({ Weekday }))];
  } else if (doms.length < 31 && dows.length < 7) {
    return { error: `launchd cannot run "${s.text}": it cannot ask for a day of the month and a weekday both at once` };
  } else if (doms.length < 31) {
    days = doms.map((Day) => ({ Day }));
  } else {
    days = dows.length < 7 ? dows.map((Weekday) => ({ Weekday })) : [{}];
  }
  const count = months.length * days.length * hours.length * minutes.length;
  if (count > MAX_INTERVALS) {
    return { error: `"${s.text}" would need ${count} launchd calendar intervals; mtl writes at most ${MAX_INTERVALS}` };
  }
  const out: CalendarInterval[] = [];
  for (const Month of months) {
    for (const day of days) {
      for (const Hour of hours) {
        for (const Minute of minutes) {
          const interval: CalendarInterval = {};
          if (Month !== undefined) interval.Month = Month;
          Object.assign(interval, day);
          if (Hour !== undefined) interval.Hour = Hour;
          if (Minute !== undefined) interval.Minute = Minute;
          out.push(interval);
        }
      }
    }
  }
  return out;
}

export interface LaunchdAgent extends NudgeEntry {
  /** Where launchd writes what the nudge prints (stdout and stderr). */
  logFile: string;
}

/** The LaunchAgent property list; every string XML-escaped. */
export function launchdPlist(a: LaunchdAgent): string | { error: string } {
  checkSchedulerPaths(a, 'a launchd agent');
  const intervals = calendarIntervals(a.schedule);
  if ('error' in intervals) return intervals;
  const str = (s: string) => `<string>${xmlEscape(s)}</string>`;
  const dict = (i: CalendarInterval, indent: string) =>
    [`${indent}<dict>`, ...Object.entries(i).map(([k, v]) => `${indent}  <key>${k}</key><integer>${v}</integer>`), `${indent}</dict>`];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    PLIST_MARK,
    `<!-- schedule ${a.schedule.text} (cron syntax; mtl schedule install changes it) -->`,
    `<!-- installed ${a.installedAt} -->`,
    '<plist version="1.0">',
    '<dict>',
    `  <key>Label</key>${str(LAUNCHD_LABEL)}`,
    '  <key>ProgramArguments</key>',
    '  <array>',
    ...[a.node, a.script, ...NUDGE_ARGS].map((w) => `    ${str(w)}`),
    '  </array>',
    '  <key>EnvironmentVariables</key>',
    '  <dict>',
    `    <key>MTL_HOME</key>${str(a.dataDir)}`,
    '  </dict>',
    '  <key>StartCalendarInterval</key>',
    '  <array>',
    ...intervals.flatMap((i) => dict(i, '    ')),
    '  </array>',
    `  <key>StandardOutPath</key>${str(a.logFile)}`,
    `  <key>StandardErrorPath</key>${str(a.logFile)}`,
    '</dict>',
    '</plist>',
    '',
  ].join('\n');
}

export const isMtlPlist = (text: string) => text.includes(`\n${PLIST_MARK}\n`);

export function withoutPlistInstalledAt(text: string): string {
  return text.replace(/\n<!-- installed [^\n]* -->\n/, '\n');
}

export interface FoundAgent {
  schedule?: string;
  installedAt?: string;
  dataDir?: string;
  logFile?: string;
}

/** What mtl's agent says: the schedule and install time it noted, the data folder and the log. */
export function readLaunchdPlist(text: string): FoundAgent {
  const found: FoundAgent = {};
  const schedule = /\n<!-- schedule (.*?) \(cron syntax/.exec(text);
  if (schedule) found.schedule = schedule[1];
  const installed = /\n<!-- installed (\S+) -->/.exec(text);
  if (installed) found.installedAt = installed[1];
  const home = /<key>MTL_HOME<\/key>\s*<string>([^<]*)<\/string>/.exec(text);
  if (home) found.dataDir = xmlUnescape(home[1]!);
  const log = /<key>StandardOutPath<\/key>\s*<string>([^<]*)<\/string>/.exec(text);
  if (log) found.logFile = xmlUnescape(log[1]!);
  return found;
}

/** A schedule noted in an entry, parsed; undefined when absent or not one mtl reads. */
export function notedSchedule(text: string | undefined): Schedule | undefined {
  if (!text) return undefined;
  const parsed = parseSchedule(text);
  return 'error' in parsed ? undefined : parsed;
}
