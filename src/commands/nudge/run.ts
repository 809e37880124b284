import type { Ctx } from '../../context.js';
import { dayOf, daysBetween } from '../../core/dates.js';
import { mindsetOfWeek, type MindsetPrompt } from '../../core/mindset.js';
import { dueNudges, notShownToday, recordRun, type Reminder } from '../../core/nudges.js';
import { foundAfterRun, foundSummary, notificationOf } from '../../core/nudge-found.js';
import { openStore } from '../../store/store.js';
import { isLockBusy } from '../../store/lock.js';
import { DamagedFileError, DataError } from '../../errors.js';
import { readNudgeState, updateNudgeState } from './state.js';
import type { NudgeFound, NudgeState } from '../../core/model.js';
import { readPreferences } from '../../store/preferences.js';
import { printJson, prose } from '../../ui/output.js';
import { escapeControls, plural } from '../../core/text.js';
import { groupLine, groupReminders } from './group.js';

/**
 * The longest line of piped output (cron's mail), in bytes as printed (control characters escaped):
 * mail servers cut lines over 998 bytes (RFC 5322), mid-name. 366 overdue goals made one line of
 * 5,700; past this length, "and 300 more".
 */
const MAIL_LINE = 998;

/** How long a nudge waits to record its run while another mtl writes. */
const RECORD_WAIT_MS = 3_000;

export interface NudgeOptions {
  json?: boolean;
  all?: boolean;
  /** Each reminder in full, with why and its command, rather than one line per kind. */
  details?: boolean;
  /** Show only: the run, the reminders shown and the mindset prompt are not recorded. */
  dryRun?: boolean;
  /** Also show a desktop notification, and keep what was printed for the next terminal run. */
  notify?: boolean;
}

/**
 * A run by a scheduler, whose output may go nowhere: `--notify` (the cron line passes it) or
 * MTL_SCHEDULED=1 in its environment (for entries that set variables). Never with --json.
 */
function isScheduledRun(ctx: Ctx, opts: NudgeOptions): boolean {
  return !opts.json && (opts.notify === true || ctx.env.MTL_SCHEDULED === '1');
}

/**
 * Never prompts and never reads stdin: cron runs it with no terminal. The run is recorded even when
 * nothing is due, so `mtl cron status` can tell that cron is alive. Reminders already printed today
 * are skipped without a word on stdout; at a terminal, one line on stderr says how many were.
 * `--json` is for scripts: it lists every reminder due and marks none as shown (it still records
 * the run). `--dry-run` records nothing at all, so a preview with MTL_NOW leaves no trace.
 *
 * A scheduled run (isScheduledRun) also shows a desktop notification when it printed something, and
 * keeps what it printed in nudge.json (`found`). The next run on a terminal shows that record first,
 * prints its reminders still due again in full (not as "already shown"), and clears it.
 */
export async function nudge(ctx: Ctx, opts: NudgeOptions): Promise<void> {
  const prefs = readPreferences(ctx.dataDir);
  const today = dayOf(ctx.now);
  // The data is only read (renames are atomic); what the run changes is the small nudge state.
  const due = dueNudges(await openStore(ctx.dataDir), ctx.now, prefs);
  const scheduled = isScheduledRun(ctx, opts);
  // Someone reads a terminal: what scheduled runs printed where no one looked is shown now.
  const seen = ctx.io.stdoutIsTTY && !opts.json;
  const decide = (state: NudgeState) => {
    const previousRunAt = state.lastRunAt;
    const found = seen ? state.found : undefined;
    const reminders = notShownToday(due, state, today, opts.all || opts.json, new Set(found?.reminders.map((r) => r.key)));
    const mindset = reminders.length ? mindsetOfWeek(state, today, prefs.weekStart) : null;
    if (!opts.dryRun) {
      recordRun(state, ctx.now, opts.json ? [] : reminders, opts.json ? null : mindset);
      const left = seen ? undefined : scheduled ? foundAfterRun(state.found, reminders, due, today) : state.found;
      if (left) state.found = left;
      else delete state.found;
    }
    return { reminders, mindset, previousRunAt, alreadyShown: due.length - reminders.length, found };
  };
  // What the run found matters more than recording it: with another mtl holding the data folder (one
  // stopped with Ctrl-Z, say), or a folder that cannot be written (a read-only or full disk), the
  // reminders are printed unrecorded rather than lost. A damaged nudge.json is still refused.
  const run = opts.dryRun ? decide(readNudgeState(ctx.dataDir)) : await updateNudgeState(ctx.dataDir, decide, RECORD_WAIT_MS).catch((err) => {
    if (isLockBusy(err)) ctx.io.err(`${err.held}: this run was not recorded.\n`);
    else if (err instanceof DataError && !(err instanceof DamagedFileError)) ctx.io.err(`warning: this run was not recorded: ${err.message}\n`);
    else throw err;
    return decide(readNudgeState(ctx.dataDir));
  });
  if (opts.json) {
    printJson(ctx.io, {
      date: today,
      reminders: run.reminders,
      groups: groupReminders(run.reminders).map((g) => ({ kind: g.kind, label: g.label, count: g.reminders.length, subjects: g.subjects, keys: g.reminders.map((r) => r.key) })),
      mindset: run.mindset && { id: run.mindset.id, theme: run.mindset.theme, title: run.mindset.title, text: run.mindset.text },
      previousRunAt: run.previousRunAt ?? null,
    });
  } else {
    if (run.found) ctx.io.out(prose(ctx.io, renderFound(ctx, run.found, today, due, run.reminders.length > 0)));
    if (run.reminders.length) ctx.io.out(prose(ctx.io, render(ctx, today, run.reminders, run.mindset, run.previousRunAt, opts.details === true)));
  }
  // Cron must stay quiet, but a person at a terminal should not take silence for "nothing is due".
  if (ctx.io.stdoutIsTTY && run.alreadyShown > 0) {
    const were = run.alreadyShown === 1 ? 'was' : 'were';
    ctx.io.err(`${plural(run.alreadyShown, 'reminder')} ${were} already shown today; see them again with: mtl nudge --all${opts.details ? ' --details' : ''}${opts.dryRun ? ' --dry-run' : ''}\n`);
  }
  if (opts.dryRun) ctx.io.err(`Dry run for ${today}: nothing was recorded.\n`);
  const message = scheduled ? notificationOf(run.reminders) : undefined;
  // The notifier (and child_process) loads only for a scheduled run with something to say.
  if (message) (await import('./notify.js')).notify(message, { env: ctx.env, platform: ctx.platform });
}

/**
 * What scheduled runs found: the heading, then those no longer due (the rest follow in full). The
 * same reminder printed again below is not repeated here.
 */
function renderFound(ctx: Ctx, found: NudgeFound, today: string, due: Reminder[], more: boolean): string {
  const c = ctx.io.color;
  const summary = foundSummary(found, today, due);
  const gone = summary.items.filter((i) => !i.stillDue);
  const lines = [c.bold(`${summary.heading}${gone.length ? ':' : '.'}`)];
  for (const item of gone) lines.push(c.dim(`  - ${item.text} (no longer due)`));
  if (more) lines.push('');
  return lines.join('\n') + '\n';
}

/**
 * The reminders: by default one line per kind, naming who or what ("Not recognised lately (4): Sam,
 * Alex, Kim, Lee"; on a terminal, as many names as fit, then "and 2 more"), and the first command to
 * run; with `details`, each in full with why and its command.
 */
function render(ctx: Ctx, today: string, reminders: Reminder[], mindset: MindsetPrompt | null, previousRunAt: string | undefined, details: boolean): string {
  const c = ctx.io.color;
  const lines = [c.bold(`mtl nudge for ${today}: ${plural(reminders.length, 'reminder')}`)];
  if (previousRunAt) {
    const gap = daysBetween(dayOf(new Date(previousRunAt)), today);
    if (gap > 7) lines.push(c.dim(`(the last nudge ran ${gap} days ago; this one catches up)`));
  }
  if (details) {
    for (const r of reminders) lines.push('', `- ${r.text}`, c.dim(`  Why: ${r.why}`), `  Next: ${c.cyan(r.command)}`);
  } else {
    const byBytes = (text: string) => Buffer.byteLength(escapeControls(text));
    for (const group of groupReminders(reminders)) lines.push(`- ${ctx.io.stdoutIsTTY ? groupLine(group, ctx.io.columns - 2) : groupLine(group, MAIL_LINE - 2, byBytes)}`);
    lines.push(`Next: ${c.cyan(reminders[0]!.command)}`, c.dim('Why, and the command for each: mtl nudge --all --details'));
  }
  if (mindset) lines.push('', c.bold(`Mindset of the week: ${mindset.title}`), `  ${mindset.text}`);
  return lines.join('\n') + '\n';
}
