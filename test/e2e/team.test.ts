import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mtl, ok, readStore, tempHome } from '../helpers/cli.js';
import { expectPrivate, seedTeam } from '../helpers/team.js';
import { TmuxSession } from '../helpers/tmux.js';

const env = { MTL_NOW: '2027-01-12T10:00:00' };

describe('mtl team', () => {
  it('team set --name to another report\'s first name says so, and a report who left blocks only their exact name', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-01-04', 'Sam Lee', 'Carla', 'Alex Kim');
    await ok(home, ['team', 'remove', 'alex', '--yes'], { env });
    const r = await mtl(home, ['team', 'set', 'carla', '--name', 'Sam'], { env });
    expect(r.stderr).toContain('Note: Sam Lee is on your team too; "Sam" now means Sam. Give Sam Lee\'s full name for them.');
    await ok(home, ['team', 'set', 'sam', '--name', 'Alex'], { env });
    expect(readStore(home).members.map((m: { name: string }) => m.name)).toEqual(['Sam Lee', 'Alex', 'Alex Kim']);
    const exact = await mtl(home, ['team', 'set', 'alex', '--name', 'alex kim'], { env });
    expect(exact.stderr).toContain('Alex Kim (r3), who left the team, is called that already.');
  });

  it('a backup from before a rename merges into the renamed report, not into a second one', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-01-04', 'Carla Dias', 'Sam Lee');
    await ok(home, ['praise', 'carla', 'ran a calm incident review'], { env });
    const backup = path.join(path.dirname(home), 'before-rename.json');
    await ok(home, ['export', '--output', backup], { env });
    await ok(home, ['team', 'set', 'carla', '--name', 'Carla Diaz'], { env });
    expect(readStore(home).members[0]).toMatchObject({ name: 'Carla Diaz', formerNames: ['Carla Dias'] });
    await ok(home, ['import', '--merge', backup], { env });
    expect(readStore(home).members.map((m: { name: string }) => m.name)).toEqual(['Carla Diaz', 'Sam Lee']);
    expect(readStore(home).praise).toHaveLength(1);
    // Her old name for someone new: added, and said who had it.
    const added = await mtl(home, ['team', 'add', 'Carla Dias'], { env });
    expect(added.stderr).toContain('Note: Carla Diaz (r1) was called Carla Dias before; this is a new report. If you meant Carla Diaz: mtl undo');
  });

  it('import --merge keeps a new report apart from one renamed from their name, whichever comes first in the backup', async () => {
    const a = tempHome();
    const b = tempHome();
    await seedTeam(a, '2027-01-04', 'Sam');
    await ok(a, ['praise', 'sam', 'old praise'], { env });
    const first = path.join(path.dirname(a), 'a0.json');
    await ok(a, ['export', '--output', first], { env });
    await ok(b, ['import', first], { env });
    // On A: Sam becomes Samuel, and a new Sam joins with a private note and praise of his own.
    await ok(a, ['team', 'set', 'sam', '--name', 'Samuel'], { env });
    await ok(a, ['team', 'add', 'Sam', '--note', 'new Sam: medical leave soon'], { env });
    await ok(a, ['praise', 'r2', 'new Sam praise'], { env });
    const second = path.join(path.dirname(a), 'a1.json');
    await ok(a, ['export', '--output', second], { env });
    // The same backup with the new Sam listed first.
    const doc = JSON.parse(fs.readFileSync(second, 'utf8'));
    doc.data.members.reverse();
    const reversed = path.join(path.dirname(a), 'a1-reversed.json');
    fs.writeFileSync(reversed, JSON.stringify(doc));
    for (const file of [second, reversed]) {
      const c = tempHome();
      await ok(c, ['import', first], { env });
      await ok(c, ['import', '--merge', file], { env });
      const store = readStore(c);
      const byName = Object.fromEntries(store.members.map((m: { id: string; name: string; notes: { text: string }[] }) => [m.name, m]));
      expect(Object.keys(byName).sort()).toEqual(['Sam', 'Samuel']);
      expect(byName.Samuel.notes).toEqual([]);
      expect(byName.Sam.notes.map((n: { text: string }) => n.text)).toEqual(['new Sam: medical leave soon']);
      const praiseOf = (name: string) => store.praise.filter((p: { member: string }) => p.member === byName[name].id).map((p: { text: string }) => p.text);
      expect(praiseOf('Samuel')).toEqual(['old praise']);
      expect(praiseOf('Sam')).toEqual(['new Sam praise']);
    }
  });

  it('import --merge says when two reports on the team end up with one name', async () => {
    const a = tempHome();
    const b = tempHome();
    await seedTeam(a, '2027-01-04', 'Sam');
    const first = path.join(path.dirname(a), 'a0.json');
    await ok(a, ['export', '--output', first], { env });
    await ok(b, ['import', first], { env });
    await ok(b, ['team', 'add', 'Samuel'], { env });
    await ok(a, ['team', 'set', 'sam', '--name', 'Samuel'], { env });
    const second = path.join(path.dirname(a), 'a1.json');
    await ok(a, ['export', '--output', second], { env });
    const r = await mtl(b, ['import', '--merge', second], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Two reports are now called Samuel (r1, r2): give one a name that tells them apart, e.g. mtl team set r2 --name "<their full name>"');
  });

  it('team set --away: a report on leave gets no reminders until the day they are back, then does', async () => {
    const home = tempHome();
    const on = (day: string) => ({ env: { MTL_NOW: `${day}T09:00:00` } });
    await seedTeam(home, '2027-01-04', 'Carla Diaz', 'Sam Lee');
    await ok(home, ['assess', '--answers', 'no,4,4,4,4,4'], on('2027-01-04'));
    await ok(home, ['praise', 'carla', 'calm handover, so nothing slipped'], on('2027-02-01'));
    const away = await mtl(home, ['team', 'set', 'carla', '--away', '2027-05-17'], on('2027-02-01'));
    expect(away.stderr).toBe('Carla Diaz is away until Mon 2027-05-17: no reminders about them (praise, 1:1s, their goals and action items) before then. Back sooner: mtl team set \'Carla Diaz\' --away none\n');
    expect(readStore(home).members[0].awayUntil).toBe('2027-05-17');

    const during = await ok(home, ['nudge', '--dry-run'], on('2027-03-01'));
    expect(during).toContain('Sam Lee');
    expect(during).not.toContain('Carla');
    expect(JSON.parse(await ok(home, ['--json'], on('2027-03-01'))).team.notRecognised.map((r: { name: string }) => r.name)).toEqual(['Sam Lee']);
    expect(await ok(home, ['team', 'list'], on('2027-03-01'))).toContain('Carla Diaz (away)\t');
    expect(JSON.parse(await ok(home, ['team', 'list', '--json'], on('2027-03-01')))[0]).toMatchObject({ name: 'Carla Diaz', awayUntil: '2027-05-17', pastCadence: false });
    expect(await ok(home, ['1on1', 'carla'], on('2027-03-01'))).toMatch(/every 7 days\. Away until 2027-05-17\.\n/);
    expect((await mtl(home, ['member-goals'], on('2027-03-01'))).stderr).not.toContain('Carla');
    const balance = await mtl(home, ['praise', 'balance'], on('2027-03-01'));
    expect(balance.stdout).toContain('Carla Diaz (away)');
    expect(balance.stderr).not.toContain('Carla');
    expect(JSON.parse(await ok(home, ['praise', 'balance', '--json'], on('2027-03-01')))[0]).toMatchObject({ member: 'Carla Diaz', due: false, awayUntil: '2027-05-17', advice: null });

    // The day they are back: a 1:1 to catch up, and not "late" for what they were away for. Praise
    // and 1:1s count again from that day, as for someone new.
    const first = await ok(home, ['nudge', '--dry-run', '--details'], on('2027-05-17'));
    expect(first).toContain('- Carla Diaz: back from leave today; a 1:1 soon, to catch up.\n');
    expect(first).not.toMatch(/Carla Diaz: no (praise|1:1)/);
    expect(JSON.parse(await ok(home, ['--json'], on('2027-05-17'))).team).toMatchObject({ notRecognised: [{ name: 'Sam Lee' }], notDueYet: [{ name: 'Carla Diaz', since: '2027-05-17', back: true }], away: [] });
    expect(await ok(home, ['1on1', 'carla'], on('2027-05-17'))).toMatch(/on the team 133 days\); every 7 days\. Back from leave today: catch up on what changed while they were away\.\n/);
    // The last 1:1 is as long ago as it is; only the lateness counts from the day back.
    expect(JSON.parse(await ok(home, ['team', 'list', '--json'], on('2027-05-25')))[0]).toMatchObject({ name: 'Carla Diaz', lastOneOnOne: null, pastCadence: true });
    const week = await ok(home, ['nudge', '--dry-run', '--details'], on('2027-05-25'));
    expect(week).toContain('- Carla Diaz: no praise logged since they came back from leave on 2027-05-17 (8 days).\n');
    expect(week).toContain('- Carla Diaz: no 1:1 since they came back from leave on 2027-05-17 (8 days; every 7 days).\n');
    expect(week).not.toContain('back from leave since');
    // A day not after today, or not a day, is refused and changes nothing.
    const before = readStore(home);
    expect((await mtl(home, ['team', 'set', 'carla', '--away', '2027-03-01'], on('2027-03-01'))).stderr).toContain('mtl: --away 2027-03-01 is not after today (2027-03-01): give the day they are back.');
    expect((await mtl(home, ['team', 'set', 'carla', '--away', 'someday'], on('2027-03-01'))).stderr).toContain('mtl: --away: Cannot read "someday"');
    expect(readStore(home)).toEqual(before);
    expect((await mtl(home, ['team', 'set', 'carla', '--away', 'none'], on('2027-03-01'))).stderr).toBe('Carla Diaz is back: the nudge and the dashboard count them again.\n');
    // Back sooner: today is the day back.
    expect(readStore(home).members[0].awayUntil).toBe('2027-03-01');
    expect(await ok(home, ['nudge', '--dry-run'], on('2027-03-01'))).toContain('Carla Diaz: back from leave today');
    expect((await mtl(home, ['team', 'set', 'carla', '--away', 'none'], on('2027-03-01'))).stderr).toBe('Carla Diaz was not away.\n');

    // A leave taken back the day it was set is none: the clocks run on as before.
    await ok(home, ['team', 'add', 'Alex Kim'], on('2027-01-04'));
    await ok(home, ['team', 'set', 'alex', '--away', '2027-03-15'], on('2027-03-01'));
    await ok(home, ['team', 'set', 'alex', '--away', 'none'], on('2027-03-01'));
    expect(readStore(home).members[2].awayUntil).toBeUndefined();
    const cancelled = await ok(home, ['nudge', '--dry-run', '--details'], on('2027-03-01'));
    expect(cancelled).toContain('- Alex Kim: never recognised in 56 days on the team.\n');
    expect(cancelled).not.toContain('Alex Kim: back from leave');

    // A short leave, or one taken back, soon after a long one: the return from the long one still counts.
    const two = tempHome();
    await seedTeam(two, '2027-01-04', 'Sam Lee');
    await ok(two, ['1on1', 'sam', '--done'], on('2027-01-04'));
    await ok(two, ['team', 'set', 'sam', '--away', '2027-03-01'], on('2027-01-11'));
    const backSince = async (day: string) => {
      const after = await ok(two, ['nudge', '--dry-run', '--details'], on(day));
      expect(after).toContain('- Sam Lee: back from leave since 2027-03-01; a 1:1 soon, to catch up.\n');
      expect(after).not.toMatch(/Sam Lee: no (praise|1:1) /);
    };
    // Two days off, set two days after coming back.
    await ok(two, ['team', 'set', 'sam', '--away', '2027-03-05'], on('2027-03-03'));
    expect(readStore(two).members[0]).toMatchObject({ earlierAwaySince: '2027-01-11', cameBack: '2027-03-01', awaySince: '2027-03-03', awayUntil: '2027-03-05' });
    await backSince('2027-03-06');
    // The long leave's weeks stay leave, not gaps, in the praise grid.
    const grid = await ok(two, ['praise', 'grid', '--weeks', '8'], on('2027-03-06'));
    expect(grid.split("\n").find((l) => l.startsWith("Sam Lee"))).toMatch(/^Sam Lee(\t-){7}\t0\t/);
    // A leave taken back the day it was set.
    await ok(two, ['team', 'set', 'sam', '--away', '2027-04-10'], on('2027-03-07'));
    await ok(two, ['team', 'set', 'sam', '--away', 'none'], on('2027-03-07'));
    expect(readStore(two).members[0].awayUntil).toBeUndefined();
    await backSince('2027-03-07');

    // Taken off the team while away, and brought back: the leave still holds, and is said.
    await ok(home, ['team', 'set', 'carla', '--away', '2027-06-01'], on('2027-03-01'));
    await ok(home, ['team', 'remove', 'carla', '--yes'], on('2027-03-02'));
    const back = await mtl(home, ['team', 'add', 'Carla Diaz', '--restore'], on('2027-03-03'));
    expect(back.stderr).toContain("They are still marked away until 2027-06-01, as set before they left. Back already? mtl team set 'Carla Diaz' --away none");
  });

  it('team set --name spells a report anew, keeping everything theirs; refuses a name taken or reserved; undo puts it back', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-01-04', 'Carla Dias', 'Sam Lee');
    await ok(home, ['praise', 'carla', 'ran a calm incident review'], { env });
    const r = await mtl(home, ['team', 'set', 'carla', '--name', 'Carla Diaz'], { env });
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: 'Carla Dias is Carla Diaz now (r1); everything about them stays theirs. Undo: mtl undo\n' });
    expect(readStore(home).members[0]).toMatchObject({ id: 'r1', name: 'Carla Diaz' });
    expect(await ok(home, ['praise', 'list', 'carla diaz'], { env })).toContain('\tp1\tCarla Diaz\t');

    const before = readStore(home);
    const taken = await mtl(home, ['team', 'set', 'carla', '--name', 'sam lee'], { env });
    expect([taken.code, taken.stderr]).toEqual([1, 'mtl: Sam Lee (r2) is called that already.\nNothing was changed. Give Carla Diaz a name that tells them apart, e.g. with a surname or an initial.\n']);
    expect((await mtl(home, ['team', 'set', 'carla', '--name', 'Carry'], { env })).stderr).toContain('"Carry" cannot be a name');
    expect(readStore(home)).toEqual(before);
    // Only the case or accents: allowed, it is still them.
    await ok(home, ['team', 'set', 'carla', '--name', 'Carla DÍAZ'], { env });
    await ok(home, ['undo'], { env });
    await ok(home, ['undo'], { env });
    expect(readStore(home).members[0].name).toBe('Carla Dias');
  });

  it('adds reports with a note, refuses duplicates in any case, and lists them', async () => {
    const home = tempHome();
    const added = await mtl(home, ['team', 'add', 'Sam Lee', '--note', 'daughter starts school in September'], { env });
    expect(added.code).toBe(0);
    expect(added.stdout).toBe('');
    expect(added.stderr).toContain('Added Sam Lee to your team (r1).');
    expectPrivate(home);

    const again = await mtl(home, ['team', 'add', 'sam lee'], { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Sam Lee is already on your team.');
    expect(readStore(home).members).toHaveLength(1);

    await ok(home, ['team', 'add', 'Priya'], { env });
    expect(await ok(home, ['team', 'list'], { env })).toBe('Sam Lee\t2027-01-12\t-\t-\t0\t0\t0\nPriya\t2027-01-12\t-\t-\t0\t0\t0\n');
    expect(await ok(home, ['team'], { env })).toBe(await ok(home, ['team', 'list'], { env }));
  });

  it('refuses blank, reserved and option-like names, writing nothing', async () => {
    const home = tempHome();
    for (const name of ['   ', 'list', 'Balance']) {
      const r = await mtl(home, ['team', 'add', name], { env });
      expect(r.code, name).toBe(1);
    }
    expect((await mtl(home, ['team', 'add', ''], { env })).stderr).toContain('The name is empty.');
    expect(fs.existsSync(path.join(home, 'mtl.json'))).toBe(false);
  });

  it('keeps personal notes out of list JSON unless --with-notes', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Sam', '--note', 'mother in hospital'], { env });
    const noted = await mtl(home, ['team', 'note', 'SAM', 'training for a half marathon'], { env });
    expect(noted.code).toBe(0);
    expect(noted.stderr).toContain('Noted for Sam (2 notes).');
    expectPrivate(home);

    const plain = await ok(home, ['team', 'list', '--json'], { env });
    expect(plain).not.toContain('hospital');
    expect(JSON.parse(plain)).toEqual([
      { id: 'r1', name: 'Sam', added: '2027-01-12', lastOneOnOne: null, daysSinceOneOnOne: null, cadence: 7, pastCadence: false, awayUntil: null, lastPraise: null, praiseThisWeek: 0, praiseThisQuarter: 0, queuedFeedback: 0, openGoals: 0, goalsThisQuarter: 0 },
    ]);
    const withNotes = JSON.parse(await ok(home, ['team', 'list', '--json', '--with-notes'], { env }));
    expect(withNotes[0].notes).toEqual([
      { id: 'n1', date: '2027-01-12', text: 'mother in hospital' },
      { id: 'n2', date: '2027-01-12', text: 'training for a half marathon' },
    ]);
    expect(await ok(home, ['team', 'list'], { env })).not.toContain('hospital');
    expect(await ok(home, ['team', 'list', '--with-notes'], { env })).toContain('mother in hospital; training for a half marathon');
    expect(await ok(home, ['team', 'show', 'sam'], { env })).toContain('mother in hospital');

    const blank = await mtl(home, ['team', 'note', 'sam', ' '], { env });
    expect(blank.code).toBe(1);
    expect(readStore(home).members[0].notes).toHaveLength(2);
  });

  it('matches names by unique prefix and explains unknown and ambiguous ones', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-01-12', 'Sam Lee', 'Samira', 'Priya');
    const unknown = await mtl(home, ['team', 'note', 'alex', 'hello'], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('mtl: No report called "alex".\nYour reports: Sam Lee, Samira, Priya.\n');
    const ambiguous = await mtl(home, ['team', 'note', 'sa', 'hello'], { env });
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain('"sa" could be Sam Lee or Samira.');
    await ok(home, ['team', 'note', 'pri', 'hello'], { env });
    expect(readStore(home).members[2].notes).toEqual([{ id: 'n1', date: '2027-01-12', text: 'hello' }]);
  });

  it('names what is still open with a report who leaves, and how to hand it on', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-01-12', 'Alex', 'Priya');
    await ok(home, ['1on1', 'alex', '--done', '--action', 'finish the runbooks for the payment service', '--due', 'friday'], { env });
    await ok(home, ['1on1', 'alex', '--done', '--action', 'book the offsite'], { env });
    await ok(home, ['done', 't2'], { env });
    await ok(home, ['member-goals', 'alex', 'add', 'Own the on-call rotation'], { env });
    await ok(home, ['delegate', 'Sprint demo', '--to', 'alex'], { env });
    const r = await mtl(home, ['team', 'remove', 'alex'], { env });
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')[1]).toBe('Still open with them: t1 (action item "finish the runbooks for the p…"), m1 (goal "Own the on-call rotation"), d1 (delegated "Sprint demo"). Hand one on: mtl edit t1 --to <name>  or close it: mtl done t1');
    // As said: handed on, it is Priya's.
    await ok(home, ['edit', 't1', '--to', 'priya'], { env });
    expect(readStore(home).actions[0]).toMatchObject({ id: 't1', member: 'r2', status: 'open' });
    expect((await mtl(home, ['team', 'remove', 'priya'], { env })).stderr).toContain('\nStill open with them: t1 (action item "finish the runbooks for the p…"). Hand one on');
    // Nothing open: nothing said.
    await ok(home, ['team', 'add', 'Kim'], { env });
    expect((await mtl(home, ['team', 'remove', 'kim'], { env })).stderr).not.toContain('Still open');
  });

  it('removes a report but keeps their history, and restores them on add', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-01-12', 'Sam', 'Priya');
    await ok(home, ['praise', 'sam', 'great review'], { env });
    const removed = await mtl(home, ['team', 'remove', 'sam'], { env });
    expect(removed.code).toBe(0);
    expect(removed.stderr).toContain('Sam is off your team; their history is kept. Bring them back: mtl team add Sam --restore  Delete everything');
    expectPrivate(home);
    expect(readStore(home).members[0].removed).toBe('2027-01-12');
    expect(await ok(home, ['team', 'list'], { env })).not.toContain('Sam');
    expect(await ok(home, ['team', 'list', '--all'], { env })).toContain('Sam (removed)');
    const gone = await mtl(home, ['praise', 'sam', 'more'], { env });
    expect(gone).toMatchObject({ code: 1, stderr: 'mtl: Sam left your team on 2027-01-12.\nBring them back with their history: mtl team add Sam --restore\n' });
    expect(await ok(home, ['praise', 'list', 'sam'], { env })).toContain('great review');

    // Without a terminal to ask on, the choice is a flag (test/e2e/team-restore.test.ts has the rest).
    expect((await mtl(home, ['team', 'add', 'SAM'], { env })).code).toBe(1);
    const back = await mtl(home, ['team', 'add', 'SAM', '--restore'], { env });
    expect(back.code).toBe(0);
    expect(back.stderr).toContain('Sam is back on your team, with their earlier history (r1).');
    expectPrivate(home);
    const store = readStore(home);
    expect(store.members).toHaveLength(2);
    expect(store.members[0].removed).toBeUndefined();
  });

  it('says when a new name is the first name of a report already here, who it now means and how to undo it', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-01-12', 'Priya Raman', 'Sam Lee');
    const r = await mtl(home, ['team', 'add', 'Priya', '--note', 'two kids'], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'Note: Priya Raman is on your team too; "Priya" now means the new report. For a note about Priya Raman: mtl team note \'Priya Raman\' "<text>"; to undo this add: mtl undo\n' +
        'Added Priya to your team (r3). Next: mtl member-goals Priya add "<goal>"  or  mtl praise Priya "<what they did well>"\n',
    );
    expect((await mtl(home, ['team', 'add', 'Sam Lee Jr'], { env })).stderr).not.toContain('Note:');
    // Matched as names are matched: any case, any accent, a start of the name.
    await ok(home, ['team', 'add', 'Zoë Park'], { env });
    expect((await mtl(home, ['team', 'add', 'ZOE'], { env })).stderr).toMatch(/^Note: Zoë Park is on your team too; "ZOE" now means the new report/);
    expect((await mtl(home, ['team', 'list', '--quarter', '2026-Q4'], { env })).stderr).toBe('Nobody was on your team in 2026-Q4.\n');
  });

  it('purges only with --yes when there is no terminal', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-01-12', 'Sam', 'Priya');
    await ok(home, ['praise', 'sam', 'great review'], { env });
    await ok(home, ['praise', 'priya', 'nice demo'], { env });
    await ok(home, ['feedback', 'sam', 'more tests'], { env });
    await ok(home, ['member-goals', 'sam', 'add', 'Lead the redesign'], { env });
    await ok(home, ['delegate', 'Billing export', '--to', 'sam'], { env });
    await ok(home, ['1on1', 'sam', '--done'], { env });
    await ok(home, ['team', 'note', 'sam', 'moving house in May'], { env });

    const refused = await mtl(home, ['team', 'remove', 'sam', '--purge'], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('confirm it with --yes');
    expect(readStore(home).praise).toHaveLength(2);

    const purged = await mtl(home, ['team', 'remove', 'sam', '--purge', '--yes'], { env });
    expect(purged.code).toBe(0);
    expect(purged.stderr).toContain('Deleted Sam and all their history (1 praise entry, 1 feedback note, 1 goal, 1 delegated item, 1 1:1 record, 1 personal note).');
    expectPrivate(home);
    const store = readStore(home);
    expect(store.members.map((m: { name: string }) => m.name)).toEqual(['Priya']);
    expect(store.praise.map((p: { text: string }) => p.text)).toEqual(['nice demo']);
    expect([store.feedback, store.memberGoals, store.delegations, store.oneOnOnes]).toEqual([[], [], [], []]);
  });

  it('purges a report removed earlier', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-01-12', 'Sam');
    await ok(home, ['team', 'remove', 'sam'], { env });
    await ok(home, ['team', 'remove', 'sam', '--purge', '--yes'], { env });
    expect(readStore(home).members).toEqual([]);
  });
});

describe.skipIf(!TmuxSession.available())('mtl team remove --purge on a terminal', () => {
  let session: TmuxSession | undefined;
  afterEach(() => session?.kill());

  it('asks before deleting, and a no deletes nothing', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-01-12', 'Sam');
    const bin = path.resolve('bin/mtl.cjs');
    session = new TmuxSession(`${process.execPath} ${bin} team remove sam --purge`, { MTL_HOME: home, NO_COLOR: '1' });
    await session.waitFor('Delete Sam and all their history');
    session.keys('n', 'Enter');
    await session.waitFor('[exit 0]');
    expect(session.screen()).toContain('Nothing was deleted.');
    expect(readStore(home).members).toHaveLength(1);
    session.kill();

    session = new TmuxSession(`${process.execPath} ${bin} team remove sam --purge`, { MTL_HOME: home, NO_COLOR: '1' });
    await session.waitFor('Delete Sam');
    session.keys('y', 'Enter');
    await session.waitFor('[exit 0]');
    expect(readStore(home).members).toEqual([]);
    expectPrivate(home);
  });
});
