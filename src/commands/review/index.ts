import { Option, type Command } from 'commander';
import type { Ctx } from '../../context.js';
import { examples } from '../examples.js';

export function register(program: Command, context: (cmd: Command) => Ctx): void {
  program
    .command('review <name>')
    .description('everything about one report over a period, for writing their review')
    .addOption(new Option('--quarter <quarter>', 'a calendar quarter: 2027-Q1, or last for the one before this').conflicts(['from', 'to']))
    .option('--from <date>', 'first day (YYYY-MM-DD)')
    .option('--to <date>', 'last day (YYYY-MM-DD; default today)')
    .option('--markdown', 'print as markdown, for a review document (personal notes only with --with-notes)')
    .addOption(new Option('--json', 'print as JSON (personal notes only with --with-notes)').conflicts('markdown'))
    .option('--with-notes', 'markdown and JSON: include your personal notes about them and your daily notes that name them')
    .addHelpText(
      'after',
      examples(
        'mtl review sam                     # this quarter so far',
        'mtl review sam --quarter last',
        'mtl review sam --quarter 2027-Q1 --markdown > sam-2027-Q1.md',
        'mtl review sam --quarter last --markdown --with-notes > sam-private.md',
        'mtl review sam --from 2027-01-01 --to 2027-06-30 --json',
      ),
    )
    .action(async (name, opts, cmd) => (await import('./run.js')).review(context(cmd), name, opts));
}
