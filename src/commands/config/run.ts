import type { Ctx } from '../../context.js';
import {
  defaultPreferences,
  parsePreferenceKey,
  PREFERENCE_KEYS,
  PREFERENCE_SPECS,
  readPreferences,
  setPreference,
} from '../../store/preferences.js';
import { printJson, renderTable } from '../../ui/output.js';

export async function list(ctx: Ctx, opts: { json?: boolean }): Promise<void> {
  const prefs = readPreferences(ctx.dataDir);
  const defaults = defaultPreferences();
  if (opts.json) {
    printJson(ctx.io, prefs);
    return;
  }
  const rows = PREFERENCE_KEYS.map((key) => [
    key,
    String(prefs[key]) || '(default)',
    prefs[key] === defaults[key] ? ctx.io.color.dim('default') : 'set',
    PREFERENCE_SPECS[key].description,
  ]);
  ctx.io.out(renderTable(ctx.io, ['key', 'value', '', 'meaning'], rows));
}

export async function get(ctx: Ctx, key: string): Promise<void> {
  const name = parsePreferenceKey(key);
  ctx.io.out(`${readPreferences(ctx.dataDir)[name]}\n`);
}

export async function set(ctx: Ctx, key: string, text: string): Promise<void> {
  const name = parsePreferenceKey(key);
  const value = await setPreference(ctx.dataDir, name, text);
  ctx.io.err(`${name} is now ${JSON.stringify(value)}. See all: mtl config list\n`);
}
