import { describe, expect, it } from 'vitest';
import { mtl, ok, readStore, tempHome } from '../helpers/cli.js';
import { expectPrivate, seedTeam } from '../helpers/team.js';

const env = { MTL_NOW: '2027-01-12T10:00:00' };

describe('mtl delegate', () => {
  it('hands an item to a report with an open checklist', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-01-04', 'Sam');
    const r = await mtl(home, ['delegate', 'Billing export v2', '--to', 'SAM'], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Sam owns "Billing export v2" now (d1).');
    expectPrivate(home);
    expect(readStore(home).delegations).toEqual([
      { id: 'd1', item: 'Billing export v2', member: 'r1', created: '2027-01-12', status: 'open', steps: { requirements: null, 'tech-checkin': null, docs: null, dependencies: null } },
    ]);
    expect(await mtl(home, ['delegate', 'Billing export v3'], { env })).toMatchObject({ code: 2, stderr: expect.stringContaining('--to') });
    const blank = await mtl(home, ['delegate', '', '--to', 'sam'], { env });
    expect(blank).toMatchObject({ code: 1, stdout: '' });
    expect(blank.stderr).toBe('mtl: The roadmap item is empty.\nWrite a few words, in quotes: "Search results page, v2".\n');
    expect((await mtl(home, ['delegate', '  ', '--to', 'sam'], { env })).code).toBe(1);
    expect((await mtl(home, ['delegate', 'x', '--to', 'alex'], { env })).stderr).toContain('No report called "alex".');
    expect(readStore(home).delegations).toHaveLength(1);
  });

  it('checks steps, refuses unknown ones, and closes items', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-01-04', 'Sam');
    await ok(home, ['delegate', 'Billing export v2', '--to', 'sam'], { env });
    const checked = await mtl(home, ['delegate', 'check', 'd1', 'docs'], { env });
    expect(checked.code).toBe(0);
    expect(checked.stderr).toContain('d1 (Sam): checked "documentation written with the writers". Still open: requirements, tech-checkin, dependencies.');
    expectPrivate(home);
    expect((await mtl(home, ['delegate', 'check', 'd1', 'docs'], { env })).stderr).toContain('was already checked on 2027-01-12');
    const unknownStep = await mtl(home, ['delegate', 'check', 'd1', 'qa'], { env });
    expect(unknownStep.code).toBe(1);
    expect(unknownStep.stderr).toContain('Unknown step "qa".');
    expect(unknownStep.stderr).toContain('Steps, by number or key: 1 requirements (requirements agreed with the product manager), 2 tech-checkin');
    // Steps can be ticked by their position in the checklist too.
    expect((await mtl(home, ['delegate', 'check', 'd1', '1'], { env })).stderr).toContain('d1 (Sam): checked "requirements agreed with the product manager".');
    expect((await mtl(home, ['delegate', 'check', 'd1', '5'], { env })).stderr).toContain('Unknown step "5".');
    expect((await mtl(home, ['delegate', 'check', 'd9', 'docs'], { env })).stderr).toContain('Open items: d1 (Billing export v2).');
    expect(readStore(home).delegations[0].steps).toEqual({ requirements: '2027-01-12', 'tech-checkin': null, docs: '2027-01-12', dependencies: null });

    const done = await mtl(home, ['delegate', 'done', 'd1'], { env });
    expect(done.code).toBe(0);
    expect(done.stderr).toContain('d1 done: "Billing export v2", owned by Sam.');
    expect(done.stderr).toContain('warning: closed with 2 steps unchecked: tech-checkin, dependencies.');
    expect(readStore(home).delegations[0]).toMatchObject({ status: 'done', doneOn: '2027-01-12' });
    // Every done says the same of one that already was, whichever verb ran it.
    for (const args of [['delegate', 'done', 'd1'], ['done', 'd1']]) expect((await mtl(home, args, { env })).stderr).toBe('d1 was already done (since 2027-01-12); nothing changed.\n');
    expectPrivate(home);
  });

  it('lists open items and counts those owned by engineers this quarter', async () => {
    const home = tempHome();
    await seedTeam(home, '2026-11-01', 'Sam', 'Priya');
    await ok(home, ['delegate', 'Old item', '--to', 'sam'], { env: { MTL_NOW: '2026-11-02T10:00:00' } });
    await ok(home, ['delegate', 'Finished last quarter', '--to', 'sam'], { env: { MTL_NOW: '2026-11-03T10:00:00' } });
    await ok(home, ['delegate', 'done', 'd2'], { env: { MTL_NOW: '2026-12-01T10:00:00' } });
    await ok(home, ['delegate', 'Search revamp', '--to', 'priya'], { env });
    await ok(home, ['delegate', 'check', 'd3', 'requirements'], { env });

    const table = await mtl(home, ['delegate', 'list'], { env });
    expect(table.stdout).toBe(
      'd1\tOld item\tSam\t2026-11-02\topen\t···· requirements, tech-checkin, docs, dependencies\n' +
        'd3\tSearch revamp\tPriya\t2027-01-12\topen\t✓··· tech-checkin, docs, dependencies\n',
    );
    expect(table.stderr).toContain('Roadmap items owned by engineers in 2027-Q1: 2 (1 delegated this quarter, 0 done).');
    expect(await ok(home, ['delegate'], { env })).toBe(table.stdout);

    const json = JSON.parse(await ok(home, ['delegate', 'list', '--all', '--json'], { env }));
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
    const help = await ok(home, ['delegate', '--help']);
    for (const step of ['requirements', 'tech-checkin', 'docs', 'dependencies']) expect(help).toContain(`  ${step} `);
  });
});
