import type { Command } from 'commander';
import type { Ctx } from '../../context.js';
import { examples } from '../examples.js';
import { defaultVerb } from '../verbs.js';

export function register(program: Command, context: (cmd: Command) => Ctx): void {
  const process = program
    .command('process')
    .description('the process ledger: practices turned into processes a report owns')
    .addHelpText('after', examples('mtl process add "release checklist" --owner sam', 'mtl process', 'mtl process done s1', 'mtl process --json'));
  const run = () => import('./run.js');
  defaultVerb(process, 'list')
    .description('the processes and who owns them (open first)')
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('mtl process', 'mtl process list --json'))
    .action(async (opts, cmd) => (await run()).list(context(cmd), opts));
  process
    .command('add <practice>')
    .description('hand a practice to a report, to write down and run as a process')
    .requiredOption('--owner <report>', 'the report who owns it')
    .addHelpText('after', examples('mtl process add "on-call handover" --owner "Sam Lee"', 'mtl process add "weekly dependency updates" --owner ana'))
    .action(async (practice, opts, cmd) => (await run()).add(context(cmd), practice, opts));
  process
    .command('done <id>')
    .description('mark a process as running without you')
    .addHelpText('after', examples('mtl process done s1'))
    .action(async (id, _opts, cmd) => (await run()).done(context(cmd), id));
}
