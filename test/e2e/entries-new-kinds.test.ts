import fs from 'node:fs';
import path from 'node:path';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { BIN, mtl, ok, readStore, snapshot, tempHome } from '../helpers/cli.js';
import type { Ctx } from '../../src/context.js';
import { seedTeam } from '../helpers/team.js';

const env = { MTL_NOW: '2027-02-10T09:00:00', TZ: 'Europe/Berlin' };
const TALLIES = ['--q1', '4,3,0,0,0', '--q2', '0,1,3,2,1', '--q3', '0,0,2,4,1', '--q4', '0,0,1,3,3', '--q5', '1,1,2,2,1'];

/** Sam and Ana, a pulse u1, a process s1 owned by Sam, a culture event c1 and a daily note w1. */
async function seed(home: string): Promise<void> {
  await seedTeam(home, '2027-01-04', 'Sam', 'Ana');
  await ok(home, ['pulse', 'record', ...TALLIES], { env }); // u1
  await ok(home, ['process', 'add', 'release checklist', '--owner', 'sam'], { env }); // s1
  await ok(home, ['culture', 'log', 'team lunch', '--date', '2027-02-08'], { env }); // c1
  await ok(home, ['today', '--note', 'Ana fixed the flaky build herself'], { env }); // w1
}

describe('show, edit, done and rm on pulses, processes, culture events and daily notes', () => {
  it('shows each by id, as text and as JSON, with what can change it', async () => {
    const home = tempHome();
    await seed(home);
    const pulse = await mtl(home, ['show', 'u1'], { env });
    expect(pulse.stdout.split('\n').slice(0, 2)).toEqual(['u1  team pulse 2027-02-10: 7 answers; averages, 1 never to 5 always:', '  Autonomy: 1.4']);
    expect(pulse.stderr).toBe('Change it: mtl rm u1\n');
    expect(JSON.parse(await ok(home, ['show', 'U1', '--json'], { env }))).toMatchObject({ kind: 'pulse', id: 'u1', date: '2027-02-10', responses: 7, tallies: { autonomy: [4, 3, 0, 0, 0] } });
    const process = await mtl(home, ['show', 's1'], { env });
    expect(process.stdout).toBe('s1  process owned by Sam: release checklist\n  since:     2027-02-10\n  status:    being set up\n');
    expect(process.stderr).toBe('Change it: mtl edit s1 --text "<the corrected text>"  mtl done s1  mtl rm s1\n');
    expect(JSON.parse(await ok(home, ['show', 's1', '--json'], { env }))).toEqual({ kind: 'process', id: 's1', practice: 'release checklist', owner: 'Sam', ownerId: 'r1', created: '2027-02-10', status: 'open', doneOn: null });
    expect(await ok(home, ['show', 'c1'], { env })).toBe('c1  culture event 2027-02-08: team lunch\n');
    expect(JSON.parse(await ok(home, ['show', 'c1', '--json'], { env }))).toEqual({ kind: 'cultureEvent', id: 'c1', date: '2027-02-08', what: 'team lunch' });
    expect(await ok(home, ['show', 'w1'], { env })).toBe('w1  daily note 2027-02-10: Ana fixed the flaky build herself\n');
    expect(JSON.parse(await ok(home, ['show', 'w1', '--json'], { env }))).toEqual({ kind: 'moment', id: 'w1', date: '2027-02-10', text: 'Ana fixed the flaky build herself' });
  });

  it('edits a process (practice, owner), a culture event (text, date) and a daily note; undo puts each back', async () => {
    const home = tempHome();
    await seed(home);
    let r = await mtl(home, ['edit', 's1', '--text', 'release checklist v2', '--to', 'ana'], { env });
    expect([r.code, r.stderr]).toEqual([0, 'Changed s1 (process owned by Ana): practice, owner now Ana. See it: mtl show s1  Undo: mtl undo\n']);
    expect(readStore(home).processes).toEqual([expect.objectContaining({ id: 's1', practice: 'release checklist v2', member: 'r2', status: 'open' })]);
    await ok(home, ['undo'], { env });
    expect(readStore(home).processes).toEqual([expect.objectContaining({ id: 's1', practice: 'release checklist', member: 'r1' })]);

    r = await mtl(home, ['edit', 'c1', '--text', 'team lunch at the market', '--date', 'yesterday'], { env });
    expect([r.code, r.stderr]).toEqual([0, 'Changed c1 (culture event): text, date 2027-02-09. See it: mtl show c1  Undo: mtl undo\n']);
    expect(readStore(home).cultureEvents).toEqual([expect.objectContaining({ id: 'c1', what: 'team lunch at the market', date: '2027-02-09' })]);
    await ok(home, ['undo'], { env });
    expect(readStore(home).cultureEvents).toEqual([expect.objectContaining({ id: 'c1', what: 'team lunch', date: '2027-02-08' })]);

    r = await mtl(home, ['edit', 'w1', '--text', 'Ana fixed the build'], { env });
    expect([r.code, r.stderr]).toEqual([0, 'Changed w1 (daily note): text. See it: mtl show w1  Undo: mtl undo\n']);
    expect(readStore(home).moments).toEqual([expect.objectContaining({ id: 'w1', text: 'Ana fixed the build' })]);
    await ok(home, ['undo'], { env });
    expect(readStore(home).moments).toEqual([expect.objectContaining({ id: 'w1', text: 'Ana fixed the flaky build herself' })]);

    r = await mtl(home, ['edit', 'w1', '--text', 'Ana fixed the flaky build herself'], { env });
    expect(r.stderr).toBe('w1 (daily note) already says that; nothing changed.\n');
  });

  it('with no flag, on a terminal, opens a process or a culture event in $EDITOR with its fields', async () => {
    const home = tempHome();
    await seed(home);
    const dir = path.dirname(home);
    const err: string[] = [];
    const editor = (script: string) => {
      const file = path.join(dir, `editor-${Math.random().toString(36).slice(2)}.sh`);
      fs.writeFileSync(file, `#!/bin/sh\nfor last in "$@"; do :; done\ncp "$last" '${dir}/seen.txt'\n${script}\n`, { mode: 0o755 });
      return file;
    };
    // In this process, with an io that says stdin is a terminal: the editor is a script, not a person.
    const ctx = (EDITOR: string): Ctx => ({
      io: { out: () => {}, err: (t) => err.push(t), stdoutIsTTY: false, stdinIsTTY: true, color: new Chalk({ level: 0 }), columns: 80 },
      env: { EDITOR },
      now: new Date('2027-02-10T09:00:00'),
      dataDir: home,
      argv0: { node: process.execPath, script: BIN },
      platform: process.platform,
    });
    const { edit } = await import('../../src/commands/entry/edit.js');
    await edit(ctx(editor(`sed -i -e 's/^to: Sam$/to: Ana/' -e 's/^release checklist$/release checklist, written down/' "$last"`)), 's1', {});
    expect(fs.readFileSync(path.join(dir, 'seen.txt'), 'utf8')).toContain('# s1: process\n# Change what you want, save and close; an empty file changes nothing.\n# Lines starting with # above the first blank line are ignored.\nto: Sam\n\nrelease checklist\n');
    expect(readStore(home).processes).toEqual([expect.objectContaining({ id: 's1', practice: 'release checklist, written down', member: 'r2' })]);
    await edit(ctx(editor(`sed -i 's/^date: .*/date: 2027-02-07/' "$last"`)), 'c1', {});
    expect(fs.readFileSync(path.join(dir, 'seen.txt'), 'utf8')).toContain('date: 2027-02-08\n\nteam lunch\n');
    expect(readStore(home).cultureEvents).toEqual([expect.objectContaining({ id: 'c1', what: 'team lunch', date: '2027-02-07' })]);
    const refused = await edit(ctx(editor(`sed -i 's/^date: .*/date: someday/' "$last"`)), 'c1', {}).then(() => undefined, (e: { message: string; hint?: string }) => e);
    expect(refused?.message).toBe('--date "someday" is not a day: give YYYY-MM-DD, today or yesterday.');
    const kept = /kept in (\S+); nothing was changed/.exec(refused?.hint ?? '')?.[1];
    expect(fs.readFileSync(kept!, 'utf8')).toContain('date: someday\n');
    fs.rmSync(path.dirname(kept!), { recursive: true, force: true });
    expect(readStore(home).cultureEvents[0].date).toBe('2027-02-07');
    expect(err.join('')).toContain('Changed c1 (culture event): date 2027-02-07.');
  });

  it('refuses what does not apply, a bad date or text, naming what works, and writes nothing', async () => {
    const home = tempHome();
    await seed(home);
    const before = snapshot(home);
    const cases: [string[], number, string][] = [
      [['edit', 'u1', '--text', 'x'], 1, 'mtl: edit does not apply to team pulses (u1 is a team pulse).\nInstead, counts are not changed after the fact: record them again with mtl pulse record, then remove the wrong one with mtl rm. What works on u1: mtl show u1, mtl rm u1.\n'],
      [['done', 'c1'], 1, 'mtl: done does not apply to culture events (c1 is a culture event).\nWhat works on c1: mtl show c1, mtl edit c1, mtl rm c1.\n'],
      [['done', 'w1'], 1, 'mtl: done does not apply to daily notes (w1 is a daily note).\nWhat works on w1: mtl show w1, mtl edit w1, mtl rm w1.\n'],
      [['done', 'u1'], 1, 'mtl: done does not apply to team pulses (u1 is a team pulse).\nWhat works on u1: mtl show u1, mtl rm u1.\n'],
      [['edit', 's1', '--date', '2027-02-01'], 2, 'mtl: --date does not apply to processes (s1).\nFor a process: --text, --to. Example: mtl edit s1 --text "<the corrected text>"\n'],
      [['edit', 'w1', '--to', 'sam'], 2, 'mtl: --to does not apply to daily notes (w1).\nFor a daily note: --text. Example: mtl edit w1 --text "<the corrected text>"\n'],
      [['edit', 'c1', '--date', '2027-02-11'], 1, 'mtl: --date 2027-02-11 is after today (2027-02-10): log an event once it has happened.\nNothing was changed. Example: mtl edit c1 --date yesterday\n'],
      [['edit', 'c1', '--date', 'last week'], 1, 'mtl: --date "last week" is not a day: give YYYY-MM-DD, today or yesterday.\nNothing was changed. Example: mtl edit c1 --date yesterday\n'],
      [['edit', 's1', '--to', 'zed'], 1, 'mtl: No report called "zed".\nYour reports: Sam, Ana.\n'],
      [['edit', 's9', '--text', 'x'], 1, 'mtl: There is no process s9.\nNothing was changed. See which there are: mtl process\n'],
      [['show', 'c9'], 1, 'mtl: There is no culture event c9.\nNothing was changed. See which there are: mtl culture\n'],
      [['rm', 'u2', '--yes'], 1, 'mtl: There is no team pulse u2.\nNothing was changed. See which there are: mtl assess history --json\n'],
      [['done', 's7'], 1, 'mtl: There is no process s7.\nNothing was changed. See which there are: mtl process\n'],
      [['rm', 'w1'], 1, 'mtl: Removing daily note w1 "Ana fixed the flaky build herself" needs --yes when there is no terminal to ask on.\nmtl rm w1 --yes\n'],
    ];
    for (const [args, code, stderr] of cases) expect(await mtl(home, args, { env }), args.join(' ')).toEqual({ code, stdout: '', stderr });
    const multi = await mtl(home, ['edit', 'w1', '--text', 'two\nlines'], { env });
    expect(multi.code).toBe(1);
    expect(snapshot(home)).toEqual(before);
  });

  it('marks a process done (once), and undo opens it again', async () => {
    const home = tempHome();
    await seed(home);
    const r = await mtl(home, ['done', 'S1'], { env });
    expect([r.code, r.stderr]).toEqual([0, 'Done: process s1 "release checklist" runs without you since 2027-02-10. Undo: mtl undo\n']);
    expect(readStore(home).processes).toEqual([expect.objectContaining({ id: 's1', status: 'done', doneOn: '2027-02-10' })]);
    expect((await mtl(home, ['done', 's1'], { env })).stderr).toBe('Process s1 "release checklist" was already done (2027-02-10).\n');
    await ok(home, ['undo'], { env });
    const back = readStore(home).processes[0];
    expect(back.status).toBe('open');
    expect(back.doneOn).toBeUndefined();
  });

  it('removes one of each, and undo brings each back', async () => {
    const home = tempHome();
    await seed(home);
    const cases: [string, string, string][] = [
      ['u1', 'pulses', 'Removed team pulse u1 of 2027-02-10 (7 answers). Undo: mtl undo\n'],
      ['s1', 'processes', 'Removed process s1 owned by Sam "release checklist". Undo: mtl undo\n'],
      ['c1', 'cultureEvents', 'Removed culture event c1 "team lunch". Undo: mtl undo\n'],
      ['w1', 'moments', 'Removed daily note w1 "Ana fixed the flaky build herself". Undo: mtl undo\n'],
    ];
    for (const [id, list, message] of cases) {
      const kept = readStore(home)[list];
      expect(kept.map((e: { id: string }) => e.id)).toEqual([id]);
      const r = await mtl(home, ['rm', id, '--yes'], { env });
      expect([r.code, r.stderr], id).toEqual([0, message]);
      expect(readStore(home)[list], id).toEqual([]);
      await ok(home, ['undo'], { env });
      expect(readStore(home)[list], id).toEqual(kept);
    }
  });

  it('offers the new ids to each verb at Tab, and open processes to process done', async () => {
    const home = tempHome();
    await seed(home);
    await ok(home, ['process', 'add', 'on-call handover', '--owner', 'ana'], { env }); // s2
    await ok(home, ['done', 's2'], { env });
    const complete = async (line: string) => (await ok(home, ['__complete', '--shell=zsh', '--', line], { env })).split('\n').filter(Boolean);
    expect(await complete('mtl show ')).toEqual(expect.arrayContaining(['u1', 's1', 's2', 'c1', 'w1']));
    expect(await complete('mtl show s')).toEqual(['s2', 's1']);
    expect(await complete('mtl edit ')).toEqual(expect.arrayContaining(['s1', 'c1', 'w1']));
    expect(await complete('mtl edit u')).toEqual([]);
    expect(await complete('mtl rm u')).toEqual(['u1']);
    expect(await complete('mtl done ')).toEqual(['s1']);
    expect(await complete('mtl process done ')).toEqual(['s1']);
    await ok(home, ['goals', 'new', '--template', 'learning'], { env });
    expect(await complete('mtl goals show ')).toEqual(['g1']);
  });
});

describe('an unknown word below a sub-noun', () => {
  it('mtl learn book frob is an unknown command of mtl learn book, with its verbs', async () => {
    const home = tempHome();
    const r = await mtl(home, ['learn', 'book', 'frob']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: "mtl: unknown command 'frob' for 'mtl learn book'.\nCommands of mtl learn book: add, done. See mtl learn book --help.\n" });
    const near = await mtl(home, ['learn', 'book', 'dnoe']);
    expect(near.stderr).toBe("mtl: unknown command 'dnoe' for 'mtl learn book'.\nDid you mean done? Commands of mtl learn book: add, done. See mtl learn book --help.\n");
    expect(fs.existsSync(home)).toBe(false);
  });
});
