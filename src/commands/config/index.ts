import type { Command } from 'commander';
import type { Ctx } from '../../context.js';
import { examples } from '../examples.js';

export function register(program: Command, context: (cmd: Command) => Ctx): void {
  const config = program
    .command('config')
    .description('preferences: goals folder, nudge look-ahead, recognition interval, learning target, week start')
    .addHelpText('after', examples('mtl config list', 'mtl config get lookAheadDays', 'mtl config set recognitionDays 14', 'mtl config set hints false'));
  const run = () => import('./run.js');
  config
    .command('list', { isDefault: true })
    .description('every preference with its value and whether it is the default')
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('mtl config list', 'mtl config list --json'))
    .action(async (opts, cmd) => (await run()).list(context(cmd), opts));
  config
    .command('get <key>')
    .description('print one preference')
    .addHelpText('after', examples('mtl config get recognitionDays', 'mtl config get goalsDir', 'mtl config list    # every key, with what it means'))
    .action(async (key, _opts, cmd) => (await run()).get(context(cmd), key));
  config
    .command('set <key> <value>')
    .description('change one preference')
    .addHelpText(
      'after',
      examples(
        'mtl config set recognitionDays 14',
        'mtl config set learningHoursPerQuarter 20',
        'mtl config set weekStart sunday',
        'mtl config set goalsDir ~/notes/goals',
        'mtl config set goalsDir ""    # back to the default',
      ),
    )
    .action(async (key, value, _opts, cmd) => (await run()).set(context(cmd), key, value));
}
