import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { recordsOf, type Member, type Praise } from '../../src/core/model.js';
import { isStoreFile } from '../../src/commands/export/run.js';
import { forgetReport } from '../../src/commands/nudge/state.js';
import { DATA_FILE, openStore, readStore, updateStore } from '../../src/store/store.js';
import { mode, tempHome } from '../helpers/cli.js';

const member = (n: number, name = `Report${n}`, added = '2026-01-05'): Member => ({ id: `r${n}`, name, added, notes: [] });
const praise = (n: number, memberId: string, date: string, text = `praise ${n}`): Praise => ({ id: `p${n}`, member: memberId, text, date, at: `${date}T10:00:00.000Z`, public: n % 2 === 0 });

function home(files: Record<string, string> = {}): string {
  const dir = tempHome();
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const lines = (...entries: object[]) => entries.map((e) => JSON.stringify(e) + '\n').join('');
const header = (counters?: object) => JSON.stringify({ format: 'mtl-data', version: 3, ...(counters ? { counters } : {}) }) + '\n';

/** Every file under `dir` with its text, for checks that something is nowhere. */
function everything(dir: string): string {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

describe('the data folder', () => {
  it('keeps each kind of entry in a file of its own and praise by quarter, all owner-only', async () => {
    const dir = path.join(home(), 'new');
    await updateStore(dir, (tx) => {
      tx.tables.members.add({ ...member(1), id: tx.nextId('r') });
      tx.praise.add({ ...praise(0, 'r1', '2026-12-30'), id: tx.nextId('p') });
      tx.praise.add({ ...praise(0, 'r1', '2027-01-02'), id: tx.nextId('p') });
    });
    expect(fs.readdirSync(dir).sort()).toEqual(['mtl.json', 'praise', 'reports.jsonl', 'undo.jsonl']);
    expect(fs.readdirSync(path.join(dir, 'praise'))).toEqual(['2026-Q4.jsonl', '2027-Q1.jsonl']);
    expect(JSON.parse(fs.readFileSync(path.join(dir, DATA_FILE), 'utf8'))).toEqual({ format: 'mtl-data', version: 3, counters: { r: 1, p: 2 } });
    expect(fs.readFileSync(path.join(dir, 'praise', '2027-Q1.jsonl'), 'utf8')).toBe(lines({ ...praise(0, 'r1', '2027-01-02'), id: 'p2' }));
    expect(mode(dir)).toBe(0o700);
    for (const file of ['mtl.json', 'reports.jsonl', 'praise/2026-Q4.jsonl', 'undo.jsonl']) expect(mode(path.join(dir, file))).toBe(0o600);
    expect(mode(path.join(dir, 'praise'))).toBe(0o700);
  });

  it('writes nothing when the change throws, and releases the lock', async () => {
    const dir = home({ 'mtl.json': header({ r: 1 }), 'reports.jsonl': lines(member(1)) });
    const before = everything(dir);
    await expect(
      updateStore(dir, (tx) => {
        tx.tables.members.add({ ...member(2), id: tx.nextId('r') });
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(everything(dir)).toBe(before);
    expect(fs.readdirSync(dir).sort()).toEqual(['mtl.json', 'reports.jsonl']);
  });

  it('reads each list only when a command looks at it', async () => {
    const dir = home({ 'mtl.json': header({}), 'reports.jsonl': lines(member(1)), 'goals.jsonl': 'not json\n' });
    const data = await openStore(dir);
    expect(data.members.map((m) => m.name)).toEqual(['Report1']);
    expect(() => data.goals).toThrow(/goals\.jsonl is damaged: line 1/);
  });
});

describe('ids', () => {
  it('are never handed out twice: counters missing, emptied or behind are rebuilt from the ids in use', async () => {
    const reports = lines(member(1), member(2), member(3));
    const quarterly = lines(praise(1, 'r1', '2026-02-01'), praise(7, 'r2', '2026-02-02'));
    for (const top of [undefined, header(), header({}), header({ r: 1, p: 2 })]) {
      const dir = home({ ...(top ? { 'mtl.json': top } : {}), 'reports.jsonl': reports, 'praise/2026-Q1.jsonl': quarterly });
      const ids = await updateStore(dir, (tx) => [tx.nextId('r'), tx.nextId('p'), tx.nextId('f')]);
      expect(ids).toEqual(['r4', 'p8', 'f1']);
      expect(JSON.parse(fs.readFileSync(path.join(dir, DATA_FILE), 'utf8')).counters).toMatchObject({ r: 4, p: 8, f: 1 });
    }
  });

  it('are checked against the end of every praise file, so a counter left behind in an older copy cannot hand one out again', async () => {
    const dir = home({
      'mtl.json': header({ r: 1, p: 1 }),
      'reports.jsonl': lines(member(1)),
      'praise/2026-Q4.jsonl': lines(praise(1, 'r1', '2026-12-01'), praise(5, 'r1', '2026-12-10')),
      'praise/2027-Q1.jsonl': lines(praise(2, 'r1', '2027-02-01')),
    });
    expect(await updateStore(dir, (tx) => tx.nextId('p'))).toBe('p6');
  });

  it('are not reused after the entry with the highest one is removed', async () => {
    const dir = home();
    await updateStore(dir, (tx) => {
      tx.tables.members.add({ ...member(0), id: tx.nextId('r') });
      tx.tables.members.add({ ...member(0), id: tx.nextId('r') });
    });
    await updateStore(dir, (tx) => tx.tables.members.remove('r2'));
    // Even once the file is rewritten without any trace of r2.
    await updateStore(dir, (tx) => tx.tables.members.replaceAll(tx.tables.members.all));
    expect(fs.readFileSync(path.join(dir, 'reports.jsonl'), 'utf8')).not.toContain('r2');
    expect(await updateStore(dir, (tx) => tx.nextId('r'))).toBe('r3');
  });

  it('run out at fifteen digits, saying so, rather than write an id mtl could not read back', async () => {
    const dir = home({ 'mtl.json': header({ g: 999_999_999_999_999 }) });
    await expect(updateStore(dir, (tx) => tx.nextId('g'))).rejects.toThrow(/The ids of "g" entries have run out \(g999999999999999\)/);
    await expect(openStore(home({ 'mtl.json': header({ g: 1_000_000_000_000_000 }) }))).rejects.toThrow(/counters\.g is 1000000000000000; it should be a whole number up to 999999999999999/);
  });

  it('names the file once when a version-2 document is damaged, with what is wrong and where', async () => {
    const goal = { id: 'g1', title: 'T', template: 'culture', file: 'g1-t.md', status: 'open', progress: 0, checkIns: [], created: '2027-01-05' };
    const dir = home({ 'mtl.json': JSON.stringify({ version: 2, goals: [goal, goal] }) });
    const file = path.join(dir, 'mtl.json');
    await expect(openStore(dir)).rejects.toThrow(`${file} is damaged: the id g1 is used twice in "goals".\nmtl has not changed it.`);
    fs.writeFileSync(file, JSON.stringify({ version: 2, goals: [{ ...goal, created: '2027-02-30' }] }));
    await expect(openStore(dir)).rejects.toThrow(`${file} is damaged: entry 1 of "goals" (g1): created is "2027-02-30"; it should be a day (YYYY-MM-DD).\nmtl has not changed it.`);
  });

  it('refuses a counter that is not a whole number, naming it', async () => {
    const dir = home({ 'mtl.json': header({ g: 'Infinity' }) });
    await expect(openStore(dir)).rejects.toThrow(/mtl\.json is damaged: counters\.g is "Infinity"; it should be a whole number/);
  });
});

describe('files that are not mtl data', () => {
  it('are refused, never read as an empty store', async () => {
    const cases: [string, RegExp][] = [
      ['{"hello": "world"}', /mtl\.json is not an mtl data file; mtl has not changed it/],
      ['[1, 2, 3]', /mtl\.json is not an mtl data file/],
      ['"text"', /mtl\.json is not an mtl data file/],
      ['{"format":"mtl-backup","dataVersion":3,"data":{}}', /mtl\.json is an mtl backup, not a data file; mtl has not changed it/],
      ['{"format":"mtl-data","version":4}', /written by a newer mtl \(data version 4; this mtl reads up to 3\)/],
      ['{"format":"mtl-data","version":"3"}', /mtl\.json is damaged: its "version" is "3"/],
      ['{"version":2,', /mtl\.json is damaged: it is not valid JSON/],
      ['{"version": 7}', /mtl\.json is not an mtl data file/],
      ['{"version": 7, "goals": []}', /written by a newer mtl \(data version 7/],
    ];
    for (const [text, error] of cases) {
      const dir = home({ 'mtl.json': text });
      await expect(openStore(dir)).rejects.toThrow(error);
      await expect(updateStore(dir, (tx) => tx.tables.members.add(member(1)))).rejects.toThrow(error);
      expect(fs.readFileSync(path.join(dir, 'mtl.json'), 'utf8')).toBe(text);
      expect(fs.readdirSync(dir)).toEqual(['mtl.json']);
    }
  });

  it('are never written over by an export: the data folder\'s own files are told apart from others', () => {
    const dir = home({ 'mtl.json': header({}) });
    for (const name of ['mtl.json', 'reports.jsonl', 'praise/2027-Q1.jsonl', 'config.json', 'nudge.json', 'mtl.lock', 'goals/g1-x.md', 'mtl.v2.json', 'undo.jsonl']) {
      expect(isStoreFile(dir, path.join(dir, name))).toBe(true);
    }
    expect(isStoreFile(dir, path.join(dir, 'backup.json'))).toBe(false);
    expect(isStoreFile(dir, path.join(path.dirname(dir), 'mtl.json'))).toBe(false);
    // The same file reached through a link to the folder is still the data folder's.
    fs.symlinkSync(dir, path.join(path.dirname(dir), 'link'));
    expect(isStoreFile(dir, path.join(path.dirname(dir), 'link', 'mtl.json'))).toBe(true);
  });
});

describe('a data file that is a symbolic link', () => {
  it('is written through, keeping the link and the mode of its target', async () => {
    const dir = home({ 'mtl.json': header({}) });
    const elsewhere = path.join(path.dirname(dir), 'synced', 'reports.jsonl');
    fs.mkdirSync(path.dirname(elsewhere));
    fs.writeFileSync(elsewhere, lines(member(1)), { mode: 0o640 });
    fs.chmodSync(elsewhere, 0o640);
    fs.symlinkSync(elsewhere, path.join(dir, 'reports.jsonl'));
    const name = (i: number) => `Name ${i} `.padEnd(1_000, '.');
    for (let i = 0; i < 20; i++) await updateStore(dir, (tx) => tx.tables.members.put({ ...tx.tables.members.find('r1')!, name: name(i) }));
    expect(fs.lstatSync(path.join(dir, 'reports.jsonl')).isSymbolicLink()).toBe(true);
    // Rewritten once (after 16 KB of old versions) and appended to since, all in the target.
    const count = fs.readFileSync(elsewhere, 'utf8').trim().split('\n').length;
    expect(count).toBeGreaterThan(1);
    expect(count).toBeLessThan(21);
    expect(readStore(dir).members).toEqual([{ ...member(1), name: name(19) }]);
    expect(mode(elsewhere)).toBe(0o640);
  });
});

describe('praise by quarter', () => {
  const team = [member(1, 'Old', '2025-01-10'), member(2, 'New', '2027-01-20')];
  const store = () =>
    home({
      'mtl.json': header({ r: 2, p: 4 }),
      'reports.jsonl': lines(...team),
      'praise/2025-Q1.jsonl': lines(praise(1, 'r1', '2025-03-01')),
      'praise/2026-Q3.jsonl': lines(praise(2, 'r1', '2026-08-01')),
      'praise/2027-Q1.jsonl': lines(praise(3, 'r2', '2027-01-25'), praise(4, 'r2', '2027-02-01')),
    });

  it('answers a window of days from the quarters it spans, never reading older files', () => {
    const dir = store();
    fs.writeFileSync(path.join(dir, 'praise/2025-Q1.jsonl'), 'damaged\n');
    const data = readStore(dir);
    expect(data.praise.between('2027-01-01', '2027-01-31').map((p) => p.id)).toEqual(['p3']);
    expect(data.praise.between('2026-07-01', undefined).map((p) => p.id)).toEqual(['p2', 'p3', 'p4']);
    expect(data.praise.lastOnOrBefore(team, '2027-02-10')).toEqual(new Map([['r2', '2027-02-01']]).set('r1', '2026-08-01'));
    expect(() => data.praise.all()).toThrow(/2025-Q1\.jsonl is damaged/);
  });

  it('finds the last praise of a report not praised lately, and looks no further back than the quarter they joined', () => {
    const data = readStore(store());
    expect(data.praise.lastOnOrBefore([team[0]!], '2026-07-31')).toEqual(new Map([['r1', '2025-03-01']]));
    const joinedLater = { ...team[0]!, added: '2026-01-01' };
    expect(data.praise.lastOnOrBefore([joinedLater], '2026-07-31').size).toBe(0);
    expect(data.praise.lastOnOrBefore(team, '2027-01-24').get('r2')).toBeUndefined();
  });

  it('refuses an entry in the file of another quarter, naming the right one', () => {
    const dir = home({ 'praise/2027-Q1.jsonl': lines(praise(1, 'r1', '2026-12-31')) });
    expect(() => readStore(dir).praise.all()).toThrow(/2027-Q1\.jsonl is damaged: line 1: p1 is dated 2026-12-31, which belongs in praise\/2026-Q4\.jsonl/);
  });
});

describe('purging a report', () => {
  it('leaves nothing of them in any file mtl keeps, the kept copy of an older version and the nudge memory included', async () => {
    const dir = home({
      'mtl.json': header({ r: 2, p: 3, f: 1, o: 1, m: 1, d: 1, n: 2 }),
      'reports.jsonl': lines(member(1, 'Keep'), { ...member(2, 'Secret Person'), notes: [{ id: 'n1', date: '2026-02-01', text: 'mother in hospital' }] }, { ...member(2, 'Secret Person'), notes: [{ id: 'n1', date: '2026-02-01', text: 'mother in hospital' }, { id: 'n2', date: '2026-03-01', text: 'hates surprises' }] }),
      'praise/2026-Q1.jsonl': lines(praise(1, 'r2', '2026-02-01', 'secret praise one'), praise(2, 'r1', '2026-02-02')),
      'praise/2026-Q3.jsonl': lines(praise(3, 'r2', '2026-08-01', 'secret praise two')),
      'feedback.jsonl': lines({ id: 'f1', member: 'r2', text: 'secret feedback', date: '2026-02-01', at: 'x' }),
      'one-on-ones.jsonl': lines({ id: 'o1', member: 'r2', date: '2026-02-01', at: 'x', feedbackDelivered: ['f1'] }),
      'member-goals.jsonl': lines({ id: 'm1', member: 'r2', title: 'secret goal', quarter: '2026-Q1', status: 'open', progress: 0, created: '2026-02-01', checkIns: [] }),
      'delegations.jsonl': lines({ id: 'd1', member: 'r2', item: 'secret item', created: '2026-02-01', status: 'open', steps: {} }),
      'nudge.json': JSON.stringify({ shown: { 'recognition:r2': '2026-02-01', 'recognition:r1': '2026-02-01' }, prompts: {} }),
      'mtl.v2.json': JSON.stringify({ version: 2, members: [{ id: 'r2', name: 'Secret Person' }, { id: 'r1', name: 'Keep' }], praise: [{ id: 'p1', member: 'r2', text: 'secret praise one' }] }),
    });
    await updateStore(dir, (tx) => tx.purgeMember('r2'));
    await forgetReport(dir, 'r2'); // what mtl team remove --purge does next
    const all = everything(dir);
    for (const word of ['Secret', 'secret', 'hospital', 'surprises', '"r2"', 'recognition:r2']) expect(all).not.toContain(word);
    const left = recordsOf(readStore(dir));
    expect(left.members.map((m) => m.name)).toEqual(['Keep']);
    expect(left.praise.map((p) => p.id)).toEqual(['p2']);
    expect(fs.readdirSync(path.join(dir, 'praise'))).toEqual(['2026-Q1.jsonl']);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'nudge.json'), 'utf8')).shown).toEqual({ 'recognition:r1': '2026-02-01' });
    expect(await updateStore(dir, (tx) => tx.nextId('r'))).toBe('r3');
  });
});

describe('a write', () => {
  it('removes the temporary files of processes killed mid-write, not those of one still running', async () => {
    const { spawnSync } = await import('node:child_process');
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    const dir = home({
      'mtl.json': header({}),
      [`reports.jsonl.${gone}.k3j4.tmp`]: 'notes about people',
      [`praise/2027-Q1.jsonl.${gone}.x9.tmp`]: 'more notes',
      [`mtl.lock.${process.pid}.waiting.tmp`]: '{}',
      'my-notes.tmp': 'not mtl\'s',
    });
    await updateStore(dir, (tx) => tx.tables.members.add({ ...member(1), id: tx.nextId('r') }));
    expect(fs.readdirSync(dir).sort()).toEqual(['mtl.json', `mtl.lock.${process.pid}.waiting.tmp`, 'my-notes.tmp', 'praise', 'reports.jsonl', 'undo.jsonl']);
    expect(fs.readdirSync(path.join(dir, 'praise'))).toEqual([]);
  });
});

describe('a write that fails before any entry changes', () => {
  it('leaves no line in the undo journal for a change that never happened', async () => {
    const dir = tempHome();
    await updateStore(dir, (tx) => tx.tables.members.add({ id: tx.nextId('r'), name: 'Sam', added: '2027-02-10', notes: [] }));
    const journal = path.join(dir, 'undo.jsonl');
    const before = fs.readFileSync(journal, 'utf8');
    const praiseBefore = fs.readdirSync(dir).sort();
    // The disk fills as mtl.json (the id counters, the step after the journal) is written.
    const rename = vi.spyOn(fs, 'renameSync').mockImplementation(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    });
    try {
      await expect(
        updateStore(dir, (tx) => tx.praise.add({ id: tx.nextId('p'), member: 'r1', text: 'lost', date: '2027-02-10', at: '2027-02-10T09:00:00.000Z', public: false })),
      ).rejects.toThrow(/Cannot write \S+mtl\.json: no space left on the disk \(ENOSPC\)/);
    } finally {
      rename.mockRestore();
    }
    expect(fs.readFileSync(journal, 'utf8')).toBe(before);
    // Only the praise folder may be new (made before the steps), and empty.
    expect(fs.readdirSync(dir).filter((f) => f !== 'praise').sort()).toEqual(praiseBefore);
    expect(fs.existsSync(path.join(dir, 'praise')) ? fs.readdirSync(path.join(dir, 'praise')) : []).toEqual([]);
  });
});
