import { describe, expect, it } from 'vitest';
import { BIN, mtl, ok, readStore, snapshot, tempHome } from '../helpers/cli.js';
import { seedTeam } from '../helpers/team.js';
import { TmuxSession } from '../helpers/tmux.js';

const at = (day: string, time = '10:00:00') => ({ env: { MTL_NOW: `${day}T${time}`, TZ: 'Europe/Paris' } });

/** Sam and Priya, added on Monday 2027-02-01; two feedback notes queued for Sam. */
async function seed(home: string): Promise<void> {
  await seedTeam(home, '2027-02-01T09:00:00', 'Sam', 'Priya');
  await ok(home, ['feedback', 'sam', 'the design doc skipped the rollback plan'], at('2027-02-02'));
  await ok(home, ['feedback', 'sam', 'late to the planning meeting'], at('2027-02-03'));
  await ok(home, ['feedback', 'priya', 'not for Sam'], at('2027-02-03'));
}

describe('mtl 1on1 --done remembers the meeting', () => {
  it('says what a due phrase was read as, as goals new does', async () => {
    const home = tempHome();
    await seed(home);
    // A Thursday: "next friday" is read as the next day, and now the manager sees it.
    const r = await mtl(home, ['1on1', 'sam', '--done', '--action', 'send the numbers', '--due', 'next friday'], at('2027-02-11'));
    expect(r.stderr).toContain('\nt1 is due Fri 2027-02-12 (tomorrow).\n');
    expect(readStore(home).actions[0].due).toBe('2027-02-12');
  });

  it('records notes, action items and only the feedback named with --gave', async () => {
    const home = tempHome();
    await seed(home);
    const r = await mtl(
      home,
      ['1on1', 'sam', '--done', '--gave', 'f2', '--note', 'wants to lead the Q3 launch', '--action', 'send the promotion criteria', '--their-action', 'draft the on-call proposal', '--due', '2027-02-12'],
      at('2027-02-08'),
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'Recorded your 1:1 with Sam on 2027-02-08 (o1): 1 note, 2 action items (t1, t2), 1 feedback note marked delivered (f2).',
        '1 feedback note still queued (f1). If you gave it: mtl 1on1 Sam --done --gave f1',
        't1, t2 are due 2027-02-12.',
        'They come up on the next agenda; close one with: mtl done t1',
        'Next time: mtl 1on1 Sam',
        '',
      ].join('\n'),
    );
    const store = readStore(home);
    expect(store.feedback.map((f: { id: string; deliveredOn?: string }) => [f.id, f.deliveredOn ?? null])).toEqual([
      ['f1', null],
      ['f2', '2027-02-08'],
      ['f3', null],
    ]);
    expect(store.oneOnOnes).toEqual([
      { id: 'o1', member: 'r1', date: '2027-02-08', at: '2027-02-08T09:00:00.000Z', feedbackDelivered: ['f2'], notes: ['wants to lead the Q3 launch'] },
    ]);
    expect(store.actions).toEqual([
      { id: 't1', member: 'r1', oneOnOne: 'o1', text: 'send the promotion criteria', owner: 'me', created: '2027-02-08', at: '2027-02-08T09:00:00.000Z', due: '2027-02-12', status: 'open' },
      { id: 't2', member: 'r1', oneOnOne: 'o1', text: 'draft the on-call proposal', owner: 'them', created: '2027-02-08', at: '2027-02-08T09:00:00.000Z', due: '2027-02-12', status: 'open' },
    ]);
  });

  it('without --gave marks no feedback delivered, and says how to', async () => {
    const home = tempHome();
    await seed(home);
    const r = await mtl(home, ['1on1', 'sam', '--done', '--json'], at('2027-02-08'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ id: 'o1', feedbackDelivered: [], deliveredNow: [], stillQueued: ['f1', 'f2'], addedToEarlier: false });
    expect(r.stderr).toContain('No feedback marked delivered; 2 feedback notes still queued (f1, f2). If you gave it: mtl 1on1 Sam --done --gave f1 --gave f2\n');
    expect(readStore(home).feedback.filter((f: { deliveredOn?: string }) => f.deliveredOn)).toEqual([]);
  });

  it('a second --done the same day adds to that 1:1 instead of recording another', async () => {
    const home = tempHome();
    await seed(home);
    await ok(home, ['1on1', 'sam', '--done', '--gave', 'f1', '--note', 'first thing'], at('2027-02-08', '10:00:00'));
    const again = await mtl(home, ['1on1', 'sam', '--done', '--gave', 'f2', '--gave', 'f2', '--note', 'second thing', '--their-action', 'book the venue'], at('2027-02-08', '16:30:00'));
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('Added to your 1:1 with Sam on 2027-02-08 (o1): 1 note, 1 action item (t1), 1 feedback note marked delivered (f2).');
    const store = readStore(home);
    expect(store.oneOnOnes).toHaveLength(1);
    expect(store.oneOnOnes[0]).toMatchObject({ id: 'o1', at: '2027-02-08T09:00:00.000Z', feedbackDelivered: ['f1', 'f2'], notes: ['first thing', 'second thing'] });
    expect(store.actions).toMatchObject([{ id: 't1', oneOnOne: 'o1', owner: 'them' }]);
    // --text replaces every note of it, and says so when that drops some; undo brings them back.
    const edited = await mtl(home, ['edit', 'o1', '--text', 'one note now'], at('2027-02-08', '17:00:00'));
    expect(edited.stderr).toContain('Changed o1 (1:1 about Sam): notes (1 line, was 2: the text replaces all of them).');
    await ok(home, ['undo'], at('2027-02-08', '17:01:00'));
    expect(readStore(home).oneOnOnes[0].notes).toEqual(['first thing', 'second thing']);
    // The next day is another 1:1.
    await ok(home, ['1on1', 'sam', '--done'], at('2027-02-09'));
    expect(readStore(home).oneOnOnes.map((o: { id: string; date: string }) => [o.id, o.date])).toEqual([
      ['o1', '2027-02-08'],
      ['o2', '2027-02-09'],
    ]);
  });

  it('carries the notes and open action items to the next agenda, overdue ones flagged, and closes none by itself', async () => {
    const home = tempHome();
    await seed(home);
    await ok(home, ['1on1', 'sam', '--done', '--note', 'wants to lead the Q3 launch\nworried about on-call', '--action', 'send the promotion criteria', '--due', '2027-02-10'], at('2027-02-08'));
    await ok(home, ['1on1', 'sam', '--done', '--their-action', 'draft the on-call proposal'], at('2027-02-08'));
    const agenda = await ok(home, ['1on1', 'sam'], at('2027-02-15'));
    expect(agenda).toContain(
      [
        'Last 1:1: 2027-02-08 (7 days ago); every 7 days.',
        '',
        'Last time (2027-02-08)',
        '  • wants to lead the Q3 launch',
        '    worried about on-call',
        '',
        'Action items (2)',
        '  • send the promotion criteria (t1, you; due 2027-02-10, 5 days overdue)',
        '  • draft the on-call proposal (t2, Sam)',
        '',
      ].join('\n'),
    );
    const md = await ok(home, ['1on1', 'sam', '--markdown'], at('2027-02-15'));
    expect(md).toContain('## Last time (2027-02-08)\n- wants to lead the Q3 launch\n  worried about on-call\n');
    expect(md).toContain('## Action items (2)\n- [ ] send the promotion criteria (t1, you; due 2027-02-10, 5 days overdue)\n- [ ] draft the on-call proposal (t2, Sam)\n');
    const json = JSON.parse(await ok(home, ['1on1', 'sam', '--json'], at('2027-02-15')));
    expect(json).toMatchObject({ lastOneOnOne: '2027-02-08', lastOneOnOneId: 'o1', cadence: 7, pastCadence: false, lastNotes: ['wants to lead the Q3 launch\nworried about on-call'] });
    expect(json.actions).toEqual([
      { id: 't1', member: 'Sam', memberId: 'r1', oneOnOne: 'o1', text: 'send the promotion criteria', owner: 'me', created: '2027-02-08', due: '2027-02-10', status: 'open', doneOn: null, overdue: true },
      { id: 't2', member: 'Sam', memberId: 'r1', oneOnOne: 'o1', text: 'draft the on-call proposal', owner: 'them', created: '2027-02-08', due: null, status: 'open', doneOn: null, overdue: false },
    ]);
    // Overdue: in the nudge, once a day.
    const nudge = await ok(home, ['nudge', '--details'], at('2027-02-15'));
    expect(nudge).toContain('- Action item t1 from a 1:1 with Sam (yours) "send the promotion criteria": 5 days overdue (due 2027-02-10).\n');
    expect(nudge).toContain('  Next: mtl done t1\n');
    expect(nudge).not.toContain('t2');
    expect(await ok(home, ['nudge'], at('2027-02-15', '15:00:00'))).toBe('');
  });

  it('shows structured feedback as situation, behaviour and impact', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-02-01T09:00:00', 'Sam');
    await ok(home, ['feedback', 'sam', '--situation', "Tuesday's design review", '--behaviour', 'the doc had no rollback plan', '--impact', 'we lost a day to questions'], at('2027-02-02'));
    expect(readStore(home).feedback[0]).toMatchObject({ id: 'f1', situation: "Tuesday's design review" });
    const agenda = await ok(home, ['1on1', 'sam'], at('2027-02-08'));
    expect(agenda).toContain(
      ['Feedback to give (1)', '  • (f1, noted 2027-02-02)', "      Situation: Tuesday's design review", '      Behaviour: the doc had no rollback plan', '      Impact: we lost a day to questions', ''].join('\n'),
    );
    const md = await ok(home, ['1on1', 'sam', '--markdown'], at('2027-02-08'));
    expect(md).toContain(
      ['## Feedback to give (1)', '- [ ] (f1, noted 2027-02-02)', "  - Situation: Tuesday's design review", '  - Behaviour: the doc had no rollback plan', '  - Impact: we lost a day to questions', ''].join('\n'),
    );
  });

  it('refuses a --gave that is not queued feedback of this report, and flags that need --done, writing nothing', async () => {
    const home = tempHome();
    await seed(home);
    await ok(home, ['1on1', 'sam', '--done', '--gave', 'f1'], at('2027-02-08'));
    const before = snapshot(home);
    const cases: [string[], number, string][] = [
      [['--gave', 'f3'], 1, 'Cannot mark f3 delivered: it is not feedback for Sam.'],
      [['--gave', 'f1'], 1, 'Cannot mark f1 delivered: it was already marked delivered on 2027-02-08.'],
      [['--gave', 'f9', '--note', 'x'], 1, 'Cannot mark f9 delivered: there is no feedback with that id.'],
      [['--due', 'friday'], 2, '--due is the due day of the action items given with it'],
      [['--action', 'x', '--due', 'whenever'], 1, 'Cannot read "whenever" as a deadline'],
      [['--action', '  '], 1, 'The action item is empty.'],
      [['--markdown'], 2, '--markdown prints the agenda'],
    ];
    for (const [flags, code, message] of cases) {
      const r = await mtl(home, ['1on1', 'sam', '--done', ...flags], at('2027-02-09'));
      expect([flags, r.code]).toEqual([flags, code]);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toContain('    at ');
    }
    const noDone = await mtl(home, ['1on1', 'sam', '--note', 'x'], at('2027-02-09'));
    expect(noDone.code).toBe(2);
    expect(noDone.stderr).toContain('--note goes with --done, after the meeting.');
    expect((await mtl(home, ['1on1', 'sam', '--done', '--gave', 'f9'], at('2027-02-09'))).stderr).toContain('Queued for Sam: f2.');
    expect(snapshot(home)).toEqual(before);
  });
});

describe('1:1 cadence', () => {
  it('flags a report past their cadence in the agenda, team list, dashboard and nudge, and follows team set --cadence', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-02-01T09:00:00', 'Sam', 'Priya');
    await ok(home, ['1on1', 'sam', '--done'], at('2027-02-01'));
    await ok(home, ['1on1', 'priya', '--done'], at('2027-02-03'));
    // 2027-02-08 is day 7 since Sam's 1:1: due, not late. 2027-02-09 is day 8: late.
    expect(await ok(home, ['1on1', 'sam'], at('2027-02-08'))).toContain('Last 1:1: 2027-02-01 (7 days ago); every 7 days.\n');
    expect(await ok(home, ['1on1', 'sam'], at('2027-02-09'))).toContain('Last 1:1: 2027-02-01 (8 days ago); every 7 days. Past the cadence by 1 day.\n');
    expect(await ok(home, ['team', 'list'], at('2027-02-09'))).toBe('Sam\t2027-02-01\t2027-02-01\t-\t0\t0\t0\nPriya\t2027-02-01\t2027-02-03\t-\t0\t0\t0\n');
    const team = JSON.parse(await ok(home, ['team', 'list', '--json'], at('2027-02-09')));
    expect(team.map((m: Record<string, unknown>) => [m.name, m.lastOneOnOne, m.daysSinceOneOnOne, m.cadence, m.pastCadence])).toEqual([
      ['Sam', '2027-02-01', 8, 7, true],
      ['Priya', '2027-02-03', 6, 7, false],
    ]);
    const dash = JSON.parse(await ok(home, ['--json'], at('2027-02-09')));
    expect(dash.team.pastCadence).toEqual([{ name: 'Sam', lastOneOnOne: '2027-02-01', days: 8, cadence: 7 }]);
    expect(await ok(home, [], at('2027-02-09'))).toContain('1:1s: 1 past their cadence: Sam (8 days) (mtl team list)\n');
    const nudge = JSON.parse(await ok(home, ['nudge', '--json'], at('2027-02-09')));
    expect(nudge.reminders.filter((r: { kind: string }) => r.kind === 'one-on-one')).toEqual([
      { key: 'one-on-one:r1', kind: 'one-on-one', subject: 'Sam', text: 'Sam: no 1:1 for 8 days (last on 2027-02-01; every 7 days).', why: expect.any(String), command: 'mtl 1on1 Sam', since: '2027-02-01' },
    ]);

    // Every two weeks for Sam: no longer late; back to the default: late again.
    const set = await mtl(home, ['team', 'set', 'sam', '--cadence', '14'], at('2027-02-09'));
    expect(set.code).toBe(0);
    expect(set.stderr).toBe('A 1:1 with Sam every 14 days (your default is 7). Back to the default: mtl team set Sam --cadence default\n');
    expect(readStore(home).members[0].cadence).toBe(14);
    expect(await ok(home, ['1on1', 'sam'], at('2027-02-09'))).toContain('Last 1:1: 2027-02-01 (8 days ago); every 14 days for Sam.\n');
    expect(JSON.parse(await ok(home, ['nudge', '--json'], at('2027-02-09'))).reminders.filter((r: { kind: string }) => r.kind === 'one-on-one')).toEqual([]);
    await ok(home, ['team', 'set', 'sam', '--cadence', 'default'], at('2027-02-09'));
    expect(readStore(home).members[0].cadence).toBeUndefined();

    // The default itself is a preference.
    await ok(home, ['config', 'set', 'oneOnOneCadence', '10']);
    expect(await ok(home, ['1on1', 'sam'], at('2027-02-09'))).toContain('Last 1:1: 2027-02-01 (8 days ago); every 10 days.\n');
    expect(await ok(home, ['config', 'get', 'oneOnOneCadence'])).toBe('10\n');
  });

  it('counts from the day they joined when there was never a 1:1', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-02-01T09:00:00', 'Sam');
    expect(await ok(home, ['1on1', 'sam'], at('2027-02-08'))).toContain('No 1:1 with Sam recorded yet (on the team 7 days); every 7 days.\n');
    const late = JSON.parse(await ok(home, ['nudge', '--json'], at('2027-02-09'))).reminders.find((r: { kind: string }) => r.kind === 'one-on-one');
    expect(late).toMatchObject({ text: 'Sam: no 1:1 yet in 8 days on the team (every 7 days).', since: '2027-02-01' });
    expect(await ok(home, ['team', 'list'], at('2027-02-09'))).toBe('Sam\t2027-02-01\t-\t-\t0\t0\t0\n');
  });

  it('refuses a cadence out of range, and team set without a setting', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-02-01T09:00:00', 'Sam');
    const before = snapshot(home);
    for (const value of ['0', '181', 'weekly', '7.5']) {
      const r = await mtl(home, ['team', 'set', 'sam', '--cadence', value]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`--cadence: "${value}" is not allowed here: give a whole number from 1 to 180, or "default".`);
    }
    expect((await mtl(home, ['team', 'set', 'sam'])).code).toBe(2);
    expect((await mtl(home, ['config', 'set', 'oneOnOneCadence', '0'])).code).toBe(1);
    expect(snapshot(home)).toEqual(before);
  });
});

describe.skipIf(!TmuxSession.available())('mtl 1on1 --done in a real terminal', () => {
  it('asks which feedback was given, then notes and action items', async () => {
    const home = tempHome();
    await seed(home);
    const tmux = new TmuxSession(`node ${BIN} 1on1 sam --done`, { MTL_HOME: home, MTL_NOW: '2027-02-08T10:00:00', NO_COLOR: '1' });
    try {
      await tmux.waitFor('Which feedback did you give Sam?');
      expect(tmux.screen()).toContain('[ ] f1  the design doc skipped the rollback plan');
      tmux.keys('Down', 'Space', 'Enter'); // ticks f2 only
      await tmux.waitFor('Notes from the meeting');
      tmux.keys('-l', 'wants to lead the Q3 launch');
      tmux.keys('Enter');
      await tmux.waitFor('More notes');
      tmux.keys('Enter');
      await tmux.waitFor('Action item agreed');
      tmux.keys('-l', 'send the promotion criteria');
      tmux.keys('Enter');
      await tmux.waitFor('Who does it?');
      tmux.keys('Enter'); // me
      await tmux.waitFor('Due (');
      tmux.keys('-l', 'whenever');
      tmux.keys('Enter');
      await tmux.waitFor('Cannot read "whenever" as a deadline');
      tmux.keys('-l', '2027-02-12');
      tmux.keys('Enter');
      await tmux.waitFor('Another action item');
      tmux.keys('Enter');
      const screen = await tmux.waitFor('[exit 0]');
      expect(screen).toContain('Recorded your 1:1 with Sam on 2027-02-08 (o1): 1 note, 1 action item (t1), 1 feedback note marked delivered (f2).');
      expect(screen).toContain('1 feedback note still queued for next time (f1).');
    } finally {
      tmux.kill();
    }
    const store = readStore(home);
    expect(store.feedback.map((f: { deliveredOn?: string }) => f.deliveredOn ?? null)).toEqual([null, '2027-02-08', null]);
    expect(store.oneOnOnes).toMatchObject([{ id: 'o1', notes: ['wants to lead the Q3 launch'], feedbackDelivered: ['f2'] }]);
    expect(store.actions).toMatchObject([{ id: 't1', text: 'send the promotion criteria', owner: 'me', due: '2027-02-12', oneOnOne: 'o1' }]);
  });
});
