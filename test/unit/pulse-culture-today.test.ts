import { describe, expect, it } from 'vitest';
import { nextStep, EXTENDED_AREAS, extendedTrendOf, buildAssessment } from '../../src/core/assessment.js';
import { compareViews, latest, parseTally, pulseResponses, tallyAverage, unevenTotals } from '../../src/core/pulse.js';
import { cultureDue, parseEventDay } from '../../src/core/culture.js';
import { momentsAbout, mostPressing, questionOfDay, DAILY_QUESTIONS } from '../../src/core/today.js';
import type { Reminder } from '../../src/core/nudges.js';

describe('pulse', () => {
  it('parses five counts and refuses anything else', () => {
    expect(parseTally(' 1, 0,2,3 ,1')).toEqual([1, 0, 2, 3, 1]);
    expect(parseTally('1,2,3')).toEqual({ error: { count: 3 } });
    expect(parseTally('')).toEqual({ error: { count: 0 } });
    expect(parseTally('1,-1,0,0,0')).toEqual({ error: { value: '-1' } });
    expect(parseTally('1.5,0,0,0,0')).toEqual({ error: { value: '1.5' } });
    expect(parseTally('0,0,0,0,0')).toEqual({ error: { empty: true } });
  });

  it('refuses tallies whose totals differ, naming each question’s total', () => {
    expect(unevenTotals([[0, 1, 2, 1, 1], [0, 0, 1, 2, 2], [1, 2, 1, 1, 0], [0, 0, 1, 2, 2], [0, 2, 2, 1, 9]])).toBe(
      'Each question should have the same number of answers: q1 5, q2 5, q3 5, q4 5, q5 14.',
    );
    expect(unevenTotals([[1, 0, 2, 3, 1], [0, 1, 3, 2, 1], [2, 2, 1, 1, 1], [0, 0, 3, 3, 1], [1, 1, 2, 2, 1]])).toBeUndefined();
    // Questions not asked yet are skipped, and keep their number.
    expect(unevenTotals([undefined, [1, 0, 0, 0, 0], undefined, [0, 0, 0, 0, 2]])).toBe('Each question should have the same number of answers: q2 1, q4 2.');
    expect(unevenTotals([undefined, [1, 0, 0, 0, 0]])).toBeUndefined();
  });

  it('averages a tally from never (1) to always (5), to one decimal', () => {
    expect(tallyAverage([0, 0, 0, 0, 4])).toBe(5);
    expect(tallyAverage([1, 0, 2, 3, 1])).toBe(3.4);
    expect(tallyAverage([0, 0, 0, 0, 0])).toBeUndefined();
    expect(tallyAverage('damaged')).toBeUndefined();
    expect(pulseResponses({ tallies: { autonomy: [1, 1, 0, 0, 0], lives: [0, 0, 3, 0, 0] } })).toBe(3);
  });

  it('flags areas where manager and team are two levels apart or more, either way', () => {
    const answers = { autonomy: 5, lives: 2, connection: 3, safety: 4, challenge: 1 } as const;
    const tallies = { autonomy: [0, 0, 4, 0, 0], lives: [0, 0, 0, 0, 2], connection: [0, 0, 0, 3, 1], safety: [0, 1, 1, 0, 0], challenge: [0, 0, 0, 0, 0] };
    const rows = compareViews({ answers }, { tallies });
    expect(rows.map((r) => [r.key, r.gap ?? null, r.differs])).toEqual([
      ['autonomy', -2, true],
      ['lives', 3, true],
      ['connection', 1.3, false],
      ['safety', -1.5, false],
      ['challenge', null, false],
    ]);
    expect(compareViews(undefined, { tallies })[0]).toEqual({ key: 'autonomy', label: 'Autonomy', team: 3, differs: false });
  });
});

describe('culture reminder', () => {
  const team = [{ added: '2027-01-01' }];
  const event = (date: string) => ({ id: 'c1', what: 'Lunch', date, at: `${date}T12:00:00Z` });
  it('is due after 30 days without an event, with the clock passed in', () => {
    expect(cultureDue([event('2027-01-10')], team, '2027-02-08')).toBeUndefined();
    expect(cultureDue([event('2027-01-10')], team, '2027-02-09')).toMatchObject({ since: '2027-01-10', days: 30 });
    expect(cultureDue([event('2027-03-01')], team, '2027-02-09')).toMatchObject({ since: '2027-01-01' });
  });
  it('without any event, only while a culture goal is open and the team is a month old; never without a team', () => {
    expect(cultureDue([], team, '2027-02-15', false)).toBeUndefined();
    expect(cultureDue([], team, '2027-01-20', true)).toBeUndefined();
    expect(cultureDue([], team, '2027-02-15', true)).toMatchObject({ since: '2027-01-01', days: 45 });
    expect(cultureDue([event('2027-01-01')], [], '2027-06-01')).toBeUndefined();
  });
  it('reads an event day: ISO, today, yesterday; never after today', () => {
    expect(parseEventDay('yesterday', '2027-03-01')).toBe('2027-02-28');
    expect(parseEventDay('2027-02-28', '2027-03-01')).toBe('2027-02-28');
    expect(parseEventDay('2027-03-02', '2027-03-01')).toMatchObject({ problem: expect.stringContaining('after today') });
    expect(parseEventDay('friday', '2027-03-01')).toMatchObject({ problem: expect.stringContaining('is not a day') });
    expect(parseEventDay('tomorrow', '2027-03-01')).toEqual({ problem: '"tomorrow" is in the future: log an event once it has happened (today, yesterday or YYYY-MM-DD).' });
    expect(parseEventDay('2027-02-30', '2027-03-01')).toEqual({ problem: '"2027-02-30" is not a calendar day: give a day that month has.' });
  });
});

describe('today', () => {
  it('picks one question a day: the same all day, another the next day, and every one in turn', () => {
    expect(questionOfDay('2027-02-08')).toBe(questionOfDay('2027-02-08'));
    expect(questionOfDay('2027-02-09')).not.toBe(questionOfDay('2027-02-08'));
    const days = Array.from({ length: DAILY_QUESTIONS.length }, (_, i) => `2027-03-${String(i + 1).padStart(2, '0')}`);
    expect(new Set(days.map((d) => questionOfDay(d).id)).size).toBe(DAILY_QUESTIONS.length);
    expect(new Set(DAILY_QUESTIONS.map((q) => q.theme))).toEqual(new Set(['ownership', 'problems', 'progress']));
  });

  it('puts the longest-waiting reminders first, those without a start day last', () => {
    const r = (key: string, since?: string): Reminder => ({ key, kind: 'goal', text: key, why: '', command: '', ...(since ? { since } : {}) });
    expect(mostPressing([r('a'), r('b', '2027-02-01'), r('c', '2027-01-01'), r('d', '2027-02-01')]).map((x) => x.key)).toEqual(['c', 'b', 'd']);
  });

  it('uses the nudge order of importance: an overdue goal and action items before older reminders to set report goals', () => {
    const r = (key: string, kind: Reminder['kind'], since?: string): Reminder => ({ key, kind, text: key, why: '', command: '', ...(since ? { since } : {}) });
    const due = [
      r('member-goals:r1', 'member-goals', '2027-01-01'),
      r('member-goals:r2', 'member-goals', '2027-01-01'),
      r('quarter-review:2026-Q4', 'quarter-review', '2027-01-01'),
      r('action:t2', 'action', '2027-01-08'),
      r('action:t1', 'action', '2027-01-07'),
      r('goal:g1', 'goal', '2027-01-09'),
      r('learning', 'learning'),
    ];
    expect(mostPressing(due).map((x) => x.key)).toEqual(['goal:g1', 'action:t1', 'action:t2']);
    expect(mostPressing(due, 10).map((x) => x.key)).toEqual(['goal:g1', 'action:t1', 'action:t2', 'quarter-review:2026-Q4', 'member-goals:r1', 'member-goals:r2', 'learning']);
    // A first self-assessment still comes before everything, as in the nudge.
    expect(mostPressing([...due, r('assessment', 'assessment')], 1).map((x) => x.key)).toEqual(['assessment']);
  });

  it('finds the daily notes that name a report, by full or first name, as a whole word', () => {
    const m = (id: string, text: string, date = '2027-02-10') => ({ id, text, date, at: `${date}T10:00:00Z` });
    const notes = [m('w1', 'sam fixed the deploy'), m('w2', 'Samantha owned it'), m('w3', 'Thanks, Sam Lee!'), m('w4', 'Sam again', '2027-04-01')];
    expect(momentsAbout(notes, 'Sam Lee', '2027-01-01', '2027-03-31').map((n) => n.id)).toEqual(['w1', 'w3']);
  });
});

describe('assessment next steps', () => {
  const goals = [{ id: 'g2', title: 'Team culture', template: 'culture', status: 'open' }, { id: 'g1', title: 'Old', template: 'autonomy', status: 'done' }];
  it('points at the open goal of a template instead of a new one', () => {
    expect(nextStep('culture', goals)).toEqual({ kind: 'open', template: 'culture', goal: { id: 'g2', title: 'Team culture' }, command: 'mtl goals show g2' });
    expect(nextStep('autonomy', goals)).toEqual({ kind: 'new', template: 'autonomy', command: 'mtl goals new --template autonomy' });
  });
  it('maps culture to the culture template and the bridge to the review with the boss', () => {
    expect(EXTENDED_AREAS.find((a) => a.key === 'culture')!.template).toBe('culture');
    expect(nextStep('member-goals', goals, EXTENDED_AREAS.find((a) => a.key === 'bridge'))).toMatchObject({ kind: 'instead', command: 'mtl prep' });
  });
  it('trends the wider responsibilities over full assessments only', () => {
    const meta = (id: string, date: string) => ({ id, date, at: `${date}T09:00:00Z` });
    const list = [
      buildAssessment({ tooEasy: false, levels: [3, 3, 3, 3, 3, 1, 2, 3, 4, 5, 1, 2] }, meta('a1', '2027-01-05')),
      buildAssessment({ tooEasy: false, levels: [3, 3, 3, 3, 3] }, meta('a2', '2027-02-05')),
      buildAssessment({ tooEasy: false, levels: [3, 3, 3, 3, 3, 3, 2, 3, 4, 5, 1, 4] }, meta('a3', '2027-04-05')),
    ];
    const t = extendedTrendOf(list)!;
    expect(t.count).toBe(2);
    expect(t.areas.map((a) => [a.key, a.change])).toEqual([['relationships', 2], ['bridge', 0], ['growth', 0], ['ownership', 0], ['culture', 0], ['conversations', 0], ['technical', 2]]);
    expect(extendedTrendOf(list.slice(1, 2))).toBeUndefined();
  });
});

describe('latest', () => {
  it('takes the latest instant, and of two at the same instant the one recorded later', () => {
    const a = (id: string, at: string) => ({ id, at });
    expect(latest([a('a1', '2027-02-10T09:00:00Z'), a('a2', '2027-02-11T09:00:00Z'), a('a3', '2027-02-09T09:00:00Z')])?.id).toBe('a2');
    expect(latest([a('a1', '2027-02-10T09:00:00Z'), a('a2', '2027-02-10T09:00:00Z'), a('a3', '2027-02-10T09:00:00Z')])?.id).toBe('a3');
    expect(latest([])).toBeUndefined();
  });
});
