import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { mtl, ok, readStore, tempHome } from './cli.js';

/**
 * `mtl sync` end to end: two data folders (two machines) and a bare repository, with the real git
 * program and no git configuration of the user's (no name, no address: mtl gives its own).
 */

export function machines() {
  const m = paths(path.dirname(tempHome()));
  fs.mkdirSync(m.root, { recursive: true });
  fs.writeFileSync(m.gitEnv.GIT_CONFIG_GLOBAL, '');
  git(m.root, ['init', '-q', '--bare', m.remote], m.gitEnv);
  return m;
}

type Machines = ReturnType<typeof paths>;

function paths(root: string) {
  const remote = path.join(root, 'remote.git');
  const gitEnv = { GIT_CONFIG_GLOBAL: path.join(root, 'no-gitconfig'), GIT_CONFIG_NOSYSTEM: '1' };
  const at = (now: string) => ({ env: { ...gitEnv, MTL_NOW: now } });
  return { root, remote, gitEnv, at, a: path.join(root, 'a'), b: path.join(root, 'b') };
}

export function git(cwd: string, args: string[], env: Record<string, string>): string {
  const r = spawnSync('git', args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

/** Every file of a folder (but .git) whose text holds a conflict marker. */
export function markers(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === '.git') continue;
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (/^(<{7}|={7}|>{7})( |$)/m.test(fs.readFileSync(full, 'utf8'))) found.push(full);
    }
  };
  walk(dir);
  return found;
}

export async function exported(home: string, env: Record<string, string>): Promise<unknown> {
  const backup = JSON.parse(await ok(home, ['export', '--format', 'json'], { env }));
  delete backup.exported;
  delete backup.exportedAt;
  delete backup.preferences;
  return backup;
}

/**
 * The same start on both machines: A sets up, syncs; B joins. Made once per test file (a dozen mtl
 * commands and some eighty git runs), then copied for each test: each gets its own folders and
 * remote, the remote's address in each clone changed to the copy's.
 */
export async function started(): Promise<Machines> {
  const first = await (start ??= firstStart());
  const m = paths(path.dirname(tempHome()));
  fs.cpSync(first.root, m.root, { recursive: true, preserveTimestamps: true });
  for (const file of ['a/.git/config', 'a/.git/FETCH_HEAD', 'b/.git/config', 'b/.git/FETCH_HEAD']) {
    const full = path.join(m.root, file);
    fs.writeFileSync(full, fs.readFileSync(full, 'utf8').split(first.root).join(m.root));
  }
  expect(git(m.a, ['remote', 'get-url', 'origin'], m.gitEnv)).toBe(m.remote);
  return m;
}

let start: Promise<Machines> | undefined;
let startRoot: string | undefined;

/** Removes the start that started() copies; test/helpers/setup.ts calls it after each file. */
export function removeStart(): void {
  if (startRoot) fs.rmSync(startRoot, { recursive: true, force: true });
  start = startRoot = undefined;
}

async function firstStart(): Promise<Machines> {
  // Not a tempHome: that is removed after the test that made it, and this outlives it.
  const root = (startRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'mtl-test-sync-')));
  const m = paths(root);
  fs.writeFileSync(m.gitEnv.GIT_CONFIG_GLOBAL, '');
  git(root, ['init', '-q', '--bare', m.remote], m.gitEnv);
  const t0 = m.at('2027-02-01T09:00:00');
  for (const name of ['Sam Lee', 'Alex Kim', 'Kim Park']) await ok(m.a, ['team', 'add', name], t0);
  await ok(m.a, ['praise', 'kim', 'tidy handover notes'], t0);
  await ok(m.a, ['goals', 'new', '--template', 'culture', '--title', 'Weekly demos', '--due', '2027-03-31'], t0);
  await ok(m.a, ['sync', 'init', m.remote], t0);
  const joined = await mtl(m.b, ['sync', 'init', m.remote], m.at('2027-02-01T10:00:00'));
  expect(joined.code, joined.stderr).toBe(0);
  expect(readStore(m.b).members.map((r: { name: string }) => r.name)).toEqual(['Sam Lee', 'Alex Kim', 'Kim Park']);
  // B's first sync joined its (empty) history to A's: A takes that in.
  await ok(m.a, ['sync'], m.at('2027-02-01T11:00:00'));
  return m;
}
