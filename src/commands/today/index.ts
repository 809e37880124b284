import type { Command } from 'commander';
import type { Ctx } from '../../context.js';
import { examples } from '../examples.js';

export function register(program: Command, context: (cmd: Command) => Ctx): void {
  program
    .command('today')
    .description("today's mindset question and the three most pressing things; --note logs an ownership moment or a problem solved")
    .option('--note <text>', 'log an ownership moment or a problem solved today')
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('mtl today', 'mtl today --note "Owned the missed deadline in standup before anyone asked"', 'mtl today --note "Sam found the flaky test himself after two questions"', 'mtl today --json'))
    .action(async (opts, cmd) => (await import('./run.js')).today(context(cmd), opts));
}
