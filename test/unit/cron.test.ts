import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BLOCK_BEGIN,
  BLOCK_END,
  buildBlock,
  checkSchedulerPaths,
  cronCommand,
  cronQuote,
  findBlock,
  MAX_CRON_COMMAND,
  missedRun,
  nudgeLine,
  parseSchedule,
  previousRun,
  schedulerPath,
  shellWordValue,
  withBlock,
  withoutBlock,
  type Schedule,
} from '../../src/core/cron.js';

const schedule = (text: string): Schedule => {
  const s = parseSchedule(text);
  if ('error' in s) throw new Error(s.error);
  return s;
};
const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min);
const line = nudgeLine({ schedule: '0 9 * * 1', dataDir: '/home/me/.config/mtl', node: '/usr/bin/node', script: '/opt/mtl/bin/mtl.js' });
const block = buildBlock(line, '2027-01-04T08:00:00.000Z');

describe('parseSchedule', () => {
  it('reads numbers, ranges, steps, lists, names and @nicknames', () => {
    const s = schedule('*/15 9-17 * jan,jul mon-fri');
    expect(s.minutes).toEqual([0, 15, 30, 45]);
    expect(s.hours).toEqual([9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect([...s.months]).toEqual([1, 7]);
    expect([...s.daysOfWeek]).toEqual([1, 2, 3, 4, 5]);
    expect([...schedule('0 0 * * 7').daysOfWeek]).toEqual([0]);
    expect(schedule('5/20 * * * *').minutes).toEqual([5, 25, 45]);
    expect(schedule('@weekly')).toMatchObject({ text: '@weekly', minutes: [0], hours: [0] });
    expect(schedule('  0   9 * *  1 ').text).toBe('0 9 * * 1');
  });

  it('names the field that is wrong', () => {
    expect(parseSchedule('61 * * * *')).toEqual({ error: 'In "61 * * * *", the minute field "61" should be * or numbers 0-59, with - ranges, / steps and , lists.' });
    expect(parseSchedule('0 9 * * funday')).toMatchObject({ error: expect.stringContaining('the day of week field "funday" should be * or numbers 0-7 or names (sun, mon...)') });
    expect(parseSchedule('0 9 * *')).toMatchObject({ error: expect.stringContaining('has 4 fields; a cron schedule has 5') });
    expect(parseSchedule('')).toMatchObject({ error: expect.stringContaining('has 0 fields') });
    expect(parseSchedule('0 17-9 * * *')).toMatchObject({ error: expect.stringContaining('hour field "17-9"') });
    expect(parseSchedule('*/0 * * * *')).toMatchObject({ error: expect.stringContaining('minute field') });
    expect(parseSchedule('0 9 * * 1; rm -rf ~')).toHaveProperty('error');
  });
});

describe('previousRun', () => {
  it('finds the last Monday 09:00 at or before now', () => {
    const monday = schedule('0 9 * * 1');
    expect(previousRun(monday, local(2027, 1, 6, 12))).toEqual(local(2027, 1, 4, 9));
    expect(previousRun(monday, local(2027, 1, 4, 9))).toEqual(local(2027, 1, 4, 9));
    expect(previousRun(monday, local(2027, 1, 4, 8, 59))).toEqual(local(2026, 12, 28, 9));
    expect(previousRun(schedule('* * * * *'), local(2027, 1, 4, 8, 59))).toEqual(local(2027, 1, 4, 8, 59));
  });

  it("uses cron's either-day rule when both day fields are set", () => {
    // The 13th, or any Friday: from Thursday 2027-01-07, the 13th of December 2026 was later than Friday 1st.
    expect(previousRun(schedule('0 0 13 * 5'), local(2027, 1, 7, 12))).toEqual(local(2027, 1, 1));
    expect(previousRun(schedule('0 0 13 * 5'), local(2026, 12, 14))).toEqual(local(2026, 12, 13));
    expect(previousRun(schedule('0 0 30 2 *'), local(2027, 1, 1))).toBeUndefined();
  });

  describe('in America/New_York', () => {
    const saved = process.env.TZ;
    beforeEach(() => void (process.env.TZ = 'America/New_York'));
    afterEach(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });
    it('keeps 09:00 local across the change to daylight saving time', () => {
      const run = previousRun(schedule('0 9 * * 1'), local(2027, 3, 16, 8))!;
      expect(run.toISOString()).toBe('2027-03-15T13:00:00.000Z');
      expect(previousRun(schedule('0 9 * * 1'), local(2027, 3, 14, 8))!.toISOString()).toBe('2027-03-08T14:00:00.000Z');
    });
  });
});

describe('the crontab block', () => {
  it('quotes paths for the shell and escapes % for cron', () => {
    expect(cronQuote("/home/o'neil/100%")).toBe(`'/home/o'\\''neil/100\\%'`);
    expect(line).toBe("0 9 * * 1 MTL_HOME='/home/me/.config/mtl' '/usr/bin/node' '/opt/mtl/bin/mtl.js' nudge --notify");
  });

  it('appends to an empty crontab, or after the last line', () => {
    expect(withBlock('', block)).toBe(block);
    expect(withBlock('MAILTO=me\n', block)).toBe(`MAILTO=me\n${block}`);
    expect(withBlock('MAILTO=me', block)).toBe(`MAILTO=me\n${block}`);
  });

  it('replaces its own block and keeps every other byte', () => {
    const others = ['# mine  \t', '*/5 * * * * /usr/local/bin/backup --quiet 2>&1 | logger', 'PATH=/bin\r', '', '@reboot echo hi'];
    const before = `${others.slice(0, 2).join('\n')}\n${block}${others.slice(2).join('\n')}\n`;
    const other = buildBlock(nudgeLine({ schedule: '30 8 * * 1-5', dataDir: '/d', node: '/n', script: '/s' }), '2027-02-01T00:00:00Z');
    const after = withBlock(before, other) as string;
    expect(after).toBe(`${others.slice(0, 2).join('\n')}\n${other}${others.slice(2).join('\n')}\n`);
    expect(withoutBlock(after)).toBe(`${others.join('\n')}\n`);
  });

  it('is idempotent, and collapses duplicate blocks into one', () => {
    const once = withBlock('MAILTO=me\n', block) as string;
    expect(withBlock(once, block)).toBe(once);
    const twice = `${once}0 0 * * * other\n${block}`;
    expect(withBlock(twice, block)).toBe(`${once}0 0 * * * other\n`);
    expect(withoutBlock(twice)).toBe('MAILTO=me\n0 0 * * * other\n');
  });

  it('refuses a crontab whose markers are broken', () => {
    expect(withBlock(`${BLOCK_BEGIN}\n0 9 * * 1 x\n`, block)).toEqual({ error: expect.stringContaining('without an end marker') });
    expect(withoutBlock(`x\n${BLOCK_END}\n`)).toEqual({ error: expect.stringContaining('without a begin marker') });
    expect(findBlock(`${BLOCK_BEGIN}\n${BLOCK_BEGIN}\n${BLOCK_END}\n`)).toEqual({ error: expect.stringContaining('two mtl begin markers') });
  });

  it('reads back the schedule, data folder and installation time', () => {
    const odd = nudgeLine({ schedule: '*/15 9-17 * * mon-fri', dataDir: "/home/o'neil/100% mtl", node: '/n', script: '/s' });
    expect(findBlock(`x\n${buildBlock(odd, '2027-01-04T08:00:00.000Z')}y\n`)).toMatchObject({
      line: odd,
      schedule: '*/15 9-17 * * mon-fri',
      dataDir: "/home/o'neil/100% mtl",
      installedAt: '2027-01-04T08:00:00.000Z',
    });
    expect(findBlock('MAILTO=me\n')).toBeUndefined();
  });
});

describe('paths in a scheduler entry', () => {
  const refused = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return { message: (e as Error).message, hint: (e as { hint?: string }).hint };
    }
    throw new Error('not refused');
  };

  it('takes any path without control characters, spaces, quotes, $, backticks and % included', () => {
    const odd = "/home/o'neil/x y/$HOME `id` \"q\" 100% \\% é 日本";
    expect(schedulerPath('data folder', odd)).toBe(odd);
    expect(() => checkSchedulerPaths({ dataDir: odd, node: odd, script: odd })).not.toThrow();
  });

  it('refuses every control character, naming the path and the character, with the way out', () => {
    expect(refused(() => schedulerPath('data folder', '/tmp/a\n* * * * * true INJECTED #'))).toEqual({
      message: 'The data folder "/tmp/a\\n* * * * * true INJECTED #" holds a line break (\\n), which a crontab line cannot hold safely; nothing was changed.',
      hint: 'Use a data folder whose name has no control characters (mtl --home <folder> cron install, or MTL_HOME).',
    });
    expect(refused(() => schedulerPath('node program', '/a\rb')).message).toContain('The node program "/a\\rb" holds a carriage return (\\r)');
    expect(refused(() => schedulerPath('mtl program', '/a\0b')).message).toContain('holds a NUL byte (\\0)');
    expect(refused(() => schedulerPath('mtl program', '/a\tb')).message).toContain('holds a tab (\\t)');
    expect(refused(() => schedulerPath('data folder', '/a\u001b[2Jb')).message).toContain('"/a\\u001b[2Jb" holds a control character (U+001B)');
    expect(refused(() => schedulerPath('data folder', '/a\u007fb')).message).toContain('"/a\\u007fb" holds a control character (U+007F)');
    expect(refused(() => schedulerPath('data folder', '/a\u009bb')).message).toContain('"/a\\u009bb" holds a control character (U+009B)');
    // The entry's kind is a parameter: a systemd or launchd unit file has the same rule.
    expect(refused(() => schedulerPath('data folder', '/a\nb', 'a systemd unit')).message).toContain('which a systemd unit cannot hold safely');
  });

  it('checks the data folder, node and mtl paths in turn', () => {
    expect(refused(() => checkSchedulerPaths({ dataDir: '/d', node: '/n\n', script: '/s\n' })).message).toMatch(/^The node program /);
    expect(refused(() => checkSchedulerPaths({ dataDir: '/d', node: '/n', script: '/s\n' })).message).toMatch(/^The mtl program /);
    expect(refused(() => nudgeLine({ schedule: '0 9 * * 1', dataDir: '/d\r', node: '/n', script: '/s' })).message).toMatch(/^The data folder /);
  });

  it('refuses a line longer than cron takes', () => {
    const fits = '/' + 'x'.repeat(MAX_CRON_COMMAND - "MTL_HOME='/' '/n' '/s' nudge --notify".length);
    expect(nudgeLine({ schedule: '0 9 * * 1', dataDir: fits, node: '/n', script: '/s' })).toHaveLength('0 9 * * 1 '.length + MAX_CRON_COMMAND);
    expect(refused(() => nudgeLine({ schedule: '0 9 * * 1', dataDir: `${fits}x`, node: '/n', script: '/s' })).message).toMatch(/^The crontab command would be 999 bytes long; cron takes at most 998/);
    // Bytes, not characters: cron counts bytes.
    expect(() => nudgeLine({ schedule: '0 9 * * 1', dataDir: `${fits.slice(0, -1)}é`, node: '/n', script: '/s' })).toThrow(/999 bytes/);
  });

});

describe('quoting for cron and its shell', () => {
  /** The value sh gives the word that cron hands it. */
  const roundTrip = (path: string) => shellWordValue(cronCommand(cronQuote(path)));

  it('gives back every path exactly, whatever it holds', () => {
    for (const p of ["/tmp/x y/it's $HOME `back` 100%", '/a\\%b', '/a\\\\%b', '/%%/%', "/'%'/\"%\"", '/end\\', '/\\', '/a b\tc']) {
      expect(roundTrip(p), p).toBe(p);
    }
  });

  it("escapes % for cron, and takes a path's backslash before % out of cron's reach", () => {
    expect(cronQuote('/a%b')).toBe("'/a\\%b'");
    // Written 'a\\%b', cron would pair the two backslashes and end the command at the bare %.
    expect(cronQuote('/a\\%b')).toBe("'/a\\'\\%'b'");
    expect(cronCommand("'/a\\'\\%'b'")).toBe("'/a\\'%'b'");
  });

  it('reads a command as cron does: \\% is %, a bare % ends it', () => {
    expect(cronCommand('echo a\\%b%rest%more')).toBe('echo a%b');
    expect(cronCommand('echo a\\\\%b')).toBe('echo a\\\\');
    expect(cronCommand('echo \\$x \\')).toBe('echo \\$x \\');
  });

  it('reads a shell word of quotes and backslashes, and nothing only the shell could work out', () => {
    expect(shellWordValue("'a b'\\''c' rest")).toBe("a b'c");
    expect(shellWordValue('plain/path next')).toBe('plain/path');
    expect(shellWordValue('$HOME/x')).toBeUndefined();
    expect(shellWordValue('"a"')).toBeUndefined();
    expect(shellWordValue("'unclosed")).toBeUndefined();
  });

  it('reads the data folder back from lines written before and after this quoting', () => {
    const before = "0 9 * * 1 MTL_HOME='/home/o'\\''neil/100\\% mtl' '/n' '/s' nudge";
    expect(findBlock(buildBlock(before, 'x'))).toMatchObject({ dataDir: "/home/o'neil/100% mtl" });
    const now = nudgeLine({ schedule: '0 9 * * 1', dataDir: '/a\\%b c', node: '/n', script: '/s' });
    expect(findBlock(buildBlock(now, 'x'))).toMatchObject({ dataDir: '/a\\%b c' });
    expect(findBlock(buildBlock('0 9 * * 1 MTL_HOME=$HOME/.mtl /n /s nudge', 'x'))).not.toHaveProperty('dataDir');
  });
});

describe('missedRun', () => {
  const monday = schedule('0 9 * * 1');
  const wednesday = local(2027, 1, 6, 12);

  it('is the scheduled run with no recorded run since', () => {
    expect(missedRun(monday, wednesday, local(2026, 12, 28, 9, 0), local(2026, 12, 1))).toEqual(local(2027, 1, 4, 9));
    expect(missedRun(monday, wednesday, undefined, undefined)).toEqual(local(2027, 1, 4, 9));
  });

  it('is nothing when the run happened, when installed since, or within the grace hour', () => {
    expect(missedRun(monday, wednesday, local(2027, 1, 4, 9, 0), undefined)).toBeUndefined();
    expect(missedRun(monday, wednesday, undefined, local(2027, 1, 5))).toBeUndefined();
    // At 09:30 the 09:00 run may still be on its way; the week before did run.
    expect(missedRun(monday, local(2027, 1, 4, 9, 30), local(2026, 12, 28, 9, 0), undefined)).toBeUndefined();
    expect(missedRun(monday, local(2027, 1, 4, 10, 1), local(2026, 12, 28, 9, 0), undefined)).toEqual(local(2027, 1, 4, 9));
  });
});
