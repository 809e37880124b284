import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Chalk } from 'chalk';
import { run } from '../../src/cli.js';
import type { Deps } from '../../src/context.js';
import type { Kind } from '../../src/core/model.js';
import { readRecordFile } from '../../src/store/records.js';
import { KIND_FILES } from '../../src/store/store.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin', 'mtl.cjs');

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  input?: string;
  cwd?: string;
}

const homes: string[] = [];
/** Removes the folders tempHome made; test/helpers/setup.ts calls it after each test of every file. */
export function removeTempHomes(): void {
  for (const dir of homes.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A fresh temporary data folder (removed after the test); the folder itself is not created. */
export function tempHome(): string {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'mtl-test-'));
  homes.push(parent);
  return path.join(parent, 'data');
}

function childEnv(home: string, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, MTL_HOME: home, NO_COLOR: '1', MTL_NOW: undefined, EDITOR: undefined, VISUAL: undefined };
  // The temporary files of mtl (an entry open in $EDITOR, kept when what came back cannot be read)
  // go beside the test's data folder, and are removed with it: not left in /tmp with a note in them.
  const tmp = path.join(path.dirname(home), 'tmpdir');
  if (homes.includes(path.dirname(home))) {
    fs.mkdirSync(tmp, { recursive: true });
    env.TMPDIR = tmp;
  }
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  return env;
}

/** Runs the built binary synchronously, with no terminal (stdin is a pipe): for what only a real process shows. */
export function spawnMtl(home: string, args: string[], options: RunOptions = {}): Result {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: childEnv(home, options.env),
    input: options.input ?? '',
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the built binary asynchronously: for concurrency tests. */
export function mtlAsync(home: string, args: string[], options: RunOptions = {}): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: childEnv(home, options.env), cwd: options.cwd ?? ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.end(options.input ?? '');
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/**
 * Runs the built binary on a pseudo-terminal (util-linux `script`), for commands that need one, such
 * as starting an editor. The terminal merges stdout and stderr; both fields hold everything.
 */
export function mtlInTerminal(home: string, args: string[], options: RunOptions = {}): Result {
  const quote = (w: string) => `'${w.replace(/'/g, `'\\''`)}'`;
  // exec: script runs $SHELL -c, and dash (sh, when SHELL is unset, as under CI) stays node's parent
  // in its process group, where a signal the test sends the group (an editor's kill -INT 0) ends it
  // and script reports 130. bash already execs a lone command.
  const command = `exec ${[process.execPath, BIN, ...args].map(quote).join(' ')}`;
  const r = spawnSync('script', ['-qec', command, '/dev/null'], { env: childEnv(home, options.env), input: '', cwd: options.cwd ?? ROOT, encoding: 'utf8', timeout: 20_000 });
  const output = r.stdout.replace(/\r\n/g, '\n');
  return { code: r.status ?? -1, stdout: output, stderr: output };
}

/**
 * Runs one mtl command line in this process, through `run(argv, deps)` as main.ts does, with a fake
 * io without a terminal that collects stdout and stderr, the test's environment, and the real clock
 * (or MTL_NOW): what the built binary prints, without starting a process.
 */
export async function mtl(home: string, args: string[], options: RunOptions = {}): Promise<Result> {
  const out: string[] = [];
  const err: string[] = [];
  const env = childEnv(home, options.env) as Record<string, string | undefined>;
  const deps: Deps = {
    io: { out: (t) => out.push(t), err: (t) => err.push(t), stdoutIsTTY: false, stdinIsTTY: false, color: new Chalk({ level: 0 }), columns: 80 },
    env,
    clock: () => new Date(),
    platform: process.platform,
    argv0: { node: process.execPath, script: BIN },
  };
  // Local days follow TZ, which Node reads again when it changes; relative paths follow the cwd.
  const zone = process.env.TZ;
  const cwd = process.cwd();
  try {
    if (env.TZ !== zone) setZone(env.TZ);
    process.chdir(options.cwd ?? ROOT);
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

/** Runs in this process and insists on success, returning stdout. */
export async function ok(home: string, args: string[], options: RunOptions = {}): Promise<string> {
  const r = await mtl(home, args, options);
  if (r.code !== 0) throw new Error(`mtl ${args.join(' ')} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r.stdout;
}

/** Runs the built binary and insists on success, returning stdout. */
export function spawnOk(home: string, args: string[], options: RunOptions = {}): string {
  const r = spawnMtl(home, args, options);
  if (r.code !== 0) throw new Error(`mtl ${args.join(' ')} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r.stdout;
}

/**
 * Everything in a data folder as written on disk (goal files as stored, relative to the goals
 * folder), as plain lists: each record file read with mtl's own reader.
 */
export function readStore(home: string): any {
  const records: Record<string, unknown[]> = {};
  for (const [kind, file] of Object.entries(KIND_FILES)) records[kind] = readRecordFile(path.join(home, file), kind as Kind).records;
  const quarters = fs.existsSync(path.join(home, 'praise')) ? fs.readdirSync(path.join(home, 'praise')).sort() : [];
  records.praise = quarters.flatMap((q) => readRecordFile(path.join(home, 'praise', q), 'praise').records);
  return records;
}

/** What `mtl nudge` remembers between runs (nudge.json). */
export function readNudgeState(home: string): any {
  return JSON.parse(fs.readFileSync(path.join(home, 'nudge.json'), 'utf8'));
}

export function mode(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

/** Every file under a folder with its text and mode: to show a command changed nothing. */
export function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (entry.isFile()) files[path.relative(dir, file)] = `${(fs.statSync(file).mode & 0o777).toString(8)} ${fs.statSync(file).mtimeMs} ${fs.readFileSync(file, 'utf8')}`;
  }
  return files;
}
