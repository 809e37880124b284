import path from 'node:path';
import { Chalk } from 'chalk';
import { run } from '../../src/cli.js';
import type { Deps } from '../../src/context.js';
import { BIN, type Result, type RunOptions } from './cli.js';

/**
 * Runs one mtl command line in this process, through `run(argv, deps)` as main.ts does, with a fake
 * terminal-less io that collects stdout and stderr, the test's environment and the real clock (or
 * MTL_NOW). What a spawned binary would print, in a fraction of the time.
 */
export async function runMtl(home: string, args: string[], options: RunOptions = {}): Promise<Result> {
  const out: string[] = [];
  const err: string[] = [];
  const env: Record<string, string | undefined> = { ...process.env, MTL_HOME: home, NO_COLOR: '1', MTL_NOW: undefined, EDITOR: undefined, VISUAL: undefined, ...options.env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  const deps: Deps = {
    io: { out: (t) => out.push(t), err: (t) => err.push(t), stdoutIsTTY: false, stdinIsTTY: false, color: new Chalk({ level: 0 }), columns: 80 },
    env,
    clock: () => new Date(),
    platform: process.platform,
    argv0: { node: process.execPath, script: BIN },
  };
  // Dates are local to TZ, which Node reads again when it changes.
  const zone = process.env.TZ;
  const cwd = process.cwd();
  try {
    if (options.env && 'TZ' in options.env) setZone(options.env.TZ);
    if (options.cwd) process.chdir(path.resolve(options.cwd));
    const code = await run(args, deps);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    setZone(zone);
    process.chdir(cwd);
  }
}

function setZone(zone: string | undefined): void {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
}
