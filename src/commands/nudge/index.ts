import type { Command } from 'commander';
import type { Ctx } from '../../context.js';
import { examples } from '../examples.js';

export function register(program: Command, context: (cmd: Command) => Ctx): void {
  program
    .command('nudge')
    .description('the reminders due now, each with why and the command to run; prints nothing when nothing is due (for cron)')
    .option('--json', 'print the reminders as JSON (always, even when none are due)')
    .option('--all', 'also repeat reminders already printed today')
    .addHelpText(
      'after',
      examples('mtl nudge', 'mtl nudge --all', 'mtl nudge --json', 'MTL_NOW=2027-03-29 mtl nudge --all    # preview what a day will bring', 'mtl cron install                     # run it every Monday at 09:00'),
    )
    .action(async (opts, cmd) => (await import('./run.js')).nudge(context(cmd), opts));
}
