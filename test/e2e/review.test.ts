import { describe, expect, it } from 'vitest';
import { mtl, ok, readStore, tempHome } from '../helpers/cli.js';

const LA = 'America/Los_Angeles';
const at = (now: string) => ({ env: { MTL_NOW: now.includes('T') ? now : `${now}T10:00:00`, TZ: LA } });

/** Zoë over the end of 2027-Q1 and the start of Q2, in Los Angeles. */
async function seed(home: string): Promise<void> {
  for (const name of ['Zoë', 'Priya']) await ok(home, ['team', 'add', name], at('2026-12-15'));
  await ok(home, ['team', 'note', 'zoe', 'new puppy called Biscuit'], at('2026-12-20'));
  await ok(home, ['team', 'note', 'zoe', 'marathon in April'], at('2027-01-04'));
  await ok(home, ['praise', 'zoe', 'before the quarter'], at('2026-12-30'));
  await ok(home, ['praise', 'zoe', 'calm incident review', '--public'], at('2027-01-06'));
  await ok(home, ['praise', 'priya', 'not about Zoë'], at('2027-01-06'));
  await ok(home, ['feedback', 'zoe', 'the design doc skipped the rollback plan'], at('2027-01-07'));
  await ok(home, ['1on1', 'zoe', '--done', '--note', 'talked about the on-call rota', '--action', 'book the training', '--their-action', 'write the RFC', '--due', '2027-01-20', '--gave', 'f1'], at('2027-01-12'));
  await ok(home, ['feedback', 'zoe', '--situation', 'the Friday demo', '--behaviour', 'skipped the test plan', '--impact', 'QA had to ask twice'], at('2027-02-03'));
  await ok(home, ['member-goals', 'zoe', 'add', 'Lead the redesign'], at('2027-01-07'));
  await ok(home, ['member-goals', 'zoe', 'check-in', 'm1', 'kick-off done', '--progress', '10'], at('2027-01-08'));
  await ok(home, ['member-goals', 'zoe', 'check-in', 'm1', 'first screens shipped', '--progress', '60'], at('2027-03-20'));
  await ok(home, ['member-goals', 'zoe', 'check-in', 'm1', 'all screens shipped', '--progress', '90'], at('2027-04-05'));
  await ok(home, ['delegate', 'Billing export', '--to', 'zoe'], at('2027-01-08'));
  await ok(home, ['delegate', 'check', 'd1', 'requirements'], at('2027-01-09'));
  // 23:30 on the last day of the quarter in Los Angeles is already April 1st in UTC.
  await ok(home, ['praise', 'zoe', 'stayed late to fix the release, so it shipped on time'], at('2027-03-31T23:30:00'));
  await ok(home, ['praise', 'zoe', 'first praise of Q2'], at('2027-04-01T08:00:00'));
}

describe('mtl review', () => {
  it('prints everything about one report in a quarter, by local days across the quarter boundary', async () => {
    const home = tempHome();
    await seed(home);
    // The praise at 23:30 on March 31st in Los Angeles is stored on that local day.
    expect(readStore(home).praise.find((p: { id: string }) => p.id === 'p4')).toMatchObject({ date: '2027-03-31', at: '2027-04-01T06:30:00.000Z' });
    const r = await mtl(home, ['review', 'ZOE', '--quarter', '2027-Q1'], at('2027-04-10'));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 7)).toEqual([
      'Review of Zoë  2027-Q1, 2027-01-01 to 2027-03-31',
      '',
      'Per month',
      '  month    praise  feedback  1:1s',
      '  2027-01  1       1         1',
      '  2027-02  0       1         0',
      '  2027-03  1       0         0',
    ]);
    expect(r.stdout).toContain(
      [
        'Praise (2: 1 private, 1 public)',
        '  • 2027-01-06  public   calm incident review (p2)',
        '  • 2027-03-31  private  stayed late to fix the release, so it shipped on time (p4)',
        '',
        'Feedback (2)',
        '  • 2027-01-07  given 2027-01-12  the design doc skipped the rollback plan (f1)',
        '  • 2027-02-03  queued  (f2)',
        '    - situation: the Friday demo',
        '    - behaviour: skipped the test plan',
        '    - impact: QA had to ask twice',
        '',
        'Their goals (1)',
        '  • m1  Lead the redesign [2027-Q1]  60%  open, due 2027-03-31',
        '    - check-in 2027-01-08 (10%): kick-off done',
        '    - check-in 2027-03-20 (60%): first screens shipped',
        '',
        'Delegated items (1)',
        '  • d1  Billing export  open, since 2027-01-08',
        '    - [x] requirements agreed with the product manager (2027-01-09)',
        '    - [ ] raised at the weekly technical check-in',
      ].join('\n'),
    );
    expect(r.stdout).toContain(
      [
        '1:1s (1)',
        '  • 2027-01-12 (o1; feedback given: f1)',
        '    - note: talked about the on-call rota',
        '    - action t1 (me, open, due 2027-01-20): book the training',
        '    - action t2 (them, open, due 2027-01-20): write the RFC',
      ].join('\n'),
    );
    expect(r.stdout).toContain('Personal notes (1)\n  • 2027-01-04  marathon in April (n2)');
    // Outside the quarter: December's praise and note, April's praise and check-in, Priya's praise.
    for (const text of ['before the quarter', 'first praise of Q2', 'all screens shipped', 'puppy', 'not about']) expect(r.stdout).not.toContain(text);

    const q2 = await ok(home, ['review', 'zoe', '--quarter', '2027-Q2'], at('2027-04-10'));
    expect(q2.split('\n')[0]).toBe('Review of Zoë  2027-Q2 so far, 2027-04-01 to 2027-04-10');
    expect(q2).toContain('Praise (1: 1 private, 0 public)\n  • 2027-04-01  private  first praise of Q2 (p5)\n');
    expect(q2).not.toContain('stayed late');
    expect(q2).toContain('  • m1  Lead the redesign [2027-Q1]  90%  open, due 2027-03-31\n    - check-in 2027-04-05 (90%): all screens shipped\n');
    // No period given: this quarter so far; --quarter last: the one before.
    expect(await ok(home, ['review', 'zoe'], at('2027-04-10'))).toBe(q2);
    expect(await ok(home, ['review', 'zoe', '--quarter', 'last'], at('2027-04-10'))).toBe(r.stdout);
  });

  it('prints markdown with the text from the data escaped', async () => {
    const home = tempHome();
    await seed(home);
    await ok(home, ['praise', 'zoe', '# not a heading | nor a cell\n<script>x</script>'], at('2027-03-02'));
    const md = await ok(home, ['review', 'zoe', '--quarter', '2027-Q1', '--markdown', '--with-notes'], at('2027-04-10'));
    expect(md.startsWith('# Review of Zoë: 2027-Q1, 2027-01-01 to 2027-03-31\n\n## Per month\n| month | praise | feedback | 1:1s |\n| --- | --- | --- | --- |\n| 2027-01 | 1 | 1 | 1 |\n')).toBe(true);
    expect(md).toContain('## Praise (3: 2 private, 1 public)\n- 2027-01-06  public   calm incident review (p2)\n');
    expect(md).toContain('- 2027-03-02  private  \\# not a heading \\| nor a cell\n  \\<script>x\\</script> (p6)\n');
    expect(md).toContain('- 2027-02-03  queued  (f2)\n  - situation: the Friday demo\n  - behaviour: skipped the test plan\n  - impact: QA had to ask twice\n');
    expect(md).toContain('- 2027-01-12 (o1; feedback given: f1)\n  - note: talked about the on-call rota\n  - action t1 (me, open, due 2027-01-20): book the training\n');
    expect(md).toContain('  - [x] requirements agreed with the product manager (2027-01-09)\n  - [ ] raised at the weekly technical check-in\n');
    expect(md).not.toContain('mtl review');
    expect(md.split('\n').filter((l) => /^#/.test(l))).toEqual([
      '# Review of Zoë: 2027-Q1, 2027-01-01 to 2027-03-31',
      '## Per month',
      '## Praise (3: 2 private, 1 public)',
      '## Feedback (2)',
      '## Their goals (1)',
      '## Delegated items (1)',
      '## 1:1s (1)',
      '## Personal notes (1)',
    ]);
  });

  it('prints JSON over a range of days, with the progress as it was at its end', async () => {
    const home = tempHome();
    await seed(home);
    const j = JSON.parse(await ok(home, ['review', 'zoe', '--from', '2027-03-31', '--to', '2027-04-01', '--json'], at('2027-04-10')));
    expect(j).toMatchObject({ member: 'Zoë', memberId: 'r1', removed: null, period: '2027-03-31 to 2027-04-01', from: '2027-03-31', to: '2027-04-01' });
    expect(j.counts).toEqual({ praise: 2, public: 0, feedback: 0, oneOnOnes: 0 });
    expect(j.months).toEqual([
      { month: '2027-03', praise: 1, feedback: 0, oneOnOnes: 0 },
      { month: '2027-04', praise: 1, feedback: 0, oneOnOnes: 0 },
    ]);
    expect(j.praise.map((p: { id: string; date: string }) => [p.id, p.date])).toEqual([['p4', '2027-03-31'], ['p5', '2027-04-01']]);
    expect(j.goals).toEqual([expect.objectContaining({ id: 'm1', status: 'open', progress: 60, lastCheckIn: '2027-03-20', checkIns: [] })]);
    expect(j.delegations.map((d: { id: string }) => d.id)).toEqual(['d1']);
    expect(j).toMatchObject({ feedback: [], oneOnOnes: [], otherActions: [], notes: [] });

    // A period that ends ahead of today: overdue as of today, not of the period's end.
    const ahead = JSON.parse(await ok(home, ['review', 'zoe', '--from', '2027-01-01', '--to', '2027-06-30', '--json'], at('2027-01-15')));
    expect(ahead.oneOnOnes[0].actions.map((t: { id: string; overdue: boolean }) => [t.id, t.overdue])).toEqual([['t1', false], ['t2', false]]);

    const q1 = JSON.parse(await ok(home, ['review', 'zoe', '--quarter', '2027-q1', '--json'], at('2027-04-10')));
    expect(q1.feedback[1]).toMatchObject({ id: 'f2', situation: 'the Friday demo', behaviour: 'skipped the test plan', impact: 'QA had to ask twice' });
    expect(q1.oneOnOnes).toEqual([
      {
        id: 'o1',
        date: '2027-01-12',
        notes: ['talked about the on-call rota'],
        feedbackDelivered: ['f1'],
        actions: [
          // As 1on1 --json shows them; overdue as of the period's end.
          { id: 't1', member: 'Zoë', memberId: 'r1', oneOnOne: 'o1', text: 'book the training', owner: 'me', created: '2027-01-12', due: '2027-01-20', status: 'open', doneOn: null, overdue: true },
          { id: 't2', member: 'Zoë', memberId: 'r1', oneOnOne: 'o1', text: 'write the RFC', owner: 'them', created: '2027-01-12', due: '2027-01-20', status: 'open', doneOn: null, overdue: true },
        ],
      },
    ]);
    expect(q1.feedback[0]).toMatchObject({ id: 'f1', delivered: true, deliveredOn: '2027-01-12' });
    // Personal notes only with --with-notes, as team list --json.
    expect(q1.notes).toEqual([]);
    expect(q1.notesLeftOut).toEqual({ notes: 1, dailyNotes: 0 });
    const withNotes = JSON.parse(await ok(home, ['review', 'zoe', '--quarter', '2027-q1', '--json', '--with-notes'], at('2027-04-10')));
    expect(withNotes.notes).toEqual([{ id: 'n2', date: '2027-01-04', text: 'marathon in April' }]);
    expect(withNotes.notesLeftOut).toEqual({ notes: 0, dailyNotes: 0 });
  });

  it('leaves personal notes and daily notes out of the markdown unless --with-notes, and says so on stderr', async () => {
    const home = tempHome();
    await seed(home);
    await ok(home, ['team', 'note', 'zoe', 'mother in hospital'], at('2027-02-01'));
    await ok(home, ['today', '--note', 'Zoë took the outage without being asked'], at('2027-02-02'));
    const r = await mtl(home, ['review', 'zoe', '--quarter', '2027-Q1', '--markdown'], at('2027-04-10'));
    expect(r.code).toBe(0);
    for (const text of ['mother in hospital', 'marathon in April', 'took the outage', 'Personal notes', 'daily notes']) expect(r.stdout).not.toContain(text);
    expect(r.stdout).toContain('## 1:1s (1)');
    expect(r.stderr).toBe('Personal notes left out (2), and your daily notes that name Zoë left out (1); add --with-notes to include them.\n');

    const all = await mtl(home, ['review', 'zoe', '--quarter', '2027-Q1', '--markdown', '--with-notes'], at('2027-04-10'));
    expect(all.stderr).toBe('');
    expect(all.stdout).toContain('## Personal notes (2)\n- 2027-01-04  marathon in April (n2)\n- 2027-02-01  mother in hospital (n3)\n');
    expect(all.stdout).toContain('Zoë took the outage without being asked');

    // The terminal view is the manager's own: notes stay, and it says what the markdown leaves out.
    const text = await mtl(home, ['review', 'zoe', '--quarter', '2027-Q1'], at('2027-04-10'));
    expect(text.stdout).toContain('Personal notes (2)\n  • 2027-01-04  marathon in April (n2)\n  • 2027-02-01  mother in hospital (n3)');
    expect(text.stdout).toContain('Zoë took the outage without being asked');
    expect(text.stdout).toContain("--markdown (personal notes left out; add --with-notes to include them)");
    expect(text.stderr).toBe('');

    // Nothing to leave out: no line.
    const q3 = await mtl(home, ['review', 'zoe', '--quarter', '2027-Q3', '--markdown'], at('2027-10-10'));
    expect(q3.stderr).toBe('');
    expect(q3.stdout).not.toContain('Personal notes');
  });

  it('lists in a quarter’s review the goals carried on from it, marked as carried', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Alex Kim'], at('2027-01-10'));
    for (const title of ['Ship the search page', 'Mentor the intern', 'Write the on-call guide', 'Cut build time']) await ok(home, ['member-goals', 'alex', 'add', title], at('2027-01-10'));
    await ok(home, ['member-goals', 'alex', 'check-in', 'm2', 'weekly pairing started', '--progress', '40'], at('2027-02-15'));
    await ok(home, ['member-goals', 'alex', 'done', 'm4'], at('2027-03-01'));
    await ok(home, ['member-goals', 'carry', 'alex', '--all'], at('2027-04-05'));
    expect(readStore(home).memberGoals.map((g: { quarter: string }) => g.quarter)).toEqual(['2027-Q2', '2027-Q2', '2027-Q2', '2027-Q1']);

    const q1 = await ok(home, ['review', 'alex', '--quarter', 'last'], at('2027-04-05'));
    expect(q1).toContain(
      [
        'Their goals (4)',
        '  • m1  Ship the search page [2027-Q1]  0%  carried into 2027-Q2',
        '    - no check-in in this period',
        '  • m2  Mentor the intern [2027-Q1]  40%  carried into 2027-Q2',
        '    - check-in 2027-02-15 (40%): weekly pairing started',
        '  • m3  Write the on-call guide [2027-Q1]  0%  carried into 2027-Q2',
        '    - no check-in in this period',
        '  • m4  Cut build time [2027-Q1]  0%  done 2027-03-01',
      ].join('\n'),
    );
    const md = await ok(home, ['review', 'alex', '--quarter', '2027-Q1', '--markdown'], at('2027-04-05'));
    expect(md).toContain('## Their goals (4)\n- m1  Ship the search page [2027-Q1]  0%  carried into 2027-Q2\n');
    const j = JSON.parse(await ok(home, ['review', 'alex', '--quarter', 'last', '--json'], at('2027-04-05')));
    expect(j.goals.map((g: { id: string; carriedInto: string | null; status: string }) => [g.id, g.status, g.carriedInto])).toEqual([
      ['m1', 'open', '2027-Q2'],
      ['m2', 'open', '2027-Q2'],
      ['m3', 'open', '2027-Q2'],
      ['m4', 'done', null],
    ]);

    // The Q2 review has them as Q2 goals; carried on again into Q3, the Q1 review still says Q2.
    const q2 = await ok(home, ['review', 'alex'], at('2027-04-05'));
    expect(q2).toContain('Their goals (3)\n  • m1  Ship the search page [2027-Q2]  0%  open, due 2027-06-30\n');
    await ok(home, ['member-goals', 'carry', 'alex', '--all'], at('2027-07-02'));
    expect(await ok(home, ['review', 'alex', '--quarter', '2027-Q1'], at('2027-07-02'))).toContain('  • m1  Ship the search page [2027-Q1]  0%  carried into 2027-Q2\n');
    expect(await ok(home, ['review', 'alex', '--quarter', '2027-Q2'], at('2027-07-02'))).toContain('  • m2  Mentor the intern [2027-Q2]  40%  carried into 2027-Q3\n');
  });

  it('reviews a report who has left the team', async () => {
    const home = tempHome();
    await seed(home);
    await ok(home, ['team', 'remove', 'zoe'], at('2027-04-08'));
    const r = await mtl(home, ['review', 'zoe', '--quarter', '2027-Q1'], at('2027-04-10'));
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual(['Review of Zoë  2027-Q1, 2027-01-01 to 2027-03-31', 'Zoë left the team on 2027-04-08.']);
    expect(r.stdout).toContain('(p4)');
    const j = JSON.parse(await ok(home, ['review', 'zoe', '--quarter', '2027-Q1', '--json'], at('2027-04-10')));
    expect(j.removed).toBe('2027-04-08');
  });

  it('says why a review is empty when the report joined after the period, and when they joined within it', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Kai'], at('2027-02-15'));
    const before = await mtl(home, ['review', 'kai', '--quarter', '2026-Q4'], at('2027-04-10'));
    expect(before.stdout.split('\n').slice(0, 2)).toEqual(['Review of Kai  2026-Q4, 2026-10-01 to 2026-12-31', 'Kai joined the team on 2027-02-15, after this period.']);
    const within = await mtl(home, ['review', 'kai', '--quarter', '2027-Q1'], at('2027-04-10'));
    expect(within.stdout.split('\n')[1]).toBe('Kai joined the team on 2027-02-15.');
  });

  it('refuses a period it cannot read', async () => {
    const home = tempHome();
    await seed(home);
    const cases: [string[], number, string][] = [
      [['--quarter', '2027-Q5'], 1, 'mtl: --quarter "2027-Q5" is not a quarter.'],
      [['--from', '2027-03-01', '--to', '2027-02-01'], 1, 'mtl: --to 2027-02-01 is before --from 2027-03-01.'],
      [['--from', '2027-02-30'], 1, 'mtl: --from "2027-02-30" is not a calendar day (YYYY-MM-DD).'],
      [['--to', '2027-02-01'], 1, 'mtl: --to needs --from.'],
      [['--quarter', 'last', '--from', '2027-01-01'], 2, "cannot be used with option '--from"],
    ];
    for (const [args, code, message] of cases) {
      const r = await mtl(home, ['review', 'zoe', ...args], at('2027-04-10'));
      expect([r.code, r.stdout]).toEqual([code, '']);
      expect(r.stderr).toContain(message);
    }
    const unknown = await mtl(home, ['review', 'alex'], at('2027-04-10'));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No report called "alex"');
  });

  it('has examples in --help', async () => {
    const help = await ok(tempHome(), ['review', '--help']);
    expect(help).toContain('mtl review sam --quarter 2027-Q1 --markdown');
    expect(help).toContain('mtl review sam --quarter last --markdown --with-notes > sam-private.md');
    expect(help).toMatch(/--with-notes +markdown and JSON: include your personal notes/);
    expect(await ok(tempHome(), ['--help'])).toMatch(/review <name>|review /);
  });
});
