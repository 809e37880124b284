import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Chalk } from 'chalk';
import { BIN, mtl, mtlInTerminal, ok, readStore, snapshot, tempHome } from '../helpers/cli.js';
import type { Ctx } from '../../src/context.js';
import type { Prompter } from '../../src/ui/prompter.js';
import { seedTeam } from '../helpers/team.js';

const env = { MTL_NOW: '2027-02-10T09:00:00', TZ: 'Europe/Berlin' };

/** A team of two with one entry of each kind about Sam, and a goal with its file. */
async function seed(home: string): Promise<void> {
  await seedTeam(home, '2027-01-04', 'Sam', 'Priya');
  await ok(home, ['team', 'note', 'sam', 'mother in hospital'], { env }); // n1
  await ok(home, ['praise', 'sam', 'great review'], { env }); // p1
  await ok(home, ['feedback', 'sam', 'more tests'], { env }); // f1
  await ok(home, ['member-goals', 'sam', 'add', 'Lead the redesign'], { env }); // m1
  await ok(home, ['delegate', 'Billing export', '--to', 'sam'], { env }); // d1
  await ok(home, ['learn', 'log', '2', 'Podcast on feedback'], { env }); // l1
  await ok(home, ['goals', 'new', '--template', 'culture', '--title', 'Team lunch', '--due', '2027-03-01'], { env }); // g1
}

describe('mtl show', () => {
  it('shows each kind by id, as text and as JSON', async () => {
    const home = tempHome();
    await seed(home);
    expect(await ok(home, ['show', 'p1'], { env })).toBe('p1  praise for Sam, 2027-02-10, private\n  great review\n');
    expect(await ok(home, ['show', 'N1'], { env })).toContain('n1  note about Sam, 2027-02-10\n  mother in hospital');
    expect(await ok(home, ['show', 'm1'], { env })).toContain('m1  goal of Sam: Lead the redesign');
    expect(await ok(home, ['show', 'd1'], { env })).toContain('d1  delegated to Sam: Billing export');
    expect(await ok(home, ['show', 'r2'], { env })).toContain('r2  report: Priya');
    expect(await ok(home, ['show', 'l1'], { env })).toContain('l1  learning, 2027-02-10: 2 h, Podcast on feedback');
    // The verdict in the words assess uses; --json keeps the stored value.
    await ok(home, ['assess', '--answers', 'no,3,3,3,3,3'], { env });
    expect(await ok(home, ['show', 'a1'], { env })).toBe('a1  assessment 2027-02-10: 50/100, not yet leading\n');
    expect(JSON.parse(await ok(home, ['show', 'a1', '--json'], { env }))).toMatchObject({ verdict: 'developing' });
    const goal = JSON.parse(await ok(home, ['show', 'g1', '--json'], { env }));
    expect(goal).toMatchObject({ kind: 'goal', id: 'g1', title: 'Team lunch', due: '2027-03-01', status: 'open' });
    const note = JSON.parse(await ok(home, ['show', 'n1', '--json'], { env }));
    expect(note).toEqual({ kind: 'note', id: 'n1', date: '2027-02-10', text: 'mother in hospital', member: 'Sam', memberId: 'r1' });
    const f = await mtl(home, ['show', 'f1'], { env });
    expect(f.stderr).toContain('Change it: mtl edit f1 --text "<the corrected text>"  mtl rm f1');
  });

  it('names an unknown or malformed id, says what ids look like, and changes nothing', async () => {
    const home = tempHome();
    await seed(home);
    const before = snapshot(home);
    const malformed = await mtl(home, ['edit', 'x7', '--text', 'hi'], { env });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('mtl: "x7" is not an id mtl gives out.');
    expect(malformed.stderr).toContain('Ids are a letter and a number: g3 goal, m3 report goal, p3 praise');
    const zero = await mtl(home, ['rm', 'p0', '--yes'], { env });
    expect(zero.code).toBe(2);
    const unknown = await mtl(home, ['rm', 'p9', '--yes'], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('mtl: There is no praise entry p9.');
    expect(unknown.stderr).toContain('mtl praise list');
    expect(snapshot(home)).toEqual(before);
  });
});

describe('mtl edit', () => {
  it('changes the text, the report and the visibility of praise, feedback and notes', async () => {
    const home = tempHome();
    await seed(home);
    const r = await mtl(home, ['edit', 'p1', '--text', 'ran a calm incident review', '--public'], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('Changed p1 (praise entry about Sam): text, public now. See it: mtl show p1  Undo: mtl undo\n');
    expect(readStore(home).praise[0]).toMatchObject({ id: 'p1', member: 'r1', text: 'ran a calm incident review', public: true });
    await ok(home, ['edit', 'p1', '--to', 'priya', '--private'], { env });
    expect(readStore(home).praise[0]).toMatchObject({ member: 'r2', public: false });

    await ok(home, ['edit', 'f1', '--text', 'the rollout skipped the canary'], { env });
    expect(readStore(home).feedback[0].text).toBe('the rollout skipped the canary');

    // The note that matched the wrong report from one letter moves where it belongs.
    const moved = await mtl(home, ['edit', 'n1', '--to', 'priya'], { env });
    expect(moved.stderr).toContain('Changed n1 (personal note about Priya): moved to Priya.');
    const members = readStore(home).members;
    expect(members[0].notes).toEqual([]);
    expect(members[1].notes).toEqual([{ id: 'n1', date: '2027-02-10', text: 'mother in hospital' }]);
  });

  it('changes structured feedback part by part, keeping the parts, and undoes it', async () => {
    const home = tempHome();
    await seed(home);
    await ok(home, ['feedback', 'sam', '--situation', 'in the demo', '--behaviour', 'you skipped the tests slide', '--impact', 'the client asked'], { env }); // f2
    expect((await mtl(home, ['show', 'f2'], { env })).stderr).toBe('Change it: mtl edit f2 --impact "<the corrected impact>"  mtl rm f2\n');

    const r = await mtl(home, ['edit', 'f2', '--impact', 'the client asked twice', '--behavior', 'you skipped the slide on tests'], { env });
    expect(r.stderr).toBe('Changed f2 (feedback note about Sam): behaviour, impact. See it: mtl show f2  Undo: mtl undo\n');
    expect(readStore(home).feedback[1]).toMatchObject({
      situation: 'in the demo',
      behaviour: 'you skipped the slide on tests',
      impact: 'the client asked twice',
      text: 'Situation: in the demo. Behaviour: you skipped the slide on tests. Impact: the client asked twice.',
    });
    await ok(home, ['undo'], { env });
    expect(readStore(home).feedback[1]).toMatchObject({ behaviour: 'you skipped the tests slide', impact: 'the client asked', text: 'Situation: in the demo. Behaviour: you skipped the tests slide. Impact: the client asked.' });

    // One text and parts at once, an empty part, or one part of one-piece feedback: refused, nothing changes.
    const before = snapshot(home);
    const both = await mtl(home, ['edit', 'f2', '--text', 'x', '--impact', 'y'], { env });
    expect([both.code, both.stderr]).toEqual([2, 'mtl: Change the feedback either as one text or part by part (--situation, --behaviour, --impact), not both.\nNothing was changed. Example: mtl edit f2 --impact "<what it changed>"\n']);
    expect((await mtl(home, ['edit', 'f2', '--impact', '  '], { env })).stderr).toContain('mtl: The impact is empty.');
    const spelt = await mtl(home, ['edit', 'f2', '--behaviour', 'a', '--behavior', 'b'], { env });
    expect([spelt.code, spelt.stderr]).toEqual([2, 'mtl: --behaviour and --behavior are the same option, given twice with two texts.\nGive it once.\n']);
    const onePiece = await mtl(home, ['edit', 'f1', '--impact', 'y'], { env });
    expect(onePiece.code).toBe(1);
    expect(onePiece.stderr).toContain('mtl: f1 is one piece of text, not situation, behaviour and impact, so it has no impact to change.');
    expect(snapshot(home)).toEqual(before);

    // All three make one-piece feedback structured.
    await ok(home, ['edit', 'f1', '--situation', 'at the rollout', '--behaviour', 'no canary', '--impact', 'an outage'], { env });
    expect(readStore(home).feedback[0]).toMatchObject({ situation: 'at the rollout', behaviour: 'no canary', impact: 'an outage', text: 'Situation: at the rollout. Behaviour: no canary. Impact: an outage.' });
  });

  it('changes a goal\'s due date and title in the store and in its file', async () => {
    const home = tempHome();
    await seed(home);
    const r = await mtl(home, ['edit', 'g1', '--due', '2027-03-15', '--title', 'Monthly team lunch'], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Changed g1 (goal): title "Monthly team lunch", due 2027-03-15.');
    const goal = readStore(home).goals[0];
    expect(goal).toMatchObject({ title: 'Monthly team lunch', due: '2027-03-15' });
    const text = fs.readFileSync(path.join(home, 'goals', goal.file), 'utf8');
    expect(text).toContain('\ndue: 2027-03-15\n');
    expect(text).toContain('\ntitle: "Monthly team lunch"\n');
    expect(text).toContain('# Team lunch'); // the body is the user's: left as it is
    await ok(home, ['edit', 'g1', '--due', 'end of quarter'], { env });
    expect(readStore(home).goals[0].due).toBe('2027-03-31');
  });

  it('says when a goal file\'s due: was changed by hand, in show, goals and prep', async () => {
    const home = tempHome();
    await seed(home);
    const file = path.join(home, 'goals', readStore(home).goals[0].file);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('due: 2027-03-01', 'due: 2027-03-15'));
    const line = "g1's file says due 2027-03-15, mtl has 2027-03-01: mtl edit g1 --due 2027-03-15 to take the file's";
    for (const args of [['show', 'g1'], ['goals'], ['prep']]) {
      const r = await mtl(home, args, { env });
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(line);
    }
    expect(readStore(home).goals[0].due).toBe('2027-03-01');
    await ok(home, ['edit', 'g1', '--due', '2027-03-15'], { env });
    expect((await mtl(home, ['goals'], { env })).stderr).not.toContain('file says');
  });

  it('changes report goals, delegated items and learning entries', async () => {
    const home = tempHome();
    await seed(home);
    await ok(home, ['edit', 'm1', '--title', 'Lead the checkout redesign', '--due', '2027-03-20', '--to', 'priya'], { env });
    expect(readStore(home).memberGoals[0]).toMatchObject({ title: 'Lead the checkout redesign', due: '2027-03-20', member: 'r2' });
    await ok(home, ['edit', 'd1', '--title', 'Billing export v2', '--to', 'priya'], { env });
    expect(readStore(home).delegations[0]).toMatchObject({ item: 'Billing export v2', member: 'r2' });
    await ok(home, ['edit', 'l1', '--text', 'Podcast on hard conversations'], { env });
    expect(readStore(home).learning[0]).toMatchObject({ what: 'Podcast on hard conversations', hours: 2 });
  });

  it('refuses flags that do not apply, naming those that do, and verbs that do not apply', async () => {
    const home = tempHome();
    await seed(home);
    const before = snapshot(home);
    const wrongFlag = await mtl(home, ['edit', 'p1', '--due', 'friday'], { env });
    expect(wrongFlag.code).toBe(2);
    expect(wrongFlag.stderr).toContain('--due does not apply to praise (p1).');
    expect(wrongFlag.stderr).toContain('For a praise entry: --text, --to, --date, --public, --private.');
    const noDone = await mtl(home, ['done', 'p1'], { env });
    expect(noDone.code).toBe(1);
    expect(noDone.stderr).toContain('done does not apply to praise');
    expect(noDone.stderr).toContain('What works on p1: mtl show p1, mtl edit p1, mtl rm p1.');
    const noFlag = await mtl(home, ['edit', 'p1'], { env });
    expect(noFlag.code).toBe(1);
    expect(noFlag.stderr).toContain('There is no terminal to open an editor on.');
    expect(noFlag.stderr).toContain('mtl edit p1 --text "<the corrected text>"');
    const badDue = await mtl(home, ['edit', 'g1', '--due', 'someday'], { env });
    expect(badDue.code).toBe(1);
    expect(badDue.stderr).toContain('Cannot read "someday" as a deadline');
    const emptyText = await mtl(home, ['edit', 'n1', '--text', '  '], { env });
    expect(emptyText.code).toBe(1);
    expect(snapshot(home)).toEqual(before);
  });

  it('refuses a report goal title that the report already has this quarter', async () => {
    const home = tempHome();
    await seed(home);
    await ok(home, ['member-goals', 'sam', 'add', 'Mentor the new hire'], { env }); // m2
    const r = await mtl(home, ['edit', 'm2', '--title', ' lead THE redesign '], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Sam already has "Lead the redesign" for 2027-Q1 (m1).');
    expect(readStore(home).memberGoals[1].title).toBe('Mentor the new hire');
  });
});

describe('mtl done', () => {
  it('finishes goals, report goals and delegated items, and says when they already were', async () => {
    const home = tempHome();
    await seed(home);
    const g = await mtl(home, ['done', 'g1'], { env });
    expect(g.stderr).toContain('Done: g1 "Team lunch" on 2027-02-10');
    expect(readStore(home).goals[0]).toMatchObject({ status: 'done', doneOn: '2027-02-10' });
    const m = await mtl(home, ['done', 'M1'], { env });
    expect(m.stderr).toContain('Sam finished m1: Lead the redesign. Done on 2027-02-10');
    expect(readStore(home).memberGoals[0]).toMatchObject({ status: 'done', doneOn: '2027-02-10' });
    await ok(home, ['done', 'd1'], { env });
    expect(readStore(home).delegations[0]).toMatchObject({ status: 'done', doneOn: '2027-02-10' });
    const again = await mtl(home, ['done', 'm1'], { env });
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('m1 was already done (since 2027-02-10); nothing changed.\n');
    // The noun's own verbs still work.
    await ok(home, ['member-goals', 'sam', 'add', 'Speak at the meetup'], { env });
    await ok(home, ['member-goals', 'sam', 'done', 'm2'], { env });
    expect(readStore(home).memberGoals[1].status).toBe('done');
  });

  it('finishes an action item', async () => {
    const home = tempHome();
    await seed(home);
    fs.appendFileSync(
      path.join(home, 'actions.jsonl'),
      JSON.stringify({ id: 't1', member: 'r1', text: 'Send the design doc', owner: 'me', created: '2027-02-09', at: '2027-02-09T10:00:00.000Z', status: 'open' }) + '\n',
    );
    const r = await mtl(home, ['done', 't1'], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Done: t1 "Send the design doc" (yours, from a 1:1 with Sam) on 2027-02-10.');
    expect(readStore(home).actions[0]).toMatchObject({ status: 'done', doneOn: '2027-02-10' });
    await ok(home, ['edit', 't1', '--text', 'Send the design doc to Priya', '--due', '2027-02-20'], { env });
    expect(readStore(home).actions[0]).toMatchObject({ text: 'Send the design doc to Priya', due: '2027-02-20' });
    await ok(home, ['rm', 't1', '--yes'], { env });
    expect(readStore(home).actions).toEqual([]);
  });
});

describe('mtl rm', () => {
  it('removes each kind by id, only with --yes when there is no terminal', async () => {
    const home = tempHome();
    await seed(home);
    const before = snapshot(home);
    const refused = await mtl(home, ['rm', 'n1'], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Removing personal note n1 about Sam "mother in hospital" needs --yes when there is no terminal to ask on.');
    expect(snapshot(home)).toEqual(before);

    const r = await mtl(home, ['rm', 'n1', '--yes'], { env });
    expect(r.stderr).toBe('Removed personal note n1 about Sam "mother in hospital". Undo: mtl undo\n');
    for (const id of ['p1', 'f1', 'm1', 'd1', 'l1']) await ok(home, ['rm', id, '--yes'], { env });
    const store = readStore(home);
    expect(store.members[0].notes).toEqual([]);
    expect([store.praise, store.feedback, store.memberGoals, store.delegations, store.learning]).toEqual([[], [], [], [], []]);
    expect(store.members).toHaveLength(2);
  });

  it("moves a removed goal's file to the archive folder, with a suffix on a clash", async () => {
    const home = tempHome();
    await seed(home);
    const name = readStore(home).goals[0].file;
    fs.mkdirSync(path.join(home, 'goals', 'archive'));
    fs.writeFileSync(path.join(home, 'goals', 'archive', name), 'an older file of the same name\n');
    const r = await mtl(home, ['rm', 'g1', '--yes'], { env });
    expect(r.code).toBe(0);
    const archived = path.join(home, 'goals', 'archive', name.replace(/\.md$/, '-2.md'));
    expect(r.stderr).toContain(`Removed goal g1 "Team lunch". Its file is kept in ${archived}.`);
    expect(readStore(home).goals).toEqual([]);
    expect(fs.existsSync(path.join(home, 'goals', name))).toBe(false);
    expect(fs.readFileSync(archived, 'utf8')).toContain('title: "Team lunch"');
    expect(fs.readFileSync(path.join(home, 'goals', 'archive', name), 'utf8')).toBe('an older file of the same name\n');
  });

  it('points to team remove for a report', async () => {
    const home = tempHome();
    await seed(home);
    const r = await mtl(home, ['rm', 'r1', '--yes'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('rm does not apply to reports: r1 is Sam.');
    expect(r.stderr).toContain('mtl team remove Sam');
    expect(readStore(home).members[0].removed).toBeUndefined();
  });

  it('puts the feedback given in a removed 1:1 back in the queue', async () => {
    const home = tempHome();
    await seed(home);
    await ok(home, ['1on1', 'sam', '--done', '--gave', 'f1', '--action', 'Send the design doc'], { env });
    const o = readStore(home).oneOnOnes[0];
    expect(readStore(home).actions[0].oneOnOne).toBe(o.id);
    expect(readStore(home).feedback[0].deliveredOn).toBe('2027-02-10');
    const r = await mtl(home, ['rm', o.id, '--yes'], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('1 feedback note given in it is to give again. 1 action item from it (t1) stays open: mtl rm t1 to drop it.');
    expect(readStore(home).oneOnOnes).toEqual([]);
    expect(readStore(home).feedback[0].deliveredOn).toBeUndefined();
    expect(readStore(home).actions[0]).toMatchObject({ text: 'Send the design doc', status: 'open' });
    expect(readStore(home).actions[0].oneOnOne).toBeUndefined();
  });
});

describe('completion of ids', () => {
  it('offers the ids each verb works on', async () => {
    const home = tempHome();
    await seed(home);
    const complete = async (line: string) => (await ok(home, ['__complete', '--shell=zsh', '--', line], { env })).split('\n').filter(Boolean);
    expect(await complete('mtl done ')).toEqual(['g1', 'm1', 'd1']);
    expect(await complete('mtl show p')).toEqual(['p1']);
    expect(await complete('mtl rm ')).toEqual(['g1', 'm1', 'p1', 'f1', 'n1', 'd1', 'l1']);
    expect(await complete('mtl edit n')).toEqual(['n1']);
    expect(await complete('mtl show r')).toEqual(['r2', 'r1']);
  });
});

/** A command context on a pretend terminal, for calling a command's run code with a fake prompter. */
function terminalCtx(home: string): { ctx: Ctx; err: string[] } {
  const err: string[] = [];
  const io = { out: () => undefined, err: (t: string) => void err.push(t), stdoutIsTTY: false, stdinIsTTY: true, color: new Chalk({ level: 0 }), columns: 80 };
  return { ctx: { io, env: {}, now: new Date('2027-02-10T09:00:00'), dataDir: home, argv0: { node: process.execPath, script: BIN }, platform: process.platform }, err };
}

describe('on a terminal', () => {
  it('rm asks first, and a no removes nothing', async () => {
    const home = tempHome();
    await seed(home);
    const { rm } = await import('../../src/commands/entry/rm.js');
    const asked: string[] = [];
    const answering = (answer: boolean) => ({ confirm: async (message: string) => (asked.push(message), answer) }) as unknown as Prompter;
    const before = snapshot(home);
    const no = terminalCtx(home);
    await rm(no.ctx, 'n1', {}, answering(false));
    expect(asked).toEqual(['Remove personal note n1 about Sam "mother in hospital"?']);
    expect(no.err.join('')).toBe('Nothing was removed.\n');
    expect(snapshot(home)).toEqual(before);
    await rm(terminalCtx(home).ctx, 'n1', {}, answering(true));
    expect(readStore(home).members[0].notes).toEqual([]);
  });

  it('edit with no flag opens the entry in $EDITOR and applies what comes back, by the same rules', () => {
    if (!fs.existsSync(BIN)) return;
    const home = tempHome();
    return (async () => {
      await seed(home);
      const dir = path.dirname(home);
      const editor = (script: string) => {
        const file = path.join(dir, `editor-${Math.random().toString(36).slice(2)}.sh`);
        fs.writeFileSync(file, `#!/bin/sh\nfor last in "$@"; do :; done\ncp "$last" '${dir}/seen.txt'\n${script}\n`, { mode: 0o755 });
        return file;
      };
      const moveTo = editor(`sed -i -e 's/^to: Sam$/to: Priya/' -e 's/^due: .*/due: 2027-03-20/' "$last"`);
      const r = mtlInTerminal(home, ['edit', 'm1'], { env: { ...env, EDITOR: moveTo } });
      expect(r.stdout).toContain('Changed m1 (report goal about Priya): due 2027-03-20, moved to Priya.');
      expect(fs.readFileSync(path.join(dir, 'seen.txt'), 'utf8')).toContain('title: Lead the redesign\ndue: 2027-03-31\nto: Sam\n');
      expect(readStore(home).memberGoals[0]).toMatchObject({ member: 'r2', due: '2027-03-20' });

      const retext = editor(`printf 'to: Sam\\npublic: yes\\n\\nran a calm\\nincident review\\n' > "$last"`);
      expect(mtlInTerminal(home, ['edit', 'p1'], { env: { ...env, EDITOR: retext } }).code).toBe(0);
      expect(readStore(home).praise[0]).toMatchObject({ text: 'ran a calm\nincident review', public: true });

      // Structured feedback comes as its three parts, and goes back as them.
      await ok(home, ['feedback', 'sam', '--situation', 'in the demo', '--behaviour', 'no tests slide', '--impact', 'questions'], { env }); // f2
      const impact = editor(`sed -i 's/^impact: .*/impact: the client asked twice/' "$last"`);
      expect(mtlInTerminal(home, ['edit', 'f2'], { env: { ...env, EDITOR: impact } }).stdout).toContain('Changed f2 (feedback note about Sam): impact.');
      expect(fs.readFileSync(path.join(dir, 'seen.txt'), 'utf8')).toContain('to: Sam\nsituation: in the demo\nbehaviour: no tests slide\nimpact: questions\n');
      expect(readStore(home).feedback[1]).toMatchObject({ impact: 'the client asked twice', text: 'Situation: in the demo. Behaviour: no tests slide. Impact: the client asked twice.' });

      // A part over several lines cannot be a one-line field: refused before the editor opens.
      await ok(home, ['feedback', 'sam', '--situation', 'In standup\nimpact: nothing', '--behaviour', 'x', '--impact', 'y'], { env }); // f3
      const multi = mtlInTerminal(home, ['edit', 'f3'], { env: { ...env, EDITOR: impact } });
      expect(multi.code).toBe(1);
      expect(multi.stdout).toContain("f3's situation runs over several lines");
      expect(readStore(home).feedback[2]).toMatchObject({ situation: 'In standup\nimpact: nothing', impact: 'y' });
      // A line mtl cannot read keeps what was written.
      const garbled = editor(`printf 'to: Sam\\nnot a field\\n' > "$last"`);
      const kept = mtlInTerminal(home, ['edit', 'f1'], { env: { ...env, EDITOR: garbled } });
      expect(kept.code).toBe(1);
      // The terminal wraps the message at a blank (and the path is one word).
      const where = /What you wrote is kept in (\S+); nothing was changed\./.exec(kept.stdout.replace(/\n(?!What)/g, ' '));
      expect(where).not.toBeNull();
      expect(fs.readFileSync(where![1]!, 'utf8')).toContain('not a field');

      // Ctrl-C while the editor is open is the editor's: mtl waits for it, changes nothing and
      // leaves no copy of the entry behind in the temporary folder.
      const tmp = path.join(dir, 'tmp');
      fs.mkdirSync(tmp);
      const interrupted = editor(`kill -INT 0; sleep 1`);
      const stopped = mtlInTerminal(home, ['edit', 'n1'], { env: { ...env, EDITOR: interrupted, TMPDIR: tmp } });
      expect(stopped.code).toBe(1);
      // The terminal wraps the message where the editor's (random) path makes it.
      expect(stopped.stdout.replace(/\s+/g, ' ')).toContain('exited with code 1. Nothing was changed.');
      expect(fs.readdirSync(tmp)).toEqual([]);
      // Ended by a signal while the editor is open (a terminal closed): the copy goes too.
      const killed = editor(`kill -TERM $PPID; sleep 1`);
      expect(mtlInTerminal(home, ['edit', 'n1'], { env: { ...env, EDITOR: killed, TMPDIR: tmp } }).code).toBe(143);
      expect(fs.readdirSync(tmp)).toEqual([]);

      const before = snapshot(home);
      const badDue = editor(`sed -i 's/^due: .*/due: someday/' "$last"`);
      const refused = mtlInTerminal(home, ['edit', 'g1'], { env: { ...env, EDITOR: badDue } });
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain('Cannot read "someday" as a deadline');
      const emptied = editor(`: > "$last"`);
      expect(mtlInTerminal(home, ['edit', 'g1'], { env: { ...env, EDITOR: emptied } }).stdout).toContain('The file was emptied; g1 is unchanged.');
      expect(snapshot(home)).toEqual(before);
    })();
  });
});

describe('member-goals add', () => {
  it('refuses a title the report already has this quarter, naming its id', async () => {
    const home = tempHome();
    await seed(home);
    const r = await mtl(home, ['member-goals', 'sam', 'add', '  LEAD the redesign'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('mtl: Sam already has "Lead the redesign" for 2027-Q1 (m1).');
    expect(readStore(home).memberGoals).toHaveLength(1);
    await ok(home, ['member-goals', 'priya', 'add', 'Lead the redesign'], { env });
    expect(readStore(home).memberGoals).toHaveLength(2);
  });
});

describe('what a move or a removal must not rewrite', () => {
  it('feedback given in a 1:1 stays with the report it was given to; an action item moved loses its 1:1', async () => {
    const home = tempHome();
    await seed(home);
    await ok(home, ['1on1', 'sam', '--done', '--gave', 'f1', '--action', 'send the criteria'], { env });
    const before = snapshot(home);
    const moved = await mtl(home, ['edit', 'f1', '--to', 'priya'], { env });
    expect(moved.code).toBe(1);
    expect(moved.stderr).toContain('mtl: f1 was given to Sam on 2027-02-10; it stays theirs.');
    expect(snapshot(home)).toEqual(before);
    await ok(home, ['edit', 't1', '--to', 'priya'], { env });
    const t1 = readStore(home).actions[0];
    expect(t1).toMatchObject({ id: 't1', member: 'r2' });
    expect(t1.oneOnOne).toBeUndefined();
  });

  it('never moves a goal file through a link in place of goals/archive: the file stays where it was', async () => {
    const home = tempHome();
    await seed(home);
    const file = path.join(home, 'goals', readStore(home).goals[0].file);
    const outside = fs.mkdtempSync(path.join(path.dirname(home), 'outside-'));
    fs.symlinkSync(outside, path.join(home, 'goals', 'archive'));
    const r = await mtl(home, ['rm', 'g1', '--yes'], { env });
    expect(r.stderr).toContain(`Its file stays where it was (${file})`);
    expect(r.stderr).toContain('archive is a link, not a folder');
    expect(fs.readdirSync(outside)).toEqual([]);
    expect(fs.existsSync(file)).toBe(true);
  });
});
