import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, mode, mtl, ok, readStore, tempHome } from '../helpers/cli.js';

/**
 * `mtl sync` end to end: two data folders (two machines) and a bare repository, with the real git
 * program and no git configuration of the user's (no name, no address: mtl gives its own).
 */

function machines() {
  const root = path.dirname(tempHome());
  fs.mkdirSync(root, { recursive: true });
  const remote = path.join(root, 'remote.git');
  const gitEnv = { GIT_CONFIG_GLOBAL: path.join(root, 'no-gitconfig'), GIT_CONFIG_NOSYSTEM: '1' };
  fs.writeFileSync(gitEnv.GIT_CONFIG_GLOBAL, '');
  git(root, ['init', '-q', '--bare', remote], gitEnv);
  const at = (now: string) => ({ env: { ...gitEnv, MTL_NOW: now } });
  return { root, remote, gitEnv, at, a: path.join(root, 'a'), b: path.join(root, 'b') };
}

function git(cwd: string, args: string[], env: Record<string, string>): string {
  const r = spawnSync('git', args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

/** Every file of a folder (but .git) whose text holds a conflict marker. */
function markers(dir: string): string[] {
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

async function exported(home: string, env: Record<string, string>): Promise<unknown> {
  const backup = JSON.parse(await ok(home, ['export', '--format', 'json'], { env }));
  delete backup.exported;
  delete backup.exportedAt;
  delete backup.preferences;
  return backup;
}

/** The same start on both machines: A sets up, syncs; B joins. */
async function started() {
  const m = machines();
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

/** Both machines work apart: the cases of the issue. */
async function workApart(m: Awaited<ReturnType<typeof started>>) {
  const ta = m.at('2027-02-03T09:00:00');
  const tb = m.at('2027-02-03T11:00:00');
  await ok(m.a, ['praise', 'sam', 'calm incident review'], ta);
  await ok(m.b, ['praise', 'sam', 'great onboarding guide'], tb);
  await ok(m.a, ['edit', 'g1', '--due', '2027-03-15'], ta);
  await ok(m.b, ['edit', 'g1', '--title', 'Demo Fridays'], tb);
  await ok(m.b, ['team', 'remove', 'kim', '--purge', '--yes'], tb);
  await ok(m.a, ['team', 'add', 'Lee Chan'], ta);
  await ok(m.b, ['team', 'add', 'Max Roy'], tb);
  await ok(m.a, ['feedback', 'alex', 'shorter standups'], ta);
}

function expectMerged(store: ReturnType<typeof readStore>) {
  const names = store.members.map((r: { name: string }) => r.name).sort();
  expect(names).toEqual(['Alex Kim', 'Lee Chan', 'Max Roy', 'Sam Lee']);
  expect(new Set(store.members.map((r: { id: string }) => r.id)).size).toBe(4);
  const sam = store.members.find((r: { name: string }) => r.name === 'Sam Lee').id;
  expect(store.praise.filter((p: { member: string }) => p.member === sam).map((p: { text: string }) => p.text).sort()).toEqual(['calm incident review', 'great onboarding guide']);
  expect(store.praise.some((p: { text: string }) => p.text === 'tidy handover notes')).toBe(false);
  expect(store.goals).toHaveLength(1);
  expect(store.goals[0]).toMatchObject({ title: 'Demo Fridays', due: '2027-03-15' });
  expect(store.feedback.map((f: { text: string }) => f.text)).toEqual(['shorter standups']);
  expect(new Set(store.praise.map((p: { id: string }) => p.id)).size).toBe(store.praise.length);
}

describe('mtl sync: two machines through one remote', () => {
  for (const order of [['a', 'b'], ['b', 'a']] as const) {
    it(`keeps every entry of both, removes what was removed, and agrees (${order.join(' then ')} first)`, async () => {
      const m = await started();
      await workApart(m);
      const later = m.at('2027-02-04T09:00:00');
      const [first, second] = order.map((k) => m[k]);
      const one = await mtl(first!, ['sync'], later);
      expect(one.code, one.stderr).toBe(0);
      expect(one.stderr).toContain('nothing new from the other machines; sent 1 commit');
      const two = await mtl(second!, ['sync'], later);
      expect(two.code, two.stderr).toBe(0);
      expect(two.stderr).toContain("merged the other machines' changes with yours");
      // Lee (A) and Max (B) were both r4: the side that syncs second renumbers its own.
      const renumbered = second === m.a ? 'Lee Chan' : 'Max Roy';
      expect(two.stderr).toMatch(new RegExp(`report r4 \\(${renumbered}\\) is now r5`));
      const three = await mtl(first!, ['sync'], later);
      expect(three.code, three.stderr).toBe(0);
      expect(three.stderr).toContain("received the other machines' changes");

      expectMerged(readStore(m.a));
      expect(await exported(m.a, later.env)).toEqual(await exported(m.b, later.env));
      expect(markers(m.a)).toEqual([]);
      expect(markers(m.b)).toEqual([]);
      for (const file of ['reports.jsonl', 'goals.jsonl', 'mtl.json']) expect(mode(path.join(first!, file))).toBe(0o600);

      // A third round changes nothing: no commit, nothing sent or received.
      const heads = [m.a, m.b].map((d) => git(d, ['rev-parse', 'HEAD'], m.gitEnv));
      for (const home of [m.a, m.b]) {
        const again = await mtl(home, ['sync'], later);
        expect(again.stderr).toContain('nothing new from the other machines; nothing to send');
      }
      expect([m.a, m.b].map((d) => git(d, ['rev-parse', 'HEAD'], m.gitEnv))).toEqual(heads);
      expect(heads[0]).toBe(heads[1]);
    });
  }

  it('the same field changed on both machines: the later change is kept and the other reported', async () => {
    const m = await started();
    await ok(m.a, ['edit', 'g1', '--title', 'Demos every week'], m.at('2027-02-05T09:00:00'));
    await ok(m.b, ['edit', 'g1', '--title', 'Demo Fridays'], m.at('2027-02-05T11:00:00'));
    await ok(m.b, ['sync'], m.at('2027-02-05T12:00:00'));
    const r = await mtl(m.a, ['sync'], m.at('2027-02-05T12:00:00'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Both machines changed the title of goal g1: kept "Demo Fridays", not "Demos every week". Change it with: mtl edit g1');
    expect(readStore(m.a).goals[0].title).toBe('Demo Fridays');
  });

  it('renames a renumbered goal file and keeps both goal files', async () => {
    const m = await started();
    const t = m.at('2027-02-05T09:00:00');
    await ok(m.a, ['goals', 'new', '--template', 'learning', '--title', 'Read two books', '--due', '2027-03-31'], t);
    await ok(m.b, ['goals', 'new', '--template', 'recognition', '--title', 'Praise weekly', '--due', '2027-03-31'], t);
    await ok(m.a, ['sync'], t);
    const r = await mtl(m.b, ['sync'], t);
    expect(r.stderr).toContain("Renumbered: this machine's goal g2 (Praise weekly) is now g3, as the other machine had already used g2; its file is now g3-praise-weekly.md.");
    expect(fs.readdirSync(path.join(m.b, 'goals')).sort()).toEqual(['g1-weekly-demos.md', 'g2-read-two-books.md', 'g3-praise-weekly.md']);
    const goals = readStore(m.b).goals;
    expect(goals.map((g: { id: string; file: string }) => `${g.id} ${g.file}`)).toEqual(['g1 g1-weekly-demos.md', 'g2 g2-read-two-books.md', 'g3 g3-praise-weekly.md']);
    await ok(m.a, ['sync'], t);
    expect(fs.readdirSync(path.join(m.a, 'goals')).sort()).toEqual(['g1-weekly-demos.md', 'g2-read-two-books.md', 'g3-praise-weekly.md']);
  });

  it('merges a goal file edited on both machines by lines, never with conflict markers', async () => {
    const m = await started();
    const t = m.at('2027-02-05T09:00:00');
    const file = (home: string) => path.join(home, 'goals', 'g1-weekly-demos.md');
    fs.writeFileSync(file(m.a), fs.readFileSync(file(m.a), 'utf8') + '\nA: first demo went well\n');
    fs.writeFileSync(file(m.b), fs.readFileSync(file(m.b), 'utf8') + '\nB: book the big room\n');
    await ok(m.a, ['sync'], t);
    const r = await mtl(m.b, ['sync'], t);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('goals/g1-weekly-demos.md: both machines changed the same lines; it now holds the lines of both');
    const text = fs.readFileSync(file(m.b), 'utf8');
    expect(text).toContain('A: first demo went well');
    expect(text).toContain('B: book the big room');
    expect(markers(m.b)).toEqual([]);
  });

  it("registers mtl's merge driver, which merges a data file for a git pull run by hand", async () => {
    const m = await started();
    expect(fs.readFileSync(path.join(m.a, '.gitattributes'), 'utf8')).toContain('*.jsonl merge=mtl');
    expect(fs.readFileSync(path.join(m.a, '.gitignore'), 'utf8')).toMatch(/^undo\.jsonl$/m);
    expect(git(m.a, ['config', 'merge.mtl.driver'], m.gitEnv)).toMatch(/ sync __merge-file %O %A %B %P$/);
    const t = m.at('2027-02-05T09:00:00');
    // Both change the same quarter's praise file: A edits p1, B adds p2.
    await ok(m.a, ['edit', 'p1', '--text', 'tidy, complete handover notes'], t);
    await ok(m.b, ['praise', 'alex', 'more pairing'], t);
    await ok(m.a, ['sync'], t);
    // B commits and pulls with git itself.
    const id = ['-c', 'user.name=B', '-c', 'user.email=b@example.com'];
    git(m.b, ['add', '--all'], m.gitEnv);
    git(m.b, [...id, 'commit', '-qm', 'by hand'], m.gitEnv);
    git(m.b, [...id, 'pull', '-q', '--no-rebase', '--no-edit', 'origin', 'main'], m.gitEnv);
    const texts = readStore(m.b).praise.map((p: { id: string; text: string }) => `${p.id} ${p.text}`);
    expect(texts).toEqual(['p1 tidy, complete handover notes', 'p2 more pairing']);
    expect(markers(m.b)).toEqual([]);
  });

  it('when the driver cannot merge a file alone, it leaves it as it was, without markers, and says to use mtl sync', async () => {
    const m = await started();
    const t = m.at('2027-02-05T09:00:00');
    await ok(m.a, ['team', 'add', 'Lee Chan'], t);
    await ok(m.b, ['team', 'add', 'Max Roy'], t);
    await ok(m.a, ['sync'], t);
    const id = ['-c', 'user.name=B', '-c', 'user.email=b@example.com'];
    git(m.b, ['add', '--all'], m.gitEnv);
    git(m.b, [...id, 'commit', '-qm', 'by hand'], m.gitEnv);
    const pull = spawnSync('git', [...id, 'pull', '-q', '--no-rebase', '--no-edit', 'origin', 'main'], { cwd: m.b, env: { ...process.env, ...m.gitEnv }, encoding: 'utf8' });
    expect(pull.status).not.toBe(0);
    expect(pull.stderr).toContain('run git merge --abort (or git rebase --abort), then mtl sync');
    expect(markers(m.b)).toEqual([]);
    git(m.b, ['merge', '--abort'], m.gitEnv);
    const r = await mtl(m.b, ['sync'], t);
    expect(r.code, r.stderr).toBe(0);
    expect(readStore(m.b).members.map((x: { name: string }) => x.name).sort()).toEqual(['Alex Kim', 'Kim Park', 'Lee Chan', 'Max Roy', 'Sam Lee']);
  });
});

describe('mtl sync: when it cannot reach the remote', () => {
  it('offline: says so, keeps and commits the local work, exits 1', async () => {
    const m = await started();
    const t = m.at('2027-02-05T09:00:00');
    await ok(m.a, ['praise', 'sam', 'written on the train'], t);
    fs.renameSync(m.remote, `${m.remote}.away`);
    const r = await mtl(m.a, ['sync'], t);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^mtl: Could not fetch from .*remote\.git/m);
    expect(r.stderr).toMatch(/Your changes are kept here, committed \(commit [0-9a-f]{7}\)/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(git(m.a, ['status', '--porcelain'], m.gitEnv)).toBe('');
    expect(git(m.a, ['log', '-1', '--format=%s'], m.gitEnv)).toMatch(/^mtl: changes on /);
    fs.renameSync(`${m.remote}.away`, m.remote);
    const back = await mtl(m.a, ['sync'], t);
    expect(back.stderr).toContain('sent 1 commit');
  });

  it('a rejected push: says so with git\'s reason, keeps the work committed, exits 1', async () => {
    const m = await started();
    const hook = path.join(m.remote, 'hooks', 'pre-receive');
    fs.writeFileSync(hook, '#!/bin/sh\necho "read-only mirror" >&2\nexit 1\n', { mode: 0o755 });
    const t = m.at('2027-02-05T09:00:00');
    await ok(m.a, ['praise', 'sam', 'kept even so'], t);
    const r = await mtl(m.a, ['sync'], t);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Could not push to');
    expect(r.stderr).toContain('read-only mirror');
    expect(git(m.a, ['status', '--porcelain'], m.gitEnv)).toBe('');
    const status = JSON.parse(await ok(m.a, ['sync', 'status', '--json'], t));
    expect(status).toMatchObject({ synced: true, branch: 'main', ahead: 1, behind: 0, changedFiles: 0 });
  });
});

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

  it('without git: says it is needed, exit 1, nothing changed', async () => {
    const m = machines();
    const r = await mtl(m.a, ['sync', 'init', m.remote], { env: { ...m.at('2027-02-01T09:00:00').env, PATH: path.join(m.root, 'empty-bin') } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('mtl sync needs the git program');
    expect(fs.existsSync(path.join(m.a, '.git'))).toBe(false);
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
    expect(r.stderr).toMatch(/'s commit [0-9a-f]{7}: reports\.jsonl is damaged/);
    expect(r.stderr).not.toContain('mtl-sync-');
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

  it('a remote whose data is on master: a new machine follows that branch', async () => {
    const m = machines();
    const t = m.at('2027-02-01T09:00:00');
    fs.mkdirSync(m.a, { recursive: true });
    git(m.a, ['init', '-q'], m.gitEnv);
    git(m.a, ['symbolic-ref', 'HEAD', 'refs/heads/master'], m.gitEnv);
    await ok(m.a, ['team', 'add', 'Carol'], t);
    await ok(m.a, ['sync', 'init', m.remote], t);
    await ok(m.b, ['team', 'add', 'Dan'], t);
    await ok(m.b, ['sync', 'init', m.remote], t);
    await ok(m.a, ['sync'], t);
    for (const home of [m.a, m.b]) expect(readStore(home).members.map((x: { name: string }) => x.name).sort()).toEqual(['Carol', 'Dan']);
    expect(git(m.root, ['--git-dir', m.remote, 'branch', '--format=%(refname:short)'], m.gitEnv)).toBe('master');
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
