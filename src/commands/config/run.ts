import path from 'node:path';
import type { Ctx } from '../../context.js';
import { UserError } from '../../errors.js';
import { goalsDirFor } from '../../store/paths.js';
import {
  defaultPreferences,
  parsePreferenceKey,
  PREFERENCE_KEYS,
  PREFERENCE_SPECS,
  readPreferences,
  setPreference,
  type PreferenceKey,
} from '../../store/preferences.js';
import { printJson, renderTable } from '../../ui/output.js';

export async function list(ctx: Ctx, opts: { json?: boolean }): Promise<void> {
  const prefs = readPreferences(ctx.dataDir);
  const defaults = defaultPreferences();
  if (opts.json) {
    printJson(ctx.io, prefs);
    return;
  }
  // An empty goalsDir means the folder inside the data folder: show which one that is.
  const shown = (key: PreferenceKey) => (key === 'goalsDir' ? goalsDirFor(ctx.dataDir, prefs) : String(prefs[key]));
  const rows = PREFERENCE_KEYS.map((key) => [
    key,
    shown(key),
    prefs[key] === defaults[key] ? ctx.io.color.dim('default') : 'set',
    PREFERENCE_SPECS[key].description,
  ]);
  ctx.io.out(renderTable(ctx.io, ['key', 'value', '', 'meaning'], rows));
}

export async function get(ctx: Ctx, key: string, opts: { json?: boolean } = {}): Promise<void> {
  const name = parsePreferenceKey(key);
  const value = readPreferences(ctx.dataDir)[name];
  if (opts.json) printJson(ctx.io, value);
  else ctx.io.out(`${value}\n`);
}

export async function set(ctx: Ctx, key: string, text: string): Promise<void> {
  const name = parsePreferenceKey(key);
  const input = name === 'goalsDir' ? expandHome(text, ctx.env.HOME) : text;
  try {
    PREFERENCE_SPECS[name].parse(input);
  } catch (err) {
    if (err instanceof UserError) throw new UserError(`${name}: ${err.message}`, err.hint ?? `See the keys and what they allow: mtl config set --help`);
    throw err;
  }
  const value = await setPreference(ctx.dataDir, name, input);
  ctx.io.err(`${name} is now ${JSON.stringify(value)}. See all: mtl config list\n`);
}

/** A leading `~` or `~/` is the home folder, as a shell would have made it without the quotes. */
function expandHome(text: string, home: string | undefined): string {
  const trimmed = text.trim();
  if (!home || !(trimmed === '~' || trimmed.startsWith('~/'))) return text;
  return path.join(home, trimmed.slice(1));
}
