import type { Command } from 'commander';
import type { Ctx } from '../../context.js';
import { examples } from '../examples.js';

export function register(program: Command, context: (cmd: Command) => Ctx): void {
  program
    .command('export')
    .description('a full backup (json), a readable summary (md), or deadlines for your calendar (ics)')
    .option('--format <format>', 'json, md or ics', 'json')
    .option('-o, --output <file>', 'write to this file (owner-only) instead of stdout')
    .option('--with-notes', 'md: include the personal notes about your reports')
    .option('--quarter <quarter>', 'md: the quarter to sum up: YYYY-Qn (like 2027-Q1), "last" or "this" (default: this)')
    .addHelpText(
      'after',
      examples(
        'mtl export --output ~/mtl-backup.json',
        'mtl export --format md > handover.md',
        'mtl export --format md --quarter last > q-review.md   # the quarter just ended',
        'mtl export --format ics --output ~/mtl.ics   # then import it in your calendar app',
      ),
    )
    .action(async (opts, cmd) => (await import('./run.js')).exportData(context(cmd), opts));
}
