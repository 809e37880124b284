import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mtl, mtlAsync, ok, readStore, tempHome } from '../helpers/cli.js';
import { expectPrivate, seedTeam } from '../helpers/team.js';

const at = (day: string) => ({ env: { MTL_NOW: `${day}T10:00:00` } });

describe('mtl praise', () => {
  it('logs private praise by default and public with --public', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-01-04', 'Sam Lee', 'Priya');
    const r = await mtl(home, ['praise', 'sam', 'calm, clear incident review'], at('2027-01-05'));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Logged private praise for Sam Lee (p1); 1 time in the last 7 days.');
    expectPrivate(home);
    await ok(home, ['praise', 'PRIYA', 'demoed onboarding to the org', '--public'], at('2027-01-06'));
    expect(readStore(home).praise).toEqual([
      { id: 'p1', member: 'r1', text: 'calm, clear incident review', date: '2027-01-05', at: expect.any(String), public: false },
      { id: 'p2', member: 'r2', text: 'demoed onboarding to the org', date: '2027-01-06', at: expect.any(String), public: true },
    ]);
    const json = JSON.parse(await ok(home, ['praise', 'priya', '  shipped it ', '--json'], at('2027-01-06')));
    expect(json).toEqual({ id: 'p3', member: 'Priya', memberId: 'r2', text: 'shipped it', date: '2027-01-06', public: false });
  });

  it('asks for praise in public only until the report has had some this quarter', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-01-04', 'Sam Lee');
    const tip = 'Worth saying in front of the team too? Add --public next time you do.';
    expect((await mtl(home, ['praise', 'sam', 'tidy review, so we merged fast'], at('2027-01-05'))).stderr).toContain(tip);
    expect((await mtl(home, ['praise', 'sam', 'ran the demo, so sales saw it', '--public'], at('2027-01-06'))).stderr).not.toContain(tip);
    expect((await mtl(home, ['praise', 'sam', 'fixed the build, so we shipped'], at('2027-01-07'))).stderr).not.toContain(tip);
    // A new quarter asks again.
    expect((await mtl(home, ['praise', 'sam', 'good call, so we saved a week'], at('2027-04-01'))).stderr).toContain(tip);
  });

  it('refuses empty text and unknown or ambiguous names, writing nothing', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-01-04', 'Sam Lee', 'Samira');
    const before = fs.readFileSync(path.join(home, 'mtl.json'), 'utf8');
    const blank = await mtl(home, ['praise', 'sam lee', ' \t '], at('2027-01-05'));
    expect(blank.code).toBe(1);
    expect(blank.stderr).toContain('The praise is empty.');
    const unknown = await mtl(home, ['praise', 'alex', 'good job'], at('2027-01-05'));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Your reports: Sam Lee, Samira.');
    // "sam" is Sam Lee's whole first name, so it means Sam Lee; "SA" starts both.
    const ambiguous = await mtl(home, ['praise', 'SA', 'good job'], at('2027-01-05'));
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain('"SA" could be Sam Lee or Samira.');
    expect((await mtl(home, ['praise', 'sam lee'], at('2027-01-05'))).code).toBe(2);
    expect(fs.readFileSync(path.join(home, 'mtl.json'), 'utf8')).toBe(before);
  });

  it('lists newest first, per report and since a day', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-01-04', 'Sam', 'Priya');
    await ok(home, ['praise', 'sam', 'first'], at('2027-01-05'));
    await ok(home, ['praise', 'priya', 'second', '--public'], at('2027-01-06'));
    await ok(home, ['praise', 'sam', 'third'], at('2027-01-07'));
    expect(await ok(home, ['praise', 'list'], at('2027-01-08'))).toBe(
      '2027-01-07\tp3\tSam\tprivate\tthird\n2027-01-06\tp2\tPriya\tpublic\tsecond\n2027-01-05\tp1\tSam\tprivate\tfirst\n',
    );
    expect(await ok(home, ['praise', 'list', 'sam', '--since', '2027-01-06'], at('2027-01-08'))).toBe('2027-01-07\tp3\tSam\tprivate\tthird\n');
    const json = JSON.parse(await ok(home, ['praise', 'list', 'priya', '--json'], at('2027-01-08')));
    expect(json).toEqual([{ id: 'p2', member: 'Priya', memberId: 'r2', text: 'second', date: '2027-01-06', public: true }]);
    expect((await mtl(home, ['praise', 'list', '--since', 'last week'], at('2027-01-08'))).code).toBe(1);
    const empty = await mtl(home, ['praise', 'list', '--since', '2027-02-01']);
    expect(empty).toMatchObject({ code: 0, stdout: '' });
  });

  it('lists the last 90 days unless --since or --all, and says when there are older entries', async () => {
    const home = tempHome();
    await seedTeam(home, '2026-09-01', 'Sam', 'Priya');
    await ok(home, ['praise', 'sam', 'old news'], at('2026-10-01'));
    await ok(home, ['praise', 'priya', 'older news'], at('2026-09-02'));
    await ok(home, ['praise', 'sam', 'fresh'], at('2027-01-02'));
    // 2026-10-04 is the first of the 90 days that end on 2027-01-01.
    const recent = await mtl(home, ['praise', 'list', 'priya'], at('2027-01-01'));
    expect(recent.stdout).toBe('');
    expect(recent.stderr).toBe('No praise logged for Priya in the last 90 days; older entries: mtl praise list Priya --all\n');
    const sam = await mtl(home, ['praise', 'list', 'sam'], at('2027-01-05'));
    expect(sam).toMatchObject({ code: 0, stdout: '2027-01-02\tp3\tSam\tprivate\tfresh\n' });
    expect(sam.stderr).toBe('The last 90 days; older entries: mtl praise list Sam --all\n');
    // Seen from 2026-12-29: p1 is within the 90 days, p2 older, and p3, dated later (a clock or a
    // time zone ahead), is shown rather than hidden.
    expect(JSON.parse(await ok(home, ['praise', 'list', '--json'], at('2026-12-29'))).map((p: { id: string }) => p.id)).toEqual(['p3', 'p1']);
    expect(JSON.parse(await ok(home, ['praise', 'list', '--all', '--json'], at('2027-01-05'))).map((p: { id: string }) => p.id)).toEqual(['p3', 'p1', 'p2']);
    expect(await ok(home, ['praise', 'list', 'sam', '--all'], at('2027-01-05'))).toBe('2027-01-02\tp3\tSam\tprivate\tfresh\n2026-10-01\tp1\tSam\tprivate\told news\n');
    const both = await mtl(home, ['praise', 'list', '--all', '--since', '2026-01-01']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("option '--all' cannot be used with option '--since <date>'");
  });

  it('shows the recognition balance at fixed dates', async () => {
    const home = tempHome();
    await seedTeam(home, '2026-12-20', 'Sam', 'Priya');
    await ok(home, ['praise', 'sam', 'old quarter'], at('2026-12-30'));
    await ok(home, ['praise', 'sam', 'public one', '--public'], at('2027-01-04'));
    await ok(home, ['praise', 'sam', 'private one'], at('2027-01-10'));
    await ok(home, ['feedback', 'priya', 'missed the standup notes'], at('2027-01-06'));
    await ok(home, ['praise', 'priya', 'in the future'], at('2027-02-01'));

    const on10 = JSON.parse(await ok(home, ['praise', 'balance', '--json'], at('2027-01-10')));
    expect(on10).toEqual([
      {
        member: 'Sam', memberId: 'r1', date: '2027-01-10', recognitionDays: 7, recent: 2, lastPraise: '2027-01-10', daysSincePraise: 0,
        quarterPraise: 2, quarterPrivate: 1, quarterPublic: 1, quarterFeedback: 0, due: false, awayUntil: null, advice: null,
      },
      {
        member: 'Priya', memberId: 'r2', date: '2027-01-10', recognitionDays: 7, recent: 0, lastPraise: null, daysSincePraise: null,
        quarterPraise: 0, quarterPrivate: 0, quarterPublic: 0, quarterFeedback: 1, due: true, awayUntil: null, advice: 'no praise logged for Priya yet',
      },
    ]);
    const on17 = JSON.parse(await ok(home, ['praise', 'balance', '--json'], at('2027-01-17')));
    expect(on17[0]).toMatchObject({ recent: 0, due: true, daysSincePraise: 7 });
    const on31 = JSON.parse(await ok(home, ['praise', 'balance', '--json'], at('2026-12-31')));
    expect(on31[0]).toMatchObject({ recent: 1, quarterPraise: 1, lastPraise: '2026-12-30' });

    const text = await mtl(home, ['praise', 'balance'], at('2027-01-10'));
    expect(text.stdout).toBe('Sam\t2\t2027-01-10\t2\t1/1\t2/0\nPriya\t0\t-\t0\t0/0\t0/1\n');
    expect(text.stderr).toContain('no praise logged for Priya yet');
    await ok(home, ['config', 'set', 'recognitionDays', '14']);
    expect(JSON.parse(await ok(home, ['praise', 'balance', '--json'], at('2027-01-17')))[0]).toMatchObject({ recent: 2, due: false, recognitionDays: 14 });
  });

  it('keeps all twenty entries when twenty praise runs race', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-01-04', 'Sam');
    const runs = await Promise.all(Array.from({ length: 20 }, (_, i) => mtlAsync(home, ['praise', 'sam', `thanks #${i}`])));
    expect(runs.map((r) => r.code)).toEqual(Array(20).fill(0));
    const store = readStore(home);
    expect(store.praise).toHaveLength(20);
    expect(new Set(store.praise.map((p: { id: string }) => p.id)).size).toBe(20);
    expect(new Set(store.praise.map((p: { text: string }) => p.text)).size).toBe(20);
    expectPrivate(home);
  });
});

describe('mtl feedback', () => {
  it('queues feedback, lists it, and refuses empty text', async () => {
    const home = tempHome();
    await seedTeam(home, '2027-01-04', 'Sam');
    const r = await mtl(home, ['feedback', 'sam', 'the design doc skipped the rollback plan'], at('2027-01-05'));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Queued feedback for Sam (f1; 1 note waiting).');
    expectPrivate(home);
    expect((await mtl(home, ['feedback', 'sam', '   '])).code).toBe(1);
    expect((await mtl(home, ['feedback', 'nobody', 'x'])).stderr).toContain('No report called "nobody".');
    expect(await ok(home, ['feedback', 'list'], at('2027-01-05'))).toBe('2027-01-05\tf1\tSam\tqueued\tthe design doc skipped the rollback plan\n');
    expect(JSON.parse(await ok(home, ['feedback', 'list', 'sam', '--json']))).toEqual([
      { id: 'f1', member: 'Sam', memberId: 'r1', text: 'the design doc skipped the rollback plan', date: '2027-01-05', delivered: false, deliveredOn: null },
    ]);
    expect(readStore(home).feedback).toHaveLength(1);
  });
});
