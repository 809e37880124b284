import { describe, expect, it } from 'vitest';
import {
  balanceAdvice,
  DELEGATION_STEPS,
  emptySteps,
  findMember,
  goalCountWarning,
  historyOf,
  itemsOwnedThisQuarter,
  nameKey,
  oneOnOneAgenda,
  openSteps,
  parseStep,
  recognitionBalance,
  recognitionStates,
  requireLine,
  requireText,
  validateNewName,
} from '../../src/core/team.js';
import type { Delegation } from '../../src/core/model.js';
import { emptyData, type TestData as Data } from '../helpers/data.js';

function team(...names: string[]): Data {
  const data = emptyData();
  names.forEach((name, i) => data.members.push({ id: `r${i + 1}`, name, added: '2027-01-02', notes: [] }));
  return data;
}

function praise(data: Data, member: string, date: string, isPublic = false): void {
  const id = `p${data.praise.length + 1}`;
  data.praise.push({ id, member, text: `praise ${id}`, date, at: `${date}T10:00:00.000Z`, public: isPublic });
}

function feedback(data: Data, member: string, date: string, deliveredOn?: string): void {
  const id = `f${data.feedback.length + 1}`;
  data.feedback.push({ id, member, text: `feedback ${id}`, date, at: `${date}T11:00:00.000Z`, ...(deliveredOn ? { deliveredOn } : {}) });
}

describe('findMember', () => {
  it('ignores accents as well as case', () => {
    const data = team('Chloé Martin', 'Zoë');
    expect(findMember(data, 'chloe').name).toBe('Chloé Martin');
    expect(findMember(data, 'ZOE').name).toBe('Zoë');
  });

  const data = team('Sam Lee', 'Samira', 'Priya');

  it('matches exactly in any case, before prefixes', () => {
    expect(findMember(data, 'sam lee').id).toBe('r1');
    expect(findMember(data, '  PRIYA ').id).toBe('r3');
    const both = team('Sam', 'Samira');
    expect(findMember(both, 'sam').id).toBe('r1');
  });

  it('takes a unique prefix', () => {
    expect(findMember(data, 'pri').id).toBe('r3');
    expect(findMember(data, 'sami').id).toBe('r2');
  });

  it('refuses an ambiguous prefix, naming the candidates', () => {
    expect(() => findMember(data, 'sa')).toThrow('"sa" could be Sam Lee or Samira.');
  });

  it('takes a whole first name before names it only starts', () => {
    const d = team('Sam Lee', 'Samira Haddad', 'Élodie  Roy');
    expect(findMember(d, 'sam').id).toBe('r1');
    expect(findMember(d, ' SAM ').id).toBe('r1');
    expect(findMember(d, 'elodie').id).toBe('r3');
    expect(findMember(d, 'sami').id).toBe('r2');
    expect(() => findMember(d, 'sa')).toThrow('"sa" could be Sam Lee or Samira Haddad.');
  });

  it('refuses a first name two reports share, naming only them', () => {
    const d = team('Sam Lee', 'Samira Haddad', 'Sam Ortiz');
    try {
      findMember(d, 'Sam');
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toBe('"Sam" could be Sam Lee or Sam Ortiz.');
      expect((err as { hint: string }).hint).toBe('Type more of the name.');
    }
    expect(findMember(d, 'sam o').id).toBe('r3');
  });

  it('counts a removed report’s first name only when asked', () => {
    const d = team('Sam Lee', 'Samira Haddad');
    d.members[0]!.removed = '2027-01-05';
    expect(findMember(d, 'sam').id).toBe('r2');
    expect(findMember(d, 'sam', { includeRemoved: true }).id).toBe('r1');
  });

  it('refuses an unknown name, listing the known ones', () => {
    try {
      findMember(data, 'Alex');
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toBe('No report called "Alex".');
      expect((err as { hint: string }).hint).toBe('Your reports: Sam Lee, Samira, Priya.');
    }
  });

  it('suggests the closest name for a typo', () => {
    const d = team('Sam Lee', 'Priya Raman', 'Alex Kim');
    for (const [typed, guess] of [['Pryia', 'Priya Raman'], ['alx', 'Alex Kim'], ['Sma Lee', 'Sam Lee']] as const) {
      try {
        findMember(d, typed);
        expect.unreachable();
      } catch (err) {
        expect((err as { hint: string }).hint, typed).toBe(`Did you mean ${guess}? Your reports: Sam Lee, Priya Raman, Alex Kim.`);
      }
    }
    expect(() => findMember(d, 'zed')).toThrow('No report called "zed".');
  });

  it('skips removed reports unless asked', () => {
    const d = team('Sam Lee', 'Priya');
    d.members[0]!.removed = '2027-01-05';
    expect(() => findMember(d, 'sa')).toThrow('No report called "sa".');
    expect(findMember(d, 'sam', { includeRemoved: true }).id).toBe('r1');
  });

  it('says that a report left, by their whole or first name, with the way back', () => {
    const d = team('Sam Lee', 'Priya');
    d.members[0]!.removed = '2027-01-05';
    for (const typed of ['sam', 'Sam Lee']) {
      try {
        findMember(d, typed);
        expect.unreachable();
      } catch (err) {
        expect((err as Error).message).toBe('Sam Lee left your team on 2027-01-05.');
        expect((err as { hint: string }).hint).toBe("Bring them back with their history: mtl team add 'Sam Lee' --restore");
      }
    }
  });
});

describe('validateNewName', () => {
  it('refuses blank, reserved, option-like and taken names', () => {
    const data = team('Sam');
    expect(() => validateNewName(data, '   ')).toThrow('The name is empty.');
    expect(() => validateNewName(data, 'a'.repeat(101))).toThrow("That name has 101 characters; a report's name has at most 100.");
    expect(validateNewName(data, 'é'.repeat(100)).name).toHaveLength(100);
    expect(() => validateNewName(data, 'List')).toThrow('cannot be a name');
    expect(() => validateNewName(data, '-x')).toThrow('starts with "-"');
    expect(() => validateNewName(data, '\u200b\u200b')).toThrow('That name has no letter or digit: a name is something you can read and type.');
    expect(() => validateNewName(data, '🙂')).toThrow('no letter or digit');
    expect(() => validateNewName(data, 'Sam\u{E0041}')).toThrow('That name has invisible characters in it');
    expect(validateNewName(data, 'Zo\u00eb \u2764\ufe0f').name).toBe('Zo\u00eb \u2764\ufe0f');
    for (const lookalike of ['S\u200bam', 'Sa\u00adm', 'Sam\u2060', 'Sam\u3164', 'Sam\u2800']) expect(() => validateNewName(data, lookalike), lookalike).toThrow('That name has invisible characters in it');
    // A name with one in it, from before, is the same name to every command.
    expect(nameKey('S\u200bam')).toBe(nameKey('sam'));
    expect(nameKey(' zoë  Park ')).toBe(nameKey('Zoe Park'));
    expect(validateNewName(data, 'Zoë 2').name).toBe('Zoë 2');
    expect(() => validateNewName(data, 'SAM')).toThrow('Sam is already on your team.');
    expect(validateNewName(data, '  Ana   Ruiz ')).toEqual({ name: 'Ana Ruiz' });
  });

  it('offers to restore a removed report of that name', () => {
    const data = team('Sam');
    data.members[0]!.removed = '2027-01-05';
    expect(validateNewName(data, 'sam').restore?.id).toBe('r1');
  });
});

describe('requireText', () => {
  it('trims and refuses whitespace', () => {
    expect(requireText('  well done ', 'praise')).toBe('well done');
    expect(() => requireText(' \t\n', 'praise')).toThrow('The praise is empty.');
    expect(() => requireText(undefined, 'note')).toThrow('The note is empty.');
  });
});

describe('recognitionBalance', () => {
  const data = team('Sam', 'Priya');
  praise(data, 'r1', '2026-12-30'); // last quarter
  praise(data, 'r1', '2027-01-04', true);
  praise(data, 'r1', '2027-01-10');
  praise(data, 'r1', '2027-01-20'); // after the balance date
  feedback(data, 'r1', '2027-01-05');
  feedback(data, 'r2', '2027-01-06');
  feedback(data, 'r2', '2027-01-07', '2027-01-08');

  it('counts the last seven days, today included, and the quarter up to today', () => {
    const [sam, priya] = recognitionBalance(data, '2027-01-10');
    expect(sam).toEqual({
      id: 'r1',
      name: 'Sam',
      recent: 2,
      lastPraise: '2027-01-10',
      daysSincePraise: 0,
      quarter: { praise: 2, private: 1, public: 1, feedback: 1 },
      due: false,
    });
    expect(priya).toMatchObject({ recent: 0, quarter: { praise: 0, feedback: 2 }, due: true });
    expect(priya!.lastPraise).toBeUndefined();
  });

  it('lets the window slide and the quarter turn', () => {
    expect(recognitionBalance(data, '2027-01-11')[0]).toMatchObject({ recent: 1 });
    expect(recognitionBalance(data, '2027-01-17')[0]).toMatchObject({ recent: 0, due: true, daysSincePraise: 7 });
    expect(recognitionBalance(data, '2027-01-17', 14)[0]).toMatchObject({ recent: 2, due: false });
    expect(recognitionBalance(data, '2026-12-31')[0]).toMatchObject({ recent: 1, quarter: { praise: 1, feedback: 0 } });
    expect(recognitionBalance(data, '2027-04-01')[0]).toMatchObject({ recent: 0, quarter: { praise: 0 }, lastPraise: '2027-01-20' });
  });

  it('gives someone new their first window before they count as not recognised', () => {
    const d = team('Sam');
    d.members[0]!.added = '2027-03-01';
    expect(recognitionStates(d, '2027-03-01')[0]).toMatchObject({ recent: 0, due: false });
    expect(recognitionStates(d, '2027-03-07')[0]).toMatchObject({ due: false });
    expect(recognitionStates(d, '2027-03-08')[0]).toMatchObject({ due: true });
    expect(recognitionStates(d, '2027-03-05', 3)[0]).toMatchObject({ due: true });
  });

  it('counts from the day someone came back from leave, as from a first day', () => {
    const d = team('Sam');
    praise(d, 'r1', '2027-01-20');
    d.members[0]!.awayUntil = '2027-05-17';
    // Away: not asked about here (presentMembers leaves them out); back: a first window, then due.
    expect(recognitionStates(d, '2027-05-17')[0]).toMatchObject({ recent: 0, due: false, backOn: '2027-05-17', lastPraise: '2027-01-20' });
    expect(recognitionStates(d, '2027-05-23')[0]).toMatchObject({ due: false });
    expect(recognitionStates(d, '2027-05-24')[0]).toMatchObject({ due: true, backOn: '2027-05-17' });
    // Praised since they came back: the last praise counts, not the return.
    praise(d, 'r1', '2027-05-18');
    expect(recognitionStates(d, '2027-05-26')[0]).toMatchObject({ due: true, lastPraise: '2027-05-18' });
    expect(recognitionStates(d, '2027-05-26')[0]!.backOn).toBeUndefined();
    // A day back that is still to come, or before they joined, is no return; nor one after a leave
    // of under a week.
    expect(recognitionStates(d, '2027-05-16')[0]!.backOn).toBeUndefined();
    d.members[0]!.awayUntil = '2027-01-01';
    expect(recognitionStates(d, '2027-05-26')[0]!.backOn).toBeUndefined();
    Object.assign(d.members[0]!, { awaySince: '2027-05-21', awayUntil: '2027-05-25' });
    expect(recognitionStates(d, '2027-05-26')[0]).toMatchObject({ due: true, lastPraise: '2027-05-18' });
    expect(recognitionStates(d, '2027-05-26')[0]!.backOn).toBeUndefined();
  });

  it('is the recognition state plus the quarter, and the state alone never reads the feedback log', () => {
    for (const day of ['2026-12-31', '2027-01-10', '2027-01-17']) {
      const states = recognitionStates({ ...data, get feedback(): never { throw new Error('feedback read') } } as Data, day);
      expect(recognitionBalance(data, day).map(({ quarter: _quarter, ...state }) => state)).toEqual(states);
    }
  });

  it('advises on what is off', () => {
    const [sam, priya] = recognitionBalance(data, '2027-01-17');
    expect(balanceAdvice(sam!)).toBe('7 days since Sam was last recognised (aim: every 7 days)');
    expect(balanceAdvice(priya!)).toBe('no praise logged for Priya yet');
    expect(balanceAdvice(recognitionBalance(data, '2027-01-10')[0]!)).toBeUndefined();
    const heavy = team('Ana');
    praise(heavy, 'r1', '2027-01-09');
    feedback(heavy, 'r1', '2027-01-08');
    feedback(heavy, 'r1', '2027-01-09');
    expect(balanceAdvice(recognitionBalance(heavy, '2027-01-10')[0]!)).toBe('more constructive feedback than praise for Ana this quarter');
  });
});

describe('delegation', () => {
  const item = (id: string, created: string, doneOn?: string): Delegation => ({
    id,
    item: `item ${id}`,
    member: 'r1',
    created,
    status: doneOn ? 'done' : 'open',
    ...(doneOn ? { doneOn } : {}),
    steps: emptySteps(),
  });

  it('parses step keys and lists them on a mistake', () => {
    expect(parseStep('Tech-Checkin')).toBe('tech-checkin');
    // A start of a key that only one key has, as names take.
    expect(['doc', 'TECH', 'dep', 're'].map(parseStep)).toEqual(['docs', 'tech-checkin', 'dependencies', 'requirements']);
    expect(() => parseStep('d')).toThrow('Unknown step "d".');
    expect(() => parseStep('docsx')).toThrow('Unknown step "docsx".');
    expect([parseStep('1'), parseStep(' 2 '), parseStep('3'), parseStep('4')]).toEqual(['requirements', 'tech-checkin', 'docs', 'dependencies']);
    for (const bad of ['0', '5', '01x']) expect(() => parseStep(bad)).toThrow(`Unknown step "${bad}".`);
    try {
      parseStep('9');
    } catch (err) {
      expect((err as { hint?: string }).hint).toBe(
        'Steps, by number or key: 1 requirements (requirements agreed with the product manager), 2 tech-checkin (raised at the weekly technical check-in), ' +
          '3 docs (documentation written with the writers), 4 dependencies (cross-team dependencies done and tested end to end).',
      );
    }
    expect(DELEGATION_STEPS.map((s) => s.key)).toEqual(['requirements', 'tech-checkin', 'docs', 'dependencies']);
  });

  it('lists open steps in checklist order', () => {
    const d = item('d1', '2027-01-02');
    d.steps.docs = '2027-01-05';
    expect(openSteps(d)).toEqual(['requirements', 'tech-checkin', 'dependencies']);
  });

  it('counts items an engineer owned during the quarter', () => {
    const data = team('Sam');
    data.delegations.push(
      item('d1', '2026-11-02'), // last quarter, still open: owned this quarter too
      item('d2', '2026-11-02', '2026-12-20'), // finished last quarter
      item('d3', '2026-12-01', '2027-01-15'), // finished this quarter
      item('d4', '2027-02-01'), // delegated this quarter
      item('d5', '2027-03-01'), // after the date asked about
    );
    const metric = itemsOwnedThisQuarter(data, '2027-02-10');
    expect(metric.items.map((d) => d.id)).toEqual(['d1', 'd3', 'd4']);
    expect(metric).toMatchObject({ quarter: '2027-Q1', count: 3, delegatedThisQuarter: 1, doneThisQuarter: 1 });
    expect(itemsOwnedThisQuarter(data, '2026-12-31')).toMatchObject({ quarter: '2026-Q4', count: 3, delegatedThisQuarter: 3, doneThisQuarter: 1 });
  });
});

describe('goalCountWarning', () => {
  it('warns outside two to three', () => {
    expect(goalCountWarning('Sam', 0, '2027-Q1')).toBe('Sam has no goals for 2027-Q1; help them set two or three.');
    expect(goalCountWarning('Sam', 1, '2027-Q1')).toContain('one goal');
    expect(goalCountWarning('Sam', 2, '2027-Q1')).toBeUndefined();
    expect(goalCountWarning('Sam', 3, '2027-Q1')).toBeUndefined();
    expect(goalCountWarning('Sam', 4, '2027-Q1')).toContain('4 goals');
  });
});

describe('oneOnOneAgenda', () => {
  it('gathers what happened since the last 1:1', () => {
    const data = team('Sam', 'Priya');
    data.members[0]!.notes.push({ id: 'n1', date: '2027-01-02', text: 'new puppy' });
    praise(data, 'r1', '2027-01-03');
    data.oneOnOnes.push({ id: 'o1', member: 'r1', date: '2027-01-05', at: '2027-01-05T12:00:00.000Z', feedbackDelivered: [] });
    praise(data, 'r1', '2027-01-06');
    praise(data, 'r2', '2027-01-06');
    feedback(data, 'r1', '2027-01-04', '2027-01-05');
    feedback(data, 'r1', '2027-01-07');
    data.memberGoals.push(
      { id: 'm1', member: 'r1', title: 'Old one', quarter: '2026-Q4', due: '2026-12-31', status: 'open', progress: 50, created: '2026-10-01', checkIns: [] },
      { id: 'm2', member: 'r1', title: 'Old done', quarter: '2026-Q4', status: 'done', progress: 100, created: '2026-10-01', checkIns: [] },
      { id: 'm3', member: 'r1', title: 'This quarter', quarter: '2027-Q1', due: '2027-03-31', status: 'open', progress: 10, created: '2027-01-02', checkIns: [{ date: '2027-01-06', at: '2027-01-06T09:00:00.000Z', note: 'kick-off', progress: 10 }] },
    );
    const d: Delegation = { id: 'd1', item: 'Billing', member: 'r1', created: '2027-01-02', status: 'open', steps: { ...emptySteps(), requirements: '2027-01-03' } };
    data.delegations.push(d);

    const agenda = oneOnOneAgenda(data, data.members[0]!, '2027-01-12');
    expect(agenda.lastOneOnOne?.date).toBe('2027-01-05');
    expect(agenda.daysSinceLast).toBe(7);
    expect(agenda.praise.map((p) => p.id)).toEqual(['p2']);
    expect(agenda.feedback.map((f) => f.id)).toEqual(['f2']);
    expect(agenda.goals.map((g) => g.id)).toEqual(['m1', 'm3']);
    expect(agenda.goals[1]).toMatchObject({ daysLeft: 78, lastCheckIn: { note: 'kick-off' } });
    expect(agenda.goalWarning).toContain('one goal');
    expect(agenda.delegations[0]!.open).toEqual(['tech-checkin', 'docs', 'dependencies']);
    expect(agenda.notes).toEqual([{ id: 'n1', date: '2027-01-02', text: 'new puppy' }]);

    const first = oneOnOneAgenda(data, data.members[1]!, '2027-01-12');
    expect(first.lastOneOnOne).toBeUndefined();
    expect(first.praise.map((p) => p.id)).toEqual(['p3']);
  });
});

describe('historyOf', () => {
  it('counts everything recorded about one report, nothing of the others', () => {
    const data = team('Sam', 'Priya');
    praise(data, 'r1', '2027-01-03');
    praise(data, 'r2', '2027-01-03');
    feedback(data, 'r1', '2027-01-03');
    data.oneOnOnes.push({ id: 'o1', member: 'r1', date: '2027-01-05', at: '2027-01-05T12:00:00.000Z', feedbackDelivered: [] });
    expect(historyOf(data, 'r1')).toEqual({ praise: 1, feedback: 1, memberGoals: 0, delegations: 0, oneOnOnes: 1 });
    expect(historyOf(data, 'r2')).toEqual({ praise: 1, feedback: 0, memberGoals: 0, delegations: 0, oneOnOnes: 0 });
  });
});

describe('an empty text', () => {
  it('is refused with an example of what that text is, not a generic one', () => {
    expect(() => requireLine('  ', 'action item')).toThrow('The action item is empty.');
    try {
      requireLine('', 'action item');
    } catch (err) {
      expect((err as { hint: string }).hint).toBe('Write a few words, in quotes: "send Sam the promotion criteria".');
    }
    try {
      requireText('', 'behaviour');
    } catch (err) {
      expect((err as { hint: string }).hint).toBe('Write a few words, in quotes: "you cut in before Priya finished".');
    }
  });
});
