import fs from 'node:fs';
import path from 'node:path';
import type { Ctx } from '../../context.js';
import { UserError } from '../../errors.js';
import { reason } from '../../store/files.js';
import { withLock } from '../../store/lock.js';
import { openStore } from '../../store/store.js';
import { goalsDirFor, inGoalsFolder } from '../../store/paths.js';
import { defaultPreferences, parsePreferenceKey, PREFERENCE_KEYS, PREFERENCE_SPECS, type PreferenceKey } from '../../core/preferences.js';
import { readPreferences, setPreference } from '../../store/preferences.js';
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
  if (name === 'goalsDir') {
    const { value, moved, from } = await changeGoalsDir(ctx, input);
    const files = moved ? ` Moved ${moved === 1 ? 'the goal file' : `${moved} goal files`} there from ${from}.` : '';
    ctx.io.err(`goalsDir is now ${JSON.stringify(value)}.${files} See all: mtl config list\n`);
    return;
  }
  const value = await setPreference(ctx.dataDir, name, input);
  ctx.io.err(`${name} is now ${JSON.stringify(value)}. See all: mtl config list\n`);
}

/**
 * Goal files are found by name in the goals folder, so changing the folder moves them there, under
 * the data lock (no goal is created meanwhile): copy without overwriting, switch the preference,
 * then remove the originals. A name already taken in the new folder stops it before anything moves.
 */
async function changeGoalsDir(ctx: Ctx, input: string): Promise<{ value: unknown; moved: number; from: string }> {
  const from = goalsDirFor(ctx.dataDir, readPreferences(ctx.dataDir));
  const to = goalsDirFor(ctx.dataDir, { goalsDir: PREFERENCE_SPECS.goalsDir.parse(input) });
  if (to === from) return { value: await setPreference(ctx.dataDir, 'goalsDir', input), moved: 0, from };
  await openStore(ctx.dataDir); // an older data folder is upgraded first, under its own lock
  return withLock(ctx.dataDir, async (lock) => {
    const copies: string[] = [];
    try {
      const moving = (await openStore(ctx.dataDir)).goals
        .map((g) => ({ source: g.file, target: path.join(to, path.relative(from, g.file)) }))
        // Only the files in the goals folder (links followed): never one a planted name points elsewhere.
        .filter(({ source }) => inGoalsFolder(source, from) && fs.existsSync(source));
      const taken = moving.find(({ target }) => fs.existsSync(target));
      if (taken) throw new UserError(`${taken.target} already exists; nothing was moved or changed.`, 'Move that file away, or choose another folder.');
      try {
        fs.mkdirSync(to, { recursive: true, mode: 0o700 });
        for (const { source, target } of moving) {
          fs.copyFileSync(source, target, fs.constants.COPYFILE_EXCL);
          copies.push(target);
          fs.chmodSync(target, 0o600);
        }
      } catch (err) {
        throw new UserError(`Cannot copy the goal files into ${to}: ${reason(err)}; nothing was changed.`, 'Check that folder, or choose another.');
      }
      const value = await setPreference(ctx.dataDir, 'goalsDir', input, lock);
      copies.length = 0;
      for (const { source } of moving) fs.rmSync(source, { force: true });
      return { value, moved: moving.length, from };
    } finally {
      for (const copy of copies) fs.rmSync(copy, { force: true });
    }
  });
}

/** A leading `~` or `~/` is the home folder, as a shell would have made it without the quotes. */
function expandHome(text: string, home: string | undefined): string {
  const trimmed = text.trim();
  if (!home || !(trimmed === '~' || trimmed.startsWith('~/'))) return text;
  return path.join(home, trimmed.slice(1));
}
