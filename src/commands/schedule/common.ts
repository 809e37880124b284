import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { format } from 'date-fns';
import type { Ctx } from '../../context.js';
import { checkSchedulerPaths, DEFAULT_SCHEDULE, missedRun, nextRun, parseSchedule, type Schedule } from '../../core/cron.js';
import { notedSchedule } from '../../core/schedule.js';
import { UserError } from '../../errors.js';
import { printJson } from '../../ui/output.js';
import { plural } from '../../core/text.js';
import { readNudgeState } from '../nudge/state.js';

/** What the schedulers share: the paths they spell out, the schedule to install, times, status. */

export function absolute(file: string): string {
  try {
    return fs.realpathSync(path.resolve(file));
  } catch {
    return path.resolve(file);
  }
}

export function sinceText(ms: number): string {
  // A clock set back, or a run recorded under MTL_NOW (a preview of a later day), is not "just now".
  if (ms < -60_000) return 'in the future (a preview with MTL_NOW?)';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${plural(minutes, 'minute')} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${plural(hours, 'hour')} ago`;
  const days = Math.floor(hours / 24);
  return `${plural(days, 'day')} ago`;
}

/** A run recorded in the future (a preview under MTL_NOW) says nothing about whether cron ran. */
export const ranBefore = (lastRun: Date | undefined, now: Date) => (lastRun && lastRun.getTime() <= now.getTime() + 60_000 ? lastRun : undefined);

export const stamp = (d: Date) => format(d, 'yyyy-MM-dd HH:mm');

export const SCHEDULE_EXAMPLES = `For example --schedule "${DEFAULT_SCHEDULE}" (Mondays at 09:00, the default) or "30 8 * * 1-5" (weekdays at 08:30).`;

/** What status says of an installed schedule that names a day no month has (set by hand). */
export const NEVER_RUNS = 'not in the next eight years: the schedule names a day that does not come round; set another with --schedule';

/**
 * The --schedule given, parsed; a bad one is refused before anything is read or written, and so is
 * one that names no day that exists (the 30th of February): installed, it would never nudge.
 */
export function givenSchedule(text: string | undefined, now: Date): Schedule | undefined {
  if (text === undefined) return undefined;
  const parsed = parseSchedule(text);
  if ('error' in parsed) throw new UserError(parsed.error, SCHEDULE_EXAMPLES);
  if (!nextRun(parsed, now)) throw new UserError(`"${parsed.text}" does not come round in the next eight years (a day no month has, or a 29th of February on one weekday), so the nudge would not run.`, SCHEDULE_EXAMPLES);
  return parsed;
}

/**
 * The schedule to install: the one given, else the one the installed entry noted, else the
 * default; with a note when an installed one is replaced or kept.
 */
export function scheduleToInstall(given: Schedule | undefined, installed: string | undefined): { schedule: Schedule; note: string } {
  if (given) {
    const was = installed && installed !== given.text ? ` (it was "${installed}")` : '';
    return { schedule: given, note: was && `The schedule is now "${given.text}"${was}.\n` };
  }
  const kept = notedSchedule(installed);
  if (!kept) return { schedule: parseSchedule(DEFAULT_SCHEDULE) as Schedule, note: '' };
  return { schedule: kept, note: `Kept your schedule "${kept.text}"; change it with --schedule.\n` };
}

/**
 * How an install starts, in an order that leaves nothing changed when it refuses: the --schedule
 * given, the paths the entry will name (checked), the entry installed now (`installed` refuses one
 * mtl did not write), and the schedule to write with its note.
 */
export function startInstall<T extends { found?: { schedule?: string } }>(ctx: Ctx, scheduleText: string | undefined, entry: string, installed: (ctx: Ctx) => T) {
  const given = givenSchedule(scheduleText, ctx.now);
  const paths = { dataDir: ctx.dataDir, ...programPaths(ctx) };
  checkSchedulerPaths(paths, entry);
  const now = installed(ctx);
  return { paths, now, ...scheduleToInstall(given, now.found?.schedule) };
}

/** The node and mtl paths a scheduler entry names: absolute, links resolved. */
export function programPaths(ctx: Ctx): { node: string; script: string } {
  return { node: absolute(ctx.argv0.node), script: absolute(ctx.argv0.script) };
}

/** Runs a program with arguments as separate words (never through a shell), with a time limit. */
export function runProgram(program: string, args: string[], env: Ctx['env'], timeout = 15_000): { ok: boolean; missing: boolean; stdout: string; why: string } {
  const r = spawnSync(program, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout });
  const missing = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
  const why = r.error ? r.error.message : r.status === 0 ? '' : r.stderr.trim() || r.stdout.trim() || `exit ${r.status ?? r.signal}`;
  return { ok: !r.error && r.status === 0, missing, stdout: r.stdout ?? '', why };
}

export function removeIfThere(file: string): void {
  try {
    fs.rmSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new UserError(`Cannot remove ${file}: ${(err as Error).message}.`);
  }
}

/** What `schedule status` shows for a systemd timer or a launchd agent. */
export interface EntryStatus {
  scheduler: 'systemd' | 'launchd';
  /** "systemd timer" or "launchd agent": the first column of the first line. */
  title: string;
  installed: boolean;
  /** Loaded/active as the scheduler says, or undefined when it cannot be asked (not that platform). */
  running?: { ok: boolean; text: string };
  schedule?: string;
  /** How the scheduler itself spells it (OnCalendar=...), shown under the schedule. */
  native?: string[];
  files: string[];
  installedAt?: string;
  dataDir?: string;
  log?: string;
  /** What to do when the scheduler seems not to run the nudge. */
  checkHint: string;
  installHint: string;
}

export function printEntryStatus(ctx: Ctx, s: EntryStatus, opts: { json?: boolean }): void {
  const dataDir = s.dataDir ?? ctx.dataDir;
  const lastRunAt = readNudgeState(dataDir).lastRunAt;
  const lastRun = lastRunAt ? new Date(lastRunAt) : undefined;
  const parsed = s.schedule ? parseSchedule(s.schedule) : undefined;
  const schedule = parsed && !('error' in parsed) ? parsed : undefined;
  const installedAt = s.installedAt ? new Date(s.installedAt) : undefined;
  const validInstalledAt = installedAt && !isNaN(installedAt.getTime()) ? installedAt : undefined;
  const next = s.installed && schedule ? nextRun(schedule, ctx.now) : undefined;
  const missed = s.installed && schedule ? missedRun(schedule, ctx.now, ranBefore(lastRun, ctx.now), validInstalledAt) : undefined;

  if (opts.json) {
    printJson(ctx.io, {
      scheduler: s.scheduler,
      installed: s.installed,
      running: s.running ? s.running.ok : null,
      schedule: s.installed ? (s.schedule ?? null) : null,
      native: s.installed ? (s.native ?? []) : [],
      files: s.files,
      dataDir,
      log: s.log ?? null,
      installedAt: s.installedAt ?? null,
      nextRunAt: next?.toISOString() ?? null,
      lastRunAt: lastRunAt ?? null,
      seemsDown: Boolean(missed),
      missedRunAt: missed?.toISOString() ?? null,
    });
    return;
  }
  const c = ctx.io.color;
  const pad = (label: string) => label.padEnd(12);
  const state = s.installed ? c.green('installed') + (s.running ? ` (${s.running.ok ? c.green(s.running.text) : c.yellow(s.running.text)})` : '') : c.yellow('not installed');
  const out = [`${pad(s.title)}${state}`];
  if (s.installed) {
    out.push(`${pad('schedule')}${s.schedule ?? '?'}`);
    for (const line of s.native ?? []) out.push(`${pad('')}${line}`);
    out.push(`${pad('files')}${s.files[0]}`, ...s.files.slice(1).map((f) => `${pad('')}${f}`));
    if (validInstalledAt) out.push(`${pad('installed')}${stamp(validInstalledAt)}`);
  }
  out.push(`${pad('data')}${dataDir}`);
  if (s.log && s.installed) out.push(`${pad('log')}${s.log}`);
  if (next) out.push(`${pad('next nudge')}${stamp(next)}`);
  else if (s.installed && schedule) out.push(`${pad('next nudge')}${c.yellow(NEVER_RUNS)}`);
  out.push(`${pad('last nudge')}${lastRun ? `${sinceText(ctx.now.getTime() - lastRun.getTime())} (${stamp(lastRun)})` : 'never'}`);
  ctx.io.out(out.join('\n') + '\n');
  if (!s.installed) ctx.io.err(s.installHint);
  if (missed) {
    ctx.io.err(
      c.yellow(`The nudge due ${stamp(missed)} has no recorded run.`) +
        ` If the machine was off or asleep, the ${s.scheduler === 'systemd' ? 'timer' : 'agent'} runs it when the machine is back; otherwise ${s.checkHint}\n`,
    );
  }
}
