import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mode, mtl, mtlAsync, ok, readStore, tempHome, BIN } from '../helpers/cli.js';
import { TmuxSession } from '../helpers/tmux.js';
import { TOO_EASY_WARNING } from '../../src/core/assessment.js';

const ANSWERS = 'no,sometimes,mostly,rarely,mostly,sometimes';

describe('mtl assess --answers', () => {
  it('scores, explains, points at goals and saves the result', async () => {
    const home = tempHome();
    const r = await mtl(home, ['assess', '--answers', ANSWERS], { env: { MTL_NOW: '2027-01-15T10:00:00' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Score 55/100');
    expect(r.stdout).toContain('Score 55/100  not yet leading\n');
    expect(r.stdout).toMatch(/Knowing each other\s+rarely\s+weak\s+try: mtl goals new --template culture/);
    expect(r.stdout).toMatch(/Knowing their lives\s+mostly\s+strong/);
    const store = readStore(home);
    expect(JSON.parse(fs.readFileSync(path.join(home, 'mtl.json'), 'utf8'))).toMatchObject({ format: 'mtl-data', version: 3 });
    expect(store.assessments).toHaveLength(1);
    expect(store.assessments[0]).toMatchObject({ id: 'a1', date: '2027-01-15', score: 55, verdict: 'developing', tooEasy: false });
    expect(store.assessments[0].answers).toEqual({ autonomy: 3, lives: 4, connection: 2, safety: 4, challenge: 3 });
  });

  it('says the change since the assessment before, at once', async () => {
    const home = tempHome();
    const first = await ok(home, ['assess', '--answers', 'no,2,2,3,2,3'], { env: { MTL_NOW: '2027-01-04T09:00:00' } });
    expect(first).toContain('\nScore 35/100  not yet leading\n');
    expect(await ok(home, ['assess', '--answers', 'no,3,3,3,4,3'], { env: { MTL_NOW: '2027-04-04T09:00:00' } })).toContain('\nScore 55/100  not yet leading  +20 since 2027-01-04 (35)\n');
    expect(await ok(home, ['assess', '--answers', 'no,2,2,3,2,3'], { env: { MTL_NOW: '2027-07-04T09:00:00' } })).toContain('\nScore 35/100  not yet leading  -20 since 2027-04-04 (55)\n');
    const json = JSON.parse(await ok(home, ['assess', '--answers', 'no,2,2,3,2,3', '--json'], { env: { MTL_NOW: '2027-07-05T09:00:00' } }));
    expect(json.previous).toEqual({ date: '2027-07-04', score: 35 });
    expect(JSON.parse(await ok(tempHome(), ['assess', '--answers', 'no,2,2,3,2,3', '--json'], { env: { MTL_NOW: '2027-07-05T09:00:00' } })).previous).toBeNull();
  });

  it('prints stable JSON with the recommended commands', async () => {
    const home = tempHome();
    const json = JSON.parse(await ok(home, ['assess', '--answers', 'yes,5,5,4,2,1', '--json'], { env: { MTL_NOW: '2027-02-01' } }));
    expect(json).toMatchObject({ id: 'a1', date: '2027-02-01', score: 60, verdict: 'leading', tooEasy: true });
    expect(json.recommended.map((r: { command: string }) => r.command)).toEqual([
      'mtl goals new --template autonomy',
      'mtl goals new --template member-goals',
      'mtl goals new --template recognition',
    ]);
    expect(json.areas).toHaveLength(5);
  });

  it('says why autonomy comes first when the job feels too easy, and names the weakest spot otherwise', async () => {
    const tooEasy = await ok(tempHome(), ['assess', '--answers', 'yes,3,3,3,3,1'], { env: { MTL_NOW: '2027-02-01' } });
    expect(tooEasy).toContain('The job feels too easy, so hand work to the team first:\n  mtl goals new --template autonomy\n');
    expect(tooEasy).not.toContain('weakest spot');
    const plain = await ok(tempHome(), ['assess', '--answers', 'no,3,3,3,3,1'], { env: { MTL_NOW: '2027-02-01' } });
    expect(plain).toContain('Start with a goal for your weakest spot:\n  mtl goals new --template member-goals\n');
  });

  it('says when the goal of the weakest spot is overdue, and offers to move its date or start a new one', async () => {
    const home = tempHome();
    await ok(home, ['goals', 'new', '--template', 'autonomy', '--due', '2027-03-31', '--yes'], { env: { MTL_NOW: '2027-02-01T09:00:00' } });
    await ok(home, ['goals', 'check-in', 'g1', 'started', '--progress', '10'], { env: { MTL_NOW: '2027-02-08T09:00:00' } });
    const before = await ok(home, ['assess', '--answers', 'no,2,3,4,3,3'], { env: { MTL_NOW: '2027-03-31T09:00:00' } });
    expect(before).toContain('Your weakest spot already has a goal:\n  g1 "Grow my team\'s autonomy": mtl goals show g1\n');
    const r = await mtl(home, ['assess', '--answers', 'no,2,3,4,3,3'], { env: { MTL_NOW: '2027-04-05T09:00:00' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      [
        'Your weakest spot has a goal, but it is overdue:',
        '  g1 "Grow my team\'s autonomy" is 5 days overdue (due 2027-03-31) at 10%.',
        '  Move its date:                 mtl edit g1 --due "end of quarter"',
        '  Or start this quarter\'s goal:  mtl goals new --template autonomy',
        '',
      ].join('\n'),
    );
    expect(r.stdout).toContain('  Autonomy             rarely     weak   try: your goal g1 "Grow my team\'s autonomy" is 5 days overdue (due 2027-03-31) at 10%: mtl edit g1 --due "end of quarter", or mtl goals new --template autonomy\n');
    expect(r.stdout).not.toContain('mtl goals show g1');
    const json = JSON.parse(await ok(home, ['assess', '--answers', 'no,2,3,4,3,3', '--json'], { env: { MTL_NOW: '2027-04-05T09:00:00' } }));
    expect(json.recommended[0]).toEqual({
      template: 'autonomy',
      command: 'mtl edit g1 --due "end of quarter"',
      openGoal: { id: 'g1', title: "Grow my team's autonomy", due: '2027-03-31', daysOverdue: 5, progress: 10 },
      overdue: true,
      alternative: 'mtl goals new --template autonomy',
    });
    // The command offered works, and the advice then points at the goal again.
    await ok(home, ['edit', 'g1', '--due', 'end of quarter'], { env: { MTL_NOW: '2027-04-05T09:00:00' } });
    expect(await ok(home, ['assess', '--answers', 'no,2,3,4,3,3'], { env: { MTL_NOW: '2027-04-05T09:00:00' } })).toContain('Your weakest spot already has a goal:\n  g1 "Grow my team\'s autonomy": mtl goals show g1\n');
  });

  it('takes thirteen answers with --full and reports the wider score', async () => {
    const home = tempHome();
    const out = await ok(home, ['assess', '--full', '--answers', 'no,5,5,5,5,5,1,1,1,1,1,1,1']);
    expect(out).toContain('Score 100/100');
    expect(out).toContain('wider responsibilities (score 0/100)');
    expect(readStore(home).assessments[0].extendedScore).toBe(0);
  });

  it.each([
    [['assess', '--answers', 'no,sometimes,often,rarely,mostly,sometimes'], /Answer 3 of --answers is "often"; it should be never, rarely, sometimes, mostly, always \(or 1-5\)/],
    [['assess', '--answers', 'maybe,1,2,3,4,5'], /Answer 1 of --answers is "maybe"; it should be yes or no/],
    [['assess', '--answers', 'no,1,2,3'], /--answers needs 6 answers, got 4/],
    [['assess', '--full', '--answers', ANSWERS], /--answers needs 13 answers with --full, got 6/],
  ])('refuses %j, exits 1 and writes nothing', async (args, message) => {
    const home = tempHome();
    const r = await mtl(home, args);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
    expect(fs.existsSync(path.join(home, 'mtl.json'))).toBe(false);
  });

  it('exits 2 on an unknown option or command', async () => {
    const home = tempHome();
    const r = await mtl(home, ['assess', '--answer', ANSWERS]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--answer'");
    expect(r.stderr).toContain('--answers');
    const c = await mtl(home, ['asses']);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain("unknown command 'asses'");
    expect(fs.existsSync(home)).toBe(false);
  });

  it('without a terminal and without --answers, fails at once naming --answers', async () => {
    const home = tempHome();
    const r = await mtl(home, ['assess'], { input: 'yes\n' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('No terminal to ask questions on');
    expect(r.stderr).toContain('--answers');
    expect(fs.existsSync(path.join(home, 'mtl.json'))).toBe(false);
  });

  it('with --full and no terminal, suggests all thirteen answers', async () => {
    const home = tempHome();
    const r = await mtl(home, ['assess', '--full']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `mtl: No terminal to ask questions on.\nGive the answers as flags instead: --answers no${',sometimes'.repeat(12)} (13 answers with --full).\n`,
    );
    expect((await mtl(home, ['assess'])).stderr).toContain(`--answers no${',sometimes'.repeat(5)} (6 answers).`);
  });

  it('counts an empty --answers as no answers at all', async () => {
    const home = tempHome();
    const r = await mtl(home, ['assess', '--answers', '']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--answers needs 6 answers, got 0.');
    expect((await mtl(home, ['assess', '--full', '--answers', ' '])).stderr).toContain('--answers needs 13 answers with --full, got 0.');
  });
});

describe('mtl assess history', () => {
  it('lists results oldest first with a trend per area', async () => {
    const home = tempHome();
    await ok(home, ['assess', '--answers', 'yes,1,2,3,2,1'], { env: { MTL_NOW: '2027-01-10T09:00:00' } });
    await ok(home, ['assess', '--answers', 'no,3,3,3,4,3'], { env: { MTL_NOW: '2027-04-10T09:00:00' } });
    const lines = (await ok(home, ['assess', 'history'])).trim().split('\n');
    // The same human label as mtl assess prints; JSON keeps the raw "developing".
    expect(lines).toEqual(['2027-01-10\ta1\t20\tnot yet leading\tyes\t1\t2\t3\t2\t1', '2027-04-10\ta2\t55\tnot yet leading\tno\t3\t3\t3\t4\t3']);
    const json = JSON.parse(await ok(home, ['assess', 'history', '--json']));
    expect(json.assessments.map((a: { date: string }) => a.date)).toEqual(['2027-01-10', '2027-04-10']);
    expect(json.assessments.map((a: { verdict: string }) => a.verdict)).toEqual(['developing', 'developing']);
    expect(json.trend.score).toMatchObject({ first: 20, last: 55, change: 35 });
    expect(json.trend.areas[0]).toMatchObject({ key: 'autonomy', series: [1, 3], change: 2 });
  });

  it('says how to start when there is no history, exit 0', async () => {
    const home = tempHome();
    const r = await mtl(home, ['assess', 'history']);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toContain('mtl assess');
    expect(JSON.parse(await ok(home, ['assess', 'history', '--json']))).toEqual({ assessments: [], trend: null, wider: null, pulses: [], comparison: null });
  });
});

describe('the store', () => {
  it('is owner-only: folder 0700, file 0600, even after a chmod', async () => {
    const home = tempHome();
    await ok(home, ['assess', '--answers', ANSWERS]);
    expect(mode(home)).toBe(0o700);
    expect(mode(path.join(home, 'mtl.json'))).toBe(0o600);
    fs.chmodSync(path.join(home, 'mtl.json'), 0o644);
    await ok(home, ['assess', '--answers', ANSWERS]);
    expect(mode(path.join(home, 'mtl.json'))).toBe(0o600);
    expect(fs.readdirSync(home).filter((f) => f.endsWith('.tmp') || f.endsWith('.lock'))).toEqual([]);
  });

  it('twenty concurrent assessments leave twenty results', async () => {
    const home = tempHome();
    const runs = await Promise.all(Array.from({ length: 20 }, (_, i) => mtlAsync(home, ['assess', '--answers', `no,${(i % 5) + 1},3,3,3,3`])));
    expect(runs.map((r) => r.code)).toEqual(Array(20).fill(0));
    const store = readStore(home);
    expect(store.assessments).toHaveLength(20);
    expect(new Set(store.assessments.map((a: { id: string }) => a.id)).size).toBe(20);
  });

  it('refuses a damaged file, leaves it byte for byte, and says which line and how to repair it', async () => {
    const home = tempHome();
    await ok(home, ['assess', '--answers', ANSWERS]);
    await ok(home, ['assess', '--answers', ANSWERS]);
    const file = path.join(home, 'assessments.jsonl');
    const [first, second] = fs.readFileSync(file, 'utf8').trim().split('\n');
    const broken = `${first}\n${second!.slice(0, 60)}\n`;
    fs.writeFileSync(file, broken);
    for (const args of [['assess', '--answers', ANSWERS], ['assess', 'history']]) {
      const r = await mtl(home, args);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${file} is damaged: line 2: it is not valid JSON`);
      expect(r.stderr).toContain('mtl has not changed it');
      expect(r.stderr).toContain('Each line is one entry: repair that line by hand or delete it');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(fs.readFileSync(file, 'utf8')).toBe(broken);
    fs.writeFileSync(file, `${first}\n`);
    expect(JSON.parse(await ok(home, ['assess', 'history', '--json'])).assessments).toHaveLength(1);
    const header = path.join(home, 'mtl.json');
    fs.writeFileSync(header, '{"format":"mtl-data",');
    const r = await mtl(home, ['assess', 'history']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${header} is damaged: it is not valid JSON`);
  });

  it('refuses a document from a newer mtl and a wrongly shaped one', async () => {
    const home = tempHome();
    fs.mkdirSync(home, { recursive: true });
    const file = path.join(home, 'mtl.json');
    fs.writeFileSync(file, JSON.stringify({ version: 99, assessments: [] }));
    let r = await mtl(home, ['assess', 'history']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('written by a newer mtl (data version 99');
    fs.writeFileSync(file, JSON.stringify({ version: 1, assessments: {} }));
    r = await mtl(home, ['assess', '--answers', ANSWERS]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file} is damaged: the field "assessments" should be a list but is object`);
    expect(fs.readFileSync(file, 'utf8')).toBe(JSON.stringify({ version: 1, assessments: {} }));
  });

  it('migrates an unversioned document', async () => {
    const home = tempHome();
    fs.mkdirSync(home, { recursive: true });
    fs.writeFileSync(path.join(home, 'mtl.json'), JSON.stringify({ assessments: [] }));
    await ok(home, ['assess', '--answers', ANSWERS]);
    expect(readStore(home)).toMatchObject({ goals: [], assessments: [{ id: 'a1' }] });
    expect(fs.readdirSync(home).sort()).toEqual(['assessments.jsonl', 'mtl.json', 'mtl.v2.json', 'undo.jsonl']);
  });

  it('reports a data folder it cannot use, exit 1, no stack', async () => {
    const home = tempHome();
    fs.mkdirSync(path.dirname(home), { recursive: true });
    fs.writeFileSync(home, 'not a folder');
    const r = await mtl(home, ['assess', '--answers', ANSWERS]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Cannot use the data folder ${home}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('takes --home over MTL_HOME', async () => {
    const home = tempHome();
    const other = tempHome();
    await ok(home, ['--home', other, 'assess', '--answers', ANSWERS]);
    expect(fs.existsSync(path.join(home, 'mtl.json'))).toBe(false);
    expect(readStore(other).assessments).toHaveLength(1);
  });

  it('uses MTL_NOW as the clock, and rejects a bad one', async () => {
    const home = tempHome();
    await ok(home, ['assess', '--answers', ANSWERS], { env: { MTL_NOW: '2027-03-31', TZ: 'America/Los_Angeles' } });
    expect(readStore(home).assessments[0].date).toBe('2027-03-31');
    const r = await mtl(home, ['assess', '--answers', ANSWERS], { env: { MTL_NOW: 'last tuesday' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('MTL_NOW="last tuesday" is not an ISO date');
  });
});

describe.skipIf(!TmuxSession.available())('mtl assess in a real terminal', () => {
  it('walks through six questions and saves the result', async () => {
    const home = tempHome();
    const tmux = new TmuxSession(`node ${BIN} assess`, { MTL_HOME: home, MTL_NOW: '2027-01-15T10:00:00' });
    try {
      await tmux.waitFor('feel a little too easy');
      tmux.keys('Down', 'Enter'); // yes, too easy
      for (let i = 1; i <= 5; i++) {
        await tmux.waitFor(`(${i}/5)`);
        tmux.keys(i % 2 ? 'Down' : 'Up', 'Enter'); // mostly, rarely, mostly, rarely, mostly
      }
      const screen = await tmux.waitFor('[exit 0]');
      expect(screen).toContain('Score 55/100');
      // Wrapped at a space by mtl (the terminal is 120 columns), not cut mid-word by the terminal.
      const lines = screen.split('\n').map((l) => l.trimEnd());
      const at = lines.findIndex((l) => l.startsWith('Warning sign: the job feels too easy'));
      expect(lines[at]!.length).toBeLessThanOrEqual(120);
      expect(`${lines[at]} ${lines[at + 1]}`).toBe(TOO_EASY_WARNING);
    } finally {
      tmux.kill();
    }
    expect(readStore(home).assessments[0].answers).toEqual({ autonomy: 4, lives: 2, connection: 4, safety: 2, challenge: 4 });
  });

  it('Ctrl-C saves nothing and exits 130', async () => {
    const home = tempHome();
    const tmux = new TmuxSession(`node ${BIN} assess`, { MTL_HOME: home });
    try {
      await tmux.waitFor('feel a little too easy');
      tmux.keys('Enter');
      await tmux.waitFor('(1/5)');
      tmux.keys('C-c');
      const screen = await tmux.waitFor(/\[exit \d+\]/);
      expect(screen).toContain('[exit 130]');
      expect(screen).toContain('nothing was saved');
      expect(screen).not.toMatch(/\n\s+at /);
    } finally {
      tmux.kill();
    }
    expect(fs.existsSync(path.join(home, 'mtl.json'))).toBe(false);
  });
});
