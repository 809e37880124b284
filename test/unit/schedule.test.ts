import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { nextRun, parseSchedule, type Schedule } from '../../src/core/cron.js';
import {
  calendarIntervals,
  launchdPlist,
  onCalendar,
  readLaunchdPlist,
  readSystemdUnits,
  systemdExecWord,
  systemdEnvWord,
  systemdUnits,
  systemdWords,
  xmlEscape,
  xmlUnescape,
} from '../../src/core/schedule.js';

const schedule = (text: string): Schedule => {
  const s = parseSchedule(text);
  if ('error' in s) throw new Error(s.error);
  return s;
};

const HOSTILE = [`/home/a b/it's "x" $HOME \${PATH} %h %% \`id\` back\\slash\\ ;|&<>*?~ é`, '/tmp/%', '/tmp/\\', '/tmp/$', '/tmp/"'];

describe('a cron schedule in systemd calendar syntax', () => {
  it.each([
    ['0 9 * * 1', ['Mon *-*-* 09:00:00']],
    ['30 8 * * 1-5', ['Mon..Fri *-*-* 08:30:00']],
    ['0 9 * * 0,6', ['Sat,Sun *-*-* 09:00:00']],
    ['0 9 * * 7', ['Sun *-*-* 09:00:00']],
    ['*/15 * * * *', ['*-*-* *:00,15,30,45:00']],
    ['@daily', ['*-*-* 00:00:00']],
    ['0 8,12,13,14 1 jan-mar *', ['*-01..03-01 08,12..14:00:00']],
    // Both day fields given: cron runs on either, so two values.
    ['30 8 1,15 * 1-5', ['*-*-01,15 08:30:00', 'Mon..Fri *-*-* 08:30:00']],
    // A day-of-month field starting with * is cron's "any" for the either rule: both must match.
    ['0 9 */2 * 1', ['Mon *-*-01,03,05,07,09,11,13,15,17,19,21,23,25,27,29,31 09:00:00']],
  ])('%s', (text, expected) => {
    expect(onCalendar(schedule(text))).toEqual(expected);
  });

  const hasAnalyze = spawnSync('systemd-analyze', ['--version']).status === 0;
  it.runIf(hasAnalyze)('fires when mtl says it does, as systemd-analyze calendar computes it', () => {
    const base = new Date(2027, 1, 10, 12, 0);
    const local = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}:00`;
    for (const text of ['0 9 * * 1', '30 8 * * 1-5', '*/20 9-10 * * *', '30 8 1,15 * 1-5', '0 9 */2 * 1', '0 0 29 2 *', '5 4 * jun-aug sun', '0 9 31 * *']) {
      const s = schedule(text);
      const r = spawnSync('systemd-analyze', ['calendar', '--iterations=6', `--base-time=${local(base)}`, ...onCalendar(s)], { encoding: 'utf8', env: process.env });
      expect(r.status, r.stderr).toBe(0);
      const theirs = [...new Set([...r.stdout.matchAll(/(?:Next elapse|Iter\. #\d+): \w+ (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)/g)].map((m) => m[1]!))].sort().slice(0, 6);
      const ours: string[] = [];
      for (let at: Date | undefined = base; ours.length < 6 && (at = nextRun(s, at)); ) ours.push(local(at));
      expect(ours, text).toEqual(theirs);
    }
  });
});

describe('nextRun', () => {
  it('is the first matching minute after now', () => {
    expect(nextRun(schedule('0 9 * * 1'), new Date(2027, 1, 15, 9, 0))).toEqual(new Date(2027, 1, 22, 9, 0));
    expect(nextRun(schedule('0 9 * * 1'), new Date(2027, 1, 15, 8, 59))).toEqual(new Date(2027, 1, 15, 9, 0));
    expect(nextRun(schedule('0 0 30 2 *'), new Date(2027, 1, 15))).toBeUndefined();
  });
});

/** How systemd reads a command line back: specifiers, words, then $$ when the command runs. Written apart from mtl's code. */
function execArgs(line: string): string[] {
  const words = systemdWords(line)!;
  return words.map((w) => w.replace(/\$\$/g, '$'));
}

describe('systemd quoting', () => {
  it.each(HOSTILE)('a command word round-trips: %s', (text) => {
    expect(execArgs(`${systemdExecWord('/usr/bin/node')} ${systemdExecWord(text)} "nudge"`)).toEqual(['/usr/bin/node', text, 'nudge']);
  });

  it.each(HOSTILE)('an Environment assignment round-trips, $ as it is: %s', (text) => {
    const word = systemdEnvWord('MTL_HOME', text);
    expect(word.includes('$$')).toBe(false);
    expect(systemdWords(word)).toEqual([`MTL_HOME=${text}`]);
  });

  it('doubles % and $ and escapes \\ and "', () => {
    expect(systemdExecWord('a%b$c\\d"e')).toBe('"a%%b$$c\\\\d\\"e"');
    expect(systemdEnvWord('MTL_HOME', 'a%b$c')).toBe('"MTL_HOME=a%%b$c"');
  });

  it('reads back what it wrote, and refuses a node path systemd would not run', () => {
    const entry = { schedule: schedule('0 9 * * 1'), dataDir: HOSTILE[0]!, node: '/usr/bin/node', script: '/opt/mtl/bin/mtl.cjs', installedAt: '2027-02-10T12:00:00.000Z' };
    const units = systemdUnits(entry);
    expect(readSystemdUnits(units.timer, units.service)).toEqual({ schedule: '0 9 * * 1', installedAt: entry.installedAt, dataDir: entry.dataDir, onCalendar: ['Mon *-*-* 09:00:00'] });
    expect(units.timer).toContain('\nPersistent=true\n');
    expect(() => systemdUnits({ ...entry, node: '/opt/$x/node' })).toThrow(/holds a quote/);
    expect(() => systemdUnits({ ...entry, node: '/opt/it\'s/node' })).toThrow(/holds a quote, a backslash or a \$, which systemd does not run as a program/);
    expect(() => systemdUnits({ ...entry, dataDir: '/tmp/a\nb' })).toThrow(/which a systemd unit cannot hold safely/);
  });
});

describe('launchd', () => {
  it('calendar intervals: one dictionary per combination, missing keys for any', () => {
    expect(calendarIntervals(schedule('0 9 * * 1'))).toEqual([{ Weekday: 1, Hour: 9, Minute: 0 }]);
    expect(calendarIntervals(schedule('30 8 * * 1-5'))).toEqual([1, 2, 3, 4, 5].map((Weekday) => ({ Weekday, Hour: 8, Minute: 30 })));
    expect(calendarIntervals(schedule('*/30 * * * *'))).toEqual([{ Minute: 0 }, { Minute: 30 }]);
    expect(calendarIntervals(schedule('0 9 1,15 * 1'))).toEqual([{ Day: 1, Hour: 9, Minute: 0 }, { Day: 15, Hour: 9, Minute: 0 }, { Weekday: 1, Hour: 9, Minute: 0 }]);
    expect(calendarIntervals(schedule('0 9 1 jan *'))).toEqual([{ Month: 1, Day: 1, Hour: 9, Minute: 0 }]);
    expect(calendarIntervals(schedule('0 9 * * 7'))).toEqual([{ Weekday: 0, Hour: 9, Minute: 0 }]);
    expect(calendarIntervals(schedule('0 9 */2 * 1'))).toMatchObject({ error: expect.stringContaining('a day of the month and a weekday both at once') });
    expect(calendarIntervals(schedule('*/2 */2 1-28 * *'))).toMatchObject({ error: expect.stringContaining('launchd calendar intervals; mtl writes at most 500') });
  });

  it('escapes every string and reads them back', () => {
    expect(xmlEscape(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
    expect(xmlUnescape('&lt;&#65;&#x42;&amp;lt;')).toBe('<AB&lt;');
    const plist = launchdPlist({ schedule: schedule('0 9 * * 1'), dataDir: HOSTILE[0]!, node: '/usr/bin/node', script: '/a&b/<mtl>', installedAt: '2027-02-10T12:00:00.000Z', logFile: `${HOSTILE[0]}/nudge.log` });
    if (typeof plist !== 'string') throw new Error(plist.error);
    expect(plist).toContain('<string>/a&amp;b/&lt;mtl&gt;</string>');
    expect(readLaunchdPlist(plist)).toEqual({ schedule: '0 9 * * 1', installedAt: '2027-02-10T12:00:00.000Z', dataDir: HOSTILE[0], logFile: `${HOSTILE[0]}/nudge.log` });
    // An XML comment cannot hold "--".
    for (const comment of plist.match(/<!--[\s\S]*?-->/g)!) expect(comment.slice(4, -3)).not.toContain('--');
  });
});
