import { describe, expect, it } from 'vitest';
import {
  buildAssessment,
  nextStep,
  parseAnswers,
  parseLevel,
  recommendedTemplates,
  scoreOf,
  trendOf,
  VERDICT_LABEL,
  verdictOf,
} from '../../src/core/assessment.js';

const meta = (id: string, date: string) => ({ id, date, at: `${date}T09:00:00.000Z` });

describe('parseAnswers', () => {
  it('reads yes/no then five words or digits', () => {
    expect(parseAnswers('no,sometimes,mostly,rarely,mostly,sometimes', false)).toEqual({ tooEasy: false, levels: [3, 4, 2, 4, 3] });
    expect(parseAnswers('YES, 1,2,3,4,5', false)).toEqual({ tooEasy: true, levels: [1, 2, 3, 4, 5] });
  });

  it('names the first bad value and its position', () => {
    expect(parseAnswers('no,sometimes,often,rarely,mostly,sometimes', false)).toMatchObject({ error: { position: 3, value: 'often' } });
    expect(parseAnswers('maybe,1,2,3,4,5', false)).toMatchObject({ error: { position: 1, value: 'maybe', expected: 'yes or no' } });
    expect(parseAnswers('no,6,2,3,4,5', false)).toMatchObject({ error: { position: 2, value: '6' } });
  });

  it('counts answers, seven more with --full', () => {
    expect(parseAnswers('no,1,2,3,4', false)).toEqual({ error: { count: 5, expected: 6 } });
    expect(parseAnswers('no,1,2,3,4,5', true)).toEqual({ error: { count: 6, expected: 13 } });
    expect(parseAnswers('no,1,2,3,4,5,1,2,3,4,5,1,2', true)).toMatchObject({ levels: [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2] });
  });

  it('counts an empty list as no answers, not one', () => {
    expect(parseAnswers('', false)).toEqual({ error: { count: 0, expected: 6 } });
    expect(parseAnswers('  ', true)).toEqual({ error: { count: 0, expected: 13 } });
  });
});

describe('scoring', () => {
  it('maps never..always to 0..100', () => {
    expect(scoreOf([1, 1, 1, 1, 1])).toBe(0);
    expect(scoreOf([5, 5, 5, 5, 5])).toBe(100);
    expect(scoreOf([3, 4, 2, 4, 3])).toBe(55);
  });

  it('calls it leading when at least three of five are mostly or always', () => {
    expect(verdictOf([4, 4, 5, 1, 1])).toBe('leading');
    expect(verdictOf([4, 4, 3, 3, 3])).toBe('developing');
    expect(VERDICT_LABEL).toEqual({ leading: 'leading', developing: 'not yet leading' });
    expect(parseLevel('Always')).toBe(5);
    expect(parseLevel('often')).toBeUndefined();
  });

  it('keeps the too-easy answer out of the score but recommends autonomy first', () => {
    const a = buildAssessment({ tooEasy: true, levels: [5, 5, 5, 5, 2] }, meta('a1', '2027-01-05'));
    expect(a.score).toBe(85);
    expect(a.verdict).toBe('leading');
    expect(recommendedTemplates(a)).toEqual(['autonomy', 'member-goals']);
  });

  it('recommends templates weakest area first, each once', () => {
    const a = buildAssessment({ tooEasy: false, levels: [3, 1, 2, 4, 5] }, meta('a1', '2027-01-05'));
    expect(recommendedTemplates(a)).toEqual(['culture', 'autonomy']);
  });

  it('scores the extended part separately', () => {
    const a = buildAssessment({ tooEasy: false, levels: [5, 5, 5, 5, 5, 1, 1, 1, 1, 1, 1, 1] }, meta('a1', '2027-01-05'));
    expect(a.score).toBe(100);
    expect(a.extendedScore).toBe(0);
    // Bridge to leadership has a first step of its own (mtl prep), not a template.
    expect(recommendedTemplates(a)).toEqual(['culture', 'member-goals', 'learning', 'recognition', 'autonomy']);
  });
});

describe('trendOf', () => {
  it('is undefined without history and tracks change per area', () => {
    expect(trendOf([])).toBeUndefined();
    const history = [
      buildAssessment({ tooEasy: true, levels: [1, 2, 3, 4, 5] }, meta('a1', '2027-01-05')),
      buildAssessment({ tooEasy: false, levels: [3, 2, 3, 4, 4] }, meta('a2', '2027-04-05')),
    ];
    const trend = trendOf(history)!;
    expect(trend.score).toMatchObject({ first: 50, last: 55, change: 5 });
    expect(trend.areas.find((a) => a.key === 'autonomy')).toMatchObject({ series: [1, 3], change: 2 });
    expect(trend.areas.find((a) => a.key === 'challenge')).toMatchObject({ change: -1 });
  });
});

describe('the next step when the goal of a weak spot is overdue', () => {
  const goals = [{ id: 'g1', title: "Grow my team's autonomy", template: 'autonomy', status: 'open', due: '2027-03-31', progress: 10 }];

  it('offers to move its date or to start this quarter’s goal, once its due day has passed', () => {
    expect(nextStep('autonomy', goals, undefined, '2027-04-05')).toEqual({
      kind: 'overdue',
      template: 'autonomy',
      goal: { id: 'g1', title: "Grow my team's autonomy", due: '2027-03-31', daysOverdue: 5, progress: 10 },
      command: 'mtl edit g1 --due "end of quarter"',
      alternative: 'mtl goals new --template autonomy',
    });
  });

  it('still points at the goal on its due day, without a clock, or without a due day', () => {
    expect(nextStep('autonomy', goals, undefined, '2027-03-31')).toMatchObject({ kind: 'open', command: 'mtl goals show g1' });
    expect(nextStep('autonomy', goals)).toMatchObject({ kind: 'open', command: 'mtl goals show g1' });
    expect(nextStep('autonomy', [{ ...goals[0]!, due: undefined }], undefined, '2027-04-05')).toMatchObject({ kind: 'open' });
    expect(nextStep('autonomy', [{ ...goals[0]!, status: 'done' }], undefined, '2027-04-05')).toEqual({ kind: 'new', template: 'autonomy', command: 'mtl goals new --template autonomy' });
  });
});
