import type { Command } from 'commander';
import type { Ctx } from '../../context.js';
import { examples } from '../examples.js';
import { defaultVerb } from '../verbs.js';

export function register(program: Command, context: (cmd: Command) => Ctx): void {
  const cron = program
    .command('cron')
    .description("run mtl nudge from your crontab (one marked block; your other lines stay as they are)")
    .addHelpText('after', examples('mtl cron install', 'mtl cron install --schedule "30 8 * * 1-5"', 'mtl cron status', 'mtl cron uninstall'));
  const run = () => import('../schedule/cron.js');
  defaultVerb(cron, 'status')
    .description('whether the entry is installed, its schedule, and when the nudge last ran')
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('mtl cron status', 'mtl cron status --json'))
    .action(async (opts, cmd) => (await run()).status(context(cmd), opts));
  cron
    .command('install')
    .description('add (or update) the mtl block in your crontab; default every Monday at 09:00')
    .option('--schedule <cron expr>', 'when to run, five cron fields (default: the schedule already in your crontab, else "0 9 * * 1")')
    .addHelpText('after', examples('mtl cron install', 'mtl cron install --schedule "0 8 * * 1,4"', 'mtl --home ~/work-mtl cron install'))
    .action(async (opts, cmd) => (await run()).install(context(cmd), opts));
  cron
    .command('uninstall')
    .description('remove the mtl block from your crontab, and nothing else (a crontab left empty is removed)')
    .addHelpText('after', examples('mtl cron uninstall'))
    .action(async (_opts, cmd) => (await run()).uninstall(context(cmd)));
}
