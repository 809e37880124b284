import type { Command } from 'commander';
import type { Ctx } from '../../context.js';
import { UsageError } from '../../errors.js';

/** `mtl` with no command; a stray word gets "unknown command", not commander's argument count. */
export function register(program: Command, context: (cmd: Command) => Ctx): void {
  program
    .option('--json', 'with no command: the dashboard as JSON')
    .argument('[command...]')
    .action(async (words: string[], opts: { json?: boolean }, cmd: Command) => {
      const word = words[0];
      if (word === 'help') {
        const topic = program.commands.find((c) => c.name() === words[1]);
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
  // Commander parses the root's options anywhere on the line, so in `mtl goals --json` the root takes
  // the --json the sub-command declares too. Hand it back to the command that runs; one that does not
  // take --json refuses it as before (`__complete` takes any word).
  program.hook('preAction', (root, action) => {
    if (action === root || !root.getOptionValue('json')) return;
    if (action.options.some((o) => o.long === '--json')) action.setOptionValue('json', true);
    else if (action.name() !== '__complete') {
      action.error("error: unknown option '--json'", { code: 'commander.unknownOption', exitCode: 2 });
    }
  });
}
