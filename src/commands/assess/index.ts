import type { Command } from 'commander';
import type { Ctx } from '../../context.js';
import { examples } from '../examples.js';

export function register(program: Command, context: (cmd: Command) => Ctx): void {
  const assess = program
    .command('assess')
    .description('the self-assessment: are you managing through leadership yet?')
    .option('--answers <list>', 'answer without prompts: yes/no, then five of never|rarely|sometimes|mostly|always (or 1-5)')
    .option('--full', 'also rate the wider responsibilities (seven more answers)')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      examples(
        'mtl assess',
        'mtl assess --full',
        'mtl assess --answers no,sometimes,mostly,rarely,mostly,sometimes',
        'mtl assess --answers yes,2,3,4,3,2 --json',
        'mtl assess history',
      ),
    )
    .action(async (opts, cmd) => (await import('./run.js')).assess(context(cmd), opts));

  assess
    .command('history')
    .description('past results with dates and a trend per area')
    .option('--json', 'print the history as JSON')
    .addHelpText('after', examples('mtl assess history', 'mtl assess history --json'))
    .action(async (_opts, cmd) => (await import('./history.js')).history(context(cmd), cmd.optsWithGlobals()));
}
