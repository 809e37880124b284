import type { Command } from 'commander';
import type { Ctx } from '../../context.js';
import { examples } from '../examples.js';
import { defaultVerb } from '../verbs.js';

export function register(program: Command, context: (cmd: Command) => Ctx): void {
  const culture = program
    .command('culture')
    .description('team culture: what the team did together (the nudge asks after a month without)')
    .addHelpText('after', examples('mtl culture log "Team lunch at the noodle place"', 'mtl culture log "Board game evening" --date 2027-02-05', 'mtl culture', 'mtl culture --json'));
  const run = () => import('./run.js');
  defaultVerb(culture, 'list')
    .description('the team events logged, newest first')
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('mtl culture', 'mtl culture list --json'))
    .action(async (opts, cmd) => (await run()).list(context(cmd), opts));
  culture
    .command('log <what>')
    .description('log something the team did together: a lunch, a game, a retro with a twist')
    .option('--date <day>', 'when it happened: YYYY-MM-DD, today or yesterday (default today)')
    .addHelpText('after', examples('mtl culture log "Coffee walk with the whole team"', 'mtl culture log "Pub quiz" --date yesterday'))
    .action(async (what, opts, cmd) => (await run()).log(context(cmd), what, opts));
}
