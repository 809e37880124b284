import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configKey, Git } from '../../src/commands/sync/git.js';
import { gitBusy } from '../../src/commands/sync/run.js';

describe('configKey', () => {
  it('names a setting as git config --list does: section and key in lower case, a subsection as it is', () => {
    expect(['core.sharedRepository', 'user.name', 'branch.Main.merge', 'merge.mtl.driver', 'remote.origin.URL', 'branch.a.b.merge'].map(configKey)).toEqual([
      'core.sharedrepository',
      'user.name',
      'branch.Main.merge',
      'merge.mtl.driver',
      'remote.origin.url',
      'branch.a.b.merge',
    ]);
  });
});

describe('Git.config', () => {
  it('reads the settings once, values with newlines and bare booleans included, and again after mtl sets one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtl-test-git-'));
    try {
      const env = { GIT_CONFIG_GLOBAL: path.join(dir, 'no-gitconfig'), GIT_CONFIG_NOSYSTEM: '1', PATH: process.env.PATH };
      fs.writeFileSync(env.GIT_CONFIG_GLOBAL, '[user]\n\tname = Global Name\n');
      spawnSync('git', ['init', '-q', dir], { env });
      fs.appendFileSync(path.join(dir, '.git', 'config'), '[mtl "x"]\n\tflag\n\tnote = "two\\nlines"\n[branch "Main"]\n\tmerge = refs/heads/trunk\n');
      const git = new Git(dir, { env, io: { stdinIsTTY: false } as never });
      const all = git.config();
      expect([all.get('user.name'), all.get('mtl.x.flag'), all.get('mtl.x.note'), all.get(configKey('branch.Main.merge'))]).toEqual(['Global Name', 'true', 'two\nlines', 'refs/heads/trunk']);
      expect(git.config('local').has('user.name')).toBe(false);
      expect(git.config()).toBe(all);
      git.setConfig('core.sharedRepository', '0600');
      expect(git.config('local').get(configKey('core.sharedRepository'))).toBe('0600');
      expect(fs.readFileSync(path.join(dir, '.git', 'config'), 'utf8')).toMatch(/sharedRepository = 0600/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('gitBusy', () => {
  it("tells git's own locks (another sync in this folder) from the network, whatever git said", () => {
    expect(gitBusy("error: cannot lock ref 'refs/remotes/origin/main': Unable to create '/d/.git/refs/remotes/origin/main.lock': File exists.")).toBe(true);
    // Two fetches at once: the second finds the ref moved under it.
    expect(gitBusy("error: cannot lock ref 'refs/remotes/origin/main': is at 1a2b3c but expected 4d5e6f\n ! 4d5e6f..1a2b3c  main -> origin/main  (unable to update local ref)")).toBe(true);
    expect(gitBusy("fatal: Unable to create '/d/.git/index.lock': File exists.")).toBe(true);
    expect(gitBusy("fatal: unable to access 'https://example.com/r.git/': Could not resolve host: example.com")).toBe(false);
    expect(gitBusy("remote: error: cannot lock ref 'refs/heads/main': reference already exists")).toBe(false);
  });
});
