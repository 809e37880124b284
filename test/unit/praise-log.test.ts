import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataError } from '../../src/errors.js';
import { readData, updateData } from '../../src/store/file-store.js';
import { praiseLog, PraiseTimeline, type PraiseFact, type PraiseLog } from '../../src/store/praise-log.js';
import type { Data, Praise } from '../../src/store/schema.js';

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

const praise = (i: number, member: string, date: string, text = `Merci Chloé 🎉 n°${i}`): Praise => ({
  id: `p${i}`,
  member,
  text,
  date,
  at: `${date}T09:00:00.000Z`,
  public: i % 2 === 0,
});

/** A data folder written by mtl's own write path, with praise for three reports. */
async function store(): Promise<{ dir: string; file: string; index: string; log: Praise[] }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mtl-praise-log-'));
  dirs.push(root);
  const dir = path.join(root, 'data');
  const log = [praise(1, 'r1', '2027-01-04'), praise(2, 'r2', '2027-01-05', 'a "quoted" text'), praise(3, 'r1', '2027-01-06'), praise(4, 'r3', '2027-01-07'), praise(5, 'r2', '2027-01-08')];
  await updateData(dir, (d) => void d.praise.push(...log));
  return { dir, file: path.join(dir, 'mtl.json'), index: path.join(dir, 'mtl.json.index'), log };
}

/** Every fact of a log, report by report. */
const praiseFacts = (data: Data): PraiseFact[] => {
  const log = praiseLog(data);
  return log.members().flatMap((m) => log.of(m).between(undefined, undefined));
};
const plain = (facts: PraiseFact[]) => facts.map(({ member, date, public: p }) => `${member} ${date} ${p}`).sort();
const expected = (log: Praise[]) => plain(log.map((p, ref) => ({ member: p.member, date: p.date, public: p.public, ref })));
const parsedTexts = (parse: { mock: { calls: unknown[][] } }) => parse.mock.calls.filter(([text]) => String(text).includes('Merci')).length;

describe('the praise index', () => {
  it('answers the facts of every entry without parsing the log, and parses only the entries asked for', async () => {
    const { dir, log } = await store();
    const parse = vi.spyOn(JSON, 'parse');
    const data = readData(dir);
    const facts = praiseFacts(data);
    expect(plain(facts)).toEqual(expected(log));
    expect(parsedTexts(parse)).toBe(0);

    // The entries behind a few facts, found by byte offset past multi-byte text, in log order.
    const r1 = facts.filter((f) => f.member === 'r1');
    expect(praiseLog(data).entries(r1.reverse())).toEqual([log[0], log[2]]);
    const parsed = parse.mock.calls.map(([text]) => String(text)).filter((text) => text.includes('Merci'));
    expect(parsed).toHaveLength(1);
    expect(parsed[0]).toContain('n°1');
    expect(parsed[0]).toContain('n°3');
    expect(parsed[0]).not.toMatch(/n°[245]/);
  });

  it('lets a read skip the log, and read only its tail for the latest entries', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mtl-praise-log-'));
    dirs.push(root);
    const dir = path.join(root, 'data');
    const log = Array.from({ length: 300 }, (_, i) => praise(i + 1, `r${(i % 3) + 1}`, `2027-01-${String(1 + Math.floor(i / 10)).padStart(2, '0')}`));
    await updateData(dir, (d) => void d.praise.push(...log));
    const size = fs.statSync(path.join(dir, 'mtl.json')).size;
    const read = vi.spyOn(fs, 'readSync');
    const bytesRead = () => read.mock.results.reduce((n, r) => n + (r.value as number), 0);
    const data = readData(dir);
    expect(data.members).toEqual([]);
    expect(bytesRead()).toBeLessThan(size / 10);
    const plog = praiseLog(data);
    const latest = plog.of('r3').between('2027-01-30', undefined);
    expect(plog.entries(latest)).toEqual(log.filter((p) => p.member === 'r3' && p.date >= '2027-01-30'));
    expect(bytesRead()).toBeLessThan(size / 5);
    // The whole log, when a command asks for it, is the same as a whole read.
    expect(data.praise).toEqual(log);
    expect(bytesRead()).toBeGreaterThanOrEqual(size);
  });

  it('refuses, rather than mixes, a data file copied over in place while it is read', async () => {
    const { dir, file, log } = await store();
    const older = fs.readFileSync(file);
    await updateData(dir, (d) => void d.praise.push(praise(6, 'r3', '2027-01-10')));
    const data = readData(dir);
    const plog = praiseLog(data);
    const facts = plog.of('r2').between(undefined, undefined);
    // cp mtl.json.bak mtl.json: the same file, rewritten (a rename, as mtl writes, is never seen).
    fs.writeFileSync(file, older);
    expect(() => plog.entries(facts)).toThrow(DataError);
    expect(() => plog.entries(facts)).toThrow(`${file} changed while mtl was reading it (copied over in place?)`);
    // A read that starts after the copy is whole and consistent.
    expect(readData(dir).praise).toEqual(log);
  });

  it('does not fail a write that saved the data when the index cannot be written', async () => {
    const { dir, index, log } = await store();
    fs.rmSync(index);
    fs.mkdirSync(index);
    await updateData(dir, (d) => void d.praise.push(praise(6, 'r3', '2027-01-10')));
    expect(plain(praiseFacts(readData(dir)))).toEqual(expected([...log, praise(6, 'r3', '2027-01-10')]));
  });

  it('lies beside the data file, owner-only, and is neither data nor in the data file', async () => {
    const { dir, file, index } = await store();
    expect(fs.statSync(index).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).not.toHaveProperty('index');
    expect(Object.keys(readData(dir))).not.toContain('index');
    expect(JSON.parse(fs.readFileSync(index, 'utf8')).of).toMatchObject({ ino: fs.statSync(file).ino, size: fs.statSync(file).size });
  });

  it('gives the same facts as the parsed log for the in-memory data a write holds', () => {
    const data = { praise: [praise(1, 'r1', '2027-01-04'), praise(2, 'r2', '2027-01-05')] } as Data;
    expect(praiseFacts(data)).toEqual([
      { member: 'r1', date: '2027-01-04', public: false, ref: 0 },
      { member: 'r2', date: '2027-01-05', public: true, ref: 1 },
    ]);
    expect(praiseLog(data).entries([{ member: 'r2', date: '2027-01-05', public: true, ref: 1 }])).toEqual([data.praise[1]]);
  });

  it('is ignored once the data file is edited by hand, even by one digit in place, and rebuilt by the next write', async () => {
    const { dir, file, index, log } = await store();
    const edited = log.map((p) => (p.id === 'p3' ? { ...p, date: '2027-01-09' } : p));
    // In place (same inode, same size), as `vim` with backupcopy=yes writes; a tick later than mtl's write.
    await new Promise((resolve) => setTimeout(resolve, 30));
    const text = fs.readFileSync(file, 'utf8').replace('"date":"2027-01-06"', '"date":"2027-01-09"');
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, text, 0);
    fs.closeSync(fd);
    expect(plain(praiseFacts(readData(dir)))).toEqual(expected(edited));

    // As most editors and sed -i write: a new file renamed over the old one.
    fs.writeFileSync(`${file}.new`, fs.readFileSync(file, 'utf8').replace('"date":"2027-01-04"', '"date":"2027-01-02"'));
    fs.renameSync(`${file}.new`, file);
    const edited2 = edited.map((p) => (p.id === 'p1' ? { ...p, date: '2027-01-02' } : p));
    expect(plain(praiseFacts(readData(dir)))).toEqual(expected(edited2));

    const stale = fs.readFileSync(index, 'utf8');
    await updateData(dir, (d) => void d.praise.push(praise(6, 'r3', '2027-01-10')));
    expect(fs.readFileSync(index, 'utf8')).not.toBe(stale);
    const parse = vi.spyOn(JSON, 'parse');
    expect(plain(praiseFacts(readData(dir)))).toEqual(expected([...edited2, praise(6, 'r3', '2027-01-10')]));
    expect(parsedTexts(parse)).toBe(0);
  });

  it('is ignored when it describes another version of the data file, or is missing or damaged', async () => {
    const { dir, index, log } = await store();
    const old = fs.readFileSync(index, 'utf8');
    await updateData(dir, (d) => void d.praise.push(praise(6, 'r3', '2027-01-10')));
    const now = [...log, praise(6, 'r3', '2027-01-10')];
    fs.writeFileSync(index, old);
    expect(plain(praiseFacts(readData(dir)))).toEqual(expected(now));
    fs.writeFileSync(index, '{"of":');
    expect(plain(praiseFacts(readData(dir)))).toEqual(expected(now));
    fs.rmSync(index);
    expect(plain(praiseFacts(readData(dir)))).toEqual(expected(now));
    // A write that changes nothing still puts a missing index back.
    await updateData(dir, () => undefined);
    expect(fs.existsSync(index)).toBe(true);
  });
});

describe('a report\'s praise timeline', () => {
  // Logged out of day order (a restored backup can do that); the timeline is oldest day first.
  const log: PraiseLog = praiseLog({
    praise: [praise(1, 'r1', '2027-01-10'), praise(2, 'r1', '2027-01-03'), praise(3, 'r2', '2027-01-05'), praise(4, 'r1', '2027-01-10'), praise(5, 'r1', '2027-02-01')],
  } as Data);
  const r1: PraiseTimeline = log.of('r1');

  it('finds the last day of praise on or before a day', () => {
    expect(r1.lastOnOrBefore('2027-01-02')).toBeUndefined();
    expect(r1.lastOnOrBefore('2027-01-03')).toBe('2027-01-03');
    expect(r1.lastOnOrBefore('2027-01-31')).toBe('2027-01-10');
    expect(r1.lastOnOrBefore('2027-12-31')).toBe('2027-02-01');
    expect(log.of('nobody').lastOnOrBefore('2027-12-31')).toBeUndefined();
  });

  it('counts and lists the entries between two days, both included', () => {
    expect(r1.size).toBe(4);
    expect(r1.countBetween('2027-01-03', '2027-01-10')).toBe(3);
    expect(r1.countBetween('2027-01-04', '2027-01-09')).toBe(0);
    expect(r1.countBetween('2027-03-01', '2027-01-01')).toBe(0);
    expect(r1.countBetween(undefined, '2027-01-09')).toBe(1);
    expect(r1.countBetween('2027-01-04', undefined)).toBe(3);
    expect(r1.between('2027-01-10', '2027-01-10').map((f) => f.ref)).toEqual([0, 3]);
    expect(r1.between('2027-01-04', undefined).map((f) => [f.date, f.public])).toEqual([
      ['2027-01-10', false],
      ['2027-01-10', true],
      ['2027-02-01', false],
    ]);
    expect(r1.between(undefined, '2027-01-03').map((f) => f.ref)).toEqual([1]);
    expect(log.members().sort()).toEqual(['r1', 'r2']);
  });
});
