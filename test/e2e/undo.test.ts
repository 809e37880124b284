import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mtl, ok, readStore, tempHome } from '../helpers/cli.js';

const NOW = { env: { MTL_NOW: '2027-02-10T09:00:00' } };

async function withSam(): Promise<string> {
  const home = tempHome();
  await ok(home, ['team', 'add', 'Sam Lee'], NOW);
  return home;
}

describe('mtl undo', () => {
  it('reverts an added entry, says what it reverted, and never hands its id out again', async () => {
    const home = await withSam();
    await ok(home, ['praise', 'sam', 'Clear write-up of the incident'], NOW);
    const r = await mtl(home, ['undo'], NOW);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Undid adding praise entry p1 for Sam Lee ("Clear write-up of the incident").');
    expect(r.stderr).toContain('1 earlier change can be undone too; see them: mtl undo --list');
    expect(readStore(home).praise).toEqual([]);
    await ok(home, ['praise', 'sam', 'Ran a calm retro'], NOW);
    expect(readStore(home).praise.map((p: { id: string }) => p.id)).toEqual(['p2']);
  });

  it('reverts a change to an entry field by field, and goes back one change per call', async () => {
    const home = await withSam();
    await ok(home, ['goals', 'new', '--template', 'culture', '--title', 'Weekly demos', '--due', '2027-03-31'], NOW);
    const created = readStore(home).goals[0];
    await ok(home, ['goals', 'check-in', 'g1', 'Agreed the metrics with my boss', '--progress', '40'], NOW);
    await ok(home, ['goals', 'check-in', 'g1', 'First demo held', '--progress', '60'], NOW);

    const first = await mtl(home, ['undo'], NOW);
    expect(first.stderr).toMatch(/^Undid the change to goal g1 \("Weekly demos"\): progress back to 40, check-ins back to 1\./);
    expect(readStore(home).goals[0].progress).toBe(40);
    expect(readStore(home).goals[0].checkIns.map((c: { note: string }) => c.note)).toEqual(['Agreed the metrics with my boss']);

    await ok(home, ['undo'], NOW);
    expect(readStore(home).goals[0]).toEqual(created);
  });

  it('brings back what was changed away, and --list shows what it would revert, newest first', async () => {
    const home = await withSam();
    await ok(home, ['team', 'note', 'sam', 'Back from parental leave in March'], NOW);
    await ok(home, ['team', 'remove', 'sam'], NOW);
    const listed = await mtl(home, ['undo', '--list'], NOW);
    expect(listed.stdout.split('\n')[0]).toBe(' 1. the change to report r1 ("Sam Lee"): day they left the team (none) → "2027-02-10"');
    expect(listed.stdout).toContain(' 2. the change to report r1 ("Sam Lee"): notes (0 → 1)');
    expect(listed.stdout).toContain(' 3. adding report r1 ("Sam Lee")');
    const json = JSON.parse((await mtl(home, ['undo', '--list', '--json'], NOW)).stdout);
    expect(json.map((e: { n: number }) => e.n)).toEqual([3, 2, 1]);
    expect(json[0].changes[0]).toMatchObject({ kind: 'members', id: 'r1', after: { removed: '2027-02-10' } });
    // --list changes nothing.
    expect(readStore(home).members[0].removed).toBe('2027-02-10');

    await ok(home, ['undo'], NOW);
    expect(readStore(home).members[0].removed).toBeUndefined();
    expect(readStore(home).members[0].notes).toHaveLength(1);
    expect((await ok(home, ['team'], NOW))).toContain('Sam Lee');
  });

  it('brings back an entry removed with rm, and an edited one as it was, goal file included', async () => {
    const home = await withSam();
    await ok(home, ['feedback', 'sam', 'The rollout plan skipped the rollback'], NOW);
    const feedback = readStore(home).feedback[0];
    await ok(home, ['rm', 'f1', '--yes'], NOW);
    expect(readStore(home).feedback).toEqual([]);
    const r = await mtl(home, ['undo'], NOW);
    expect(r.stderr).toContain('Undid removing feedback note f1 for Sam Lee ("The rollout plan skipped the rollback").');
    expect(readStore(home).feedback).toEqual([feedback]);

    await ok(home, ['goals', 'new', '--template', 'culture', '--title', 'Weekly demos', '--due', '2027-03-31'], NOW);
    const file = path.join(home, 'goals', readStore(home).goals[0].file);
    const text = fs.readFileSync(file, 'utf8');
    await ok(home, ['edit', 'g1', '--due', '2027-04-15'], NOW);
    expect(fs.readFileSync(file, 'utf8')).toContain('2027-04-15');
    await ok(home, ['undo'], NOW);
    expect(readStore(home).goals[0].due).toBe('2027-03-31');
    expect(fs.readFileSync(file, 'utf8')).toBe(text);

    await ok(home, ['rm', 'g1', '--yes'], NOW);
    expect(fs.existsSync(file)).toBe(false);
    await ok(home, ['undo'], NOW);
    expect(readStore(home).goals[0].id).toBe('g1');
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
  });

  it('handles a command or an undo cut short (killed, power cut): never reverts an older change in its place', async () => {
    const home = await withSam();
    await ok(home, ['praise', 'sam', 'First'], NOW);
    await ok(home, ['praise', 'sam', 'Second'], NOW);
    // A note whose command was killed after its journal line, before its files: nothing of it saved.
    const sam = readStore(home).members[0];
    const journal = path.join(home, 'undo.jsonl');
    fs.appendFileSync(journal, JSON.stringify({ n: 4, changes: [{ kind: 'members', id: 'r1', before: sam, after: { ...sam, notes: [{ id: 'n1', date: '2027-02-10', text: 'lost' }] } }] }) + '\n');
    // And a command killed while writing its journal line.
    fs.appendFileSync(journal, '{"n":5,"chan');
    const first = await mtl(home, ['undo'], NOW);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('Nothing of the change to report r1 ("Sam Lee"): notes (0 → 1) was saved');
    expect(readStore(home).praise).toHaveLength(2);
    // An undo killed after reverting p2, before marking it: the next one only marks it.
    fs.appendFileSync(path.join(home, 'praise', '2027-Q1.jsonl'), '{"delete":"p2"}\n');
    const second = await mtl(home, ['undo'], NOW);
    expect(second.stderr).toContain('Nothing of adding praise entry p2');
    expect(readStore(home).praise.map((p: { id: string }) => p.id)).toEqual(['p1']);
    const third = await mtl(home, ['undo'], NOW);
    expect(third.stderr).toContain('Undid adding praise entry p1');
    expect(readStore(home).praise).toEqual([]);
  });

  it('keeps no line for a command that changed nothing', async () => {
    const home = await withSam();
    await ok(home, ['team', 'set', 'sam', '--cadence', '14'], NOW);
    await ok(home, ['team', 'set', 'sam', '--cadence', '14'], NOW);
    const listed = (await ok(home, ['undo', '--list'], NOW)).trim().split('\n');
    expect(listed).toHaveLength(2);
    expect(listed[0]).toContain('cadence (none) → 14');
  });

  it('says so when there is nothing to undo, changing nothing', async () => {
    const home = tempHome();
    const r = await mtl(home, ['undo'], NOW);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('mtl: Nothing to undo');
    expect(fs.existsSync(home)).toBe(false);
    const home2 = await withSam();
    await ok(home2, ['undo'], NOW);
    const again = await mtl(home2, ['undo'], NOW);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('mtl: Nothing to undo');
  });

  it('refuses to revert an entry changed since by hand, naming it, and reverts nothing', async () => {
    const home = await withSam();
    await ok(home, ['praise', 'sam', 'Clear write-up'], NOW);
    const file = path.join(home, 'praise', '2027-Q1.jsonl');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('Clear write-up', 'Clear write-up, edited'));
    const r = await mtl(home, ['undo'], NOW);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('mtl: Cannot undo: praise entry p1 changed since that change (by hand, or an import); nothing was undone.');
    expect(readStore(home).praise[0].text).toBe('Clear write-up, edited');
  });

  it('moves the file of a goal whose creation it reverts to the archive, never deleting it', async () => {
    const home = await withSam();
    await ok(home, ['goals', 'new', '--template', 'culture', '--title', 'Weekly demos', '--due', '2027-03-31'], NOW);
    const file = readStore(home).goals[0].file;
    await ok(home, ['undo'], NOW);
    expect(readStore(home).goals).toEqual([]);
    expect(fs.existsSync(path.join(home, 'goals', file))).toBe(false);
    expect(fs.existsSync(path.join(home, 'goals', 'archive', path.basename(file)))).toBe(true);
  });

  it('forgets everything at a purge, so a purged report can never come back through it', async () => {
    const home = await withSam();
    await ok(home, ['praise', 'sam', 'Clear write-up'], NOW);
    await ok(home, ['team', 'remove', 'sam', '--purge', '--yes'], NOW);
    expect(fs.existsSync(path.join(home, 'undo.jsonl'))).toBe(false);
    const r = await mtl(home, ['undo'], NOW);
    expect(r.stderr).toContain('Nothing to undo');
  });

  it('keeps the last 50 changes in a file that stays small', async () => {
    const home = await withSam();
    for (let i = 0; i < 120; i++) await ok(home, ['praise', 'sam', `Praise ${i}`], NOW);
    const lines = fs.readFileSync(path.join(home, 'undo.jsonl'), 'utf8').trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(100);
    const listed = (await ok(home, ['undo', '--list'], NOW)).trim().split('\n');
    expect(listed.length).toBeGreaterThanOrEqual(50);
    expect(listed[0]).toContain('p120');
    expect(fs.statSync(path.join(home, 'undo.jsonl')).mode & 0o777).toBe(0o600);
  });
});
