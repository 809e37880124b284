import type { Ctx } from '../../context.js';
import { findBlock } from '../../core/cron.js';
import type { SchedulerName } from '../../core/schedule.js';
import { systemCrontab } from './crontab.js';

/**
 * `mtl schedule`: the nudge on whichever scheduler the machine has. Without --with: launchd on
 * macOS, a systemd user timer where `systemctl --user` reaches a user manager, cron otherwise.
 * Each scheduler is its own module, loaded only when used; `mtl cron` is the cron one's alias.
 */

interface Scheduler {
  install(ctx: Ctx, opts: { schedule?: string }): Promise<void>;
  uninstall(ctx: Ctx): Promise<void>;
  status(ctx: Ctx, opts: { json?: boolean }): Promise<void>;
}

const load = (name: SchedulerName): Promise<Scheduler> =>
  name === 'systemd' ? import('./systemd.js') : name === 'launchd' ? import('./launchd.js') : import('./cron.js');

const LABELS: Record<SchedulerName, string> = { cron: 'your crontab', systemd: 'a systemd user timer', launchd: 'a launchd agent' };

/** The platform's scheduler: launchd on macOS, systemd where a user manager answers, else cron. */
export async function defaultScheduler(ctx: Ctx): Promise<SchedulerName> {
  if (ctx.platform === 'darwin') return 'launchd';
  if ((await import('./systemd.js')).systemctlWorks(ctx.env)) return 'systemd';
  return 'cron';
}

/** The schedulers holding an mtl entry (cron only when a crontab program answers). */
async function installedIn(ctx: Ctx): Promise<SchedulerName[]> {
  const found: SchedulerName[] = [];
  if ((await import('./systemd.js')).isInstalled(ctx.env)) found.push('systemd');
  if ((await import('./launchd.js')).isInstalled(ctx.env)) found.push('launchd');
  try {
    const crontab = systemCrontab(ctx.env).read();
    const block = crontab === undefined ? undefined : findBlock(crontab);
    if (block) found.push('cron');
  } catch {
    // A crontab that cannot be read holds no entry mtl could act on.
  }
  return found;
}

function noteOthers(ctx: Ctx, others: SchedulerName[], action: string): void {
  for (const other of others) {
    ctx.io.err(ctx.io.color.yellow(`mtl's nudge is also in ${LABELS[other]}`) + `${action}: mtl schedule uninstall --with ${other}\n`);
  }
}

export async function install(ctx: Ctx, opts: { with?: SchedulerName; schedule?: string }): Promise<void> {
  const name = opts.with ?? (await defaultScheduler(ctx));
  await (await load(name)).install(ctx, opts);
  noteOthers(ctx, (await installedIn(ctx)).filter((s) => s !== name), ', so it would run twice; remove it there');
}

export async function uninstall(ctx: Ctx, opts: { with?: SchedulerName }): Promise<void> {
  if (opts.with) return (await load(opts.with)).uninstall(ctx);
  // Without --with, the nudge stops wherever mtl put it.
  const found = await installedIn(ctx);
  if (!found.length) {
    ctx.io.err('mtl\'s nudge is not scheduled anywhere (no systemd timer, launchd agent or crontab block); nothing to remove.\n');
    return;
  }
  for (const name of found) await (await load(name)).uninstall(ctx);
}

export async function status(ctx: Ctx, opts: { with?: SchedulerName; json?: boolean }): Promise<void> {
  // Without --with: the scheduler holding the entry, else the one install would choose.
  const found = opts.with ? [] : await installedIn(ctx);
  const name = opts.with ?? found[0] ?? (await defaultScheduler(ctx));
  await (await load(name)).status(ctx, opts);
  if (!opts.json) noteOthers(ctx, found.filter((s) => s !== name), '; see it with --with, remove it');
}
