import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The platform's config folder for mtl, without env-paths' "-nodejs" suffix: ~/.config/mtl on Linux. */
export function defaultDataDir(env: Record<string, string | undefined>, platform: NodeJS.Platform): string {
  const home = env.HOME || os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Preferences', 'mtl');
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'mtl', 'Config');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'mtl');
}

/** A goal file's name as stored: relative to the goals folder when it is inside it, else as it is. */
export function relativeGoalFile(file: string, goalsDir: string): string {
  const relative = path.relative(goalsDir, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/**
 * Whether a goal's stored file name stays inside the goals folder: relative (on any platform), with
 * no `..` and no empty part. What sync, undo and import trust of a name they did not make.
 */
export function isGoalFileInside(file: string): boolean {
  return file !== '' && !path.isAbsolute(file) && !path.win32.isAbsolute(file) && !file.split(/[\\/]/).some((part) => part === '..' || part === '');
}

/** Where goal files go: the `goalsDir` preference, else `<data dir>/goals`. */
export function goalsDirFor(dataDir: string, prefs: { goalsDir: string }): string {
  return prefs.goalsDir || path.join(dataDir, 'goals');
}

/**
 * Whether `file` is in the goals folder, links followed: the only files mtl moves, rewrites or copies
 * into a backup. A goal's `file` comes from goals.jsonl, which a hand `git pull` brings in unchecked:
 * a planted "../../.ssh/id_ed25519", a link in the goals folder to a folder or a file elsewhere, or
 * "link/../key" (which the system resolves through the link, and realpath by its letters) must not
 * send a key into the archive that the next sync pushes.
 */
export function inGoalsFolder(file: string, goalsDir: string): boolean {
  const inside = (relative: string) => relative !== '' && !path.isAbsolute(relative) && relative.split(path.sep)[0] !== '..';
  const name = file.startsWith(goalsDir + path.sep) ? file.slice(goalsDir.length + 1) : file;
  if (name.split(/[\\/]/).includes('..')) return false;
  let real: string;
  try {
    const target = fs.lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink() ? fs.realpathSync(file) : path.join(fs.realpathSync(path.dirname(file)), path.basename(file));
    real = path.relative(fs.realpathSync(goalsDir), target);
  } catch {
    // A folder not there, or a link to nothing (nothing to move or write): judged by the names alone.
    return inside(path.relative(goalsDir, file));
  }
  return inside(real);
}
