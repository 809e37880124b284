import type { Command } from 'commander';
import type { Ctx } from '../../context.js';
import { examples } from '../examples.js';
import { defaultVerb } from '../verbs.js';

export function register(program: Command, context: (cmd: Command) => Ctx): void {
  const pulse = program
    .command('pulse')
    .description("the team's own answers: an anonymous five-question form, then its tallies")
    .addHelpText('after', examples('mtl pulse > pulse.md', 'mtl pulse --plain', 'mtl pulse record --q1 1,0,2,3,1 --q2 0,1,3,2,1 --q3 2,2,1,1,1 --q4 0,0,3,3,1 --q5 1,1,2,2,1', 'mtl assess history'));
  const run = () => import('./run.js');
  defaultVerb(pulse, 'form')
    .description('print the form: markdown, or plain text for a chat poll')
    .option('--plain', 'plain text, to paste into a chat poll')
    .option('--json', 'the questions as JSON')
    .addHelpText('after', examples('mtl pulse', 'mtl pulse --plain | pbcopy', 'mtl pulse form --json'))
    .action(async (opts, cmd) => (await run()).form(context(cmd), opts));
  const record = pulse
    .command('record')
    .description('save the tallies: per question, how many answered never,rarely,sometimes,mostly,always')
    .option('--json', 'print the saved pulse as JSON');
  for (let i = 1; i <= 5; i++) record.option(`--q${i} <counts>`, `question ${i}: five counts, never to always (e.g. 1,0,2,3,1)`);
  record
    .addHelpText('after', examples('mtl pulse record              # asks on a terminal', 'mtl pulse record --q1 1,0,2,3,1 --q2 0,1,3,2,1 --q3 2,2,1,1,1 --q4 0,0,3,3,1 --q5 1,1,2,2,1'))
    .action(async (opts, cmd) => (await run()).record(context(cmd), opts));
}
