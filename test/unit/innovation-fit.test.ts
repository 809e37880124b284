import { describe, expect, it } from 'vitest';
import { fitsItsQuarter, innovationWeekFrom, lastFittingMonday, suggestedStart } from '../../src/core/innovation.js';
import { addDaysToDay, quarterOf } from '../../src/core/dates.js';

describe('an innovation week must end, demo included, in the quarter it counts for', () => {
  it.each([
    ['2027-06-21', true], // Mon-Fri 06-21..25, Q2 ends Wed 06-30
    ['2027-06-24', true], // Thursday: five working days end Wed 06-30, the quarter's last day
    ['2027-06-25', false], // Friday: ends Thu 07-01
    ['2027-06-26', false], // Saturday: moves to Mon 06-28, ends Fri 07-02
    ['2027-06-28', false],
    ['2027-07-03', true], // Saturday into Q3: Mon 07-05, counts for Q3
  ])('a week from %s fits: %s', (start, fits) => {
    expect(fitsItsQuarter(innovationWeekFrom(start, '2027-06-10'))).toBe(fits);
  });

  it('names the last Monday whose Friday is still in the quarter', () => {
    expect(lastFittingMonday('2027-06-10')).toBe('2027-06-21');
    expect(lastFittingMonday('2027-01-02')).toBe('2027-03-22'); // Q1 ends Wed 03-31
    expect(lastFittingMonday('2027-12-01')).toBe('2027-12-27'); // Q4 ends Fri 12-31
    expect(lastFittingMonday('2028-09-01')).toBe('2028-09-25'); // Q3 ends Sat 09-30
  });

  it('agrees with the start mtl suggests: every suggested week fits its quarter', () => {
    for (let day = '2027-01-01'; day < '2029-01-01'; day = addDaysToDay(day, 1)) {
      const week = innovationWeekFrom(suggestedStart(day), day);
      expect(fitsItsQuarter(week)).toBe(true);
      expect(week.start <= lastFittingMonday(week.start) || quarterOf(week.start) !== quarterOf(day)).toBe(true);
    }
  });
});
