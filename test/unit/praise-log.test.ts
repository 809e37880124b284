import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
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
async function store(): Promise<{ dir: string; file: string; log: Praise[] }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mtl-praise-log-'));
  dirs.push(root);
  const dir = path.join(root, 'data');
  const log = [praise(1, 'r1', '2027-01-04'), praise(2, 'r2', '2027-01-05', 'a "quoted" text'), praise(3, 'r1', '2027-01-06'), praise(4, 'r3', '2027-01-07'), praise(5, 'r2', '2027-01-08')];
  await updateData(dir, (d) => void d.praise.push(...log));
  return { dir, file: path.join(dir, 'mtl.json'), log };
}

/** Every fact of a log, report by report. */
const praiseFacts = (data: Data): PraiseFact[] => {
  const log = praiseLog(data);
  return log.members().flatMap((m) => log.of(m).between(undefined, undefined));
};
const plain = (facts: PraiseFact[]) => facts.map(({ member, date, public: p }) => `${member} ${date} ${p}`).sort();
const expected = (log: Praise[]) => plain(log.map((p, ref) => ({ member: p.member, date: p.date, public: p.public, ref })));

function editFile(file: string, edit: (text: string) => string): void {
  const before = fs.readFileSync(file, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before);
  fs.writeFileSync(file, after);
}

describe('the praise index', () => {
  it('answers the facts of every entry without parsing the log, and the entries asked for', async () => {
    const { dir, log } = await store();
    const parse = vi.spyOn(JSON, 'parse');
    const data = readData(dir);
    const facts = praiseFacts(data);
    expect(plain(facts)).toEqual(expected(log));
    expect(parse.mock.calls.some(([text]) => String(text).includes('Merci'))).toBe(false);

    // The entries behind a few facts, found by byte offset past multi-byte text, in log order.
    const r1 = facts.filter((f) => f.member === 'r1');
    expect(praiseLog(data).entries(r1.reverse())).toEqual([log[0], log[2]]);
    expect(parse.mock.calls.filter(([text]) => String(text).includes('Merci'))).toHaveLength(2);
  });

  it('is not a field of the data, on the lazy read or the whole one', async () => {
    const { dir, file } = await store();
    expect(Object.keys(readData(dir))).not.toContain('index');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toHaveProperty('index');
    // Another layout (a hand re-indented file) is parsed whole, and the index is dropped there too.
    fs.writeFileSync(file, JSON.stringify(JSON.parse(fs.readFileSync(file, 'utf8')), null, 2));
    const data = readData(dir);
    expect(Object.keys(data)).not.toContain('index');
    expect(praiseFacts(data).map((f) => f.ref).sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('gives the same facts as the parsed log for the in-memory data a write holds', () => {
    const data = { praise: [praise(1, 'r1', '2027-01-04'), praise(2, 'r2', '2027-01-05')] } as Data;
    expect(praiseFacts(data)).toEqual([
      { member: 'r1', date: '2027-01-04', public: false, ref: 0 },
      { member: 'r2', date: '2027-01-05', public: true, ref: 1 },
    ]);
    expect(praiseLog(data).entries([{ member: 'r2', date: '2027-01-05', public: true, ref: 1 }])).toEqual([data.praise[1]]);
  });

  it('is ignored once the log is edited by hand, even by one digit, and rebuilt by the next write', async () => {
    const { dir, file, log } = await store();
    editFile(file, (t) => t.replace('"date":"2027-01-06"', '"date":"2027-01-09"'));
    const edited = log.map((p) => (p.id === 'p3' ? { ...p, date: '2027-01-09' } : p));
    expect(plain(praiseFacts(readData(dir)))).toEqual(expected(edited));

    await updateData(dir, (d) => void d.praise.push(praise(6, 'r3', '2027-01-10')));
    const parse = vi.spyOn(JSON, 'parse');
    expect(plain(praiseFacts(readData(dir)))).toEqual(expected([...edited, praise(6, 'r3', '2027-01-10')]));
    expect(parse.mock.calls.some(([text]) => String(text).includes('Merci'))).toBe(false);
  });

  it('is ignored when the index itself is edited, or missing as an older mtl wrote it', async () => {
    const { dir, file, log } = await store();
    editFile(file, (t) => t.replace(/("members":\{"r1":")2027-01-04/, '$12027-12-31'));
    expect(plain(praiseFacts(readData(dir)))).toEqual(expected(log));

    editFile(file, (t) => t.replace(/,\n"index": .*\n/, '\n'));
    expect(plain(praiseFacts(readData(dir)))).toEqual(expected(log));
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
