import { describe, expect, it } from 'vitest';
import { mtl, ok, readStore, tempHome } from '../helpers/cli.js';
import { expectPrivate, seedTeam } from '../helpers/team.js';

const env = { MTL_NOW: '2027-01-12T10:00:00' };

describe('mtl delegate', () => {
  it('hands an item to a report with an open checklist', () => {
    const home = tempHome();
    seedTeam(home, '2027-01-04', 'Sam');
    const r = mtl(home, ['delegate', 'Billing export v2', '--to', 'SAM'], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Sam owns "Billing export v2" now (d1).');
    expectPrivate(home);
    expect(readStore(home).delegations).toEqual([
      { id: 'd1', item: 'Billing export v2', member: 'r1', created: '2027-01-12', status: 'open', steps: { requirements: null, 'tech-checkin': null, docs: null, dependencies: null } },
    ]);
    expect(mtl(home, ['delegate', 'Billing export v3'], { env })).toMatchObject({ code: 2, stderr: expect.stringContaining('--to') });
    const blank = mtl(home, ['delegate', '', '--to', 'sam'], { env });
    expect(blank).toMatchObject({ code: 1, stdout: '' });
    expect(blank.stderr).toBe('mtl: The roadmap item is empty.\nWrite a few words, in quotes: "Search results page, v2".\n');
    expect(mtl(home, ['delegate', '  ', '--to', 'sam'], { env }).code).toBe(1);
    expect(mtl(home, ['delegate', 'x', '--to', 'alex'], { env }).stderr).toContain('No report called "alex".');
    expect(readStore(home).delegations).toHaveLength(1);
  });

  it('checks steps, refuses unknown ones, and closes items', () => {
    const home = tempHome();
    seedTeam(home, '2027-01-04', 'Sam');
    ok(home, ['delegate', 'Billing export v2', '--to', 'sam'], { env });
    const checked = mtl(home, ['delegate', 'check', 'd1', 'docs'], { env });
    expect(checked.code).toBe(0);
    expect(checked.stderr).toContain('d1 (Sam): checked "documentation written with the writers". Still open: requirements, tech-checkin, dependencies.');
    expectPrivate(home);
    expect(mtl(home, ['delegate', 'check', 'd1', 'docs'], { env }).stderr).toContain('was already checked on 2027-01-12');
    const unknownStep = mtl(home, ['delegate', 'check', 'd1', 'qa'], { env });
    expect(unknownStep.code).toBe(1);
    expect(unknownStep.stderr).toContain('Unknown step "qa".');
    expect(unknownStep.stderr).toContain('Steps, by number or key: 1 requirements (requirements agreed with the product manager), 2 tech-checkin');
    // Steps can be ticked by their position in the checklist too.
    expect(mtl(home, ['delegate', 'check', 'd1', '1'], { env }).stderr).toContain('d1 (Sam): checked "requirements agreed with the product manager".');
    expect(mtl(home, ['delegate', 'check', 'd1', '5'], { env }).stderr).toContain('Unknown step "5".');
    expect(mtl(home, ['delegate', 'check', 'd9', 'docs'], { env }).stderr).toContain('Open items: d1 (Billing export v2).');
    expect(readStore(home).delegations[0].steps).toEqual({ requirements: '2027-01-12', 'tech-checkin': null, docs: '2027-01-12', dependencies: null });

    const done = mtl(home, ['delegate', 'done', 'd1'], { env });
    expect(done.code).toBe(0);
    expect(done.stderr).toContain('d1 done: "Billing export v2", owned by Sam.');
    expect(done.stderr).toContain('warning: closed with 2 steps unchecked: tech-checkin, dependencies.');
    expect(readStore(home).delegations[0]).toMatchObject({ status: 'done', doneOn: '2027-01-12' });
    expectPrivate(home);
  });

  it('lists open items and counts those owned by engineers this quarter', () => {
    const home = tempHome();
    seedTeam(home, '2026-11-01', 'Sam', 'Priya');
    ok(home, ['delegate', 'Old item', '--to', 'sam'], { env: { MTL_NOW: '2026-11-02T10:00:00' } });
    ok(home, ['delegate', 'Finished last quarter', '--to', 'sam'], { env: { MTL_NOW: '2026-11-03T10:00:00' } });
    ok(home, ['delegate', 'done', 'd2'], { env: { MTL_NOW: '2026-12-01T10:00:00' } });
    ok(home, ['delegate', 'Search revamp', '--to', 'priya'], { env });
    ok(home, ['delegate', 'check', 'd3', 'requirements'], { env });

    const table = mtl(home, ['delegate', 'list'], { env });
    expect(table.stdout).toBe(
      'd1\tOld item\tSam\t2026-11-02\topen\t···· requirements, tech-checkin, docs, dependencies\n' +
        'd3\tSearch revamp\tPriya\t2027-01-12\topen\t✓··· tech-checkin, docs, dependencies\n',
    );
    expect(table.stderr).toContain('Roadmap items owned by engineers in 2027-Q1: 2 (1 delegated this quarter, 0 done).');
    expect(ok(home, ['delegate'], { env })).toBe(table.stdout);

    const json = JSON.parse(ok(home, ['delegate', 'list', '--all', '--json'], { env }));
    expect(json.ownedThisQuarter).toEqual({ quarter: '2027-Q1', count: 2, delegatedThisQuarter: 1, doneThisQuarter: 0 });
    expect(json.delegations.map((d: { id: string }) => d.id)).toEqual(['d1', 'd2', 'd3']);
    expect(json.delegations[2]).toEqual({
      id: 'd3', item: 'Search revamp', member: 'Priya', memberId: 'r2', created: '2027-01-12', status: 'open', doneOn: null,
      steps: [
        { key: 'requirements', label: 'requirements agreed with the product manager', checkedOn: '2027-01-12' },
        { key: 'tech-checkin', label: 'raised at the weekly technical check-in', checkedOn: null },
        { key: 'docs', label: 'documentation written with the writers', checkedOn: null },
        { key: 'dependencies', label: 'cross-team dependencies done and tested end to end', checkedOn: null },
      ],
      openSteps: ['tech-checkin', 'docs', 'dependencies'],
    });
    const help = ok(home, ['delegate', '--help']);
    for (const step of ['requirements', 'tech-checkin', 'docs', 'dependencies']) expect(help).toContain(`  ${step} `);
  });
});
