import fs from 'node:fs';
import path from 'node:path';
import { defaultPreferences, PREFERENCE_KEYS, PREFERENCE_SPECS, storedPreference, type PreferenceKey, type Preferences } from '../core/preferences.js';
import { damagedFile, DataError } from '../errors.js';
import { readIfThere, writeAtomic } from './files.js';
import { withLock, type Lock } from './lock.js';

/**
 * The preferences file, `config.json`: one JSON object, read and written here alone, under the data
 * folder's lock like every other write. What each preference allows is core/preferences.ts.
 */

export const PREFERENCES_FILE = 'config.json';

/**
 * Reads preferences with a plain JSON parse. A file that is not an object, or holds a value mtl would
 * refuse from `mtl config set`, is reported, never used.
 */
export function readPreferences(dir: string): Preferences {
  const file = path.join(dir, PREFERENCES_FILE);
  const stored = readStoredPreferences(dir);
  const prefs = defaultPreferences() as Record<string, unknown>;
  for (const key of PREFERENCE_KEYS) {
    const value = stored[key];
    if (value === undefined) continue;
    try {
      prefs[key] = storedPreference(key, value);
    } catch (err) {
      throw damagedFile(
        file,
        `${key} is ${JSON.stringify(value)}; ${(err as Error).message}`,
        `Fix it with: mtl config set ${key} <value> after removing that line, or remove the file to go back to the defaults.`,
      );
    }
  }
  return prefs as Preferences;
}

/** The preferences file as stored (only what the user set), checked to be a JSON object. */
export function readStoredPreferences(dir: string): Record<string, unknown> {
  const file = path.join(dir, PREFERENCES_FILE);
  // Not a plain file (a folder, a pipe): refused, never waited on.
  const text = readIfThere(file);
  if (text === undefined) return {};
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch (err) {
    throw damagedPreferences(file, (err as Error).message);
  }
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) throw damagedPreferences(file, 'it does not hold a JSON object');
  return stored as Record<string, unknown>;
}

function damagedPreferences(file: string, what: string): DataError {
  return damagedFile(file, what, 'Repair it by hand, or remove it to go back to the defaults.');
}

/** Writes a whole preferences file (restoring a backup), under the data folder's lock, never over one. */
export async function restorePreferences(dir: string, stored: Record<string, unknown>): Promise<boolean> {
  return withLock(dir, (lock) => {
    if (fs.existsSync(path.join(dir, PREFERENCES_FILE))) return false;
    writePreferences(dir, stored, lock);
    return true;
  });
}

/**
 * Validates and stores one preference, under the data folder's lock: the file is read and checked
 * (a damaged one is refused, not replaced), the key set, and the whole file written again.
 */
export async function setPreference(dir: string, key: PreferenceKey, text: string, held?: Lock): Promise<unknown> {
  const value = PREFERENCE_SPECS[key].parse(text);
  const write = (lock: Lock) => {
    readPreferences(dir);
    writePreferences(dir, { ...readStoredPreferences(dir), [key]: value }, lock);
    return value;
  };
  return held ? write(held) : withLock(dir, write);
}

/** The one writer of config.json: a JSON object, tab-indented (as conf, which once wrote it, did). */
function writePreferences(dir: string, stored: Record<string, unknown>, lock: Lock): void {
  lock.verify();
  writeAtomic(path.join(dir, PREFERENCES_FILE), JSON.stringify(stored, null, '\t') + '\n');
}
