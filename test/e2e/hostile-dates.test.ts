import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mtl, ok, tempHome } from '../helpers/cli.js';

const at = (now = '2027-02-10T09:00:00') => ({ env: { MTL_NOW: now } });
const RANGE = '1970-01-01 to 2999-12-31';

/** The lines of a record file (absent: none), to show a refused command wrote nothing. */
function fileText(home: string, file: string): string {
  const full = path.join(home, file);
  return fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : '';
}

/** A goal line written straight into goals.jsonl, as older data or a merged backup could hold it. */
function storeGoal(home: string, id: string, due: string, status = 'open'): void {
  const goal = { id, title: `Goal ${id}`, template: 'autonomy', file: `${id}.md`, created: '2027-01-05', due, status, progress: 0, checkIns: [] };
  fs.appendFileSync(path.join(home, 'goals.jsonl'), JSON.stringify(goal) + '\n');
}

describe('dates outside 1970-01-01 to 2999-12-31 are refused at entry', () => {
  it.each([
    [['goals', 'new', '-t', 'autonomy', '--title', 'Far', '--due', '9999-12-31'], '"9999-12-31" reads as 9999-12-31'],
    [['goals', 'new', '-t', 'autonomy', '--title', 'Far', '--due', 'in 3000000 days'], '"in 3000000 days" reads as 10240-10-31'],
    [['goals', 'new', '-t', 'autonomy', '--title', 'Far', '--due', 'end of q1 3000'], '"end of q1 3000" reads as 3000-03-31'],
    [['member-goals', 'sam', 'add', 'Far', '--due', '3000-01-01'], '"3000-01-01" reads as 3000-01-01'],
    [['innovation', 'plan', '9999-01-04'], '"9999-01-04" reads as 9999-01-04'],
  ])('mtl %j', async (args, reads) => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Sam'], at());
    const before = ['goals.jsonl', 'member-goals.jsonl', 'innovation-weeks.jsonl'].map((f) => fileText(home, f));
    const r = await mtl(home, args, at());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`mtl: ${reads}, outside the days mtl accepts (${RANGE}).`);
    expect(r.stderr).not.toContain('unexpected');
    expect(['goals.jsonl', 'member-goals.jsonl', 'innovation-weeks.jsonl'].map((f) => fileText(home, f))).toEqual(before);
  });

  it('praise list --since refuses a day outside the range, and takes the first day', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Sam'], at());
    await ok(home, ['praise', 'sam', 'good demo'], at());
    const r = await mtl(home, ['praise', 'list', '--since', '1900-01-01'], at());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`mtl: --since "1900-01-01" is outside the days mtl accepts, ${RANGE}.`);
    expect(await ok(home, ['praise', 'list', '--since', '1970-01-01'], at())).toContain('good demo');
  });

  it('innovation plan refuses a week that would end after the last day', async () => {
    const home = tempHome();
    const r = await mtl(home, ['innovation', 'plan', '2999-12-30'], at());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`mtl: The innovation week from 2999-12-30 would end after 2999-12-31, outside the days mtl accepts (${RANGE}).`);
    expect(fileText(home, 'innovation-weeks.jsonl')).toBe('');
  });
});

describe('MTL_NOW', () => {
  it.each([['nudge'], [], ['learn'], ['innovation'], ['goals']])('9999-12-31 is refused with the range named, not an unexpected error: mtl %j', async (...args) => {
    const r = await mtl(tempHome(), args, at('9999-12-31'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`mtl: MTL_NOW="9999-12-31" is outside the days mtl accepts (${RANGE}).`);
    expect(r.stderr).not.toContain('unexpected');
  });

  it('refuses an offset beyond ±14:00', async () => {
    const r = await mtl(tempHome(), ['nudge'], at('2027-01-01T00:00+99:99'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('mtl: MTL_NOW="2027-01-01T00:00+99:99" has the offset +99:99; an offset runs from -14:00 to +14:00.');
  });

  it.each([['nudge'], [], ['learn'], ['innovation'], ['goals'], ['prep'], ['1on1', 'sam'], ['export', '--format', 'ics']])(
    '2999-12-31, the last day, works (the next quarter is in 3000): mtl %j',
    async (...args) => {
      const home = tempHome();
      await ok(home, ['team', 'add', 'Sam'], at('2999-12-01'));
      await ok(home, ['goals', 'new', '-t', 'autonomy', '--title', 'Last', '--due', 'end of year'], at('2999-12-01'));
      const r = await mtl(home, args, at('2999-12-31T23:00:00'));
      expect(r.stderr).not.toContain('unexpected');
      expect(r.code).toBe(0);
    },
  );
});

describe('stored days outside the range, as older data or a merged backup may hold them', () => {
  it('export --format ics skips and reports the entry it cannot write, and writes the rest', async () => {
    const home = tempHome();
    await ok(home, ['goals', 'new', '-t', 'autonomy', '--title', 'Normal goal', '--due', '2027-03-31'], at());
    storeGoal(home, 'g2', '9999-12-31');
    const r = await mtl(home, ['export', '--format', 'ics'], at());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('SUMMARY:Goal due: Normal goal');
    expect(r.stdout).toContain('DTSTART;VALUE=DATE:20270331');
    expect(r.stdout).not.toContain('g2');
    expect(r.stdout.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(r.stderr).toBe(`warning: the calendar leaves out goal g2: its day "9999-12-31" is outside ${RANGE}.\n`);

    // Still so once the goal is done: the day is what it cannot write.
    await ok(home, ['goals', 'done', 'g2'], at());
    const done = await mtl(home, ['export', '--format', 'ics'], at());
    expect(done.code).toBe(0);
    expect(done.stdout.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(done.stderr).toContain('leaves out goal g2');
  });

  it('other commands show such an entry without failing', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Sam'], at());
    storeGoal(home, 'g1', '9999-12-31');
    for (const args of [['goals'], ['nudge', '--dry-run'], [], ['prep'], ['export', '--format', 'md']]) {
      const r = await mtl(home, args, at());
      expect(r.stderr, args.join(' ')).not.toContain('unexpected');
      expect(r.code, args.join(' ')).toBe(0);
    }
    // A backup holding it would not restore (import refuses such a day): export says so instead of writing one.
    const backup = await mtl(home, ['export', '--format', 'json'], at());
    expect(backup.code).toBe(1);
    expect(backup.stdout).toBe('');
    expect(backup.stderr).toMatch(/\nmtl: The data folder holds what a restore would refuse, so no backup was written: g1 in "goals" has due "9999-12-31", outside the days mtl accepts/);
  });

  it('import refuses a backup with a day outside the range, naming the entry and the range, and changes nothing', async () => {
    const source = tempHome();
    await ok(source, ['team', 'add', 'Sam'], at());
    await ok(source, ['goals', 'new', '-t', 'autonomy', '--title', 'Fine', '--due', '2027-03-31'], at());
    await ok(source, ['goals', 'check-in', 'g1', 'started', '--progress', '10'], at());
    const backup = JSON.parse(await ok(source, ['export', '--format', 'json'], at()));
    const file = path.join(path.dirname(source), 'backup.json');
    const target = tempHome();
    await ok(target, ['team', 'add', 'Priya'], at());
    const before = fileText(target, 'reports.jsonl');

    for (const [change, named] of [
      [(b: typeof backup) => (b.data.goals[0].due = '9999-12-31'), 'g1 in "goals" has due "9999-12-31"'],
      [(b: typeof backup) => (b.data.goals[0].checkIns[0].date = '1969-12-31'), 'g1 in "goals" has checkIns[0].date "1969-12-31"'],
      [(b: typeof backup) => (b.data.members[0].added = '3000-01-01'), 'r1 in "members" has added "3000-01-01"'],
    ] as const) {
      const copy = structuredClone(backup);
      change(copy);
      fs.writeFileSync(file, JSON.stringify(copy));
      for (const args of [['import', file], ['import', file, '--merge']]) {
        const r = await mtl(target, args, at());
        expect(r.code).toBe(1);
        expect(r.stderr).toContain(`${named}, outside the days mtl accepts (${RANGE}).`);
        expect(fileText(target, 'reports.jsonl')).toBe(before);
        expect(fileText(target, 'goals.jsonl')).toBe('');
      }
    }
    // The same backup with its days in range imports.
    fs.writeFileSync(file, JSON.stringify(backup));
    await ok(target, ['import', file, '--merge'], at());
    expect(fileText(target, 'goals.jsonl')).toContain('"due":"2027-03-31"');
  });
});
