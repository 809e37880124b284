import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysToDay, DAY_RANGE, dateOfDay, dayOf, dayRangeProblem, daysBetween, deadlineExamples, describeDeadline, laterYearNote, endOfQuarterFor, FIRST_DAY, isDay, isDayInRange, LAST_DAY, parseDeadline, quarterOf, startOfQuarterFor } from '../../src/core/dates.js';
import { resolveDeadline } from '../../src/commands/deadline.js';
import { goalView } from '../../src/core/goals.js';
import { dueNudges } from '../../src/core/nudges.js';
import type { Goal } from '../../src/core/model.js';
import { emptyData } from '../helpers/data.js';

/** Runs a block of tests with the process in another time zone (Node re-reads TZ when it is set). */
function inZone(tz: string, body: () => void): void {
  describe(`in ${tz}`, () => {
    let saved: string | undefined;
    beforeAll(() => {
      saved = process.env.TZ;
      process.env.TZ = tz;
    });
    afterAll(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });
    body();
  });
}

describe('parseDeadline on Wednesday 2027-03-10', () => {
  const today = '2027-03-10';
  it.each([
    ['2027-04-15', '2027-04-15'],
    ['end of quarter', '2027-03-31'],
    ['End of the quarter', '2027-03-31'],
    ['eoq', '2027-03-31'],
    ['end of next quarter', '2027-06-30'],
    ['end of year', '2027-12-31'],
    ['end of the year', '2027-12-31'],
    ['end of next year', '2028-12-31'],
    ['end of month', '2027-03-31'],
    ['end of next month', '2027-04-30'],
    ['end of q3', '2027-09-30'],
    ['Q1 2028', '2028-03-31'],
    ['end of q1', '2027-03-31'],
    ['in 6 weeks', '2027-04-21'],
    ['in six weeks', '2027-04-21'],
    ['in 10 days', '2027-03-20'],
    ['in a month', '2027-04-10'],
    ['in 2 quarters', '2027-09-10'],
    ['next friday', '2027-03-12'],
    ['friday', '2027-03-12'],
    ['by friday', '2027-03-12'],
    ['next wednesday', '2027-03-17'],
    ['tomorrow', '2027-03-11'],
    ['today', '2027-03-10'],
  ])('%s is %s', (phrase, day) => {
    expect(parseDeadline(phrase, today)).toBe(day);
  });

  it.each(['soon', 'end of quarterly', 'in 0 weeks', 'in many weeks', '2027-02-30', '2027-3-5', 'q5', ''])('does not read %j', (phrase) => {
    expect(parseDeadline(phrase, today)).toBeUndefined();
  });

  it('rolls "end of q1" to next year once this year\'s has passed', () => {
    expect(parseDeadline('end of q1', '2027-04-01')).toBe('2028-03-31');
  });
});

describe('parseDeadline on Friday 2027-03-12: a bare or "this" weekday includes today, "next" never does', () => {
  it.each([
    ['friday', '2027-03-12'],
    ['this friday', '2027-03-12'],
    ['on friday', '2027-03-12'],
    ['by Friday', '2027-03-12'],
    ['next friday', '2027-03-19'],
    ['saturday', '2027-03-13'],
    ['next saturday', '2027-03-13'],
    ['thursday', '2027-03-18'],
    ['this thursday', '2027-03-18'],
  ])('%s is %s', (phrase, day) => {
    expect(parseDeadline(phrase, '2027-03-12')).toBe(day);
  });
});

describe('quarter and year ends', () => {
  it.each([
    ['2027-03-31', 'end of quarter', '2027-03-31'],
    ['2027-04-01', 'end of quarter', '2027-06-30'],
    ['2027-03-31', 'end of next quarter', '2027-06-30'],
    ['2027-12-31', 'end of quarter', '2027-12-31'],
    ['2027-12-31', 'end of next quarter', '2028-03-31'],
    ['2027-12-31', 'end of year', '2027-12-31'],
    ['2028-01-01', 'end of year', '2028-12-31'],
    ['2027-11-20', 'in 6 weeks', '2028-01-01'],
    ['2028-02-27', 'in 2 days', '2028-02-29'],
  ])('from %s, %s is %s', (today, phrase, day) => {
    expect(parseDeadline(phrase, today)).toBe(day);
  });

  it('labels quarters', () => {
    expect(quarterOf('2027-03-31')).toBe('2027-Q1');
    expect(quarterOf('2027-04-01')).toBe('2027-Q2');
    expect(endOfQuarterFor('2027-11-02')).toBe('2027-12-31');
  });
});

describe('calendar arithmetic (UTC day numbers: no zone can shift it)', () => {
  it('counts days across quarter ends, year ends and DST changes', () => {
    expect(daysBetween('2027-03-30', '2027-04-02')).toBe(3);
    expect(daysBetween('2027-12-30', '2028-01-02')).toBe(3);
    expect(daysBetween('2028-01-02', '2027-12-30')).toBe(-3);
    expect(daysBetween('2027-03-13', '2027-03-15')).toBe(2);
    expect(addDaysToDay('2027-03-14', 1)).toBe('2027-03-15');
    expect(addDaysToDay('2027-12-31', 1)).toBe('2028-01-01');
  });
});

describe('resolveDeadline', () => {
  const now = new Date(2027, 2, 10, 10, 0);
  it('falls back to natural language for whole phrases', async () => {
    expect(await resolveDeadline('march 20th', '2027-03-10', now)).toBe('2027-03-20');
    expect(await resolveDeadline('by April 2', '2027-03-10', now)).toBe('2027-04-02');
  });

  it('refuses a date buried in other words, and shows examples', async () => {
    await expect(resolveDeadline('banana friday', '2027-03-10', now)).rejects.toThrow('Cannot read "banana friday" as a deadline.');
    await expect(resolveDeadline('someday', '2027-03-10', now)).rejects.toMatchObject({ hint: expect.stringContaining('"end of quarter"') });
  });

  it('refuses a natural-language day in the past, but returns explicit dates as they are', async () => {
    await expect(resolveDeadline('yesterday', '2027-03-10', now)).rejects.toThrow('"yesterday" reads as 2027-03-09, which is in the past (today is 2027-03-10).');
    expect(await resolveDeadline('2027-03-09', '2027-03-10', now)).toBe('2027-03-09');
  });
});

for (const tz of ['America/Los_Angeles', 'UTC', 'Asia/Tokyo']) {
  inZone(tz, () => {
    it('keeps calendar days as local days, never UTC midnight', () => {
      expect(dayOf(dateOfDay('2027-03-31'))).toBe('2027-03-31');
      expect(dayOf(dateOfDay('2027-01-01'))).toBe('2027-01-01');
      expect(dateOfDay('2027-03-31').getDate()).toBe(31);
    });

    /** Local wall-clock time in the zone under test (built inside the test, after TZ is set). */
    const local = (day: string, time: string) => {
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      const [h, min] = time.split(':').map(Number) as [number, number];
      return new Date(y, m - 1, d, h, min);
    };
    // US clocks went forward on Sunday 2027-03-14 and back on Sunday 2027-11-07.
    const around = ['2027-03-13', '2027-03-14', '2027-03-15', '2027-11-06', '2027-11-07', '2027-12-31', '2028-01-01'];

    it('is really running in this zone', () => {
      const offsets = { 'America/Los_Angeles': [480, 420], UTC: [0, 0], 'Asia/Tokyo': [-540, -540] }[tz]!;
      expect([local('2027-03-13', '23:30').getTimezoneOffset(), local('2027-03-15', '00:30').getTimezoneOffset()]).toEqual(offsets);
    });

    it('takes the local day of instants at 23:30 and 00:30 around DST changes and a year end', () => {
      for (const day of around) {
        expect(dayOf(local(day, '23:30'))).toBe(day);
        expect(dayOf(local(day, '00:30'))).toBe(day);
      }
    });

    it('maps one instant to the day it is in this zone', () => {
      const expected: Record<string, [string, string, string]> = {
        // instant                    Los Angeles   UTC           Tokyo
        '2027-03-14T07:30:00Z': ['2027-03-13', '2027-03-14', '2027-03-14'],
        '2027-03-15T06:30:00Z': ['2027-03-14', '2027-03-15', '2027-03-15'],
        '2027-12-31T14:30:00Z': ['2027-12-31', '2027-12-31', '2027-12-31'],
        '2027-12-31T15:30:00Z': ['2027-12-31', '2027-12-31', '2028-01-01'],
        '2028-01-01T07:30:00Z': ['2027-12-31', '2028-01-01', '2028-01-01'],
      };
      const column = ['America/Los_Angeles', 'UTC', 'Asia/Tokyo'].indexOf(tz);
      for (const [instant, days] of Object.entries(expected)) expect([instant, dayOf(new Date(instant))]).toEqual([instant, days[column]]);
    });

    it('reads deadline phrases (local date arithmetic) across DST changes and a year end', () => {
      expect(parseDeadline('in 1 week', '2027-03-10')).toBe('2027-03-17');
      expect(parseDeadline('in 1 week', '2027-11-03')).toBe('2027-11-10');
      expect(parseDeadline('tomorrow', '2027-03-13')).toBe('2027-03-14');
      expect(parseDeadline('sunday', '2027-11-06')).toBe('2027-11-07');
      expect(parseDeadline('end of next quarter', '2027-12-31')).toBe('2028-03-31');
    });

    it('sees a deadline as tomorrow at 23:30 the evening before, and as today at 00:30', () => {
      const prefs = { recognitionDays: 7, lookAheadDays: 14, checkInDays: 14, learningHoursPerQuarter: 0 };
      for (const [before, due] of [['2027-03-13', '2027-03-14'], ['2027-03-14', '2027-03-15'], ['2027-11-06', '2027-11-07'], ['2027-12-31', '2028-01-01']] as const) {
        const goal: Goal = { id: 'g1', title: 'Ship', template: 'autonomy', file: '/g/g1.md', created: before, due, status: 'open', progress: 0, checkIns: [] };
        const data = emptyData();
        data.goals.push(goal);
        const goalText = (now: Date) => dueNudges(data, now, prefs).filter((r) => r.kind === 'goal').map((r) => r.text);
        const evening = local(before, '23:30');
        expect(goalView(goal, dayOf(evening))).toMatchObject({ daysLeft: 1, overdue: false });
        expect(goalText(evening)).toEqual([`Goal g1 "Ship": due tomorrow (${due}).`]);
        const night = local(due, '00:30');
        expect(goalView(goal, dayOf(night))).toMatchObject({ daysLeft: 0, overdue: false });
        expect(goalText(night)).toEqual(['Goal g1 "Ship": due today.']);
      }
    });

    it('takes the day of an instant in this zone', () => {
      const instant = new Date('2027-03-31T23:30:00Z');
      expect(dayOf(instant)).toBe(tz === 'Asia/Tokyo' ? '2027-04-01' : '2027-03-31');
    });
  });
}

describe('the days mtl accepts', () => {
  it('run from 1970-01-01 to 2999-12-31', () => {
    expect([FIRST_DAY, LAST_DAY, DAY_RANGE]).toEqual(['1970-01-01', '2999-12-31', '1970-01-01 to 2999-12-31']);
    expect(['1970-01-01', '2027-03-31', '2999-12-31'].map(isDayInRange)).toEqual([true, true, true]);
    expect(['1969-12-31', '3000-01-01', '9999-12-31', '0001-01-01', '2027-02-30', '+10000-01-01', ''].map(isDayInRange)).toEqual([false, false, false, false, false, false, false]);
  });

  it('say what is wrong with a day', () => {
    expect(dayRangeProblem('2027-03-31')).toBeUndefined();
    expect(dayRangeProblem('9999-12-31')).toBe('is outside the days mtl accepts, 1970-01-01 to 2999-12-31');
    expect(dayRangeProblem('2027-13-01')).toBe('is not a calendar day (YYYY-MM-DD)');
  });

  it('leave room for what mtl computes from the last day: the next quarter and year are real days', () => {
    expect(addDaysToDay(LAST_DAY, 1)).toBe('3000-01-01');
    expect(endOfQuarterFor(addDaysToDay(LAST_DAY, 1))).toBe('3000-03-31');
    expect(startOfQuarterFor('3000-02-01')).toBe('3000-01-01');
    expect(parseDeadline('end of next quarter', LAST_DAY)).toBe('3000-03-31');
    expect(parseDeadline('end of next year', LAST_DAY)).toBe('3000-12-31');
    expect(parseDeadline('in 999 quarters', LAST_DAY)).toBe('3249-09-30');
  });
});

describe('resolveDeadline outside the days mtl accepts', () => {
  const now = new Date(2027, 1, 10, 9);
  it.each([
    ['9999-12-31', '9999-12-31'],
    ['0001-01-01', '0001-01-01'],
    ['q1 9999', '9999-03-31'],
    ['end of q4 3000', '3000-12-31'],
    ['in 3000000 days', '10240-10-31'],
  ])('refuses %s, naming the day it reads as and the range', async (text, day) => {
    await expect(resolveDeadline(text, '2027-02-10', now)).rejects.toThrow(`"${text}" reads as ${day}, outside the days mtl accepts (1970-01-01 to 2999-12-31).`);
  });

  it('accepts the last day, and refuses what falls after it on that day', async () => {
    const last = dateOfDay(LAST_DAY);
    expect(await resolveDeadline('2999-12-31', LAST_DAY, last)).toBe(LAST_DAY);
    expect(await resolveDeadline('end of quarter', LAST_DAY, last)).toBe(LAST_DAY);
    await expect(resolveDeadline('end of next quarter', LAST_DAY, last)).rejects.toThrow('reads as 3000-03-31, outside');
    await expect(resolveDeadline('tomorrow', LAST_DAY, last)).rejects.toThrow('reads as 3000-01-01, outside');
  });
});

describe('parseQuarter below year 100', () => {
  it('refuses years 0-99 as outside the range, instead of failing on a day Date cannot make', async () => {
    const { parseQuarter } = await import('../../src/core/dates.js');
    for (const q of ['0000-Q1', '0099-Q4', '0050q2']) expect(parseQuarter(q, '2027-02-10')).toEqual({ problem: 'is outside the quarters mtl accepts, 1970-Q1 to 2999-Q4' });
    expect(parseQuarter('2027-Q1', '2027-02-10')).toEqual({ quarter: '2027-Q1' });
  });
});

describe('isDay', () => {
  // The calendar's own answer: a day is real when the date it names prints back as itself.
  const real = (day: string) => {
    const date = new Date(`${day}T00:00:00Z`);
    return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
  };

  it('agrees with the calendar on every day-shaped text of a leap year and of a common year, and on the 0th and 32nd', () => {
    for (const year of ['2024', '2027', '1900', '2000']) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const day = `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          expect(isDay(day), day).toBe(real(day));
        }
      }
    }
  });

  it('refuses what is not a day, whatever its length or separators', () => {
    for (const text of ['', '2027-1-05', '2027/01/05', '2027-01-0a', '20a7-01-05', '2027-01-05 ', ' 2027-01-05', '2027-01-5x', '+02027-01-05', '2027-00-10', '2027-13-10', '2027-02-29', '２０２７-01-05']) {
      expect(isDay(text), text).toBe(false);
    }
    expect(['2027-01-05', '2028-02-29', '2027-12-31'].map(isDay)).toEqual([true, true, true]);
  });
});


describe('deadline examples', () => {
  it.each(['2027-03-10', '2027-04-06', '2027-06-30', '2027-12-31', '2028-02-29'])('all read as %s or later when typed that day', async (today) => {
    const examples = deadlineExamples(today);
    expect(examples[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const phrase of examples) expect(await resolveDeadline(phrase, today, dateOfDay(today))).toEqual(expect.any(String));
    for (const phrase of examples) expect(parseDeadline(phrase, today)! >= today).toBe(true);
  });

  it('writes the end of this quarter as the date, or of the next on its last day', () => {
    expect(deadlineExamples('2027-04-06')[0]).toBe('2027-06-30');
    expect(deadlineExamples('2027-06-30')[0]).toBe('2027-09-30');
    expect(deadlineExamples('2027-03-10')[0]).toBe('2027-03-31');
  });

  it('suggests only days ahead when a phrase reads as a past day', async () => {
    const err = await resolveDeadline('yesterday', '2027-04-06', new Date('2027-04-06T09:00:00')).catch((e: unknown) => e);
    expect((err as Error).message).toBe('"yesterday" reads as 2027-04-05, which is in the past (today is 2027-04-06).');
    const days = [...(err as { hint: string }).hint.matchAll(/\d{4}-\d{2}-\d{2}/g)].map((m) => m[0]);
    expect(days).toEqual(['2027-06-30']);
  });
});

describe('describeDeadline: what a typed deadline read as', () => {
  it.each([
    // typed on, phrase, resolved day, shown
    ['2027-01-06', 'next friday', '2027-01-08', 'Fri 2027-01-08 (in 2 days)'],
    ['2027-01-06', 'tomorrow', '2027-01-07', 'Thu 2027-01-07 (tomorrow)'],
    ['2027-01-06', 'today', '2027-01-06', 'Wed 2027-01-06 (today)'],
    ['2027-04-06', 'end of q1', '2028-03-31', 'Fri 2028-03-31 (end of Q1 next year)'],
    ['2027-04-06', 'Q1', '2028-03-31', 'Fri 2028-03-31 (end of Q1 next year)'],
    ['2027-11-20', 'end of next quarter', '2028-03-31', 'Fri 2028-03-31 (end of Q1 next year)'],
    ['2027-12-06', 'end of next month', '2028-01-31', 'Mon 2028-01-31 (end of January next year)'],
    ['2027-04-06', 'march 3', '2028-03-03', 'Fri 2028-03-03 (next year)'],
    ['2027-01-06', 'end of q1', '2027-03-31', 'Wed 2027-03-31 (in 84 days)'],
    ['2027-12-20', 'in 6 weeks', '2028-01-31', 'Mon 2028-01-31 (in 42 days)'],
    ['2027-04-06', 'end of q1 2028', '2028-03-31', 'Fri 2028-03-31 (in 360 days)'],
    ['2027-04-06', 'end of next year', '2028-12-31', 'Sun 2028-12-31 (in 635 days)'],
    ['2027-04-06', '2028-03-31', '2028-03-31', '2028-03-31'],
  ])('on %s, %j (%s) shows as %j', (today, phrase, day, shown) => {
    expect(parseDeadline(phrase, today) ?? day).toBe(day);
    expect(describeDeadline(phrase, day, today)).toBe(shown);
  });

  it('names the later year only for a phrase that names a quarter or a month', () => {
    expect(laterYearNote('end of q2', '2029-06-30', '2027-04-06')).toBe('end of Q2 in 2029');
    expect(laterYearNote('in 2 months', '2028-01-06', '2027-11-06')).toBeUndefined();
    expect(laterYearNote('end of q3', '2027-09-30', '2027-04-06')).toBeUndefined();
  });
});

describe('deadline phrases for this and next quarter, month, year and week', () => {
  it('mean the end of the period, as a deadline does', () => {
    const monday = '2027-11-15';
    expect(['this quarter', 'next quarter', 'this month', 'next month', 'this year', 'next year'].map((p) => parseDeadline(p, monday))).toEqual([
      '2027-12-31',
      '2028-03-31',
      '2027-11-30',
      '2027-12-31',
      '2027-12-31',
      '2028-12-31',
    ]);
    // A week ends on its Friday; once that is past, this week ends on Sunday.
    expect(['this week', 'end of week', 'next week', 'by the end of next week'].map((p) => parseDeadline(p, monday))).toEqual(['2027-11-19', '2027-11-19', '2027-11-26', '2027-11-26']);
    expect(parseDeadline('this week', '2027-11-19')).toBe('2027-11-19');
    expect(parseDeadline('this week', '2027-11-20')).toBe('2027-11-21');
    expect(parseDeadline('next week', '2027-11-21')).toBe('2027-11-26');
  });
});
