import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, mtl, ok, readStore, ROOT, snapshot, tempHome } from '../helpers/cli.js';

const NOW = { env: { MTL_NOW: '2027-02-10T09:00:00' } };
const FIXTURE = path.join(ROOT, 'test', 'fixtures');

/** Every file under `dir` as one text: to look for what must be nowhere. */
function everything(dir: string): string {
  return Object.values(snapshot(dir)).join('\n');
}

describe('an upgrade from mtl 0.1 (data version 2)', () => {
  const exported = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'v2-backup.json'), 'utf8'));
  const v2 = exported.data;

  /** The version-2 entries, as version 3 holds them: the same fields, ids added where there were none. */
  function expectSameEntries(data: any): void {
    for (const kind of ['assessments', 'goals', 'praise', 'feedback', 'memberGoals', 'delegations'] as const) {
      expect(data[kind], kind).toEqual(v2[kind]);
    }
    expect(data.members).toEqual(v2.members.map((m: any) => ({ ...m, notes: m.notes.map((n: any) => expect.objectContaining(n)) })));
    expect(data.members.flatMap((m: any) => m.notes.map((n: any) => n.id))).toEqual(['n1', 'n2', 'n3']);
    expect(data.oneOnOnes).toEqual(v2.oneOnOnes.map((o: any, i: number) => ({ id: `o${i + 1}`, ...o })));
    expect(data.innovationWeeks).toEqual(v2.innovationWeeks.map((w: any, i: number) => ({ id: `i${i + 1}`, ...w })));
    expect(data.learning.map(({ id: _id, ...e }: any) => e)).toEqual([
      ...v2.learning.logs.map((l: any) => ({ type: 'hours', ...l })),
      ...v2.learning.tips.map((t: any) => ({ type: 'tip', ...t })),
      ...v2.learning.booksRead.map((title: string) => ({ type: 'book', title })),
    ]);
  }

  it('turns a real version-2 folder into version 3 on the first command, losing no entry, id or date', async () => {
    const home = tempHome();
    fs.cpSync(path.join(FIXTURE, 'v2-store'), home, { recursive: true });
    const original = fs.readFileSync(path.join(home, 'mtl.json'), 'utf8');
    const backup = JSON.parse(await ok(home, ['export', '--format', 'json'], { env: { MTL_NOW: '2027-02-03T10:00:00' } }));
    expect(backup).toMatchObject({ format: 'mtl-backup', dataVersion: 3 });
    expectSameEntries(backup.data);
    expect(backup.goalFiles).toEqual(exported.goalFiles);
    expect(backup.preferences).toEqual(exported.preferences);
    expect(backup.counters).toEqual({ ...v2Counters(), n: 3, o: v2.oneOnOnes.length, i: 2, l: 4 });
    expect(fs.readdirSync(home).sort()).toEqual(['assessments.jsonl', 'config.json', 'delegations.jsonl', 'feedback.jsonl', 'goals', 'goals.jsonl', 'innovation-weeks.jsonl', 'learning.jsonl', 'member-goals.jsonl', 'mtl.json', 'mtl.v2.json', 'nudge.json', 'one-on-ones.jsonl', 'praise', 'reports.jsonl']);
    expect(fs.readdirSync(path.join(home, 'praise'))).toEqual(['2026-Q4.jsonl', '2027-Q1.jsonl']);
    expect(fs.readFileSync(path.join(home, 'mtl.v2.json'), 'utf8')).toBe(original);
    // Ids go on from where version 2 left them.
    await ok(home, ['praise', 'sam', 'after the upgrade'], { env: { MTL_NOW: '2027-02-04T10:00:00' } });
    expect(readStore(home).praise.at(-1).id).toBe(`p${v2Counters().p! + 1}`);
  });

  it('restores a version-2 backup into an empty folder with the same entries', async () => {
    const home = tempHome();
    expect((await mtl(home, ['import', path.join(FIXTURE, 'v2-backup.json')])).code).toBe(0);
    const backup = JSON.parse(await ok(home, ['export', '--format', 'json'], { env: { MTL_NOW: '2027-02-03T10:00:00' } }));
    expectSameEntries(backup.data);
    expect(backup.goalFiles).toEqual(exported.goalFiles);
  });

  function v2Counters(): Record<string, number> {
    return JSON.parse(fs.readFileSync(path.join(FIXTURE, 'v2-store', 'mtl.json'), 'utf8')).counters;
  }
});

describe('ids from a backup', () => {
  it('are refused when they are not a letter and a whole number, naming the entry; missing counters are rebuilt from the ids', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Sam']);
    await ok(home, ['praise', 'sam', 'first']);
    const backup = JSON.parse(await ok(home, ['export']));
    const file = path.join(path.dirname(home), 'edited.json');
    const badPrefs = path.join(path.dirname(home), 'prefs.json');
    fs.writeFileSync(badPrefs, JSON.stringify({ ...backup, preferences: { lookAheadDays: -5, recognitionDays: 10 } }));
    const fresh = tempHome();
    expect((await mtl(fresh, ['import', badPrefs])).stderr).toContain("The backup's lookAheadDays is not a preference mtl takes with that value; not restored.");
    expect(await ok(fresh, ['config', 'get', 'recognitionDays'])).toBe('10\n');
    const orphan = { ...backup, data: { ...backup.data, praise: [{ ...backup.data.praise[0], member: 'r7' }] } };
    fs.writeFileSync(file, JSON.stringify(orphan));
    expect((await mtl(home, ['import', file, '--merge'])).stderr).toContain(`p1 in "praise" is about r7, a report the backup does not have`);
    fs.writeFileSync(file, JSON.stringify({ ...backup, data: { ...backup.data, goals: [{ id: 'gInfinity', title: 't', template: 'culture', file: 'g.md', created: '2027-01-01', status: 'open', progress: 0, checkIns: [] }] } }));
    const merge = await mtl(home, ['import', file, '--merge']);
    expect(merge.code).toBe(1);
    expect(merge.stderr).toContain('entry 1 of "goals" (gInfinity): its id "gInfinity" is not "g" followed by a whole number from 1');
    // A backup without counters still never hands out r1 or p1 again.
    fs.writeFileSync(file, JSON.stringify({ ...backup, counters: {} }));
    const restored = tempHome();
    await ok(restored, ['import', file]);
    await ok(restored, ['team', 'add', 'Ann']);
    await ok(restored, ['praise', 'ann', 'second']);
    expect(readStore(restored).members.map((m: { id: string }) => m.id)).toEqual(['r1', 'r2']);
    expect(readStore(restored).praise.map((p: { id: string }) => p.id)).toEqual(['p1', 'p2']);
  });
});

describe('files mtl does not own', () => {
  it('a JSON file that is not mtl data is refused, and an export never writes over the data folder', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Sam']);
    for (const file of ['mtl.json', 'reports.jsonl', 'praise/2026-Q4.jsonl']) {
      const r = await mtl(home, ['export', '--output', path.join(home, file)]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('is one of the files mtl keeps its data in; nothing was written');
    }
    // Nor through a link to one of them.
    const link = path.join(path.dirname(home), 'looks-harmless.json');
    fs.symlinkSync(path.join(home, 'mtl.json'), link);
    expect((await mtl(home, ['export', '--output', link])).stderr).toContain('is one of the files mtl keeps its data in');
    expect(readStore(home).members.map((m: { name: string }) => m.name)).toEqual(['Sam']);
    const other = tempHome();
    fs.mkdirSync(other, { recursive: true });
    fs.writeFileSync(path.join(other, 'mtl.json'), '{"editor.fontSize": 14}\n');
    for (const args of [[], ['team', 'add', 'Ann']]) {
      const r = await mtl(other, args);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${path.join(other, 'mtl.json')} is not an mtl data file; mtl has not changed it`);
    }
    expect(fs.readdirSync(other)).toEqual(['mtl.json']);
  });

  it('a data file linked elsewhere is written through the link, which stays', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Sam']);
    const target = path.join(path.dirname(home), 'elsewhere.jsonl');
    fs.renameSync(path.join(home, 'reports.jsonl'), target);
    fs.symlinkSync(target, path.join(home, 'reports.jsonl'));
    await ok(home, ['team', 'note', 'sam', 'likes climbing']);
    expect(fs.lstatSync(path.join(home, 'reports.jsonl')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target, 'utf8')).toContain('likes climbing');

    // The link's target gone (a disk not mounted): refused, never read as no reports, and export
    // writes no backup without them.
    fs.renameSync(target, `${target}.away`);
    for (const args of [['team', 'list'], ['export', '--output', path.join(path.dirname(home), 'b.json')]]) {
      const r = await mtl(home, args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toContain(`${path.join(home, 'reports.jsonl')} is a link to ${target}, which is not there; mtl has not read or changed it.`);
    }
    expect(fs.existsSync(path.join(path.dirname(home), 'b.json'))).toBe(false);
  });

  it('a praise folder linked to a folder that is not there is refused, not read as no praise', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Sam']);
    await ok(home, ['praise', 'sam', 'tidy notes, so we shipped']);
    const away = path.join(path.dirname(home), 'unmounted', 'praise');
    fs.renameSync(path.join(home, 'praise'), path.join(path.dirname(home), 'praise-kept'));
    fs.symlinkSync(away, path.join(home, 'praise'));
    const r = await mtl(home, ['praise', 'list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${path.join(home, 'praise')} is a link to ${away}, which is not there; mtl has not read or changed it.`);
  });
});

describe('a write that fails part way', () => {
  it('says what failed, and a purge cut short finishes when run again, leaving nothing', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Ann'], NOW);
    await ok(home, ['team', 'add', 'Bob'], NOW);
    await ok(home, ['praise', 'ann', 'Ann praise'], NOW);
    await ok(home, ['feedback', 'ann', 'Ann feedback'], NOW);
    for (let i = 0; i < 12; i++) await ok(home, ['praise', 'bob', `Bob praise ${i} `.padEnd(200, '.')], NOW);
    // A file size limit of 1 KB: the first files fit, the praise file does not.
    const cut = spawnSync('/bin/sh', ['-c', `ulimit -f 1; exec '${process.execPath}' '${BIN}' team remove ann --purge --yes`], { env: { ...process.env, MTL_HOME: home, ...NOW.env }, encoding: 'utf8' });
    expect(cut.status).toBe(1);
    expect(cut.stderr).toMatch(/mtl: Cannot write .*: the file is too large \(EFBIG\)/);
    expect(cut.stderr).not.toMatch(/unexpected|\n\s+at /);
    // The report is still there: running the purge again finishes it.
    expect(readStore(home).members.map((m: { name: string }) => m.name)).toEqual(['Ann', 'Bob']);
    await ok(home, ['team', 'remove', 'ann', '--purge', '--yes'], NOW);
    expect(everything(home)).not.toContain('Ann');
    expect(readStore(home).praise).toHaveLength(12);
  });
});

describe('an import cut short', () => {
  it('never leaves an entry about a report it did not add, and run again finishes without doubling anything', async () => {
    const source = tempHome();
    await ok(source, ['team', 'add', 'Bob'], NOW);
    await ok(source, ['team', 'add', 'Cleo'], NOW);
    for (let i = 0; i < 10; i++) await ok(source, ['praise', i % 2 ? 'bob' : 'cleo', `Praise ${i} `.padEnd(150, '.')], NOW);
    const backup = path.join(path.dirname(source), 'backup.json');
    await ok(source, ['export', '--output', backup], NOW);
    const home = tempHome();
    await ok(home, ['team', 'add', 'Alice'], NOW);
    // 1 KB per file: the reports fit, the praise does not.
    const cut = spawnSync('/bin/sh', ['-c', `ulimit -f 1; exec '${process.execPath}' '${BIN}' import '${backup}' --merge`], { env: { ...process.env, MTL_HOME: home, ...NOW.env }, encoding: 'utf8' });
    expect(cut.status).toBe(1);
    expect(cut.stderr).toMatch(/Cannot write .*praise.*the file is too large/);
    const between = readStore(home);
    const reports = new Set(between.members.map((m: { id: string }) => m.id));
    expect(between.praise.filter((p: { member: string }) => !reports.has(p.member))).toEqual([]);
    expect((await mtl(home, ['import', backup, '--merge'], NOW)).code).toBe(0);
    const after = readStore(home);
    expect(after.members.map((m: { name: string }) => m.name)).toEqual(['Alice', 'Bob', 'Cleo']);
    expect(after.praise).toHaveLength(10);
    expect((await mtl(home, ['import', backup, '--merge'], NOW)).stderr).toContain('Nothing new in that backup');
  });
});

describe('team remove --purge', () => {
  it('leaves nothing of the report in any file, a version-2 copy and older quarters included', async () => {
    const home = tempHome();
    fs.cpSync(path.join(FIXTURE, 'v2-store'), home, { recursive: true });
    const r = await mtl(home, ['team', 'remove', 'dan', '--purge', '--yes'], { env: { MTL_NOW: '2027-02-04T10:00:00' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("Deleted Dan O'Brien and all their history");
    const all = everything(home);
    expect(all).not.toContain("O'Brien");
    expect(all).not.toContain('too big to review');
    expect(all).not.toContain('marathon');
    expect(all).not.toMatch(/"member":"r4"/);
    expect(readStore(home).members.map((m: { name: string }) => m.name)).toEqual(['Chloé Martin', 'Sam Lee', 'Priya N']);
  });
});
