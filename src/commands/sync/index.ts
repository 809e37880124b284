import type { Command } from 'commander';
import type { Ctx } from '../../context.js';
import { examples } from '../examples.js';
import { defaultVerb } from '../verbs.js';

export function register(program: Command, context: (cmd: Command) => Ctx): void {
  const sync = program
    .command('sync')
    .description('the same data on every machine: your data folder kept in a private git repository')
    .addHelpText(
      'after',
      examples(
        'mtl sync init git@github.com:you/mtl-data.git   # once on each machine (a private repository)',
        'mtl sync                                        # commit, fetch, merge entry by entry, push',
        'mtl sync status',
      ),
    );
  const run = () => import('./run.js');
  defaultVerb(sync, 'now')
    .description('commit your changes, fetch the other machines\', merge them entry by entry and push (what mtl sync alone does)')
    .option('--json', 'print what happened as JSON')
    .addHelpText('after', examples('mtl sync', 'mtl sync now --json'))
    .action(async (opts, cmd) => (await run()).sync(context(cmd), opts));
  sync
    .command('init')
    .argument('<remote>', 'a git repository address you own and keep private (ssh, https or a path)')
    .description('make the data folder a git repository (or use the one it is), and sync it with <remote>')
    .option('--json', 'print what the first sync did as JSON')
    .addHelpText(
      'after',
      `
What it sets up: a .gitignore for what belongs to this machine only (config.json, nudge.json, undo.jsonl,
mtl.lock), and mtl's own merge driver for its data files (.gitattributes and the repository's config),
so that even a git pull by hand never writes conflict markers into them. Then it syncs once: on a new
machine, it brings the data the other machines pushed and merges it with any data already here.
${examples('mtl sync init git@github.com:you/mtl-data.git', 'mtl sync init https://git.example.com/you/mtl-data.git', 'mtl sync init /mnt/usb/mtl-data.git      # a bare repository: git init --bare /mnt/usb/mtl-data.git')}`,
    )
    .action(async (remote: string, opts, cmd) => (await run()).init(context(cmd), remote, opts));
  sync
    .command('status')
    .description('what is changed here, not yet sent or not yet merged, as of the last sync (no network)')
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('mtl sync status', 'mtl sync status --json'))
    .action(async (opts, cmd) => (await run()).status(context(cmd), opts));
  sync
    .command('__merge-file', { hidden: true })
    .argument('<base>')
    .argument('<ours>')
    .argument('<theirs>')
    .argument('<name>')
    .description("git's merge driver for one data file (set up by mtl sync init)")
    .action(async (base: string, ours: string, theirs: string, name: string, _opts, cmd) => (await run()).mergeFile(context(cmd), base, ours, theirs, name));
}
