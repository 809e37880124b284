import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mtl, ok, readStore, tempHome } from '../helpers/cli.js';

const at = (day: string) => ({ env: { MTL_NOW: `${day}T10:00:00` } });

describe('mtl learn', () => {
  it('logs hours and tips, and reports them against the pro-rata target', async () => {
    const home = tempHome();
    const logged = await mtl(home, ['learn', 'log', '1.5', 'Extreme Ownership, chapters 1-3'], at('2027-01-20'));
    expect(logged).toMatchObject({ code: 0, stdout: '' });
    expect(logged.stderr).toBe('Logged 1.5 hours: Extreme Ownership, chapters 1-3\n2027-Q1: 1.5 of 12 hours. Tried a tip from it? mtl learn apply "<tip>"\n');
    await ok(home, ['learn', 'log', '2', 'Leadership podcast'], at('2027-02-01'));
    await ok(home, ['learn', 'log', '5', 'last quarter'], at('2026-12-20'));
    const tip = await mtl(home, ['learn', 'apply', 'Asked two questions before answering in design review'], at('2027-02-02'));
    expect(tip.stderr).toBe('Noted a tip tried in practice, l4: Asked two questions before answering in design review\n1 tip applied this quarter. Note what happened next time with --outcome; see all: mtl learn\n');
    await ok(home, ['learn', 'read', 'extreme'], at('2027-02-03'));
    expect(readStore(home).learning).toEqual([
      { id: 'l1', type: 'hours', date: '2027-01-20', hours: 1.5, what: 'Extreme Ownership, chapters 1-3' },
      { id: 'l2', type: 'hours', date: '2027-02-01', hours: 2, what: 'Leadership podcast' },
      { id: 'l3', type: 'hours', date: '2026-12-20', hours: 5, what: 'last quarter' },
      { id: 'l4', type: 'tip', date: '2027-02-02', tip: 'Asked two questions before answering in design review' },
      { id: 'l5', type: 'book', title: 'Extreme Ownership', date: '2027-02-03' },
    ]);

    const r = await mtl(home, ['learn'], at('2027-02-15'));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'Learning in 2027-Q1 (44 days left)',
        '  29%  3.5 of 12 hours; behind: a steady pace would be 6.1 by today',
        '  ··█····▃·▄··  hours per week, last 12 weeks (8.5 in all; most 5)',
        '',
        'Reading list',
        '  [x] Extreme Ownership, Jocko Willink & Leif Babin',
        '  [ ] Mindset, Carol Dweck',
        '  [ ] How to Win Friends and Influence People, Dale Carnegie',
        '  [ ] The 5 Levels of Leadership, John C. Maxwell',
        '  [ ] Think Again, Adam Grant',
        '  [ ] Start with Why, Simon Sinek',
        '  [ ] Harvard Business Review, the magazine and hbr.org',
        '',
        'Tips tried this quarter',
        '  2027-02-02  Asked two questions before answering in design review',
        '',
        'Logged this quarter',
        '  2027-01-20   1.5h  Extreme Ownership, chapters 1-3',
        '  2027-02-01     2h  Leadership podcast',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('Next: mtl learn log <hours> "<what>"\n');
  });

  it('follows learningHoursPerQuarter and prints JSON', async () => {
    const home = tempHome();
    await ok(home, ['learn', 'log', '3', 'course'], at('2027-01-10'));
    await ok(home, ['config', 'set', 'learningHoursPerQuarter', '4']);
    const json = JSON.parse(await ok(home, ['learn', '--json'], at('2027-02-15')));
    expect(json).toMatchObject({ quarter: '2027-Q1', hours: 3, target: 4, expected: 2, behind: false, daysLeft: 44, tips: [], logs: [{ date: '2027-01-10', hours: 3, what: 'course' }] });
    expect(json.books).toHaveLength(7);
    expect(json.books[0]).toEqual({ title: 'Extreme Ownership', author: 'Jocko Willink & Leif Babin', read: false });
    expect(await ok(home, ['learn', 'show', '--json'], at('2027-02-15'))).toBe(JSON.stringify(json) + '\n');
  });

  it('allows a week of grace: not behind on the first days of a quarter', async () => {
    const home = tempHome();
    const first = await ok(home, ['learn'], at('2027-04-01'));
    expect(first).toContain('0 of 12 hours; within a week of a steady pace (0.1 by today)');
    expect(JSON.parse(await ok(home, ['learn', '--json'], at('2027-04-07')))).toMatchObject({ hours: 0, expected: 0.9, behind: false });
    expect(await ok(home, ['nudge', '--all'], at('2027-04-07'))).not.toContain('Learning:');
    expect(await ok(home, ['learn'], at('2027-04-08'))).toContain('0 of 12 hours; behind: a steady pace would be 1.1 by today');
    expect(await ok(home, ['nudge', '--all'], at('2027-04-08'))).toContain('- Learning: 0 of 12 hours this quarter; a steady pace would be 1.1 by now.');
  });

  it('refuses bad hours, empty text and unknown or ambiguous books, writing nothing', async () => {
    const home = tempHome();
    const problems: Record<string, string> = {
      '0': 'is no time at all: give more than 0',
      '101': 'is more than 100 hours; log long stretches in parts',
      two: 'is not a duration: give 2, 1.5, 2h, 1.5h, 45m, 90m, 1h30 or 1h30m',
      '1,5': 'is not a duration: give 2, 1.5, 2h, 1.5h, 45m, 90m, 1h30 or 1h30m',
      '1h90': 'has 90 minutes after the hours; give fewer than 60 (or write 2h30)',
    };
    for (const [hours, problem] of Object.entries(problems)) {
      const r = await mtl(home, ['learn', 'log', hours, 'x'], at('2027-02-15'));
      expect(r.code, hours).toBe(1);
      expect(r.stderr).toContain(`mtl: The time "${hours}" ${problem}; nothing was logged.`);
    }
    expect((await mtl(home, ['learn', 'log', '1', '  '], at('2027-02-15'))).stderr).toContain('The description of what you learned is empty.');
    expect((await mtl(home, ['learn', 'apply', ''], at('2027-02-15'))).stderr).toContain('The tip is empty.');
    const unknown = await mtl(home, ['learn', 'read', 'dune'], at('2027-02-15'));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No book of the reading list starts with "dune".\nThe list:\n  Extreme Ownership\n');
    expect((await mtl(home, ['learn', 'read', 'h'], at('2027-02-15'))).stderr).toContain('"h" matches 2 books: How to Win Friends and Influence People, Harvard Business Review.');
    expect((await mtl(home, ['learn', 'log', '1'], at('2027-02-15'))).code).toBe(2);
    expect((await mtl(home, ['learn'], at('2027-02-15'))).code).toBe(0);
    expect(fs.existsSync(home)).toBe(false);
  });

  it('marks a book read once, matched case-insensitively by its start', async () => {
    const home = tempHome();
    expect((await mtl(home, ['learn', 'read', 'THE 5 levels'], at('2027-02-15'))).stderr).toBe(
      'Marked read: The 5 Levels of Leadership (John C. Maxwell). Now try one idea from it: mtl learn apply "<tip>"\n',
    );
    expect((await mtl(home, ['learn', 'read', '5 levels of'], at('2027-02-16'))).stderr).toBe('The 5 Levels of Leadership was already marked read.\n');
    expect(readStore(home).learning).toEqual([{ id: 'l1', type: 'book', title: 'The 5 Levels of Leadership', date: '2027-02-15' }]);
  });
});
