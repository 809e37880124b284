// The data folder under many processes at once: writers, readers, a stopped writer, a dead one.
// Apart from store.test.ts so that its long waits run beside other test files.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mtlAsync, readStore, type Result } from '../helpers/cli.js';
import { generated } from '../helpers/store-fixture.js';

const NOW = { env: { MTL_NOW: '2027-02-10T09:00:00' } };

describe('many writers at once', () => {
  it('100 mixed writers started together on a full-size store all exit 0, and every entry is kept', async () => {
    const home = generated(1);
    const before = readStore(home);
    const writes = Array.from({ length: 100 }, (_, i) => {
      const who = `Report${(i % 50) + 1}`;
      switch (i % 5) {
        case 0:
          return ['praise', who, `praise from writer ${i}`];
        case 1:
          return ['feedback', who, `feedback from writer ${i}`];
        case 2:
          return ['team', 'note', who, `note from writer ${i}`];
        case 3:
          return ['goals', 'check-in', `g${i + 1}`, `check-in from writer ${i}`];
        default:
          return ['nudge'];
      }
    });
    const runs = await Promise.all(writes.map((args) => mtlAsync(home, args, NOW)));
    expect(runs.filter((r) => r.code !== 0)).toEqual([]);
    const after = readStore(home);
    const texts = (list: { text: string }[]) => list.map((e) => e.text).filter((t) => t.includes('from writer'));
    expect(texts(after.praise)).toHaveLength(20);
    expect(texts(after.feedback)).toHaveLength(20);
    expect(after.members.flatMap((m: { notes: { text: string }[] }) => texts(m.notes))).toHaveLength(20);
    expect(after.goals.flatMap((g: { checkIns: { note: string }[] }) => g.checkIns.filter((c) => c.note.includes('from writer')))).toHaveLength(20);
    expect(after.praise).toHaveLength(before.praise.length + 20);
    for (const list of [after.praise, after.feedback]) expect(new Set(list.map((e: { id: string }) => e.id)).size).toBe(list.length);
    expect(fs.existsSync(path.join(home, 'mtl.lock'))).toBe(false);
  }, 120_000);

  it('readers running beside writers never fail because of them', async () => {
    const home = generated(0.1);
    const writers = Array.from({ length: 30 }, (_, i) => mtlAsync(home, i % 2 ? ['praise', `Report${(i % 5) + 1}`, `w${i}`] : ['goals', 'check-in', 'g2', `w${i}`], NOW));
    const readers: Promise<Result>[] = [];
    for (let i = 0; i < 30; i++) readers.push(mtlAsync(home, [['nudge', '--all', '--dry-run'], ['praise', 'list'], ['goals', '--json'], []][i % 4]!, NOW));
    const [written, read] = [await Promise.all(writers), await Promise.all(readers)];
    expect(written.filter((r) => r.code !== 0)).toEqual([]);
    expect(read.filter((r) => r.code !== 0)).toEqual([]);
  }, 120_000);
});
