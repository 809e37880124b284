import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.js';
import { acquireLock, readData, serialize, updateData } from '../../src/store/file-store.js';
import { migrate } from '../../src/store/migrations.js';
import { emptyData, nextId } from '../../src/store/schema.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtl-store-'));
  dirs.push(dir);
  return path.join(dir, 'data');
}

describe('migrate', () => {
  it('fills missing collections of an old document and keeps its entries', () => {
    const goal = { id: 'g1', title: 'T', template: 'culture', file: '/g1-t.md', status: 'open', progress: 0, checkIns: [] };
    const data = migrate({ goals: [goal] }, 'f');
    expect(data.version).toBe(2);
    expect(data.goals).toEqual([goal]);
    expect(data.praise).toEqual([]);
    expect(data).not.toHaveProperty('nudge');
  });

  it.each([
    [[], 'expected a JSON object'],
    [{ version: 'one' }, 'invalid "version" field'],
    [{ version: 3 }, 'written by a newer mtl'],
    [{ version: 1, praise: 'lots' }, 'the field "praise" should be a list but is text'],
    [{ version: 2, learning: [] }, 'the field "learning" should be an object but is a list'],
    [{ version: 2, praise: [null] }, 'f: entry 1 of "praise" should be an object but is null'],
    [{ version: 2, goals: [{ id: 'g7', title: 'T', template: 't', file: 'f', status: 'open', progress: 0, checkIns: null }] }, 'f: entry 1 of "goals" (g7) has checkIns = null; it should be a list'],
    [{ version: 2, praise: [{ id: 'p1', member: 'r1', text: 'x', date: '31/01/2027' }] }, 'has date = "31/01/2027"; it should be a day (YYYY-MM-DD)'],
  ])('refuses %j', (doc, message) => {
    expect(() => migrate(doc, 'f')).toThrow(DataError);
    expect(() => migrate(doc, 'f')).toThrow(message);
  });
});

describe('migrate from version 1', () => {
  it('drops the nudge run state, which now lives in nudge.json, and keeps everything else', () => {
    const praise = { id: 'p1', member: 'r1', text: 'x', date: '2027-01-01', at: '2027-01-01T09:00:00Z', public: false };
    const data = migrate({ version: 1, nudge: { lastRunAt: '2027-01-01T09:00:00Z', shown: {}, prompts: {} }, praise: [praise] }, 'f');
    expect(data.version).toBe(2);
    expect(data).not.toHaveProperty('nudge');
    expect(data.praise).toEqual([praise]);
  });
});

describe('serialize', () => {
  it('round-trips and puts one entry per line', () => {
    const data = emptyData();
    data.praise.push({ id: 'p1', member: 'r1', text: 'a "quoted"\nline', date: '2027-01-01', at: '2027-01-01T00:00:00Z', public: false });
    data.praise.push({ id: 'p2', member: 'r1', text: 'b', date: '2027-01-02', at: '2027-01-02T00:00:00Z', public: true });
    const text = serialize(data);
    expect(JSON.parse(text)).toEqual(data);
    expect(text.split('\n').filter((l) => l.startsWith('{"id":"p'))).toHaveLength(2);
  });
});

describe('updateData', () => {
  it('creates the folder and file owner-only, keeps the previous version as .bak', async () => {
    const dir = tempDir();
    await updateData(dir, (d) => void nextId(d, 'g'));
    await updateData(dir, (d) => void nextId(d, 'g'));
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, 'mtl.json')).mode & 0o777).toBe(0o600);
    expect(readData(dir).counters.g).toBe(2);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'mtl.json.bak'), 'utf8')).counters.g).toBe(1);
  });

  it('writes nothing when the change throws', async () => {
    const dir = tempDir();
    await updateData(dir, (d) => void nextId(d, 'g'));
    const before = fs.readFileSync(path.join(dir, 'mtl.json'), 'utf8');
    await expect(
      updateData(dir, (d) => {
        nextId(d, 'g');
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(fs.readFileSync(path.join(dir, 'mtl.json'), 'utf8')).toBe(before);
    expect(fs.readdirSync(dir).sort()).toEqual(['mtl.json']);
  });

  it('sweeps temp files an old crashed write left, not a fresh one', async () => {
    const dir = tempDir();
    await updateData(dir, (d) => void nextId(d, 'g'));
    const old = path.join(dir, 'mtl.json.123.abc.tmp');
    const fresh = path.join(dir, 'mtl.json.bak.456.tmp');
    fs.writeFileSync(old, 'x');
    fs.writeFileSync(fresh, 'x');
    const hoursAgo = new Date(Date.now() - 2 * 3_600_000);
    fs.utimesSync(old, hoursAgo, hoursAgo);
    await updateData(dir, (d) => void nextId(d, 'g'));
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);
  });

  it('serialises concurrent updates in one process', async () => {
    const dir = tempDir();
    await Promise.all(Array.from({ length: 10 }, () => updateData(dir, (d) => void nextId(d, 'p'))));
    expect(readData(dir).counters.p).toBe(10);
  });
});

describe('acquireLock', () => {
  it('waits for the holder, then takes the lock', async () => {
    const dir = tempDir();
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'x.json');
    const release = await acquireLock(file);
    let second = false;
    const waiting = acquireLock(file).then((r) => ((second = true), r));
    await new Promise((r) => setTimeout(r, 60));
    expect(second).toBe(false);
    await release();
    await (await waiting)();
    expect(second).toBe(true);
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });

  it('takes over a lock left by a dead process once it is stale, and gives up on a live one', async () => {
    const dir = tempDir();
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'x.json');
    fs.mkdirSync(`${file}.lock`);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(`${file}.lock`, old, old);
    await (await acquireLock(file))();
    fs.mkdirSync(`${file}.lock`);
    await expect(acquireLock(file, { staleMs: 10_000, waitMs: 100 })).rejects.toThrow('has held');
  });

  it('a holder whose lock was taken over as stale does not remove the new holder\'s lock', async () => {
    const dir = tempDir();
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'x.json');
    const sleeper = await acquireLock(file);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(`${file}.lock`, old, old);
    const fresh = await acquireLock(file);
    await sleeper();
    expect(fs.existsSync(`${file}.lock`)).toBe(true);
    await fresh();
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('readData, field by field', () => {
  async function written(change: (d: ReturnType<typeof emptyData>) => void): Promise<string> {
    const dir = tempDir();
    await updateData(dir, change);
    return dir;
  }
  const praise = (i: number) => ({ id: `p${i}`, member: 'r1', text: `Merci Chloé 🎉 ${i}`, date: '2027-01-01', at: '2027-01-01T09:00:00Z', public: false });

  it('reads the same data as a whole parse', async () => {
    const dir = await written((d) => {
      d.praise.push(praise(1), praise(2));
      d.learning.booksRead.push('Mindset');
      nextId(d, 'p');
    });
    const text = fs.readFileSync(path.join(dir, 'mtl.json'), 'utf8');
    expect(JSON.parse(JSON.stringify(readData(dir)))).toEqual(JSON.parse(text));
  });

  it('parses only the fields a command reads, and names a damaged one when it is read', async () => {
    const dir = await written((d) => void d.praise.push(praise(1)));
    const file = path.join(dir, 'mtl.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"date":"2027-01-01"', '"date":"soon"'));
    const data = readData(dir);
    expect(data.goals).toEqual([]);
    expect(() => data.praise).toThrow(`${file} is damaged: ${file}: entry 1 of "praise" (p1) has date = "soon"`);
    await expect(updateData(dir, () => undefined)).rejects.toThrow('has date = "soon"');
  });

  it('reads an entry a hand edit split over lines, which keeps the layout but not one entry per line', async () => {
    const dir = await written((d) => void d.praise.push(praise(1)));
    const file = path.join(dir, 'mtl.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('{"id":"p1","member":"r1",', '{"id":"p1",\n"member": "r1",'));
    expect(readData(dir).praise).toEqual([praise(1)]);
  });

  it('falls back to a whole parse for a hand-formatted file', async () => {
    const dir = tempDir();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'mtl.json'), JSON.stringify({ version: 2, praise: [praise(1)] }, null, 2));
    expect(readData(dir).praise).toEqual([praise(1)]);
  });
});
