import { describe, expect, it } from 'vitest';
import { dueNudges } from '../../src/core/nudges.js';
import { cadenceState, cadenceStates, givenFeedback, openActions, overdueActions, queuedFeedback } from '../../src/core/one-on-ones.js';
import type { ActionItem, Feedback, Member, OneOnOne } from '../../src/core/model.js';
import { emptyData } from '../helpers/data.js';

const member = (id: string, name: string, fields: Partial<Member> = {}): Member => ({ id, name, added: '2027-01-04', notes: [], ...fields });
const meeting = (id: string, memberId: string, date: string, time = '10:00'): OneOnOne => ({ id, member: memberId, date, at: `${date}T${time}:00Z`, feedbackDelivered: [] });
const action = (id: string, fields: Partial<ActionItem> = {}): ActionItem => ({ id, member: 'r1', text: `do ${id}`, owner: 'me', created: '2027-01-04', at: '2027-01-04T10:00:00Z', status: 'open', ...fields });
const feedback = (id: string, fields: Partial<Feedback> = {}): Feedback => ({ id, member: 'r1', text: `fb ${id}`, date: '2027-01-05', at: '2027-01-05T10:00:00Z', ...fields });
const prefs = { recognitionDays: 7, lookAheadDays: 14, checkInDays: 14, learningHoursPerQuarter: 0 };
/** Local wall-clock time on a calendar day, as MTL_NOW gives it. */
const at = (day: string) => new Date(`${day}T09:00:00`);

describe('the 1:1 cadence', () => {
  const data = emptyData();
  const sam = member('r1', 'Sam');
  data.members.push(sam);
  data.oneOnOnes.push(meeting('o1', 'r1', '2027-01-11'), meeting('o2', 'r1', '2027-02-01', '09:00'), meeting('o3', 'r1', '2027-04-01'));

  it('is late only past the cadence: day 7 of a weekly cadence is due, day 8 is late', () => {
    expect(cadenceState(data, sam, '2027-02-07')).toEqual({ id: 'r1', name: 'Sam', cadence: 7, last: '2027-02-01', days: 6, late: false });
    expect(cadenceState(data, sam, '2027-02-08')).toMatchObject({ days: 7, late: false });
    expect(cadenceState(data, sam, '2027-02-09')).toMatchObject({ days: 8, late: true });
  });

  it('follows the default given, and a report of their own over it', () => {
    expect(cadenceState(data, sam, '2027-02-09', 14)).toMatchObject({ cadence: 14, late: false });
    expect(cadenceState(data, sam, '2027-02-16', 14)).toMatchObject({ days: 15, late: true });
    const monthly = { ...sam, cadence: 30 };
    expect(cadenceState(data, monthly, '2027-03-03', 7)).toMatchObject({ cadence: 30, days: 30, late: false });
    expect(cadenceState(data, monthly, '2027-03-04', 7)).toMatchObject({ days: 31, late: true });
  });

  it('ignores 1:1s after the day asked about, and counts from the day they joined without one', () => {
    expect(cadenceState(data, sam, '2027-02-28')).toMatchObject({ last: '2027-02-01', days: 27 });
    const priya = member('r2', 'Priya', { added: '2027-02-01' });
    expect(cadenceState(data, priya, '2027-02-08')).toEqual({ id: 'r2', name: 'Priya', cadence: 7, days: 7, late: false });
    expect(cadenceState(data, priya, '2027-02-09')).toMatchObject({ days: 8, late: true });
    expect(cadenceStates(data, [sam, priya], '2027-02-09').map((s) => s.late)).toEqual([true, true]);
  });

  it('counts from the day a report came back from leave when no 1:1 was held since', () => {
    const data = { oneOnOnes: [meeting('o1', 'r1', '2027-02-01')] };
    const sam = member('r1', 'Sam', { awaySince: '2027-02-10', awayUntil: '2027-05-17' });
    // days: since the last 1:1, as ever; late: by the days since they came back.
    expect(cadenceState(data, sam, '2027-05-17')).toMatchObject({ last: '2027-02-01', days: 105, sinceBack: 0, late: false, backOn: '2027-05-17' });
    expect(cadenceState(data, sam, '2027-05-24')).toMatchObject({ sinceBack: 7, late: false });
    expect(cadenceState(data, sam, '2027-05-25')).toMatchObject({ days: 113, sinceBack: 8, late: true, backOn: '2027-05-17' });
    // A 1:1 since they came back: counted from it, as usual.
    const since = { oneOnOnes: [...data.oneOnOnes, meeting('o2', 'r1', '2027-05-18')] };
    expect(cadenceState(since, sam, '2027-05-26')).toMatchObject({ last: '2027-05-18', days: 8, late: true });
    expect(cadenceState(since, sam, '2027-05-26').backOn).toBeUndefined();
    // A leave of under a week (a long weekend), or one taken back the day it was set: the clock runs on.
    for (const short of [member('r1', 'Sam', { awaySince: '2027-05-13', awayUntil: '2027-05-17' }), member('r1', 'Sam', { awaySince: '2027-05-17', awayUntil: '2027-05-17' })]) {
      expect(cadenceState(data, short, '2027-05-17')).toMatchObject({ days: 105, late: true });
      expect(cadenceState(data, short, '2027-05-17').backOn).toBeUndefined();
    }
  });

  it('counts calendar days across the start of daylight saving time in New York', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      const spring = emptyData();
      spring.oneOnOnes.push(meeting('o1', 'r1', '2027-03-08'));
      expect(cadenceState(spring, sam, '2027-03-15')).toMatchObject({ days: 7, late: false });
      expect(cadenceState(spring, sam, '2027-03-16')).toMatchObject({ days: 8, late: true });
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('the nudge', () => {
  it('offers a 1:1 to catch up in the first week back from leave, then reminds as for anyone', () => {
    const data = emptyData();
    data.members.push(member('r1', 'Sam Lee', { awaySince: '2027-02-10', awayUntil: '2027-05-17' }));
    data.oneOnOnes.push(meeting('o1', 'r1', '2027-02-01'));
    const about = (day: string) => dueNudges(data, at(day), prefs).filter((r) => r.kind === 'one-on-one' || r.kind === 'back');
    expect(about('2027-05-16')).toEqual([]);
    expect(about('2027-05-17')).toEqual([
      {
        key: 'back:r1:2027-05-17',
        kind: 'back',
        text: 'Sam Lee: back from leave today; a 1:1 soon, to catch up.',
        why: 'After weeks away, the first 1:1 rebuilds what changed on both sides: the team, the work, and how they are.',
        command: "mtl 1on1 'Sam Lee'",
        since: '2027-05-17',
        subject: 'Sam Lee',
      },
    ]);
    expect(about('2027-05-23').map((r) => r.text)).toEqual(['Sam Lee: back from leave since 2027-05-17; a 1:1 soon, to catch up.']);
    expect(about('2027-05-24')).toEqual([]);
    expect(about('2027-05-25').map((r) => [r.kind, r.text])).toEqual([['one-on-one', 'Sam Lee: no 1:1 since they came back from leave on 2027-05-17 (8 days; every 7 days).']]);
    // Met since: nothing until the cadence runs out again.
    data.oneOnOnes.push(meeting('o2', 'r1', '2027-05-18'));
    expect(about('2027-05-20')).toEqual([]);
  });

  it('reminds of a report past their cadence once the boundary is crossed, keyed per report', () => {
    const data = emptyData();
    data.members.push(member('r1', 'Sam Lee'), member('r2', 'Gone', { removed: '2027-01-20' }));
    data.oneOnOnes.push(meeting('o1', 'r1', '2027-02-01'));
    const oneOnOnes = (day: string) => dueNudges(data, at(day), prefs).filter((r) => r.kind === 'one-on-one');
    expect(oneOnOnes('2027-02-08')).toEqual([]);
    expect(oneOnOnes('2027-02-09')).toEqual([
      {
        key: 'one-on-one:r1',
        kind: 'one-on-one',
        text: 'Sam Lee: no 1:1 for 8 days (last on 2027-02-01; every 7 days).',
        why: expect.any(String),
        command: "mtl 1on1 'Sam Lee'",
        since: '2027-02-01',
        subject: 'Sam Lee',
      },
    ]);
    expect(dueNudges(data, at('2027-02-09'), { ...prefs, oneOnOneCadence: 8 }).filter((r) => r.kind === 'one-on-one')).toEqual([]);
  });

  it('reminds of open action items the day after they were due, not of done ones or a removed report', () => {
    const data = emptyData();
    data.members.push(member('r1', 'Sam'), member('r2', 'Gone', { removed: '2027-01-20' }));
    data.oneOnOnes.push(meeting('o1', 'r1', '2027-02-08'));
    data.actions.push(
      action('t1', { due: '2027-02-10', owner: 'them' }),
      action('t2', { due: '2027-02-09' }),
      action('t3', { due: '2027-02-01', status: 'done', doneOn: '2027-02-01' }),
      action('t4'),
      action('t5', { member: 'r2', due: '2027-02-01' }),
    );
    const actions = (day: string) => dueNudges(data, at(day), prefs).filter((r) => r.kind === 'action');
    expect(actions('2027-02-09')).toEqual([]);
    expect(actions('2027-02-11').map((r) => [r.key, r.text, r.command, r.subject])).toEqual([
      ['action:t2', 'Action item t2 from a 1:1 with Sam (yours) "do t2": 2 days overdue (due 2027-02-09).', 'mtl done t2', 't2 (yours, with Sam)'],
      ['action:t1', `Action item t1 from a 1:1 with Sam (Sam's) "do t1": 1 day overdue (due 2027-02-10).`, 'mtl done t1', "t1 (Sam's)"],
    ]);
    expect(overdueActions(data, '2027-02-11').map((t) => t.id)).toEqual(['t1', 't2', 't5']);
  });
});

describe('action items and feedback of a 1:1', () => {
  it('lists open action items, due ones first by due day, then the rest as agreed', () => {
    const data = emptyData();
    data.actions.push(
      action('t1', { at: '2027-01-04T10:00:00Z' }),
      action('t2', { due: '2027-03-01' }),
      action('t3', { due: '2027-02-01' }),
      action('t4', { at: '2027-01-03T10:00:00Z' }),
      action('t5', { status: 'done' }),
      action('t6', { member: 'r2' }),
    );
    expect(openActions(data, 'r1').map((t) => t.id)).toEqual(['t3', 't2', 't4', 't1']);
  });

  it('accepts --gave only for queued feedback of the report, naming what is wrong', () => {
    const data = emptyData();
    data.feedback.push(feedback('f1'), feedback('f2', { deliveredOn: '2027-01-06' }), feedback('f3', { member: 'r2' }), feedback('f4', { date: '2027-01-09' }));
    const sam = { id: 'r1', name: 'Sam' };
    const queued = queuedFeedback(data, 'r1', '2027-01-08');
    expect(queued.map((f) => f.id)).toEqual(['f1']);
    expect(givenFeedback(data, sam, queued, ['F1', 'f1']).map((f) => f.id)).toEqual(['f1']);
    expect(givenFeedback(data, sam, queued, [])).toEqual([]);
    expect(() => givenFeedback(data, sam, queued, ['f2'])).toThrow('Cannot mark f2 delivered: it was already marked delivered on 2027-01-06.');
    expect(() => givenFeedback(data, sam, queued, ['f1', 'f3'])).toThrow('Cannot mark f3 delivered: it is not feedback for Sam.');
    expect(() => givenFeedback(data, sam, queued, ['f4'])).toThrow('Cannot mark f4 delivered: it is dated 2027-01-09, after today.');
    expect(() => givenFeedback(data, sam, queued, ['x'])).toThrow('there is no feedback with that id');
  });
});
