import { Option, type Command } from 'commander';
import type { Ctx } from '../../context.js';
import { examples } from '../examples.js';

export function register(program: Command, context: (cmd: Command) => Ctx): void {
  const run = () => import('./run.js');
  // The parent also takes --json, and commander gives it an option typed after a sub-command's name,
  // so the sub-commands read options with optsWithGlobals().
  const praise = program
    .command('praise')
    .argument('<name>', 'the report (any case; a unique start of the name is enough)')
    .argument('<text>', 'what they did well, in quotes')
    .description('log recognition for a report (private unless --public)')
    .option('--public', 'you praised them in front of others')
    .option('--date <day>', 'the day you praised them, if not today: YYYY-MM-DD or yesterday')
    .option('--json', 'print the new entry as JSON')
    .addHelpText(
      'after',
      examples(
        'mtl praise sam "calm, clear incident review on Tuesday"',
        'mtl praise priya "demoed the new onboarding flow to the whole org" --public',
        'mtl praise sam "unblocked the release, so it went out Friday" --date 2027-03-04',
        'mtl praise list',
        'mtl praise list sam --since 2027-01-01',
        'mtl praise balance',
        'mtl praise grid',
      ),
    )
    .action(async (name, text, opts, cmd) => (await run()).praise(context(cmd), name, text, opts));
  praise
    .command('list [name]')
    .description('the recognition log, newest first: the last 90 days unless --since or --all')
    .option('--since <date>', 'entries on or after this day (YYYY-MM-DD)')
    .addOption(new Option('--all', 'the whole log').conflicts('since'))
    .option('--quarter <quarter>', 'the praise of one quarter: YYYY-Qn (like 2027-Q1), "last" or "this"')
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('mtl praise list', 'mtl praise list sam --all', 'mtl praise list --quarter last', 'mtl praise list --since 2027-01-01 --json'))
    .action(async (name, _opts, cmd) => (await run()).list(context(cmd), name, cmd.optsWithGlobals()));
  praise
    .command('balance')
    .description('recognition per report: last week, this quarter, private vs public, praise vs feedback')
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('mtl praise balance', 'mtl praise balance --json'))
    .action(async (_opts, cmd) => (await run()).balance(context(cmd), cmd.optsWithGlobals()));
  praise
    .command('grid')
    .description('praise per report and week, the last 12 weeks: a count per week, "·" for a week without, so gaps show')
    .option('--weeks <n>', 'how many weeks, 1-104 (default 12)')
    .option('--json', 'print as JSON: the weeks, and per report the counts, oldest week first')
    .addHelpText('after', examples('mtl praise grid', 'mtl praise grid --weeks 26', 'mtl praise grid --json'))
    .action(async (_opts, cmd) => (await run()).grid(context(cmd), cmd.optsWithGlobals()));
}
