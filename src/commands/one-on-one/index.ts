import type { Command } from 'commander';
import type { Ctx } from '../../context.js';
import { examples } from '../examples.js';
import { collect } from '../verbs.js';

export function register(program: Command, context: (cmd: Command) => Ctx): void {
  program
    .command('1on1 <name>')
    .description('agenda for a 1:1 with a report: last notes, action items, praise, feedback, goals, delegated items')
    .option('--json', 'print the agenda as JSON (includes personal notes)')
    .option('--markdown', 'print the agenda as markdown')
    .option('--done', 'record the 1:1 held today (a second --done the same day adds to it); on a terminal it asks what was said and agreed')
    .option('--note <text>', 'with --done: a note of what was said (repeatable)', collect)
    .option('--action <text>', 'with --done: an action item for you (repeatable)', collect)
    .option('--their-action <text>', 'with --done: an action item for the report (repeatable)', collect)
    .option('--due <when>', 'with --done: the due day of the action items given with it ("friday", "in 2 weeks", 2027-03-01)')
    .option('--gave <id>', 'with --done: feedback you gave, marked delivered (repeatable; without it none is)', collect)
    .option('--date <day>', 'with --done: the day the 1:1 was held, if not today: YYYY-MM-DD or yesterday')
    .addHelpText(
      'after',
      examples(
        'mtl 1on1 sam',
        'mtl 1on1 sam --markdown > sam-1on1.md',
        'mtl 1on1 sam --done                  # on a terminal: asks which feedback you gave, notes, action items',
        'mtl 1on1 sam --done --gave f3 --note "wants to lead the Q3 launch"',
        'mtl 1on1 sam --done --action "send the promotion criteria" --due friday',
        'mtl 1on1 sam --done --their-action "draft the on-call proposal" --due "in 2 weeks"',
        'mtl 1on1 sam --done --date 2027-03-04 --note "recorded late"   # held on another day',
        'mtl done t2                          # close an action item',
        'mtl 1on1 sam --json',
      ),
    )
    .action(async (name, opts, cmd) => (await import('./run.js')).oneOnOne(context(cmd), name, opts));
}
