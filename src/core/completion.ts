/** The shape of the command line, taken from the commander program, that completion walks. */
export interface CommandShape {
  name: string;
  aliases: string[];
  /** Long and short flags, with whether each takes a value. */
  options: { flags: string[]; takesValue: boolean }[];
  /** Names of the positional arguments, in order (`name`, `id`, `file`...). */
  args: string[];
  subcommands: CommandShape[];
}

/** Values that depend on the data: report names, goal ids, template names. */
export interface Dynamic {
  reports(): string[];
  goals(): string[];
  templates(): string[];
}

const OPTION_VALUES: Record<string, (d: Dynamic) => string[]> = {
  '--template': (d) => d.templates(),
  '--to': (d) => d.reports(),
  '--format': () => ['json', 'md', 'ics'],
};

const ARG_VALUES: Record<string, (d: Dynamic) => string[]> = {
  name: (d) => d.reports(),
  member: (d) => d.reports(),
  id: (d) => d.goals(),
  shell: () => ['bash', 'zsh', 'fish'],
  key: () => [],
};

/**
 * Candidates for the last word of `words` (the words after `mtl`, the last one being typed, maybe
 * empty): subcommands, options, or values from the data, filtered by what is typed so far.
 */
export function completeWords(root: CommandShape, words: string[], dynamic: Dynamic): string[] {
  // What the shell passes may still carry the user's quoting: "Ana S or Ana\ S.
  const typed = (words[words.length - 1] ?? '').replace(/^["']/, '').replace(/\\(.)/g, '$1');
  let node = root;
  const globals = root.options;
  let argIndex = 0;
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
    if (sub && argIndex === 0) node = sub;
    else argIndex += 1;
  }
  let candidates: string[];
  if (pendingOption) {
    const values = OPTION_VALUES[pendingOption];
    candidates = values ? values(dynamic) : [];
  } else if (typed.startsWith('-')) {
    candidates = [...node.options, ...globals].flatMap((o) => o.flags.filter((f) => f.startsWith('--')));
  } else {
    const argName = node.args[argIndex];
    const fromArg = argName ? (ARG_VALUES[argName]?.(dynamic) ?? []) : [];
    const subs = argIndex === 0 ? node.subcommands.map((c) => c.name) : [];
    candidates = [...subs, ...fromArg];
  }
  const lower = typed.toLowerCase();
  return [...new Set(candidates)].filter((c) => c.toLowerCase().startsWith(lower));
}

export const COMPLETION_SCRIPTS: Record<'bash' | 'zsh' | 'fish', string> = {
  bash: `# mtl completion for bash. Install: mtl completion bash > ~/.local/share/bash-completion/completions/mtl
_mtl_complete() {
  local IFS=$'\\n'
  local candidates
  candidates=($(mtl __complete -- "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
  # Names may hold spaces ("Ana Silva"): escape them so the line stays one word.
  COMPREPLY=("\${candidates[@]// /\\\\ }")
}
complete -o default -F _mtl_complete mtl
`,
  zsh: `#compdef mtl
# mtl completion for zsh. Install: mtl completion zsh > "\${fpath[1]}/_mtl" (then restart zsh)
_mtl() {
  local -a candidates
  candidates=("\${(@f)$(mtl __complete -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  candidates=(\${candidates:#})
  if (( \${#candidates} )); then compadd -- "\${candidates[@]}"; else _files; fi
}
if [[ "\${funcstack[1]}" = "_mtl" ]]; then _mtl "$@"; else compdef _mtl mtl; fi
`,
  fish: `# mtl completion for fish. Install: mtl completion fish > ~/.config/fish/completions/mtl.fish
complete -c mtl -f -a '(mtl __complete -- (commandline -opc)[2..-1] (commandline -ct) 2>/dev/null)'
`,
};
