import type { Command } from 'commander';
import type { Ctx } from '../context.js';
import { dueNudges } from '../core/nudges.js';
import { readStore } from '../store/store.js';
import { readPreferences } from '../store/preferences.js';
import { readNudgeState } from './nudge/state.js';
import type { Data, NudgeState } from '../core/model.js';
import { plural } from '../core/text.js';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** Nouns that never hint: the nudge itself and its cron, and output meant for files or shells. */
const QUIET_NOUNS = ['nudge', 'cron', 'completion', '__complete', '__dashboard', 'export', 'import'];

/**
 * The hint after a command ran without error (cli.ts calls it from commander's postAction hook):
 * not for the quiet nouns, not with --json, not for the dashboard (it lists the reminders itself).
 */
export function hintAfter(ctx: Ctx, action: Command): void {
  let noun = action;
  while (noun.parent?.parent) noun = noun.parent;
  if (!noun.parent || QUIET_NOUNS.includes(noun.name())) return;
  if ((action.optsWithGlobals() as { json?: boolean }).json) return;
  maybeHint(ctx);
}

/**
 * For people without cron: on an interactive command, one line on stderr saying how many reminders
 * are due when the last nudge is over a week old. Quiet when piped, when `hints` is false, on an
 * empty store, and on any error (a hint must never break the command it decorates). Pass the data
 * the command already read to keep it free.
 */
export function maybeHint(ctx: Ctx, data?: Data, state?: NudgeState): void {
  if (!ctx.io.stdoutIsTTY || !ctx.io.stdinIsTTY) return;
  try {
    const prefs = readPreferences(ctx.dataDir);
    if (!prefs.hints) return;
    const store = data ?? readStore(ctx.dataDir);
    const used = store.assessments.length + store.goals.length + store.members.length + store.learning.length + store.innovationWeeks.length;
    if (!used) return;
    const { lastRunAt } = state ?? readNudgeState(ctx.dataDir);
    const last = lastRunAt ? Date.parse(lastRunAt) : NaN;
    if (ctx.now.getTime() - last <= WEEK_MS) return;
    const due = dueNudges(store, ctx.now, prefs).length;
    if (due) ctx.io.err(ctx.io.color.dim(`${plural(due, 'reminder')} due: run mtl nudge`) + '\n');
  } catch {
    // The command itself reports damaged data; the hint stays out of the way.
  }
}
