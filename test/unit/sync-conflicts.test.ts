import { describe, expect, it } from 'vitest';
import { conflictLine } from '../../src/commands/sync/run.js';

const both = (kind: string, id: string, field: string, kept: unknown, dropped: unknown) => conflictLine({ kind, id, field, kept, dropped, reason: 'both changed' } as Parameters<typeof conflictLine>[0]);

describe('a field both machines changed, as sync reports it', () => {
  it('offers the command that sets that field, or else the one that shows the entry', () => {
    expect(both('goals', 'g3', 'title', 'Demo Fridays', 'Demos every week')).toBe('Both machines changed the title of goal g3: kept "Demo Fridays", not "Demos every week". Change it with: mtl edit g3 --title ...');
    // edit has no --progress: a check-in sets it.
    expect(both('goals', 'g3', 'progress', 55, 50)).toBe('Both machines changed the progress of goal g3: kept 55, not 50. Set it with a check-in: mtl goals check-in g3 "<note>" --progress N');
    expect(both('praise', 'p4', 'member', 'r2', 'r1')).toContain('Change it with: mtl edit p4 --to ...');
    expect(both('delegations', 'd1', 'item', 'Billing', 'Billing export')).toContain('Change it with: mtl edit d1 --title ...');
    expect(both('members', 'r3', 'added', '2027-02-01', '2027-02-03')).toBe('Both machines changed the day added of report r3: kept "2027-02-01", not "2027-02-03". See it: mtl show r3');
  });

  it('says a value in one short line: a check-in by its note, a list by its length, long text cut', () => {
    const checkIn = (note: string) => ({ date: '2027-05-25', at: '2027-05-25T09:00:00.000Z', note, progress: 30 });
    expect(both('goals', 'g3', 'checkIns', checkIn('planned June lunch'), checkIn('booked the room'))).toContain('kept "planned June lunch", not "booked the room".');
    expect(both('goals', 'g3', 'targets', [1, 2], undefined)).toContain('kept 2 items, not nothing.');
    const line = both('praise', 'p1', 'text', 'x'.repeat(500), 'short\u001b[31m');
    expect(line).toContain(`kept "${'x'.repeat(59)}…", not "short\\u001b[31m".`);
  });
});
