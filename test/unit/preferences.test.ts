import { describe, expect, it } from 'vitest';
import { defaultPreferences, parsePreferenceKey, PREFERENCE_KEYS, PREFERENCE_SPECS } from '../../src/core/preferences.js';

describe('preferences', () => {
  it('each says what it allows, and refuses anything else in those words', () => {
    for (const key of PREFERENCE_KEYS) expect(PREFERENCE_SPECS[key].allowed, key).not.toBe('');
    expect(PREFERENCE_SPECS.lookAheadDays.parse(' 21 ')).toBe(21);
    expect(() => PREFERENCE_SPECS.lookAheadDays.parse('366')).toThrow('"366" is not allowed here: give a whole number from 1 to 365.');
    expect(() => PREFERENCE_SPECS.recognitionDays.parse('1.5')).toThrow('give a whole number from 1 to 90');
    expect(PREFERENCE_SPECS.weekStart.parse('Sunday')).toBe('sunday');
    expect(() => PREFERENCE_SPECS.weekStart.parse('friday')).toThrow('give monday or sunday');
    expect([PREFERENCE_SPECS.hints.parse('off'), PREFERENCE_SPECS.hints.parse('YES')]).toEqual([false, true]);
    expect(() => PREFERENCE_SPECS.hints.parse('maybe')).toThrow('give true or false');
  });

  it('have defaults, and an unknown key is refused naming the known ones', () => {
    expect(defaultPreferences()).toEqual({ goalsDir: '', lookAheadDays: 14, recognitionDays: 7, oneOnOneCadence: 7, checkInDays: 14, learningHoursPerQuarter: 12, weekStart: 'monday', hints: true });
    expect(() => parsePreferenceKey('lookahead')).toThrow('Unknown preference "lookahead".');
    try {
      parsePreferenceKey('recognitionDay');
      expect.unreachable();
    } catch (err) {
      expect((err as { hint: string }).hint).toMatch(/^Did you mean recognitionDays\? Known preferences: goalsDir, /);
    }
  });
});
