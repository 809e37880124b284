import { describe, expect, it } from 'vitest';
import { truncateToWidth, visibleWidth, wrapMessages, wrapText } from '../../src/core/width.js';
import { amountSparkline } from '../../src/ui/output.js';
import { groupLine, groupReminders } from '../../src/commands/nudge/group.js';
import type { Reminder } from '../../src/core/nudges.js';

const RED = '\u001b[31m';
const END = '\u001b[39m';

describe('visibleWidth', () => {
  it('counts columns, not UTF-16 units', () => {
    expect(visibleWidth('Sam Lee')).toBe(7);
    expect(visibleWidth('李小龙')).toBe(6);
    expect(visibleWidth('Ｆｕｌｌ')).toBe(8);
    expect(visibleWidth('Nguyễn')).toBe(6);
    expect(visibleWidth('e\u0301')).toBe(1); // e + combining acute
  });

  it('knows emoji: wide, joined sequences, flags, skin tones and the emoji selector', () => {
    expect(visibleWidth('👍')).toBe(2);
    expect(visibleWidth('👍🏽')).toBe(2);
    expect(visibleWidth('👩‍💻')).toBe(2);
    expect(visibleWidth('🇫🇷')).toBe(2);
    expect(visibleWidth('❤️')).toBe(2);
    expect(visibleWidth('❤')).toBe(1);
  });

  it('gives colour codes no width', () => {
    expect(visibleWidth(`${RED}late${END}`)).toBe(4);
    expect(visibleWidth(`${RED}李${END}`)).toBe(2);
  });
});

describe('truncateToWidth', () => {
  it('cuts with an ellipsis inside the width, and leaves what fits alone', () => {
    expect(truncateToWidth('Hand over the release process', 12)).toBe('Hand over t…');
    expect(visibleWidth(truncateToWidth('Hand over the release process', 12))).toBeLessThanOrEqual(12);
    expect(truncateToWidth('short', 12)).toBe('short');
  });

  it('never cuts a wide character or an emoji in half', () => {
    expect(truncateToWidth('李小龙李小龙', 6)).toBe('李小…');
    expect(visibleWidth(truncateToWidth('李小龙李小龙', 6))).toBe(5);
    expect(truncateToWidth('ab👩‍💻cd', 4)).toBe('ab…');
    expect(truncateToWidth('ab👩‍💻cdef', 6)).toBe('ab👩‍💻c…');
  });

  it('keeps colour codes and resets after a cut', () => {
    const cut = truncateToWidth(`${RED}overdue for a long time${END}`, 8);
    expect(cut).toBe(`${RED}overdue…\u001b[0m`);
    expect(visibleWidth(cut)).toBe(8);
  });
});

describe('wrapText', () => {
  it('breaks at spaces, never inside a word', () => {
    const text = 'Not yet managing through leadership: that is normal early on, and it is what goals are for.';
    const lines = wrapText(text, 30).split('\n');
    expect(lines.every((l) => visibleWidth(l) <= 30)).toBe(true);
    expect(lines.join(' ')).toBe(text);
    const words = new Set(text.split(' '));
    expect(lines.flatMap((l) => l.split(' ')).every((w) => words.has(w))).toBe(true);
  });

  it('indents the lines after the first like the first line\'s text, after a bullet', () => {
    expect(wrapText('  Why: one two three four five six', 16)).toBe('  Why: one two\n  three four\n  five six');
    expect(wrapText('- alpha beta gamma delta', 12)).toBe('- alpha beta\n  gamma\n  delta');
  });

  it('gives a word wider than the line a line of its own, whole', () => {
    expect(wrapText('see /a/very/long/path/to/a/goal-file.md now', 12)).toBe('see\n/a/very/long/path/to/a/goal-file.md\nnow');
  });

  it('keeps a command on one line when it fits on one', () => {
    const out = wrapText('Log it: mtl praise <name> "<what they did well>"', 45);
    expect(out).toBe('Log it:\nmtl praise <name> "<what they did well>"');
  });

  it('measures wide characters and ignores colour codes', () => {
    const out = wrapText(`${RED}李小龙 李小龙 李小龙${END}`, 14);
    expect(out.split('\n').map(visibleWidth)).toEqual([13, 6]);
  });

  it('keeps line breaks and blank lines', () => {
    expect(wrapText('a\n\nb c d', 3)).toBe('a\n\nb c\nd');
  });

  it('wraps messages but leaves indented lines (a crontab line, a path) whole', () => {
    const line = '  0 9 * * 1 /usr/bin/node /home/sam/mtl/bin/mtl.cjs nudge --notify';
    expect(wrapMessages(`Installed, with this line in your crontab:\n${line}`, 30)).toBe(`Installed, with this line in\nyour crontab:\n${line}`);
  });
});

describe('amountSparkline', () => {
  it('scales to the largest week and shows a week without anything as a gap', () => {
    expect(amountSparkline([0, 1, 2, 4, 8, 0])).toBe('·▁▂▄█·');
    expect(amountSparkline([0, 0])).toBe('··');
  });
});

describe('nudge groups', () => {
  const r = (kind: string, key: string, subject?: string): Reminder => ({ key, kind: kind as Reminder['kind'], text: `${key} text`, why: 'why', command: `mtl ${key}`, ...(subject ? { subject } : {}) });

  it('puts two or more reminders of a kind with subjects on one line, in the order kinds first come', () => {
    const groups = groupReminders([r('assessment', 'a'), r('recognition', 'r1', 'Sam'), r('one-on-one', 'o1', 'Sam'), r('recognition', 'r2', 'Alex')]);
    expect(groups.map((g) => [g.kind, g.label, g.subjects])).toEqual([
      ['assessment', 'a text', []],
      ['recognition', 'Not recognised lately', ['Sam', 'Alex']],
      ['one-on-one', 'o1 text', []],
    ]);
  });

  it('groups a kind it does not know under its own name, and leaves reminders without subjects one by one', () => {
    const groups = groupReminders([r('team-party', 'x1', 'Q1'), r('team-party', 'x2', 'Q2'), r('quarter-review', 'q1'), r('quarter-review', 'q2')]);
    expect(groups.map((g) => g.label)).toEqual(['Team party', 'q1 text', 'q2 text']);
  });

  it('keeps overdue goals and goals due soon apart from the ones only waiting for a check-in', () => {
    const goal = (key: string, extra: Partial<Reminder>) => ({ ...r('goal', key, key), ...extra });
    const groups = groupReminders([goal('g1', { overdue: true }), goal('g2', { overdue: true }), goal('g3', { dueSoon: true }), goal('g4', { dueSoon: true }), goal('g5', {}), goal('g6', {}), goal('g7', { overdue: true })]);
    expect(groups.map((g) => groupLine(g))).toEqual(['Goals overdue (3): g1, g2, g7', 'Goals due soon (2): g3, g4', 'Goals to check in on (2): g5, g6']);
    // One of a kind is shown by its own text, which says how it stands.
    expect(groupReminders([goal('g1', { overdue: true }), goal('g3', { dueSoon: true })]).map((g) => g.label)).toEqual(['g1 text', 'g3 text']);
  });

  it('names as many as fit, then how many more; piped, all of them', () => {
    const [g] = groupReminders(['Samantha', 'Alexander', 'Kim', 'Lee'].map((n, i) => r('recognition', `r${i}`, n)));
    expect(groupLine(g!)).toBe('Not recognised lately (4): Samantha, Alexander, Kim, Lee');
    expect(groupLine(g!, 50)).toBe('Not recognised lately (4): Samantha and 3 more');
    expect(groupLine(g!, 56)).toBe('Not recognised lately (4): Samantha, Alexander, Kim, Lee');
  });

  it('cuts by what it is given to count (bytes, for mail), whole characters, with "…"', () => {
    const bytes = (t: string) => Buffer.byteLength(t);
    const [long] = groupReminders([{ ...r('member-goal-overdue', 'm1'), text: `Goal ${'é'.repeat(60_000)}` }]);
    const line = groupLine(long!, 996, bytes);
    expect(bytes(line)).toBeLessThanOrEqual(996);
    expect(bytes(line)).toBeGreaterThan(990);
    expect(line).toMatch(/^Goal é+…$/);
    const [names] = groupReminders(['김민준'.normalize('NFD'), 'Zoë', 'Alexandra'].map((n, i) => r('recognition', `r${i}`, n)));
    expect(groupLine(names!, 66, bytes)).toBe(`Not recognised lately (3): ${'김민준'.normalize('NFD')} and 2 more`);
  });
});

describe('wrapText on hostile stored text', () => {
  it('wraps a long run of command words line by line (it measured each run again from every word)', () => {
    const text = `${'mtl '.repeat(20_000)}x`;
    const lines = wrapText(text, 80).split('\n');
    expect(lines.every((l) => visibleWidth(l) <= 80)).toBe(true);
    expect(lines.join(' ').split(/\s+/).filter((w) => w === 'mtl')).toHaveLength(20_000);
  });
});
