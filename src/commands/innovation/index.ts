import type { Command } from 'commander';
import type { Ctx } from '../../context.js';
import { examples } from '../examples.js';
import { defaultVerb } from '../verbs.js';

export function register(program: Command, context: (cmd: Command) => Ctx): void {
  const innovation = program
    .command('innovation')
    .description('the quarterly innovation week: everyone builds what they choose, then a demo')
    .addHelpText(
      'after',
      examples(
        'mtl innovation',
        'mtl innovation plan 2027-02-15',
        'mtl innovation log sam "a CLI for the billing API"',
        'mtl innovation demo --note "six demos, two to ship"',
        'mtl innovation list',
        'mtl innovation --json',
      ),
    );
  const run = () => import('./run.js');
  defaultVerb(innovation, 'show')
    .description("this quarter's innovation week and its demo day")
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('mtl innovation', 'mtl innovation show --json'))
    .action(async (opts, cmd) => (await run()).show(context(cmd), opts));
  innovation
    .command('plan <start>')
    .description("plan the quarter's week: five working days from <start>, demo on the last, all inside one quarter (re-planning replaces a week not yet started)")
    .addHelpText('after', examples('mtl innovation plan 2027-02-15', 'mtl innovation plan "next monday"', 'mtl innovation plan "in 3 weeks"'))
    .action(async (start, _opts, cmd) => (await run()).plan(context(cmd), start));
  innovation
    .command('list')
    .description('every innovation week, held or planned, with what people built and how the demo went')
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('mtl innovation list', 'mtl innovation list --json'))
    .action(async (_opts, cmd) => (await run()).list(context(cmd), cmd.optsWithGlobals()));
  innovation
    .command('log <name> <what...>')
    .description('record what a report built during the innovation week (the latest week started, or --quarter)')
    .option('--quarter <quarter>', 'the week of this quarter: YYYY-Qn (like 2027-Q1), "last" or "this"')
    .addHelpText('after', examples('mtl innovation log sam "a CLI for the billing API"', 'mtl innovation log alex "flaky-test finder" --quarter last'))
    .action(async (name, what, _opts, cmd) => (await run()).log(context(cmd), name, what, cmd.optsWithGlobals()));
  innovation
    .command('demo')
    .description('record that the demo was held, and how it went (the latest week started, or --quarter)')
    .option('--note <text>', 'how it went: what stood out, what will ship')
    .option('--quarter <quarter>', 'the week of this quarter: YYYY-Qn (like 2027-Q1), "last" or "this"')
    .addHelpText('after', examples('mtl innovation demo', 'mtl innovation demo --note "six demos; the test finder ships next sprint"'))
    .action(async (_opts, cmd) => (await run()).demo(context(cmd), cmd.optsWithGlobals()));
}
