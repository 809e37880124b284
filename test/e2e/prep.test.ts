import { describe, expect, it } from 'vitest';
import { mtl, ok, tempHome } from '../helpers/cli.js';

const at = (day: string) => ({ env: { MTL_NOW: `${day}T10:00:00` } });

/** Two open goals (one overdue by the 25th), one done, two assessments. */
async function seeded(): Promise<string> {
  const home = tempHome();
  await ok(home, ['assess', '--answers', 'no,2,3,4,3,2'], at('2027-01-10'));
  await ok(home, ['goals', 'new', '-t', 'autonomy', '--title', 'Hand over the search rewrite', '--due', '2027-03-20'], at('2027-03-01'));
  await ok(home, ['goals', 'new', '-t', 'culture', '--title', 'Monthly team lunch', '--due', '2027-06-30'], at('2027-03-01'));
  await ok(home, ['goals', 'new', '-t', 'learning', '--due', 'end of quarter'], at('2027-03-01'));
  await ok(home, ['goals', 'check-in', 'g1', 'Boss agreed: Ana owns it', '--progress', '20'], at('2027-03-05'));
  await ok(home, ['goals', 'check-in', 'g1', 'Requirements done with product', '--progress', '50'], at('2027-03-19'));
  await ok(home, ['goals', 'done', 'g3'], at('2027-03-22'));
  await ok(home, ['assess', '--answers', 'no,4,3,4,3,4'], at('2027-03-24'));
  return home;
}

describe('mtl prep', () => {
  it('is helpful with no data, exit 0', async () => {
    const home = tempHome();
    const r = await mtl(home, ['prep']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Nothing to prepare yet');
    expect(r.stderr).toContain('mtl assess');
    const json = JSON.parse(await ok(home, ['prep', '--json'], at('2027-03-25')));
    expect(json).toEqual({ date: '2027-03-25', lookAheadDays: 14, goals: [], dueSoon: [], overdue: [], doneSince: '2027-01-01', recentlyDone: [], assessment: null });
  });

  it('shows each goal with what moved, due soon, overdue, done and the assessment trend', async () => {
    const home = await seeded();
    const r = await mtl(home, ['prep'], at('2027-03-25'));
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toContain('Prep for your 1:1 with your boss, 2027-03-25');
    expect(out).toContain('Goals (2 open)');
    expect(out).toMatch(/g1 {2}Hand over the search rewrite {2}\(autonomy\)\n {6}50% {2}\+30 since the check-in of 2027-03-05 {2}due 2027-03-20, 5 days overdue\n {6}last check-in 2027-03-19 \(6 days ago\): Requirements done with product/);
    expect(out).toMatch(/g2 {2}Monthly team lunch {2}\(culture\)\n {6}0% {2}no check-in yet {2}due 2027-06-30, in 97 days\n {6}no check-in since it started on 2027-03-01/);
    expect(out).toMatch(/Due within 14 days\n {2}nothing\n/);
    expect(out).toMatch(/Overdue\n {2}g1 {2}Hand over the search rewrite {2}2027-03-20 \(5 days overdue\)\n/);
    expect(out).toMatch(/Done this quarter \(since 2027-01-01\)\n {2}g3 {2}Become a student of leadership this quarter {2}done 2027-03-22\n/);
    expect(out).toMatch(/Latest assessment\n {2}65\/100 on 2027-03-24, leading; \+20 since 2027-01-10 \(45\)/);
  });

  it('lists goals due within the look-ahead preference', async () => {
    const home = await seeded();
    await ok(home, ['config', 'set', 'lookAheadDays', '100']);
    const out = await ok(home, ['prep'], at('2027-03-25'));
    expect(out).toMatch(/Due within 100 days\n {2}g2 {2}Monthly team lunch {2}2027-06-30 \(in 97 days\)\n/);
  });

  it('prints markdown to paste into a shared doc', async () => {
    const home = await seeded();
    const out = await ok(home, ['prep', '--markdown'], at('2027-03-25'));
    expect(out.split('\n').slice(0, 10)).toEqual([
      '# 1:1 prep, 2027-03-25',
      '',
      '## Goals (2 open goals)',
      '',
      '- **g1 Hand over the search rewrite** (autonomy): 50%, +30 since the check-in of 2027-03-05; due 2027-03-20, 5 days overdue',
      '  - last check-in 2027-03-19 (6 days ago): Requirements done with product',
      '  - measured 0%: 0 of 3 delegated items done, 0 owned this quarter; nothing delegated this quarter; 0 of 2 processes owned by a report',
      '- **g2 Monthly team lunch** (culture): 0%, no check-in yet; due 2027-06-30, in 97 days',
      '  - no check-in since it started on 2027-03-01',
      '  - measured 0%: 0 of 3 team events held',
    ]);
    expect(out).toContain('## Overdue\n\n- g1 Hand over the search rewrite: due 2027-03-20, 5 days overdue\n');
    expect(out).toContain('## Due within 14 days\n\nNothing.\n');
    expect(out).toContain('## Latest assessment\n\n65/100 on 2027-03-24, leading; +20 since 2027-01-10 (45)\n');
    expect(out).not.toMatch(/\x1b\[/);
  });

  it('prints stable JSON', async () => {
    const home = await seeded();
    const json = JSON.parse(await ok(home, ['prep', '--json'], at('2027-03-25')));
    expect(json.date).toBe('2027-03-25');
    expect(json.goals.map((g: { id: string }) => g.id)).toEqual(['g1', 'g2']);
    expect(json.goals[0]).toMatchObject({ id: 'g1', title: 'Hand over the search rewrite', template: 'autonomy', due: '2027-03-20', status: 'open', progress: 50, change: 30, changeSince: '2027-03-05', daysLeft: -5, overdue: true });
    expect(json.overdue.map((g: { id: string }) => g.id)).toEqual(['g1']);
    expect(json.dueSoon).toEqual([]);
    expect(json.recentlyDone.map((g: { id: string }) => g.id)).toEqual(['g3']);
    expect(json.assessment).toEqual({ date: '2027-03-24', score: 65, verdict: 'leading', previous: { date: '2027-01-10', score: 45 }, change: 20 });
  });

  it('keeps a goal done this quarter after two weeks, and sums up the ones of the quarter just ended', async () => {
    const home = tempHome();
    await ok(home, ['goals', 'new', '-t', 'autonomy', '--title', 'Hand over the search rewrite', '--due', '2027-03-31'], at('2027-02-01'));
    await ok(home, ['goals', 'new', '-t', 'culture', '--title', 'Monthly team lunch', '--due', '2027-06-30'], at('2027-02-01'));
    await ok(home, ['goals', 'done', 'g1'], at('2027-03-01'));
    const done = ['Done this quarter (since 2027-01-01)', '  g1  Hand over the search rewrite  done 2027-03-01', ''].join('\n');
    expect(await ok(home, ['prep'], at('2027-03-10'))).toContain(done);
    // 15 days later, past the 14 look-ahead days: a monthly 1:1 still hears of it.
    expect(await ok(home, ['prep'], at('2027-03-16'))).toContain(done);
    expect(await ok(home, ['prep', '--markdown'], at('2027-03-30'))).toContain('## Done this quarter (since 2027-01-01)\n\n- g1 Hand over the search rewrite: done 2027-03-01\n');
    expect(JSON.parse(await ok(home, ['prep', '--json'], at('2027-03-30')))).toMatchObject({ doneSince: '2027-01-01', recentlyDone: [{ id: 'g1', doneOn: '2027-03-01' }] });
    // In the next quarter it leaves the list, and the look-back on the quarter just ended names it.
    const april = await ok(home, ['prep'], at('2027-04-05'));
    expect(april).not.toContain('Done this quarter');
    expect(april.split('\n').slice(0, 3)).toEqual([
      'Prep for your 1:1 with your boss, 2027-04-05',
      '',
      '2027-Q1 just ended: no reports on the team; no report goals; your goals done: g1 "Hand over the search rewrite" (2027-03-01); no innovation week.',
    ]);
    expect(JSON.parse(await ok(home, ['prep', '--json'], at('2027-04-05'))).quarter.goalsDone).toEqual([{ id: 'g1', title: 'Hand over the search rewrite', doneOn: '2027-03-01' }]);
  });

  it('does not look back on a quarter from before the store had anything', async () => {
    const home = tempHome();
    for (const name of ['Sam Lee', 'Ana Diaz', 'Kim Ito', 'Lee Park']) await ok(home, ['team', 'add', name], at('2027-01-11'));
    await ok(home, ['goals', 'new', '-t', 'autonomy', '--due', '2027-03-31'], at('2027-01-11'));
    const prep = await ok(home, ['prep'], at('2027-01-13'));
    expect(prep.split('\n').slice(0, 3)).toEqual(['Prep for your 1:1 with your boss, 2027-01-13', '', 'Goals (1 open)']);
    expect(prep).not.toContain('2026-Q4');
    expect(JSON.parse(await ok(home, ['prep', '--json'], at('2027-01-13'))).quarter).toBeUndefined();
    const exported = await mtl(home, ['export', '--format', 'md'], at('2027-01-13'));
    expect(exported.code).toBe(0);
    expect(exported.stderr).toBe('');
    const nudge = JSON.parse(await ok(home, ['nudge', '--json'], at('2027-01-13')));
    expect(nudge.reminders.map((r: { kind: string }) => r.kind)).not.toContain('quarter-review');
    // Asked for by name, the quarter is still summed up.
    expect(await ok(home, ['prep', '--quarter', 'last'], at('2027-01-13'))).toContain('2026-Q4: no reports on the team; no report goals; no innovation week.');
  });

  it('refuses --json with --markdown as a usage error', async () => {
    const r = await mtl(tempHome(), ['prep', '--json', '--markdown']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Choose one of --json and --markdown');
  });
});
