import { describe, expect, it } from 'vitest';
import { buildDashboard } from '../../src/core/dashboard.js';
import type { Assessment, Goal, Member } from '../../src/core/model.js';
import { emptyData, praiseList, type TestData as Data } from '../helpers/data.js';

const prefs = { recognitionDays: 7, lookAheadDays: 14, checkInDays: 14, learningHoursPerQuarter: 0 };
const TODAY = '2027-02-18';

/** Local wall-clock time on a calendar day, in whatever TZ the test runs. */
const at = (day: string, time = '09:00') => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  return new Date(y, m - 1, d, h, min);
};

const assessment = (id: string, date: string, score: number, fields: Partial<Assessment> = {}): Assessment => ({
  id,
  date,
  at: `${date}T09:00:00Z`,
  tooEasy: false,
  answers: { autonomy: 4, lives: 4, connection: 4, safety: 4, challenge: 4 },
  score,
  verdict: 'leading',
  ...fields,
});
const goal = (id: string, fields: Partial<Goal>): Goal => ({ id, title: `Goal ${id}`, template: 'autonomy', file: `/g/${id}.md`, created: '2027-02-01', status: 'open', progress: 0, checkIns: [], ...fields });
const member = (id: string, name: string, added = '2027-01-04'): Member => ({ id, name, added, notes: [] });
const praise = (memberId: string, date: string) => ({ id: `p-${memberId}-${date}`, member: memberId, text: 'nice', date, at: `${date}T10:00:00Z`, public: false });

/** A store where nothing asks for attention: a fresh assessment, an open goal far off, everyone praised. */
function calm(change: (d: Data) => void = () => {}): Data {
  const data = emptyData();
  data.assessments.push(assessment('a1', '2027-02-01', 70));
  data.goals.push(goal('g1', { due: '2027-06-30', checkIns: [{ date: '2027-02-15', at: '2027-02-15T10:00:00Z', note: 'ok' }] }));
  data.members.push(member('r1', 'Alice'));
  data.praise.push(praise('r1', '2027-02-16'));
  data.oneOnOnes.push({ id: 'o1', member: 'r1', date: '2027-02-16', at: '2027-02-16T10:00:00Z', feedbackDelivered: [] });
  for (const n of [1, 2]) data.memberGoals.push({ id: `m${n}`, member: 'r1', title: `goal ${n}`, quarter: '2027-Q1', status: 'open', progress: 0, created: '2027-01-05', checkIns: [] });
  change(data);
  return data;
}

const dash = (data: Data, day = TODAY) => buildDashboard(data, at(day), day, prefs);

describe('the next step', () => {
  it('is the assessment when there is none, even with reports and goals', () => {
    const d = dash(calm((x) => (x.assessments = [])));
    expect(d.next.command).toBe('mtl assess');
    expect(d.assessment).toBeNull();
  });

  it('is the check-in of the most overdue goal', () => {
    const d = dash(calm((x) => x.goals.push(goal('g2', { due: '2027-02-15' }), goal('g3', { due: '2027-02-10', title: 'Team lunch' }))));
    expect(d.next.command).toBe('mtl goals check-in g3 "<note>" --progress N');
    expect(d.next.why).toContain('Goal g3 "Team lunch" is 8 days overdue');
    expect(d.overdue.map((g) => [g.id, g.daysLeft])).toEqual([
      ['g3', -8],
      ['g2', -3],
    ]);
  });

  it('is the assessment again when the latest is 90 days old, but an overdue goal comes first', () => {
    const stale = calm((x) => (x.assessments = [assessment('a1', '2026-11-20', 60)]));
    expect(dash(stale).assessment?.daysAgo).toBe(90);
    expect(dash(stale).next).toEqual({ command: 'mtl assess', why: 'Your last self-assessment was 90 days ago; take it again to see what changed.' });
    expect(dash(stale, '2027-02-17').next.command).not.toBe('mtl assess');
    stale.goals.push(goal('g2', { due: '2027-02-17' }));
    expect(dash(stale).next.command).toBe('mtl goals check-in g2 "<note>" --progress N');
  });

  it('without an open goal, starts the one the weakest area calls for', () => {
    const d = dash(
      calm((x) => {
        x.goals = [goal('g1', { status: 'done', doneOn: '2027-02-10' })];
        x.assessments = [assessment('a1', '2027-02-01', 40, { answers: { autonomy: 3, lives: 4, connection: 4, safety: 2, challenge: 4 }, verdict: 'developing' })];
      }),
    );
    expect(d.openGoals).toBe(0);
    expect(d.next).toEqual({ command: 'mtl goals new --template recognition', why: 'No open goal: the recognition template works on the weakest area of your assessment.' });
  });

  it('without an open goal, when the job felt too easy, says that is why it starts with autonomy', () => {
    const d = dash(
      calm((x) => {
        x.goals = [];
        x.assessments = [assessment('a1', '2027-02-01', 40, { tooEasy: true, answers: { autonomy: 3, lives: 1, connection: 4, safety: 2, challenge: 4 }, verdict: 'developing' })];
      }),
    );
    expect(d.next.command).toBe('mtl goals new --template autonomy');
    expect(d.next.why).toBe('No open goal: your assessment says the job feels too easy, which often means you still do the work yourself; the autonomy template hands it to the team.');
  });

  it('without an open goal and no weak area, suggests a goal without a template', () => {
    expect(dash(calm((x) => (x.goals = []))).next.command).toBe('mtl goals new');
  });

  it('praises the report waiting longest: never praised first', () => {
    const d = dash(
      calm((x) => {
        x.members.push(member('r2', 'Bob Stone'), member('r3', 'Cy'));
        x.praise.push(praise('r3', '2027-02-01'), praise('r1', '2027-01-20'));
        x.praise = praiseList(x.praise.filter((p) => !(p.member === 'r1' && p.date === '2027-02-16')));
      }),
    );
    expect(d.team.reports).toBe(3);
    expect(d.team.notRecognised.map((m) => [m.name, m.days])).toEqual([
      ['Bob Stone', null],
      ['Alice', 29],
      ['Cy', 17],
    ]);
    expect(d.next.command).toBe(`mtl praise 'Bob Stone' "..."`);
    expect(d.next.why).toBe('Bob Stone has never been recognised: notice something good they did.');
  });

  it('checks in the goal due soonest within the look-ahead', () => {
    const d = dash(calm((x) => x.goals.push(goal('g2', { due: '2027-03-04' }), goal('g3', { due: '2027-02-19' }))));
    expect(d.dueSoon.map((g) => g.id)).toEqual(['g3', 'g2']);
    expect(d.next.command).toBe('mtl goals check-in g3 "<note>" --progress N');
    expect(d.next.why).toContain('is due tomorrow');
    expect(dash(calm((x) => x.goals.push(goal('g2', { due: '2027-03-05' })))).dueSoon).toEqual([]);
  });

  it('falls back to the first other reminder, then to prep', () => {
    const quiet = calm();
    const d = dash(quiet);
    expect(d.reminders.map((r) => r.kind)).toEqual(['innovation']);
    expect(d.next.command).toBe('mtl innovation plan 2027-03-01');
    expect(d.next.command).toBe(d.reminders[0]!.command);
    quiet.innovationWeeks.push({ id: 'i1', quarter: '2027-Q1', start: '2027-03-01', end: '2027-03-05', demo: '2027-03-05', planned: '2027-01-10' });
    expect(dash(quiet).reminders).toEqual([]);
    expect(dash(quiet).next.command).toBe('mtl prep');
  });
});

describe('the latest assessment', () => {
  it('is the newest by time, not the last in the list, with its change since the previous and the first', () => {
    const d = dash(
      calm((x) => {
        x.assessments = [assessment('a3', '2027-02-01', 70), assessment('a1', '2026-08-01', 30, { verdict: 'developing' }), assessment('a2', '2026-11-01', 50)];
      }),
    );
    expect(d.assessment).toMatchObject({
      date: '2027-02-01',
      score: 70,
      daysAgo: 17,
      count: 3,
      scores: [30, 50, 70],
      previous: { date: '2026-11-01', score: 50 },
      change: 20,
      first: { date: '2026-08-01', score: 30 },
      changeSinceFirst: 40,
    });
  });

  it('has no change for the first one', () => {
    expect(dash(calm()).assessment).toMatchObject({ count: 1, previous: null, change: null, changeSinceFirst: 0 });
  });
});

describe('goals on the dashboard', () => {
  it('reads a hand-edited due of null or "" as no due day', () => {
    const d = dash(
      calm((data) => {
        data.goals.push(goal('g7', { due: null as unknown as string }), goal('g8', { due: '' }), goal('g9', { due: '2027-02-20' }));
      }),
    );
    expect(d.dueSoon.map((g) => g.id)).toEqual(['g9']);
    expect(d.openGoals).toBe(4);
  });
});
