import type { ChalkInstance } from 'chalk';

/** The process-facing pieces a command may use; main.ts builds the real ones, tests build fakes. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** stdout is a terminal: tables, bars and fuzzy times instead of plain exact output. */
  stdoutIsTTY: boolean;
  /** stderr is a terminal: messages wrap to `columns` (when absent, as stdout). */
  stderrIsTTY?: boolean;
  /** stdin is a terminal: prompts are possible. */
  stdinIsTTY: boolean;
  color: ChalkInstance;
  /** Where prompts are drawn: stderr, so that data on stdout stays clean. */
  promptOutput?: NodeJS.WritableStream;
  columns: number;
  /**
   * While a program mtl started has the terminal (an editor), Ctrl-C is that program's to handle, as
   * git does: mtl goes on when it exits and cleans up after it (a temporary file with a note in it).
   * `endedBy` is the signal that ended the program, if one did.
   */
  holdInterrupts?(hold: boolean, endedBy?: NodeJS.Signals | null): void;
  /**
   * Runs `cleanup` if a signal ends mtl before the returned function is called (a terminal closed
   * while an editor had a temporary copy of an entry open): nothing about a person is left behind.
   */
  onSignalExit?(cleanup: () => void): () => void;
}

export interface Deps {
  io: Io;
  env: Record<string, string | undefined>;
  /** The wall clock; MTL_NOW replaces it (see resolveNow). */
  clock: () => Date;
  platform: NodeJS.Platform;
  /** Absolute path of the mtl executable and of node, for `mtl cron install`. */
  argv0: { node: string; script: string };
}

/** What every command run receives once the global options are known. */
export interface Ctx {
  io: Io;
  env: Record<string, string | undefined>;
  now: Date;
  dataDir: string;
  argv0: Deps['argv0'];
  platform: NodeJS.Platform;
}
