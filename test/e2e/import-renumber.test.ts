import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mtl, ok, readStore, tempHome } from '../helpers/cli.js';

const NOW = { env: { MTL_NOW: '2027-02-10T09:00:00' } };

describe('mtl import --merge says what it renumbered', () => {
  it('names each entry whose id was taken here, with its new id and its goal file', async () => {
    const laptop = tempHome();
    await ok(laptop, ['team', 'add', 'Sam Lee'], NOW);
    await ok(laptop, ['team', 'add', 'Ana Diaz'], NOW);
    await ok(laptop, ['praise', 'sam', 'Clear incident write-up'], NOW);
    await ok(laptop, ['goals', 'new', '--template', 'culture', '--title', 'Weekly demos', '--yes'], NOW);
    const backup = path.join(path.dirname(laptop), 'laptop.json');
    await ok(laptop, ['export', '-o', backup], NOW);

    const home = tempHome();
    await ok(home, ['team', 'add', 'Priya Raman'], NOW);
    await ok(home, ['team', 'add', 'Sam Lee'], NOW);
    await ok(home, ['praise', 'priya', 'Great demo'], NOW);
    await ok(home, ['goals', 'new', '--template', 'culture', '--title', 'Team lunch every month', '--yes'], NOW);
    const r = await mtl(home, ['import', backup, '--merge'], NOW);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')).toEqual([
      'Merged: added 1 report, 1 goal, 1 praise entry. Nothing already here was lost.',
      'Renumbered (those ids were taken here): r2 → r3 (report Ana Diaz), g1 → g2 (goal "Weekly demos"; its file is now g2-weekly-demos.md), p1 → p2 (praise entry for Sam Lee).',
      '',
    ]);
    const store = readStore(home);
    expect(store.praise.map((p: { id: string; member: string; text: string }) => `${p.id} ${p.member} ${p.text}`)).toEqual(['p1 r1 Great demo', 'p2 r2 Clear incident write-up']);
    expect(fs.existsSync(path.join(home, 'goals', 'g2-weekly-demos.md'))).toBe(true);

    // Nothing new the second time: nothing renumbered either.
    const again = await mtl(home, ['import', backup, '--merge'], NOW);
    expect(again.stderr).toBe('Nothing new in that backup: everything in it is already here.\n');
  });

  it('cuts a long list after five, counting the rest', async () => {
    const laptop = tempHome();
    await ok(laptop, ['team', 'add', 'Sam Lee'], NOW);
    for (const n of [1, 2, 3, 4, 5, 6, 7]) await ok(laptop, ['praise', 'sam', `Praise number ${n}`], NOW);
    const backup = path.join(path.dirname(laptop), 'laptop.json');
    await ok(laptop, ['export', '-o', backup], NOW);
    const home = tempHome();
    await ok(home, ['team', 'add', 'Sam Lee'], NOW);
    await ok(home, ['praise', 'sam', 'Great demo'], NOW);
    const r = await mtl(home, ['import', backup, '--merge'], NOW);
    expect(r.stderr.split('\n')[1]).toBe(
      'Renumbered (those ids were taken here): p1 → p2 (praise entry for Sam Lee), p2 → p3 (praise entry for Sam Lee), p3 → p4 (praise entry for Sam Lee), p4 → p5 (praise entry for Sam Lee), p5 → p6 (praise entry for Sam Lee), and 2 more.',
    );
  });

  it('says nothing of ids when every added entry kept its own', async () => {
    const laptop = tempHome();
    await ok(laptop, ['team', 'add', 'Sam Lee'], NOW);
    await ok(laptop, ['praise', 'sam', 'Clear incident write-up'], NOW);
    await ok(laptop, ['praise', 'sam', 'Calm retro'], NOW);
    const backup = path.join(path.dirname(laptop), 'laptop.json');
    await ok(laptop, ['export', '-o', backup], NOW);
    const home = tempHome();
    await ok(home, ['team', 'add', 'Sam Lee'], NOW);
    await ok(home, ['praise', 'sam', 'Clear incident write-up'], NOW);
    const r = await mtl(home, ['import', backup, '--merge'], NOW);
    expect(r.stderr).toBe('Merged: added 1 praise entry. Nothing already here was lost.\n');
    expect(readStore(home).praise.map((p: { id: string }) => p.id)).toEqual(['p1', 'p2']);
  });
});
