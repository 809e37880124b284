import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mode, mtl, ok, readStore } from '../helpers/cli.js';
import { exported, git, markers, started } from '../helpers/sync.js';

/** `mtl sync` end to end, merging: two data folders (two machines), a bare repository, the real git. */

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
    expect(r.stderr).toContain('Both machines changed the title of goal g1: kept "Demo Fridays", not "Demos every week". Change it with: mtl edit g1 --title ...');
    expect(readStore(m.a).goals[0].title).toBe('Demo Fridays');
    // A third machine with its own Sam Lee, added another day: joined; the day added has no command.
    const c = path.join(m.root, 'c');
    await ok(c, ['team', 'add', 'Sam Lee'], m.at('2027-02-03T09:00:00'));
    const joined = await mtl(c, ['sync', 'init', m.remote], m.at('2027-02-05T09:00:00'));
    expect(joined.code, joined.stderr).toBe(0);
    const line = joined.stderr.split('\n').find((l) => l.startsWith('Both machines changed the day added of report'));
    expect(line).toMatch(/^Both machines changed the day added of report r\d+: kept "2027-0\d-0\d", not "2027-0\d-0\d"\. See it: mtl show r\d+$/);
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

  it('a git pull by hand never leaves praise in two quarter files: a move on one side and an edit on the other go to mtl sync', async () => {
    const m = await started();
    const t = m.at('2027-04-05T09:00:00');
    await ok(m.a, ['praise', 'sam', 'stays in Q1'], m.at('2027-02-02T09:00:00'));
    await ok(m.a, ['sync'], t);
    await ok(m.b, ['sync'], t);
    // A moves p1 into Q2; B changes its text in Q1's file.
    await ok(m.a, ['edit', 'p1', '--date', '2027-04-02'], t);
    await ok(m.a, ['sync'], t);
    await ok(m.b, ['edit', 'p1', '--text', 'tidy, complete handover notes'], t);
    const id = ['-c', 'user.name=B', '-c', 'user.email=b@example.com'];
    git(m.b, ['add', '--all'], m.gitEnv);
    git(m.b, [...id, 'commit', '-qm', 'by hand'], m.gitEnv);
    const pull = spawnSync('git', [...id, 'pull', '-q', '--no-rebase', '--no-edit', 'origin', 'main'], { cwd: m.b, env: { ...process.env, ...m.gitEnv }, encoding: 'utf8' });
    expect(pull.status).not.toBe(0);
    expect(pull.stderr).toContain('praise/2027-Q1.jsonl: p1 left this file on one side (perhaps for another quarter\'s) and changed on the other');
    expect(markers(m.b)).toEqual([]);
    // As the message says: abort, then mtl sync, which sees both files; p1 is in one of them.
    git(m.b, ['merge', '--abort'], m.gitEnv);
    await ok(m.b, ['sync'], t);
    const p1 = readStore(m.b).praise.filter((p: { id: string }) => p.id === 'p1');
    expect(p1).toHaveLength(1);
  });

  it('when the driver cannot merge a file alone, it leaves it as it was, without markers, and says to use mtl sync', async () => {
    const m = await started();
    const t = m.at('2027-02-05T09:00:00');
    await ok(m.a, ['team', 'add', 'Lee Chan'], t);
    await ok(m.a, ['praise', 'sam', 'kept on A'], t);
    await ok(m.b, ['team', 'add', 'Max Roy'], t);
    await ok(m.a, ['sync'], t);
    const id = ['-c', 'user.name=B', '-c', 'user.email=b@example.com'];
    git(m.b, ['add', '--all'], m.gitEnv);
    git(m.b, [...id, 'commit', '-qm', 'by hand'], m.gitEnv);
    const pull = spawnSync('git', [...id, 'pull', '-q', '--no-rebase', '--no-edit', 'origin', 'main'], { cwd: m.b, env: { ...process.env, ...m.gitEnv }, encoding: 'utf8' });
    expect(pull.status).not.toBe(0);
    expect(pull.stderr).toContain('run git merge --abort (or git rebase --abort), then mtl sync');
    expect(markers(m.b)).toEqual([]);
    // mtl sync before the abort: committing now would finish git's merge with B's side of the
    // reports file, and A's Lee Chan would be gone on both machines after their next syncs.
    const head = git(m.b, ['rev-parse', 'HEAD'], m.gitEnv);
    const remoteHead = git(m.root, ['--git-dir', m.remote, 'rev-parse', 'main'], m.gitEnv);
    const refused = await mtl(m.b, ['sync'], t);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `mtl: The repository in ${m.b} is in the middle of a merge (a git pull or git merge) started outside mtl; mtl has not changed or committed anything.\n` +
        `Finish it by hand, or undo it: git -C ${m.b} merge --abort\nThen run mtl sync again: it merges entry by entry, without conflicts.\n`,
    );
    expect([git(m.b, ['rev-parse', 'HEAD'], m.gitEnv), git(m.root, ['--git-dir', m.remote, 'rev-parse', 'main'], m.gitEnv)]).toEqual([head, remoteHead]);
    expect(fs.existsSync(path.join(m.b, '.git', 'MERGE_HEAD'))).toBe(true);
    const status = await ok(m.b, ['sync', 'status'], t);
    expect(status).toContain('Unfinished: a merge (a git pull or git merge) started outside mtl; mtl sync waits until it is finished or undone (git merge --abort).');
    expect(status).not.toContain('Run: mtl sync');
    expect(JSON.parse(await ok(m.b, ['sync', 'status', '--json'], t)).unfinished).toBe('a merge (a git pull or git merge)');
    git(m.b, ['merge', '--abort'], m.gitEnv);
    expect(JSON.parse(await ok(m.b, ['sync', 'status', '--json'], t)).unfinished).toBe(null);
    const r = await mtl(m.b, ['sync'], t);
    expect(r.code, r.stderr).toBe(0);
    expect(readStore(m.b).members.map((x: { name: string }) => x.name).sort()).toEqual(['Alex Kim', 'Kim Park', 'Lee Chan', 'Max Roy', 'Sam Lee']);
    expect(readStore(m.b).praise.map((p: { text: string }) => p.text)).toContain('kept on A');
  });

  it('uses its own name for a commit where git has an empty one, and says what git could not read', async () => {
    const m = await started();
    const t = m.at('2027-02-05T09:00:00');
    fs.writeFileSync(m.gitEnv.GIT_CONFIG_GLOBAL, '[user]\n\tname = ""\n\temail = a@example.com\n');
    await ok(m.a, ['praise', 'sam', 'after an empty name'], t);
    await ok(m.a, ['sync'], t);
    expect(git(m.a, ['log', '-1', '--format=%an <%ae>'], m.gitEnv)).toMatch(/^mtl on .* <mtl@localhost>$/);
    // A setting without a value: git refuses to read any setting, so mtl says so in git's words.
    fs.writeFileSync(m.gitEnv.GIT_CONFIG_GLOBAL, '[user]\n\tname\n');
    const r = await mtl(m.a, ['sync'], t);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`mtl: git cannot read the repository in ${m.a}: error: missing value for 'user.name'`);
    fs.writeFileSync(m.gitEnv.GIT_CONFIG_GLOBAL, '');
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

  it('two reports of one name after a sync are said, never picked at random, and reachable by id', async () => {
    const m = await started();
    const t = m.at('2027-02-05T09:00:00');
    await ok(m.a, ['team', 'set', 'kim', '--name', 'Zoe Park'], t);
    await ok(m.b, ['team', 'add', 'Zoe Park'], t);
    await ok(m.b, ['praise', 'zoe', 'fixed the build, so we shipped'], t);
    await ok(m.a, ['sync'], t);
    const r = await mtl(m.b, ['sync'], t);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Two reports are now called Zoe Park \(r3, r\d\): give one a name that tells them apart, e\.g\. mtl team set r\d --name "<their full name>"/);
    const ids = readStore(m.b).members.filter((x: { name: string }) => x.name === 'Zoe Park').map((x: { id: string }) => x.id);
    const before = readStore(m.b).praise.length;
    const which = await mtl(m.b, ['praise', 'Zoe Park', 'second'], t);
    expect(which.code).toBe(1);
    expect(which.stderr).toContain(`Two reports are called Zoe Park (${ids.join(', ')}).`);
    expect(readStore(m.b).praise).toHaveLength(before);
    await ok(m.b, ['team', 'set', ids[1], '--name', 'Zoe Park-Lee'], t);
    await ok(m.b, ['praise', 'Zoe Park', 'second'], t);
    expect(readStore(m.b).praise.at(-1).member).toBe(ids[0]);
  });

  it('a git lock held in the folder (another sync at work) is said as that, not as the network', async () => {
    const m = await started();
    const t = m.at('2027-02-05T09:00:00');
    await ok(m.b, ['praise', 'sam', 'from b'], t);
    await ok(m.b, ['sync'], t);
    const lock = path.join(m.a, '.git', 'refs', 'remotes', 'origin', 'main.lock');
    fs.writeFileSync(lock, '');
    // In any language git speaks: mtl has it speak English, as it reads what git says.
    const r = await mtl(m.a, ['sync'], { env: { ...t.env, LANGUAGE: 'de', LC_ALL: 'C.UTF-8' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Another git command (perhaps another mtl sync) is working in this folder; run mtl sync again once it is done.');
    expect(r.stderr).not.toContain('when the remote can be reached');
    fs.rmSync(lock);
    expect((await mtl(m.a, ['sync'], t)).code).toBe(0);
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
