import type { Command } from 'commander';
import type { Ctx } from '../../context.js';
import { examples } from '../examples.js';
import { defaultVerb } from '../verbs.js';

export function register(program: Command, context: (cmd: Command) => Ctx): void {
  const learn = program
    .command('learn')
    .description('leadership learning: hours this quarter against a target, the reading list, tips tried in practice')
    .addHelpText(
      'after',
      examples(
        'mtl learn',
        'mtl learn log 1h30 "Extreme Ownership, chapters 1-3"',
        'mtl learn book add "Radical Candor"',
        'mtl learn apply "Asked questions instead of giving the answer" --from "Extreme Ownership" --outcome "Sam designed it himself"',
        'mtl learn read "extreme"',
        'mtl config set learningHoursPerQuarter 20',
      ),
    );
  const run = () => import('./run.js');
  defaultVerb(learn, 'show')
    .description("this quarter's hours against the target, the reading list, tips tried")
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('mtl learn', 'mtl learn show --json'))
    .action(async (opts, cmd) => (await run()).show(context(cmd), opts));
  learn
    .command('log <time> <what>')
    .description('record time spent learning: a book, a course, talks, podcasts (time: 2, 1.5, 2h, 45m, 90m, 1h30)')
    .addHelpText('after', examples('mtl learn log 2h "Leadership podcast episodes"', 'mtl learn log 45m "HBR article on feedback"', 'mtl learn log 1h30 "Extreme Ownership, chapters 1-3"'))
    .action(async (hours, what, _opts, cmd) => (await run()).log(context(cmd), hours, what));
  learn
    .command('apply <tip>')
    .description('record a tip you tried at work: learning is complete when it is applied')
    .option('--from <source>', 'where the tip came from: a book, a talk, a person')
    .option('--outcome <text>', 'what happened when you tried it')
    .addHelpText(
      'after',
      examples(
        'mtl learn apply "Let the team present the demo to the VP"',
        'mtl learn apply "Answer a question with a question" --from "Extreme Ownership" --outcome "Ana found the fix herself"',
      ),
    )
    .action(async (tip, opts, cmd) => (await run()).apply(context(cmd), tip, opts));
  const book = learn.command('book').description('books you are reading: add one, mark it finished');
  book
    .command('add <title>')
    .description('add a book you are reading (any book, not only the reading list)')
    .addHelpText('after', examples('mtl learn book add "Radical Candor"', 'mtl learn book add "The Manager\'s Path"'))
    .action(async (title, _opts, cmd) => (await run()).bookAdd(context(cmd), title));
  book
    .command('done <title-or-id>')
    .description('mark a book finished (counted by the learning goal); a book never added is added as finished')
    .addHelpText('after', examples('mtl learn book done l4', 'mtl learn book done "radical"'))
    .action(async (title, _opts, cmd) => (await run()).bookDone(context(cmd), title));
  learn
    .command('read <book>')
    .description('mark a book of the reading list as read (the start of its title is enough)')
    .addHelpText('after', examples('mtl learn read "extreme ownership"', 'mtl learn read "think"'))
    .action(async (book, _opts, cmd) => (await run()).read(context(cmd), book));
}
