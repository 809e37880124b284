import { describe, expect, it } from 'vitest';
import { lastWeeks, sumByWeek, weekIndex } from '../../src/core/weeks.js';

// 2027-02-10 is a Wednesday.
describe('lastWeeks', () => {
  it('gives whole weeks oldest first, the last one under way and ending today', () => {
    expect(lastWeeks('2027-02-10', 3)).toEqual([
      { start: '2027-01-25', end: '2027-01-31' },
      { start: '2027-02-01', end: '2027-02-07' },
      { start: '2027-02-08', end: '2027-02-10' },
    ]);
    expect(lastWeeks('2027-02-10', 1, 'sunday')).toEqual([{ start: '2027-02-07', end: '2027-02-10' }]);
    // Across a year's end, and on the week's first day.
    expect(lastWeeks('2027-01-04', 2)).toEqual([
      { start: '2026-12-28', end: '2027-01-03' },
      { start: '2027-01-04', end: '2027-01-04' },
    ]);
  });

  it('finds the week of a day, and -1 before the first or after today', () => {
    const weeks = lastWeeks('2027-02-10', 3);
    expect(['2027-01-24', '2027-01-25', '2027-02-07', '2027-02-08', '2027-02-10', '2027-02-11'].map((d) => weekIndex(weeks, d))).toEqual([-1, 0, 1, 2, 2, -1]);
    expect(weekIndex([], '2027-02-10')).toBe(-1);
  });

  it('sums amounts per week to the hundredth, leaving out entries outside the weeks', () => {
    const weeks = lastWeeks('2027-02-10', 2);
    const logs = [
      { date: '2027-02-01', hours: 0.1 },
      { date: '2027-02-03', hours: 0.2 },
      { date: '2027-02-09', hours: 1.5 },
      { date: '2027-01-31', hours: 9 },
      { date: '2027-02-11', hours: 9 },
    ];
    expect(sumByWeek(logs, weeks, (l) => l.date, (l) => l.hours)).toEqual([0.3, 1.5]);
  });
});
