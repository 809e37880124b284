import { describe, expect, it } from 'vitest';
import { mtl, ok, readStore, tempHome } from '../helpers/cli.js';

const at = (day: string) => ({ env: { MTL_NOW: `${day}T10:00:00` } });

/** The nudge's reminders as `text  ->  command` lines (JSON: the terminal layout is not what is tested here). */
async function reminders(home: string, day: string): Promise<string> {
  const json = JSON.parse(await ok(home, ['nudge', '--json'], at(day)));
  return json.reminders.map((r: { text: string; command: string }) => `${r.text}  ->  ${r.command}`).join('\n');
}

/** Q1 2027: two reports, praise for Sam, a goal each (Sam's checked in on), one more done. */
async function firstQuarter(): Promise<string> {
  const home = tempHome();
  const q1 = at('2027-02-01');
  await ok(home, ['team', 'add', 'sam'], q1);
  await ok(home, ['team', 'add', 'alex'], q1);
  await ok(home, ['member-goals', 'sam', 'add', 'Lead the API redesign'], q1);
  await ok(home, ['member-goals', 'sam', 'add', 'Give a talk'], q1);
  await ok(home, ['member-goals', 'alex', 'add', 'Mentor the new hire'], q1);
  await ok(home, ['member-goals', 'sam', 'check-in', 'm1', 'design approved', '--progress', '40'], at('2027-03-10'));
  await ok(home, ['member-goals', 'sam', 'done', 'm2'], at('2027-03-20'));
  await ok(home, ['praise', 'sam', 'clear design review, so the team agreed fast', '--public'], at('2027-02-10'));
  await ok(home, ['praise', 'sam', 'careful migration, so nothing broke'], at('2027-03-15'));
  await ok(home, ['praise', 'alex', 'patient pairing, so the new hire shipped'], at('2027-04-01'));
  return home;
}

describe('quarters', () => {
  it('rolls over: the nudge asks about Q1 open goals, carry moves one with its history, the nudge then counts it in Q2', async () => {
    const home = await firstQuarter();
    const day = at('2027-04-02');
    const before = await reminders(home, '2027-04-02');
    expect(before).toContain('2027-Q1 just ended: 2 praise entries for 1 of 2 reports (1 public); report goals: 1 of 3 done, 2 open; no innovation week.');
    expect(before).toContain('sam has 1 open goal from 2027-Q1 (m1 "Lead the API redesign"): carry it into 2027-Q2, or mark it done.');
    expect(before).toContain('carry it into 2027-Q2, or mark it done.  ->  mtl member-goals carry sam m1');
    expect(before).toContain('no innovation week.  ->  mtl export --format md --quarter last');
    const screen = await ok(home, ['nudge'], day);
    expect(screen).toContain('2027-Q1 just ended');
    expect(screen).toContain('sam has 1 open goal from 2027-Q1');
    expect(before).toContain('alex has 1 open goal from 2027-Q1 (m3 "Mentor the new hire")');
    expect(before).toContain('sam has 0 goals for 2027-Q2');

    const carried = await mtl(home, ['member-goals', 'carry', 'sam', 'm1'], day);
    expect(carried.code).toBe(0);
    expect(carried.stderr).toBe(
      'Carried 1 goal into 2027-Q2:\n' +
        '  m1  sam: Lead the API redesign (from 2027-Q1, due 2027-06-30, 40%, 1 check-in kept)\n' +
        'Check in on it in the next 1:1: mtl member-goals sam check-in m1 "<note>" --progress N\n',
    );
    const m1 = readStore(home).memberGoals.find((g: { id: string }) => g.id === 'm1');
    expect(m1).toMatchObject({ quarter: '2027-Q2', due: '2027-06-30', carriedFrom: ['2027-Q1'], created: '2027-02-01', progress: 40, status: 'open' });
    expect(m1.checkIns).toEqual([expect.objectContaining({ date: '2027-03-10', note: 'design approved', progress: 40 })]);

    const after = await reminders(home, '2027-04-02');
    expect(after).toContain('sam has 1 goal for 2027-Q2');
    expect(after).not.toContain('sam has 1 open goal from 2027-Q1');
    expect(after).toContain('alex has 1 open goal from 2027-Q1');
    expect(after).toContain('report goals: 1 of 3 done, 1 carried on, 1 open');
    expect(await ok(home, ['member-goals', 'sam'], day)).toMatch(/m1\s+Lead the API redesign\s+2027-Q2/);

    const all = await mtl(home, ['member-goals', 'carry', '--all'], day);
    expect(all.stderr).toContain('Carried 1 goal into 2027-Q2:\n  m3  alex: Mentor the new hire (from 2027-Q1');
    expect(await reminders(home, '2027-04-02')).not.toContain('open goal from 2027-Q1');
    const nothing = await mtl(home, ['member-goals', 'carry', '--all'], day);
    expect(nothing).toMatchObject({ code: 0, stderr: 'Nothing to carry: your reports have no open goals from before 2027-Q2.\n' });
  });

  it("carries only the goals of reports still on the team, and lists only theirs", async () => {
    const home = await firstQuarter();
    const day = { env: { MTL_NOW: '2027-04-02T09:00:00' } };
    await ok(home, ['team', 'remove', 'alex'], { env: { MTL_NOW: '2027-03-20T09:00:00' } });
    const all = await mtl(home, ['member-goals', 'carry', '--all'], day);
    expect(all.stderr).not.toContain('alex');
    // Undo reads a carry in words.
    expect((await ok(home, ['undo', '--list'], day)).split('\n')[0]).toMatch(/quarters carried from none → 2027-Q1/);
    expect(await ok(home, ['member-goals'], day)).not.toContain('Mentor the new hire');
    expect(await ok(home, ['member-goals', 'alex', '--all'], day)).toContain('Mentor the new hire');
  });

  it('refuses to carry a done goal, one of this quarter, or an unnamed choice, changing nothing', async () => {
    const home = await firstQuarter();
    const day = at('2027-04-02');
    const done = await mtl(home, ['member-goals', 'carry', 'sam', 'm2'], day);
    expect(done.code).toBe(1);
    expect(done.stderr).toContain('m2 is done (2027-03-20); only open goals are carried.');
    const unnamed = await mtl(home, ['member-goals', 'carry'], day);
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr).toContain('Name the goals to carry into 2027-Q2, or use --all.');
    expect(unnamed.stderr).toContain('m1 (sam, 2027-Q1: Lead the API redesign), m3 (alex, 2027-Q1: Mentor the new hire)');
    await ok(home, ['member-goals', 'carry', 'sam', 'm1'], day);
    const again = await mtl(home, ['member-goals', 'sam', 'carry', 'm1'], day);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('m1 is already a goal for 2027-Q2.');
    expect(readStore(home).memberGoals.filter((g: { quarter: string }) => g.quarter === '2027-Q1').map((g: { id: string }) => g.id)).toEqual(['m2', 'm3']);
  });

  it('says a report goal is done with its last progress, never "finished at 0%"', async () => {
    const home = await firstQuarter();
    const r = await mtl(home, ['member-goals', 'sam', 'done', 'm1'], at('2027-03-25'));
    expect(r.stderr).toContain('sam finished m1: Lead the API redesign. Done on 2027-03-25; last progress 40%, at the check-in of 2027-03-10.');
    const none = await mtl(home, ['member-goals', 'alex', 'done', 'm3'], at('2027-03-25'));
    expect(none.stderr).toContain('alex finished m3: Mentor the new hire. Done on 2027-03-25; no progress was recorded.');
    expect(none.stderr).not.toContain('0%');
  });

  it('export --format md --quarter last on 2027-04-02 shows Q1 praise counts and goals', async () => {
    const home = await firstQuarter();
    const r = await mtl(home, ['export', '--format', 'md', '--quarter', 'last'], at('2027-04-02'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Quarter 2027-Q1 (2027-01-01 to 2027-03-31). Made with mtl.');
    expect(r.stdout).toContain('### sam\n\n- Recognition in 2027-Q1: 2 (1 public); constructive feedback: 0\n- Goal: Lead the API redesign (open, 40%, due 2027-03-31)\n- Goal: Give a talk (done, 0%, due 2027-03-31)');
    expect(r.stdout).toContain('### alex\n\n- Recognition in 2027-Q1: 0 (0 public)');
    const current = await ok(home, ['export', '--format', 'md'], at('2027-04-02'));
    expect(current).toContain('- Recognition this quarter: 0 (0 public)');
    expect(current).toContain('- Recognition this quarter: 1 (0 public)');
    const hint = await mtl(home, ['export', '--format', 'md'], at('2027-04-02'));
    expect(hint.stderr).toBe('2027-Q1 just ended; its summary: mtl export --format md --quarter last\n');
    await ok(home, ['member-goals', 'carry', 'sam', 'm1'], at('2027-04-02'));
    expect(await ok(home, ['export', '--format', 'md', '--quarter', '2027-Q1'], at('2027-04-02'))).toContain('- Goal: Lead the API redesign (carried into 2027-Q2, 40%)');
  });

  it('refuses a bad --quarter by name, with the forms allowed', async () => {
    const home = await firstQuarter();
    for (const args of [['export', '--format', 'md'], ['prep'], ['praise', 'list'], ['team', 'list']]) {
      const r = await mtl(home, [...args, '--quarter', '2027-Q5'], at('2027-04-02'));
      expect(r).toEqual({ code: 1, stdout: '', stderr: 'mtl: --quarter "2027-Q5" is not a quarter.\nGive YYYY-Qn (like 2027-Q1), "last" or "this"; this quarter is 2027-Q2.\n' });
    }
    const far = await mtl(home, ['prep', '--quarter', '3000-Q1'], at('2027-04-02'));
    expect(far.stderr).toContain('--quarter "3000-Q1" is outside the quarters mtl accepts, 1970-Q1 to 2999-Q4.');
    const json = await mtl(home, ['export', '--format', 'json', '--quarter', 'last'], at('2027-04-02'));
    expect(json.code).toBe(1);
    expect(json.stderr).toContain('--quarter applies to --format md only, not json.');
  });

  it('prep, praise list and team list take --quarter; prep looks back on its own in the first two weeks', async () => {
    const home = await firstQuarter();
    const prep = await ok(home, ['prep'], at('2027-04-02'));
    expect(prep).toContain('2027-Q1 just ended: 2 praise entries for 1 of 2 reports (1 public); report goals: 1 of 3 done, 2 open; no innovation week.');
    expect(await ok(home, ['prep'], at('2027-04-20'))).not.toContain('just ended');
    expect(await ok(home, ['prep', '--quarter', '2027-Q1'], at('2027-04-20'))).toContain('2027-Q1: 2 praise entries');
    expect(JSON.parse(await ok(home, ['prep', '--json', '--quarter', 'last'], at('2027-04-20'))).quarter).toMatchObject({ quarter: '2027-Q1', praise: 2, public: 1 });

    const praise = await mtl(home, ['praise', 'list', '--quarter', 'last'], at('2027-04-02'));
    expect(praise.stdout).toContain('careful migration');
    expect(praise.stdout).not.toContain('patient pairing');
    expect(praise.stderr).toBe('2027-Q1: 2 praise entries, 1 public.\n');

    const team = await ok(home, ['team', 'list', '--quarter', 'last'], at('2027-04-02'));
    expect(team).toMatch(/^sam\t.*\t2\t0\t1$/m);
    expect(team).toMatch(/^alex\t.*\t0\t0\t1$/m);
    const teamJson = JSON.parse(await ok(home, ['team', 'list', '--json', '--quarter', '2027-Q1'], at('2027-04-02')));
    expect(teamJson[0].quarter).toEqual({ quarter: '2027-Q1', praise: 2, public: 1, private: 1, feedback: 0, goals: 2, goalsDone: 1, goalsOpen: 1, goalsCarried: 0 });
  });
});

describe('carry and a goal of the same title', () => {
  it('refuses to carry a goal whose title is already set for the new quarter, changing nothing', async () => {
    const home = tempHome();
    const q1 = { env: { MTL_NOW: '2027-02-01T09:00:00' } };
    const q2 = { env: { MTL_NOW: '2027-04-02T09:00:00' } };
    await ok(home, ['team', 'add', 'sam'], q1);
    await ok(home, ['member-goals', 'sam', 'add', 'Goal B'], q1);
    await ok(home, ['member-goals', 'sam', 'add', 'Goal B'], q2);
    const r = await mtl(home, ['member-goals', 'carry', 'sam', 'm1'], q2);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('m1 "Goal B" has a namesake for 2027-Q2 already (m2); nothing was carried.');
    expect(readStore(home).memberGoals.map((g: { id: string; quarter: string }) => `${g.id} ${g.quarter}`)).toEqual(['m1 2027-Q1', 'm2 2027-Q2']);
  });
});
