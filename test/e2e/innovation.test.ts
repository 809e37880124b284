import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mtl, ok, readStore, tempHome } from '../helpers/cli.js';

const at = (day: string) => ({ env: { MTL_NOW: `${day}T10:00:00` } });

describe('mtl innovation', () => {
  it('suggests planning one when the quarter has none', async () => {
    const home = tempHome();
    const r = await mtl(home, ['innovation'], at('2027-02-03'));
    expect(r).toEqual({ code: 0, stdout: 'No innovation week planned for 2027-Q1 (56 days left in the quarter).\n', stderr: 'Plan one: mtl innovation plan 2027-02-15\n' });
    expect(JSON.parse(await ok(home, ['innovation', '--json'], at('2027-02-03')))).toEqual({ quarter: '2027-Q1', week: null, weeks: [] });
  });

  it('plans Monday to Friday with the demo on Friday, and shows the countdown', async () => {
    const home = tempHome();
    const r = await mtl(home, ['innovation', 'plan', '2027-02-15'], at('2027-02-03'));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'Planned the 2027-Q1 innovation week: Mon 2027-02-15 to Fri 2027-02-19, demo day Fri 2027-02-19.\n' +
        'Tell the team now, so everyone can pick a project and invite people to the demo. See it: mtl innovation\n',
    );
    expect(readStore(home).innovationWeeks).toEqual([{ id: 'i1', quarter: '2027-Q1', start: '2027-02-15', end: '2027-02-19', demo: '2027-02-19', planned: '2027-02-03' }]);
    expect(await ok(home, ['innovation'], at('2027-02-03'))).toBe('Innovation week 2027-Q1: Mon 2027-02-15 to Fri 2027-02-19, demo day Fri 2027-02-19; starts in 12 days.\n');
    expect(await ok(home, ['innovation'], at('2027-02-17'))).toContain('; under way; demo in 2 days.');
    expect(await ok(home, ['innovation'], at('2027-02-19'))).toContain('; demo day is today.');
    // Over by the calendar but nothing recorded: not called held.
    const done = await mtl(home, ['innovation'], at('2027-03-01'));
    expect(done.stdout).toContain('; over, nothing recorded: mtl innovation log <name> "<project>", then mtl innovation demo.');
    expect(done.stderr).toBe("Next quarter's: mtl innovation plan 2027-04-05\n");
    expect(JSON.parse(await ok(home, ['innovation', '--json'], at('2027-02-03'))).week).toEqual({
      id: 'i1',
      quarter: '2027-Q1',
      start: '2027-02-15',
      end: '2027-02-19',
      demo: '2027-02-19',
      planned: '2027-02-03',
      status: 'upcoming',
      daysUntil: 12,
    });
  });

  it('keeps one week per quarter: planning again replaces it and says so', async () => {
    const home = tempHome();
    await ok(home, ['innovation', 'plan', '2027-02-15'], at('2027-02-03'));
    await ok(home, ['innovation', 'plan', '2027-04-12'], at('2027-02-03'));
    const r = await mtl(home, ['innovation', 'plan', 'next wednesday'], at('2027-02-03'));
    expect(r.stderr).toContain('Planned the 2027-Q1 innovation week: Wed 2027-02-10 to Tue 2027-02-16, demo day Tue 2027-02-16.');
    expect(r.stderr).toContain('It replaces the week planned earlier (2027-02-15 to 2027-02-19).');
    expect(readStore(home).innovationWeeks.map((w: { id: string; quarter: string; start: string }) => `${w.id} ${w.quarter} ${w.start}`).sort()).toEqual(['i2 2027-Q2 2027-04-12', 'i3 2027-Q1 2027-02-10']);
    expect(await ok(home, ['innovation'], at('2027-02-03'))).toContain('Next: 2027-Q2, Mon 2027-04-12 to Fri 2027-04-16; starts in 68 days.');
    // The nudge no longer asks for this quarter's week.
    expect(JSON.parse(await ok(home, ['nudge', '--json'], at('2027-02-03'))).reminders.map((r: { kind: string }) => r.kind)).not.toContain('innovation');
  });

  it('refuses a start it cannot read, writing nothing', async () => {
    const home = tempHome();
    const r = await mtl(home, ['innovation', 'plan', 'someday'], at('2027-02-03'));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'mtl: Cannot read "someday" as the start of the innovation week.\n' +
        'Give the first day of the week, for example "2027-02-15", "next monday", "in 3 weeks", "march 1"; the suggested one: mtl innovation plan 2027-02-15\n',
    );
    expect(r.stderr).not.toContain('deadline');
    const empty = await mtl(home, ['innovation', 'plan', ''], at('2027-02-03'));
    expect(empty.code).toBe(1);
    expect(empty.stderr.split('\n')[0]).toBe('mtl: The start date of the innovation week is empty.');
    expect((await mtl(home, ['innovation', 'plan'], at('2027-02-03'))).code).toBe(2);
    expect(fs.existsSync(home)).toBe(false);
  });

  it('late in a quarter, points at the next quarter, and the nudge reminder clears once that is planned', async () => {
    const home = tempHome();
    const late = at('2026-12-21');
    const show = await mtl(home, ['innovation'], late);
    expect(show.stdout).toBe('No innovation week planned for 2026-Q4 (10 days left in the quarter).\n');
    expect(show.stderr).toBe("Too late for one this quarter; plan 2027-Q1's: mtl innovation plan 2027-01-04\n");
    const reminder = async () => JSON.parse(await ok(home, ['nudge', '--json', '--dry-run'], late)).reminders.filter((r: { kind: string }) => r.kind === 'innovation');
    expect(await reminder()).toEqual([expect.objectContaining({ key: 'innovation:2027-Q1', text: expect.stringMatching(/^No innovation week planned for 2027-Q1 yet/), command: 'mtl innovation plan 2027-01-04' })]);
    await ok(home, ['innovation', 'plan', '2027-01-04'], late);
    expect(await reminder()).toEqual([]);
    expect((await mtl(home, ['innovation'], late)).stderr).toBe('');
  });
});
