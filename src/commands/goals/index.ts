import type { Command } from 'commander';
import type { Ctx } from '../../context.js';
import { examples } from '../examples.js';
import { collect, defaultVerb } from '../verbs.js';

export function register(program: Command, context: (cmd: Command) => Ctx): void {
  const goals = program
    .command('goals')
    .description('your goals as a manager: templates, deadlines, check-ins with your boss')
    .addHelpText(
      'after',
      examples(
        'mtl goals',
        'mtl goals new',
        'mtl goals new --template autonomy --title "Engineers own the Q3 roadmap" --due "end of quarter"',
        'mtl goals check-in g1 "Boss agreed: 3 roadmap items owned by engineers" --progress 20',
        'mtl goals done g1',
      ),
    );

  defaultVerb(goals, 'list')
    .description('open goals by due date: days left, last check-in, progress, and what mtl measured')
    .option('--all', 'include done goals')
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('mtl goals list', 'mtl goals --all', 'mtl goals --json'))
    .action(async (opts, cmd) => (await import('./list.js')).list(context(cmd), opts));

  goals
    .command('new')
    .description('start a goal from a template: writes <goals dir>/<id>-<title>.md (asks for what flags do not give)')
    .option('-t, --template <name>', 'template name (see mtl goals templates)')
    .option('--title <title>', "the goal's title (default: the template's)")
    .option('--due <deadline>', 'a date or "end of quarter", "end of next quarter", "end of year", "in 6 weeks", "next friday"')
    .option('--target <metric=number>', "this goal's own target for a metric the template measures, e.g. books-finished=2 (repeatable)", collect)
    .option('-y, --yes', "take the template's title and deadline for anything not given, without asking")
    .option('--json', 'print the new goal as JSON')
    .addHelpText(
      'after',
      examples(
        'mtl goals new',
        'mtl goals new --template culture --yes',
        'mtl goals new --template learning --title "Read two leadership books" --target books-finished=2 --due "end of next quarter"',
        'mtl goals new -t recognition --due 2027-06-30 --json',
      ),
    )
    .action(async (opts, cmd) => (await import('./new.js')).newGoal(context(cmd), opts));

  goals
    .command('templates')
    .description('built-in and your own templates (<data dir>/templates/*.md), with what each is for')
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('mtl goals templates', 'mtl goals templates --json'))
    .action(async (opts, cmd) => (await import('./templates.js')).templates(context(cmd), opts));

  goals
    .command('check-in <id> <note>')
    .description('record what you discussed with your boss, and the progress so far')
    .option('-p, --progress <percent>', 'progress now, a whole number 0-100 (your figure always wins), or "measured"')
    .option('--json', 'print the goal as JSON')
    .addHelpText(
      'after',
      [
        '',
        'Progress without --progress: mtl shows what it measured from its own data for the goal\'s template',
        '(learning hours, praise, delegated items... see mtl goals templates --json). On a terminal it asks,',
        'with the measured figure as the default. With no terminal it takes the measured figure, unless the',
        'latest figure was one you gave with --progress N: yours stays until you give --progress measured.',
        'A goal whose template measures nothing keeps its progress.',
        '',
      ].join('\n') +
        examples(
          'mtl goals check-in g2 "Agreed with my boss: two roadmap items handed over" --progress 40',
          'mtl goals check-in g3 "Halfway through the reading list" --progress measured',
          'mtl goals check-in g2 "Slipped a week: on-call"',
        ),
    )
    .action(async (id, note, opts, cmd) => (await import('./update.js')).checkIn(context(cmd), id, note, opts));

  goals
    .command('show <id>')
    .description('one goal: dates, progress, what mtl measured from its own data, every check-in')
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('mtl goals show g2', 'mtl goals show g2 --json'))
    .action(async (id, opts, cmd) => (await import('./show.js')).show(context(cmd), id, opts));

  goals
    .command('done <id>')
    .description('mark a goal done (its progress is kept as it is)')
    .option('--json', 'print the goal as JSON')
    .addHelpText('after', examples('mtl goals done g2'))
    .action(async (id, opts, cmd) => (await import('./update.js')).setStatus(context(cmd), id, 'done', opts));

  goals
    .command('reopen <id>')
    .description('open a done goal again')
    .option('--json', 'print the goal as JSON')
    .addHelpText('after', examples('mtl goals reopen g2'))
    .action(async (id, opts, cmd) => (await import('./update.js')).setStatus(context(cmd), id, 'open', opts));

  goals
    .command('open <id>')
    .description("open the goal's file in $VISUAL, else $EDITOR")
    .addHelpText('after', examples('mtl goals open g2', 'EDITOR="code -w" mtl goals open g2'))
    .action(async (id, _opts, cmd) => (await import('./open.js')).open(context(cmd), id));
}
