import type { Ctx } from '../../context.js';
import { dayOf, daysBetween } from '../../core/dates.js';
import { mindsetOfWeek, type MindsetPrompt } from '../../core/mindset.js';
import { dueNudges, notShownToday, recordRun, type Reminder } from '../../core/nudges.js';
import { openStore } from '../../store/store.js';
import { isLockBusy } from '../../store/lock.js';
import { readNudgeState, updateNudgeState } from './state.js';
import type { NudgeState } from '../../core/model.js';
import { readPreferences } from '../../store/preferences.js';
import { plural, printJson } from '../../ui/output.js';

/** How long a nudge waits to record its run while another mtl writes. */
const RECORD_WAIT_MS = 3_000;

export interface NudgeOptions {
  json?: boolean;
  all?: boolean;
  /** Show only: the run, the reminders shown and the mindset prompt are not recorded. */
  dryRun?: boolean;
}

/**
 * Never prompts and never reads stdin: cron runs it with no terminal. The run is recorded even when
 * nothing is due, so `mtl cron status` can tell that cron is alive. Reminders already printed today
 * are skipped without a word on stdout; at a terminal, one line on stderr says how many were.
 * `--json` is for scripts: it lists every reminder due and marks none as shown (it still records
 * the run). `--dry-run` records nothing at all, so a preview with MTL_NOW leaves no trace.
 */
export async function nudge(ctx: Ctx, opts: NudgeOptions): Promise<void> {
  const prefs = readPreferences(ctx.dataDir);
  const today = dayOf(ctx.now);
  // The data is only read (renames are atomic); what the run changes is the small nudge state.
  const due = dueNudges(await openStore(ctx.dataDir), ctx.now, prefs);
  const decide = (state: NudgeState) => {
    const previousRunAt = state.lastRunAt;
    const reminders = notShownToday(due, state, today, opts.all || opts.json);
    const mindset = reminders.length ? mindsetOfWeek(state, today, prefs.weekStart) : null;
    if (!opts.dryRun) recordRun(state, ctx.now, opts.json ? [] : reminders, opts.json ? null : mindset);
    return { reminders, mindset, previousRunAt, alreadyShown: due.length - reminders.length };
  };
  // What the run found matters more than recording it: with another mtl holding the data folder (one
  // stopped with Ctrl-Z, say), the reminders are printed unrecorded rather than lost behind a wait.
  const run = opts.dryRun ? decide(readNudgeState(ctx.dataDir)) : await updateNudgeState(ctx.dataDir, decide, RECORD_WAIT_MS).catch((err) => {
    if (!isLockBusy(err)) throw err;
    ctx.io.err(`${(err as Error).message.replace(/; nothing was changed\.$/, '')}: this run was not recorded.\n`);
    return decide(readNudgeState(ctx.dataDir));
  });
  if (opts.json) {
    printJson(ctx.io, {
      date: today,
      reminders: run.reminders,
      mindset: run.mindset && { id: run.mindset.id, theme: run.mindset.theme, title: run.mindset.title, text: run.mindset.text },
      previousRunAt: run.previousRunAt ?? null,
    });
  } else if (run.reminders.length) {
    ctx.io.out(render(ctx, today, run.reminders, run.mindset, run.previousRunAt));
  }
  // Cron must stay quiet, but a person at a terminal should not take silence for "nothing is due".
  if (ctx.io.stdoutIsTTY && run.alreadyShown > 0) {
    const were = run.alreadyShown === 1 ? 'was' : 'were';
    ctx.io.err(`${plural(run.alreadyShown, 'reminder')} ${were} already shown today; see them again with: mtl nudge --all${opts.dryRun ? ' --dry-run' : ''}\n`);
  }
  if (opts.dryRun) ctx.io.err(`Dry run for ${today}: nothing was recorded.\n`);
}

function render(ctx: Ctx, today: string, reminders: Reminder[], mindset: MindsetPrompt | null, previousRunAt: string | undefined): string {
  const c = ctx.io.color;
  const lines = [c.bold(`mtl nudge for ${today}: ${plural(reminders.length, 'reminder')}`)];
  if (previousRunAt) {
    const gap = daysBetween(dayOf(new Date(previousRunAt)), today);
    if (gap > 7) lines.push(c.dim(`(the last nudge ran ${gap} days ago; this one catches up)`));
  }
  for (const r of reminders) {
    lines.push('', `- ${r.text}`, c.dim(`  Why: ${r.why}`), `  Next: ${c.cyan(r.command)}`);
  }
  if (mindset) lines.push('', c.bold(`Mindset of the week: ${mindset.title}`), `  ${mindset.text}`);
  return lines.join('\n') + '\n';
}
