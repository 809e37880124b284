import { isatty } from 'node:tty';
import { Chalk, supportsColor } from 'chalk';
import { run } from './cli.js';
import type { Deps } from './context.js';

/** The only module that touches `process`: it builds the real dependencies and sets the exit code. */
function colorLevel(argv: string[]): 0 | 1 | 2 | 3 {
  const env = process.env;
  // NO_COLOR counts when it is set and not empty (no-color.org).
  if (argv.includes('--no-color') || env.NO_COLOR || env.TERM === 'dumb' || !process.stdout.isTTY) return 0;
  return supportsColor ? supportsColor.level : 0;
}

const argv = process.argv.slice(2);
const deps: Deps = {
  io: {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    // Not process.stdin.isTTY: creating the stdin stream loads fs streams and readline (2 ms), and
    // only a prompt reads stdin.
    stdinIsTTY: isatty(0),
    color: new Chalk({ level: colorLevel(argv) }),
    get promptOutput() {
      return process.stderr;
    },
    columns: process.stdout.columns || 80,
  },
  env: process.env,
  clock: () => new Date(),
  platform: process.platform,
  argv0: { node: process.execPath, script: process.argv[1] ?? 'mtl' },
};

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
});

void run(argv, deps).then((code) => {
  process.exitCode = code;
});
