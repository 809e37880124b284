import { describe, expect, it } from 'vitest';
import { feedbackText, missingParts, namesImpact } from '../../src/core/feedback.js';

describe('structured feedback', () => {
  it('makes one text of the three parts', () => {
    expect(feedbackText({ situation: 'standup', behaviour: ' talked over Priya ', impact: 'she stopped sharing.' })).toBe(
      'Situation: standup. Behaviour: talked over Priya. Impact: she stopped sharing.',
    );
  });

  it('names the parts missing from a partial set', () => {
    expect(missingParts({ situation: 'x' })).toEqual(['behaviour', 'impact']);
    expect(missingParts({ impact: 'x', behaviour: '' })).toEqual(['situation']);
    expect(missingParts({})).toEqual([]);
    expect(missingParts({ situation: 'a', behaviour: 'b', impact: 'c' })).toEqual([]);
  });
});

describe('namesImpact', () => {
  it('sees words that tie an act to what it changed', () => {
    for (const text of ['fixed the build so that we could ship', 'wrote the runbook, which saved the on-call an hour', 'stayed late because the release was stuck', 'the new cache helped the search team'])
      expect(namesImpact(text)).toBe(true);
    for (const text of ['clear incident review', 'great demo', 'Thanks for the solid work']) expect(namesImpact(text)).toBe(false);
  });
});
