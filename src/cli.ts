import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { resolveNow } from './clock.js';
import type { Ctx, Deps, Io } from './context.js';
import { didYouMean, escapeControls } from './core/text.js';
import { wrapMessages } from './core/width.js';
import { CancelError, exitCodeFor, SilentError, UsageError, UserError } from './errors.js';
import { defaultDataDir } from './store/paths.js';
import { VERSION } from './version.js';
import { defaultVerbOf } from './commands/verbs.js';
import * as assess from './commands/assess/index.js';
import * as config from './commands/config/index.js';
import * as dashboard from './commands/dashboard/index.js';
import * as nudge from './commands/nudge/index.js';
import * as cron from './commands/cron/index.js';
import * as schedule from './commands/schedule/index.js';
import * as learn from './commands/learn/index.js';
import * as innovation from './commands/innovation/index.js';
import * as goals from './commands/goals/index.js';
import * as prep from './commands/prep/index.js';
import * as team from './commands/team/index.js';
import * as praise from './commands/praise/index.js';
import * as feedback from './commands/feedback/index.js';
import * as memberGoals from './commands/member-goals/index.js';
import * as delegate from './commands/delegate/index.js';
import * as oneOnOne from './commands/one-on-one/index.js';
import * as review from './commands/review/index.js';
import * as search from './commands/search/index.js';
import * as exportNoun from './commands/export/index.js';
import * as importNoun from './commands/import/index.js';
import * as completion from './commands/completion/index.js';
import * as undo from './commands/undo/index.js';
import * as sync from './commands/sync/index.js';
import * as entry from './commands/entry/index.js';
import * as pulse from './commands/pulse/index.js';
import * as processNoun from './commands/process/index.js';
import * as culture from './commands/culture/index.js';
import * as today from './commands/today/index.js';

/** Each noun registers its verbs; the code that runs them is imported only when one is invoked. */
export interface Noun {
  register(program: Command, context: (cmd: Command) => Ctx): void;
}

/** By command name; each noun registers its verbs under that name. */
const NOUNS: Record<string, Noun> = {
  assess,
  goals,
  prep,
  team,
  praise,
  feedback,
  'member-goals': memberGoals,
  delegate,
  '1on1': oneOnOne,
  review,
  search,
  learn,
  innovation,
  pulse,
  process: processNoun,
  culture,
  today,
  nudge,
  schedule,
  cron,
  config,
  export: exportNoun,
  import: importNoun,
  completion,
  sync,
  undo,
  show: entry.show,
  edit: entry.edit,
  done: entry.done,
  rm: entry.rm,
};

/** Where the command word of a command line is: its first word that is not an option or --home's value. */
function commandIndex(argv: string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '-h' || word === '--help') return -1;
    if (word === '--home') i += 1;
    else if (word === '--') return i + 1 < argv.length ? i + 1 : -1;
    else if (!word.startsWith('-')) return i;
  }
  return -1;
}

const commandWord = (argv: string[]): string | undefined => argv[commandIndex(argv)];

/**
 * `--json` belongs to the command that prints: written before the command word (`mtl --json goals`)
 * it moves after the command's words (`mtl goals --json`), and that command takes it or refuses it.
 */
function jsonAfterCommand(argv: string[]): string[] {
  const at = commandIndex(argv);
  if (at < 0 || !argv.slice(0, at).includes('--json')) return argv;
  const rest = argv.slice(at);
  const end = rest.indexOf('--');
  const moved = end < 0 ? [...rest, '--json'] : [...rest.slice(0, end), '--json', ...rest.slice(end)];
  return [...argv.slice(0, at).filter((w) => w !== '--json'), ...moved];
}

/** The three steps of the article, then the habit and the housekeeping, as --help shows them. */
const HELP_GROUPS: [string, string[]][] = [
  ['1. Test how you lead:', ['assess', 'pulse']],
  ['2. Goals for the new job:', ['goals', 'prep']],
  ['3. Lead your team every week:', ['team', 'praise', 'feedback', 'member-goals', 'delegate', '1on1', 'review', 'search', 'learn', 'innovation', 'process', 'culture']],
  ['The weekly nudge:', ['nudge', 'today', 'schedule', 'cron']],
  ['Fix anything:', ['show', 'edit', 'done', 'rm', 'undo']],
  ['Your data and setup:', ['config', 'sync', 'export', 'import', 'completion']],
];

/**
 * Builds the program for one command line. Declaring every noun's verbs costs a few milliseconds of
 * start-up, so when the line names a noun only that noun is declared, and none when it names none;
 * help, completion and unknown words get them all.
 */
export function buildProgram(deps: Deps, argv: string[] = []): Command {
  const program = new Command('mtl');
  const context = (cmd: Command): Ctx => {
    const { home } = cmd.optsWithGlobals() as { home?: string };
    // An empty --home is a mistake (an unset variable in a script), not a wish for the default folder.
    if (home !== undefined && home.trim() === '') throw new UsageError('--home is empty.', 'Give a data folder, for example --home ~/mtl-data, or leave --home out for $MTL_HOME, else ~/.config/mtl.');
    // An empty MTL_HOME counts as unset, as with HOME and XDG_CONFIG_HOME.
    const fromEnv = deps.env.MTL_HOME?.trim();
    const dataDir = home ? path.resolve(home) : fromEnv ? path.resolve(fromEnv) : defaultDataDir(deps.env, deps.platform);
    return { io: deps.io, env: deps.env, now: resolveNow(deps.env, deps.clock), dataDir, argv0: deps.argv0, platform: deps.platform };
  };
  program
    .usage('[options] [command]')
    .description('mtl: management through leadership, a weekly coach for new engineering managers')
    .version(VERSION, '-V, --version', 'print the version')
    .option('--home <dir>', 'data folder (default: $MTL_HOME, else ~/.config/mtl)')
    .option('--no-color', 'no colours (NO_COLOR=1 works too)')
    .helpOption('-h, --help', 'show help')
    .configureOutput({
      writeOut: (s) => deps.io.out(s),
      writeErr: (s) => deps.io.err(s),
      outputError: (s, write) => write(deps.io.color.red(s)),
    })
    .showSuggestionAfterError(true)
    .exitOverride();
  const word = commandWord(argv);
  const helpWanted = argv.includes('-h') || argv.includes('--help');
  // No word: the dashboard or --version, which need no noun, unless help lists them all. An unknown
  // word gets them all too, for "did you mean".
  const nouns =
    word === undefined ? (helpWanted ? Object.values(NOUNS) : [])
    : Object.hasOwn(NOUNS, word) && word !== 'completion' ? [NOUNS[word]!]
    : Object.values(NOUNS);
  for (const noun of nouns) noun.register(program, context);
  for (const cmd of program.commands) {
    const group = HELP_GROUPS.find(([, names]) => names.includes(cmd.name()));
    if (group) cmd.helpGroup(group[0]);
  }
  dashboard.register(program, context);
  for (const cmd of allCommands(program)) refuseStrayWords(cmd);
  // For people without cron: one line when the last nudge is over a week old; on a terminal only.
  program.hook('postAction', async (_program, action) => {
    if (deps.io.stdoutIsTTY && deps.io.stdinIsTTY) (await import('./commands/hint.js')).hintAfter(context(action), action);
  });
  program.addHelpText(
    'after',
    `
Start here:
  $ mtl                            the dashboard (mtl --json for scripts)
  $ mtl assess                     take the self-assessment
  $ mtl goals new                  turn a weak spot into a goal
  $ mtl nudge                      what is due this week (for cron)

Data lives in $MTL_HOME or --home, else ~/.config/mtl (files readable by you alone).`,
  );
  for (const cmd of allCommands(program)) {
    // commander's own errors ("missing required argument 'text'") say what is wrong, not how to
    // write it: each is followed by where the command's examples are.
    const words: string[] = [];
    for (let c: Command | null = cmd; c?.parent; c = c.parent) words.unshift(c.name());
    cmd.exitOverride().configureOutput(program.configureOutput()).showHelpAfterError(`Its arguments and examples: mtl ${[...words, '--help'].join(' ')}`);
  }
  return program;
}

/**
 * A noun with a default verb that takes no arguments (`mtl goals` is `mtl goals list`) would hand a
 * mistyped verb to that default, and commander would answer "too many arguments for 'list'". The
 * default verb accepts the stray words instead, and refuses them before its action: as an unknown
 * command of the noun when the verb was implied, as surplus arguments when it was typed. A noun or
 * sub-noun without a default verb (`mtl learn book frob`) refuses an unknown word the same way,
 * rather than with commander's bare "unknown command".
 */
function refuseStrayWords(noun: Command): void {
  const verb = defaultVerbOf(noun);
  if (!verb) {
    // Commander emits this (synchronously) for an unknown word of a command with subcommands and no action.
    if (noun.commands.length) noun.on('command:*', (operands: string[]) => {
      throw unknownVerb(noun, operands[0] ?? '');
    });
    return;
  }
  if (verb.registeredArguments.length) return;
  verb.allowExcessArguments(true).hook('preAction', async (_verb, action) => {
    const word = action === verb ? verb.args[0] : undefined;
    if (word === undefined) return;
    const path = commandPath(noun);
    const typed = noun.args[0];
    if (typed !== undefined && [verb.name(), ...verb.aliases()].includes(typed)) {
      throw new UsageError(`'${path} ${verb.name()}' takes no arguments; got '${word}'.`, `See: ${path} ${verb.name()} --help`);
    }
    throw unknownVerb(noun, word);
  });
}

/** "unknown command 'frob' for 'mtl learn book'", with the nearest verb and the noun's verbs. */
function unknownVerb(noun: Command, word: string): UsageError {
  const path = commandPath(noun);
  const verbs = noun.commands.filter((c) => !c.name().startsWith('__'));
  const suggestion = didYouMean(word, verbs.flatMap((c) => [c.name(), ...c.aliases()]));
  return new UsageError(
    `unknown command '${word}' for '${path}'.`,
    `${suggestion ? `${suggestion} ` : ''}Commands of ${path}: ${verbs.map((c) => c.name()).join(', ')}. See ${path} --help.`,
  );
}

function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function allCommands(cmd: Command): Command[] {
  return cmd.commands.flatMap((c) => [c, ...allCommands(c)]);
}

/** Runs one command line and returns the exit code; never exits the process itself. */
export async function run(argv: string[], deps: Deps): Promise<number> {
  deps = { ...deps, io: terminalSafe(deps.io) };
  argv = jsonAfterCommand(argv);
  const program = buildProgram(deps, argv);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    return report(err, deps);
  }
}

/**
 * The one place where text meets the terminal (or the pipe, or cron's mail): whatever a name, a note or
 * a damaged file holds, its control characters are shown escaped, never acted on. Only the colours
 * mtl adds itself pass. The other properties (getters in main.ts) stay lazy.
 */
function terminalSafe(io: Io): Io {
  const keepColors = io.color.level > 0;
  return Object.create(io, {
    out: { value: (text: string) => io.out(escapeControls(text, { keepColors })) },
    // Messages on a terminal wrap at spaces, never inside a word (core/width.ts wrapMessages).
    err: { value: (text: string) => io.err((io.stderrIsTTY ?? io.stdoutIsTTY) ? wrapMessages(escapeControls(text, { keepColors }), io.columns) : escapeControls(text, { keepColors })) },
  }) as Io;
}

function report(err: unknown, deps: Deps): number {
  const { io } = deps;
  if (err instanceof CommanderError) {
    if (['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(err.code)) return 0;
    return 2;
  }
  if (err instanceof UserError) {
    io.err(io.color.red(`mtl: ${err.message}`) + '\n');
    if (err.hint) io.err(`${err.hint}\n`);
  } else if (err instanceof CancelError) {
    io.err(`${err.message}\n`);
  } else if (err instanceof Error && !(err instanceof SilentError)) {
    io.err(io.color.red(`mtl: unexpected error: ${err.message}`) + '\n');
    if (deps.env.MTL_DEBUG) io.err(`${err.stack}\n`);
    else io.err('Run again with MTL_DEBUG=1 for details, and please report it.\n');
  }
  return exitCodeFor(err);
}
