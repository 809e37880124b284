import { WORDS_FOR_NAMES } from './model.js';

/** The shape of the command line, taken from the commander program, that completion walks. */
export interface CommandShape {
  name: string;
  aliases: string[];
  /** Long and short flags, with whether each takes a value. */
  options: { flags: string[]; takesValue: boolean }[];
  /** Names of the positional arguments, in order (`name`, `id`, `file`...). */
  args: string[];
  /** The last argument takes any number of words. */
  variadic?: boolean;
  subcommands: CommandShape[];
}

/** Values that depend on the data: report names, goal ids, template names. */
export interface Dynamic {
  reports(): string[];
  goals(): string[];
  templates(): string[];
  /** Ids that `command` (show, edit, done, rm) works on. */
  entries?(command: string): string[];
  /** Open delegated items' ids, for `delegate check` and `delegate done`. */
  delegations?(): string[];
  /** Open report goals' ids, for `member-goals <name> check-in|done|carry`. */
  memberGoals?(): string[];
  /** Open processes' ids, for `process done`. */
  processes?(): string[];
}

/** The verbs of `member-goals <name>`, and the words it takes in place of a name. */
const MEMBER_GOAL_VERBS = ['add', 'list', 'check-in', 'done', 'carry'];
const MEMBER_GOAL_WORDS: readonly string[] = WORDS_FOR_NAMES['member-goals'];

const OPTION_VALUES: Record<string, (d: Dynamic) => string[]> = {
  '--template': (d) => d.templates(),
  '--to': (d) => d.reports(),
  '--person': (d) => d.reports(),
  '--format': () => ['json', 'md', 'ics'],
};

/** Values for a positional argument, from its command's path (`['delegate', 'check']`) and the arguments typed before it. */
const ARG_VALUES: Record<string, (d: Dynamic, command: string, path: string[], before: string[]) => string[]> = {
  name: (d, _c, path) => (path[0] === 'member-goals' ? [...MEMBER_GOAL_WORDS, ...d.reports()] : d.reports()),
  member: (d) => d.reports(),
  id: (d, _c, path) => (path[0] === 'delegate' ? (d.delegations?.() ?? []) : path[0] === 'process' ? (d.processes?.() ?? []) : d.goals()),
  // member-goals <name> <verb> [args...]; after "carry" or "list" in the name's place, a name.
  verb: (d, _c, path, before) => (path[0] !== 'member-goals' ? [] : MEMBER_GOAL_WORDS.includes(before[0]?.toLowerCase() ?? '') ? d.reports() : MEMBER_GOAL_VERBS),
  args: (d, _c, path, before) => {
    if (path[0] !== 'member-goals') return [];
    const verb = before.map((w) => w.toLowerCase());
    const takesIds = verb[0] === 'carry' || ['check-in', 'done', 'carry'].includes(verb[1] ?? '');
    // check-in and done take one id, then a note or nothing; carry takes several.
    const idDone = verb[0] !== 'carry' && verb[1] !== 'carry' && before.length > 2;
    return takesIds && !idDone ? (d.memberGoals?.() ?? []) : [];
  },
  entry: (d, command) => d.entries?.(command) ?? [],
  shell: () => ['bash', 'zsh', 'fish'],
  key: () => [],
};

/**
 * Candidates for the last word of `words` (the words after `mtl`, as the shell reads them, quotes
 * removed; the last one is being typed, maybe empty): subcommands, options, or values from the data,
 * filtered by what is typed so far. A value holding a control character (a line break from an old
 * file or a merged backup) is left out: one candidate is one line, and such a name cannot be typed.
 */
export function completeWords(root: CommandShape, words: string[], dynamic: Dynamic): string[] {
  const typed = words[words.length - 1] ?? '';
  let node = root;
  const globals = root.options;
  let argIndex = 0;
  const path: string[] = [];
  const before: string[] = [];
  let pendingOption: string | undefined;
  for (const word of words.slice(0, -1)) {
    if (pendingOption) {
      pendingOption = undefined;
      continue;
    }
    if (word.startsWith('-')) {
      const option = [...node.options, ...globals].find((o) => o.flags.includes(word.split('=')[0]!));
      if (option?.takesValue && !word.includes('=')) pendingOption = word;
      continue;
    }
    const sub = node.subcommands.find((c) => c.name === word || c.aliases.includes(word));
    if (sub && argIndex === 0) (node = sub), path.push(sub.name);
    else (argIndex += 1), before.push(word);
  }
  let candidates: string[];
  if (pendingOption) {
    const values = OPTION_VALUES[pendingOption];
    candidates = values ? values(dynamic) : [];
  } else if (typed.startsWith('-')) {
    candidates = [...node.options, ...globals].flatMap((o) => o.flags.filter((f) => f.startsWith('--')));
  } else {
    // A variadic last argument (`args...`) takes every word from its place on.
    const last = node.args.length - 1;
    const argName = argIndex > last && node.variadic ? node.args[last] : node.args[argIndex];
    const fromArg = argName ? (ARG_VALUES[argName]?.(dynamic, node.name, path, before) ?? []) : [];
    const subs = argIndex === 0 ? node.subcommands.map((c) => c.name) : [];
    candidates = [...subs, ...fromArg];
  }
  const lower = typed.toLowerCase();
  return [...new Set(candidates)].filter((c) => !CONTROL.test(c) && c.toLowerCase().startsWith(lower));
}

/** A control character (C0, DEL, C1): a candidate holding one is never offered. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A shell command line read up to the cursor. */
export interface TypedLine {
  /** Every word with its quotes and backslashes removed; the last is the word being typed ('' after a space). */
  words: string[];
  /** The word being typed, exactly as it stands on the line. */
  raw: string;
  /** The quote still open at the cursor, if any. */
  quote: '' | "'" | '"';
}

/**
 * Reads a command line as the shell would split it: blanks outside quotes part words, '...' is
 * literal (in fish \' and \\ still escape), "..." and bare words take backslash escapes. Enough to
 * know the words typed, not a shell: no expansion of any kind happens.
 */
export function readShellLine(line: string, shell: 'posix' | 'fish' = 'posix'): TypedLine {
  const words: string[] = [];
  let word = '';
  let raw = '';
  let quote: TypedLine['quote'] = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (!quote && (c === ' ' || c === '\t' || c === '\n')) {
      if (raw) words.push(word);
      word = raw = '';
      continue;
    }
    raw += c;
    if (quote === "'") {
      if (c === "'") quote = '';
      else if (c === '\\' && shell === 'fish' && (line[i + 1] === "'" || line[i + 1] === '\\')) {
        const next = line[++i]!;
        raw += next;
        word += next;
      } else word += c;
    } else if (c === '\\') {
      const next = line[++i];
      if (next === undefined) break;
      raw += next;
      if (quote === '"' && !'$`"\\\n'.includes(next)) word += c;
      if (next !== '\n') word += next;
    } else if (quote === '"') {
      if (c === '"') quote = '';
      else word += c;
    } else if (c === "'" || c === '"') quote = c;
    else word += c;
  }
  words.push(word);
  return { words, raw, quote };
}

/**
 * `text` quoted for bash where the cursor is: inside '...' (a quote becomes '\''), inside "..." (\, $,
 * backquote and " escaped, ! put outside as "\!" against history expansion) or bare (every character
 * but letters, digits and @%+=:,./-_ escaped with a backslash, as printf %q does). The result, put on
 * the line there, reads back as exactly `text`, one word, nothing expanded.
 */
export function quoteForBash(text: string, quote: TypedLine['quote']): string {
  if (quote === "'") return text.replace(/'/g, `'\\''`);
  if (quote === '"') return text.replace(/[\\$`"]/g, '\\$&').replace(/!/g, '"\\!"');
  return text.replace(/[^\w@%+=:,./\u00a0-\uffff-]/g, '\\$&');
}

/**
 * What bash puts in place of `word`, the end of the line readline completes (after an open quote,
 * or after the last of COMP_WORDBREAKS such as : or =), for each candidate of the word being typed:
 * the rest of the candidate, quoted for where the cursor is. Nothing when the line and the word disagree.
 */
export function bashReplacements(line: string, word: string, complete: (words: string[]) => string[]): string[] {
  const typed = readShellLine(line);
  if (!typed.raw.endsWith(word)) return [];
  const lead = readShellLine(typed.raw.slice(0, typed.raw.length - word.length)).words.join(' ');
  return complete(typed.words.slice(1)).map((c) => quoteForBash(c.slice(lead.length), typed.quote));
}

/**
 * Whether a completion script from an earlier mtl (it escaped only spaces, and calls `mtl __complete`
 * with no --shell) inserts `candidate` safely: letters, digits, spaces and harmless punctuation only.
 */
export function safeForOldScripts(candidate: string): boolean {
  return quoteForBash(candidate, '') === candidate.replace(/ /g, '\\ ');
}

/**
 * The scripts send mtl the command line up to the cursor (`mtl __complete --shell=<shell> -- <line>`)
 * and read one candidate a line. zsh (compadd) and fish quote what they insert themselves; bash does
 * not, so for bash mtl prints each candidate quoted for the cursor's place (see bashReplacements).
 */
export const COMPLETION_SCRIPTS: Record<'bash' | 'zsh' | 'fish', string> = {
  bash: `# mtl completion for bash. Install: mtl completion bash > ~/.local/share/bash-completion/completions/mtl
# mtl prints each candidate quoted for where the cursor is, so a name is inserted as one word and
# nothing in it ($(...), backquotes, quotes, !) is ever run.
_mtl_complete() {
  local candidate
  COMPREPLY=()
  while IFS= read -r candidate; do
    COMPREPLY+=("$candidate")
  done < <(mtl __complete --shell=bash --word="$2" -- "\${COMP_LINE:0:COMP_POINT}" 2>/dev/null)
}
complete -o default -F _mtl_complete mtl
`,
  zsh: `#compdef mtl
# mtl completion for zsh. Install: mtl completion zsh > "\${fpath[1]}/_mtl" (then restart zsh)
# mtl prints the candidates as they are, one a line; compadd quotes each one it inserts.
_mtl() {
  local -a candidates
  candidates=("\${(@f)$(mtl __complete --shell=zsh -- "\${(j: :)words[1,CURRENT]}" 2>/dev/null)}")
  candidates=(\${candidates:#})
  if (( \${#candidates} )); then compadd -- "\${candidates[@]}"; else _files; fi
}
if [[ "\${funcstack[1]}" = "_mtl" ]]; then _mtl "$@"; else compdef _mtl mtl; fi
`,
  fish: `# mtl completion for fish. Install: mtl completion fish > ~/.config/fish/completions/mtl.fish
# mtl prints the candidates as they are, one a line; fish quotes each one it inserts.
complete -c mtl -f -a '(mtl __complete --shell=fish -- (commandline -cp) 2>/dev/null)'
`,
};
