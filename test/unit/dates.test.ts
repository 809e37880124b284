import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysToDay, dateOfDay, dayOf, daysBetween, endOfQuarterFor, parseDeadline, quarterOf } from '../../src/core/dates.js';
import { resolveDeadline } from '../../src/commands/deadline.js';

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
    await expect(resolveDeadline('yesterday', '2027-03-10', now)).rejects.toThrow('Cannot read "yesterday" as a deadline (it reads as 2027-03-09, in the past).');
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

    it('counts days across quarter and year ends', () => {
      expect(daysBetween('2027-03-30', '2027-04-02')).toBe(3);
      expect(daysBetween('2027-12-30', '2028-01-02')).toBe(3);
      expect(daysBetween('2028-01-02', '2027-12-30')).toBe(-3);
      expect(parseDeadline('end of next quarter', '2027-12-31')).toBe('2028-03-31');
    });

    it('counts days across daylight-saving changes', () => {
      expect(daysBetween('2027-03-13', '2027-03-15')).toBe(2);
      expect(daysBetween('2027-11-06', '2027-11-08')).toBe(2);
      expect(daysBetween('2027-03-27', '2027-03-29')).toBe(2);
      expect(addDaysToDay('2027-03-13', 1)).toBe('2027-03-14');
      expect(addDaysToDay('2027-03-14', 1)).toBe('2027-03-15');
      expect(parseDeadline('in 1 week', '2027-03-10')).toBe('2027-03-17');
      expect(parseDeadline('in 1 week', '2027-11-03')).toBe('2027-11-10');
    });

    it('takes the day of an instant in this zone', () => {
      const instant = new Date('2027-03-31T23:30:00Z');
      expect(dayOf(instant)).toBe(tz === 'Asia/Tokyo' ? '2027-04-01' : '2027-03-31');
    });
  });
}
