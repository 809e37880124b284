import type { Command } from 'commander';
import type { Ctx } from '../../context.js';
import { UsageError } from '../../errors.js';

/**
 * `mtl` with no command: the dashboard, the program's hidden default command, so that its --json is
 * its own as every other command's is. A stray word gets "unknown command", not commander's argument
 * count. (`mtl --json goals` reaches goals' own --json: cli.ts moves it after the command word.)
 */
export function register(program: Command, context: (cmd: Command) => Ctx): void {
  // `mtl help <command>` is answered here, so commander adds no help command of its own to the list.
  program.helpCommand(false);
  program
    .command('__dashboard', { isDefault: true, hidden: true })
    .option('--json', 'the dashboard as JSON')
    .argument('[command...]')
    .action(async (words: string[], opts: { json?: boolean }, cmd: Command) => {
      const word = words[0];
      if (word === 'help') {
        const topic = program.commands.find((c) => c.name() === words[1] && !c.name().startsWith('__'));
        (topic ?? program).outputHelp();
        return;
      }
      if (word !== undefined) {
        const commands = program.commands.filter((c) => !c.name().startsWith('__'));
        const { didYouMean } = await import('../../core/text.js');
        const suggestion = didYouMean(word, commands.flatMap((c) => [c.name(), ...c.aliases()]));
        const names = commands.map((c) => c.name());
        throw new UsageError(`unknown command '${word}'.`, `${suggestion ? `${suggestion} ` : ''}Commands: ${names.join(', ')}. See mtl --help.`);
      }
      await (await import('./run.js')).dashboard(context(cmd), opts);
    });
}
