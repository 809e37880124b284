import type { Command } from 'commander';
import type { Ctx } from '../../context.js';
import { examples } from '../examples.js';

export function register(program: Command, context: (cmd: Command) => Ctx): void {
  program
    .command('search <words...>')
    .description('find notes, praise, feedback, goals, delegated items, 1:1 notes, action items, processes, innovation projects, culture events, daily notes and learning holding every word')
    .option('--person <name>', 'only entries about this report')
    .option('--json', 'print the hits as JSON')
    .addHelpText(
      'after',
      examples(
        'mtl search rollback plan          # entries with both words, newest first',
        'mtl search zoe                    # finds Zoë too: case and accents do not matter',
        'mtl search puppy --person sam',
        'mtl search "design review" --json',
      ),
    )
    .action(async (words, opts, cmd) => (await import('./run.js')).search(context(cmd), words, opts));
}
