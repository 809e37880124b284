import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, mtl, ok, readStore } from '../helpers/cli.js';
import { git, machines, started } from '../helpers/sync.js';

/** `mtl sync` end to end, safety: set-up, refusals, and what an attacker or a crash tried. */

describe('mtl sync: setting up, status and refusals', () => {
  it('status before init says never synced; sync before init refuses with the next step', async () => {
    const m = machines();
    await ok(m.a, ['team', 'add', 'Sam'], m.at('2027-02-01T09:00:00'));
    const status = await ok(m.a, ['sync', 'status'], m.at('2027-02-01T09:00:00'));
    expect(status).toContain('Never synced');
    expect(JSON.parse(await ok(m.a, ['sync', 'status', '--json']))).toEqual({ synced: false, dataDir: m.a });
    const r = await mtl(m.a, ['sync'], m.at('2027-02-01T09:00:00'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is not synced yet');
    expect(r.stderr).toContain('mtl sync init <remote>');
    expect(fs.existsSync(path.join(m.a, '.git'))).toBe(false);
  });

  it('refuses a remote that git would read as an option, or holds a control character, creating nothing', async () => {
    const m = machines();
    for (const args of [['--upload-pack=touch /tmp/pwned'], ['--', '--upload-pack=touch /tmp/pwned'], ['x\u001b[31m']]) {
      const r = await mtl(m.a, ['sync', 'init', ...args], m.at('2027-02-01T09:00:00'));
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/^mtl: |^error: /);
      expect(fs.existsSync(path.join(m.a, '.git'))).toBe(false);
    }
  });

  it('status after changes: files changed here, commits not sent', async () => {
    const m = await started();
    const t = m.at('2027-02-05T09:00:00');
    await ok(m.a, ['praise', 'sam', 'after the sync'], t);
    const text = await ok(m.a, ['sync', 'status'], t);
    expect(text).toContain('branch main');
    expect(text).toMatch(/Changed here since the last sync: [12] files?\./);
    expect(text).toContain('Run: mtl sync');
    expect(fs.statSync(path.join(m.a, '.git')).mode & 0o777).toBe(0o700);
  });

  it('a repository whose remote was removed by hand: sync says so and how to add one, changing nothing', async () => {
    const m = await started();
    const t = m.at('2027-02-05T09:00:00');
    git(m.a, ['remote', 'remove', 'origin'], m.gitEnv);
    const head = git(m.a, ['rev-parse', 'HEAD'], m.gitEnv);
    const r = await mtl(m.a, ['sync'], t);
    expect([r.code, r.stderr]).toEqual([1, `mtl: The repository in ${m.a} has no remote named origin.\nAdd one with: mtl sync init <remote>\n`]);
    expect(git(m.a, ['rev-parse', 'HEAD'], m.gitEnv)).toBe(head);
  });

  it('without git: says it is needed, exit 1, nothing changed', async () => {
    const m = machines();
    const r = await mtl(m.a, ['sync', 'init', m.remote], { env: { ...m.at('2027-02-01T09:00:00').env, PATH: path.join(m.root, 'empty-bin') } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('mtl sync needs the git program');
    expect(fs.existsSync(m.a)).toBe(false);
  });

  it('hides a password in an https remote', async () => {
    const m = machines();
    const r = await mtl(m.a, ['sync', 'init', 'https://me:s3cret@127.0.0.1:9/mtl.git'], m.at('2027-02-01T09:00:00'));
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('s3cret');
    expect(r.stderr).toContain('https://***@127.0.0.1:9/mtl.git');
  });
});

describe('mtl sync: what comes from the remote is data, never a way out of the folder', () => {
  it('refuses a remote commit that holds a link, changing nothing here', async () => {
    const m = await started();
    const t = m.at('2027-02-05T09:00:00');
    // Someone else's clone pushes a link where a praise file would be.
    const other = path.join(m.root, 'other');
    git(m.root, ['clone', '-q', '-b', 'main', m.remote, other], m.gitEnv);
    fs.symlinkSync('/etc/passwd', path.join(other, 'praise', '2027-Q2.jsonl'));
    const id = ['-c', 'user.name=X', '-c', 'user.email=x@example.com'];
    git(other, ['add', '--all'], m.gitEnv);
    git(other, [...id, 'commit', '-qm', 'link'], m.gitEnv);
    git(other, ['push', '-q', 'origin', 'main'], m.gitEnv);
    const before = git(m.a, ['rev-parse', 'HEAD'], m.gitEnv);
    const r = await mtl(m.a, ['sync'], t);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('holds an entry that mtl does not take into a data folder (a link, a submodule, or a name such as .. or .git): "praise/2027-Q2.jsonl"');
    expect(git(m.a, ['rev-parse', 'HEAD'], m.gitEnv)).toBe(before);
    expect(fs.existsSync(path.join(m.a, 'praise', '2027-Q2.jsonl'))).toBe(false);
  });
});

describe('mtl sync: what an attacker with the remote, or bad luck, tried', () => {
  const id = ['-c', 'user.name=X', '-c', 'user.email=x@example.com'];
  /** Another clone of the remote, for commits made by hand. */
  function clone(m: ReturnType<typeof machines>): string {
    const other = path.join(m.root, 'other');
    git(m.root, ['clone', '-q', '-b', 'main', m.remote, other], m.gitEnv);
    return other;
  }

  it('refuses a remote tree naming .. or .git (written by mktree), writing nothing anywhere', async () => {
    const m = await started();
    expect(git(m.a, ['config', 'fetch.fsckObjects'], m.gitEnv)).toBe('true');
    const other = clone(m);
    const evil = spawnSync('git', ['hash-object', '-w', '--stdin'], { cwd: other, input: 'written outside\n', encoding: 'utf8' }).stdout.trim();
    const up = spawnSync('git', ['mktree'], { cwd: other, input: `100644 blob ${evil}\tevil.txt\n`, encoding: 'utf8' }).stdout.trim();
    const listing = git(other, ['ls-tree', 'HEAD'], m.gitEnv);
    const tree = spawnSync('git', ['mktree'], { cwd: other, input: `${listing}\n040000 tree ${up}\t..\n`, encoding: 'utf8' }).stdout.trim();
    const commit = git(other, [...id, 'commit-tree', tree, '-p', 'HEAD', '-m', 'evil'], m.gitEnv);
    // The bare remote does not check what it receives; the clone that fetches does (fetch.fsckObjects).
    git(other, ['push', '-q', 'origin', `${commit}:refs/heads/main`], m.gitEnv);
    await ok(m.a, ['praise', 'sam', 'diverged on purpose'], m.at('2027-02-05T09:00:00'));
    const r = await mtl(m.a, ['sync'], m.at('2027-02-05T09:00:00'));
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(m.root, 'evil.txt'))).toBe(false);
    expect(readStore(m.a).praise.map((p: { text: string }) => p.text)).toContain('diverged on purpose');
    // Even with the check at fetch switched off, mtl's own check refuses the path.
    git(m.a, ['config', 'fetch.fsckObjects', 'false'], m.gitEnv);
    const again = await mtl(m.a, ['sync'], { env: { ...m.at('2027-02-05T09:00:00').env, GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'fetch.fsckObjects', GIT_CONFIG_VALUE_0: 'false' } });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('holds an entry that mtl does not take into a data folder');
    expect(fs.existsSync(path.join(m.root, 'evil.txt'))).toBe(false);
  });

  it('refuses to fast-forward onto remote data files it cannot read, naming the remote commit', async () => {
    const m = await started();
    const other = clone(m);
    fs.writeFileSync(path.join(other, 'reports.jsonl'), '<<<<<<< HEAD\n{"id":"r1","name":"Sam Lee","added":"2027-02-01","notes":[]}\n=======\n>>>>>>> x\n');
    git(other, [...id, 'commit', '-qam', 'markers'], m.gitEnv);
    git(other, ['push', '-q', 'origin', 'main'], m.gitEnv);
    const before = git(m.a, ['rev-parse', 'HEAD'], m.gitEnv);
    const r = await mtl(m.a, ['sync'], m.at('2027-02-05T09:00:00'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^mtl: \S+remote\.git's commit [0-9a-f]{7}: reports\.jsonl is damaged: line 1: it is not valid JSON \([^\n]+\)\.\nNothing was changed here\.\nRepair it where it was made/);
    expect(r.stderr).not.toContain('mtl-sync-');
    expect(r.stderr).not.toContain('mtl has not changed it');
    expect(git(m.a, ['rev-parse', 'HEAD'], m.gitEnv)).toBe(before);
    expect((await mtl(m.a, ['team', 'list'])).code).toBe(0);
  });

  it('refuses a goal whose file the remote names outside the goals folder', async () => {
    const m = await started();
    const other = clone(m);
    const goals = fs.readFileSync(path.join(other, 'goals.jsonl'), 'utf8').replace('"g1-weekly-demos.md"', '"../../outside.md"');
    fs.writeFileSync(path.join(other, 'goals.jsonl'), goals);
    git(other, [...id, 'commit', '-qam', 'path'], m.gitEnv);
    git(other, ['push', '-q', 'origin', 'main'], m.gitEnv);
    const r = await mtl(m.a, ['sync'], m.at('2027-02-05T09:00:00'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('names goal files outside the goals folder (g1: "../../outside.md")');
    expect(readStore(m.a).goals[0].file).toBe('g1-weekly-demos.md');
  });

  it('a goal file with the executable bit syncs like any other', async () => {
    const m = await started();
    const file = path.join(m.a, 'goals', 'g1-weekly-demos.md');
    fs.chmodSync(file, 0o700);
    fs.appendFileSync(file, '\nmy plan\n');
    await ok(m.a, ['praise', 'sam', 'a'], m.at('2027-02-05T09:00:00'));
    await ok(m.b, ['praise', 'alex', 'b'], m.at('2027-02-05T09:00:00'));
    await ok(m.a, ['sync'], m.at('2027-02-05T09:00:00'));
    const r = await mtl(m.b, ['sync'], m.at('2027-02-05T09:00:00'));
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readFileSync(path.join(m.b, 'goals', 'g1-weekly-demos.md'), 'utf8')).toContain('my plan');
  });

  it('a sync killed while it writes its merge is undone by the next one; nothing writes meanwhile; no entry changes hands', async () => {
    const m = await started();
    await ok(m.a, ['team', 'add', 'Eve Stone'], m.at('2027-02-05T09:00:00'));
    await ok(m.a, ['praise', 'eve', 'Eve fixed the outage'], m.at('2027-02-05T09:00:00'));
    await ok(m.b, ['team', 'add', 'Frank Moss'], m.at('2027-02-05T09:00:00'));
    await ok(m.b, ['praise', 'frank', 'Frank wrote docs'], m.at('2027-02-05T09:00:00'));
    await ok(m.b, ['sync'], m.at('2027-02-05T10:00:00'));
    // Killed just before the praise file of the merge is renamed into place.
    const kill = path.join(m.root, 'kill.cjs');
    fs.writeFileSync(kill, `const fs = require('fs'); const o = fs.renameSync;
fs.renameSync = function (a, b) { if (/praise/.test(String(b))) process.kill(process.pid, 'SIGKILL'); return o.apply(this, arguments); };\n`);
    const killed = spawnSync(process.execPath, ['-r', kill, BIN, '--home', m.a, 'sync'], { env: { ...process.env, ...m.gitEnv, MTL_NOW: '2027-02-05T11:00:00', MTL_HOME: m.a }, encoding: 'utf8' });
    expect(killed.signal).toBe('SIGKILL');
    const meanwhile = await mtl(m.a, ['praise', 'eve', 'logged after the crash'], m.at('2027-02-05T11:05:00'));
    expect(meanwhile.code).toBe(1);
    expect(meanwhile.stderr).toContain('mtl sync was stopped while it wrote a merge');
    const r = await mtl(m.a, ['sync'], m.at('2027-02-05T11:10:00'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('A sync stopped while it wrote its merge was undone first');
    for (const home of [m.a, m.b]) {
      await ok(home, ['sync'], m.at('2027-02-05T11:20:00'));
      const store = readStore(home);
      const who = (text: string) => store.members.find((x: { id: string }) => x.id === store.praise.find((p: { text: string }) => p.text === text).member).name;
      expect(who('Eve fixed the outage')).toBe('Eve Stone');
      expect(who('Frank wrote docs')).toBe('Frank Moss');
    }
    expect(fs.existsSync(path.join(m.a, 'mtl.sync-merge'))).toBe(false);
  });

  // master: the remote's data is there, as a bare repository names its default. dev: the remote's
  // default (master) names nothing, and its one branch is where the first machine pushed.
  it.each(['master', 'dev'])('a remote whose data is on %s: a new machine follows that branch', async (branch) => {
    const m = machines();
    const t = m.at('2027-02-01T09:00:00');
    fs.mkdirSync(m.a, { recursive: true });
    git(m.a, ['init', '-q'], m.gitEnv);
    git(m.a, ['symbolic-ref', 'HEAD', `refs/heads/${branch}`], m.gitEnv);
    await ok(m.a, ['team', 'add', 'Carol'], t);
    await ok(m.a, ['sync', 'init', m.remote], t);
    await ok(m.b, ['team', 'add', 'Dan'], t);
    await ok(m.b, ['sync', 'init', m.remote], t);
    await ok(m.a, ['sync'], t);
    for (const home of [m.a, m.b]) expect(readStore(home).members.map((x: { name: string }) => x.name).sort()).toEqual(['Carol', 'Dan']);
    expect(git(m.root, ['--git-dir', m.remote, 'branch', '--format=%(refname:short)'], m.gitEnv)).toBe(branch);
  });

  it('hides a password holding @ or /, and status works before the first commit', async () => {
    const m = machines();
    const r = await mtl(m.a, ['sync', 'init', 'https://alice:s3cr@t/pw@127.0.0.1:9/mtl.git'], m.at('2027-02-01T09:00:00'));
    expect(r.stderr).not.toMatch(/s3cr|t\/pw/);
    const fresh = path.join(m.root, 'fresh');
    fs.mkdirSync(fresh);
    git(fresh, ['init', '-q'], m.gitEnv);
    const status = await mtl(fresh, ['sync', 'status'], m.at('2027-02-01T09:00:00'));
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain('0 commits here not yet sent');
  });

  it('the merge driver given a missing file says so, without a stack trace', async () => {
    const m = machines();
    const r = await mtl(m.a, ['sync', '__merge-file', '/nonexistent/o', '/nonexistent/a', '/nonexistent/b', 'reports.jsonl']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('git gave a file that is not there');
    expect(r.stderr).not.toContain('unexpected error');
  });
});
