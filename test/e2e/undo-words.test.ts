import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KIND_FILES } from '../../src/store/store.js';
import { mtl, ok, readStore, tempHome } from '../helpers/cli.js';

const NOW = { env: { MTL_NOW: '2027-02-10T09:00:00' } };

async function withTwo(): Promise<string> {
  const home = tempHome();
  await ok(home, ['team', 'add', 'Sam Lee'], NOW);
  await ok(home, ['team', 'add', 'Priya Raman'], NOW);
  return home;
}

describe('what mtl undo says about a change', () => {
  it('names a report by name, removed ones too, and shows other ids plainly', async () => {
    const home = await withTwo();
    await ok(home, ['process', 'add', 'release checklist', '--owner', 'sam'], NOW);
    await ok(home, ['1on1', 'sam', '--done', '--action', 'send the promotion criteria'], NOW);
    await ok(home, ['edit', 's1', '--to', 'priya'], NOW);
    await ok(home, ['edit', 't1', '--to', 'priya'], NOW);
    await ok(home, ['team', 'remove', 'sam'], NOW);

    const lines = (await ok(home, ['undo', '--list'], NOW)).split('\n');
    expect(lines[1]).toBe(' 2. the change to action item t1 for Priya Raman ("send the promotion criteria"): member Sam Lee → Priya Raman, 1:1 o1 → none');
    expect(lines[2]).toBe(' 3. the change to process s1 for Priya Raman ("release checklist"): member Sam Lee → Priya Raman');

    // Scripts get the ids as stored.
    const json = JSON.parse((await ok(home, ['undo', '--list', '--json'], NOW)));
    expect(json[1].changes[0]).toMatchObject({ kind: 'actions', id: 't1', before: { member: 'r1', oneOnOne: 'o1' }, after: { member: 'r2' } });
    expect(json[1].changes[0].after.oneOnOne).toBeUndefined();
    expect(json[1].changes[0].description).toBe(lines[1]!.slice(4));

    await ok(home, ['undo'], NOW);
    const r = await mtl(home, ['undo'], NOW);
    expect(r.stderr.split('\n')[0]).toBe('Undid the change to action item t1 for Priya Raman ("send the promotion criteria"): member back to Sam Lee, 1:1 back to o1.');
    expect(readStore(home).actions[0]).toMatchObject({ member: 'r1', oneOnOne: 'o1' });
  });

  it('shows an edit near the end of a long text where it is, not as the same start twice', async () => {
    const home = await withTwo();
    const text = 'Wrote a very clear and careful write-up of the outage, with the follow-ups for the team';
    await ok(home, ['praise', 'sam', text], NOW);
    await ok(home, ['edit', 'p1', '--text', text.replace('the team', 'the whole team')], NOW);
    expect((await ok(home, ['undo', '--list'], NOW)).split('\n')[0]).toBe(' 1. the change to praise entry p1 for Sam Lee ("Wrote a very clear and careful write-up…"): text "…for the team" → "…for the whole team"');
    const r = await mtl(home, ['undo'], NOW);
    expect(r.stderr.split('\n')[0]).toBe('Undid the change to praise entry p1 for Sam Lee ("Wrote a very clear and careful write-up…"): text back to "…for the team".');
    expect(readStore(home).praise[0].text).toBe(text);
  });

  it('calls a report goal what the rest of mtl calls it', async () => {
    const home = await withTwo();
    await ok(home, ['member-goals', 'sam', 'add', 'Lead the payments API redesign'], NOW);
    await ok(home, ['edit', 'm1', '--to', 'priya'], NOW);
    const lines = (await ok(home, ['undo', '--list'], NOW)).split('\n');
    expect(lines[0]).toBe(' 1. the change to report goal m1 for Priya Raman ("Lead the payments API redesign"): member Sam Lee → Priya Raman');
    expect(lines[1]).toBe(' 2. adding report goal m1 for Sam Lee ("Lead the payments API redesign")');
  });

  it('names a report goal changed since by hand with the same words', async () => {
    const home = await withTwo();
    await ok(home, ['member-goals', 'sam', 'add', 'Lead the payments API redesign'], NOW);
    const file = path.join(home, KIND_FILES.memberGoals);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('payments API redesign', 'payments API rewrite'));
    const r = await mtl(home, ['undo'], NOW);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('mtl: Cannot undo: report goal m1 changed since that change (by hand, or an import); nothing was undone.');
  });
});
