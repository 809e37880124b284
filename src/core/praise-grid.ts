/** The week-by-report praise grid (`mtl praise grid`): pure, the day passed in. */
import type { Data, Day, Member } from './model.js';
import { lastWeeks, weekIndex, type Week } from './weeks.js';
import { awayThroughout } from './leave.js';

export const GRID_WEEKS = 12;
export const MAX_GRID_WEEKS = 104;

export type GridWeek = Week;

export interface GridRow {
  member: Member;
  /** Praise logged per week, oldest first; null for the weeks before they joined. */
  counts: (number | null)[];
  /** Of those, said in front of others. */
  publicCounts: (number | null)[];
  total: number;
  /** Weeks on the team without any praise. */
  weeksWithout: number;
}

export interface PraiseGrid {
  weeks: GridWeek[];
  rows: GridRow[];
}

/**
 * Praise per report and week for the last `weeks` weeks, the current one (under way) last. A report
 * added during the shown weeks has no cells before the week they joined, nor for weeks they were
 * away throughout, so those are not gaps.
 */
export function praiseGrid(data: Data, members: Member[], today: Day, weeks = GRID_WEEKS, weekStart: 'monday' | 'sunday' = 'monday'): PraiseGrid {
  const grid = lastWeeks(today, weeks, weekStart);
  const index = (day: Day) => weekIndex(grid, day);
  const entries = data.praise.between(grid[0]!.start, today);
  const rows = members.map((member) => {
    // No cell before they joined, nor for a week they were away throughout: neither is a gap.
    const counts: (number | null)[] = grid.map((w) => (w.end < member.added || awayThroughout(member, w.start, w.end) ? null : 0));
    const publicCounts = [...counts];
    for (const p of entries) {
      if (p.member !== member.id) continue;
      const i = index(p.date);
      if (i < 0) continue;
      counts[i] = (counts[i] ?? 0) + 1;
      if (p.public) publicCounts[i] = (publicCounts[i] ?? 0) + 1;
    }
    const onTeam = counts.filter((c): c is number => c !== null);
    return { member, counts, publicCounts, total: onTeam.reduce((a, b) => a + b, 0), weeksWithout: onTeam.filter((c) => c === 0).length };
  });
  return { weeks: grid, rows };
}

/** Why a --weeks value cannot be used, or undefined. */
export function gridWeeksProblem(text: string): string | undefined {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1 || Number(text) > MAX_GRID_WEEKS) {
    return `--weeks takes a whole number of weeks from 1 to ${MAX_GRID_WEEKS}; got "${text}".`;
  }
  return undefined;
}
