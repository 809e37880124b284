import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { BIN, mtl, ok, readStore, snapshot, tempHome } from '../helpers/cli.js';
import { seedTeam } from '../helpers/team.js';
import { TmuxSession } from '../helpers/tmux.js';

const env = { MTL_NOW: '2027-02-10T09:00:00' };

async function removedSam(home: string): Promise<void> {
  await seedTeam(home, '2027-01-04', 'Sam', 'Priya');
  await ok(home, ['praise', 'sam', 'great review'], { env });
  await ok(home, ['team', 'note', 'sam', 'two kids'], { env });
  await ok(home, ['team', 'remove', 'sam'], { env });
}

describe('team add of a removed report\'s name', () => {
  it('without a terminal, asks for --restore or --new and changes nothing', async () => {
    const home = tempHome();
    await removedSam(home);
    const before = snapshot(home);
    const r = await mtl(home, ['team', 'add', 'sam'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'mtl: Sam was on your team until 2027-02-10 (r1). Bring them back, or add a new report of that name?\n' +
        'Back with their history: mtl team add Sam --restore  A new report: mtl team add Sam --new\n',
    );
    expect(snapshot(home)).toEqual(before);
    const both = await mtl(home, ['team', 'add', 'sam', '--restore', '--new'], { env });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('Choose one of --restore and --new.');
    expect(snapshot(home)).toEqual(before);
  });

  it('the first name alone, as used to remove them, asks too; --new then adds a report called as typed', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Alex Kim'], { env });
    await ok(home, ['praise', 'alex', 'calm incident review'], { env });
    await ok(home, ['team', 'remove', 'alex'], { env });
    const before = snapshot(home);
    const r = await mtl(home, ['team', 'add', 'alex'], { env });
    expect([r.code, r.stderr]).toEqual([
      1,
      'mtl: Alex Kim was on your team until 2027-02-10 (r1). Bring them back, or add a new report called alex?\n' +
        "Back with their history: mtl team add 'Alex Kim' --restore  A new report: mtl team add alex --new\n",
    ]);
    expect(snapshot(home)).toEqual(before);
    await ok(home, ['team', 'add', 'alex', '--restore'], { env });
    expect(readStore(home).members.map((m: { id: string; name: string; removed?: string }) => [m.id, m.name, m.removed ?? null])).toEqual([['r1', 'Alex Kim', null]]);
    await ok(home, ['team', 'remove', 'alex'], { env });
    await ok(home, ['team', 'add', 'alex', '--new'], { env });
    expect(readStore(home).members.map((m: { id: string; name: string }) => [m.id, m.name])).toEqual([['r1', 'Alex Kim'], ['r2', 'alex']]);
  });

  it('--restore brings them back with their history (any case), and clears removed', async () => {
    const home = tempHome();
    await removedSam(home);
    const r = await mtl(home, ['team', 'add', 'SAM', '--restore', '--note', 'back from leave'], { env: { MTL_NOW: '2027-03-01T09:00:00' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Sam is back on your team, with their earlier history (r1).');
    const store = readStore(home);
    expect(store.members).toHaveLength(2);
    expect(store.members[0].removed).toBeUndefined();
    expect(store.members[0].notes.map((n: { text: string }) => n.text)).toEqual(['two kids', 'back from leave']);
    expect(await ok(home, ['praise', 'list', 'sam'], { env })).toContain('great review');
  });

  it('--new adds another report of that name, the removed one kept apart', async () => {
    const home = tempHome();
    await removedSam(home);
    const r = await mtl(home, ['team', 'add', 'Sam', '--new'], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Added Sam to your team (r3).');
    const store = readStore(home);
    expect(store.members.map((m: { id: string; removed?: string }) => [m.id, m.removed ?? null])).toEqual([['r1', '2027-02-10'], ['r2', null], ['r3', null]]);
    expect(await ok(home, ['praise', 'list', 'sam'], { env })).not.toContain('great review');
  });

  it('--restore for a name nobody removed is refused', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-01-04', 'Priya');
    const r = await mtl(home, ['team', 'add', 'Alex', '--restore'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('There is no removed report called "Alex" to bring back.');
    expect(readStore(home).members).toHaveLength(1);
  });

  it.skipIf(!TmuxSession.available() || !fs.existsSync(BIN))('on a terminal, asks whether to bring them back', async () => {
    const home = tempHome();
    await removedSam(home);
    const tmux = new TmuxSession(`node ${BIN} team add sam`, { MTL_HOME: home, MTL_NOW: '2027-02-11T09:00:00' });
    try {
      await tmux.waitFor('Sam was on your team until 2027-02-10. What now?');
      await tmux.waitFor('Bring Sam back, with their history');
      tmux.keys('Enter');
      await tmux.waitFor('[exit 0]');
    } finally {
      tmux.kill();
    }
    expect(readStore(home).members[0].removed).toBeUndefined();
    expect(readStore(home).members).toHaveLength(2);
  });
});
