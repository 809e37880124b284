import { describe, expect, it } from 'vitest';
import { MINDSET_PROMPTS, mindsetKey, mindsetOfWeek, weekStartOf } from '../../src/core/mindset.js';
import { emptyNudgeState } from '../../src/core/model.js';

describe('the mindset prompt of the week', () => {
  it('starts weeks on Monday or Sunday', () => {
    // 2027-02-17 is a Wednesday.
    expect(weekStartOf('2027-02-17')).toBe('2027-02-15');
    expect(weekStartOf('2027-02-17', 'sunday')).toBe('2027-02-14');
    expect(weekStartOf('2027-02-15')).toBe('2027-02-15');
    expect(weekStartOf('2027-02-14')).toBe('2027-02-08');
  });

  it('keeps this week\'s prompt, then moves to one not shown this quarter', () => {
    const state = emptyNudgeState();
    const first = mindsetOfWeek(state, '2027-02-15');
    state.prompts['2027-Q1'] = [first.id];
    state.shown[mindsetKey(first)] = '2027-02-15';
    expect(mindsetOfWeek(state, '2027-02-19').id).toBe(first.id);
    const next = mindsetOfWeek(state, '2027-02-22');
    expect(next.id).not.toBe(first.id);
    // A new quarter starts elsewhere in the list, and what was used last quarter counts no more.
    expect(mindsetOfWeek(state, '2027-04-05').id).not.toBe(first.id);
  });

  it('shows every prompt once in a quarter before any comes back', () => {
    const state = emptyNudgeState();
    const seen: string[] = [];
    for (let week = 0; week < MINDSET_PROMPTS.length; week++) {
      const prompt = mindsetOfWeek(state, '2027-01-04');
      seen.push(prompt.id);
      state.prompts['2027-Q1'] = [...(state.prompts['2027-Q1'] ?? []), prompt.id];
    }
    expect(new Set(seen).size).toBe(MINDSET_PROMPTS.length);
  });
});
