import { Option, type Command } from 'commander';
import type { Ctx } from '../../context.js';
import { examples } from '../examples.js';
import { defaultVerb } from '../verbs.js';

const withOption = (what: string) =>
  new Option('--with <scheduler>', `${what} (default: launchd on macOS, a systemd user timer where systemctl --user works, else cron)`).choices(['cron', 'systemd', 'launchd']);

export function register(program: Command, context: (cmd: Command) => Ctx): void {
  const schedule = program
    .command('schedule')
    .description('run mtl nudge on a schedule: a systemd user timer, a launchd agent or your crontab')
    .addHelpText(
      'after',
      examples(
        'mtl schedule install                                 # the platform\'s scheduler, every Monday at 09:00',
        'mtl schedule install --schedule "30 8 * * 1-5"       # weekdays at 08:30 (cron syntax, for every scheduler)',
        'mtl schedule install --with cron',
        'mtl schedule status',
        'mtl schedule uninstall',
      ),
    );
  const run = () => import('./run.js');
  defaultVerb(schedule, 'status')
    .description('where the nudge is scheduled, its schedule, the next run and when the nudge last ran')
    .addOption(withOption('the scheduler to look at'))
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('mtl schedule status', 'mtl schedule status --with systemd --json'))
    .action(async (opts, cmd) => (await run()).status(context(cmd), opts));
  schedule
    .command('install')
    .description('add (or update) the entry that runs mtl nudge; default every Monday at 09:00')
    .addOption(withOption('the scheduler to use'))
    .option('--schedule <cron expr>', 'when to run, five cron fields, for every scheduler (default: the installed schedule, else "0 9 * * 1")')
    .addHelpText(
      'after',
      examples(
        'mtl schedule install',
        'mtl schedule install --with systemd --schedule "0 8 * * 1,4"    # OnCalendar=Mon,Thu *-*-* 08:00:00',
        'mtl schedule install --with launchd',
        'mtl --home ~/work-mtl schedule install --with cron',
      ),
    )
    .action(async (opts, cmd) => (await run()).install(context(cmd), opts));
  schedule
    .command('uninstall')
    .description("remove mtl's entry (without --with: from every scheduler that has one), and nothing else")
    .addOption(withOption('the scheduler to remove it from'))
    .addHelpText('after', examples('mtl schedule uninstall', 'mtl schedule uninstall --with cron'))
    .action(async (opts, cmd) => (await run()).uninstall(context(cmd), opts));
}
