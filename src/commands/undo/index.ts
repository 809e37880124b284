import type { Command } from 'commander';
import type { Ctx } from '../../context.js';
import { examples } from '../examples.js';

export function register(program: Command, context: (cmd: Command) => Ctx): void {
  program
    .command('undo')
    .description('revert the last change to your data (again for the one before, up to 50; not preferences set with mtl config)')
    .option('--list', 'show what undo would revert, newest first, without changing anything')
    .option('--json', 'with --list: print as JSON')
    .addHelpText('after', examples('mtl undo', 'mtl undo --list', 'mtl undo --list --json'))
    .action(async (opts, cmd) => (await import('./run.js')).undo(context(cmd), opts));
}
