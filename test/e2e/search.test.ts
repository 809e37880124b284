import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mtl, ok, readStore, tempHome } from '../helpers/cli.js';

const at = (day: string, time = '10:00:00') => ({ env: { MTL_NOW: `${day}T${time}` } });

/** Zoë and José with an entry of each kind, a goal whose file holds words of its own. */
async function seed(home: string): Promise<void> {
  for (const name of ['Zoë Martin', 'José', 'Priya']) await ok(home, ['team', 'add', name], at('2027-01-02'));
  await ok(home, ['team', 'note', 'zoe', 'new puppy called Biscuit'], at('2027-01-03'));
  await ok(home, ['praise', 'zoe', 'calm incident review, paired with José on the rollback'], at('2027-01-05'));
  await ok(home, ['praise', 'priya', 'great demo of the search page'], at('2027-01-06'));
  await ok(home, ['feedback', 'jose', 'the design doc skipped the rollback plan'], at('2027-01-07'));
  await ok(home, ['feedback', 'priya', '--situation', 'Friday demo', '--behaviour', 'skipped the test plan', '--impact', 'QA asked twice about the rollback'], at('2027-01-08'));
  await ok(home, ['member-goals', 'zoe', 'add', 'Lead the billing redesign'], at('2027-01-09'));
  await ok(home, ['member-goals', 'zoe', 'check-in', 'm1', 'Rollback drill done with the SRE team', '--progress', '30'], at('2027-01-20'));
  await ok(home, ['delegate', 'Billing export', '--to', 'jose'], at('2027-01-10'));
  await ok(home, ['goals', 'new', '--template', 'autonomy', '--title', 'Hand over the release train', '--due', '2027-03-31'], at('2027-01-11'));
  await ok(home, ['goals', 'check-in', 'g1', 'talked rollback ownership with my boss'], at('2027-01-25'));
  await ok(home, ['1on1', 'jose', '--done', '--note', 'wants to lead the Q2 rollback drill', '--their-action', 'draft the drill plan'], at('2027-01-26'));
}

const goalFile = (home: string) => path.join(home, 'goals', readStore(home).goals[0].file);

describe('mtl search', () => {
  it('finds every entry holding all the words, newest first, one line each', async () => {
    const home = tempHome();
    await seed(home);
    const r = await mtl(home, ['search', 'rollback'], at('2027-02-01'));
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      '2027-01-26\to1\tJosé\t1on1 note\twants to lead the Q2 rollback drill',
      '2027-01-25\tg1\t-\tgoal check-in\ttalked rollback ownership with my boss',
      '2027-01-20\tm1\tZoë Martin\tmember-goal check-in\tRollback drill done with the SRE team',
      '2027-01-08\tf2\tPriya\tfeedback\tSituation: Friday demo. Behaviour: skipped the test plan. Impact: QA asked twice about the rollback.',
      '2027-01-07\tf1\tJosé\tfeedback\tthe design doc skipped the rollback plan',
      '2027-01-05\tp1\tZoë Martin\tpraise\tcalm incident review, paired with José on the rollback',
      '',
    ]);
    expect(r.stderr).toBe('6 entries. See one in full: mtl show o1\n');
    // Every word must match, in any field or in the report's name.
    expect(await ok(home, ['search', 'rollback', 'drill'], at('2027-02-01'))).toBe(
      '2027-01-26\to1\tJosé\t1on1 note\twants to lead the Q2 rollback drill\n2027-01-20\tm1\tZoë Martin\tmember-goal check-in\tRollback drill done with the SRE team\n',
    );
    expect(await ok(home, ['search', 'priya', 'demo'], at('2027-02-01'))).toBe(
      '2027-01-08\tf2\tPriya\tfeedback\tSituation: Friday demo. Behaviour: skipped the test plan. Impact: QA asked twice about the rollback.\n2027-01-06\tp2\tPriya\tpraise\tgreat demo of the search page\n',
    );
    const none = await mtl(home, ['search', 'rollback', 'kangaroo'], at('2027-02-01'));
    expect([none.code, none.stdout, none.stderr]).toEqual([0, '', 'Nothing contains "rollback" and "kangaroo".\n']);
  });

  it('finds an accented name typed without accents, and the other way round', async () => {
    const home = tempHome();
    await seed(home);
    const jose = await ok(home, ['search', 'JOSE'], at('2027-02-01'));
    expect(jose.split('\n').map((l) => l.split('\t').slice(0, 3).join(' '))).toEqual([
      '2027-01-26 t1 José',
      '2027-01-26 o1 José',
      '2027-01-10 d1 José',
      '2027-01-07 f1 José',
      // In the text of Zoë's praise.
      '2027-01-05 p1 Zoë Martin',
      '',
    ]);
    expect(await ok(home, ['search', 'zoe', 'puppy'], at('2027-02-01'))).toBe('2027-01-03\tn1\tZoë Martin\tnote\tnew puppy called Biscuit\n');
    expect(await ok(home, ['search', 'Zoë', 'PUPPY'], at('2027-02-01'))).toBe('2027-01-03\tn1\tZoë Martin\tnote\tnew puppy called Biscuit\n');
    await ok(home, ['praise', 'priya', 'helped Zoe with the Søren migration'], at('2027-01-28'));
    expect(await ok(home, ['search', 'zoë', 'soren', '--person', 'priya'], at('2027-02-01'))).toBe('2027-01-28\tp3\tPriya\tpraise\thelped Zoe with the Søren migration\n');
  });

  it('restricts to one report with --person, removed reports included', async () => {
    const home = tempHome();
    await seed(home);
    const zoe = await ok(home, ['search', 'rollback', '--person', 'zoe'], at('2027-02-01'));
    expect(zoe.split('\n').map((l) => l.split('\t')[1])).toEqual(['m1', 'p1', undefined]);
    await ok(home, ['team', 'remove', 'jose'], at('2027-01-30'));
    const jose = await mtl(home, ['search', 'rollback', '--person', 'josé'], at('2027-02-01'));
    expect(jose.stdout.split('\n').map((l) => l.split('\t')[1])).toEqual(['o1', 'f1', undefined]);
    expect(jose.stderr).toBe('2 entries about José. See one in full: mtl show o1\n');
    const nothing = await mtl(home, ['search', 'kangaroo', '--person', 'zoe'], at('2027-02-01'));
    expect(nothing.stderr).toBe('Nothing about Zoë Martin contains "kangaroo". Search everyone: mtl search kangaroo\n');
    const unknown = await mtl(home, ['search', 'rollback', '--person', 'alex'], at('2027-02-01'));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No report called "alex"');
  });

  it('searches the words of a goal file, skipping a missing one', async () => {
    const home = tempHome();
    await seed(home);
    const file = goalFile(home);
    fs.appendFileSync(file, '\n## Notes\n\nAsk Kenji about the staging freeze before the Q2 planning; he owns the pipeline and knows the history.\n');
    const r = await ok(home, ['search', 'kenji', 'FREEZE'], at('2027-02-01'));
    const [line] = r.split('\n');
    const [date, id, who, kind, text] = line!.split('\t');
    expect([date, id, who, kind]).toEqual(['2027-01-11', 'g1', '-', 'goal file']);
    // One line, cut around the match, at most 100 characters when piped.
    expect(text).toMatch(/^…[^\n]*Ask Kenji about the staging freeze/);
    expect([...text!].length).toBeLessThanOrEqual(100);
    fs.rmSync(file);
    const gone = await mtl(home, ['search', 'kenji'], at('2027-02-01'));
    expect([gone.code, gone.stdout]).toEqual([0, '']);
    // The goal's title and check-ins are in the store, and still found.
    expect(await ok(home, ['search', 'release', 'train'], at('2027-02-01'))).toBe('2027-01-11\tg1\t-\tgoal\tHand over the release train\n');
  });

  it('finds processes, innovation projects, culture events, daily notes and learning too', async () => {
    const home = tempHome();
    for (const name of ['Zoë Martin', 'José']) await ok(home, ['team', 'add', name], at('2027-01-02'));
    await ok(home, ['process', 'add', 'hackathon checklist', '--owner', 'zoe'], at('2027-01-04'));
    await ok(home, ['culture', 'log', 'hackathon lunch'], at('2027-01-05'));
    await ok(home, ['today', '--note', 'José ran the hackathon retro himself'], at('2027-01-06'));
    await ok(home, ['learn', 'log', '1h', 'talk on hackathon formats'], at('2027-01-07'));
    await ok(home, ['innovation', 'plan', '2027-02-15'], at('2027-01-08'));
    await ok(home, ['innovation', 'log', 'jose', 'hackathon bot'], at('2027-02-16'));
    const hits = JSON.parse(await ok(home, ['search', 'hackathon', '--json'], at('2027-02-20'))) as { kind: string; id: string }[];
    expect(hits.map((h) => `${h.kind} ${h.id}`).sort()).toEqual(['culture c1', 'daily-note w1', 'learning l1', 'process s1', 'project i1'].sort());
    // With --person, only what is about them.
    const jose = JSON.parse(await ok(home, ['search', 'hackathon', '--person', 'jose', '--json'], at('2027-02-20'))) as { kind: string }[];
    expect(jose.map((h) => h.kind)).toEqual(['project']);
  });

  it('prints the hits as JSON', async () => {
    const home = tempHome();
    await seed(home);
    const hits = JSON.parse(await ok(home, ['search', 'ROLLBACK', 'Zoe', '--json'], at('2027-02-01')));
    expect(hits).toEqual([
      { id: 'm1', kind: 'member-goal', date: '2027-01-20', member: 'Zoë Martin', memberId: 'r1', field: 'check-in', text: 'Rollback drill done with the SRE team' },
      { id: 'p1', kind: 'praise', date: '2027-01-05', member: 'Zoë Martin', memberId: 'r1', field: null, text: 'calm incident review, paired with José on the rollback' },
    ]);
    expect(JSON.parse(await ok(home, ['search', 'kangaroo', '--json'], at('2027-02-01')))).toEqual([]);
  });

  it('refuses an empty query and has examples in --help', async () => {
    const home = tempHome();
    await seed(home);
    const blank = await mtl(home, ['search', '  '], at('2027-02-01'));
    expect([blank.code, blank.stderr]).toEqual([1, 'mtl: Nothing to search for.\nGive a word or two: mtl search rollback\n']);
    expect((await mtl(home, ['search'])).code).toBe(2);
    expect(await ok(home, ['search', '--help'])).toContain('mtl search zoe ');
  });
});
