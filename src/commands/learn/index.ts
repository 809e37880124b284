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
      examples('mtl learn', 'mtl learn log 1.5 "Extreme Ownership, chapters 1-3"', 'mtl learn apply "Asked questions instead of giving the answer in design review"', 'mtl learn read "extreme"', 'mtl config set learningHoursPerQuarter 20'),
    );
  const run = () => import('./run.js');
  defaultVerb(learn, 'show')
    .description("this quarter's hours against the target, the reading list, tips tried")
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('mtl learn', 'mtl learn show --json'))
    .action(async (opts, cmd) => (await run()).show(context(cmd), opts));
  learn
    .command('log <hours> <what>')
    .description('record time spent learning: a book, a course, talks, podcasts')
    .addHelpText('after', examples('mtl learn log 2 "Leadership podcast episodes"', 'mtl learn log 0.5 "HBR article on feedback"'))
    .action(async (hours, what, _opts, cmd) => (await run()).log(context(cmd), hours, what));
  learn
    .command('apply <tip>')
    .description('record a tip you tried at work: learning is complete when it is applied')
    .addHelpText('after', examples('mtl learn apply "Let the team present the demo to the VP"'))
    .action(async (tip, _opts, cmd) => (await run()).apply(context(cmd), tip));
  learn
    .command('read <book>')
    .description('mark a book of the reading list as read (the start of its title is enough)')
    .addHelpText('after', examples('mtl learn read "extreme ownership"', 'mtl learn read "think"'))
    .action(async (book, _opts, cmd) => (await run()).read(context(cmd), book));
}
