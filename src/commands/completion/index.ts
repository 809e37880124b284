import type { Command } from 'commander';
import type { Ctx } from '../../context.js';
import { examples } from '../examples.js';

export function register(program: Command, context: (cmd: Command) => Ctx): void {
  program
    .command('completion <shell>')
    .description('print a completion script for bash, zsh or fish (commands, options, report names, templates)')
    .addHelpText(
      'after',
      examples(
        'mtl completion bash > ~/.local/share/bash-completion/completions/mtl',
        'mtl completion zsh > "${fpath[1]}/_mtl"',
        'mtl completion fish > ~/.config/fish/completions/mtl.fish',
        'source <(mtl completion bash)      # just this shell',
      ),
    )
    .action(async (shell, _opts, cmd) => (await import('./run.js')).script(context(cmd), shell));
  program
    .command('__complete', { hidden: true })
    .argument('[line...]')
    .option('--shell <shell>')
    .option('--word <text>')
    .allowUnknownOption()
    .helpOption(false)
    .action(async (args: string[], opts, cmd: Command) => (await import('./run.js')).complete(context(cmd), program, args, opts));
}
