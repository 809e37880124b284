import { describe, expect, it } from 'vitest';
import { mtl, ok, readStore, tempHome } from '../helpers/cli.js';
import { expectPrivate, seedTeam } from '../helpers/team.js';

const at = (day: string, time = '10:00:00') => ({ env: { MTL_NOW: `${day}T${time}` } });

/** Sam with a note, praise before and after a 1:1, queued feedback, a goal and a delegated item. */
async function seed(home: string): Promise<void> {
  await seedTeam(home, '2027-01-02', 'Sam', 'Priya');
  await ok(home, ['team', 'note', 'sam', 'new puppy called Biscuit'], at('2027-01-02'));
  await ok(home, ['praise', 'sam', 'before the first 1:1'], at('2027-01-03'));
  await ok(home, ['1on1', 'sam', '--done'], at('2027-01-05'));
  await ok(home, ['praise', 'sam', 'calm incident review', '--public'], at('2027-01-06'));
  await ok(home, ['praise', 'priya', 'not about Sam'], at('2027-01-06'));
  await ok(home, ['feedback', 'sam', 'the design doc skipped the rollback plan'], at('2027-01-07'));
  await ok(home, ['member-goals', 'sam', 'add', 'Lead the redesign'], at('2027-01-07'));
  await ok(home, ['member-goals', 'sam', 'check-in', 'm1', 'kick-off done', '--progress', '10'], at('2027-01-08'));
  await ok(home, ['delegate', 'Billing export', '--to', 'sam'], at('2027-01-08'));
  await ok(home, ['delegate', 'check', 'd1', 'requirements'], at('2027-01-09'));
}

describe('mtl 1on1', () => {
  it('prints the agenda: notes, praise since the last 1:1, feedback, goals, delegations', async () => {
    const home = tempHome();
    await seed(home);
    const r = await mtl(home, ['1on1', 'SAM'], at('2027-01-12'));
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      '1:1 with Sam  2027-01-12',
      'Last 1:1: 2027-01-05 (7 days ago); every 7 days.',
      '',
      'Ask about',
      '  • new puppy called Biscuit (2027-01-02)',
      '',
      'Praise since the last 1:1 (1)',
      '  • 2027-01-06  public   calm incident review',
      '',
      'Feedback to give (1)',
      '  • the design doc skipped the rollback plan (f1, noted 2027-01-07)',
      '',
      'Their goals for 2027-Q1',
      '  • m1  Lead the redesign  10%  due 2027-03-31 (in 78 days); last check-in 2027-01-08: kick-off done',
      '  Sam has one goal for 2027-Q1; help them set two or three.',
      '',
      'Delegated items (1)',
      '  • d1  Billing export  (open: raised at the weekly technical check-in; documentation written with the writers; cross-team dependencies done and tested end to end)',
      '',
      'After the meeting: mtl 1on1 Sam --done (asks for notes, action items and which feedback you gave)',
      '',
    ]);
  });

  it('prints markdown and JSON, the JSON with the notes', async () => {
    const home = tempHome();
    await seed(home);
    const md = await ok(home, ['1on1', 'sam', '--markdown'], at('2027-01-12'));
    expect(md).toContain('# 1:1 with Sam (2027-01-12)\n');
    expect(md).toContain('## Feedback to give (1)\n- [ ] the design doc skipped the rollback plan (f1, noted 2027-01-07)\n');
    expect(md).toContain('## Ask about\n- new puppy called Biscuit (2027-01-02)\n');
    expect(md).not.toContain('--done');

    const json = JSON.parse(await ok(home, ['1on1', 'sam', '--json'], at('2027-01-12')));
    expect(json).toMatchObject({
      member: 'Sam',
      date: '2027-01-12',
      lastOneOnOne: '2027-01-05',
      daysSinceLast: 7,
      praise: [{ id: 'p2', member: 'Sam', text: 'calm incident review', date: '2027-01-06', public: true }],
      feedback: [{ id: 'f1', text: 'the design doc skipped the rollback plan', delivered: false }],
      quarter: '2027-Q1',
      goals: [{ id: 'm1', progress: 10, daysLeft: 78, lastCheckIn: '2027-01-08' }],
      delegations: [{ id: 'd1', openSteps: ['tech-checkin', 'docs', 'dependencies'] }],
      notes: [{ date: '2027-01-02', text: 'new puppy called Biscuit' }],
    });
    expect(json.praise).toHaveLength(1);
    expect((await mtl(home, ['1on1', 'sam', '--json', '--markdown'])).code).toBe(2);
    expect((await mtl(home, ['1on1', 'alex'])).stderr).toContain('Your reports: Sam, Priya.');
  });

  it('--done delivers queued feedback exactly once and starts a new "since"', async () => {
    const home = tempHome();
    await seed(home);
    // Since #11 only the feedback named with --gave is marked delivered (before, --done marked all of it).
    const done = await mtl(home, ['1on1', 'sam', '--done', '--gave', 'f1'], at('2027-01-12'));
    expect(done.code).toBe(0);
    expect(done.stdout).toBe('');
    expect(done.stderr).toContain('Recorded your 1:1 with Sam on 2027-01-12 (o2): 1 feedback note marked delivered (f1).');
    expectPrivate(home);
    let store = readStore(home);
    expect(store.feedback[0].deliveredOn).toBe('2027-01-12');
    expect(store.oneOnOnes.map((o: { date: string; feedbackDelivered: string[] }) => [o.date, o.feedbackDelivered])).toEqual([
      ['2027-01-05', []],
      ['2027-01-12', ['f1']],
    ]);

    const again = await mtl(home, ['1on1', 'sam', '--done', '--json'], at('2027-01-13'));
    expect(JSON.parse(again.stdout)).toMatchObject({ id: 'o3', member: 'Sam', memberId: 'r1', date: '2027-01-13', feedbackDelivered: [], stillQueued: [], actions: [] });
    expect(again.stderr).toContain('Recorded your 1:1 with Sam on 2027-01-13 (o3).');
    expect(again.stderr).not.toContain('queued');
    store = readStore(home);
    expect(store.feedback[0].deliveredOn).toBe('2027-01-12');

    await ok(home, ['feedback', 'sam', 'late to the planning meeting'], at('2027-01-14'));
    const agenda = JSON.parse(await ok(home, ['1on1', 'sam', '--json'], at('2027-01-15')));
    expect(agenda).toMatchObject({ lastOneOnOne: '2027-01-13', daysSinceLast: 2, praise: [] });
    expect(agenda.feedback.map((f: { id: string }) => f.id)).toEqual(['f2']);
    expect(await ok(home, ['feedback', 'list', '--all'], at('2027-01-15'))).toContain('f1\tSam\tdelivered 2027-01-12');
  });

  it('shows a first 1:1 with everything logged, and team show reuses it', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-01-02', 'Priya');
    const r = await ok(home, ['1on1', 'priya'], at('2027-01-12'));
    expect(r).toContain('No 1:1 with Priya recorded yet (on the team 10 days); every 7 days. Past the cadence by 3 days.');
    expect(r).toContain('Praise logged (0)');
    // The advice to set goals comes once, not again as a warning under it.
    expect(r).toContain('\nTheir goals for 2027-Q1\n  None yet. Help Priya set two or three: mtl member-goals Priya add "<goal>"\n\nDelegated items (0)');
    expect(r.match(/two or three/g)).toHaveLength(1);
    expect(await ok(home, ['team', 'show', 'pri'], at('2027-01-12'))).toContain('Priya  2027-01-12');
  });
});
