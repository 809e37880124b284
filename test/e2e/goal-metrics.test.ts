import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mtl, ok, readStore, tempHome } from '../helpers/cli.js';

const at = (day: string) => ({ env: { MTL_NOW: `${day}T10:00:00` } });

const measuredOf = async (home: string, day: string) => {
  const json = JSON.parse(await ok(home, ['goals', '--json'], at(day)));
  return json[0].measured;
};

describe('goals that measure themselves', () => {
  it('a learning goal follows mtl learn log, and a check-in proposes the matching progress', async () => {
    const home = tempHome();
    await ok(home, ['goals', 'new', '-t', 'learning'], at('2027-01-04'));
    await ok(home, ['learn', 'log', '2h', 'Extreme Ownership, part 1'], at('2027-01-05'));
    expect((await measuredOf(home, '2027-01-05')).readings[0]).toEqual({ name: 'learning-hours', value: 2, target: 12, text: '2 of 12 hours of learning', share: 2 / 12 });
    await ok(home, ['learn', 'log', '3h', 'Extreme Ownership, part 2'], at('2027-01-06'));
    const piped = await ok(home, ['goals'], at('2027-01-06'));
    expect(piped).toBe('g1\tBecome a student of leadership this quarter\tlearning\t2027-03-31\tin 84 days\tnever\t0%\t14% (5 of 12 hours of learning; 0 of 1 book finished; 0 of 6 tips applied)\n');

    // (5/12 + 0/1 + 0/6) / 3 = 14%: taken by a check-in without --progress, and said so.
    const first = await mtl(home, ['goals', 'check-in', 'g1', 'Two evenings of reading'], at('2027-01-07'));
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('Measured by mtl for g1: 5 of 12 hours of learning; 0 of 1 book finished; 0 of 6 tips applied → 14%.');
    expect(first.stderr).toContain('Checked in on g1 "Become a student of leadership this quarter": progress 0% → 14% as measured (1 check-in).');
    expect(readStore(home).goals[0]).toMatchObject({ progress: 14, checkIns: [{ note: 'Two evenings of reading', progress: 14, measured: true }] });

    // A book finished and a tip applied move it: (5/12 + 1 + 1/6) / 3 = 53%.
    await ok(home, ['learn', 'book', 'done', 'Extreme Ownership'], at('2027-01-10'));
    await ok(home, ['learn', 'apply', 'Ask before answering', '--from', 'Extreme Ownership', '--outcome', 'Ana found the fix'], at('2027-01-11'));
    expect((await measuredOf(home, '2027-01-12')).proposed).toBe(53);
    await ok(home, ['goals', 'check-in', 'g1', 'Finished the book'], at('2027-01-12'));
    expect(readStore(home).goals[0].progress).toBe(53);

    // Your own figure is an override: it stays until --progress measured.
    await ok(home, ['goals', 'check-in', 'g1', 'Boss says 60', '--progress', '60'], at('2027-01-13'));
    const kept = await mtl(home, ['goals', 'check-in', 'g1', 'Quiet week'], at('2027-01-20'));
    expect(kept.stderr).toContain('Your own figure (60%) stays; take the measured one with --progress measured.');
    expect(kept.stderr).toContain('progress stays 60%');
    await ok(home, ['goals', 'check-in', 'g1', 'Back to the numbers', '--progress', 'measured'], at('2027-01-21'));
    expect(readStore(home).goals[0].progress).toBe(53);

    const shown = await ok(home, ['goals', 'show', 'g1'], at('2027-01-21'));
    expect(shown).toContain(' 42%  5 of 12 hours of learning');
    expect(shown).toContain('100%  1 of 1 book finished');
    expect(shown).toContain(' 53%  together');
    const prep = await ok(home, ['prep'], at('2027-01-21'));
    expect(prep).toContain('      measured 53%: 5 of 12 hours of learning; 1 of 1 book finished; 1 of 6 tips applied');

    // Past its quarter, the goal (due 2027-03-31) is read over the quarter it was due in, not 0%
    // from a quarter it was not about.
    expect((await measuredOf(home, '2027-04-05'))).toMatchObject({ quarter: '2027-Q1', day: '2027-03-31', proposed: 53 });
    const late = await ok(home, ['goals', 'show', 'g1'], at('2027-04-05'));
    expect(late).toContain('Measured by mtl (2027-Q1, the quarter it was due in)');
    expect(late).toContain(' 53%  together');
    // goals and prep say which quarter those readings are of.
    expect(await ok(home, ['goals'], at('2027-04-05'))).toContain('53% (2027-Q1, the quarter it was due in: 5 of 12 hours of learning;');
    expect(await ok(home, ['prep'], at('2027-04-05'))).toContain('measured 53% (2027-Q1, the quarter it was due in): 5 of 12 hours of learning;');

    // Moved into the new quarter, it counts that quarter afresh (0%): a check-in without --progress
    // keeps the 53% and says why; asked for, the measured figure is taken.
    await ok(home, ['edit', 'g1', '--due', '2027-06-30'], at('2027-04-05'));
    const spring = await mtl(home, ['goals', 'check-in', 'g1', 'Still reading'], at('2027-04-05'));
    expect(spring.code).toBe(0);
    expect(spring.stderr).toContain('Measured 0% from 2027-Q2 alone, below the 53% recorded: progress stays. Take it anyway with --progress measured, or give yours with --progress N.');
    expect(spring.stderr).toContain('progress stays 53%');
    expect(readStore(home).goals[0].progress).toBe(53);
    await ok(home, ['goals', 'check-in', 'g1', 'Start the quarter from zero', '--progress', 'measured'], at('2027-04-06'));
    expect(readStore(home).goals[0].progress).toBe(0);
  });

  it("a goal's own targets replace its template's: set when created, changed, put back and undone", async () => {
    const home = tempHome();
    const created = await mtl(home, ['goals', 'new', '-t', 'learning', '--title', 'Read two leadership books', '--target', 'books-finished=2', '--yes'], at('2027-01-04'));
    expect(created.code).toBe(0);
    expect(created.stderr).toContain('Created g1 "Read two leadership books" (learning), due Wed 2027-03-31 (in 86 days); its own targets: books-finished 2.');
    expect(readStore(home).goals[0].targets).toEqual({ 'books-finished': 2 });
    // The file the boss reads says so too, in its front matter and under the metrics.
    const file = () => fs.readFileSync(readStore(home).goals[0].file.replace(/^(?!\/)/, `${home}/goals/`), 'utf8');
    expect(file()).toContain('due: 2027-03-31\ntargets: books-finished 2\n');
    expect(file()).toContain('Targets set for this goal, which mtl measures against: books-finished 2.');
    await ok(home, ['learn', 'book', 'add', 'Extreme Ownership'], at('2027-01-05'));
    await ok(home, ['learn', 'book', 'done', 'Extreme Ownership'], at('2027-01-10'));
    // (0/12 + 1/2 + 0/6) / 3 = 17%, where the template's one book would make it 33%.
    const measured = await measuredOf(home, '2027-01-11');
    expect(measured.readings[1]).toEqual({ name: 'books-finished', value: 1, target: 2, text: '1 of 2 books finished', share: 0.5 });
    expect(measured.proposed).toBe(17);
    expect(JSON.parse(await ok(home, ['goals', '--json'], at('2027-01-11')))[0].targets).toEqual({ 'books-finished': 2 });

    const changed = await mtl(home, ['edit', 'g1', '--target', 'books-finished=3', '--target', 'tips-applied=4'], at('2027-01-11'));
    expect(changed.code).toBe(0);
    expect(changed.stderr).toContain('Changed g1 (goal): targets books-finished 3, tips-applied 4.');
    expect(file()).toContain('\ntargets: books-finished 3, tips-applied 4\n');
    expect(file()).toContain('\nTargets set for this goal, which mtl measures against: books-finished 3, tips-applied 4.\n');
    expect(file()).not.toContain('books-finished 2');
    expect(await ok(home, ['show', 'g1'], at('2027-01-11'))).toContain('  targets:   books-finished 3, tips-applied 4\n');
    expect((await ok(home, ['goals', 'show', 'g1'], at('2027-01-11')))).toContain('1 of 3 books finished');

    await ok(home, ['edit', 'g1', '--target', 'books-finished=default', '--target', 'tips-applied=default'], at('2027-01-12'));
    expect(readStore(home).goals[0].targets).toBeUndefined();
    expect(file()).toContain("\ntargets: the template's\n");
    expect((await measuredOf(home, '2027-01-12')).readings[1].text).toBe('1 of 1 book finished');
    await ok(home, ['undo'], at('2027-01-12'));
    expect(readStore(home).goals[0].targets).toEqual({ 'books-finished': 3, 'tips-applied': 4 });
    expect(file()).toContain('\ntargets: books-finished 3, tips-applied 4\n');
  });

  it("says when a goal's template is gone, rather than that it measures nothing", async () => {
    const home = tempHome();
    fs.mkdirSync(path.join(home, 'templates'), { recursive: true });
    const mine = path.join(home, 'templates', 'mine.md');
    fs.writeFileSync(mine, fs.readFileSync(path.join(__dirname, '../../templates/learning.md'), 'utf8').replace(/^name: learning$/m, 'name: mine'));
    await ok(home, ['goals', 'new', '-t', 'mine', '--yes'], at('2027-01-04'));
    fs.rmSync(mine);
    const r = await mtl(home, ['edit', 'g1', '--target', 'books-finished=2'], at('2027-01-05'));
    expect([r.code, r.stderr]).toEqual([1, 'mtl: g1\'s template "mine" is not there any more, so mtl cannot tell what it measures.\nNothing was changed. Put the template back, or see the templates there are: mtl goals templates\n']);
  });

  it('refuses a target the template does not measure, or one that is not a number above 0, and changes nothing', async () => {
    const home = tempHome();
    const before = () => fs.readdirSync(home).sort();
    const unknown = await mtl(home, ['goals', 'new', '-t', 'culture', '--target', 'books-finished=2', '--yes'], at('2027-01-04'));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('mtl: --target: "books-finished" is not a metric of this goal\'s template; it measures culture-events.\nNothing was created. See what each template measures: mtl goals templates --json\n');
    expect(fs.existsSync(path.join(home, 'goals.jsonl'))).toBe(false);

    await ok(home, ['goals', 'new', '-t', 'learning', '--yes'], at('2027-01-04'));
    const files = before();
    const goals = fs.readFileSync(path.join(home, 'goals.jsonl'), 'utf8');
    for (const [word, said] of [
      ['books=2', '"books" is not a metric of this goal\'s template; it measures learning-hours, books-finished, tips-applied'],
      ['books-finished=0', 'the target of books-finished is "0"; give a number above 0 (like books-finished=2), or books-finished=default'],
      ['books-finished=two', 'the target of books-finished is "two"; give a number above 0 (like books-finished=2), or books-finished=default'],
      ['books-finished=1e400', 'the target of books-finished is "1e400"; give a number above 0 (like books-finished=2), or books-finished=default'],
      ['books-finished', '--target books-finished gives no number; write books-finished=<number>, or books-finished=default for the template\'s'],
    ]) {
      const r = await mtl(home, ['edit', 'g1', '--target', word!], at('2027-01-05'));
      expect(r.code, word).toBe(1);
      expect(r.stderr, word).toBe(`mtl: g1: ${said}.\nNothing was changed. See what the template measures: mtl goals templates --json\n`);
    }
    expect(fs.readFileSync(path.join(home, 'goals.jsonl'), 'utf8')).toBe(goals);
    expect(before()).toEqual(files);
    const praise = await mtl(home, ['edit', 'p1', '--target', 'books-finished=2'], at('2027-01-05'));
    expect(praise.code).toBe(2);
    expect(praise.stderr).toContain('mtl: --target does not apply to praise (p1).');
  });

  it('a template of your own can measure only hours: progress is the share of the target', async () => {
    const home = tempHome();
    fs.mkdirSync(path.join(home, 'templates'), { recursive: true });
    fs.writeFileSync(path.join(home, 'templates', 'reading.md'), '---\ntitle: Read more\nmeasures:\n  learning-hours: 10\n---\n# {{title}}\n');
    await ok(home, ['goals', 'new', '-t', 'reading'], at('2027-04-05'));
    await ok(home, ['learn', 'log', '45m', 'article'], at('2027-04-06'));
    await ok(home, ['learn', 'log', '1h15', 'podcast'], at('2027-04-07'));
    const r = await mtl(home, ['goals', 'check-in', 'g1', 'Started'], at('2027-04-08'));
    expect(r.stderr).toContain('Measured by mtl for g1: 2 of 10 hours of learning → 20%.');
    expect(readStore(home).goals[0].progress).toBe(20);
  });

  it('a recognition goal counts the weeks in which every report was praised', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Sam'], at('2027-01-04'));
    await ok(home, ['team', 'add', 'Ana'], at('2027-01-04'));
    await ok(home, ['goals', 'new', '-t', 'recognition'], at('2027-01-04'));
    await ok(home, ['praise', 'sam', 'clear incident review'], at('2027-01-05'));
    await ok(home, ['praise', 'ana', 'onboarding doc'], at('2027-01-07'));
    await ok(home, ['praise', 'sam', 'pairing with the new hire'], at('2027-01-12'));
    await ok(home, ['praise', 'sam', 'migration plan'], at('2027-01-19'));
    await ok(home, ['praise', 'ana', 'demo to the VP', '--public'], at('2027-01-21'));
    await ok(home, ['feedback', 'ana', 'the rollout skipped the checklist'], at('2027-01-21'));
    const m = await measuredOf(home, '2027-01-25');
    expect(m.readings.map((r: { text: string }) => r.text)).toEqual([
      'every report praised in 2 of 13 weeks; this week 0 of 2',
      '1 of 12 praise given in public (20% of the 5 given this quarter)',
      '0 of 1 feedback points delivered',
    ]);
    // (2/13 + 1/12 + 0) / 3 = 8%
    expect(m.proposed).toBe(8);
    await ok(home, ['praise', 'sam', 'on-call handover'], at('2027-01-26'));
    await ok(home, ['praise', 'ana', 'design review'], at('2027-01-26'));
    expect((await measuredOf(home, '2027-01-26')).readings[0].text).toBe('every report praised in 3 of 13 weeks; this week 2 of 2');
  });

  it('refuses a template whose front matter is damaged, naming the file, and changes nothing', async () => {
    const home = tempHome();
    fs.mkdirSync(path.join(home, 'templates'), { recursive: true });
    const file = path.join(home, 'templates', 'culture.md');
    fs.writeFileSync(file, '---\ntitle: [unclosed\n---\n# x\n');
    const r = await mtl(home, ['goals', 'new', '-t', 'culture', '--yes'], at('2027-01-04'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`mtl: The template "culture" cannot be read: ${file}: its front matter is not valid YAML`);
    expect(fs.existsSync(path.join(home, 'goals'))).toBe(false);
    fs.writeFileSync(file, '---\ntitle: Mine\nmeasures:\n  team-lunches: 3\n---\n# x\n');
    const unknown = await mtl(home, ['goals', 'new', '-t', 'culture', '--yes'], at('2027-01-04'));
    expect(unknown.stderr).toMatch(/cannot be read: .*culture\.md: measures: "team-lunches" is not a metric mtl counts; known: learning-hours, /);
  });
});

describe('learn: books, durations, tips with their outcome', () => {
  it('adds a book, finishes it, and shows books and tips', async () => {
    const home = tempHome();
    const added = await mtl(home, ['learn', 'book', 'add', 'Radical Candor'], at('2027-02-01'));
    expect(added.stderr).toContain('Added l1 "Radical Candor" to the books you are reading.');
    expect((await mtl(home, ['learn', 'book', 'add', 'radical candor'], at('2027-02-01'))).stderr).toContain('"Radical Candor" (l1) is already on your list; nothing changed.');
    await ok(home, ['learn', 'log', '90m', 'Radical Candor, chapter 1'], at('2027-02-02'));
    const done = await mtl(home, ['learn', 'book', 'done', 'radical'], at('2027-02-20'));
    expect(done.stderr).toContain('Finished l1 "Radical Candor" on 2027-02-20. 1 book finished this quarter.');
    await ok(home, ['learn', 'apply', 'Praise in public, criticise in private', '--from', 'Radical Candor', '--outcome', 'Sam asked for more feedback'], at('2027-02-21'));
    expect(readStore(home).learning).toEqual([
      { id: 'l1', type: 'book', title: 'Radical Candor', status: 'done', added: '2027-02-01', date: '2027-02-20' },
      { id: 'l2', type: 'hours', date: '2027-02-02', hours: 1.5, what: 'Radical Candor, chapter 1' },
      { id: 'l3', type: 'tip', date: '2027-02-21', tip: 'Praise in public, criticise in private', from: 'Radical Candor', outcome: 'Sam asked for more feedback' },
    ]);
    const out = await ok(home, ['learn'], at('2027-02-22'));
    expect(out).toContain('Your books\n  [x] Radical Candor  finished 2027-02-20\n');
    expect(out).toContain('  2027-02-21  Praise in public, criticise in private  (from Radical Candor)\n              → Sam asked for more feedback\n');
    const again = await mtl(home, ['learn', 'book', 'done', 'l1'], at('2027-02-23'));
    expect(again.stderr).toContain('"Radical Candor" (l1) is already finished (2027-02-20); nothing changed.');
  });

  it('refuses an ambiguous book or an unknown id, writing nothing', async () => {
    const home = tempHome();
    await ok(home, ['learn', 'book', 'add', 'Turn the Ship Around'], at('2027-02-01'));
    await ok(home, ['learn', 'book', 'add', 'Turn It Up'], at('2027-02-01'));
    const before = JSON.stringify(readStore(home).learning);
    const r = await mtl(home, ['learn', 'book', 'done', 'turn'], at('2027-02-02'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"turn" matches 2 books: l1 "Turn the Ship Around", l2 "Turn It Up"; nothing changed.');
    const unknown = await mtl(home, ['learn', 'book', 'done', 'l9'], at('2027-02-02'));
    expect(unknown.stderr).toContain('There is no book l9; nothing changed.');
    expect(JSON.stringify(readStore(home).learning)).toBe(before);
  });
});

describe('a template too large to be one', () => {
  it('skips a template whose front matter is over 64 KB, naming why, instead of parsing it for a minute', async () => {
    const home = tempHome();
    fs.mkdirSync(path.join(home, 'templates'), { recursive: true });
    const keys = Array.from({ length: 8000 }, (_, i) => `k${i}: v`).join('\n');
    fs.writeFileSync(path.join(home, 'templates', 'big.md'), `---\n${keys}\n---\n# Big\n`);
    const r = await mtl(home, ['goals', 'templates']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('big.md: its front matter is over 64 KB');
    expect(r.stdout).toContain('learning');
  });
});
