import { describe, expect, it } from 'vitest';
import { innovationStatus, innovationWeekFrom, nextQuarterStart, suggestedStart, weekOfQuarter } from '../../src/core/innovation.js';
import { booksFinishedThisQuarter, findOwnBook, learningProgress, matchBooks, ownBooks, parseDuration, READING_LIST, readingList } from '../../src/core/learning.js';
import type { LearningEntry } from '../../src/core/model.js';

/** The learning entries of the lists mtl 0.1 kept, with ids. */
function entries(lists: { logs?: { date: string; hours: number; what: string }[]; tips?: { date: string; tip: string }[]; booksRead?: string[] }): LearningEntry[] {
  let n = 0;
  return [
    ...(lists.logs ?? []).map((l) => ({ id: `l${++n}`, type: 'hours' as const, ...l })),
    ...(lists.tips ?? []).map((t) => ({ id: `l${++n}`, type: 'tip' as const, ...t })),
    ...(lists.booksRead ?? []).map((title) => ({ id: `l${++n}`, type: 'book' as const, title })),
  ];
}

describe('parseDuration, plain numbers', () => {
  it('takes positive numbers up to 100, decimals too', () => {
    const hours = (text: string) => {
      const parsed = parseDuration(text);
      return 'hours' in parsed ? parsed.hours : undefined;
    };
    expect(hours('1.5')).toBe(1.5);
    expect(hours(' 2 ')).toBe(2);
    expect(hours('.5')).toBe(0.5);
    expect(hours('100')).toBe(100);
    for (const bad of ['0', '-1', '100.5', 'abc', 'h', '', '1e2', 'NaN', 'Infinity', '0m', '1h60']) expect(hours(bad), bad).toBeUndefined();
  });
});

describe('parseDuration', () => {
  it.each([
    ['2', 2],
    ['2h', 2],
    ['1.5h', 1.5],
    ['1.5 hours', 1.5],
    ['45m', 0.75],
    ['90m', 1.5],
    ['90 min', 1.5],
    ['1h30', 1.5],
    ['1h30m', 1.5],
    ['1h 30m', 1.5],
    ['2H05', 2.08],
    ['20m', 0.33],
  ])('reads %j as %d hours', (text, hours) => {
    expect(parseDuration(text)).toEqual({ hours });
  });

  it.each([
    ['ten', /is not a duration: give 2, 1.5, 2h, 1.5h, 45m, 90m, 1h30 or 1h30m/],
    ['1h75', /has 75 minutes after the hours; give fewer than 60 \(or write 2h15\)/],
    ['0h', /is no time at all/],
    ['101h', /is more than 100 hours/],
    ['6001m', /is more than 100 hours/],
    ['-45m', /is not a duration/],
    ['1h30h', /is not a duration/],
  ])('refuses %j, saying why', (text, problem) => {
    const parsed = parseDuration(text);
    expect('problem' in parsed && parsed.problem).toMatch(problem);
  });
});

describe('own books', () => {
  const learning: LearningEntry[] = [
    { id: 'l1', type: 'book', title: 'Mindset' },
    { id: 'l2', type: 'book', title: 'Radical Candor', status: 'reading', added: '2027-01-05' },
    { id: 'l3', type: 'book', title: 'Turn the Ship Around', status: 'done', added: '2027-01-02', date: '2027-02-01' },
    { id: 'l4', type: 'book', title: 'Turn It Up', status: 'done', date: '2026-12-20' },
  ];

  it('keeps a book being read off the reading list until it is done', () => {
    expect(readingList([{ id: 'l1', type: 'book', title: 'Mindset', status: 'reading' }]).find((b) => b.title === 'Mindset')!.read).toBe(false);
    expect(readingList(learning).find((b) => b.title === 'Mindset')!.read).toBe(true);
  });

  it('lists books being read first, then finished ones, latest first; counts this quarter\'s', () => {
    expect(ownBooks(learning).map((b) => b.id)).toEqual(['l2', 'l3', 'l4', 'l1']);
    expect(booksFinishedThisQuarter(learning, '2027-02-10').map((b) => b.id)).toEqual(['l3']);
    expect(booksFinishedThisQuarter(learning, '2027-01-31')).toEqual([]);
  });

  it('finds a book by id, exact title or the only title starting with the text', () => {
    expect(findOwnBook(learning, 'L2').book?.id).toBe('l2');
    expect(findOwnBook(learning, 'radical').book?.id).toBe('l2');
    expect(findOwnBook(learning, 'turn').book).toBeUndefined();
    expect(findOwnBook(learning, 'turn').matches.map((b) => b.id)).toEqual(['l3', 'l4']);
    expect(findOwnBook(learning, 'turn the ship around!').book?.id).toBe('l3');
    expect(findOwnBook(learning, 'nothing').matches).toEqual([]);
  });
});

describe('the reading list', () => {
  it('holds the article’s resources', () => {
    expect(READING_LIST.map((b) => b.title)).toEqual([
      'Extreme Ownership',
      'Mindset',
      'How to Win Friends and Influence People',
      'The 5 Levels of Leadership',
      'Think Again',
      'Start with Why',
      'Harvard Business Review',
    ]);
  });

  it('matches a title by its start, case-insensitively, with or without "the"', () => {
    expect(matchBooks('extreme').map((b) => b.title)).toEqual(['Extreme Ownership']);
    expect(matchBooks('5 LEVELS').map((b) => b.title)).toEqual(['The 5 Levels of Leadership']);
    expect(matchBooks('the 5 levels of leadership').map((b) => b.title)).toEqual(['The 5 Levels of Leadership']);
    expect(matchBooks('How to win friends, and')).toEqual([READING_LIST[2]]);
    expect(matchBooks('mindset').map((b) => b.title)).toEqual(['Mindset']);
    expect(matchBooks('s')).toEqual([READING_LIST[5]]);
    expect(matchBooks('h').map((b) => b.title)).toEqual(['How to Win Friends and Influence People', 'Harvard Business Review']);
    expect(matchBooks('ownership')).toEqual([]);
    expect(matchBooks('  ')).toEqual([]);
  });

  it('marks the books read, whatever their case', () => {
    const learning = entries({ booksRead: ['think again'] });
    expect(readingList(learning).filter((b) => b.read).map((b) => b.title)).toEqual(['Think Again']);
  });
});

describe('learningProgress', () => {
  const learning = entries({
    logs: [
      { date: '2026-12-31', hours: 5, what: 'last quarter' },
      { date: '2027-01-10', hours: 1.5, what: 'book' },
      { date: '2027-02-01', hours: 2.25, what: 'talks' },
      { date: '2027-02-20', hours: 3, what: 'later' },
    ],
    tips: [
      { date: '2026-12-20', tip: 'old' },
      { date: '2027-01-12', tip: 'asked instead of told' },
    ],
  });

  it('counts this quarter up to today against the pro-rata target', () => {
    // 2027-02-15 is day 46 of 90: 12 x 46 / 90 = 6.13.
    const p = learningProgress(learning, '2027-02-15', 12);
    expect(p).toMatchObject({ quarter: '2027-Q1', hours: 3.8, target: 12, expected: 6.1, behind: true, daysLeft: 44 });
    expect(p.tips.map((t) => t.tip)).toEqual(['asked instead of told']);
    expect(learningProgress(learning, '2027-03-31', 6.75)).toMatchObject({ hours: 6.8, expected: 6.8, behind: false });
    expect(learningProgress(learning, '2027-02-15', 0)).toMatchObject({ expected: 0, behind: false });
  });

  it('gives a week of grace: never behind in the first week, then only below the steady pace of a week ago', () => {
    const none: LearningEntry[] = [];
    expect(learningProgress(none, '2027-01-01', 12)).toMatchObject({ hours: 0, expected: 0.1, floor: 0, behind: false });
    expect(learningProgress(none, '2027-04-01', 12)).toMatchObject({ hours: 0, floor: 0, behind: false });
    expect(learningProgress(none, '2027-01-07', 12)).toMatchObject({ expected: 0.9, floor: 0, behind: false });
    // Day 8: the steady pace a week ago (day 1) was 12 x 1 / 90 = 0.13 hours.
    expect(learningProgress(none, '2027-01-08', 12)).toMatchObject({ floor: 0.1, behind: true });
    // 2027-02-15 is day 46: a steady pace is 6.1 hours by now, and was 12 x 39 / 90 = 5.2 a week ago.
    const withHours = (hours: number) => learningProgress(entries({ logs: [{ date: '2027-01-10', hours, what: 'book' }] }), '2027-02-15', 12);
    expect(withHours(5.2)).toMatchObject({ expected: 6.1, floor: 5.2, behind: false });
    expect(withHours(5.1)).toMatchObject({ expected: 6.1, floor: 5.2, behind: true });
  });
});

describe('the innovation week', () => {
  it('runs five working days from the start, demo on the last', () => {
    expect(innovationWeekFrom('2027-02-15', '2027-02-01')).toEqual({ quarter: '2027-Q1', start: '2027-02-15', end: '2027-02-19', demo: '2027-02-19', planned: '2027-02-01' });
    expect(innovationWeekFrom('2027-02-17', '2027-02-01')).toMatchObject({ start: '2027-02-17', end: '2027-02-23' });
    expect(innovationWeekFrom('2027-02-13', '2027-02-01')).toMatchObject({ start: '2027-02-15', end: '2027-02-19' });
    expect(innovationWeekFrom('2027-03-31', '2027-02-01')).toMatchObject({ quarter: '2027-Q1', end: '2027-04-06' });
  });

  it('knows where it stands and which quarter has one', () => {
    const week = innovationWeekFrom('2027-02-15', '2027-02-01');
    expect(['2027-02-14', '2027-02-15', '2027-02-19', '2027-02-20'].map((d) => innovationStatus(week, d))).toEqual(['upcoming', 'in-progress', 'in-progress', 'done']);
    expect(weekOfQuarter([week], '2027-Q1')).toBe(week);
    expect(weekOfQuarter([week], '2027-Q2')).toBeUndefined();
  });

  it('suggests a Monday at least a week away, in this quarter if it fits', () => {
    expect(suggestedStart('2027-02-03')).toBe('2027-02-15');
    expect(suggestedStart('2027-02-08')).toBe('2027-02-15');
    expect(suggestedStart('2027-03-20')).toBe('2027-04-05');
  });
});

describe('nextQuarterStart', () => {
  it('is the first Monday of the next quarter, across a year end too', () => {
    expect(nextQuarterStart('2027-03-01')).toBe('2027-04-05');
    expect(nextQuarterStart('2027-12-30')).toBe('2028-01-03');
  });
});
