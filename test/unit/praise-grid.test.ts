import { describe, expect, it } from 'vitest';
import { dataOf, emptyRecords, type Member, type Praise } from '../../src/core/model.js';
import { gridWeeksProblem, MAX_GRID_WEEKS, praiseGrid } from '../../src/core/praise-grid.js';

// 2027-02-10 is a Wednesday.
describe('praiseGrid', () => {
  const member = (id: string, added: string): Member => ({ id, name: id.toUpperCase(), added, notes: [] });
  const praise = (id: string, who: string, date: string, isPublic = false): Praise => ({ id, member: who, text: 'x', date, at: `${date}T09:00:00.000Z`, public: isPublic });

  it('counts praise per report and week, public ones apart, with no cells before a report joined', () => {
    const members = [member('r1', '2026-01-01'), member('r2', '2027-02-02')];
    const data = dataOf({
      ...emptyRecords(),
      members,
      praise: [praise('p1', 'r1', '2027-01-26'), praise('p2', 'r1', '2027-01-27', true), praise('p3', 'r1', '2027-02-09'), praise('p4', 'r2', '2027-02-10', true), praise('p5', 'r1', '2027-01-20')],
    });
    const grid = praiseGrid(data, members, '2027-02-10', 3);
    expect(grid.weeks.map((w) => w.start)).toEqual(['2027-01-25', '2027-02-01', '2027-02-08']);
    expect(grid.rows.map((r) => [r.member.id, r.counts, r.publicCounts, r.total, r.weeksWithout])).toEqual([
      ['r1', [2, 0, 1], [1, 0, 0], 3, 1],
      ['r2', [null, 0, 1], [null, 0, 1], 1, 1],
    ]);
  });

  it('has no cell for a week a report was away throughout, so it is no gap', () => {
    // Away from Friday 29 January, back Monday 8 February: all the week of 1 February.
    const members = [{ ...member('r1', '2026-01-01'), awaySince: '2027-01-29', awayUntil: '2027-02-08' }];
    const data = dataOf({ ...emptyRecords(), members, praise: [praise('p1', 'r1', '2027-01-26')] });
    expect(praiseGrid(data, members, '2027-02-10', 3).rows.map((r) => [r.counts, r.weeksWithout])).toEqual([[[1, null, 0], 1]]);
  });

  it('takes --weeks from 1 to the maximum, whole numbers only, naming what it got', () => {
    expect(['1', '12', String(MAX_GRID_WEEKS), ' 7 '].map(gridWeeksProblem)).toEqual([undefined, undefined, undefined, undefined]);
    for (const bad of ['0', String(MAX_GRID_WEEKS + 1), '2.5', '-3', 'twelve', '']) expect(gridWeeksProblem(bad)).toBe(`--weeks takes a whole number of weeks from 1 to ${MAX_GRID_WEEKS}; got "${bad}".`);
  });
});
