import type { Command } from 'commander';
import type { Ctx } from '../../context.js';
import { examples } from '../examples.js';

export function register(program: Command, context: (cmd: Command) => Ctx): void {
  program
    .command('nudge')
    .description('the reminders due now, each with why and the command to run; prints nothing when nothing is due (for cron)')
    .option('--json', 'print every reminder due as JSON (even those shown today, and when none are due); marks none as shown')
    .option('--all', 'also repeat reminders already printed today')
    .option('--details', 'each reminder in full, with why it matters and the command to run (by default: one line per kind)')
    .option('--dry-run', 'only show: record neither the run nor the reminders shown (for previews with MTL_NOW)')
    .option('--notify', 'for schedulers (cron passes it; MTL_SCHEDULED=1 does the same): also show a desktop notification when something is due, and keep what was printed for the next mtl on a terminal')
    .addHelpText(
      'after',
      examples(
        'mtl nudge',
        'mtl nudge --all',
        'mtl nudge --details                      # each reminder with why and its command',
        'mtl nudge --json',
        'MTL_NOW=2027-03-29 mtl nudge --dry-run    # preview what a day will bring, changing nothing',
        'mtl nudge --notify --dry-run              # try the desktop notification',
        'mtl cron install                          # run it every Monday at 09:00',
      ),
    )
    .action(async (opts, cmd) => (await import('./run.js')).nudge(context(cmd), opts));
}
