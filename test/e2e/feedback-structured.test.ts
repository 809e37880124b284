import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/context.js';
import { queue } from '../../src/commands/feedback/run.js';
import type { Prompter } from '../../src/ui/prompter.js';
import { mtl, ok, readStore, snapshot, tempHome } from '../helpers/cli.js';
import { seedTeam } from '../helpers/team.js';

const at = (day: string) => ({ env: { MTL_NOW: `${day}T10:00:00` } });
const PARTS = ['--situation', "Tuesday's design review", '--behaviour', 'the doc had no rollback plan', '--impact', 'we lost a day to questions'];

describe('mtl feedback --situation --behaviour --impact', () => {
  it('stores the three parts and a text made of them', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-01-02', 'Sam Lee');
    const r = await mtl(home, ['feedback', 'sam', ...PARTS], at('2027-01-05'));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("Queued structured feedback for Sam Lee (f1; 1 note waiting). It is on the agenda: mtl 1on1 'Sam Lee'\n");
    expect(readStore(home).feedback).toEqual([
      {
        id: 'f1',
        member: 'r1',
        text: "Situation: Tuesday's design review. Behaviour: the doc had no rollback plan. Impact: we lost a day to questions.",
        situation: "Tuesday's design review",
        behaviour: 'the doc had no rollback plan',
        impact: 'we lost a day to questions',
        date: '2027-01-05',
        at: expect.any(String),
      },
    ]);
    const list = JSON.parse(await ok(home, ['feedback', 'list', '--json'], at('2027-01-05')));
    expect(list[0]).toMatchObject({ id: 'f1', situation: "Tuesday's design review", behaviour: 'the doc had no rollback plan', impact: 'we lost a day to questions' });
    expect(await ok(home, ['feedback', 'list'], at('2027-01-05'))).toContain("Situation: Tuesday's design review. Behaviour:");
  });

  it('takes --behavior too, keeps a part that ends a sentence as it is, and prints JSON', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-01-02', 'Sam');
    const json = JSON.parse(
      await ok(home, ['feedback', 'sam', '--situation', 'standup', '--behavior', 'talked over Priya!', '--impact', 'she stopped sharing?', '--json'], at('2027-01-05')),
    );
    expect(json).toMatchObject({ id: 'f1', text: 'Situation: standup. Behaviour: talked over Priya! Impact: she stopped sharing?', behaviour: 'talked over Priya!' });
    // The one-line form is unchanged and has no parts.
    await ok(home, ['feedback', 'sam', 'smaller pull requests'], at('2027-01-06'));
    expect(readStore(home).feedback[1]).toEqual({ id: 'f2', member: 'r1', text: 'smaller pull requests', date: '2027-01-06', at: expect.any(String) });
  });

  it('refuses a partial set, a text with parts, and an empty part, saving nothing', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-01-02', 'Sam');
    const before = snapshot(home);
    const cases: [string[], string][] = [
      [['--situation', 'standup'], 'mtl: Structured feedback needs all three parts; missing: --behaviour, --impact.\n'],
      [['--impact', 'x', '--behaviour', 'y'], 'mtl: Structured feedback needs all three parts; missing: --situation.\n'],
      [['some text', '--situation', 'standup'], 'mtl: Give the feedback either as one text or as --situation, --behaviour and --impact, not both.\n'],
      [['--situation', ' ', '--behaviour', 'y', '--impact', 'z'], 'mtl: The situation is empty.\n'],
      [[], 'mtl: No terminal to ask questions on.\nGive the answers as flags instead: "<text>" in quotes, or --situation, --behaviour and --impact.\n'],
    ];
    for (const [args, message] of cases) {
      const r = await mtl(home, ['feedback', 'sam', ...args], at('2027-01-05'));
      expect([r.code, r.stdout]).toEqual([1, '']);
      expect(r.stderr.startsWith(message)).toBe(true);
    }
    expect(snapshot(home)).toEqual(before);
  });

  it('asks for the three parts in turn on a terminal', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-01-02', 'Sam');
    const asked: string[] = [];
    const answers = ['  the Friday demo ', 'skipped the test plan', 'QA had to ask twice'];
    const prompter: Prompter = {
      select: () => Promise.reject(new Error('not asked')),
      confirm: () => Promise.reject(new Error('not asked')),
      checklist: () => Promise.reject(new Error('not asked')),
      input: async (message, options) => {
        asked.push(message);
        // A blank answer is refused by the prompt itself.
        expect(options?.validate?.('   ')).toBe(`The ${['situation', 'behaviour', 'impact'][asked.length - 1]} is empty.`);
        return answers.shift()!;
      },
    };
    const err: string[] = [];
    const ctx: Ctx = {
      io: { out: () => {}, err: (t) => err.push(t), stdoutIsTTY: true, stdinIsTTY: true, color: new Chalk({ level: 0 }), columns: 80 },
      env: {},
      now: new Date(2027, 0, 5, 10),
      dataDir: home,
      argv0: { node: process.execPath, script: 'mtl' },
      platform: process.platform,
    };
    await queue(ctx, 'sam', undefined, {}, prompter);
    expect(asked).toEqual(['Situation (when and where):', 'Behaviour (what Sam did, as you saw it):', 'Impact (what it changed):']);
    expect(readStore(home).feedback[0]).toMatchObject({
      situation: 'the Friday demo',
      behaviour: 'skipped the test plan',
      impact: 'QA had to ask twice',
      text: 'Situation: the Friday demo. Behaviour: skipped the test plan. Impact: QA had to ask twice.',
    });
    expect(err.join('')).toContain('Queued structured feedback for Sam (f1;');
    // A mistyped name is refused before any question.
    asked.length = 0;
    await expect(queue(ctx, 'alex', undefined, {}, prompter)).rejects.toThrow('No report called "alex"');
    expect(asked).toEqual([]);
  });
});

describe('praise suggests naming the impact', () => {
  it('hints when the praise names the act alone, and not when it says what it changed', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-01-02', 'Sam');
    const bare = await mtl(home, ['praise', 'sam', 'clear incident review'], at('2027-01-05'));
    expect(bare.stderr.split('\n')[1]).toBe('Next time, say what it changed too: "..., so the release went out on time".');
    for (const text of ['clear incident review, so the on-call knew what to do', 'fixed the flaky test, which saved us a day', 'paired with Priya because she was stuck']) {
      const r = await mtl(home, ['praise', 'sam', text], at('2027-01-06'));
      expect(r.stderr).not.toContain('Next time');
    }
  });
});
