import { describe, expect, it } from 'vitest';
import { buildPrep, goalView, normalizeGoalId, parseProgress, progressChange, sortGoals } from '../../src/core/goals.js';
import { fillPlaceholders, isTemplateName, renderGoalFile, slugify, titleProblem } from '../../src/core/templates.js';
import { parseFrontMatter, parseTemplate } from '../../src/core/template-parse.js';
import type { Assessment, Goal } from '../../src/core/model.js';

const goal = (over: Partial<Goal>): Goal => ({
  id: 'g1',
  title: 'Grow autonomy',
  template: 'autonomy',
  file: '/tmp/g1-grow-autonomy.md',
  created: '2027-03-01',
  due: '2027-03-31',
  status: 'open',
  progress: 0,
  checkIns: [],
  ...over,
});

const checkIn = (date: string, note: string, progress?: number) => ({ date, at: `${date}T09:00:00.000Z`, note, ...(progress === undefined ? {} : { progress }) });

describe('front matter and templates', () => {
  const text = `---
name: culture
title: "Build a culture: fun"
description: Team building and fun
due: end of next quarter
metrics:
  - Team events held (target: one a month)
  - 'Reports I know well'
---
# {{title}}

Owner: {{owner}} due {{ due }} in {{quarter}}, made {{created}}; {{unknown}} stays.

{{metrics}}
`;

  it('reads YAML: pairs, quoted values and lists, a list item holding ": " as its text', () => {
    const { fields, body } = parseFrontMatter(text);
    expect(fields).toEqual({
      name: 'culture',
      title: 'Build a culture: fun',
      description: 'Team building and fun',
      due: 'end of next quarter',
      metrics: ['Team events held (target: one a month)', 'Reports I know well'],
    });
    expect(body.startsWith('# {{title}}')).toBe(true);
    // Valid YAML that a reader by hand got wrong: a folded value, a quoted "#", a comment.
    expect(parseFrontMatter('---\ntitle: >\n  Two\n  lines\ndue: "in 6 weeks" # a comment\nname: "#1"\n---\nbody').fields).toEqual({ title: 'Two lines\n', due: 'in 6 weeks', name: '#1' });
    expect(() => parseFrontMatter('---\ntitle: [unclosed\n---\n')).toThrow(/its front matter is not valid YAML/);
  });

  it('treats text without front matter as all body, with defaults', () => {
    const t = parseTemplate('mine', '# My own goal\n\nText\n', 'user', '/x/mine.md');
    expect(t).toMatchObject({ name: 'mine', title: 'My own goal', description: '', due: 'end of quarter', metrics: [], source: 'user' });
    expect(parseTemplate('bare', 'no heading', 'user', '/x').title).toBe('bare');
  });

  it('fills placeholders once, leaving unknown ones', () => {
    expect(fillPlaceholders('{{title}} / {{due}} / {{nope}}', { title: 'Ship {{due}}', due: '2027-03-31' })).toBe('Ship {{due}} / 2027-03-31 / {{nope}}');
    expect(fillPlaceholders('{{constructor}} {{toString}} {{hasOwnProperty}}', { title: 'x' })).toBe('{{constructor}} {{toString}} {{hasOwnProperty}}');
  });

  it('renders a goal file with front matter and a metrics checklist', () => {
    const t = parseTemplate('culture', text, 'built-in', '/t/culture.md');
    const out = renderGoalFile(t, { id: 'g4', title: 'Fun "team"', owner: 'sam', created: '2027-03-10', due: '2027-06-30', quarter: '2027-Q1' });
    expect(out).toContain('---\nid: g4\ntitle: "Fun \\"team\\""\ntemplate: culture\nowner: "sam"\ncreated: 2027-03-10\ndue: 2027-06-30\n');
    expect(out).toContain('# Fun "team"\n');
    expect(out).toContain('Owner: sam due 2027-06-30 in 2027-Q1, made 2027-03-10; {{unknown}} stays.');
    expect(out).toContain('- [ ] Team events held (target: one a month)\n- [ ] Reports I know well\n');
    expect(parseFrontMatter(out).fields).toMatchObject({ id: 'g4', title: 'Fun "team"', owner: 'sam', due: '2027-06-30' });
  });

  it('accepts plain template names only', () => {
    expect(isTemplateName('member-goals')).toBe(true);
    for (const bad of ['../x', '..', 'a/b', '.hidden', 'Culture', '-x', '', 'a b']) expect(isTemplateName(bad)).toBe(false);
  });

  it('makes safe file names from titles', () => {
    expect(slugify('Engineers own the Q3 roadmap!')).toBe('engineers-own-the-q3-roadmap');
    expect(slugify('Café crème / ../../etc')).toBe('cafe-creme-etc');
    expect(slugify('🚀🚀')).toBe('goal');
    const long = slugify('Hand every single roadmap item of the quarter to an engineer who owns it end to end');
    expect(long.length).toBeLessThanOrEqual(48);
    expect(long.endsWith('-')).toBe(false);
    expect(long).toBe('hand-every-single-roadmap-item-of-the-quarter');
  });

  it('checks titles', () => {
    expect(titleProblem('  ')).toBe('The title is empty.');
    expect(titleProblem('two\nlines')).toBe('The title "two\\u000alines" holds a line break: control characters and line breaks are not allowed.');
    expect(titleProblem('csi \u009b2J')).toContain('holds a control character (\\u009b)');
    expect(titleProblem('fine')).toBeUndefined();
  });
});

describe('goals', () => {
  it('computes days left and overdue from today', () => {
    expect(goalView(goal({}), '2027-03-10')).toMatchObject({ daysLeft: 21, overdue: false, lastCheckIn: null, doneOn: null });
    expect(goalView(goal({}), '2027-04-02')).toMatchObject({ daysLeft: -2, overdue: true });
    expect(goalView(goal({ status: 'done', doneOn: '2027-03-30' }), '2027-04-02')).toMatchObject({ daysLeft: -2, overdue: false, doneOn: '2027-03-30' });
    expect(goalView(goal({ due: undefined }), '2027-04-02')).toMatchObject({ due: null, daysLeft: null, overdue: false });
  });

  it('shows the last check-in and how long ago', () => {
    const g = goal({ checkIns: [checkIn('2027-03-02', 'first', 10), checkIn('2027-03-05', 'second')] });
    expect(goalView(g, '2027-03-10').lastCheckIn).toEqual({ date: '2027-03-05', note: 'second', progress: null, daysAgo: 5 });
  });

  it('sorts open before done, then by due day, then by id number', () => {
    const list = sortGoals([
      goal({ id: 'g10', due: '2027-05-01' }),
      goal({ id: 'g2', due: '2027-05-01' }),
      goal({ id: 'g3', due: undefined }),
      goal({ id: 'g4', due: '2027-01-01', status: 'done' }),
      goal({ id: 'g5', due: '2027-04-01' }),
    ]);
    expect(list.map((g) => g.id)).toEqual(['g5', 'g2', 'g10', 'g3', 'g4']);
  });

  it('parses progress and ids', () => {
    expect(parseProgress('40')).toBe(40);
    expect(parseProgress('100%')).toBe(100);
    for (const bad of ['101', '-1', '4.5', 'half', '']) expect(parseProgress(bad)).toBeUndefined();
    expect(normalizeGoalId('G3')).toBe('g3');
    expect(normalizeGoalId('3')).toBe('g3');
  });

  it('measures what the latest check-in moved', () => {
    expect(progressChange([])).toBeUndefined();
    expect(progressChange([checkIn('2027-03-02', 'a', 20)])).toEqual({ from: 0, to: 20, change: 20, since: null });
    expect(progressChange([checkIn('2027-03-02', 'a', 20), checkIn('2027-03-09', 'b', 45)])).toEqual({ from: 20, to: 45, change: 25, since: '2027-03-02' });
    expect(progressChange([checkIn('2027-03-02', 'a', 20), checkIn('2027-03-09', 'b')])).toEqual({ from: 20, to: 20, change: 0, since: '2027-03-02' });
    expect(progressChange([checkIn('2027-03-02', 'a', 50), checkIn('2027-03-09', 'b', 30)])).toMatchObject({ change: -20 });
  });
});

describe('buildPrep', () => {
  const assessment = (id: string, date: string, score: number): Assessment => ({
    id,
    date,
    at: `${date}T10:00:00.000Z`,
    tooEasy: false,
    answers: {},
    score,
    verdict: score >= 60 ? 'leading' : 'developing',
  });

  it('sorts goals into due soon and overdue, and compares the last two assessments', () => {
    const goals = [
      goal({ id: 'g1', due: '2027-03-20', progress: 40, checkIns: [checkIn('2027-03-01', 'agreed', 10), checkIn('2027-03-08', 'two items handed over', 40)] }),
      goal({ id: 'g2', due: '2027-03-05' }),
      goal({ id: 'g3', due: '2027-06-30' }),
      goal({ id: 'g4', due: '2027-03-12', status: 'done', doneOn: '2027-03-09' }),
      goal({ id: 'g5', due: '2027-03-12', status: 'done', doneOn: '2026-12-30' }),
    ];
    const prep = buildPrep(goals, [assessment('a2', '2027-03-01', 60), assessment('a1', '2027-01-01', 45)], '2027-03-10', 14);
    expect(prep.goals.map((g) => g.id)).toEqual(['g2', 'g1', 'g3']);
    expect(prep.goals[1]).toMatchObject({ progress: 40, change: 30, changeSince: '2027-03-01', lastCheckIn: { note: 'two items handed over', daysAgo: 2 } });
    expect(prep.goals[0]).toMatchObject({ change: null, lastCheckIn: null });
    expect(prep.dueSoon.map((g) => g.id)).toEqual(['g1']);
    expect(prep.overdue.map((g) => g.id)).toEqual(['g2']);
    expect(prep.recentlyDone.map((g) => g.id)).toEqual(['g4']);
    expect(prep.assessment).toEqual({ date: '2027-03-01', score: 60, verdict: 'leading', previous: { date: '2027-01-01', score: 45 }, change: 15 });
  });

  it('counts the look-ahead inclusively and handles no data', () => {
    const prep = buildPrep([goal({ due: '2027-03-24' })], [], '2027-03-10', 14);
    expect(prep.dueSoon).toHaveLength(1);
    expect(buildPrep([goal({ due: '2027-03-25' })], [], '2027-03-10', 14).dueSoon).toHaveLength(0);
    expect(buildPrep([], [], '2027-03-10', 14)).toMatchObject({ goals: [], dueSoon: [], overdue: [], recentlyDone: [], assessment: null });
  });

  it('lists the goals done since the start of the quarter, however long ago in it', () => {
    const goals = [goal({ id: 'g1', status: 'done', doneOn: '2027-01-01' }), goal({ id: 'g2', status: 'done', doneOn: '2026-12-31' }), goal({ id: 'g3', status: 'done', doneOn: '2027-03-01' })];
    const prep = buildPrep(goals, [], '2027-03-16', 14);
    expect(prep.doneSince).toBe('2027-01-01');
    expect(prep.recentlyDone.map((g) => g.id).sort()).toEqual(['g1', 'g3']);
    expect(buildPrep(goals, [], '2027-04-01', 14).recentlyDone).toEqual([]);
  });
});
