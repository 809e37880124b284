import type { Command } from 'commander';
import type { Ctx } from '../../context.js';
import { examples } from '../examples.js';

export function register(program: Command, context: (cmd: Command) => Ctx): void {
  program
    .command('import <file>')
    .description('restore a json backup into an empty data folder, or add it to yours with --merge')
    .option('--merge', 'add the backup to a data folder that already has data (nothing is duplicated)')
    .addHelpText(
      'after',
      examples('mtl import ~/mtl-backup.json', 'mtl --home ~/mtl-restored import ~/mtl-backup.json', 'mtl import laptop-backup.json --merge'),
    )
    .action(async (file, opts, cmd) => (await import('./run.js')).importData(context(cmd), file, opts));
}
