import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Chalk } from 'chalk';
import { run } from './cli.js';
import type { Deps } from './context.js';
import { UserError } from './errors.js';

// The only module that touches `process`: it builds the real dependencies and sets the exit code.

/**
 * Whether `fd` is a terminal. node:tty (with net and streams, 2-3 ms) loads only when the answer may
 * be yes: a pipe (cron), a file or /dev/null is told apart by fstat.
 */
function isTerminal(fd: number): boolean {
  if (process.platform !== 'win32') {
    let stat: fs.Stats;
    try {
      stat = fs.fstatSync(fd);
    } catch {
      return false;
    }
    if (!stat.isCharacterDevice() || stat.rdev === devNull()) return false;
  }
  return (createRequire(import.meta.url)('node:tty') as typeof import('node:tty')).isatty(fd);
}

function devNull(): number | undefined {
  try {
    return fs.statSync('/dev/null').rdev;
  } catch {
    return undefined;
  }
}

/**
 * Writes all of `text` to `fd` synchronously, as Node's own streams do for files, pipes and terminals
 * on Linux and macOS, without creating them (process.stdout loads the stream machinery). A reader
 * that went away (`mtl nudge | head -1`) ends mtl quietly; a full non-blocking pipe is waited on.
 * Windows consoles need the streams, which write UTF-16 to them.
 */
function writeAll(fd: 1 | 2, text: string, readerGone: () => void): void {
  if (process.platform === 'win32') {
    (fd === 1 ? process.stdout : process.stderr).write(text);
    return;
  }
  const bytes = Buffer.from(text);
  for (let done = 0; done < bytes.length; ) {
    try {
      done += fs.writeSync(fd, bytes, done);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
      else if (code === 'EPIPE') return readerGone();
      else throw new UserError(`Cannot write the output: ${code === 'ENOSPC' ? 'no space left on the device' : (err as Error).message}.`);
    }
  }
}

function colorLevel(argv: string[], stdoutIsTTY: boolean): 0 | 1 {
  const env = process.env;
  // NO_COLOR counts when it is set and not empty (no-color.org). mtl uses the sixteen basic colours.
  const off = argv.includes('--no-color') || env.NO_COLOR || env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false' || env.TERM === 'dumb';
  return off || !stdoutIsTTY ? 0 : 1;
}

const argv = process.argv.slice(2);
/** A prompt was drawn on stderr: inquirer hides the cursor while a question shows. */
let promptShown = false;
const stdoutIsTTY = isTerminal(1);
// Asked only when a message is written: with stdout redirected, stderr may still be the terminal.
let stderrIsTTY: boolean | undefined;
// Set while an editor mtl started has the terminal (see Io.holdInterrupts).
let interruptsHeld = false;
// A Ctrl-C came while held: the one an editor's death by SIGINT implies is no longer to come.
let interruptSeen = false;
// The editor died of a Ctrl-C that has not reached mtl yet.
let owed = false;
let letGo: NodeJS.Timeout | undefined;
// What to remove if a signal ends mtl (see Io.onSignalExit).
const cleanups = new Set<() => void>();
const deps: Deps = {
  io: {
    out: (text) => writeAll(1, text, () => process.exit(0)),
    err: (text) => {
      try {
        writeAll(2, text, () => undefined);
      } catch {
        // Nowhere left to say it.
      }
    },
    stdoutIsTTY,
    get stderrIsTTY() {
      return (stderrIsTTY ??= stdoutIsTTY || isTerminal(2));
    },
    // Not process.stdin.isTTY: creating the stdin stream loads fs streams and readline, and only a
    // prompt reads stdin.
    stdinIsTTY: isTerminal(0),
    color: new Chalk({ level: colorLevel(argv, stdoutIsTTY) }),
    get promptOutput() {
      promptShown = true;
      return process.stderr;
    },
    onSignalExit(cleanup) {
      cleanups.add(cleanup);
      return () => cleanups.delete(cleanup);
    },
    holdInterrupts(hold, endedBy) {
      clearTimeout(letGo);
      if (hold) {
        interruptsHeld = true;
        interruptSeen = false;
        owed = false;
        return;
      }
      // The Ctrl-C that ended the editor went to mtl too, and reaches it through the event loop, which
      // may read it after the news that the editor exited, and on a busy machine after a timer: when
      // the editor died of it and mtl has not had its own yet, mtl waits longer for it. Otherwise a
      // moment, for an editor that ended itself on Ctrl-C.
      owed = endedBy === 'SIGINT' && !interruptSeen;
      letGo = setTimeout(() => (interruptsHeld = false), owed ? 5000 : 200).unref();
    },
    get columns() {
      return (stdoutIsTTY ? process.stdout.columns : this.stderrIsTTY && process.stderr.columns) || 80;
    },
  },
  env: process.env,
  clock: () => new Date(),
  platform: process.platform,
  argv0: { node: process.execPath, script: process.argv[1] ?? 'mtl' },
};

// A signal ends mtl only between two steps of JavaScript: the writes of the store are synchronous,
// so Ctrl-C (or a kill) never cuts one off half way; it lands before or after. 128 + the signal number.
// A kill during a question would leave the terminal without a cursor: it is shown again first.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
  process.on(signal, () => {
    if (signal === 'SIGINT' && interruptsHeld) {
      interruptSeen = true;
      // The one owed for the editor's death has come: the next Ctrl-C is the user's again.
      if (owed) {
        owed = false;
        clearTimeout(letGo);
        interruptsHeld = false;
      }
      return;
    }
    for (const cleanup of cleanups) {
      try {
        cleanup();
      } catch {
        // Exiting anyway.
      }
    }
    if (promptShown && isTerminal(2)) {
      try {
        fs.writeSync(2, '\x1b[?25h');
      } catch {
        // The terminal is gone (SIGHUP): nothing to restore.
      }
    }
    process.exit(code);
  });
}

void run(argv, deps).then((code) => {
  process.exitCode = code;
});
