import type { Command } from 'commander';
import type { Ctx } from '../../context.js';
import { examples } from '../examples.js';

export function register(program: Command, context: (cmd: Command) => Ctx): void {
  const run = () => import('./run.js');
  // The parent also takes --json, and commander gives it an option typed after a sub-command's name,
  // so the sub-commands read options with optsWithGlobals().
  // Kept in step with DELEGATION_STEPS in core/team.ts (a test checks it); importing it here would
  // load the core at every start-up.
  const steps = [
    '  1  requirements  requirements agreed with the product manager',
    '  2  tech-checkin  raised at the weekly technical check-in',
    '  3  docs          documentation written with the writers',
    '  4  dependencies  cross-team dependencies done and tested end to end',
  ].join('\n');
  const delegate = program
    .command('delegate')
    .argument('[item]', 'the roadmap item, in quotes')
    .description('the delegation ledger: roadmap items owned by a report, each with the owner\'s checklist')
    .option('--to <name>', 'the report who owns it from now on')
    .option('--json', 'print the new entry as JSON')
    .addHelpText(
      'after',
      examples(
        'mtl delegate "Billing export v2" --to sam',
        'mtl delegate list',
        'mtl delegate check d1 requirements',
        'mtl delegate done d1',
      ) + `\nThe owner's checklist (numbers or keys for mtl delegate check):\n${steps}\n`,
    )
    .action(async (item, opts, cmd) => (await run()).delegate(context(cmd), item, opts));
  delegate
    .command('list')
    .description('open delegated items with their checklist, and how many engineers owned this quarter')
    .option('--all', 'include finished items')
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('mtl delegate list', 'mtl delegate list --all --json'))
    .action(async (_opts, cmd) => (await run()).list(context(cmd), cmd.optsWithGlobals()));
  delegate
    .command('check <id> <step>')
    .description("tick one step of the owner's checklist, by number 1-4 or key (requirements, tech-checkin, docs, dependencies)")
    .addHelpText('after', examples('mtl delegate check d1 tech-checkin', 'mtl delegate check d1 2    # the same step, by its number', 'mtl delegate check d1 dependencies'))
    .action(async (id, step, _opts, cmd) => (await run()).check(context(cmd), id, step));
  delegate
    .command('done <id>')
    .description('the item shipped: close it')
    .addHelpText('after', examples('mtl delegate done d1'))
    .action(async (id, _opts, cmd) => (await run()).done(context(cmd), id));
}
