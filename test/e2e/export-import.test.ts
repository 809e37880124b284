import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { mode, mtl, ok, readStore, tempHome } from '../helpers/cli.js';
import { fullFor } from '../helpers/full-disk.js';

const NOW = { MTL_NOW: '2027-02-10T09:00:00' };

/** A data folder with one of everything that exports. */
async function seeded(): Promise<string> {
  const home = tempHome();
  const run = (...args: string[]) => ok(home, args, { env: NOW });
  await run('assess', '--answers', 'no,3,3,3,3,3');
  await run('goals', 'new', '--template', 'autonomy', '--title', 'Hand the roadmap to the team', '--due', 'end of quarter', '--yes');
  await run('goals', 'check-in', 'g1', 'Agreed the metric with my boss', '--progress', '20');
  await run('team', 'add', 'Sam', '--note', 'Two kids; training for a marathon');
  await run('praise', 'sam', 'Clear incident write-up', '--public');
  await run('feedback', 'sam', 'Smaller pull requests');
  await run('member-goals', 'sam', 'add', 'Lead the on-call revamp', '--due', '2027-03-15');
  await run('innovation', 'plan', '2027-03-08');
  return home;
}

/** Unfolds iCalendar lines and returns each VEVENT's properties. */
function parseIcs(text: string): Record<string, string>[] {
  const lines = text.replace(/\r\n[ \t]/g, '').split(/\r\n/);
  const events: Record<string, string>[] = [];
  let current: Record<string, string> | undefined;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') (events.push(current!), (current = undefined));
    else if (current) {
      const i = line.indexOf(':');
      current[line.slice(0, i)] = line.slice(i + 1);
    }
  }
  return events;
}

describe('mtl export', () => {
  it('writes only a plain file: a pipe, a device or a folder in its place is refused and left as it is', async () => {
    const home = await seeded();
    const dir = path.dirname(home);
    const pipe = path.join(dir, 'pipe');
    execFileSync('mkfifo', [pipe]);
    const linked = path.join(dir, 'to-pipe.json');
    fs.symlinkSync(pipe, linked);
    for (const [target, what, shown] of [[pipe, 'a pipe', pipe], [linked, 'a pipe', pipe], ['/dev/null', 'a device', '/dev/null'], [dir, 'a folder', dir]] as const) {
      const r = await mtl(home, ['export', '--output', target], { env: NOW });
      expect([r.code, r.stderr], target).toEqual([1, `mtl: ${shown} is ${what}, not a plain file; mtl writes only plain files and has not changed it.\nGive the path of a file to write (a new one, or a file to replace).\n`]);
    }
    expect(fs.statSync(pipe).isFIFO()).toBe(true);
    expect(fs.statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a backup with praise in two quarter files, saying how that comes about and what to delete', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Sam'], { env: { MTL_NOW: '2027-03-01T09:00:00' } });
    await ok(home, ['praise', 'sam', 'tidy notes, so we shipped', '--date', '2027-03-30'], { env: { MTL_NOW: '2027-04-05T09:00:00' } });
    const q1 = fs.readFileSync(path.join(home, 'praise', '2027-Q1.jsonl'), 'utf8');
    fs.writeFileSync(path.join(home, 'praise', '2027-Q2.jsonl'), q1.replaceAll('2027-03-30', '2027-04-02'));
    const r = await mtl(home, ['export', '--output', path.join(path.dirname(home), 'b.json')], { env: { MTL_NOW: '2027-04-05T09:00:00' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no backup was written: the id p1 is used twice in "praise".');
    expect(r.stderr).toContain(`p1 is in two files of ${path.join(home, 'praise')}, as a move to another day cut short leaves it: mtl praise list --all shows both with their days;`);
  });

  it('warns of missing goal files by name up to five, then three and a count', async () => {
    const home = tempHome();
    for (let i = 1; i <= 7; i++) await ok(home, ['goals', 'new', '--template', 'culture', '--title', `Goal ${i}`, '--due', '2027-03-31'], { env: NOW });
    const goals = path.join(home, 'goals');
    for (const f of fs.readdirSync(goals).filter((f) => /^g[1-7]-/.test(f))) fs.rmSync(path.join(goals, f));
    const r = await mtl(home, ['export', '--output', path.join(path.dirname(home), 'b.json')], { env: NOW });
    expect(r.code).toBe(0);
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('warning:'));
    expect(warnings).toHaveLength(4);
    expect(warnings[0]).toBe(`warning: the file of g1 (${path.join(goals, 'g1-goal-1.md')}) is missing; the backup has the goal but not its text.`);
    expect(warnings[3]).toBe(`warning: the files of 4 more goals are missing too (in ${goals}); the backup has those goals but not their text.`);
  });

  it('a merge the disk refuses half way puts every file back, the undo history included', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Sam Lee'], { env: NOW });
    await ok(home, ['praise', 'sam', 'tidy notes, so we shipped'], { env: NOW });
    const other = tempHome();
    await ok(other, ['team', 'add', 'Sam Lee'], { env: NOW });
    await ok(other, ['feedback', 'sam', 'smaller pull requests'], { env: NOW });
    const backup = path.join(path.dirname(other), 'other.json');
    await ok(other, ['export', '--output', backup], { env: NOW });
    // mtl.json aside: ids set aside for a write stay set aside, even when it fails.
    const files = () => Object.fromEntries(fs.readdirSync(home).filter((f) => f.endsWith('.jsonl')).map((f) => [f, fs.readFileSync(path.join(home, f), 'utf8')]));
    const before = files();
    expect(before['undo.jsonl']).toBeDefined();
    const restore = fullFor((file) => file.includes('feedback.jsonl'));
    let r;
    try {
      r = await mtl(home, ['import', '--merge', backup], { env: NOW });
    } finally {
      restore();
    }
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Nothing was changed');
    expect(files()).toEqual(before);
    expect((await mtl(home, ['undo', '--list'], { env: NOW })).stdout).toContain('praise entry p1');
  });

  it('backs up a data folder on a read-only disk, where no lock can be taken (and no write happen)', async () => {
    const home = await seeded();
    const rofs = () => Object.assign(new Error('read-only file system'), { code: 'EROFS' });
    const access = fs.accessSync;
    const writeFile = fs.writeFileSync;
    const spies = [
      vi.spyOn(fs, 'accessSync').mockImplementation(((file: fs.PathLike, mode?: number) => {
        if (String(file) === home && mode === fs.constants.W_OK) throw rofs();
        return access(file, mode);
      }) as typeof fs.accessSync),
      vi.spyOn(fs, 'writeFileSync').mockImplementation(((file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
        if (String(file).startsWith(path.join(home, 'mtl.lock'))) throw rofs();
        return (writeFile as (...a: unknown[]) => void)(file, ...rest);
      }) as typeof fs.writeFileSync),
    ];
    const backup = path.join(path.dirname(home), 'from-old-disk.json');
    try {
      const r = await mtl(home, ['export', '--output', backup], { env: NOW });
      expect([r.code, r.stderr]).toEqual([0, `Wrote ${backup} (json, readable by you alone). Restore it with: mtl import ${backup}\n`]);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(JSON.parse(fs.readFileSync(backup, 'utf8')).data.members.map((m: { name: string }) => m.name)).toEqual(['Sam']);
  });

  it('says who can read the backup when it is written through a link to a file others can read', async () => {
    const home = await seeded();
    const shared = path.join(path.dirname(home), 'shared.json');
    fs.writeFileSync(shared, '', { mode: 0o644 });
    fs.chmodSync(shared, 0o644);
    const link = path.join(path.dirname(home), 'backup-link.json');
    fs.symlinkSync(shared, link);
    const r = await mtl(home, ['export', '--output', link], { env: NOW });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Wrote ${link} (json, readable by others too: mode 0644, kept from the file the link points at).`);
    expect(JSON.parse(fs.readFileSync(shared, 'utf8')).format).toBe('mtl-backup');
  });

  it('json: a complete backup that restores into a new folder and exports identically', async () => {
    const home = await seeded();
    const backup = path.join(path.dirname(home), 'backup.json');
    const r = await mtl(home, ['export', '--output', backup], { env: NOW });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Wrote ${backup}`);
    expect(mode(backup)).toBe(0o600);
    const doc = JSON.parse(fs.readFileSync(backup, 'utf8'));
    expect(doc).toMatchObject({ format: 'mtl-backup', dataVersion: 3, exportedAt: new Date('2027-02-10T09:00:00').toISOString(), counters: { a: 1, g: 1, r: 1, n: 1, p: 1, f: 1, m: 1, i: 1 } });
    expect(doc.data.goals[0].file).toBe('g1-hand-the-roadmap-to-the-team.md');
    expect(doc.goalFiles['g1-hand-the-roadmap-to-the-team.md']).toContain('Hand the roadmap to the team');

    const restored = tempHome();
    const imp = await mtl(restored, ['import', backup], { env: NOW });
    expect(imp.code).toBe(0);
    expect(imp.stderr).toContain("Restored 1 assessment, 1 goal, 1 report, 1 praise entry, 1 feedback note, 1 report's goal, 1 innovation week into ");
    const goalFile = path.join(restored, 'goals', 'g1-hand-the-roadmap-to-the-team.md');
    expect(fs.readFileSync(goalFile, 'utf8')).toBe(doc.goalFiles['g1-hand-the-roadmap-to-the-team.md']);
    expect(mode(goalFile)).toBe(0o600);
    expect(fs.readFileSync(path.join(restored, 'goals.jsonl'), 'utf8')).toContain('"file":"g1-hand-the-roadmap-to-the-team.md"');
    expect(await ok(restored, ['export'], { env: NOW })).toBe(fs.readFileSync(backup, 'utf8'));
  });

  it('md: a readable summary without personal notes unless asked', async () => {
    const home = await seeded();
    const md = await ok(home, ['export', '--format', 'md'], { env: NOW });
    expect(md).toContain('# Management summary, 2027-02-10');
    expect(md).toContain('- Latest: 50/100 (not yet leading) on 2027-02-10');
    expect(md).toContain('| g1 Hand the roadmap to the team | autonomy | 2027-03-31 | open | 20% | 2027-02-10: Agreed the metric with my boss |');
    expect(md).toContain('### Sam');
    expect(md).toContain('- Goal: Lead the on-call revamp (open, 0%, due 2027-03-15)');
    expect(md).not.toContain('marathon');
    expect(await ok(home, ['export', '--format', 'md', '--with-notes'], { env: NOW })).toContain('Two kids; training for a marathon');
  });

  it('md --quarter last: only what is dated in that quarter, as it stood on its last day', async () => {
    const home = tempHome();
    const on = (day: string) => ({ env: { MTL_NOW: `${day}T09:00:00` } });
    await ok(home, ['team', 'add', 'Sam Lee'], on('2027-01-05'));
    await ok(home, ['assess', '--answers', 'no,2,3,4,3,2'], on('2027-01-10'));
    await ok(home, ['goals', 'new', '-t', 'autonomy', '--title', 'Hand over the search rewrite', '--due', '2027-03-31'], on('2027-01-10'));
    await ok(home, ['goals', 'check-in', 'g1', 'Ana owns the design', '--progress', '40'], on('2027-03-10'));
    await ok(home, ['praise', 'Sam Lee', 'Clear design review', '--public'], on('2027-02-01'));
    await ok(home, ['assess', '--answers', 'no,4,3,4,3,4'], on('2027-03-01'));
    // The next quarter: an assessment, praise, and the goal finished.
    await ok(home, ['praise', 'Sam Lee', 'Careful migration'], on('2027-04-02'));
    await ok(home, ['goals', 'check-in', 'g1', 'Shipped', '--progress', '100'], on('2027-04-03'));
    await ok(home, ['goals', 'done', 'g1'], on('2027-04-03'));
    await ok(home, ['assess', '--answers', 'no,4,4,4,3,4'], on('2027-04-05'));
    const md = await ok(home, ['export', '--format', 'md', '--quarter', 'last'], on('2027-04-06'));
    expect(md).toContain('## Self-assessment\n\n- Latest: 65/100 (leading) on 2027-03-01\n- First: 45/100 on 2027-01-10 (+20 since, over 2 assessments)\n');
    expect(md).toContain('| g1 Hand over the search rewrite | autonomy | 2027-03-31 | open | 40% | 2027-03-10: Ana owns the design |\n');
    expect(md).toContain(
      [
        '## In 2027-Q1 (2027-01-01 to 2027-03-31)',
        '',
        '- Praise logged: 1 (1 public)',
        '- Constructive feedback logged: 0; 1:1s held: 0',
        '- Your goals completed: 0; report goals completed: 0',
        '- Roadmap items handed over: 0; delivered: 0',
        '- Team culture events: 0; processes handed over: 0',
        '- Leadership learning: 0 hours; tips tried: 0',
        '',
      ].join('\n'),
    );
    for (const later of ['2027-04-05', '2027-04-03', 'Shipped', 'The last 90 days']) expect(md).not.toContain(later);
    // The summary of the current quarter keeps the last 90 days and the latest of everything.
    const now = await ok(home, ['export', '--format', 'md'], on('2027-04-06'));
    expect(now).toContain('- Latest: 70/100 (leading) on 2027-04-05\n');
    expect(now).toContain('## The last 90 days (2027-01-06 to 2027-04-06)\n\n- Praise logged: 2 (1 public)\n');
  });

  it('ics: all-day events on the right days, whatever the time zone', async () => {
    const home = await seeded();
    for (const TZ of ['America/Los_Angeles', 'UTC', 'Asia/Tokyo']) {
      const events = parseIcs(await ok(home, ['export', '--format', 'ics'], { env: { ...NOW, TZ } }));
      const byUid = Object.fromEntries(events.map((e) => [e.UID, e]));
      expect(Object.keys(byUid).sort()).toEqual(['demo-2027-Q1@mtl', 'goal-g1@mtl', 'innovation-2027-Q1@mtl', 'member-goal-m1@mtl']);
      expect(byUid['goal-g1@mtl']).toMatchObject({ SUMMARY: 'Goal due: Hand the roadmap to the team', 'DTSTART;VALUE=DATE': '20270331', 'DTEND;VALUE=DATE': '20270401' });
      expect(byUid['member-goal-m1@mtl']).toMatchObject({ 'DTSTART;VALUE=DATE': '20270315', 'DTEND;VALUE=DATE': '20270316' });
      expect(byUid['innovation-2027-Q1@mtl']).toMatchObject({ 'DTSTART;VALUE=DATE': '20270308', 'DTEND;VALUE=DATE': '20270313' });
      expect(byUid['demo-2027-Q1@mtl']).toMatchObject({ 'DTSTART;VALUE=DATE': '20270312', 'DTEND;VALUE=DATE': '20270313' });
    }
    // Finished, a goal keeps its event (the same id, so a calendar that imports it again updates it), marked done.
    await ok(home, ['goals', 'done', 'g1'], { env: NOW });
    await ok(home, ['member-goals', 'sam', 'done', 'm1'], { env: NOW });
    const byUid = Object.fromEntries(parseIcs(await ok(home, ['export', '--format', 'ics'], { env: NOW })).map((e) => [e.UID, e]));
    expect(byUid['goal-g1@mtl']).toMatchObject({ SUMMARY: 'Goal done: Hand the roadmap to the team', DESCRIPTION: expect.stringMatching(/^mtl goal g1 \(autonomy\)\. Done on \d{4}-\d{2}-\d{2}\.$/) });
    expect(byUid['member-goal-m1@mtl']).toMatchObject({ SUMMARY: "Sam's goal done: Lead the on-call revamp" });
    expect(byUid['member-goal-m1@mtl'].DESCRIPTION).toMatch(/^Done on \d{4}-\d{2}-\d{2}\.$/);
  });

  it('refuses an unknown format and an unwritable output, exit 1', async () => {
    const home = await seeded();
    let r = await mtl(home, ['export', '--format', 'pdf']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Unknown export format "pdf"');
    expect(r.stderr).toContain('json, md, ics');
    r = await mtl(home, ['export', '--output', path.join(path.dirname(home), 'missing', 'x.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Cannot write');
  });
});

describe('mtl import', () => {
  it('refuses a non-empty folder without --merge, a damaged file and a newer one, changing nothing', async () => {
    const home = await seeded();
    const backup = path.join(path.dirname(home), 'b.json');
    await ok(home, ['export', '-o', backup]);
    const before = fs.readFileSync(path.join(home, 'mtl.json'), 'utf8');
    let r = await mtl(home, ['import', backup]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("already holds data (1 assessment, 1 goal, 1 report, 1 praise entry, 1 feedback note, 1 report's goal, 1 innovation week); nothing was changed");
    expect(r.stderr).toContain('--merge');

    const empty = tempHome();
    fs.writeFileSync(backup + '.broken', fs.readFileSync(backup, 'utf8').slice(0, 200));
    r = await mtl(empty, ['import', backup + '.broken']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is not a valid mtl backup: it is not valid JSON');
    const newer = JSON.parse(fs.readFileSync(backup, 'utf8'));
    newer.dataVersion = 7;
    fs.writeFileSync(backup + '.newer', JSON.stringify(newer));
    r = await mtl(empty, ['import', backup + '.newer']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('comes from a newer mtl (data version 7');
    fs.writeFileSync(backup + '.other', '{"hello": 1}');
    expect((await mtl(empty, ['import', backup + '.other'])).stderr).toContain('is not an mtl backup');
    expect((await mtl(empty, ['import', backup + '.nope'])).stderr).toContain('Cannot read');
    expect(fs.existsSync(empty)).toBe(false);
    expect(fs.readFileSync(path.join(home, 'mtl.json'), 'utf8')).toBe(before);
  });

  it('--merge adds what is new, matches reports by name, renumbers taken ids, and is idempotent', async () => {
    const home = await seeded();
    const backup = path.join(path.dirname(home), 'b.json');
    await ok(home, ['export', '-o', backup]);
    const other = tempHome();
    await ok(other, ['goals', 'new', '--template', 'culture', '--title', 'Team lunch every month', '--yes'], { env: NOW });
    await ok(other, ['team', 'add', 'SAM'], { env: NOW });
    await ok(other, ['praise', 'sam', 'Great demo'], { env: NOW });
    const r = await mtl(other, ['import', backup, '--merge'], { env: NOW });
    expect(r.code).toBe(0);
    // Sam's personal note from the backup joins the Sam here, and is counted.
    expect(r.stderr).toContain('Merged: added 1 personal note, 1 assessment, 1 goal, 1 praise entry, 1 feedback note, 1 report\'s goal, 1 innovation week.');
    expect(r.stderr).toContain('Nothing already here was lost');
    const store = readStore(other);
    expect(store.members).toHaveLength(1);
    expect(store.goals.map((g: { id: string; title: string }) => `${g.id} ${g.title}`)).toEqual(['g1 Team lunch every month', 'g2 Hand the roadmap to the team']);
    expect(fs.existsSync(path.join(other, 'goals', 'g2-hand-the-roadmap-to-the-team.md'))).toBe(true);
    expect(store.praise.every((p: { member: string }) => p.member === store.members[0].id)).toBe(true);
    const again = await mtl(other, ['import', backup, '--merge'], { env: NOW });
    expect(again.stderr).toContain('Nothing new in that backup');
    expect(readStore(other).praise).toHaveLength(2);
  });

  it('--merge of an older backup of the same data adds nothing and loses no progress', async () => {
    const home = await seeded();
    const backup = path.join(path.dirname(home), 'old.json');
    await ok(home, ['export', '-o', backup], { env: NOW });
    const later = { env: { MTL_NOW: '2027-02-20T10:00:00' } };
    await ok(home, ['goals', 'check-in', 'g1', 'Two items handed over', '--progress', '40'], later);
    await ok(home, ['1on1', 'sam', '--done', '--gave', 'f1'], later);
    await ok(home, ['delegate', 'Billing export v2', '--to', 'sam'], later);
    await ok(home, ['delegate', 'check', 'd1', 'docs'], later);
    const before = readStore(home);
    const r = await mtl(home, ['import', backup, '--merge'], later);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Nothing new in that backup');
    const after = readStore(home);
    expect(after.goals).toEqual(before.goals);
    expect(after.feedback).toEqual(before.feedback);
    expect(after.feedback[0].deliveredOn).toBe('2027-02-20');
    expect(after.delegations).toEqual(before.delegations);
    expect(fs.readdirSync(path.join(home, 'goals'))).toEqual(['g1-hand-the-roadmap-to-the-team.md']);
  });

  it('--merge keeps two same-day goals with one title apart, and an older backup never undoes a reopen', async () => {
    const a = tempHome();
    const at = (day: string) => ({ env: { MTL_NOW: `${day}T10:00:00` } });
    await ok(a, ['goals', 'new', '--template', 'culture', '--title', 'Team lunch', '--due', '2027-03-31', '--yes'], at('2027-02-10'));
    await ok(a, ['goals', 'new', '--template', 'culture', '--title', 'Team lunch', '--due', '2027-06-30', '--yes'], at('2027-02-10'));
    const backup = path.join(path.dirname(a), 'a.json');
    await ok(a, ['export', '-o', backup], at('2027-02-10'));
    const b = tempHome();
    await ok(b, ['team', 'add', 'Ana'], at('2027-02-10'));
    await ok(b, ['import', backup, '--merge'], at('2027-02-10'));
    expect(readStore(b).goals.map((g: { due: string }) => g.due)).toEqual(['2027-03-31', '2027-06-30']);

    await ok(a, ['goals', 'check-in', 'g1', 'halfway', '--progress', '50'], at('2027-02-11'));
    await ok(a, ['import', backup, '--merge'], at('2027-02-11'));
    expect(readStore(a).goals.map((g: { progress: number; checkIns: unknown[] }) => [g.progress, g.checkIns.length])).toEqual([[50, 1], [0, 0]]);

    await ok(a, ['goals', 'done', 'g1'], at('2027-02-12'));
    await ok(a, ['export', '-o', backup], at('2027-02-12'));
    await ok(a, ['goals', 'reopen', 'g1'], at('2027-02-13'));
    await ok(a, ['import', backup, '--merge'], at('2027-02-13'));
    expect(readStore(a).goals[0]).toMatchObject({ status: 'open' });
  });

  it('--merge of a newer backup brings existing entries up to date', async () => {
    const home = await seeded();
    const copy = tempHome();
    const backup = path.join(path.dirname(home), 'b.json');
    await ok(home, ['export', '-o', backup], { env: NOW });
    await ok(copy, ['import', backup], { env: NOW });
    const later = { env: { MTL_NOW: '2027-02-20T10:00:00' } };
    await ok(home, ['goals', 'check-in', 'g1', 'Two items handed over', '--progress', '40'], later);
    await ok(home, ['1on1', 'sam', '--done', '--gave', 'f1'], later);
    await ok(home, ['export', '-o', backup], later);
    const r = await mtl(copy, ['import', backup, '--merge'], later);
    expect(r.stderr).toContain('Merged: added 1 1:1; brought up to date 1 goal, 1 feedback note');
    const store = readStore(copy);
    expect(store.goals).toHaveLength(1);
    expect(store.goals[0]).toMatchObject({ progress: 40 });
    expect(store.goals[0].checkIns).toHaveLength(2);
    expect(store.feedback[0].deliveredOn).toBe('2027-02-20');
  });
});
