import { describe, expect, it } from 'vitest';
import { awayThroughout, backOn, endLeave, startLeave } from '../../src/core/leave.js';
import type { Member } from '../../src/core/model.js';

const sam = (fields: Partial<Member> = {}): Member => ({ id: 'r1', name: 'Sam', added: '2027-01-04', notes: [], ...fields });

describe('a leave, as team set --away records it', () => {
  it('starts today, and a new end to a leave under way keeps its start', () => {
    const m = sam();
    startLeave(m, '2027-03-01', '2027-01-11');
    expect(m).toMatchObject({ awaySince: '2027-01-11', awayUntil: '2027-03-01' });
    startLeave(m, '2027-03-15', '2027-02-01');
    expect(m).toMatchObject({ awaySince: '2027-01-11', awayUntil: '2027-03-15' });
  });

  it('ends today when taken back early, and is none when taken back the day it was set', () => {
    const early = sam({ awaySince: '2027-01-11', awayUntil: '2027-03-01' });
    endLeave(early, '2027-02-20');
    expect(early).toMatchObject({ awaySince: '2027-01-11', awayUntil: '2027-02-20' });
    expect(backOn(early, '2027-02-20')).toBe('2027-02-20');
    const mistake = sam({ awaySince: '2027-02-20', awayUntil: '2027-03-01' });
    endLeave(mistake, '2027-02-20');
    expect(mistake.awayUntil).toBeUndefined();
    expect(mistake.awaySince).toBeUndefined();
    // Not away: nothing changes, a day back already past included.
    const back = sam({ awaySince: '2027-01-11', awayUntil: '2027-03-01' });
    endLeave(back, '2027-03-05');
    expect(back).toMatchObject({ awaySince: '2027-01-11', awayUntil: '2027-03-01' });
  });

  it('keeps the return from a long leave when a short one follows, and its weeks as leave', () => {
    const m = sam();
    startLeave(m, '2027-03-01', '2027-01-11');
    startLeave(m, '2027-03-05', '2027-03-03');
    expect(m).toMatchObject({ earlierAwaySince: '2027-01-11', cameBack: '2027-03-01', awaySince: '2027-03-03', awayUntil: '2027-03-05' });
    // The short leave is no return; the long one still is, and its weeks are still leave.
    expect(backOn(m, '2027-03-06')).toBe('2027-03-01');
    expect(awayThroughout(m, '2027-02-01', '2027-02-07')).toBe(true);
    expect(awayThroughout(m, '2027-03-01', '2027-03-07')).toBe(false);
    // A long leave after that replaces what is kept.
    startLeave(m, '2027-06-01', '2027-04-01');
    endLeave(m, '2027-05-03');
    startLeave(m, '2027-05-06', '2027-05-05');
    expect(m).toMatchObject({ earlierAwaySince: '2027-04-01', cameBack: '2027-05-03' });
  });
});
