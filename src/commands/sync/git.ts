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
  }

  /** Runs git; `network` steps get a longer time limit and may read the terminal (ssh's own prompts). */
  run(args: string[], { input, network = false }: { input?: string | Buffer; network?: boolean } = {}): GitResult {
    const r = spawnSync('git', ['-C', this.dir, ...args], {
      env: this.env as NodeJS.ProcessEnv,
      input,
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: network ? 120_000 : 30_000,
      maxBuffer: 1024 * 1024 * 1024,
    });
    if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
      throw new UserError('mtl sync needs the git program, and it is not installed (or not on PATH).', 'Install git (https://git-scm.com), then run the command again; nothing was changed.');
    }
    const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
    const said = timedOut ? `git ${args[0]} gave no answer in ${network ? 120 : 30} s` : (r.stderr?.toString('utf8') ?? '').trim() || (r.error?.message ?? '');
    return { ok: !r.error && r.status === 0, status: r.status, stdout: r.stdout ?? Buffer.alloc(0), said };
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

  /** The data folder is the top of its own repository (not a folder inside another one). */
  isOwnRepository(): boolean {
    if (!fs.existsSync(path.join(this.dir, '.git'))) return false;
    const r = this.run(['rev-parse', '--show-toplevel']);
    return r.ok && samePath(r.stdout.toString('utf8').trim(), this.dir);
  }

  /** The plain files of a commit (no links, no submodules): path to blob id, paths with `/`. */
  tree(commit: string | undefined): Map<string, string> {
    const files = new Map<string, string>();
    if (!commit) return files;
    const out = this.run(['ls-tree', '-r', '-z', '--full-tree', commit]);
    if (!out.ok) throw new UserError(`git could not list ${commit}: ${out.said}.`);
    for (const line of out.stdout.toString('utf8').split('\0')) {
      const m = /^1006[0-7]{2} blob ([0-9a-f]+)\t(.+)$/s.exec(line);
      if (m) files.set(m[2]!, m[1]!);
    }
    return files;
  }

  /** The paths of a commit that are links or other repositories (submodules), not plain files. */
  oddEntries(commit: string): string[] {
    const out = this.run(['ls-tree', '-r', '-z', '--full-tree', commit]);
    if (!out.ok) throw new UserError(`git could not list ${commit}: ${out.said}.`);
    return out.stdout.toString('utf8').split('\0').filter((line) => line && !/^1006[0-7]{2} blob /.test(line)).map((line) => line.slice(line.indexOf('\t') + 1));
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

function samePath(a: string, b: string): boolean {
  try {
    return fs.realpathSync(a) === fs.realpathSync(b);
  } catch {
    return path.resolve(a) === path.resolve(b);
  }
}
