import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Ctx } from '../../context.js';
import { isMtlUnit, readSystemdUnits, SYSTEMD_UNIT, systemdUnits, withoutInstalledAt } from '../../core/schedule.js';
import { UserError } from '../../errors.js';
import { writeAtomic } from '../../store/files.js';
import { readIfThere } from '../../store/files.js';
import { printEntryStatus, removeIfThere, runProgram, startInstall } from './common.js';

/**
 * The nudge as a systemd user timer: mtl-nudge.service runs `mtl nudge` once, mtl-nudge.timer starts
 * it on the schedule (Persistent=true: a run missed while the machine was off happens at the next
 * start). Both live in the user's own unit folder; `systemctl --user` (MTL_SYSTEMCTL names another
 * program, for tests) enables and starts the timer when there is a user session to ask.
 */

const TIMER = `${SYSTEMD_UNIT}.timer`;
const SERVICE = `${SYSTEMD_UNIT}.service`;
const ENTRY = 'a systemd unit';

/** $MTL_SYSTEMD_DIR (tests), else $XDG_CONFIG_HOME/systemd/user, else ~/.config/systemd/user. */
export function unitDir(env: Ctx['env']): string {
  const override = env.MTL_SYSTEMD_DIR?.trim();
  if (override) return path.resolve(override);
  const xdg = env.XDG_CONFIG_HOME?.trim();
  const config = xdg && path.isAbsolute(xdg) ? xdg : path.join(env.HOME || os.homedir(), '.config');
  return path.join(config, 'systemd', 'user');
}

const systemctlProgram = (env: Ctx['env']) => env.MTL_SYSTEMCTL?.trim() || 'systemctl';

/** Whether `systemctl --user` can reach a user manager here (it cannot over ssh without lingering, in most containers, under cron). */
export function systemctlWorks(env: Ctx['env']): boolean {
  let works = asked.get(env);
  if (works === undefined) asked.set(env, (works = runProgram(systemctlProgram(env), ['--user', 'show-environment'], env, 3000).ok));
  return works;
}

/** The answer, once per command (its environment object): it may take a few seconds to say no. */
const asked = new WeakMap<object, boolean>();

function systemctl(ctx: Ctx, args: string[]) {
  return runProgram(systemctlProgram(ctx.env), ['--user', ...args], ctx.env);
}

function files(env: Ctx['env']) {
  const dir = unitDir(env);
  return { dir, timer: path.join(dir, TIMER), service: path.join(dir, SERVICE) };
}

/** The installed timer and service, when mtl wrote them; a unit of that name that mtl did not write is refused. */
function installed(ctx: Ctx) {
  const f = files(ctx.env);
  const timer = readIfThere(f.timer);
  const service = readIfThere(f.service);
  for (const [file, text] of [[f.timer, timer], [f.service, service]] as const) {
    if (text !== undefined && !isMtlUnit(text)) {
      throw new UserError(`${file} was not written by mtl, so mtl leaves it alone; nothing was changed.`, `Rename or remove it yourself, or run the nudge from cron: mtl schedule install --with cron`);
    }
  }
  return { ...f, timerText: timer, serviceText: service, found: timer === undefined ? undefined : readSystemdUnits(timer, service) };
}

/** Whether any of mtl's unit files is there (for the other schedulers' notes). */
export function isInstalled(env: Ctx['env']): boolean {
  const f = files(env);
  return fs.existsSync(f.timer) || fs.existsSync(f.service);
}

const START = `systemctl --user daemon-reload && systemctl --user enable --now ${TIMER}`;

export async function install(ctx: Ctx, opts: { schedule?: string }): Promise<void> {
  const { paths, now, schedule, note } = startInstall(ctx, opts.schedule, ENTRY, installed);
  const units = systemdUnits({ ...paths, schedule, installedAt: ctx.now.toISOString() });
  const unchanged =
    now.timerText !== undefined && now.serviceText === units.service && withoutInstalledAt(now.timerText) === withoutInstalledAt(units.timer);
  if (!unchanged) {
    try {
      fs.mkdirSync(now.dir, { recursive: true });
      writeAtomic(now.service, units.service);
      writeAtomic(now.timer, units.timer);
    } catch (err) {
      throw new UserError(`Cannot write the systemd units in ${now.dir}: ${(err as Error).message}.`, 'Check that folder, or run the nudge from cron: mtl schedule install --with cron');
    }
  }
  const calendar = units.timer
    .split('\n')
    .filter((l) => l.startsWith('OnCalendar='))
    .map((l) => `  ${l}`)
    .join('\n');
  const where = `  ${now.timer}\n  ${now.service}\n`;
  const works = systemctlWorks(ctx.env);
  if (works) {
    for (const args of unchanged ? [['enable', '--now', TIMER]] : [['daemon-reload'], ['enable', '--now', TIMER]]) {
      const r = systemctl(ctx, args);
      if (!r.ok) {
        throw new UserError(`systemctl --user ${args.join(' ')} failed: ${r.why}.`, `The units are written:\n${where}Fix what systemctl says, then run: ${START}`);
      }
    }
  }
  if (unchanged) {
    ctx.io.err(`Already installed; the systemd timer is unchanged${works ? ' (and enabled)' : ''}:\n${where}See when it last ran: mtl schedule status\n`);
  } else {
    ctx.io.err(
      `${now.timerText !== undefined ? 'Updated' : 'Installed'} the systemd timer ${TIMER}${works ? ', enabled and started' : ''}; it runs mtl nudge at\n${calendar}\n` +
        (now.timerText !== undefined ? note : '') +
        `A run missed while the machine was off or asleep happens when it is back (Persistent=true). The units:\n${where}`,
    );
  }
  if (!works) {
    ctx.io.err(
      ctx.io.color.yellow(`systemctl --user cannot reach your user session here, so the timer is not started yet.`) +
        `\nIn your desktop session, run: ${START}\nThen check it: mtl schedule status\n`,
    );
  } else if (!unchanged) {
    ctx.io.err(`Its output goes to the journal: journalctl --user -u ${SERVICE}\nCheck it is running: mtl schedule status\n`);
  }
}

export async function uninstall(ctx: Ctx): Promise<void> {
  const now = installed(ctx);
  if (now.timerText === undefined && now.serviceText === undefined) {
    ctx.io.err(`There is no mtl timer in ${now.dir}; nothing to remove.\n`);
    return;
  }
  const works = systemctlWorks(ctx.env);
  const warnings: string[] = [];
  if (works) {
    const r = systemctl(ctx, ['disable', '--now', TIMER]);
    if (!r.ok) warnings.push(`systemctl --user disable --now ${TIMER} said: ${r.why}`);
  }
  // Without systemctl, the link that enabling made is removed by hand, if it is there.
  const wanted = path.join(now.dir, 'timers.target.wants', TIMER);
  try {
    if (fs.lstatSync(wanted).isSymbolicLink() && path.resolve(path.dirname(wanted), fs.readlinkSync(wanted)) === now.timer) fs.rmSync(wanted);
  } catch {
    // Not there: nothing to undo.
  }
  removeIfThere(now.timer);
  removeIfThere(now.service);
  if (works) {
    const r = systemctl(ctx, ['daemon-reload']);
    if (!r.ok) warnings.push(`systemctl --user daemon-reload said: ${r.why}`);
  }
  ctx.io.err(`Removed the mtl timer${works ? ' (stopped and disabled)' : ''}:\n  ${now.timer}\n  ${now.service}\nRun the nudge by hand any time: mtl nudge\n`);
  for (const w of warnings) ctx.io.err(ctx.io.color.yellow(`${w}.`) + '\n');
  if (!works) ctx.io.err(`systemctl --user cannot reach your user session here; if the timer was running, stop it there: systemctl --user stop ${TIMER}\n`);
}

export async function status(ctx: Ctx, opts: { json?: boolean }): Promise<void> {
  const now = installed(ctx);
  const found = now.found;
  let running: { ok: boolean; text: string } | undefined;
  if (found && systemctlWorks(ctx.env)) {
    const r = systemctl(ctx, ['is-active', TIMER]);
    const text = r.stdout.trim() || (r.ok ? 'active' : 'inactive');
    running = { ok: r.ok, text: r.ok ? text : `${text}: ${START}` };
  }
  printEntryStatus(
    ctx,
    {
      scheduler: 'systemd',
      title: 'systemd',
      installed: Boolean(found),
      running,
      schedule: found?.schedule,
      native: found?.onCalendar.map((c) => `OnCalendar=${c}`),
      files: [now.timer, now.service],
      installedAt: found?.installedAt,
      dataDir: found?.dataDir,
      log: found ? `journalctl --user -u ${SERVICE}` : undefined,
      checkHint: `see why: systemctl --user status ${TIMER}; journalctl --user -u ${SERVICE}\n`,
      installHint: 'Install it: mtl schedule install --with systemd   (every Monday at 09:00; --schedule to change)\n',
    },
    opts,
  );
}
