import { describe, expect, it } from 'vitest';
import { mtl, ok, readStore, tempHome } from '../helpers/cli.js';
import { expectPrivate, seedTeam } from '../helpers/team.js';

const env = { MTL_NOW: '2027-01-12T10:00:00' };

describe('mtl member-goals', () => {
  it('adds goals due at the end of the quarter by default, warning outside two to three', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-01-04', 'Sam', 'Priya');
    const first = await mtl(home, ['member-goals', 'sam', 'add', 'Lead the payments API redesign'], { env });
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('Added m1 for Sam: Lead the payments API redesign, due 2027-03-31 (in 78 days).');
    expect(first.stderr).toContain('warning: Sam has one goal for 2027-Q1; help them set two or three.');
    expectPrivate(home);

    const second = await mtl(home, ['member-goals', 'SAM', 'add', 'Give a talk at the guild', '--due', 'in 6 weeks'], { env });
    expect(second.stderr).toContain('due Tue 2027-02-23 (in 42 days).');
    expect(second.stderr).not.toContain('warning');
    await ok(home, ['member-goals', 'sam', 'add', 'Mentor the new hire', '--due', '2027-03-01'], { env });
    const fourth = await mtl(home, ['member-goals', 'sam', 'add', 'Rewrite the CI'], { env });
    expect(fourth.code).toBe(0);
    expect(fourth.stderr).toContain('warning: Sam has 4 goals for 2027-Q1');

    expect(readStore(home).memberGoals[0]).toEqual({
      id: 'm1', member: 'r1', title: 'Lead the payments API redesign', quarter: '2027-Q1', due: '2027-03-31', status: 'open', progress: 0, created: '2027-01-12', checkIns: [], updatedAt: expect.stringMatching(/^2027-01-1/),
    });
    const bad = await mtl(home, ['member-goals', 'sam', 'add', 'Something', '--due', 'whenever'], { env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Cannot read "whenever" as a deadline');
    expect((await mtl(home, ['member-goals', 'sam', 'add', '  '], { env })).code).toBe(1);
    // The hint shows a goal title, not a note.
    expect(await mtl(home, ['member-goals', 'sam', 'add', ''], { env })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'mtl: The goal title is empty.\nWrite a few words, in quotes: "Run the Q3 architecture review".\n',
    });
    expect(readStore(home).memberGoals).toHaveLength(4);
  });

  it('records check-ins with progress and marks goals done', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-01-04', 'Sam', 'Priya');
    await ok(home, ['member-goals', 'sam', 'add', 'Lead the redesign'], { env });
    await ok(home, ['member-goals', 'priya', 'add', 'Own the on-call rota'], { env });
    const checked = await mtl(home, ['member-goals', 'sam', 'check-in', 'm1', 'design approved', '--progress', '30'], { env });
    expect(checked.code).toBe(0);
    expect(checked.stderr).toContain('Checked in on m1 for Sam (30%).');
    expectPrivate(home);
    expect(readStore(home).memberGoals[0]).toMatchObject({ progress: 30, checkIns: [{ date: '2027-01-12', note: 'design approved', progress: 30 }] });

    const wrongOwner = await mtl(home, ['member-goals', 'sam', 'check-in', 'm2', 'x'], { env });
    expect(wrongOwner.code).toBe(1);
    expect(wrongOwner.stderr).toContain('Sam has no goal "m2"; m2 is Priya\'s ("Own the on-call rota").');
    expect(wrongOwner.stderr).toContain('Their open goals: m1 (Lead the redesign).');
    expect((await mtl(home, ['member-goals', 'sam', 'check-in', 'm1', ' '], { env })).code).toBe(1);
    for (const bad of ['150', 'abc', '-5', '']) {
      const r = await mtl(home, ['member-goals', 'sam', 'check-in', 'm1', 'x', '--progress', bad], { env });
      expect(r.code).toBe(1);
      // The same words as mtl goals check-in.
      expect(r.stderr).toContain(`--progress "${bad}" is not allowed: give a whole number from 0 to 100.`);
    }
    expect(readStore(home).memberGoals[0].checkIns).toHaveLength(1);

    // Like mtl goals done: progress stays where the last check-in left it, and the day is recorded.
    const done = await mtl(home, ['member-goals', 'sam', 'done', 'm1'], { env: { MTL_NOW: '2027-01-20T10:00:00' } });
    expect(done.code).toBe(0);
    expect(done.stderr).toContain('Sam finished m1: Lead the redesign.');
    expect(readStore(home).memberGoals[0]).toMatchObject({ status: 'done', progress: 30, doneOn: '2027-01-20' });
    const json = JSON.parse(await ok(home, ['member-goals', 'sam', 'list', '--json'], { env: { MTL_NOW: '2027-01-21T10:00:00' } }));
    expect(json[0]).toMatchObject({ id: 'm1', status: 'done', progress: 30, doneOn: '2027-01-20' });
    const again = await mtl(home, ['member-goals', 'sam', 'done', 'm1'], { env: { MTL_NOW: '2027-01-21T10:00:00' } });
    expect(again.stderr).toContain('m1 was already done (since 2027-01-20); nothing changed.');
    expect(readStore(home).memberGoals[0].doneOn).toBe('2027-01-20');
    expectPrivate(home);
  });

  it('lists one report or everyone, as a table or JSON', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-01-04', 'Sam', 'Priya');
    await ok(home, ['member-goals', 'sam', 'add', 'Lead the redesign'], { env });
    await ok(home, ['member-goals', 'sam', 'add', 'Give a talk', '--due', '2027-02-23'], { env });
    await ok(home, ['member-goals', 'priya', 'add', 'Own on-call'], { env });
    const one = await mtl(home, ['member-goals', 'sam'], { env });
    expect(one.stdout).toBe('m1\tLead the redesign\t2027-Q1\t2027-03-31\t0%\t-\nm2\tGive a talk\t2027-Q1\t2027-02-23\t0%\t-\n');
    expect(one.stderr).toBe('');
    expect(await ok(home, ['member-goals', 'sam', 'list'], { env })).toBe(one.stdout);
    const all = await mtl(home, ['member-goals', 'list'], { env });
    expect(all.stdout.split('\n')[2]).toBe('m3\tPriya\tOwn on-call\t2027-Q1\t2027-03-31\t0%\t-');
    expect(all.stderr).toContain('warning: Priya has one goal for 2027-Q1');
    const json = JSON.parse(await ok(home, ['member-goals', 'priya', 'list', '--json'], { env }));
    expect(json).toEqual([
      { id: 'm3', member: 'Priya', memberId: 'r2', title: 'Own on-call', quarter: '2027-Q1', due: '2027-03-31', status: 'open', progress: 0, created: '2027-01-12', doneOn: null, lastCheckIn: null, checkIns: [] },
    ]);
    expect(JSON.parse(await ok(home, ['member-goals', '--json'], { env }))).toHaveLength(3);
    // Next quarter: done goals of the last one drop out unless --all.
    await ok(home, ['member-goals', 'sam', 'done', 'm2'], { env });
    const april = { env: { MTL_NOW: '2027-04-02T10:00:00' } };
    expect(JSON.parse(await ok(home, ['member-goals', 'sam', 'list', '--json'], april)).map((g: { id: string }) => g.id)).toEqual(['m1']);
    expect(JSON.parse(await ok(home, ['member-goals', 'sam', 'list', '--json', '--all'], april))).toHaveLength(2);
  });

  it('explains unknown verbs, names and misplaced options', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-01-04', 'Sam');
    const verb = await mtl(home, ['member-goals', 'sam', 'finish', 'm1'], { env });
    expect(verb.code).toBe(2);
    expect(verb.stderr).toContain('Unknown member-goals action "finish".');
    expect(verb.stderr).toContain('Use one of: add, list, check-in, done, carry.');
    expect((await mtl(home, ['member-goals', 'alex', 'add', 'x'], { env })).stderr).toContain('No report called "alex".');
    expect((await mtl(home, ['member-goals', 'sam', 'done', 'm1', '--due', 'eoq'], { env })).stderr).toContain('--due does not apply to member-goals done.');
    expect((await mtl(home, ['member-goals', 'sam', 'add', 'Lead', 'the', 'redesign'], { env })).code).toBe(2);
    const help = await ok(home, ['member-goals', '--help']);
    for (const verbName of ['add', 'list', 'check-in', 'done']) expect(help).toContain(`mtl member-goals sam ${verbName}`);
  });
});

describe('mtl member-goals add --due: the confirmation shows what the phrase read as', () => {
  it('names the later year of a quarter phrase, and the weekday of a relative one', async () => {
    const home = tempHome();
    const at = { env: { MTL_NOW: '2027-04-06T09:00:00' } };
    await seedTeam(home, '2027-04-01', 'Sam');
    expect((await mtl(home, ['member-goals', 'sam', 'add', 'Lead the API redesign', '--due', 'end of q1'], at)).stderr).toContain('Added m1 for Sam: Lead the API redesign, due Fri 2028-03-31 (end of Q1 next year).');
    expect((await mtl(home, ['member-goals', 'sam', 'add', 'Write the on-call guide', '--due', 'next friday'], at)).stderr).toContain('due Fri 2027-04-09 (in 3 days).');
    expect((await mtl(home, ['member-goals', 'sam', 'add', 'Mentor the new hire', '--due', '2027-05-01'], at)).stderr).toContain('due 2027-05-01 (in 25 days).');
    expect(readStore(home).memberGoals.map((g: { due: string }) => g.due)).toEqual(['2028-03-31', '2027-04-09', '2027-05-01']);
  });

  it('sets a goal due next quarter for next quarter, where it counts and is never carried; one further off stays this quarter\'s', async () => {
    const home = tempHome();
    const on = (day: string) => ({ env: { MTL_NOW: `${day}T09:00:00` } });
    await seedTeam(home, '2027-01-04', 'Sam');
    const next = await mtl(home, ['member-goals', 'sam', 'add', 'Lead the payments API redesign', '--due', 'end of next quarter'], on('2027-01-05'));
    expect(next.stderr).toContain('Added m1 for Sam: Lead the payments API redesign, due Wed 2027-06-30 (in 176 days), a goal for 2027-Q2.');
    expect(next.stderr).toContain('warning: Sam has one goal for 2027-Q2; help them set two or three.');
    await ok(home, ['member-goals', 'sam', 'add', 'Write the on-call guide'], on('2027-01-05'));
    await ok(home, ['member-goals', 'sam', 'add', 'Own the Q3 planning', '--due', '2027-09-30'], on('2027-01-05'));
    expect(readStore(home).memberGoals.map((g: { id: string; quarter: string }) => [g.id, g.quarter])).toEqual([['m1', '2027-Q2'], ['m2', '2027-Q1'], ['m3', '2027-Q1']]);
    // The agenda says which quarter it is set for, not "from" one.
    expect(await ok(home, ['1on1', 'sam'], on('2027-01-05'))).toContain('m1  Lead the payments API redesign [for 2027-Q2]  0%');
    // In Q2: m1 is one of its goals, not one to carry; m2 and m3 are.
    const q2 = await ok(home, ['nudge', '--dry-run', '--details'], on('2027-04-05'));
    expect(q2).toContain('Sam has 2 open goals from 2027-Q1 (m2 "Write the on-call guide", m3 "Own the Q3 planning")');
    expect(q2).not.toMatch(/carry[^\n]*m1/);
  });

  it('a goal set for next quarter whose due day moves into this one comes back to this quarter, and is overdue here', async () => {
    const home = tempHome();
    const on = (day: string) => ({ env: { MTL_NOW: `${day}T09:00:00` } });
    await seedTeam(home, '2027-12-01', 'Sam');
    await ok(home, ['member-goals', 'sam', 'add', 'Write the runbook', '--due', '2028-01-05'], on('2027-12-10'));
    expect(readStore(home).memberGoals[0].quarter).toBe('2028-Q1');
    expect((await mtl(home, ['edit', 'm1', '--due', '2027-12-20'], on('2027-12-10'))).stderr).toContain('Changed m1 (report goal about Sam): due 2027-12-20, now a goal for 2027-Q4.');
    expect(readStore(home).memberGoals[0].quarter).toBe('2027-Q4');
    expect(await ok(home, ['nudge', '--dry-run', '--details'], on('2027-12-21'))).toContain('- Sam\'s goal m1 "Write the runbook": 1 day overdue (due 2027-12-20).');
    await ok(home, ['undo'], on('2027-12-21'));
    expect(readStore(home).memberGoals[0]).toMatchObject({ quarter: '2028-Q1', due: '2028-01-05' });
  });

  it('says how to count a goal of an earlier quarter in this one when its due day moves here', async () => {
    const home = tempHome();
    const on = (day: string) => ({ env: { MTL_NOW: `${day}T09:00:00` } });
    await seedTeam(home, '2027-10-01', 'Ana Ruiz');
    await ok(home, ['member-goals', 'ana', 'add', 'Own the search rewrite'], on('2027-12-01'));
    const r = await mtl(home, ['edit', 'm1', '--due', '2028-02-15'], on('2028-01-03'));
    expect(r.stderr).toContain("m1 is still a goal for 2027-Q4; to count it in 2028-Q1: mtl member-goals carry 'Ana Ruiz' m1\n");
    expect(readStore(home).memberGoals[0]).toMatchObject({ quarter: '2027-Q4', due: '2028-02-15' });
    await ok(home, ['member-goals', 'carry', 'Ana Ruiz', 'm1'], on('2028-01-03'));
    expect(readStore(home).memberGoals[0].quarter).toBe('2028-Q1');
  });
});
