import { describe, expect, it } from 'vitest';
import { idNumber, praiseLogOf, type Praise } from '../../src/core/model.js';

const praise = (id: string, member: string, date: string): Praise => ({ id, member, text: id, date, at: `${date}T09:00:00Z`, public: false });

describe('ids', () => {
  it('are a prefix and a whole number from 1, nothing else', () => {
    expect(['g1', 'g12', 'g999999999999999'].map((id) => idNumber(id, 'g'))).toEqual([1, 12, 999999999999999]);
    for (const id of ['g0', 'g01', 'g', 'g1e3', 'g-1', 'gInfinity', 'g1.5', 'p1', ' g1', 'g1 ', 'g9999999999999999', 7, null]) expect(idNumber(id, 'g'), String(id)).toBeUndefined();
  });
});

describe('a praise log over a list', () => {
  const log = praiseLogOf([praise('p3', 'r1', '2027-02-01'), praise('p1', 'r1', '2027-01-03'), praise('p2', 'r2', '2027-01-10')]);

  it('gives a window of days, oldest first', () => {
    expect(log.between('2027-01-04', undefined).map((p) => p.id)).toEqual(['p2', 'p3']);
    expect(log.between(undefined, '2027-01-10').map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(log.all().map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
  });

  it('gives the last praise of each report on or before a day', () => {
    const members = [{ id: 'r1', added: '2026-01-01' }, { id: 'r2', added: '2026-01-01' }, { id: 'r3', added: '2026-01-01' }];
    expect(log.lastOnOrBefore(members, '2027-01-31')).toEqual(new Map([['r1', '2027-01-03'], ['r2', '2027-01-10']]));
  });
});
