import type { Command } from 'commander';
import type { Ctx } from '../../context.js';
import { examples } from '../examples.js';

export function register(program: Command, context: (cmd: Command) => Ctx): void {
  program
    .command('member-goals')
    .usage('<name> [add|list|check-in|done|carry] [args...] [options]')
    .argument('[name]', 'the report; "list" (or nothing) lists every report\'s goals; "carry" moves open goals of earlier quarters into this one')
    .argument('[verb]', 'one of add, list, check-in, done, carry (default: list)')
    .argument('[args...]', 'the title for add; the goal id (and note for check-in) for the others')
    .description("each report's own two or three goals for the quarter")
    .option('--due <when>', 'add: deadline (default: end of quarter), e.g. "in 6 weeks", 2027-03-15')
    .option('--progress <percent>', 'check-in: progress so far, 0-100')
    .option('--all', 'list: every quarter, not just this one; carry: every open goal of earlier quarters')
    .option('--json', 'list: print as JSON')
    .addHelpText(
      'after',
      examples(
        'mtl member-goals sam add "Lead the payments API redesign"',
        'mtl member-goals sam add "Give a talk at the guild" --due "in 6 weeks"',
        'mtl member-goals sam list',
        'mtl member-goals sam check-in m1 "design approved; split into three milestones" --progress 30',
        'mtl member-goals sam done m1',
        'mtl member-goals carry sam m2     # an open goal of last quarter moves into this one',
        'mtl member-goals carry --all      # every report\'s open goals of earlier quarters',
        'mtl member-goals list --json',
      ) + '\nAim for two or three hard but achievable goals per report each quarter; mtl warns outside that.\n',
    )
    .action(async (name, verb, args, opts, cmd) => (await import('./run.js')).memberGoals(context(cmd), name, verb, args, opts));
}
