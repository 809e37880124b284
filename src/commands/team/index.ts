import type { Command } from 'commander';
import type { Ctx } from '../../context.js';
import { examples } from '../examples.js';
import { defaultVerb } from '../verbs.js';

export function register(program: Command, context: (cmd: Command) => Ctx): void {
  const team = program
    .command('team')
    .description('your reports, with the personal notes a caring manager remembers')
    .addHelpText(
      'after',
      examples(
        'mtl team add "Sam Lee" --note "daughter starts school in September"',
        'mtl team note sam "training for a half marathon in May"',
        'mtl team list',
        'mtl team show sam',
        'mtl team set sam --cadence 14',
        'mtl team set "carla dias" --name "Carla Diaz"',
        'mtl team set carla --away 2027-05-17',
        'mtl team remove sam',
        'mtl team remove sam --purge --yes',
      ),
    );
  const run = () => import('./run.js');
  defaultVerb(team, 'list')
    .description('your reports: last 1:1, last praise, praise this quarter, queued feedback, open goals')
    .option('--json', 'print as JSON (personal notes only with --with-notes)')
    .option('--with-notes', 'include personal notes')
    .option('--all', 'include removed reports')
    .option('--quarter <quarter>', 'praise and open report goals of this quarter, as it ended: YYYY-Qn (like 2027-Q1), "last" or "this"')
    .addHelpText('after', examples('mtl team list', 'mtl team list --with-notes', 'mtl team list --quarter last', 'mtl team list --json'))
    .action(async (opts, cmd) => (await run()).list(context(cmd), opts));
  team
    .command('add <name>')
    .description('add a report (the name of a removed report: asks whether to bring them back)')
    .option('--note <text>', 'a first personal note')
    .option('--restore', 'a removed report of that name comes back, with their history')
    .option('--new', 'add a new report even if a removed one has that name')
    .addHelpText('after', examples('mtl team add "Sam Lee"', 'mtl team add Priya --note "two kids, loves climbing"', 'mtl team add sam --restore      # back after mtl team remove sam'))
    .action(async (name, opts, cmd) => (await run()).add(context(cmd), name, opts));
  team
    .command('note <name> <text>')
    .description('remember something personal about a report (family, health, hobbies, plans)')
    .addHelpText('after', examples('mtl team note sam "mother in hospital; ask how she is"'))
    .action(async (name, text, _opts, cmd) => (await run()).note(context(cmd), name, text));
  team
    .command('set <name>')
    .description("change a report's settings: the days between your 1:1s with them, their name, or leave")
    .option('--cadence <days>', 'days between 1:1s with them; "default" goes back to the oneOnOneCadence preference')
    .option('--name <name>', 'their name, spelt right (everything recorded stays theirs)')
    .option('--away <day>', 'on leave until that day (a date or "in 6 weeks"): no reminders about them before it; "none" when back')
    .addHelpText(
      'after',
      examples(
        'mtl team set sam --cadence 14',
        'mtl team set sam --cadence default',
        'mtl team set "carla dias" --name "Carla Diaz"',
        'mtl team set carla --away 2027-05-17     # parental leave: back on the 17th',
        'mtl team set carla --away none           # back early',
        'mtl config set oneOnOneCadence 7    # the default for everyone',
      ),
    )
    .action(async (name, opts, cmd) => (await run()).set(context(cmd), name, opts));
  team
    .command('show <name>')
    .description('one report: notes, recognition, goals and delegated items')
    .option('--json', 'print as JSON (includes personal notes)')
    .addHelpText('after', examples('mtl team show sam', 'mtl team show sam --json'))
    .action(async (name, opts, cmd) => (await run()).show(context(cmd), name, opts));
  team
    .command('remove <name>')
    .description('take a report off the team; their history is kept unless --purge')
    .option('--purge', 'delete the report and everything recorded about them')
    .option('--yes', 'confirm --purge without a prompt (needed without a terminal)')
    .addHelpText('after', examples('mtl team remove sam', 'mtl team remove sam --purge', 'mtl team remove sam --purge --yes'))
    .action(async (name, opts, cmd) => (await run()).remove(context(cmd), name, opts));
}
