import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Feedback } from '../../src/core/model.js';
import { maxIdNearEnd, readRecordFile, RecordTable, worthCompacting } from '../../src/store/records.js';
import { mode, tempHome } from '../helpers/cli.js';

const entry = (n: number, text = `note ${n}`): Feedback => ({ id: `f${n}`, member: 'r1', text, date: '2027-01-05', at: '2027-01-05T10:00:00.000Z' });

function fileIn(lines: string[]): string {
  const dir = tempHome();
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'feedback.jsonl');
  fs.writeFileSync(file, lines.join(''));
  return file;
}

describe('a record file', () => {
  it('keeps the last line of each id, drops deleted ids, and keeps the order entries first appeared in', () => {
    const file = fileIn([entry(1), entry(2), entry(3)].map((e) => JSON.stringify(e) + '\n').concat(JSON.stringify(entry(1, 'edited')) + '\n', '{"delete":"f2"}\n'));
    const read = readRecordFile<Feedback>(file, 'feedback');
    expect(read.records.map((r) => `${r.id} ${r.text}`)).toEqual(['f1 edited', 'f3 note 3']);
    const length = (e: object) => JSON.stringify(e).length + 1;
    expect(read).toMatchObject({ maxId: 3, needsNewline: false, liveChars: length({ ...entry(1), text: 'edited' }) + length(entry(3)), deadChars: length(entry(1)) + length(entry(2)) + '{"delete":"f2"}\n'.length });
    expect(read.end).toBe(fs.statSync(file).size);
  });

  it('ignores a last line cut short by a crash, and a write cuts it off before appending', () => {
    const whole = JSON.stringify(entry(1)) + '\n';
    const file = fileIn([whole, '{"id":"f2","member":"r1","te']);
    expect(readRecordFile<Feedback>(file, 'feedback')).toMatchObject({ records: [entry(1)], end: Buffer.byteLength(whole), liveChars: whole.length });
    const table = new RecordTable<Feedback>(file, 'feedback');
    table.add(entry(3));
    table.commit();
    expect(fs.readFileSync(file, 'utf8')).toBe(whole + JSON.stringify(entry(3)) + '\n');
  });

  it('ignores every cut of a whole line as torn, but refuses a last line edited by hand into bad JSON, and keeps it', () => {
    const whole = JSON.stringify(entry(1)) + '\n';
    const line = JSON.stringify({ ...entry(2), text: 'say "why", \\ then -1.5' });
    for (let cut = 1; cut < line.length; cut++) {
      const read = readRecordFile<Feedback>(fileIn([whole, line.slice(0, cut)]), 'feedback');
      expect(read.records.map((r) => r.id), line.slice(0, cut)).toEqual(['f1']);
    }
    // An editor that saves without a last newline, and a stray comma typed into the last line.
    const typed = '{"id":"f2","member":"r1","text":"t","date":"2027-01-05","at":"x",}';
    const file = fileIn([whole, typed]);
    expect(() => readRecordFile<Feedback>(file, 'feedback')).toThrow(/feedback\.jsonl is damaged: line 2: it is not valid JSON \(Expected double-quoted property name in JSON at position 65/);
    const table = new RecordTable<Feedback>(file, 'feedback');
    expect(() => {
      table.add(entry(3));
      table.commit();
    }).toThrow(/is damaged: line 2/);
    expect(fs.readFileSync(file, 'utf8')).toBe(whole + typed);
  });

  it('cuts a torn last line at its byte, even after bytes that are not UTF-8; reads past a byte-order mark', () => {
    const first = Buffer.concat([Buffer.from('\uFEFF{"id":"f1","member":"r1","text":"caf'), Buffer.from([0xe9]), Buffer.from('","date":"2027-01-05","at":"x"}\n')]);
    const dir = tempHome();
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'feedback.jsonl');
    fs.writeFileSync(file, Buffer.concat([first, Buffer.from('{"id":"f2","member":"r1","te')]));
    const table = new RecordTable<Feedback>(file, 'feedback');
    table.add(entry(3));
    table.commit();
    expect(fs.readFileSync(file).subarray(0, first.length).equals(first)).toBe(true);
    expect(readRecordFile<Feedback>(file, 'feedback').records.map((r) => r.id)).toEqual(['f1', 'f3']);
  });

  it('refuses what is not a plain file (a FIFO would hang a reader), naming it', () => {
    const dir = tempHome();
    fs.mkdirSync(dir, { recursive: true });
    const fifo = path.join(dir, 'feedback.jsonl');
    execFileSync('mkfifo', [fifo]);
    expect(() => readRecordFile(fifo, 'feedback')).toThrow(/feedback\.jsonl is not a plain file; mtl has not read or changed it/);
  });

  it('finds the highest id near the end of a file without reading it all', () => {
    const file = fileIn([...Array.from({ length: 200 }, (_, i) => JSON.stringify(entry(i + 1)) + '\n'), '{"delete":"f900"}\n', JSON.stringify(entry(3)) + '\n']);
    expect(maxIdNearEnd(file, 'f')).toBe(900);
    expect(maxIdNearEnd(path.join(path.dirname(file), 'none.jsonl'), 'f')).toBe(0);
  });

  it('keeps a whole last line that lost its newline in an edit by hand, and appends after it', () => {
    const file = fileIn([JSON.stringify(entry(1)) + '\n', JSON.stringify(entry(2))]);
    expect(readRecordFile<Feedback>(file, 'feedback')).toMatchObject({ needsNewline: true, deadChars: 0 });
    const table = new RecordTable<Feedback>(file, 'feedback');
    table.add(entry(3));
    table.commit();
    expect(readRecordFile<Feedback>(file, 'feedback').records.map((r) => r.id)).toEqual(['f1', 'f2', 'f3']);
  });

  it('names the file and line of a damaged entry, and what is wrong with it', () => {
    const damaged = (line: string) => () => readRecordFile(fileIn([JSON.stringify(entry(1)) + '\n', line + '\n', JSON.stringify(entry(2)) + '\n']), 'feedback');
    expect(damaged('{"id":"f2", oops}')).toThrow(/feedback\.jsonl is damaged: line 2: it is not valid JSON/);
    expect(damaged('{"id":"x7","member":"r1","text":"t","date":"2027-01-05"}')).toThrow(/line 2: its id "x7" is not "f" followed by a whole number from 1/);
    expect(damaged('{"id":"f0","member":"r1","text":"t","date":"2027-01-05"}')).toThrow(/its id "f0"/);
    expect(damaged('{"id":"fInfinity","member":"r1","text":"t","date":"2027-01-05"}')).toThrow(/its id "fInfinity"/);
    expect(damaged('{"id":"f9","member":"r1","text":"t","date":"2027-02-30"}')).toThrow(/line 2: date is "2027-02-30"; it should be a day \(YYYY-MM-DD\)/);
    expect(damaged('[1,2]')).toThrow(/line 2: it should be an object but is a list/);
    expect(damaged('{"delete":"r1"}')).toThrow(/line 2: it deletes "r1", which is not an id/);
    expect(damaged('{"delete":"r1"}')).toThrow(/mtl has not changed it/);
    expect(damaged('null')).toThrow(/line 2: it should be an object but is null/);
    expect(() => readRecordFile(fileIn(['{"id":"r1","name":"Sam","added":"2027-01-01","notes":[{"id":"zzz","date":"2027-01-01","text":"x"}]}\n']), 'members')).toThrow(
      /line 1: note 1 is .*; it should have an id "n" followed by a whole number, a day and a text/,
    );
  });

  it('is empty when missing, and skips blank lines', () => {
    expect(readRecordFile(path.join(tempHome(), 'none.jsonl'), 'feedback')).toMatchObject({ records: [], liveChars: 0, size: 0 });
    expect(readRecordFile(fileIn(['\n', JSON.stringify(entry(1)) + '\n', '   \n']), 'feedback').records).toHaveLength(1);
  });
});

describe('a table in a write', () => {
  it('appends only the entries touched, their latest version once, and deletions', () => {
    const file = fileIn([entry(1), entry(2)].map((e) => JSON.stringify(e) + '\n'));
    const before = fs.readFileSync(file, 'utf8');
    const table = new RecordTable<Feedback>(file, 'feedback');
    const first = table.find('f1')!;
    first.deliveredOn = '2027-01-06';
    table.put(first);
    first.text = 'changed twice';
    table.put(first);
    table.remove('f2');
    table.add(entry(3));
    table.commit();
    const appended = fs.readFileSync(file, 'utf8').slice(before.length).trim().split('\n');
    expect(appended).toEqual([JSON.stringify({ ...entry(1), text: 'changed twice', deliveredOn: '2027-01-06' }), '{"delete":"f2"}', JSON.stringify(entry(3))]);
    expect(readRecordFile<Feedback>(file, 'feedback').records.map((r) => r.id)).toEqual(['f1', 'f3']);
  });

  it('writes nothing when nothing was touched', () => {
    const file = fileIn([JSON.stringify(entry(1)) + '\n']);
    const stat = fs.statSync(file);
    const table = new RecordTable<Feedback>(file, 'feedback');
    expect(table.all).toHaveLength(1);
    table.commit();
    expect(fs.statSync(file).mtimeMs).toBe(stat.mtimeMs);
  });

  it('rewrites the file with the live entries once replaced lines weigh a quarter of the live ones, and 16 KB', () => {
    expect(worthCompacting(16_383, 1_000)).toBe(false);
    expect(worthCompacting(16_384, 1_000)).toBe(true);
    expect(worthCompacting(124_999, 500_000)).toBe(false);
    expect(worthCompacting(125_000, 500_000)).toBe(true);
    // An entry of about 1 KB changed again and again: rewritten once 16 KB of old versions piled up.
    const file = fileIn([JSON.stringify(entry(1)) + '\n']);
    const sizes: number[] = [];
    for (let i = 0; i < 20; i++) {
      const table = new RecordTable<Feedback>(file, 'feedback');
      table.put({ ...table.find('f1')!, text: `version ${i} `.padEnd(1_000, '.') });
      table.commit();
      sizes.push(fs.statSync(file).size);
    }
    const rewrite = sizes.findIndex((size, i) => i > 0 && size < sizes[i - 1]!);
    expect(rewrite).toBe(15);
    expect(sizes[rewrite]).toBe(JSON.stringify({ ...entry(1), text: 'version 15 '.padEnd(1_000, '.') }).length + 1);
    expect(readRecordFile<Feedback>(file, 'feedback').records[0]!.text.startsWith('version 19 ')).toBe(true);
    expect(mode(file)).toBe(0o600);
  });

  it('removes the file when a rewrite leaves no entry', () => {
    const file = fileIn([JSON.stringify(entry(1)) + '\n']);
    const table = new RecordTable<Feedback>(file, 'feedback');
    table.replaceAll([]);
    table.commit();
    expect(fs.existsSync(file)).toBe(false);
  });
});
