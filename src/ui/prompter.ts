import type { Io } from '../context.js';
import { escapeControls } from '../core/text.js';
import { CancelError, UserError } from '../errors.js';

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

/**
 * The one door to interactive prompts. The prompts (ui/prompts.ts) are imported only when a question is
 * actually asked, so commands that do not prompt never pay for it. Tests replace this module.
 */
export interface Prompter {
  select<T>(message: string, choices: Choice<T>[], defaultValue?: T): Promise<T>;
  input(message: string, options?: { default?: string; validate?: (value: string) => string | true; optional?: boolean }): Promise<string>;
  /** A list to tick (space), answered with the ticked values, possibly none. */
  checklist<T>(message: string, choices: (Choice<T> & { short?: string })[]): Promise<T[]>;
  confirm(message: string, defaultValue?: boolean): Promise<boolean>;
}

/**
 * Refuses to prompt without a terminal: cron and pipes get an immediate error that names the flags
 * to use instead, never a hang or a prompt reading piped text.
 */
export function requireTerminal(io: Io, flags: string): void {
  if (!io.stdinIsTTY) {
    throw new UserError(`No terminal to ask questions on.`, `Give the answers as flags instead: ${flags}.`);
  }
}

/** Runs one question; Ctrl-C (inquirer's ExitPromptError) becomes a CancelError, exit code 130. */
export async function ask<T>(question: () => Promise<T>): Promise<T> {
  try {
    return await question();
  } catch (err) {
    if (err instanceof Error && (err.name === 'ExitPromptError' || err.name === 'AbortPromptError')) throw new CancelError();
    throw err;
  }
}

/**
 * Questions are drawn on `io.promptOutput` (stderr in main.ts), so `mtl goals new --json > goal.json`
 * still shows them and keeps them out of the data on stdout.
 */
export function createPrompter(io?: Pick<Io, 'promptOutput'>): Prompter {
  const lib = () => import('./prompts.js');
  const context = io?.promptOutput ? { output: io.promptOutput } : undefined;
  // Prompts draw on stderr themselves, past the io that escapes output: a name or a title in a question
  // is escaped here by the same rule (the prompt's own colours are added after).
  const safe = (text: string) => escapeControls(text);
  return {
    async select(message, choices, defaultValue) {
      const { select } = await lib();
      const shown = choices.map((c) => ({ ...c, name: safe(c.name), ...(c.description === undefined ? {} : { description: safe(c.description) }) }));
      return ask(() => select({ message: safe(message), choices: shown, default: defaultValue, loop: false, pageSize: 10 }, context));
    },
    async input(message, options = {}) {
      const { input } = await lib();
      const fallback = options.default === undefined ? undefined : safe(options.default);
      return ask(() => input({ message: safe(message), default: fallback, validate: options.validate, required: !options.optional }, context));
    },
    async checklist<T>(message: string, choices: (Choice<T> & { short?: string })[]) {
      const { checklist } = await lib();
      const shown = choices.map((c) => ({ name: safe(c.name), value: c.value, ...(c.short === undefined ? {} : { short: safe(c.short) }) }));
      return (await ask(() => checklist({ message: safe(message), choices: shown }, context))) as T[];
    },
    async confirm(message, defaultValue = false) {
      const { confirm } = await lib();
      return ask(() => confirm({ message: safe(message), default: defaultValue }, context));
    },
  };
}
