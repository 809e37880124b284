import type { Command } from 'commander';
import type { Ctx } from '../../context.js';
import { examples } from '../examples.js';

export function register(program: Command, context: (cmd: Command) => Ctx): void {
  program
    .command('1on1 <name>')
    .description('agenda for a 1:1 with a report: notes, praise, feedback, goals, delegated items')
    .option('--json', 'print the agenda as JSON (includes personal notes)')
    .option('--markdown', 'print the agenda as markdown')
    .option('--done', 'record the 1:1 as held today and mark the queued feedback delivered')
    .addHelpText('after', examples('mtl 1on1 sam', 'mtl 1on1 sam --markdown > sam-1on1.md', 'mtl 1on1 sam --done', 'mtl 1on1 sam --json'))
    .action(async (name, opts, cmd) => (await import('./run.js')).oneOnOne(context(cmd), name, opts));
}
