import type { Command } from 'commander';
import type { Ctx } from '../../context.js';
import { examples } from '../examples.js';

export function register(program: Command, context: (cmd: Command) => Ctx): void {
  program
    .command('prep')
    .description('before a 1:1 with your boss: goals and what moved, what is due or overdue, done this quarter, latest assessment')
    .option('--markdown', 'print markdown to paste into a shared doc')
    .option('--json', 'print as JSON')
    .option('--quarter <quarter>', 'also sum up a quarter: YYYY-Qn (like 2027-Q1), "last" or "this" (without it, a new quarter\'s first two weeks sum up the one just ended)')
    .addHelpText('after', examples('mtl prep', 'mtl prep --markdown | pbcopy', 'mtl prep --quarter last', 'mtl prep --json'))
    .action(async (opts, cmd) => (await import('./run.js')).prep(context(cmd), opts));
}
