import type { Command } from 'commander';
import { COMPLETION_SCRIPTS, completeWords, type CommandShape } from '../../core/completion.js';
import type { Ctx } from '../../context.js';
import { UserError } from '../../errors.js';
import { readStore } from '../../store/store.js';
import { loadTemplates } from '../goals/template-files.js';

export async function script(ctx: Ctx, shell: string): Promise<void> {
  const text = COMPLETION_SCRIPTS[shell.toLowerCase() as keyof typeof COMPLETION_SCRIPTS];
  if (!text) throw new UserError(`No completion for the shell "${shell}".`, 'Use one of: bash, zsh, fish.');
  ctx.io.out(text);
}

/** Called by the completion scripts at each Tab: prints one candidate per line, never fails loudly. */
export async function complete(ctx: Ctx, program: Command, words: string[]): Promise<void> {
  const quietly = <T>(read: () => T[]): T[] => {
    try {
      return read();
    } catch {
      return [];
    }
  };
  const candidates = completeWords(shapeOf(program), words.length ? words : [''], {
    reports: () => quietly(() => readStore(ctx.dataDir).members.filter((m) => !m.removed).map((m) => m.name)),
    goals: () => quietly(() => readStore(ctx.dataDir).goals.map((g) => g.id)),
    templates: () => quietly(() => loadTemplates(ctx.dataDir).templates.map((t) => t.name)),
  });
  if (candidates.length) ctx.io.out(candidates.join('\n') + '\n');
}

function shapeOf(cmd: Command): CommandShape {
  return {
    name: cmd.name(),
    aliases: cmd.aliases(),
    options: cmd.options.map((o) => ({ flags: [o.long, o.short].filter((f): f is string => Boolean(f)), takesValue: o.required || o.optional })),
    args: cmd.registeredArguments.map((a) => a.name()),
    subcommands: cmd.commands.filter((c) => c.name() !== '__complete').map(shapeOf),
  };
}
