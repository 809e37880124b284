import type { Command } from 'commander';
import { bashReplacements, COMPLETION_SCRIPTS, completeWords, readShellLine, safeForOldScripts, type CommandShape } from '../../core/completion.js';
import type { Ctx } from '../../context.js';
import { UserError } from '../../errors.js';
import { readStore } from '../../store/store.js';
import { loadTemplates } from '../goals/template-files.js';
import { addDaysToDay, dayOf } from '../../core/dates.js';
import { completableIds } from '../../core/entries.js';
import type { Data } from '../../core/model.js';

export async function script(ctx: Ctx, shell: string): Promise<void> {
  const text = COMPLETION_SCRIPTS[shell.toLowerCase() as keyof typeof COMPLETION_SCRIPTS];
  if (!text) throw new UserError(`No completion for the shell "${shell}".`, 'Use one of: bash, zsh, fish.');
  ctx.io.out(text);
}

/**
 * Called by the completion scripts at each Tab: prints one candidate per line, never fails loudly.
 * `args` is the command line up to the cursor (fish may split it at line breaks), for bash with
 * `word`, the part readline replaces. With no --shell, `args` are the words of a script from an earlier mtl,
 * which would insert a candidate unquoted: only candidates it inserts safely are printed.
 */
export async function complete(ctx: Ctx, program: Command, args: string[], options: { shell?: string; word?: string }): Promise<void> {
  const quietly = <T>(read: () => T[]): T[] => {
    try {
      return read();
    } catch {
      return [];
    }
  };
  const shape = shapeOf(program);
  const candidates = (words: string[]) =>
    completeWords(shape, words.length ? words : [''], {
      reports: () => quietly(() => readStore(ctx.dataDir).members.filter((m) => !m.removed).map((m) => m.name)),
      goals: () => quietly(() => readStore(ctx.dataDir).goals.map((g) => g.id)),
      templates: () => quietly(() => loadTemplates(ctx.dataDir).templates.map((t) => t.name)),
      entries: (command) => quietly(() => entryIds(readStore(ctx.dataDir), command, dayOf(ctx.now))),
      delegations: () => quietly(() => readStore(ctx.dataDir).delegations.filter((d) => d.status === 'open').map((d) => d.id)),
      memberGoals: () => quietly(() => readStore(ctx.dataDir).memberGoals.filter((g) => g.status === 'open').map((g) => g.id)),
      processes: () => quietly(() => readStore(ctx.dataDir).processes.filter((s) => s.status === 'open').map((s) => s.id)),
    });
  const line = args.join('\n');
  let lines: string[];
  if (options.shell === 'bash') lines = bashReplacements(line, options.word ?? '', candidates);
  else if (options.shell === 'zsh' || options.shell === 'fish') lines = candidates(readShellLine(line, options.shell === 'fish' ? 'fish' : 'posix').words.slice(1));
  else lines = candidates(args.map((w) => readShellLine(w).words.join(' '))).filter(safeForOldScripts);
  if (lines.length) ctx.io.out(lines.join('\n') + '\n');
}

function shapeOf(cmd: Command): CommandShape {
  // The dashboard is the root's hidden default command (`mtl --json`): its options are the root's.
  const options = cmd.parent ? cmd.options : [...cmd.options, ...(cmd.commands.find((c) => c.name() === '__dashboard')?.options ?? [])];
  return {
    name: cmd.name(),
    aliases: cmd.aliases(),
    options: options.map((o) => ({ flags: [o.long, o.short].filter((f): f is string => Boolean(f)), takesValue: o.required || o.optional })),
    args: cmd.registeredArguments.map((a) => a.name()),
    variadic: cmd.registeredArguments.at(-1)?.variadic ?? false,
    subcommands: cmd.commands.filter((c) => !c.name().startsWith('__')).map(shapeOf),
  };
}

/** The ids `mtl <command> <Tab>` offers: praise of the last 90 days only (the log grows for years). */
function entryIds(data: Data, command: string, today: string): string[] {
  return completableIds(
    {
      goals: data.goals,
      memberGoals: data.memberGoals,
      praise: data.praise.between(addDaysToDay(today, -90), undefined),
      feedback: data.feedback,
      notes: data.members.flatMap((m) => m.notes),
      delegations: data.delegations,
      oneOnOnes: data.oneOnOnes,
      actions: data.actions,
      learning: data.learning,
      members: data.members,
      innovationWeeks: data.innovationWeeks,
      assessments: data.assessments,
      pulses: data.pulses,
      processes: data.processes,
      cultureEvents: data.cultureEvents,
      moments: data.moments,
    },
    command,
  );
}
