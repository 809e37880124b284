import type { Command } from 'commander';
import type { Ctx } from '../../context.js';
import { UsageError } from '../../errors.js';

/** `mtl` with no command; a stray word gets "unknown command", not commander's argument count. */
export function register(program: Command, context: (cmd: Command) => Ctx): void {
  program.argument('[command]').action(async (word: string | undefined, _opts, cmd: Command) => {
    if (word !== undefined) {
      const names = program.commands.map((c) => c.name());
      throw new UsageError(`unknown command '${word}'.`, `Commands: ${names.join(', ')}. See mtl --help.`);
    }
    await (await import('./run.js')).dashboard(context(cmd));
  });
}
