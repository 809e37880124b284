import type { Command } from 'commander';
import type { Ctx } from '../../context.js';
import { examples } from '../examples.js';
import { defaultVerb } from '../verbs.js';

export function register(program: Command, context: (cmd: Command) => Ctx): void {
  const innovation = program
    .command('innovation')
    .description('the quarterly innovation week: everyone builds what they choose, then a demo')
    .addHelpText('after', examples('mtl innovation', 'mtl innovation plan 2027-02-15', 'mtl innovation plan "next monday"', 'mtl innovation --json'));
  const run = () => import('./run.js');
  defaultVerb(innovation, 'show')
    .description("this quarter's innovation week and its demo day")
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('mtl innovation', 'mtl innovation show --json'))
    .action(async (opts, cmd) => (await run()).show(context(cmd), opts));
  innovation
    .command('plan <start>')
    .description("plan the quarter's week: five working days from <start>, demo on the last (re-planning replaces it)")
    .addHelpText('after', examples('mtl innovation plan 2027-02-15', 'mtl innovation plan "next monday"', 'mtl innovation plan "in 3 weeks"'))
    .action(async (start, _opts, cmd) => (await run()).plan(context(cmd), start));
}
