import path from 'node:path';
import { UserError } from '../errors.js';
import { didYouMean } from './text.js';

/**
 * The preferences: each one's default, what it is for, and the values it allows. `mtl config`
 * shows and checks them; store/preferences.ts keeps them in config.json.
 */

interface PreferenceSpec<T> {
  default: T;
  description: string;
  /** What it accepts, in words: for --help and for the message refusing a value. */
  allowed: string;
  parse(text: string): T;
}

const refuse = (text: string, allowed: string) => new UserError(`"${text}" is not allowed here: give ${allowed}.`);

function wholeNumber(min: number, max: number): Pick<PreferenceSpec<number>, 'allowed' | 'parse'> {
  const allowed = `a whole number from ${min} to ${max}`;
  return {
    allowed,
    parse(text) {
      const n = Number(text);
      if (!/^\d+$/.test(text.trim()) || n < min || n > max) throw refuse(text, allowed);
      return n;
    },
  };
}

function oneOf<T extends string>(...values: T[]): Pick<PreferenceSpec<T>, 'allowed' | 'parse'> {
  const allowed = `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
  return {
    allowed,
    parse(text) {
      const value = text.trim().toLowerCase() as T;
      if (!values.includes(value)) throw refuse(text, allowed);
      return value;
    },
  };
}

const yesNo: Pick<PreferenceSpec<boolean>, 'allowed' | 'parse'> = {
  allowed: 'true or false',
  parse(text) {
    const value = text.trim().toLowerCase();
    if (['true', 'yes', 'on', '1'].includes(value)) return true;
    if (['false', 'no', 'off', '0'].includes(value)) return false;
    throw refuse(text, 'true or false');
  },
};

export const PREFERENCE_SPECS = {
  goalsDir: {
    default: '',
    description: 'folder for goal files (empty: <data dir>/goals)',
    allowed: 'a folder (~/ is your home); "" for <data dir>/goals',
    parse: (text: string) => (text.trim() === '' ? '' : path.resolve(text.trim())),
  } as PreferenceSpec<string>,
  lookAheadDays: { default: 14, description: 'days ahead that nudges and prep look for deadlines', ...wholeNumber(1, 365) } as PreferenceSpec<number>,
  recognitionDays: { default: 7, description: 'days without praise before a report is flagged', ...wholeNumber(1, 90) } as PreferenceSpec<number>,
  oneOnOneCadence: { default: 7, description: 'days between 1:1s with a report, unless set for them (mtl team set <name> --cadence)', ...wholeNumber(1, 180) } as PreferenceSpec<number>,
  checkInDays: { default: 14, description: 'days without a check-in before a goal is flagged', ...wholeNumber(1, 180) } as PreferenceSpec<number>,
  learningHoursPerQuarter: { default: 12, description: 'leadership learning target, hours per quarter', ...wholeNumber(0, 500) } as PreferenceSpec<number>,
  weekStart: { default: 'monday', description: 'first day of the week for "this week"', ...oneOf('monday', 'sunday') } as PreferenceSpec<'monday' | 'sunday'>,
  hints: { default: true, description: 'show a one-line reminder hint on interactive commands', ...yesNo } as PreferenceSpec<boolean>,
};

export type PreferenceKey = keyof typeof PREFERENCE_SPECS;
export type Preferences = { [K in PreferenceKey]: (typeof PREFERENCE_SPECS)[K]['default'] };
export const PREFERENCE_KEYS = Object.keys(PREFERENCE_SPECS) as PreferenceKey[];

export function defaultPreferences(): Preferences {
  return Object.fromEntries(PREFERENCE_KEYS.map((k) => [k, PREFERENCE_SPECS[k].default])) as Preferences;
}

/**
 * A value as stored in config.json (JSON, so a number is a number), checked as `mtl config set`
 * would: the default's type, a path that is absolute, a value the preference allows. Throws a
 * UserError saying what is wrong.
 */
export function storedPreference<K extends PreferenceKey>(key: K, value: unknown): Preferences[K] {
  const spec = PREFERENCE_SPECS[key];
  if (typeof value !== typeof spec.default) throw new UserError(`it should be a ${typeof spec.default}`);
  // A relative folder would be read against whatever folder mtl runs from.
  if (key === 'goalsDir' && value !== '' && !path.isAbsolute(String(value))) throw new UserError('it should be an absolute path');
  try {
    return spec.parse(String(value)) as Preferences[K];
  } catch (err) {
    if (err instanceof UserError) throw new UserError(`it should be ${spec.allowed}`);
    throw err;
  }
}

export function parsePreferenceKey(key: string): PreferenceKey {
  if (!(PREFERENCE_KEYS as string[]).includes(key)) {
    const guess = didYouMean(key, [...PREFERENCE_KEYS]);
    throw new UserError(`Unknown preference "${key}".`, `${guess ? `${guess} ` : ''}Known preferences: ${PREFERENCE_KEYS.join(', ')}.`);
  }
  return key as PreferenceKey;
}
