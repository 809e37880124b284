import { describe, expect, it } from 'vitest';
import { instantOnDay, parseRecordDay } from '../../src/core/backdate.js';

describe('parseRecordDay', () => {
  const sam = { name: 'Sam', added: '2027-03-01' };
  it('takes YYYY-MM-DD, today and yesterday, up to today and from the day the report was added', () => {
    expect(parseRecordDay('2027-03-04', '2027-03-08', sam)).toBe('2027-03-04');
    expect(parseRecordDay(' Yesterday ', '2027-03-08', sam)).toBe('2027-03-07');
    expect(parseRecordDay('today', '2027-03-08', sam)).toBe('2027-03-08');
    expect(parseRecordDay('2027-03-01', '2027-03-08', sam)).toBe('2027-03-01');
    expect(parseRecordDay('2027-02-01', '2027-03-08')).toBe('2027-02-01');
  });
  it('names the problem otherwise', () => {
    expect(parseRecordDay('2027-03-09', '2027-03-08', sam)).toEqual({ problem: '2027-03-09 is after today (2027-03-08): give today, yesterday or an earlier day.' });
    expect(parseRecordDay('Tomorrow', '2027-03-08', sam)).toEqual({ problem: '"tomorrow" is after today (2027-03-08): give today, yesterday or an earlier day.' });
    expect(parseRecordDay('2027-02-28', '2027-03-08', sam)).toEqual({ problem: '2027-02-28 is before Sam was added (2027-03-01): give a day from 2027-03-01 on.' });
    expect(parseRecordDay('yesterday', '2027-03-01', sam)).toEqual({ problem: '2027-02-28 is before Sam was added (2027-03-01): give a day from 2027-03-01 on.' });
    expect(parseRecordDay('last thursday', '2027-03-08', sam)).toEqual({ problem: '"last thursday" is not a day: give YYYY-MM-DD, today or yesterday.' });
    expect(parseRecordDay('2027-02-30', '2027-03-08', sam)).toEqual({ problem: '"2027-02-30" is not a calendar day: give a day that month has.' });
    // A report who left: nothing of theirs after that day.
    expect(parseRecordDay('2027-03-06', '2027-03-08', { ...sam, removed: '2027-03-05' })).toEqual({ problem: '2027-03-06 is after Sam left the team (2027-03-05): give a day up to 2027-03-05.' });
    expect(parseRecordDay('2027-03-05', '2027-03-08', { ...sam, removed: '2027-03-05' })).toBe('2027-03-05');
  });
});

describe('instantOnDay', () => {
  it('keeps the local time of day and moves the day', () => {
    const now = new Date(2027, 2, 8, 9, 30, 15, 250);
    expect(instantOnDay(now, '2027-03-04')).toBe(new Date(2027, 2, 4, 9, 30, 15, 250).toISOString());
    expect(instantOnDay(now, '2027-03-08')).toBe(now.toISOString());
    // Across a year.
    expect(instantOnDay(new Date(2027, 0, 2, 23, 59), '2026-12-31')).toBe(new Date(2026, 11, 31, 23, 59).toISOString());
  });
});
