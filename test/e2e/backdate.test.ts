import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Chalk } from 'chalk';
import { mtl, ok, readStore, snapshot, tempHome, BIN } from '../helpers/cli.js';
import { oneOnOne } from '../../src/commands/one-on-one/run.js';
import type { Ctx } from '../../src/context.js';
import type { Prompter } from '../../src/ui/prompter.js';
import { seedTeam } from '../helpers/team.js';
import { fullFor } from '../helpers/full-disk.js';

/** Recording after the fact: --date on praise, feedback and 1on1 --done, and mtl edit --date. */

const at = (day: string, time = '09:00:00') => ({ env: { MTL_NOW: `${day}T${time}` } });
/** The instant stored for an entry dated `day` and recorded at 09:00 (local) on another day. */
const nineOn = (day: string) => new Date(`${day}T09:00:00`).toISOString();
const live = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');

describe('praise --date', () => {
  it('logs praise on an earlier day, at the time of day it was typed, and the grid counts it in that week', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-03-01', 'Sam Lee', 'Priya');
    const r = await mtl(home, ['praise', 'sam', 'unblocked the release, so it went out', '--date', '2027-03-04'], at('2027-03-08'));
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toContain('Logged private praise for Sam Lee on 2027-03-04 (p1); 1 time in the last 7 days.');
    await ok(home, ['praise', 'priya', 'great demo, so sales could sell it', '--date', 'yesterday', '--public'], at('2027-03-08'));
    await ok(home, ['praise', 'priya', 'fixed the flaky test, so CI is green', '--date', 'today'], at('2027-03-08'));
    expect(readStore(home).praise).toEqual([
      { id: 'p1', member: 'r1', text: 'unblocked the release, so it went out', date: '2027-03-04', at: nineOn('2027-03-04'), public: false },
      { id: 'p2', member: 'r2', text: 'great demo, so sales could sell it', date: '2027-03-07', at: nineOn('2027-03-07'), public: true },
      // --date today is the same as no --date: the instant is now.
      { id: 'p3', member: 'r2', text: 'fixed the flaky test, so CI is green', date: '2027-03-08', at: nineOn('2027-03-08'), public: false },
    ]);
    const grid = JSON.parse(await ok(home, ['praise', 'grid', '--weeks', '2', '--json'], at('2027-03-08')));
    expect(grid.weeks.map((w: { start: string }) => w.start)).toEqual(['2027-03-01', '2027-03-08']);
    expect(grid.reports.map((r: { name: string; counts: number[] }) => [r.name, r.counts])).toEqual([
      ['Sam Lee', [1, 0]],
      ['Priya', [1, 1]],
    ]);
  });

  it('refuses a day in the future, before the report was added, or not a day, writing nothing', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-03-01', 'Sam Lee');
    const before = snapshot(home);
    const cases: [string, string][] = [
      ['2027-03-09', 'mtl: --date 2027-03-09 is after today (2027-03-08): give today, yesterday or an earlier day.'],
      ['tomorrow', 'mtl: --date "tomorrow" is after today (2027-03-08): give today, yesterday or an earlier day.'],
      ['2027-02-28', 'mtl: --date 2027-02-28 is before Sam Lee was added (2027-03-01): give a day from 2027-03-01 on.'],
      ['last thursday', 'mtl: --date "last thursday" is not a day: give YYYY-MM-DD, today or yesterday.'],
      ['2027-02-30', 'mtl: --date "2027-02-30" is not a calendar day: give a day that month has.'],
    ];
    for (const [day, message] of cases) {
      const r = await mtl(home, ['praise', 'sam', 'good call', '--date', day], at('2027-03-08'));
      expect(r.code, day).toBe(1);
      expect(r.stderr.split('\n')[0], day).toBe(message);
      // The example goes where the report is the reason: the problem names the days allowed.
      expect(r.stderr.split('\n')[1], day).toBe(message.includes('was added') ? 'Nothing was logged.' : 'Nothing was logged. For example: mtl praise sam "<what they did well>" --date yesterday');
    }
    // The sub-commands do not take it (commander would hand them the parent's option).
    for (const args of [['praise', 'list', '--date', 'yesterday'], ['praise', 'grid', '--date', 'yesterday'], ['praise', 'balance', '--date', 'yesterday'], ['feedback', 'list', '--date', 'yesterday']]) {
      const r = await mtl(home, args, at('2027-03-08'));
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(`does not take it.`);
    }
    expect((await mtl(home, ['praise', 'list', '--date', 'yesterday'], at('2027-03-08'))).stderr.split('\n')[0]).toBe('mtl: --date dates new praise (mtl praise <name> "<text>" --date <day>); praise list does not take it.');
    expect(snapshot(home)).toEqual(before);
  });
});

describe('feedback --date', () => {
  it('queues one-text and structured feedback on an earlier day', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-03-01', 'Sam Lee');
    const r = await mtl(home, ['feedback', 'sam', '--situation', 'Thursday review', '--behaviour', 'no rollback plan', '--impact', 'a day of questions', '--date', '2027-03-04'], at('2027-03-08'));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('Queued structured feedback for Sam Lee, dated 2027-03-04 (f1; 1 note waiting). It is on the agenda: mtl 1on1 \'Sam Lee\'\n');
    await ok(home, ['feedback', 'sam', 'the demo ran over', '--date', 'yesterday'], at('2027-03-08'));
    expect(readStore(home).feedback).toEqual([
      { id: 'f1', member: 'r1', text: expect.stringContaining('Thursday review'), situation: 'Thursday review', behaviour: 'no rollback plan', impact: 'a day of questions', date: '2027-03-04', at: nineOn('2027-03-04') },
      { id: 'f2', member: 'r1', text: 'the demo ran over', date: '2027-03-07', at: nineOn('2027-03-07') },
    ]);
    const before = snapshot(home);
    const early = await mtl(home, ['feedback', 'sam', 'late again', '--date', '2027-02-01'], at('2027-03-08'));
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('mtl: --date 2027-02-01 is before Sam Lee was added (2027-03-01): give a day from 2027-03-01 on.');
    const future = await mtl(home, ['feedback', 'sam', '--situation', 'a', '--behaviour', 'b', '--impact', 'c', '--date', '2027-03-10'], at('2027-03-08'));
    expect(future.code).toBe(1);
    expect(future.stderr).toContain('mtl: --date 2027-03-10 is after today (2027-03-08)');
    expect(snapshot(home)).toEqual(before);
  });
});

describe('1on1 --done --date', () => {
  it('records a 1:1 on an earlier day, adds to it with a second --done that day, and dates what was given and agreed there', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-03-01', 'Sam Lee');
    await ok(home, ['feedback', 'sam', 'the doc skipped the rollback plan'], at('2027-03-02'));
    await ok(home, ['feedback', 'sam', 'noted after the meeting'], at('2027-03-05'));
    const r = await mtl(home, ['1on1', 'sam', '--done', '--date', '2027-03-04', '--note', 'wants to lead Q3', '--gave', 'f1', '--action', 'send the criteria', '--due', '2027-03-12'], at('2027-03-08'));
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')[0]).toBe('Recorded your 1:1 with Sam Lee on 2027-03-04 (o1): 1 note, 1 action item (t1), 1 feedback note marked delivered (f1).');
    // f2 was noted on 03-05, after that 1:1: it is not among those it could have been given at.
    expect(r.stderr).not.toContain('f2');
    const again = await mtl(home, ['1on1', 'sam', '--done', '--date', '2027-03-04', '--note', 'and the on-call rota'], at('2027-03-08'));
    expect(again.stderr.split('\n')[0]).toBe('Added to your 1:1 with Sam Lee on 2027-03-04 (o1): 1 note.');
    const gaveLate = await mtl(home, ['1on1', 'sam', '--done', '--date', '2027-03-04', '--gave', 'f2'], at('2027-03-08'));
    expect(gaveLate.code).toBe(1);
    expect(gaveLate.stderr).toBe('mtl: Cannot mark f2 delivered at the 1:1 of 2027-03-04: it was noted on 2027-03-05, after that.\nGive it at a later 1:1: mtl 1on1 \'Sam Lee\' --done --gave f2. Nothing was recorded.\n');
    const store = readStore(home);
    expect(store.oneOnOnes).toEqual([{ id: 'o1', member: 'r1', date: '2027-03-04', at: nineOn('2027-03-04'), feedbackDelivered: ['f1'], notes: ['wants to lead Q3', 'and the on-call rota'] }]);
    expect(store.feedback.map((f: { id: string; deliveredOn?: string }) => [f.id, f.deliveredOn])).toEqual([
      ['f1', '2027-03-04'],
      ['f2', undefined],
    ]);
    expect(store.actions).toEqual([expect.objectContaining({ id: 't1', oneOnOne: 'o1', created: '2027-03-04', at: nineOn('2027-03-04'), due: '2027-03-12' })]);
    // Today's --done is another 1:1.
    expect((await mtl(home, ['1on1', 'sam', '--done'], at('2027-03-08'))).stderr.split('\n')[0]).toBe('Recorded your 1:1 with Sam Lee on 2027-03-08 (o2).');
  });

  it('on a terminal, asks only about the feedback noted by that day, and refuses a day before they joined before asking', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-03-01', 'Sam Lee');
    await ok(home, ['feedback', 'sam', 'noted before'], at('2027-03-02'));
    await ok(home, ['feedback', 'sam', 'noted after'], at('2027-03-06'));
    const err: string[] = [];
    const ctx: Ctx = {
      io: { out: () => {}, err: (t) => err.push(t), stdoutIsTTY: true, stdinIsTTY: true, color: new Chalk({ level: 0 }), columns: 80 },
      env: {},
      now: new Date('2027-03-08T09:00:00'),
      dataDir: home,
      argv0: { node: process.execPath, script: BIN },
      platform: process.platform,
    };
    const offered: string[][] = [];
    const answers = ['talked about Q3', 'and the move to Lisbon', ''];
    const prompter = {
      checklist: async (_m: string, choices: { value: unknown }[]) => {
        offered.push(choices.map((c) => String(c.value)));
        return ['f1'];
      },
      input: async () => answers.shift() ?? '',
    } as unknown as Prompter;
    await oneOnOne(ctx, 'sam', { done: true, date: '2027-03-04' }, prompter);
    expect(offered).toEqual([['f1']]);
    // The lines typed at the prompt are one note, and said so by its lines.
    expect(err.join('')).toContain('Recorded your 1:1 with Sam Lee on 2027-03-04 (o1): a note of 2 lines, 1 feedback note marked delivered (f1).');
    expect(readStore(home).oneOnOnes).toEqual([{ id: 'o1', member: 'r1', date: '2027-03-04', at: nineOn('2027-03-04'), feedbackDelivered: ['f1'], notes: ['talked about Q3\nand the move to Lisbon'] }]);
    const asked = { n: 0 };
    const counting = { checklist: async () => (asked.n++, []), input: async () => (asked.n++, '') } as unknown as Prompter;
    await expect(oneOnOne(ctx, 'sam', { done: true, date: '2027-02-20' }, counting)).rejects.toThrow('--date 2027-02-20 is before Sam Lee was added (2027-03-01): give a day from 2027-03-01 on.');
    expect(asked.n).toBe(0);
  });

  it('refuses --date without --done, and a day before the report was added or after today, writing nothing', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-03-01', 'Sam Lee');
    const before = snapshot(home);
    const alone = await mtl(home, ['1on1', 'sam', '--date', '2027-03-04'], at('2027-03-08'));
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('mtl: --date goes with --done, after the meeting.');
    const early = await mtl(home, ['1on1', 'sam', '--done', '--date', '2027-02-26'], at('2027-03-08'));
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('mtl: --date 2027-02-26 is before Sam Lee was added (2027-03-01): give a day from 2027-03-01 on.');
    expect(early.stderr.split('\n')[1]).toBe('Nothing was recorded.');
    const future = await mtl(home, ['1on1', 'sam', '--done', '--date', '2027-03-09'], at('2027-03-08'));
    expect(future.code).toBe(1);
    expect(future.stderr).toContain('mtl: --date 2027-03-09 is after today (2027-03-08): give today, yesterday or an earlier day.');
    expect(snapshot(home)).toEqual(before);
  });

  it('the reminders and the agenda read the backdated day, not the day it was typed', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-02-01', 'Sam');
    // Held on Thursday 02-11, recorded on Monday 02-15.
    await ok(home, ['1on1', 'sam', '--done', '--date', '2027-02-11'], at('2027-02-15'));
    await ok(home, ['praise', 'sam', 'calm incident review, so we kept the SLA', '--date', '2027-02-11'], at('2027-02-15'));
    const nudge = JSON.parse(await ok(home, ['nudge', '--json'], at('2027-02-20')));
    const texts = nudge.reminders.filter((r: { kind: string }) => r.kind === 'one-on-one' || r.kind === 'recognition').map((r: { text: string; since: string }) => [r.text, r.since]);
    expect(texts).toEqual(
      expect.arrayContaining([
        ['Sam: no 1:1 for 9 days (last on 2027-02-11; every 7 days).', '2027-02-11'],
        ['Sam: no praise logged for 9 days (last on 2027-02-11).', '2027-02-11'],
      ]),
    );
    expect(texts).toHaveLength(2);
    // A 1:1 recorded live on 02-16, then an older one backdated on 02-18: the latest is still 02-16.
    await ok(home, ['1on1', 'sam', '--done'], at('2027-02-16'));
    await ok(home, ['praise', 'sam', 'shipped the fix, so on-call is quiet'], at('2027-02-17'));
    await ok(home, ['1on1', 'sam', '--done', '--date', '2027-02-14'], at('2027-02-18'));
    const agenda = await ok(home, ['1on1', 'sam'], at('2027-02-18'));
    expect(agenda).toContain('Last 1:1: 2027-02-16 (2 days ago); every 7 days.');
    expect(agenda).toContain('Praise since the last 1:1 (1)');
  });
});

describe('mtl edit --date', () => {
  it('moves praise between quarter files all or nothing: a full disk at the second file puts the first back', async () => {
    const moves = [['2027-04-02', '2027-03-31', '2027-Q2', '2027-Q1'], ['2027-03-31', '2027-04-02', '2027-Q1', '2027-Q2']] as const;
    // Either file may be the one the disk refuses: the one it leaves (written last, so the other is put back) or the one it goes to.
    for (const [from, to, failing] of moves.flatMap(([from, to, source, target]) => [[from, to, source], [from, to, target]] as const)) {
      const home = tempHome();
      await seedTeam(home, '2027-03-01', 'Sam Lee');
      await ok(home, ['praise', 'sam', 'ran the quarter review, so we saw the gaps', '--date', from], at('2027-04-02'));
      await ok(home, ['praise', 'sam', 'kept the old one company', '--date', from], at('2027-04-02'));
      // Files, modes and contents (a file cut back to where it was has a new time).
      const contents = () => Object.fromEntries(Object.entries(snapshot(home)).map(([file, text]) => [file, String(text).replace(/^(\d+) \S+ /, '$1 ')]));
      const before = contents();
      // The file the praise leaves is written last (never lost in between); here it is the one the disk refuses.
      const restore = fullFor((file) => file.endsWith(`${failing}.jsonl`));
      let r;
      try {
        r = await mtl(home, ['edit', 'p1', '--date', to], at('2027-04-02'));
      } finally {
        restore();
      }
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${failing}.jsonl: no space left on the disk`);
      expect(r.stderr).toContain('Nothing was changed; fix that and run the command again.');
      expect(contents()).toEqual(before);
      expect(readStore(home).praise.map((p: { id: string; date: string }) => `${p.id} ${p.date}`)).toEqual([`p1 ${from}`, `p2 ${from}`]);
      // With room again, the same command does it.
      await ok(home, ['edit', 'p1', '--date', to], at('2027-04-02'));
      expect(readStore(home).praise.map((p: { id: string; date: string }) => `${p.id} ${p.date}`).sort()).toEqual([`p1 ${to}`, `p2 ${from}`]);
    }
  });

  it('moves praise to another quarter file, and mtl undo moves it back', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-03-01', 'Sam Lee');
    await ok(home, ['praise', 'sam', 'ran the quarter review, so we saw the gaps'], at('2027-04-02'));
    const q1 = path.join(home, 'praise', '2027-Q1.jsonl');
    const q2 = path.join(home, 'praise', '2027-Q2.jsonl');
    expect(live(q1)).toBe('');
    const r = await mtl(home, ['edit', 'p1', '--date', '2027-03-31'], at('2027-04-02'));
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toBe('Changed p1 (praise entry about Sam Lee): date 2027-03-31. See it: mtl show p1  Undo: mtl undo\n');
    expect(readStore(home).praise).toEqual([{ id: 'p1', member: 'r1', text: 'ran the quarter review, so we saw the gaps', date: '2027-03-31', at: nineOn('2027-03-31'), public: false }]);
    expect(live(q1)).toContain('"id":"p1"');
    expect(await ok(home, ['praise', 'list', '--quarter', '2027-Q1'], at('2027-04-02'))).toBe('2027-03-31\tp1\tSam Lee\tprivate\tran the quarter review, so we saw the gaps\n');
    expect(await ok(home, ['praise', 'list', '--quarter', '2027-Q2'], at('2027-04-02'))).toBe('');
    // Another edit finds it in its new file.
    await ok(home, ['edit', 'p1', '--public'], at('2027-04-02'));
    await ok(home, ['undo'], at('2027-04-02'));
    // The move is told as one change of its day, not a removal and an addition.
    expect(await ok(home, ['undo', '--list'], at('2027-04-02'))).toContain(' 1. the change to praise entry p1 for Sam Lee ("ran the quarter review, so we saw the g…"): date "2027-04-02" → "2027-03-31", time 2027-04-02 09:00 → 2027-03-31 09:00');
    const undo = await mtl(home, ['undo'], at('2027-04-02'));
    expect(undo.code).toBe(0);
    expect(undo.stderr).toContain('Undid the change to praise entry p1 for Sam Lee ("ran the quarter review, so we saw the g…"): date back to "2027-04-02", time back to 2027-04-02 09:00.');
    expect(readStore(home).praise).toEqual([{ id: 'p1', member: 'r1', text: 'ran the quarter review, so we saw the gaps', date: '2027-04-02', at: nineOn('2027-04-02'), public: false }]);
    expect(await ok(home, ['praise', 'list', '--quarter', '2027-Q1'], at('2027-04-02'))).toBe('');
    expect(await ok(home, ['praise', 'list', '--quarter', '2027-Q2'], at('2027-04-02'))).toBe('2027-04-02\tp1\tSam Lee\tprivate\tran the quarter review, so we saw the gaps\n');
    expect(q2).toBeTruthy();
  });

  it('moves a 1:1 with the feedback given and the action items agreed at it; refuses a day taken or before they joined', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-03-01', 'Sam Lee');
    await ok(home, ['feedback', 'sam', 'the doc skipped the rollback plan'], at('2027-03-02'));
    await ok(home, ['1on1', 'sam', '--done', '--gave', 'f1', '--their-action', 'draft the rota'], at('2027-03-08'));
    await ok(home, ['1on1', 'sam', '--done', '--date', '2027-03-01'], at('2027-03-08'));
    const r = await mtl(home, ['edit', 'o1', '--date', '2027-03-04'], at('2027-03-08'));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('Changed o1 (1:1 about Sam Lee): date 2027-03-04 (with f1, t1). See it: mtl show o1  Undo: mtl undo\n');
    const store = readStore(home);
    expect(store.oneOnOnes[0]).toEqual({ id: 'o1', member: 'r1', date: '2027-03-04', at: nineOn('2027-03-04'), feedbackDelivered: ['f1'] });
    expect(store.feedback[0].deliveredOn).toBe('2027-03-04');
    expect(store.actions[0]).toMatchObject({ id: 't1', created: '2027-03-04', at: nineOn('2027-03-04') });
    const before = snapshot(home);
    const taken = await mtl(home, ['edit', 'o1', '--date', '2027-03-01'], at('2027-03-08'));
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('mtl: You already have a 1:1 with Sam Lee on 2027-03-01 (o2).');
    const early = await mtl(home, ['edit', 'o2', '--date', '2027-02-27'], at('2027-03-08'));
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('mtl: --date 2027-02-27 is before Sam Lee was added (2027-03-01): give a day from 2027-03-01 on.');
    const given = await mtl(home, ['edit', 'o1', '--date', '2027-03-01'], at('2027-03-08'));
    expect(given.code).toBe(1);
    const future = await mtl(home, ['edit', 'o1', '--date', '2027-03-09'], at('2027-03-08'));
    expect(future.code).toBe(1);
    expect(future.stderr).toContain('mtl: --date 2027-03-09 is after today (2027-03-08): give today, yesterday or an earlier day.');
    expect(snapshot(home)).toEqual(before);
    await ok(home, ['undo'], at('2027-03-08'));
    const undone = readStore(home);
    expect(undone.oneOnOnes[0]).toMatchObject({ id: 'o1', date: '2027-03-08' });
    expect(undone.feedback[0].deliveredOn).toBe('2027-03-08');
    expect(undone.actions[0]).toMatchObject({ created: '2027-03-08' });
  });

  it('refuses feedback given at a 1:1 moved to before it was noted', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-03-01', 'Sam Lee');
    await ok(home, ['feedback', 'sam', 'the doc skipped the rollback plan'], at('2027-03-05'));
    await ok(home, ['1on1', 'sam', '--done', '--gave', 'f1'], at('2027-03-08'));
    const before = snapshot(home);
    const r = await mtl(home, ['edit', 'o1', '--date', '2027-03-04'], at('2027-03-08'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('mtl: f1, given at o1, was noted on 2027-03-05, after 2027-03-04.');
    expect(snapshot(home)).toEqual(before);
  });

  it('refuses a 1:1 moved to after an action item agreed at it was done', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-03-01', 'Sam Lee');
    await ok(home, ['1on1', 'sam', '--done', '--date', '2027-03-02', '--their-action', 'draft the rota'], at('2027-03-08'));
    await ok(home, ['done', 't1'], at('2027-03-04'));
    const before = snapshot(home);
    const r = await mtl(home, ['edit', 'o1', '--date', '2027-03-05'], at('2027-03-08'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('mtl: t1, agreed at o1, was done on 2027-03-04, before 2027-03-05.');
    expect(snapshot(home)).toEqual(before);
    // Up to the day it was done is fine.
    await ok(home, ['edit', 'o1', '--date', '2027-03-04'], at('2027-03-08'));
    expect(readStore(home).actions[0]).toMatchObject({ created: '2027-03-04', doneOn: '2027-03-04' });
  });
});
