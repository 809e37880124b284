import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mtl, ok, readStore, tempHome } from '../helpers/cli.js';

/** `mtl undo` reads a journal someone else may have written: it checks it, and moves only goal files of the goals folder. */

const NOW = { env: { MTL_NOW: '2027-02-10T09:00:00' } };

async function withSam(): Promise<string> {
  const home = tempHome();
  await ok(home, ['team', 'add', 'Sam Lee'], NOW);
  return home;
}

const goal = (id: string, file: string) => ({ id, title: 'Quarterly plan', template: 'culture', file, status: 'open', progress: 0, checkIns: [], created: '2027-02-01' });
const line = (changes: unknown[], n = 9) => JSON.stringify({ n, changes });

describe('mtl undo: a journal line that is not a change mtl recorded is refused as damaged', () => {
  const cases: [string, string, string][] = [
    ['an unknown kind', line([{ kind: 'bogus', id: 'x1', before: null, after: { id: 'x1' } }]), 'the kind "bogus" is not one mtl keeps'],
    ['an id of another kind', line([{ kind: 'goals', id: 'r1', before: null, after: goal('r1', 'a.md') }]), 'the id "r1" is not "g" followed by a whole number from 1'],
    ['an entry missing a field', line([{ kind: 'goals', id: 'g9', before: null, after: { id: 'g9', title: 'x', file: 'a.md' } }]), 'what g9 was after the change is not a well-formed entry: template is missing; it should be a text'],
    ['an entry with another id', line([{ kind: 'goals', id: 'g9', before: goal('g8', 'a.md'), after: null }]), 'the change to g9 names another entry before it ("g8")'],
    ['a side left out', line([{ kind: 'praise', id: 'p9', after: null }]), 'the change to p9 has no "before"'],
    ['no number', JSON.stringify({ changes: [] }), 'its number (none) is not a whole number from 1'],
    ['not an object', '[1,2]', 'it is not a change mtl recorded'],
  ];
  for (const [what, bad, problem] of cases) {
    it(`${what}: undo and undo --list exit 1 naming the file and line, changing nothing`, async () => {
      const home = await withSam();
      await ok(home, ['praise', 'sam', 'Clear write-up'], NOW);
      const file = path.join(home, 'undo.jsonl');
      fs.appendFileSync(file, `${bad}\n`);
      const text = fs.readFileSync(file, 'utf8');
      for (const args of [['undo'], ['undo', '--list'], ['undo', '--list', '--json']]) {
        const r = await mtl(home, args, NOW);
        expect(r.code, args.join(' ')).toBe(1);
        expect(r.stderr).toBe(
          `mtl: ${file} is damaged: line 3: ${problem}.\nmtl has not changed it.\n` +
            `It is mtl undo's list of recent changes, not your data: remove that line, or the whole file to start the undo history afresh (rm '${file}').\n`,
        );
        expect(r.stdout).toBe('');
      }
      expect(fs.readFileSync(file, 'utf8')).toBe(text);
      expect(readStore(home).praise).toHaveLength(1);
      // Other commands still write, and undo works again once the line is gone.
      await ok(home, ['praise', 'sam', 'Ran a calm retro'], NOW);
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(`${bad}\n`, ''));
      expect((await mtl(home, ['undo'], NOW)).stderr).toContain('Undid adding praise entry p2');
    });
  }
});

describe('mtl undo: goal files', () => {
  it('a journal naming a goal that was never saved reverts nothing and moves no file', async () => {
    const home = await withSam();
    const victim = path.join(path.dirname(home), 'victim-id_rsa');
    fs.writeFileSync(victim, 'precious\n');
    fs.writeFileSync(path.join(home, 'undo.jsonl'), `${line([{ kind: 'goals', id: 'g9', before: null, after: goal('g9', victim) }], 1)}\n`);
    const r = await mtl(home, ['undo'], NOW);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Nothing of adding goal g9 ("Quarterly plan") was saved');
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(fs.existsSync(path.join(home, 'goals', 'archive'))).toBe(false);
  });

  it('undoing a goal whose file is named outside the goals folder reverts the entry but moves no file', async () => {
    const home = await withSam();
    await ok(home, ['goals', 'new', '--template', 'culture', '--title', 'Weekly demos', '--due', '2027-03-31'], NOW);
    const victim = path.join(path.dirname(home), 'victim-id_rsa');
    fs.writeFileSync(victim, 'precious\n');
    // goals.jsonl and the journal edited by hand alike, so the entry is as the change left it. (An
    // absolute name: a goals.jsonl line with "../" is read as another file than the journal's.)
    for (const name of ['goals.jsonl', 'undo.jsonl']) {
      const file = path.join(home, name);
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"g1-weekly-demos.md"', JSON.stringify(victim)));
    }
    const r = await mtl(home, ['undo'], NOW);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Undid adding goal g1 ("Weekly demos")');
    expect(readStore(home).goals).toEqual([]);
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(fs.existsSync(path.join(home, 'goals', 'archive'))).toBe(false);
    expect(fs.existsSync(path.join(home, 'goals', 'g1-weekly-demos.md'))).toBe(true);
  });

  it('a goal file in the goals folder still goes to the archive when its creation is undone', async () => {
    const home = await withSam();
    await ok(home, ['goals', 'new', '--template', 'culture', '--title', 'Weekly demos', '--due', '2027-03-31'], NOW);
    await ok(home, ['undo'], NOW);
    expect(fs.existsSync(path.join(home, 'goals', 'archive', 'g1-weekly-demos.md'))).toBe(true);
    expect(fs.existsSync(path.join(home, 'goals', 'g1-weekly-demos.md'))).toBe(false);
  });
});
