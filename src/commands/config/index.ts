import type { Command } from 'commander';
import type { Ctx } from '../../context.js';
import { PREFERENCE_KEYS, PREFERENCE_SPECS } from '../../core/preferences.js';
import { examples } from '../examples.js';
import { defaultVerb } from '../verbs.js';

/** The keys `mtl config set` takes, with what each allows, its default and its meaning. */
function keysHelp(): string {
  const width = Math.max(...PREFERENCE_KEYS.map((k) => k.length));
  const lines = PREFERENCE_KEYS.map((key) => {
    const spec = PREFERENCE_SPECS[key];
    const fallback = spec.default === '' ? '' : `; default ${String(spec.default)}`;
    return `  ${key.padEnd(width)}  ${spec.allowed}${fallback}\n  ${''.padEnd(width)}  ${spec.description}`;
  });
  return `\nKeys and allowed values:\n${lines.join('\n')}\n`;
}

export function register(program: Command, context: (cmd: Command) => Ctx): void {
  const config = program
    .command('config')
    .description('preferences: goals folder, nudge look-ahead, recognition interval, 1:1 cadence, learning target, week start')
    .addHelpText('after', examples('mtl config list', 'mtl config get lookAheadDays', 'mtl config set recognitionDays 14', 'mtl config set hints false'));
  const run = () => import('./run.js');
  defaultVerb(config, 'list')
    .description('every preference with its value and whether it is the default')
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('mtl config list', 'mtl config list --json'))
    .action(async (opts, cmd) => (await run()).list(context(cmd), opts));
  config
    .command('get <key>')
    .description('print one preference')
    .option('--json', 'print the value as JSON (a number, a string in quotes, true or false)')
    .addHelpText('after', examples('mtl config get recognitionDays', 'mtl config get lookAheadDays --json', 'mtl config get goalsDir', 'mtl config list    # every key, with what it means'))
    .action(async (key, opts, cmd) => (await run()).get(context(cmd), key, opts));
  config
    .command('set <key> <value>')
    .description('change one preference')
    .addHelpText(
      'after',
      examples(
        'mtl config set recognitionDays 14',
        'mtl config set oneOnOneCadence 14    # a 1:1 every two weeks, unless set for a report',
        'mtl config set learningHoursPerQuarter 20',
        'mtl config set weekStart sunday',
        'mtl config set goalsDir ~/notes/goals',
        'mtl config set goalsDir ""    # back to the default',
      ),
    )
    .addHelpText('after', keysHelp)
    .action(async (key, value, _opts, cmd) => (await run()).set(context(cmd), key, value));
}
