import { describe, expect, it } from 'vitest';
import {
  checkVerb,
  completableIds,
  dueDrift,
  editableText,
  frontMatterDue,
  markDone,
  parseEntryId,
  readEditedText,
  sameTitleGoal,
  withFrontMatter,
  type IdLists,
} from '../../src/core/entries.js';
import type { MemberGoal } from '../../src/core/model.js';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (err) {
    return { name: (err as Error).name, message: (err as Error).message, hint: (err as { hint?: string }).hint };
  }
  throw new Error('expected a refusal');
};

describe('parseEntryId', () => {
  it('reads each prefix, in any case and with spaces around', () => {
    expect(parseEntryId('g3')).toEqual({ kind: 'goal', id: 'g3' });
    expect(parseEntryId(' M12 ')).toEqual({ kind: 'reportGoal', id: 'm12' });
    expect(parseEntryId('n4').kind).toBe('note');
    expect(parseEntryId('t1').kind).toBe('action');
    expect(parseEntryId('o2').kind).toBe('oneOnOne');
    expect(parseEntryId('r1').kind).toBe('report');
    expect(['u1', 'S2', 'c3', 'w4'].map((id) => parseEntryId(id).kind)).toEqual(['pulse', 'process', 'cultureEvent', 'moment']);
  });

  it('refuses anything else as a usage error that shows what ids look like', () => {
    for (const text of ['x3', 'g', 'g0', 'g03', '3', 'g3a', '', 'g1234567890123456']) {
      const r = refusal(() => parseEntryId(text));
      expect(r.name).toBe('UsageError');
      expect(r.hint).toContain('Ids are a letter and a number: g3 goal');
    }
    expect(refusal(() => parseEntryId('x3')).message).toBe('"x3" is not an id mtl gives out.');
  });
});

describe('checkVerb', () => {
  it('lets each kind take the verbs and flags that apply', () => {
    expect(() => checkVerb('goal', 'edit', 'g1', ['due', 'title'])).not.toThrow();
    expect(() => checkVerb('praise', 'edit', 'p1', ['text', 'to', 'public'])).not.toThrow();
    // Recorded on the wrong day: praise and 1:1s take --date.
    expect(() => checkVerb('praise', 'edit', 'p1', ['date'])).not.toThrow();
    expect(() => checkVerb('oneOnOne', 'edit', 'o1', ['text', 'date'])).not.toThrow();
    expect(refusal(() => checkVerb('oneOnOne', 'edit', 'o1', ['to'])).hint).toBe('For a 1:1: --text, --date. Example: mtl edit o1 --text "<the corrected text>"');
    expect(() => checkVerb('action', 'done', 't1')).not.toThrow();
    expect(() => checkVerb('assessment', 'show', 'a1')).not.toThrow();
  });

  it('refuses a verb that does not apply, saying what would work', () => {
    const r = refusal(() => checkVerb('praise', 'done', 'p2'));
    expect(r.message).toBe('done does not apply to praise (p2 is a praise entry).');
    expect(r.hint).toBe('What works on p2: mtl show p2, mtl edit p2, mtl rm p2.');
    expect(refusal(() => checkVerb('assessment', 'edit', 'a1')).hint).toContain('take it again with mtl assess');
    expect(refusal(() => checkVerb('report', 'rm', 'r1')).hint).toContain('mtl team remove <name>');
    expect(refusal(() => checkVerb('process', 'edit', 's1', ['date'])).message).toBe('--date does not apply to processes (s1).');
    expect(refusal(() => checkVerb('pulse', 'edit', 'u1')).hint).toContain('record them again with mtl pulse record');
    expect(() => checkVerb('cultureEvent', 'edit', 'c1', ['text', 'date'])).not.toThrow();
    expect(() => checkVerb('process', 'done', 's1')).not.toThrow();
  });

  it('refuses flags that do not apply, naming those that do', () => {
    const r = refusal(() => checkVerb('goal', 'edit', 'g1', ['text', 'to']));
    expect(r.name).toBe('UsageError');
    expect(r.message).toBe('--text, --to do not apply to goals (g1).');
    expect(r.hint).toContain('For a goal: --title, --due, --target.');
    expect(refusal(() => checkVerb('praise', 'edit', 'p1', ['public', 'private'])).message).toBe('Choose one of --public and --private.');
  });
});

describe('sameTitleGoal', () => {
  const goal = (id: string, member: string, quarter: string, title: string) => ({ id, member, quarter, title }) as MemberGoal;
  const goals = [goal('m1', 'r1', '2027-Q1', 'Lead the redesign'), goal('m2', 'r2', '2027-Q1', 'Mentor'), goal('m3', 'r1', '2026-Q4', 'Mentor')];

  it('finds the same title for the same report and quarter, ignoring case and spaces', () => {
    expect(sameTitleGoal(goals, 'r1', '2027-Q1', '  lead the  REDESIGN ')?.id).toBe('m1');
    expect(sameTitleGoal(goals, 'r1', '2027-Q1', 'Mentor')).toBeUndefined();
    expect(sameTitleGoal(goals, 'r1', '2027-Q1', 'Lead the redesign', 'm1')).toBeUndefined();
  });
});

describe('markDone', () => {
  it('sets status and day once', () => {
    const item: { status: 'open' | 'done'; doneOn?: string } = { status: 'open' };
    expect(markDone(item, '2027-02-10')).toBe(true);
    expect(item).toEqual({ status: 'done', doneOn: '2027-02-10' });
    expect(markDone(item, '2027-02-11')).toBe(false);
    expect(item.doneOn).toBe('2027-02-10');
  });
});

describe('editableText and readEditedText', () => {
  it('round-trips fields and a text of several lines', () => {
    const text = editableText('p1: praise entry', [['to', 'Sam'], ['public', 'no']], 'line one\nline two');
    expect(readEditedText(text, ['to', 'public'], true)).toEqual({ fields: { to: 'Sam', public: 'no' }, text: 'line one\nline two' });
    expect(readEditedText(text.replace('to: Sam', 'to: Priya'), ['to', 'public'], true)?.fields.to).toBe('Priya');
  });

  it('reads a kind with a text and no fields (a learning entry, a daily note) as all text', () => {
    const text = editableText('l1: learning entry', [], 'book: The Manager\'s Path');
    expect(readEditedText(text, [], true)).toEqual({ fields: {}, text: "book: The Manager's Path" });
    expect(readEditedText(text.replace('Path', 'Path, chapter 3'), [], true)?.text).toBe("book: The Manager's Path, chapter 3");
    // The blank line taken out, or lines added above it: still the text.
    expect(readEditedText('# head\nfirst line\n\nsecond line\n', [], true)).toEqual({ fields: {}, text: 'first line\n\nsecond line' });
  });

  it('reads an emptied file as no change, and refuses lines it cannot read', () => {
    expect(readEditedText('# only comments\n\n', ['title'], false)).toBeUndefined();
    expect(refusal(() => readEditedText('title: x\nowner: me\n', ['title'], false)).message).toContain('Cannot read the line "owner: me"');
    expect(refusal(() => readEditedText('title: x\n\nstray text\n', ['title'], false)).message).toContain('has no text');
  });
});

describe('goal file front matter', () => {
  const file = '---\nid: g1\ntitle: "Team lunch"\ntemplate: culture\ndue: 2027-03-01\n# a comment\n---\n# Team lunch\n\ndue: not front matter\n';

  it('sets due and title in place and leaves the body alone', () => {
    const next = withFrontMatter(file, { due: '2027-03-15', title: 'Say "hi"' })!;
    expect(next).toBe('---\nid: g1\ntitle: "Say \\"hi\\""\ntemplate: culture\ndue: 2027-03-15\n# a comment\n---\n# Team lunch\n\ndue: not front matter\n');
    expect(withFrontMatter(file, { due: '2027-03-01' })).toBeUndefined();
    expect(withFrontMatter('# no front matter\n', { due: '2027-03-01' })).toBeUndefined();
    expect(withFrontMatter('---\nid: g1\n---\nbody\n', { due: '2027-03-01' })).toBe('---\nid: g1\ndue: 2027-03-01\n---\nbody\n');
  });

  it('reads due: from the front matter only, and words the drift', () => {
    expect(frontMatterDue(file)).toBe('2027-03-01');
    expect(frontMatterDue("---\ndue: '2027-04-01'\n---\n")).toBe('2027-04-01');
    expect(frontMatterDue('# no front matter\ndue: 2027-03-01\n')).toBeUndefined();
    expect(dueDrift({ id: 'g3', due: '2027-03-01' }, '2027-03-15')).toBe("g3's file says due 2027-03-15, mtl has 2027-03-01: mtl edit g3 --due 2027-03-15 to take the file's");
    expect(dueDrift({ id: 'g3', due: '2027-03-01' }, 'end of april')).toContain("--due 'end of april'");
    expect(dueDrift({ id: 'g3', due: '2027-03-01' }, '2027-03-01')).toBeUndefined();
    expect(dueDrift({ id: 'g3', due: '2027-03-01' }, undefined)).toBeUndefined();
  });
});

describe('completableIds', () => {
  const empty = () => Object.fromEntries(['goals', 'memberGoals', 'praise', 'feedback', 'notes', 'delegations', 'oneOnOnes', 'actions', 'learning', 'members', 'innovationWeeks', 'assessments', 'pulses', 'processes', 'cultureEvents', 'moments'].map((k) => [k, []])) as unknown as IdLists;

  it('offers what each verb works on, newest first', () => {
    const lists = { ...empty(), goals: [{ id: 'g1', status: 'done' }, { id: 'g2', status: 'open' }], praise: [{ id: 'p1' }, { id: 'p2' }], members: [{ id: 'r1' }], actions: [{ id: 't1', status: 'open' }] };
    expect(completableIds(lists, 'show')).toEqual(['g2', 'g1', 'p2', 'p1', 't1', 'r1']);
    expect(completableIds(lists, 'done')).toEqual(['g2', 't1']);
    expect(completableIds(lists, 'rm')).toEqual(['g2', 'g1', 'p2', 'p1', 't1']);
  });

  it('offers pulses, processes, culture events and daily notes to the verbs that take them', () => {
    const lists = { ...empty(), pulses: [{ id: 'u1' }], processes: [{ id: 's1', status: 'open' }, { id: 's2', status: 'done' }], cultureEvents: [{ id: 'c1' }], moments: [{ id: 'w1' }, { id: 'w2' }] };
    expect(completableIds(lists, 'show')).toEqual(['u1', 's2', 's1', 'c1', 'w2', 'w1']);
    expect(completableIds(lists, 'edit')).toEqual(['s2', 's1', 'c1', 'w2', 'w1']);
    expect(completableIds(lists, 'done')).toEqual(['s1']);
    expect(completableIds(lists, 'rm')).toEqual(['u1', 's2', 's1', 'c1', 'w2', 'w1']);
  });
});

describe('readEditedText keeps a text line that starts with #', () => {
  it('treats # lines as comments only above the first blank line', async () => {
    const { readEditedText } = await import('../../src/core/entries.js');
    const edited = '# n2: personal note\n# Change what you want...\nto: Sam Lee\n\nAsk about the move\n#2 priority: her mother is ill\n';
    expect(readEditedText(edited, ['to'], true)).toEqual({ fields: { to: 'Sam Lee' }, text: 'Ask about the move\n#2 priority: her mother is ill' });
  });
});
