import { spawnSync } from 'node:child_process';
import { UserError } from '../../errors.js';

/** The user's crontab through the `crontab` program (MTL_CRONTAB names another, for tests), run with mtl's environment. */
export interface Crontab {
  program: string;
  /** The current crontab ('' when the user has none), or undefined when there is no crontab program. */
  read(): string | undefined;
  write(text: string): void;
  /** Removes the user's crontab (crontab -r): for when nothing but mtl's block was in it. */
  remove(): void;
}

export function systemCrontab(env: Record<string, string | undefined>): Crontab {
  const program = env.MTL_CRONTAB?.trim() || 'crontab';
  return {
    program,
    read() {
      const r = spawnSync(program, ['-l'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return undefined;
      if (r.error) throw new UserError(`Cannot run ${program} -l: ${r.error.message}.`);
      if (r.status === 0) return r.stdout;
      if (/no crontab for/i.test(r.stderr)) return '';
      throw new UserError(`${program} -l failed (exit ${r.status}): ${r.stderr.trim() || 'no message'}.`, 'Your crontab was not changed.');
    },
    write(text) {
      const r = spawnSync(program, ['-'], { env, input: text, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
      if (r.error || r.status !== 0) {
        const why = r.error ? r.error.message : r.stderr.trim() || `exit ${r.status}`;
        throw new UserError(`${program} refused the new crontab: ${why}.`, 'Your crontab was not changed.');
      }
    },
    remove() {
      const r = spawnSync(program, ['-r'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      if (r.error || (r.status !== 0 && !/no crontab for/i.test(r.stderr))) {
        const why = r.error ? r.error.message : r.stderr.trim() || `exit ${r.status}`;
        throw new UserError(`${program} -r failed: ${why}.`, 'Your crontab was not changed.');
      }
    },
  };
}
