import { Option, type Command } from 'commander';
import type { Ctx } from '../../context.js';
import { examples } from '../examples.js';
import { collect } from '../verbs.js';

const ID_HELP = 'an id as lists show it: g3 goal, m3 report goal, p3 praise, f3 feedback, n3 note, d3 delegated item, o3 1:1, t3 action item, l3 learning, s3 process, c3 culture event, w3 daily note, u3 team pulse, a3 assessment, i3 innovation week, r3 report (show only)';

type Context = (cmd: Command) => Ctx;

/**
 * The verbs that work on any id: show, edit, done, rm. Each is its own top-level command, so each is
 * its own entry of cli.ts's NOUNS (a command line declares only the word it names).
 */
export const show = {
  register(program: Command, context: Context): void {
    program
      .command('show')
      .argument('<entry>', ID_HELP)
      .description('show one entry by its id, whatever its kind')
      .option('--json', 'print as JSON')
      .addHelpText('after', examples('mtl show g3', 'mtl show p12 --json', 'mtl show n4'))
      .action(async (id, opts, cmd) => (await import('./show.js')).show(context(cmd), id, opts));
  },
};

export const edit = {
  register(program: Command, context: Context): void {
    program
      .command('edit')
      .argument('<entry>', ID_HELP)
      .description('change an entry by its id (with no flag, on a terminal: opens it in $VISUAL/$EDITOR)')
      .option('--text <text>', 'the new text (praise, feedback, notes, 1:1 notes, action items, learning, processes, culture events, daily notes)')
      .option('--situation <text>', 'structured feedback: a new situation (likewise --behaviour, --impact)')
      .option('--behaviour <text>', 'structured feedback: a new behaviour')
      .addOption(new Option('--behavior <text>').hideHelp())
      .option('--impact <text>', 'structured feedback: a new impact')
      .option('--title <title>', 'the new title (goals, report goals, delegated items)')
      .option('--due <deadline>', 'a new due date: a date or "end of quarter", "in 2 weeks"... (goals, report goals, action items)')
      .option('--to <name>', 'move it to another report (praise, feedback, notes, report goals, delegated items, action items; a process: its owner)')
      .option('--date <day>', 'the day it happened (YYYY-MM-DD, today, yesterday): praise, 1:1s, culture events')
      .option('--target <metric=number>', "goals: this goal's own target for a metric its template measures, or <metric>=default (repeatable)", collect)
      .option('--public', 'praise: make it public')
      .option('--private', 'praise: make it private')
      .addHelpText(
        'after',
        examples(
          'mtl edit g3 --due 2027-03-15',
          'mtl edit g3 --title "Engineers own the Q3 roadmap"',
          'mtl edit g4 --target books-finished=2   # a learning goal: two books, not one',
          'mtl edit n4 --to priya          # a note saved under the wrong report',
          'mtl edit p12 --text "ran a calm incident review" --public',
          'mtl edit f3 --impact "the release slipped a day"   # one part of structured feedback',
          'mtl edit s2 --to ana            # a process handed to another owner',
          'mtl edit c3 --date 2027-02-05',
          'mtl edit o18 --date 2027-03-04   # a 1:1 recorded on the wrong day',
          'mtl edit m2                     # on a terminal: opens it in $EDITOR',
        ),
      )
      .action(async (id, opts, cmd) => (await import('./edit.js')).edit(context(cmd), id, opts));
  },
};

export const done = {
  register(program: Command, context: Context): void {
    program
      .command('done')
      .argument('<entry>', 'a goal g3, report goal m3, delegated item d3, action item t3 or process s3')
      .description('mark a goal, report goal, delegated item or action item done, or a process as running without you')
      .addHelpText('after', examples('mtl done t4', 'mtl done g3', 'mtl done m2', 'mtl done d1', 'mtl done s1'))
      .action(async (id, _opts, cmd) => (await import('./done.js')).done(context(cmd), id));
  },
};

export const rm = {
  register(program: Command, context: Context): void {
    program
      .command('rm')
      .argument('<entry>', ID_HELP)
      .description("remove an entry by its id (asks first; a goal's file moves to <goals folder>/archive/)")
      .option('--yes', 'do not ask (needed without a terminal)')
      .addHelpText('after', examples('mtl rm n4', 'mtl rm m5 --yes', 'mtl rm g3               # its file moves to the archive folder'))
      .action(async (id, opts, cmd) => (await import('./rm.js')).rm(context(cmd), id, opts));
  },
};
