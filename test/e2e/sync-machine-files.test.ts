import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mtl, ok, readStore } from '../helpers/cli.js';
import { git, machines, started } from '../helpers/sync.js';

/**
 * `mtl sync` never takes in a file that belongs to each machine (the lock, the preferences, the undo
 * journal...): git would overwrite this machine's ignored copy on checkout. Nor does it send one.
 */

const id = ['-c', 'user.name=X', '-c', 'user.email=x@example.com'];

/** A clone of the remote that commits the given files with `git add -f` and pushes them. */
function plant(m: ReturnType<typeof machines>, files: Record<string, string>, extra: (dir: string) => void = () => undefined): string {
  const other = path.join(m.root, 'evil');
  git(m.root, ['clone', '-q', '-b', 'main', m.remote, other], m.gitEnv);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(other, file)), { recursive: true });
    fs.writeFileSync(path.join(other, file), text);
  }
  extra(other);
  git(other, ['add', '-f', '--all'], m.gitEnv);
  git(other, [...id, 'commit', '-qm', 'evil'], m.gitEnv);
  git(other, ['push', '-q', 'origin', 'HEAD:main'], m.gitEnv);
  return git(other, ['rev-parse', '--short=7', 'HEAD'], m.gitEnv);
}

const lockText = `{"pid":1,"host":"${os.hostname()}","token":"zz","since":"2027-01-01T00:00:00Z"}\n`;

describe('mtl sync: a remote commit holding a machine-local file is refused', () => {
  it('fast-forward: a planted mtl.lock and config.json are refused, naming them and the commit; nothing changes here', async () => {
    const m = await started();
    const commit = plant(m, { 'config.json': '{"goalsDir":"/tmp/victim"}\n', 'mtl.lock': lockText });
    const head = git(m.a, ['rev-parse', 'HEAD'], m.gitEnv);
    const r = await mtl(m.a, ['sync'], m.at('2027-02-05T09:00:00'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`mtl: ${m.remote}'s commit ${commit} holds files that each machine keeps for itself and mtl never syncs: "config.json", "mtl.lock"; nothing was changed here.`);
    expect(r.stderr).toContain('git rm --cached -- config.json mtl.lock, then commit and push. Then run mtl sync again.');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(git(m.a, ['rev-parse', 'HEAD'], m.gitEnv)).toBe(head);
    expect(git(m.a, ['status', '--porcelain'], m.gitEnv)).toBe('');
    expect(fs.existsSync(path.join(m.a, 'config.json'))).toBe(false);
    expect(fs.existsSync(path.join(m.a, 'mtl.lock'))).toBe(false);
    // Writes still work: no lock was planted.
    await ok(m.a, ['praise', 'sam', 'still writable'], m.at('2027-02-05T09:00:00'));
  });

  it('a real merge: a planted undo.jsonl is refused before this machine commits; its own journal stays', async () => {
    const m = await started();
    const victim = path.join(m.root, 'victim');
    fs.mkdirSync(victim);
    fs.writeFileSync(path.join(victim, 'id_rsa'), 'precious\n');
    const journal = `{"n":1,"changes":[{"kind":"goals","id":"g9","before":null,"after":{"id":"g9","title":"Quarterly plan","template":"culture","file":${JSON.stringify(path.join(victim, 'id_rsa'))},"status":"open","progress":0,"checkIns":[],"created":"2027-02-01"}}]}\n`;
    const commit = plant(m, { 'undo.jsonl': journal });
    await ok(m.a, ['praise', 'sam', 'local change'], m.at('2027-02-05T09:00:00'));
    const own = fs.readFileSync(path.join(m.a, 'undo.jsonl'), 'utf8');
    const head = git(m.a, ['rev-parse', 'HEAD'], m.gitEnv);
    const r = await mtl(m.a, ['sync'], m.at('2027-02-05T09:00:00'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${m.remote}'s commit ${commit} holds a file that each machine keeps for itself and mtl never syncs: "undo.jsonl"; nothing was changed here.`);
    expect(r.stderr).toContain('It was added to the remote outside mtl (git add -f). Remove it there');
    // Not even the local change was committed.
    expect(git(m.a, ['rev-parse', 'HEAD'], m.gitEnv)).toBe(head);
    expect(git(m.a, ['status', '--porcelain'], m.gitEnv)).not.toBe('');
    expect(fs.readFileSync(path.join(m.a, 'undo.jsonl'), 'utf8')).toBe(own);
    const undone = await mtl(m.a, ['undo'], m.at('2027-02-05T09:00:00'));
    expect(undone.stderr).toContain('Undid adding praise entry');
    expect(fs.readFileSync(path.join(victim, 'id_rsa'), 'utf8')).toBe('precious\n');
    expect(fs.existsSync(path.join(m.a, 'goals', 'archive', 'id_rsa'))).toBe(false);
  });

  it('matches names as git ignores them: at any depth, any case, *.tmp anywhere, a folder of that name', async () => {
    for (const [file, shown] of [['goals/notes.tmp', '"goals/notes.tmp"'], ['goals/NUDGE.JSON', '"goals/NUDGE.JSON"'], ['mtl.sync-merge/x', '"mtl.sync-merge/x"']] as const) {
      const m = await started();
      plant(m, { [file]: '{}\n' });
      await ok(m.a, ['praise', 'sam', 'diverged'], m.at('2027-02-05T09:00:00'));
      const head = git(m.a, ['rev-parse', 'HEAD'], m.gitEnv);
      const r = await mtl(m.a, ['sync'], m.at('2027-02-05T09:00:00'));
      expect(r.code, file).toBe(1);
      expect(r.stderr).toContain(`mtl never syncs: ${shown}; nothing was changed here.`);
      expect(git(m.a, ['rev-parse', 'HEAD'], m.gitEnv)).toBe(head);
      expect(fs.existsSync(path.join(m.a, file))).toBe(false);
    }
  });

  it('sync init onto a remote that already holds one refuses, taking nothing in', async () => {
    const m = await started();
    const commit = plant(m, { 'nudge.json': '{"last":"2027-01-01"}\n' });
    const c = path.join(m.root, 'c');
    const r = await mtl(c, ['sync', 'init', m.remote], m.at('2027-02-05T09:00:00'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${m.remote}'s commit ${commit} holds a file that each machine keeps for itself and mtl never syncs: "nudge.json"`);
    expect(fs.existsSync(path.join(c, 'nudge.json'))).toBe(false);
    expect(fs.existsSync(path.join(c, 'reports.jsonl'))).toBe(false);
    expect(readStore(c).members).toEqual([]);
  });

  it('never sends a machine-local file, even when a merged .gitignore stops ignoring it', async () => {
    const m = await started();
    plant(m, {}, (dir) => fs.appendFileSync(path.join(dir, '.gitignore'), '!nudge.log\n!*.tmp\n'));
    await ok(m.a, ['sync'], m.at('2027-02-05T09:00:00'));
    expect(fs.readFileSync(path.join(m.a, '.gitignore'), 'utf8')).toContain('!nudge.log');
    fs.writeFileSync(path.join(m.a, 'nudge.log'), 'private\n');
    fs.writeFileSync(path.join(m.a, 'goals', 'draft.tmp'), 'private\n');
    await ok(m.a, ['praise', 'sam', 'after the new .gitignore'], m.at('2027-02-05T10:00:00'));
    await ok(m.a, ['sync'], m.at('2027-02-05T10:00:00'));
    const sent = git(m.root, ['--git-dir', m.remote, 'ls-tree', '-r', '--name-only', 'main'], m.gitEnv).split('\n');
    expect(sent).toContain('reports.jsonl');
    expect(sent.filter((f) => /nudge|\.tmp$|undo|mtl\.lock|config\.json/.test(f))).toEqual([]);
    // And B takes the sync in without a refusal.
    const b = await mtl(m.b, ['sync'], m.at('2027-02-05T11:00:00'));
    expect(b.code, b.stderr).toBe(0);
  });
});
