import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Ctx } from '../../context.js';
import { UserError } from '../../errors.js';

/**
 * The `git` program, run in the data folder (as dstask and nb do): mtl writes no git client. Every
 * argument is a separate word, never through a shell; git never prompts without a terminal, and a
 * network step has a time limit, so cron and pipes never hang on it.
 */

export interface GitResult {
  ok: boolean;
  status: number | null;
  stdout: Buffer;
  /** git's own words, for a message; empty when it said nothing. */
  said: string;
}

/** Variables that would point git at another repository or worktree than the data folder. */
const FOREIGN = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_NAMESPACE', 'GIT_COMMON_DIR', 'GIT_PREFIX'];

export class Git {
  private readonly env: Record<string, string | undefined>;

  constructor(
    readonly dir: string,
    ctx: Pick<Ctx, 'env' | 'io'>,
  ) {
    this.env = { ...ctx.env };
    for (const name of FOREIGN) delete this.env[name];
    // A credential or passphrase prompt is possible on a terminal only; elsewhere git fails at once.
    if (!ctx.io.stdinIsTTY) this.env.GIT_TERMINAL_PROMPT = '0';
    // git's messages in English, as mtl reads some of them (a lock held: "File exists") and its own
    // are English too; the data and file names stay in UTF-8.
    this.env.LC_MESSAGES = 'C';
    this.env.LANGUAGE = '';
    if (this.env.LC_ALL) this.env.LC_ALL = 'C.UTF-8';
  }

  /**
   * Runs git; `network` steps get a longer time limit and may read the terminal (ssh's own prompts).
   * Their output goes to a file, not a pipe: a helper git starts (an ssh master connection) may keep
   * a pipe open long after git is done, and mtl would wait for it.
   */
  run(args: string[], { input, network = false }: { input?: string | Buffer; network?: boolean } = {}): GitResult {
    const logs = network ? ['out', 'err'].map((n) => path.join(this.dir, '.git', `mtl-${process.pid}.${n}`)) : [];
    const fds = logs.map((file) => fs.openSync(file, 'w+', 0o600));
    try {
      const r = spawnSync('git', ['-C', this.dir, ...args], {
        env: this.env as NodeJS.ProcessEnv,
        input,
        stdio: network ? ['ignore', fds[0]!, fds[1]!] : ['pipe', 'pipe', 'pipe'],
        timeout: network ? 120_000 : 30_000,
        maxBuffer: 1024 * 1024 * 1024,
      });
      if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
        throw gitMissing();
      }
      const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
      const stdout = network ? fs.readFileSync(logs[0]!) : (r.stdout ?? Buffer.alloc(0));
      const stderr = network ? fs.readFileSync(logs[1]!, 'utf8') : (r.stderr?.toString('utf8') ?? '');
      const said = timedOut ? `git ${args[0]} gave no answer in ${network ? 120 : 30} s` : stderr.trim() || (r.error?.message ?? '');
      return { ok: !r.error && r.status === 0, status: r.status, stdout, said };
    } finally {
      for (const fd of fds) fs.closeSync(fd);
      for (const file of logs) fs.rmSync(file, { force: true });
    }
  }

  private configs = new Map<string, Map<string, string>>();

  /**
   * git's settings as they apply here (`local`: the repository's own), read in one git run and kept
   * until mtl sets one (`setConfig`): a sync read them one key at a time, a git process each.
   * Look keys up with `configKey`, as git lists them.
   */
  config(scope: 'all' | 'local' = 'all'): Map<string, string> {
    let values = this.configs.get(scope);
    if (!values) {
      values = new Map();
      const r = this.run(['config', ...(scope === 'local' ? ['--local'] : []), '--list', '-z']);
      // Each entry is "key\nvalue" ("key" alone for a bare boolean); a later one wins, as with --get.
      for (const entry of r.ok ? r.stdout.toString('utf8').split('\0') : []) {
        const newline = entry.indexOf('\n');
        if (entry) values.set(newline === -1 ? entry : entry.slice(0, newline), newline === -1 ? 'true' : entry.slice(newline + 1));
      }
      this.configs.set(scope, values);
    }
    return values;
  }

  /** Sets a setting of the repository's own. */
  setConfig(key: string, value: string): void {
    this.text(['config', '--local', key, value]);
    this.configs.clear();
  }

  /** git's version; an error saying git is needed when it is not there. Runs outside the data folder. */
  version(): string {
    const r = spawnSync('git', ['--version'], { env: this.env as NodeJS.ProcessEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
    if (r.error || r.status !== 0) {
      throw gitMissing();
    }
    return r.stdout.trim();
  }

  /** git's output as text, trimmed; a failure is an error that quotes git. */
  text(args: string[], opts?: { input?: string | Buffer }): string {
    const r = this.run(args, opts);
    if (!r.ok) throw new UserError(`git ${args.join(' ')} failed: ${r.said || `exit ${r.status}`}.`, `Look at the repository with: git -C ${this.dir} status`);
    return r.stdout.toString('utf8').trim();
  }

  /** The commit a name points at, or undefined. */
  commit(name: string): string | undefined {
    const r = this.run(['rev-parse', '--verify', '--quiet', `${name}^{commit}`]);
    return r.ok ? r.stdout.toString('utf8').trim() : undefined;
  }

  /**
   * The data folder is the top of its own repository (not a folder inside another one). A `.git` that
   * git cannot read (a broken setting, an unreadable file) is an error in git's words, not "no repository".
   */
  isOwnRepository(): boolean {
    if (!fs.existsSync(path.join(this.dir, '.git'))) return false;
    const r = this.run(['rev-parse', '--show-toplevel']);
    if (!r.ok) {
      throw new UserError(`git cannot read the repository in ${this.dir}: ${r.said.split('\n')[0] || `exit ${r.status}`}`, `Look at it with: git -C ${this.dir} status   (and at your git settings: git config --list --show-origin)`);
    }
    return samePath(r.stdout.toString('utf8').trim(), this.dir);
  }

  /**
   * The plain files of a commit: path to blob id, paths with `/`. With `strict` (what comes from the
   * remote), a link, a submodule or a path that could not be checked out (`..`, `.git`) is refused:
   * mtl writes what it merges itself, so it checks what git's checkout would; otherwise they are left
   * out.
   */
  tree(commit: string | undefined, strict?: { whose: string }): Map<string, string> {
    const files = new Map<string, string>();
    if (!commit) return files;
    const out = this.run(['ls-tree', '-r', '-z', '--full-tree', commit]);
    if (!out.ok) throw new UserError(`git could not list ${commit}: ${out.said}.`);
    const odd: string[] = [];
    for (const line of out.stdout.toString('utf8').split('\0')) {
      if (!line) continue;
      const file = line.slice(line.indexOf('\t') + 1);
      const m = /^100(?:644|755) blob ([0-9a-f]+)\t/.exec(line);
      if (m && safePath(file)) files.set(file, m[1]!);
      else odd.push(file);
    }
    // This machine's own commits may hold a link the user made; it stays as it is, out of the merge.
    if (odd.length && strict) {
      throw new UserError(
        `${strict.whose} holds ${odd.length === 1 ? 'an entry' : 'entries'} that mtl does not take into a data folder (a link, a submodule, or a name such as .. or .git): ${odd.slice(0, 3).map((f) => JSON.stringify(f)).join(', ')}; nothing was changed here.`,
        'Remove them from the remote repository (git rm), then run mtl sync again.',
      );
    }
    return files;
  }

  /** The contents of blobs, read in one git process. */
  blobs(ids: string[]): Map<string, Buffer> {
    const contents = new Map<string, Buffer>();
    const unique = [...new Set(ids)];
    if (!unique.length) return contents;
    const r = this.run(['cat-file', '--batch'], { input: unique.join('\n') + '\n' });
    if (!r.ok) throw new UserError(`git could not read the repository's files: ${r.said}.`);
    let at = 0;
    const out = r.stdout;
    while (at < out.length) {
      const headerEnd = out.indexOf(0x0a, at);
      const [id, type, size] = out.subarray(at, headerEnd).toString('utf8').split(' ');
      if (type !== 'blob') throw new UserError(`git could not read ${id}: ${type}.`);
      const start = headerEnd + 1;
      contents.set(id!, out.subarray(start, start + Number(size)));
      at = start + Number(size) + 1;
    }
    return contents;
  }
}

/** A path git itself would check out: no empty, `.` or `..` part, and nothing named like `.git`. */
function safePath(file: string): boolean {
  return file.split('/').every((part) => part !== '' && part !== '.' && part !== '..' && !/^\.git(?:[ .]*$|~)|^git~\d/i.test(part) && !/[\\:]/.test(part));
}

const gitMissing = () => new UserError('mtl sync needs the git program, and it is not installed (or not on PATH).', 'Install git (https://git-scm.com), then run the command again; nothing was changed.');

function samePath(a: string, b: string): boolean {
  try {
    return fs.realpathSync(a) === fs.realpathSync(b);
  } catch {
    return path.resolve(a) === path.resolve(b);
  }
}

/**
 * A setting's name as `git config --list` gives it: section and key in lower case, a subsection (a
 * branch's name) as it is.
 */
export function configKey(key: string): string {
  const first = key.indexOf('.');
  const last = key.lastIndexOf('.');
  return first === last ? key.toLowerCase() : `${key.slice(0, first).toLowerCase()}${key.slice(first, last)}${key.slice(last).toLowerCase()}`;
}
