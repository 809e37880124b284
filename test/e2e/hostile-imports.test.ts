import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mtl, mtlInTerminal, ok, readStore, snapshot, tempHome } from '../helpers/cli.js';

// Issue #15, what an attacker found after the first round of fixes: a backup (restored or merged)
// or a hand-edited file holding entries of the wrong shape made every later command fail; stored
// colour codes reached a colour terminal; control characters reached the calendar file; a backup
// could point a goal at any file of the user's.

const NOW = { env: { MTL_NOW: '2027-02-10T09:00:00' } };

/** A store with one of each kind that matters here, and its backup as an object to spoil. */
async function storeAndBackup(): Promise<{ home: string; backup: any; dir: string }> {
  const home = tempHome();
  await ok(home, ['team', 'add', 'Ann'], NOW);
  await ok(home, ['goals', 'new', '--template', 'culture', '--title', 'Weekly demos', '--due', '2027-03-31'], NOW);
  await ok(home, ['goals', 'check-in', 'g1', 'Agreed with my boss', '--progress', '20'], NOW);
  await ok(home, ['member-goals', 'ann', 'add', 'Own the on-call rotation'], NOW);
  await ok(home, ['delegate', 'Roadmap item', '--to', 'ann'], NOW);
  await ok(home, ['learn', 'log', '1', 'A podcast'], NOW);
  await ok(home, ['assess', '--answers', 'no,2,3,4,3,2'], NOW);
  const dir = path.dirname(home);
  const file = path.join(dir, 'backup.json');
  await ok(home, ['export', '--output', file], NOW);
  return { home, backup: JSON.parse(fs.readFileSync(file, 'utf8')), dir };
}

describe('a backup holding entries mtl would not write', () => {
  const spoilt: [string, (b: any) => void, RegExp][] = [
    ['a goal due on a day that does not exist', (b) => (b.data.goals[0].due = '2027-02-31'), /g1.*due is "2027-02-31"; it should be a day \(YYYY-MM-DD\), or absent/],
    ['a goal due "soon"', (b) => (b.data.goals[0].due = 'soon'), /due is "soon"/],
    ['a goal due on a number', (b) => (b.data.goals[0].due = 5), /due is 5/],
    ['a check-in that is not one', (b) => (b.data.goals[0].checkIns = [null]), /checkIns is \[null\]; it should be a list of check-ins/],
    ['a goal created "yesterday"', (b) => (b.data.goals[0].created = 'yesterday'), /created is "yesterday"/],
    ['a goal of no status mtl knows', (b) => (b.data.goals[0].status = 'paused'), /status is "paused"; it should be "open" or "done"/],
    ['a learning entry on no day', (b) => (b.data.learning[0].date = '2027-13-45'), /"hours" entry without a day/],
    ['a tip without its day', (b) => b.data.learning.push({ id: 'l9', type: 'tip', tip: 'sneaky' }), /"tip" entry without a day and the tip/],
    ['a book without a title', (b) => b.data.learning.push({ id: 'l9', type: 'book' }), /"book" entry without a title/],
    ['a report goal of no quarter', (b) => (b.data.memberGoals[0].quarter = null), /quarter is null; it should be a text/],
    ['a delegated item made on no day', (b) => delete b.data.delegations[0].created, /created is missing/],
    ['an assessment without a verdict', (b) => delete b.data.assessments[0].verdict, /verdict is missing/],
    ['one note id twice in a report', (b) => (b.data.members[0].notes = [{ id: 'n1', text: 'a', date: '2027-02-10' }, { id: 'n1', text: 'b', date: '2027-02-10' }]), /entry 1 of "members" \(r1\): the note id n1 is used twice/],
    [
      'one note id in two reports',
      (b) => {
        b.data.members[0].notes = [{ id: 'n1', text: 'a', date: '2027-02-10' }];
        b.data.members.push({ id: 'r2', name: 'Bo', added: '2027-02-10', notes: [{ id: 'n1', text: 'b', date: '2027-02-10' }] });
      },
      /the note id n1 is used twice, in the notes of r1 and of r2/,
    ],
    ['an id that would use up its kind', (b) => (b.data.delegations[0].id = 'd999999999999999'), /d999999999999999 in "delegations" is beyond the ids a backup may hold \(up to 999999999999\)/],
    ['a counter that would use up its kind', (b) => (b.counters.g = 999_999_999_999_999), /the counter of "g" ids \(999999999999999\) is beyond the ids a backup may hold/],
  ];

  it.each(spoilt)('%s is refused, naming the entry, on restore and on merge; nothing changes', async (_what, spoil, message) => {
    const { home, backup, dir } = await storeAndBackup();
    spoil(backup);
    const file = path.join(dir, 'spoilt.json');
    fs.writeFileSync(file, JSON.stringify(backup));
    const before = snapshot(home);
    const merged = await mtl(home, ['import', '--merge', file], NOW);
    expect(merged.code).toBe(1);
    expect(merged.stderr).toMatch(message);
    expect(merged.stderr).not.toMatch(/unexpected error/);
    expect(snapshot(home)).toEqual(before);
    const fresh = tempHome();
    const restored = await mtl(fresh, ['import', file], NOW);
    expect(restored.code).toBe(1);
    expect(restored.stderr).toMatch(message);
    expect(fs.existsSync(path.join(fresh, 'goals.jsonl'))).toBe(false);
  });

  it('the same entry written into a data file by hand is named by the next command, never an unexpected error', async () => {
    const { home } = await storeAndBackup();
    fs.appendFileSync(path.join(home, 'learning.jsonl'), '{"id":"l9","type":"tip","tip":"sneaky"}\n');
    for (const args of [[], ['nudge', '--dry-run'], ['learn']]) {
      const r = await mtl(home, args, NOW);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toContain('learning.jsonl is damaged: line 2: it is a "tip" entry without a day and the tip as mtl writes them.');
    }
  });

  it('a nudge.json whose prompts are not lists is named as damaged, with what to do', async () => {
    const { home } = await storeAndBackup();
    fs.writeFileSync(path.join(home, 'nudge.json'), '{"shown":{},"prompts":{"2027-Q1":"x"}}');
    const r = await mtl(home, ['nudge'], NOW);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nudge\.json is damaged: each value of "prompts" should be a list of prompt ids/);
    expect(r.stderr).toContain('remove it');
  });

  it('a goal file outside the goals folder becomes a name inside it: a backup cannot point mtl at any file of yours', async () => {
    const { backup, dir } = await storeAndBackup();
    backup.data.goals[0].file = path.join(dir, 'precious.txt');
    backup.goalFiles = {};
    fs.writeFileSync(path.join(dir, 'precious.txt'), 'mine\n');
    const file = path.join(dir, 'abs.json');
    fs.writeFileSync(file, JSON.stringify(backup));
    const home = tempHome();
    await ok(home, ['import', file], NOW);
    expect(readStore(home).goals[0].file).toBe('precious.txt');
    await ok(home, ['edit', 'g1', '--title', 'Renamed'], NOW);
    await ok(home, ['rm', 'g1', '--yes'], NOW);
    expect(fs.readFileSync(path.join(dir, 'precious.txt'), 'utf8')).toBe('mine\n');
  });
});

describe('export', () => {
  it('writes no backup that import would refuse, naming the entry: a report gone from reports.jsonl by hand', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Sam Lee'], NOW);
    await ok(home, ['team', 'add', 'Alex Kim'], NOW);
    await ok(home, ['praise', 'alex', 'great demo'], NOW);
    const reports = path.join(home, 'reports.jsonl');
    fs.writeFileSync(reports, fs.readFileSync(reports, 'utf8').split('\n')[0] + '\n');
    const out = path.join(path.dirname(home), 'backup.json');
    const r = await mtl(home, ['export', '--output', out], NOW);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('mtl: The data folder holds what a restore would refuse, so no backup was written: p1 in "praise" is about r2, a report the backup does not have.\n');
    expect(r.stderr).toContain('then export again; to keep a copy as it is meanwhile: cp -a');
    expect(fs.existsSync(out)).toBe(false);
    // To standard output neither: a backup piped to a file is a backup too.
    const piped = await mtl(home, ['export'], NOW);
    expect(piped.code).toBe(1);
    expect(piped.stdout).toBe('');
  });
});

describe('the calendar file', () => {
  it('holds no control character from the data, only its own CR LF line ends', async () => {
    const { backup, dir } = await storeAndBackup();
    backup.data.goals[0].title = 'Own\rEND:VEVENT\rBEGIN:VEVENT\rUID:evil\rSUMMARY:Call the CEO\rX:\u001b]0;pwned\u0007\u0085';
    const file = path.join(dir, 'evil.json');
    fs.writeFileSync(file, JSON.stringify(backup));
    const home = tempHome();
    await ok(home, ['import', file], NOW);
    const out = path.join(dir, 'cal.ics');
    await ok(home, ['export', '--format', 'ics', '--output', out], NOW);
    const ics = fs.readFileSync(out, 'utf8');
    // Unfolded (a long line goes on after CR LF and a space or tab), then without the line ends.
    expect(ics.replace(/\r\n[ \t]/g, '').replace(/\r\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(ics.match(/^BEGIN:VEVENT/gm)).toHaveLength(ics.match(/^END:VEVENT/gm)!.length);
    expect(ics).not.toMatch(/^UID:evil/m);
  });
});

describe('stored colour codes on a colour terminal', () => {
  it('cannot hide a word: only the styles mtl uses pass, a black-on-black is shown escaped', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Bob'], NOW);
    const file = path.join(home, 'reports.jsonl');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"Bob"', '"Bob\\u001b[30m\\u001b[40mSECRET\\u001b[0m"'));
    // A week on, so the "not recognised" line names Bob in full (the table may cut the name).
    const r = mtlInTerminal(home, ['team', 'list'], { env: { ...NOW.env, MTL_NOW: '2027-02-20T09:00:00', NO_COLOR: undefined, FORCE_COLOR: undefined } });
    expect(r.stdout).toContain('Bob\\u001b[30m\\u001b[40mSECRET');
    expect(r.stdout).not.toContain('\u001b[30m');
    expect(r.stdout).not.toContain('\u001b[40m');
  });
});
