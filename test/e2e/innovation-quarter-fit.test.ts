import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mtl, ok, readStore, tempHome } from '../helpers/cli.js';

const at = (day: string) => ({ env: { MTL_NOW: `${day}T10:00:00` } });

describe('mtl innovation plan: a week must fit in its quarter', () => {
  it('refuses a week that runs into the next quarter, naming the last Monday that fits and the next quarter\'s', async () => {
    const home = tempHome();
    // Saturday 2027-06-26 moves to Mon 06-28, and the week would end Fri 07-02, in 2027-Q3.
    const r = await mtl(home, ['innovation', 'plan', '2027-06-26'], at('2027-06-10'));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "mtl: A week from Mon 2027-06-28 would run to Fri 2027-07-02, past the end of 2027-Q2 (2027-06-30); a quarter's innovation week, demo day included, must fit inside it.\n" +
        "Nothing was changed. Plan the last week that fits in 2027-Q2: mtl innovation plan 2027-06-21; or 2027-Q3's: mtl innovation plan 2027-07-05\n",
    );
    expect(fs.existsSync(home)).toBe(false);
    // Both commands it names work, and the week counts for the quarter it was named for.
    expect((await mtl(home, ['innovation', 'plan', '2027-06-21'], at('2027-06-10'))).stderr).toContain('Planned the 2027-Q2 innovation week: Mon 2027-06-21 to Fri 2027-06-25');
    expect((await mtl(home, ['innovation', 'plan', '2027-07-05'], at('2027-06-10'))).stderr).toContain('Planned the 2027-Q3 innovation week: Mon 2027-07-05 to Fri 2027-07-09');
    expect(readStore(home).innovationWeeks.map((w: { quarter: string; end: string }) => `${w.quarter} ${w.end}`)).toEqual(['2027-Q2 2027-06-25', '2027-Q3 2027-07-09']);
  });

  it('offers only the next quarter once the last Monday that fits has passed', async () => {
    const home = tempHome();
    const r = await mtl(home, ['innovation', 'plan', 'monday'], at('2027-06-24'));
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[1]).toBe("Nothing was changed. Plan 2027-Q3's: mtl innovation plan 2027-07-05");
    // The nudge asks for the same quarter's week.
    expect(JSON.parse(await ok(home, ['nudge', '--json'], at('2027-06-24'))).reminders.find((x: { kind: string }) => x.kind === 'innovation').command).toBe('mtl innovation plan 2027-07-05');
  });

  it('takes a Thursday start whose fifth working day is the quarter\'s last', async () => {
    const home = tempHome();
    const r = await mtl(home, ['innovation', 'plan', '2027-06-24'], at('2027-06-10'));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Planned the 2027-Q2 innovation week: Thu 2027-06-24 to Wed 2027-06-30, demo day Wed 2027-06-30.');
  });
});

describe('mtl innovation plan: suggestions are ahead of today', () => {
  it('shows example starts computed from today when it cannot read one', async () => {
    const r = await mtl(tempHome(), ['innovation', 'plan', '31/02'], at('2027-04-06'));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'mtl: Cannot read "31/02" as the start of the innovation week.\n' +
        'Give the first day of the week, for example "2027-04-19", "next monday", "in 3 weeks", "may 1"; the suggested one: mtl innovation plan 2027-04-19\n',
    );
    for (const day of r.stderr.match(/\d{4}-\d{2}-\d{2}/g)!) expect(day > '2027-04-06').toBe(true);
  });
});
