import { describe, expect, it } from 'vitest';
import { mtl, ok, readStore, tempHome } from '../helpers/cli.js';

const at = (day: string) => ({ env: { MTL_NOW: `${day}T10:00:00` } });

async function heldWeek(): Promise<string> {
  const home = tempHome();
  await ok(home, ['team', 'add', 'sam'], at('2027-02-01'));
  await ok(home, ['team', 'add', 'alex'], at('2027-02-01'));
  await ok(home, ['innovation', 'plan', '2027-02-15'], at('2027-02-01'));
  return home;
}

describe('innovation history', () => {
  it('refuses to re-plan a quarter whose week was held, keeping it, and points at the next quarter', async () => {
    const home = await heldWeek();
    const r = await mtl(home, ['innovation', 'plan', '2027-03-08'], at('2027-02-25'));
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'mtl: The 2027-Q1 innovation week was held (Mon 2027-02-15 to Fri 2027-02-19); planning 2027-Q1 again would erase it.\n' +
        'Nothing was changed. Plan the next one: mtl innovation plan 2027-04-05\n',
    });
    const under = await mtl(home, ['innovation', 'plan', '2027-03-08'], at('2027-02-17'));
    expect(under.stderr).toContain('The 2027-Q1 innovation week is under way');
    expect(readStore(home).innovationWeeks).toEqual([expect.objectContaining({ id: 'i1', start: '2027-02-15' })]);
    // Not started yet: re-planning still moves it.
    const moved = await mtl(home, ['innovation', 'plan', '2027-03-08'], at('2027-02-10'));
    expect(moved.stderr).toContain('It replaces the week planned earlier (2027-02-15 to 2027-02-19).');
  });

  it('records projects and the demo, and shows every week in list, JSON, md and the calendar', async () => {
    const home = await heldWeek();
    const early = await mtl(home, ['innovation', 'log', 'sam', 'a CLI'], at('2027-02-10'));
    expect(early).toMatchObject({ code: 1, stderr: expect.stringContaining('The 2027-Q1 innovation week starts 2027-02-15; record projects once it has started.') });

    const log = await mtl(home, ['innovation', 'log', 'sam', 'a', 'CLI', 'for', 'billing'], at('2027-02-17'));
    expect(log.stderr).toBe(
      'Logged sam\'s project for the 2027-Q1 innovation week: a CLI for billing (1 project so far). After the demo: mtl innovation demo --note "<how it went>"\n',
    );
    await ok(home, ['innovation', 'log', 'alex', 'flaky-test finder'], at('2027-02-18'));
    const twice = await mtl(home, ['innovation', 'log', 'sam', 'a CLI for billing'], at('2027-02-18'));
    expect(twice.code).toBe(1);
    // Someone who left before the week built nothing in it.
    await ok(home, ['team', 'add', 'Eve'], at('2027-01-04'));
    await ok(home, ['team', 'remove', 'eve'], at('2027-02-01'));
    const gone = await mtl(home, ['innovation', 'log', 'eve', 'a hack'], at('2027-02-18'));
    expect(gone).toMatchObject({ code: 1, stderr: 'mtl: Eve left your team on 2027-02-01, before the 2027-Q1 innovation week (2027-02-15).\nNothing was changed. See the team: mtl team list\n' });
    const demo = await mtl(home, ['innovation', 'demo', '--note', 'six demos; the test finder ships'], at('2027-02-19'));
    expect(demo.stderr).toContain('Recorded the 2027-Q1 innovation demo: six demos; the test finder ships. 2 projects shown.');

    // Next quarter: a new week planned, the held one still there.
    await ok(home, ['innovation', 'plan', '2027-05-03'], at('2027-04-20'));
    const list = await ok(home, ['innovation', 'list'], at('2027-04-20'));
    expect(list).toBe(
      'i1  2027-Q1: Mon 2027-02-15 to Fri 2027-02-19, demo Fri 2027-02-19; held; 2 projects.\n' +
        '  - sam: a CLI for billing\n' +
        '  - alex: flaky-test finder\n' +
        '  Demo held 2027-02-19: six demos; the test finder ships\n' +
        'i2  2027-Q2: Mon 2027-05-03 to Fri 2027-05-07, demo Fri 2027-05-07; starts in 13 days.\n',
    );
    expect(await ok(home, ['innovation'], at('2027-04-20'))).toContain('Before: 2027-Q1, 2027-02-15 to 2027-02-19, 2 projects; demo: six demos; the test finder ships.');
    const json = JSON.parse(await ok(home, ['innovation', 'list', '--json'], at('2027-04-20')));
    expect(json).toHaveLength(2);
    expect(json[0]).toMatchObject({ quarter: '2027-Q1', status: 'done', demoHeld: '2027-02-19', demoNote: 'six demos; the test finder ships' });
    expect(json[0].projects.map((p: { name: string; text: string }) => `${p.name}: ${p.text}`)).toEqual(['sam: a CLI for billing', 'alex: flaky-test finder']);

    const md = await ok(home, ['export', '--format', 'md'], at('2027-04-20'));
    expect(md).toContain(
      '## Innovation weeks\n\n- 2027-Q1: 2027-02-15 to 2027-02-19, demo 2027-02-19 (held: six demos; the test finder ships)\n  - sam: a CLI for billing\n  - alex: flaky-test finder\n- 2027-Q2: 2027-05-03 to 2027-05-07, demo 2027-05-07\n',
    );
    // A past quarter's export holds that quarter's week alone, not the ones before it.
    const q2 = await ok(home, ['export', '--format', 'md', '--quarter', '2027-Q2'], at('2027-07-05'));
    expect(q2).toContain('## Innovation weeks\n\n- 2027-Q2: 2027-05-03 to 2027-05-07, demo 2027-05-07\n');
    expect(q2).not.toContain('2027-Q1');
    const ics = await ok(home, ['export', '--format', 'ics'], at('2027-04-20'));
    expect(ics).toContain('UID:innovation-2027-Q1@mtl');
    expect(ics).toContain('UID:innovation-2027-Q2@mtl');
    expect(ics.replace(/\r\n[ \t]/g, '')).toContain('DESCRIPTION:Built: sam: a CLI for billing\\; alex: flaky-test finder.\\nDemo held: six demos\\; the test finder ships');
  });

  it('says where to record when no week has started, and a second demo without a note is refused', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'sam'], at('2027-02-01'));
    const none = await mtl(home, ['innovation', 'demo'], at('2027-02-01'));
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('No innovation week has started yet, so there is nowhere to record the demo.');
    expect(none.stderr).toContain('Plan one: mtl innovation plan 2027-02-08');
    await ok(home, ['innovation', 'plan', '2027-02-15'], at('2027-02-01'));
    await ok(home, ['innovation', 'demo'], at('2027-02-19'));
    const again = await mtl(home, ['innovation', 'demo'], at('2027-02-20'));
    expect(again.stderr).toContain('The 2027-Q1 demo was already recorded on 2027-02-19.');
    const noted = await mtl(home, ['innovation', 'demo', '--note', 'good', '--quarter', '2027-Q1'], at('2027-04-20'));
    expect(noted.stderr).toContain('Updated the note on the 2027-Q1 innovation demo: good.');
    expect(readStore(home).innovationWeeks[0]).toMatchObject({ demoHeld: '2027-02-19', demoNote: 'good' });
  });
});
