import type { Io } from '../context.js';
import { CancelError, UserError } from '../errors.js';

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

/**
 * The one door to interactive prompts. @inquirer/prompts is imported only when a question is
 * actually asked, so commands that do not prompt never pay for it. Tests replace this module.
 */
export interface Prompter {
  select<T>(message: string, choices: Choice<T>[], defaultValue?: T): Promise<T>;
  input(message: string, options?: { default?: string; validate?: (value: string) => string | true }): Promise<string>;
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

async function ask<T>(question: () => Promise<T>): Promise<T> {
  try {
    return await question();
  } catch (err) {
    if (err instanceof Error && (err.name === 'ExitPromptError' || err.name === 'AbortPromptError')) throw new CancelError();
    throw err;
  }
}

export function createPrompter(): Prompter {
  const lib = () => import('@inquirer/prompts');
  return {
    async select(message, choices, defaultValue) {
      const { select } = await lib();
      return ask(() => select({ message, choices, default: defaultValue, loop: false, pageSize: 10 }));
    },
    async input(message, options = {}) {
      const { input } = await lib();
      return ask(() => input({ message, default: options.default, validate: options.validate, required: true }));
    },
    async confirm(message, defaultValue = false) {
      const { confirm } = await lib();
      return ask(() => confirm({ message, default: defaultValue }));
    },
  };
}
