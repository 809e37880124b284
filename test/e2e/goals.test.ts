import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, mode, mtl, mtlInTerminal, ok, readStore, tempHome } from '../helpers/cli.js';
import { TmuxSession } from '../helpers/tmux.js';

const TEMPLATES = ['autonomy', 'culture', 'innovation', 'learning', 'member-goals', 'recognition'];
const NOW = { MTL_NOW: '2027-03-10T10:00:00', USER: 'sam' };

function goalFiles(home: string): string[] {
  const dir = path.join(home, 'goals');
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

describe('mtl goals templates', () => {
  it('lists the six built-ins with descriptions, tab-separated when piped', async () => {
    const out = await ok(tempHome(), ['goals', 'templates']);
    const lines = out.trim().split('\n');
    expect(lines.map((l) => l.split('\t')[0])).toEqual(TEMPLATES);
    expect(lines[0]).toMatch(/^autonomy\tbuilt-in\tHand roadmap items to engineers/);
  });

  it('lets a user template join and override a built-in, and skips badly named files', async () => {
    const home = tempHome();
    fs.mkdirSync(path.join(home, 'templates'), { recursive: true });
    fs.writeFileSync(path.join(home, 'templates', 'oncall.md'), '---\ntitle: Calm on-call\ndescription: Fewer pages at night\ndue: in 8 weeks\n---\n# {{title}}\nOwner {{owner}}\n');
    fs.writeFileSync(path.join(home, 'templates', 'culture.md'), '---\ntitle: My culture\ndescription: Mine, not the built-in\n---\n# {{title}} due {{due}}\n');
    fs.writeFileSync(path.join(home, 'templates', 'Bad Name.md'), '# x\n');
    const r = await mtl(home, ['goals', 'templates', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Bad Name.md: the name "Bad Name" is not a plain word');
    const list = JSON.parse(r.stdout);
    expect(list.map((t: { name: string }) => t.name)).toEqual(['autonomy', 'culture', 'innovation', 'learning', 'member-goals', 'oncall', 'recognition']);
    expect(list.find((t: { name: string }) => t.name === 'culture')).toMatchObject({ source: 'user', description: 'Mine, not the built-in' });

    const created = JSON.parse(await ok(home, ['goals', 'new', '--template', 'oncall', '--json'], { env: NOW }));
    expect(created).toMatchObject({ template: 'oncall', title: 'Calm on-call', due: '2027-05-05' });
    expect(fs.readFileSync(created.file, 'utf8')).toContain('# Calm on-call\nOwner sam\n');
    const culture = JSON.parse(await ok(home, ['goals', 'new', '-t', 'culture', '--json'], { env: NOW }));
    expect(fs.readFileSync(culture.file, 'utf8')).toContain('# My culture due 2027-03-31\n');
  });

  it('skips a link to a missing file and a folder named like a template, saying why, once each', async () => {
    const home = tempHome();
    const dir = path.join(home, 'templates');
    fs.mkdirSync(path.join(dir, 'folder.md'), { recursive: true });
    fs.symlinkSync(path.join(home, 'gone.md'), path.join(dir, 'dangling.md'));
    const r = await mtl(home, ['goals', 'templates']);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('Skipped')).sort()).toEqual([
      `Skipped template ${path.join(dir, 'dangling.md')}: ${path.join(dir, 'dangling.md')} is a link to ${path.join(home, 'gone.md')}, which is not there; mtl has not read or changed it.`,
      `Skipped template ${path.join(dir, 'folder.md')}: ${path.join(dir, 'folder.md')} is not a plain file; mtl has not read or changed it.`,
    ]);
    const made = await mtl(home, ['goals', 'new', '-t', 'dangling', '--yes'], { env: NOW });
    expect(made.code).toBe(1);
    expect(made.stderr).toContain(`The template "dangling" cannot be read: ${path.join(dir, 'dangling.md')}: ${path.join(dir, 'dangling.md')} is a link to ${path.join(home, 'gone.md')}, which is not there`);
    expect(fs.existsSync(path.join(home, 'goals'))).toBe(false);
  });
});

describe('mtl goals new', () => {
  it.each(TEMPLATES)('works as the assessment prints it: mtl goals new --template %s', async (name) => {
    const home = tempHome();
    const r = await mtl(home, ['goals', 'new', '--template', name], { env: NOW });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Created g1 ".+" \(.+\), due Wed 2027-03-31 \(in 21 days\)\.\n/);
    expect(r.stderr).toContain('mtl goals open g1');
    const [stored] = readStore(home).goals;
    expect(stored).toMatchObject({ id: 'g1', template: name, created: '2027-03-10', due: '2027-03-31', status: 'open', progress: 0, checkIns: [] });
    expect(path.isAbsolute(stored.file)).toBe(false);
    const goal = { ...stored, file: path.join(home, 'goals', stored.file) };
    const slug = goal.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    expect(path.dirname(goal.file)).toBe(path.join(home, 'goals'));
    expect(path.basename(goal.file)).toMatch(/^g1-[a-z0-9]+(-[a-z0-9]+)*\.md$/);
    expect(slug.startsWith(path.basename(goal.file).slice(3, -3))).toBe(true);
    const text = fs.readFileSync(goal.file, 'utf8');
    expect(text).toMatch(/^---\nid: g1\ntitle: ".+"\ntemplate: .+\nowner: "sam"\ncreated: 2027-03-10\ndue: 2027-03-31\n/);
    expect(text).toContain(`# ${goal.title}\n`);
    expect(text).toContain('Owner: sam · Started: 2027-03-10 · Due: 2027-03-31 · Quarter: 2027-Q1');
    expect(text).toMatch(/## Metrics we agreed on\n\n(- \[ \] .+\n){3,}/);
    expect(text).not.toMatch(/\{\{\w+\}\}/);
    expect(mode(goal.file)).toBe(0o600);
    expect(mode(path.join(home, 'goals'))).toBe(0o700);
  });

  it('takes title and deadline from flags and prints JSON', async () => {
    const home = tempHome();
    const r = await mtl(home, ['goals', 'new', '--template', 'Autonomy', '--title', 'Engineers own the Q3 roadmap!', '--due', 'end of next quarter', '--json'], { env: NOW });
    expect(r.code).toBe(0);
    const goal = JSON.parse(r.stdout);
    expect(goal).toMatchObject({ id: 'g1', title: 'Engineers own the Q3 roadmap!', template: 'autonomy', due: '2027-06-30', status: 'open', progress: 0, daysLeft: 112 });
    expect(goal.file).toBe(path.join(home, 'goals', 'g1-engineers-own-the-q3-roadmap.md'));
    expect(fs.existsSync(goal.file)).toBe(true);
  });

  it.each([
    ['2027-04-15', '2027-04-15'],
    ['end of quarter', '2027-03-31'],
    ['end of next quarter', '2027-06-30'],
    ['end of year', '2027-12-31'],
    ['in 6 weeks', '2027-04-21'],
    ['next friday', '2027-03-12'],
    ['tomorrow', '2027-03-11'],
    ['march 20th', '2027-03-20'],
  ])('reads --due %j on 2027-03-10 as %s', async (phrase, day) => {
    const home = tempHome();
    const goal = JSON.parse(await ok(home, ['goals', 'new', '-t', 'learning', '--due', phrase, '--json'], { env: NOW }));
    expect(goal.due).toBe(day);
    expect(readStore(home).goals[0].due).toBe(day);
  });

  it.each([
    [['--template', '../autonomy'], /"\.\.\/autonomy" is not a template name: names are plain words/],
    [['--template', '..'], /"\.\." is not a template name/],
    [['--template', '/etc/passwd'], /is not a template name/],
    [['--template', 'teamwork'], /There is no template called "teamwork"/],
    [['--template', 'culturee'], /There is no template called "culturee"\.\nDid you mean culture\? Templates: /],
    [['--template', 'culture', '--due', 'whenever'], /Cannot read "whenever" as a deadline\.\nTry one of: "2027-03-31", "end of quarter"/],
    [['--template', 'culture', '--due', 'banana friday'], /Cannot read "banana friday" as a deadline/],
    [['--template', 'culture', '--due', '2027-02-30'], /"2027-02-30" is not a calendar day\.\nGive a real date as YYYY-MM-DD/],
    [['--template', 'culture', '--due', '2027-13-01'], /"2027-13-01" is not a calendar day/],
    [['--template', 'culture', '--due', '2027-03-01'], /is 2027-03-01, which is in the past/],
    [['--template', 'culture', '--title', '  '], /The title is empty/],
    [[], /Which template\? There is no terminal to ask on\.\nGive it as a flag: mtl goals new --template <name>/],
  ])('refuses %j: exit 1, nothing created', async (args, message) => {
    const home = tempHome();
    const r = await mtl(home, ['goals', 'new', ...args], { env: NOW });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
    expect(fs.existsSync(path.join(home, 'mtl.json'))).toBe(false);
    expect(goalFiles(home)).toEqual([]);
  });

  it('gives two goals with the same title their own files', async () => {
    const home = tempHome();
    await ok(home, ['goals', 'new', '-t', 'culture', '--title', 'Team lunch'], { env: NOW });
    await ok(home, ['goals', 'new', '-t', 'culture', '--title', 'Team lunch'], { env: NOW });
    expect(goalFiles(home)).toEqual(['g1-team-lunch.md', 'g2-team-lunch.md']);
    expect(readStore(home).goals.map((g: { id: string }) => g.id)).toEqual(['g1', 'g2']);
  });

  it('never overwrites an existing file: an id whose file is there is skipped', async () => {
    const home = tempHome();
    fs.mkdirSync(path.join(home, 'goals'), { recursive: true });
    // As left by a process killed between writing the goal file and saving the data.
    const mine = path.join(home, 'goals', 'g1-team-lunch.md');
    fs.writeFileSync(mine, 'my notes');
    const goal = JSON.parse(await ok(home, ['goals', 'new', '-t', 'culture', '--title', 'Team lunch', '--json'], { env: NOW }));
    expect(goal).toMatchObject({ id: 'g2', file: path.join(home, 'goals', 'g2-team-lunch.md') });
    expect(fs.readFileSync(mine, 'utf8')).toBe('my notes');
    expect(readStore(home).goals.map((g: { id: string }) => g.id)).toEqual(['g2']);
  });

  it('writes into the goalsDir preference', async () => {
    const home = tempHome();
    const dir = path.join(path.dirname(home), 'my goals');
    await ok(home, ['config', 'set', 'goalsDir', dir]);
    const goal = JSON.parse(await ok(home, ['goals', 'new', '-t', 'innovation', '--json'], { env: NOW }));
    expect(path.dirname(goal.file)).toBe(dir);
    expect(mode(dir)).toBe(0o700);
  });
});

describe('deadlines across time zones', () => {
  const cases: [string, string, string, string, number][] = [
    // [TZ, MTL_NOW (an instant), end of quarter, end of year, days left to the end of quarter]
    ['America/Los_Angeles', '2027-03-31T23:30:00Z', '2027-03-31', '2027-12-31', 0],
    ['UTC', '2027-03-31T23:30:00Z', '2027-03-31', '2027-12-31', 0],
    ['Asia/Tokyo', '2027-03-31T23:30:00Z', '2027-06-30', '2027-12-31', 90],
    ['America/Los_Angeles', '2027-12-31T20:00:00Z', '2027-12-31', '2027-12-31', 0],
    ['UTC', '2027-12-31T20:00:00Z', '2027-12-31', '2027-12-31', 0],
    ['Asia/Tokyo', '2027-12-31T20:00:00Z', '2028-03-31', '2028-12-31', 90],
  ];
  it.each(cases)('in %s at %s: end of quarter %s, end of year %s, %i days left', async (TZ, MTL_NOW, quarter, year, daysLeft) => {
    const home = tempHome();
    const env = { TZ, MTL_NOW };
    expect(JSON.parse(await ok(home, ['goals', 'new', '-t', 'culture', '--due', 'end of quarter', '--json'], { env })).due).toBe(quarter);
    expect(JSON.parse(await ok(home, ['goals', 'new', '-t', 'learning', '--due', 'end of year', '--json'], { env })).due).toBe(year);
    expect(JSON.parse(await ok(home, ['goals', '--json'], { env }))[0]).toMatchObject({ id: 'g1', due: quarter, daysLeft });
  });

  it.each(['America/Los_Angeles', 'UTC', 'Asia/Tokyo'])('counts a local wall-clock time as that day in %s', async (TZ) => {
    const home = tempHome();
    const goal = JSON.parse(await ok(home, ['goals', 'new', '-t', 'culture', '--json'], { env: { TZ, MTL_NOW: '2027-03-31T23:30:00' } }));
    expect(goal).toMatchObject({ created: '2027-03-31', due: '2027-03-31', daysLeft: 0 });
    const next = JSON.parse(await ok(home, ['goals', '--json'], { env: { TZ, MTL_NOW: '2027-04-01T00:30:00' } }));
    expect(next[0]).toMatchObject({ daysLeft: -1, overdue: true });
  });

  it('counts days left through the spring-forward week in Los Angeles', async () => {
    const home = tempHome();
    const TZ = 'America/Los_Angeles';
    await ok(home, ['goals', 'new', '-t', 'culture', '--due', '2027-03-16'], { env: { TZ, MTL_NOW: '2027-03-10T09:00:00' } });
    const left = async (MTL_NOW: string) => JSON.parse(await ok(home, ['goals', '--json'], { env: { TZ, MTL_NOW } }))[0].daysLeft;
    expect(await left('2027-03-13T23:59:00')).toBe(3);
    expect(await left('2027-03-14T00:30:00')).toBe(2);
    expect(await left('2027-03-14T03:30:00')).toBe(2);
    expect(await left('2027-03-15T00:00:00')).toBe(1);
    expect(await left('2027-03-17T08:00:00')).toBe(-1);
    const piped = await ok(home, ['goals'], { env: { TZ, MTL_NOW: '2027-03-14T12:00:00' } });
    expect(piped).toContain('2027-03-16\tin 2 days\t');
  });
});

describe('mtl goals list', () => {
  it('says how to start when empty, exit 0', async () => {
    const home = tempHome();
    const r = await mtl(home, ['goals']);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toContain('No goals yet. Start one from a template: mtl goals new');
    expect(await ok(home, ['goals', 'list', '--json'])).toBe('[]\n');
  });

  it('lists open goals by due date; --all adds done ones', async () => {
    const home = tempHome();
    await ok(home, ['goals', 'new', '-t', 'learning', '--due', 'end of year'], { env: NOW });
    await ok(home, ['goals', 'new', '-t', 'autonomy', '--due', '2027-03-20', '--title', 'Hand over the search rewrite'], { env: NOW });
    await ok(home, ['goals', 'new', '-t', 'culture'], { env: NOW });
    await ok(home, ['goals', 'check-in', 'g2', 'Boss agreed', '--progress', '25'], { env: { MTL_NOW: '2027-03-12T10:00:00' } });
    await ok(home, ['goals', 'done', 'g3'], { env: NOW });
    const lines = (await ok(home, ['goals'], { env: { MTL_NOW: '2027-03-22T10:00:00' } })).trim().split('\n');
    expect(lines).toEqual([
      'g2\tHand over the search rewrite\tautonomy\t2027-03-20\t2 days overdue\t2027-03-12\t25%\t0% (0 of 3 delegated items done, 0 owned this quarter; nothing delegated this quarter; 0 of 2 processes owned by a report)',
      'g1\tBecome a student of leadership this quarter\tlearning\t2027-12-31\tin 284 days\tnever\t0%\t0% (0 of 12 hours of learning; 0 of 1 book finished; 0 of 6 tips applied)',
    ]);
    const all = (await ok(home, ['goals', '--all'], { env: { MTL_NOW: '2027-03-22T10:00:00' } })).trim().split('\n');
    expect(all).toHaveLength(3);
    expect(all[2]).toMatch(/^g3\t.*\tculture\t2027-03-31\tdone 2027-03-10\tnever\t0%\t0% \(as of 2027-03-10, when it was done: 0 of 3 team events held\)$/);
    const json = JSON.parse(await ok(home, ['goals', '--all', '--json'], { env: { MTL_NOW: '2027-03-22T10:00:00' } }));
    expect(json.map((g: { id: string }) => g.id)).toEqual(['g2', 'g1', 'g3']);
    expect(json[0]).toMatchObject({ id: 'g2', status: 'open', progress: 25, daysLeft: -2, overdue: true, lastCheckIn: { date: '2027-03-12', note: 'Boss agreed', progress: 25, daysAgo: 10 } });
    for (const g of json) for (const key of ['id', 'title', 'template', 'due', 'status', 'progress', 'file']) expect(g).toHaveProperty(key);
  });
});

describe('goals new: the confirmation shows what a typed deadline read as', () => {
  it.each([
    ['2027-04-06', 'end of q1', 'due Fri 2028-03-31 (end of Q1 next year).', '2028-03-31'],
    ['2027-04-06', 'q1', 'due Fri 2028-03-31 (end of Q1 next year).', '2028-03-31'],
    ['2027-01-06', 'next friday', 'due Fri 2027-01-08 (in 2 days).', '2027-01-08'],
    ['2027-01-06', 'end of q1', 'due Wed 2027-03-31 (in 84 days).', '2027-03-31'],
    ['2027-01-06', '2027-03-15', 'due 2027-03-15.', '2027-03-15'],
  ])('on %s, --due %j says %j', async (today, phrase, line, day) => {
    const home = tempHome();
    const r = await mtl(home, ['goals', 'new', '-t', 'learning', '--due', phrase], { env: { MTL_NOW: `${today}T09:00:00`, USER: 'sam' } });
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')[0]).toBe(`Created g1 "Become a student of leadership this quarter" (learning), ${line}`);
    expect(readStore(home).goals[0].due).toBe(day);
  });

  it('shows the same in mtl edit --due', async () => {
    const home = tempHome();
    const env = { MTL_NOW: '2027-04-06T09:00:00', USER: 'sam' };
    await ok(home, ['goals', 'new', '-t', 'learning'], { env });
    expect((await mtl(home, ['edit', 'g1', '--due', 'end of q1'], { env })).stderr).toContain('Changed g1 (goal): due Fri 2028-03-31 (end of Q1 next year).');
    expect((await mtl(home, ['edit', 'g1', '--due', 'next friday'], { env })).stderr).toContain('Changed g1 (goal): due Fri 2027-04-09 (in 3 days).');
    expect((await mtl(home, ['edit', 'g1', '--due', '2027-05-01'], { env })).stderr).toContain('Changed g1 (goal): due 2027-05-01.');
    expect(readStore(home).goals[0].due).toBe('2027-05-01');
  });
});

describe('check-in, done, reopen', () => {
  async function withGoal(): Promise<string> {
    const home = tempHome();
    await ok(home, ['goals', 'new', '-t', 'recognition', '--title', 'Weekly praise'], { env: NOW });
    return home;
  }

  it('records notes and progress', async () => {
    const home = await withGoal();
    const r = await mtl(home, ['goals', 'check-in', 'g1', 'Agreed with my boss: praise every Friday', '--progress', '40'], { env: { MTL_NOW: '2027-03-15T09:00:00' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Checked in on g1 "Weekly praise": progress 0% → 40% (1 check-in).');
    await ok(home, ['goals', 'check-in', 'G1', 'Slipped a week'], { env: { MTL_NOW: '2027-03-22T09:00:00' } });
    const [goal] = readStore(home).goals;
    expect(goal.progress).toBe(40);
    expect(goal.checkIns).toEqual([
      // MTL_NOW is local time; the instant is stored in UTC.
      { date: '2027-03-15', at: new Date('2027-03-15T09:00:00').toISOString(), note: 'Agreed with my boss: praise every Friday', progress: 40 },
      { date: '2027-03-22', at: new Date('2027-03-22T09:00:00').toISOString(), note: 'Slipped a week' },
    ]);
  });

  it.each([
    [['g1', 'x', '--progress', '120'], /--progress "120" is not allowed: give a whole number from 0 to 100/],
    [['g1', 'x', '--progress', 'half'], /--progress "half" is not allowed/],
    [['g1', '   '], /The check-in note is empty/],
    [['g7', 'x'], /There is no goal "g7"\.\nKnown goals: g1 \(Weekly praise\)/],
  ])('refuses check-in %j and changes nothing', async (args, message) => {
    const home = await withGoal();
    const before = fs.readFileSync(path.join(home, 'mtl.json'), 'utf8');
    const r = await mtl(home, ['goals', 'check-in', ...args]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(fs.readFileSync(path.join(home, 'mtl.json'), 'utf8')).toBe(before);
  });

  it('marks done keeping progress, and reopens', async () => {
    const home = await withGoal();
    await ok(home, ['goals', 'check-in', 'g1', 'Most of it', '-p', '80'], { env: NOW });
    const done = await mtl(home, ['goals', 'done', 'g1', '--json'], { env: { MTL_NOW: '2027-03-30T10:00:00' } });
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ id: 'g1', status: 'done', progress: 80, doneOn: '2027-03-30' });
    expect(done.stderr).toContain('Done: g1 "Weekly praise" on 2027-03-30, at 80%. Undo: mtl goals reopen g1');
    expect((await mtl(home, ['goals', 'done', 'g1'])).stderr).toContain('is already done (since 2027-03-30); nothing changed');
    expect((await mtl(home, ['goals'])).stderr).toContain('No open goals (1 done)');
    const reopened = await mtl(home, ['goals', 'reopen', 'g1']);
    expect(reopened.stderr).toContain('Reopened g1 "Weekly praise" (80%, due 2027-03-31)');
    const [goal] = readStore(home).goals;
    expect(goal.status).toBe('open');
    expect(goal).not.toHaveProperty('doneOn');
  });
});

describe('mtl goals open', () => {
  function fakeEditor(dir: string): { script: string; log: string } {
    const script = path.join(dir, 'fake-editor.sh');
    const log = path.join(dir, 'editor.log');
    fs.writeFileSync(script, `#!/bin/sh\necho "$@" > '${log}'\nfor last in "$@"; do :; done\nhead -2 "$last" >> '${log}'\n`, { mode: 0o755 });
    return { script, log };
  }

  it('runs $VISUAL before $EDITOR, with its arguments and the file', async () => {
    const home = tempHome();
    const { file } = JSON.parse(await ok(home, ['goals', 'new', '-t', 'culture', '--json'], { env: NOW }));
    const { script, log } = fakeEditor(path.dirname(home));
    expect(mtlInTerminal(home, ['goals', 'open', 'g1'], { env: { VISUAL: `${script} -w`, EDITOR: 'false' } }).code).toBe(0);
    expect(fs.readFileSync(log, 'utf8')).toBe(`-w ${file}\n---\nid: g1\n`);
    fs.rmSync(log);
    expect(mtlInTerminal(home, ['goals', 'open', '1'], { env: { EDITOR: script } }).code).toBe(0);
    expect(fs.readFileSync(log, 'utf8')).toContain(file);
  });

  it('keeps finding its own files after the data folder is copied or moved', async () => {
    const home = tempHome();
    await ok(home, ['goals', 'new', '-t', 'culture', '--title', 'Team lunch', '--json'], { env: NOW });
    expect(readStore(home).goals[0].file).toBe('g1-team-lunch.md');
    const copy = path.join(path.dirname(home), 'copy');
    fs.cpSync(home, copy, { recursive: true });
    fs.rmSync(home, { recursive: true });
    const { script, log } = fakeEditor(path.dirname(copy));
    expect(mtlInTerminal(copy, ['goals', 'open', 'g1'], { env: { EDITOR: script } }).code).toBe(0);
    expect(fs.readFileSync(log, 'utf8')).toContain(path.join(copy, 'goals', 'g1-team-lunch.md'));
    expect(JSON.parse(await ok(copy, ['goals', '--json']))[0].file).toBe(path.join(copy, 'goals', 'g1-team-lunch.md'));
  });

  it('moves the goal files when the goals folder changes, and export still finds them', async () => {
    const home = tempHome();
    await ok(home, ['goals', 'new', '-t', 'culture', '--title', 'Team lunch'], { env: NOW });
    const notes = path.join(path.dirname(home), 'notes');
    const r = await mtl(home, ['config', 'set', 'goalsDir', notes]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Moved the goal file there from ${path.join(home, 'goals')}`);
    expect(fs.existsSync(path.join(home, 'goals', 'g1-team-lunch.md'))).toBe(false);
    expect(mode(path.join(notes, 'g1-team-lunch.md'))).toBe(0o600);
    const { script, log } = fakeEditor(path.dirname(home));
    expect(mtlInTerminal(home, ['goals', 'open', 'g1'], { env: { EDITOR: script } }).code).toBe(0);
    expect(fs.readFileSync(log, 'utf8')).toContain(path.join(notes, 'g1-team-lunch.md'));
    expect(Object.keys(JSON.parse(await ok(home, ['export'])).goalFiles)).toEqual(['g1-team-lunch.md']);
    // A name already taken in the new folder stops the move before anything changes.
    const other = path.join(path.dirname(home), 'other');
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, 'g1-team-lunch.md'), 'mine');
    const refused = await mtl(home, ['config', 'set', 'goalsDir', other]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('already exists; nothing was moved or changed');
    expect((await ok(home, ['config', 'get', 'goalsDir'])).trim()).toBe(notes);
    expect(fs.readFileSync(path.join(other, 'g1-team-lunch.md'), 'utf8')).toBe('mine');
  });

  it('explains a missing editor, a failing one, and a deleted file', async () => {
    const home = tempHome();
    const { file } = JSON.parse(await ok(home, ['goals', 'new', '-t', 'culture', '--json'], { env: NOW }));
    const none = await mtl(home, ['goals', 'open', 'g1']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(`No editor set: $VISUAL and $EDITOR are both empty. The file is ${file}`);
    expect(none.stderr).toContain('export EDITOR=nano');
    const piped = await mtl(home, ['goals', 'open', 'g1'], { env: { EDITOR: 'vi' } });
    expect(piped.code).toBe(1);
    expect(piped.stderr).toContain(`No terminal to open an editor on. The file is ${file}`);
    expect(mtlInTerminal(home, ['goals', 'open', 'g1'], { env: { EDITOR: 'no-such-editor-mtl' } }).stderr).toContain('Cannot start the editor "no-such-editor-mtl": no such program');
    expect(mtlInTerminal(home, ['goals', 'open', 'g1'], { env: { EDITOR: 'false' } }).stderr).toContain('The editor "false" exited with code 1');
    fs.rmSync(file);
    const gone = await mtl(home, ['goals', 'open', 'g1'], { env: { EDITOR: 'true' } });
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain(`The file of g1 "Build a team culture people enjoy being part of" is gone: ${file}`);
  });
});

describe.skipIf(!TmuxSession.available())('mtl goals new in a real terminal', () => {
  it('walks through template, title and deadline, re-asking a bad deadline', async () => {
    const home = tempHome();
    const tmux = new TmuxSession(`node ${BIN} goals new`, { MTL_HOME: home, MTL_NOW: '2027-03-10T10:00:00', USER: 'sam' });
    try {
      await tmux.waitFor('Which kind of goal?');
      await tmux.waitFor('Hand roadmap items to engineers');
      tmux.keys('Down', 'Enter'); // culture
      await tmux.waitFor('Title of the goal:');
      await tmux.waitFor('Build a team culture people enjoy being part of');
      tmux.keys('C-u');
      tmux.keys('-l', 'Monthly team lunch');
      tmux.keys('Enter');
      await tmux.waitFor('Deadline');
      tmux.keys('C-u');
      tmux.keys('-l', 'someday soon');
      tmux.keys('Enter');
      await tmux.waitFor('Cannot read "someday soon" as a deadline');
      tmux.keys('-l', 'in 6 weeks');
      tmux.keys('Enter');
      const screen = await tmux.waitFor('[exit 0]');
      expect(screen).toContain('Created g1 "Monthly team lunch" (culture), due Wed 2027-04-21 (in 42 days).');
    } finally {
      tmux.kill();
    }
    const [goal] = readStore(home).goals;
    expect(goal).toMatchObject({ title: 'Monthly team lunch', template: 'culture', due: '2027-04-21' });
    expect(fs.readFileSync(path.join(home, 'goals', goal.file), 'utf8')).toContain('# Monthly team lunch\n');
  });

  it('checks flags before asking, and Ctrl-C at a question saves nothing (exit 130)', async () => {
    const home = tempHome();
    const bad = new TmuxSession(`node ${BIN} goals new --due 'whenever'`, { MTL_HOME: home });
    try {
      const screen = await bad.waitFor('[exit 1]');
      expect(screen).toContain('Cannot read "whenever" as a deadline');
      expect(screen).not.toContain('Which kind of goal?');
    } finally {
      bad.kill();
    }
    const tmux = new TmuxSession(`node ${BIN} goals new`, { MTL_HOME: home });
    try {
      await tmux.waitFor('Which kind of goal?');
      tmux.keys('Enter');
      await tmux.waitFor('Title of the goal:');
      tmux.keys('C-c');
      const screen = await tmux.waitFor('[exit 130]');
      expect(screen).toContain('Cancelled; nothing was saved.');
    } finally {
      tmux.kill();
    }
    expect(fs.existsSync(path.join(home, 'mtl.json'))).toBe(false);
    expect(goalFiles(home)).toEqual([]);
  });

  it('at the deadline question, suggests only days ahead and speaks of typing, not of flags', async () => {
    const home = tempHome();
    const tmux = new TmuxSession(`node ${BIN} goals new -t learning`, { MTL_HOME: home, MTL_NOW: '2027-04-06T09:00:00', USER: 'sam' });
    try {
      await tmux.waitFor('Title of the goal:');
      tmux.keys('Enter');
      await tmux.waitFor('Deadline');
      tmux.keys('C-u');
      tmux.keys('-l', 'yesterday');
      tmux.keys('Enter');
      let screen = await tmux.waitFor('"yesterday" reads as 2027-04-05, which is in the past (today is 2027-04-06).');
      expect(screen).toContain('Try one of: "2027-06-30", "end of quarter"');
      expect(screen).not.toContain('2027-03-31');
      tmux.keys('C-u');
      tmux.keys('-l', '2027-03-31');
      tmux.keys('Enter');
      // The terminal wraps the long line: compare with line breaks as spaces.
      screen = (await tmux.waitFor('Type today or a later day')).replace(/\s+/g, ' ');
      expect(screen).toContain('The deadline "2027-03-31" is 2027-03-31, which is in the past (today is 2027-04-06). Type today or a later day, e.g. "end of quarter".');
      expect(screen).not.toContain('--due');
      tmux.keys('C-u');
      tmux.keys('-l', 'end of q1');
      tmux.keys('Enter');
      screen = await tmux.waitFor('[exit 0]');
      expect(screen).toContain('(learning), due Fri 2028-03-31 (end of Q1 next year).');
    } finally {
      tmux.kill();
    }
    expect(readStore(home).goals[0].due).toBe('2028-03-31');
  });

  it('--yes takes the template defaults without asking', async () => {
    const home = tempHome();
    const tmux = new TmuxSession(`node ${BIN} goals new --template member-goals --yes`, { MTL_HOME: home, MTL_NOW: '2027-03-10T10:00:00' });
    try {
      const screen = await tmux.waitFor('[exit 0]');
      expect(screen).toContain('Created g1 "Help each report set and reach 2-3 goals this quarter" (member-goals), due Wed 2027-03-31 (in 21 days).');
    } finally {
      tmux.kill();
    }
  });
});
