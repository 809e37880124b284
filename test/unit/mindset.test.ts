import { describe, expect, it } from 'vitest';
import { MINDSET_PROMPTS, mindsetKey, mindsetOfWeek } from '../../src/core/mindset.js';
import { weekStartOf } from '../../src/core/dates.js';
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

  it('starts each quarter where the last one\'s thirteen weeks ended, so the next quarter brings the prompts not yet seen', () => {
    const state = emptyNudgeState();
    const weeks = (quarter: string, day: string) => {
      const ids: string[] = [];
      for (let week = 0; week < 13; week++) {
        const prompt = mindsetOfWeek(state, day);
        ids.push(prompt.id);
        state.prompts[quarter] = [...(state.prompts[quarter] ?? []), prompt.id];
      }
      return ids;
    };
    const q1 = weeks('2027-Q1', '2027-01-04');
    const q2 = weeks('2027-Q2', '2027-04-05');
    const order = MINDSET_PROMPTS.map((p) => p.id);
    // Q2 goes on round the list from the prompt after Q1's last.
    expect(q2[0]).toBe(order[(order.indexOf(q1[12]!) + 1) % order.length]);
    // The ones Q1 left out come first in Q2.
    const left = order.filter((id) => !q1.includes(id));
    expect(q2.slice(0, left.length).sort()).toEqual(left.sort());
  });
});
