import { Option, type Command } from 'commander';
import type { Ctx } from '../../context.js';
import { examples } from '../examples.js';

export function register(program: Command, context: (cmd: Command) => Ctx): void {
  const run = () => import('./run.js');
  // The parent also takes --json, and commander gives it an option typed after a sub-command's name,
  // so the sub-commands read options with optsWithGlobals().
  const feedback = program
    .command('feedback')
    .argument('<name>', 'the report (any case; a unique start of the name is enough)')
    .argument('[text]', 'what could go better, in quotes (or the three parts below; on a terminal, asked in turn)')
    .description('queue constructive feedback for the next 1:1 with a report')
    .option('--situation <text>', 'structured feedback: when and where it happened')
    .option('--behaviour <text>', 'structured feedback: what they did, as you saw it')
    .addOption(new Option('--behavior <text>').hideHelp())
    .option('--impact <text>', 'structured feedback: what it changed, for you, the team or the users')
    .option('--date <day>', 'the day you noted it, if not today: YYYY-MM-DD or yesterday')
    .option('--json', 'print the new entry as JSON')
    .addHelpText(
      'after',
      examples(
        'mtl feedback sam "the design doc skipped the rollback plan"',
        'mtl feedback sam --situation "Tuesday\'s design review" --behaviour "the doc had no rollback plan" --impact "we lost a day to questions"',
        'mtl feedback sam        # on a terminal: asks for situation, behaviour and impact',
        'mtl feedback sam "the demo ran over by 20 minutes" --date yesterday',
        'mtl feedback list',
        'mtl feedback list sam --all',
        'mtl 1on1 sam --done      # marks it delivered',
      ),
    )
    .action(async (name, text, opts, cmd) => (await run()).queue(context(cmd), name, text, opts));
  feedback
    .command('list [name]')
    .description('feedback still to give (with --all, also what was delivered)')
    .option('--all', 'include delivered feedback')
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('mtl feedback list', 'mtl feedback list sam --all --json'))
    .action(async (name, _opts, cmd) => (await run()).list(context(cmd), name, cmd.optsWithGlobals()));
}
