import type { Ctx } from '../../context.js';
import { buildBlock, DEFAULT_SCHEDULE, findBlock, missedRun, nudgeLine, parseSchedule, withBlock, withoutBlock, type FoundBlock } from '../../core/cron.js';
import { SilentError, UserError } from '../../errors.js';
import { readNudgeState } from '../nudge/state.js';
import { printJson } from '../../ui/output.js';
import { nextRun } from '../../core/cron.js';
import { absolute, givenSchedule, NEVER_RUNS, ranBefore, sinceText, stamp } from './common.js';
import { systemCrontab } from './crontab.js';

function lineFor(ctx: Ctx, schedule: string): string {
  return nudgeLine({ schedule, dataDir: ctx.dataDir, node: absolute(ctx.argv0.node), script: absolute(ctx.argv0.script) });
}

function noCrontab(program: string, line: string): UserError {
  return new UserError(
    `No "${program}" program found, so mtl cannot edit your crontab.`,
    `Install cron (Debian/Ubuntu: sudo apt-get install cron), or add this line to your scheduler by hand:\n  ${line}`,
  );
}

function blockOf(crontab: string): FoundBlock | undefined {
  const found = findBlock(crontab);
  if (found && 'error' in found) {
    throw new UserError(`Your crontab looks hand-edited: ${found.error}.`, 'Fix the mtl lines with crontab -e, then try again. Nothing was changed.');
  }
  return found;
}

/**
 * The schedule to install: the one given, else the one already in the crontab (a hand-edited time
 * is the user's choice), else the default; with a note when the crontab's one is replaced.
 */
function scheduleFor(given: string | undefined, found: FoundBlock | undefined): { text: string; note: string } {
  if (given !== undefined) {
    const was = found?.schedule && found.schedule !== given ? ` (it was "${found.schedule}")` : '';
    return { text: given, note: was && `The schedule is now "${given}"${was}.\n` };
  }
  if (!found?.schedule) return { text: DEFAULT_SCHEDULE, note: '' };
  const kept = parseSchedule(found.schedule);
  if ('error' in kept) {
    return {
      text: DEFAULT_SCHEDULE,
      note: `The schedule in your crontab, "${found.schedule}", is not one mtl can read, so it is now "${DEFAULT_SCHEDULE}"; choose another with --schedule.\n`,
    };
  }
  return { text: kept.text, note: `Kept your schedule "${kept.text}"; change it with --schedule.\n` };
}

export async function install(ctx: Ctx, opts: { schedule?: string }): Promise<void> {
  const given = givenSchedule(opts.schedule, ctx.now)?.text;
  // Checks every path before the crontab is read: a refused path changes nothing.
  const suggested = lineFor(ctx, given ?? DEFAULT_SCHEDULE);
  const crontab = systemCrontab(ctx.env);
  const current = crontab.read();
  if (current === undefined) throw noCrontab(crontab.program, suggested);
  const found = blockOf(current);
  const schedule = scheduleFor(given, found);
  const line = lineFor(ctx, schedule.text);
  if (found?.line === line) {
    ctx.io.err(`Already installed; your crontab is unchanged:\n  ${line}\nSee when it last ran: mtl cron status\n`);
    return;
  }
  const next = withBlock(current, buildBlock(line, ctx.now.toISOString()));
  if (typeof next !== 'string') throw new UserError(next.error);
  crontab.write(next);
  ctx.io.err(
    `${found ? 'Updated' : 'Installed'} the mtl block in your crontab; cron will run:\n  ${line}\n` +
      (found ? schedule.note : '') +
      `Your other crontab lines are untouched. Check it is running: mtl cron status\n`,
  );
}

export async function uninstall(ctx: Ctx): Promise<void> {
  const crontab = systemCrontab(ctx.env);
  const current = crontab.read();
  if (current === undefined) throw noCrontab(crontab.program, lineFor(ctx, DEFAULT_SCHEDULE));
  if (!blockOf(current)) {
    ctx.io.err('There is no mtl block in your crontab; nothing to remove.\n');
    return;
  }
  const next = withoutBlock(current);
  if (typeof next !== 'string') throw new UserError(next.error);
  // A crontab that held only mtl's block goes away, rather than stay behind empty.
  if (/^\s*$/.test(next)) {
    crontab.remove();
    ctx.io.err('Removed the mtl block, and with it your crontab, which held nothing else.\nRun the nudge by hand any time: mtl nudge\n');
    return;
  }
  crontab.write(next);
  ctx.io.err('Removed the mtl block from your crontab; every other line is as it was.\nRun the nudge by hand any time: mtl nudge\n');
}


export async function status(ctx: Ctx, opts: { json?: boolean }): Promise<void> {
  const crontab = systemCrontab(ctx.env);
  const current = crontab.read();
  const found = current === undefined ? undefined : blockOf(current);
  const dataDir = found?.dataDir ?? ctx.dataDir;
  const lastRunAt = readNudgeState(dataDir).lastRunAt;
  const lastRun = lastRunAt ? new Date(lastRunAt) : undefined;
  const schedule = found?.schedule ? parseSchedule(found.schedule) : undefined;
  const installedAt = found?.installedAt ? new Date(found.installedAt) : undefined;
  const next = found && schedule && !('error' in schedule) ? nextRun(schedule, ctx.now) : undefined;
  const missed =
    schedule && !('error' in schedule) ? missedRun(schedule, ctx.now, ranBefore(lastRun, ctx.now), installedAt && !isNaN(installedAt.getTime()) ? installedAt : undefined) : undefined;
  // Only without a crontab program: a data folder a crontab line cannot hold is refused then, not before.
  const suggested = () => lineFor(ctx, DEFAULT_SCHEDULE);

  if (opts.json) {
    printJson(ctx.io, {
      crontabProgram: current === undefined ? null : crontab.program,
      installed: Boolean(found),
      schedule: found?.schedule ?? null,
      line: found?.line ?? null,
      dataDir,
      installedAt: found?.installedAt ?? null,
      lastRunAt: lastRunAt ?? null,
      nextRunAt: next?.toISOString() ?? null,
      cronSeemsDown: Boolean(missed),
      missedRunAt: missed?.toISOString() ?? null,
      ...(current === undefined ? { lineToAdd: suggested() } : {}),
    });
    if (current === undefined) throw new SilentError(1);
    return;
  }
  const c = ctx.io.color;
  const out: string[] = [];
  if (current === undefined) out.push(`cron        ${c.yellow(`no "${crontab.program}" program on this machine`)}`);
  else out.push(`cron        ${found ? c.green('installed') : c.yellow('not installed')}`);
  if (found) {
    out.push(`schedule    ${found.schedule ?? '?'}`, `line        ${found.line ?? '(missing: reinstall with mtl cron install)'}`);
    if (installedAt && !isNaN(installedAt.getTime())) out.push(`installed   ${stamp(installedAt)}`);
  }
  out.push(`data        ${dataDir}`);
  // In the order the other schedulers' status prints them.
  if (next) out.push(`next nudge  ${stamp(next)}`);
  else if (found && schedule && !('error' in schedule)) out.push(`next nudge  ${c.yellow(NEVER_RUNS)}`);
  out.push(`last nudge  ${lastRun ? `${sinceText(ctx.now.getTime() - lastRun.getTime())} (${stamp(lastRun)})` : 'never'}`);
  ctx.io.out(out.join('\n') + '\n');
  if (current === undefined) throw noCrontab(crontab.program, suggested());
  if (!found) ctx.io.err('Install it: mtl cron install   (every Monday at 09:00; --schedule to change)\n');
  if (missed) {
    ctx.io.err(
      c.yellow(`cron seems not to be running: the nudge due ${stamp(missed)} has no recorded run.`) +
        '\nIf the machine was asleep then, no harm done: the next run catches up on everything.' +
        '\nOtherwise check the cron service (Debian/Ubuntu: service cron status), or run mtl nudge by hand.\n',
    );
  }
}
