import { describe, expect, it } from 'vitest';
import { queryWords, searchables, searchEntries, snippet, type Searchable } from '../../src/core/search.js';
import { foldText } from '../../src/core/text.js';
import { emptyData } from '../helpers/data.js';

describe('foldText and queryWords', () => {
  it('drops case and accents', () => {
    expect(foldText('Zoë José ÅSA Chloé')).toBe('zoe jose asa chloe');
    expect(foldText('Søren Łukasz Straße İstanbul')).toBe('soren lukasz strasse istanbul');
    expect(foldText('plain ASCII')).toBe('plain ascii');
    expect(queryWords(['Zoë', '  rollback  plan ', 'zoe', ''])).toEqual(['zoe', 'rollback', 'plan']);
  });
});

describe('snippet', () => {
  it('keeps short text whole, on one line', () => {
    expect(snippet('two\nlines  here', ['lines'])).toBe('two lines here');
  });

  it('cuts long text around the first match, within the width', () => {
    const text = `${'a'.repeat(100)} the Kenji freeze ${'b'.repeat(100)}`;
    const cut = snippet(text, ['kenji'], 40);
    expect(cut).toBe(`…${'a'.repeat(8)} the Kenji freeze ${'b'.repeat(12)}…`);
    expect([...cut].length).toBe(40);
    expect(snippet(text, ['zzz'], 10)).toBe(`${'a'.repeat(9)}…`);
    // A match near the end shows the end.
    const end = snippet(`${'a'.repeat(100)} Zoë`, ['zoe'], 20);
    expect(end).toBe(`…${'a'.repeat(15)} Zoë`);
    // An accented match is found in the original text.
    expect(snippet(`${'é'.repeat(50)} Chloé was here ${'x'.repeat(50)}`, ['chloe', 'here'], 30)).toBe(`…${'é'.repeat(9)} Chloé was here xxx…`);
  });
});

describe('searchEntries', () => {
  const entries: Searchable[] = [
    { kind: 'praise', id: 'p1', date: '2027-01-05', member: 'r1', parts: [{ text: 'calm incident review' }, { text: 'Zoë', field: 'name' }] },
    { kind: 'goal', id: 'g1', date: '2027-01-01', parts: [{ text: 'Release train' }, { text: 'incident drill', field: 'check-in', date: '2027-02-01' }] },
    { kind: 'note', id: 'n1', date: '2027-01-05', member: 'r2', parts: [{ text: 'puppy' }, { text: 'José', field: 'name' }] },
  ];

  it('needs every word, in any part, newest first', () => {
    expect(searchEntries(entries, ['incident']).map((h) => [h.id, h.date, h.field])).toEqual([
      ['g1', '2027-02-01', 'check-in'],
      ['p1', '2027-01-05', undefined],
    ]);
    expect(searchEntries(entries, ['incident', 'zoe']).map((h) => h.id)).toEqual(['p1']);
    expect(searchEntries(entries, ['release', 'drill']).map((h) => [h.id, h.text])).toEqual([['g1', 'Release train']]);
    expect(searchEntries(entries, ['incident', 'nowhere'])).toEqual([]);
    expect(searchEntries(entries, [])).toEqual([]);
  });

  it('shows the entry text, not the name, when only the name matched; same-day hits newest entry first', () => {
    expect(searchEntries(entries, ['jose'])).toEqual([{ kind: 'note', id: 'n1', date: '2027-01-05', member: 'r2', text: 'puppy' }]);
    const sameDay = searchEntries(entries, ['e']).filter((h) => h.date === '2027-01-05').map((h) => h.id);
    expect(sameDay).toEqual(['n1', 'p1']);
  });
});

describe('searchables', () => {
  it('lists every kind, names included, and one report with `member`', () => {
    const d = emptyData();
    d.members.push({ id: 'r1', name: 'Zoë', added: '2027-01-01', notes: [{ id: 'n1', date: '2027-01-02', text: 'puppy' }], removed: '2027-03-01' });
    d.praise.push({ id: 'p1', member: 'r1', text: 'demo', date: '2027-01-03', at: '', public: false });
    d.feedback.push({ id: 'f1', member: 'r1', text: 'doc', date: '2027-01-03', at: '' });
    d.goals.push({ id: 'g1', title: 'Mine', template: 'autonomy', file: '/x/g1.md', created: '2027-01-01', status: 'open', progress: 0, checkIns: [{ date: '2027-01-09', at: '', note: 'boss' }] });
    d.goals.push({ id: 'g2', title: 'No file', template: 'autonomy', file: '/x/g2.md', created: '2027-01-01', status: 'open', progress: 0, checkIns: [] });
    d.memberGoals.push({ id: 'm1', member: 'r1', title: 'Theirs', quarter: '2027-Q1', status: 'open', progress: 0, created: '2027-01-04', checkIns: [] });
    d.delegations.push({ id: 'd1', item: 'Billing', member: 'r1', created: '2027-01-05', status: 'open', steps: {} });
    d.oneOnOnes.push({ id: 'o1', member: 'r1', date: '2027-01-06', at: '', feedbackDelivered: [], notes: ['rota'] }, { id: 'o2', member: 'r1', date: '2027-01-07', at: '', feedbackDelivered: [] });
    d.actions.push({ id: 't1', member: 'r1', text: 'book', owner: 'me', created: '2027-01-06', at: '', status: 'open' });
    const files: Record<string, string> = { '/x/g1.md': '# Mine\nwords on disk' };
    const all = searchables(d, (g) => files[g.file]);
    expect(all.map((e) => `${e.kind}:${e.id}:${e.parts.map((p) => p.field ?? '-').join(',')}`)).toEqual([
      'note:n1:-,name',
      'praise:p1:-,name',
      'feedback:f1:-,name',
      'goal:g1:-,check-in,file',
      'goal:g2:-',
      'member-goal:m1:-,name',
      'delegation:d1:-,name',
      '1on1:o1:note,name',
      'action:t1:-,name',
    ]);
    expect(searchables(d, () => undefined, { member: 'r1' }).some((e) => e.kind === 'goal')).toBe(false);
    expect(searchables(d, () => undefined, { member: 'r2' })).toEqual([]);
  });
});
