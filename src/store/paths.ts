import os from 'node:os';
import path from 'node:path';

/** The platform's config folder for mtl, without env-paths' "-nodejs" suffix: ~/.config/mtl on Linux. */
export function defaultDataDir(env: Record<string, string | undefined>): string {
  const home = env.HOME || os.homedir();
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Preferences', 'mtl');
  if (process.platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'mtl', 'Config');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'mtl');
}
