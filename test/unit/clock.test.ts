import { describe, expect, it } from 'vitest';
import { resolveNow } from '../../src/clock.js';

const wall = () => new Date(2030, 0, 1);

describe('resolveNow', () => {
  it('uses the wall clock without MTL_NOW', () => {
    expect(resolveNow({}, wall)).toEqual(new Date(2030, 0, 1));
    expect(resolveNow({ MTL_NOW: ' ' }, wall)).toEqual(new Date(2030, 0, 1));
  });

  it('reads a day as local midnight and a date-time without offset as local time', () => {
    expect(resolveNow({ MTL_NOW: '2027-03-31' }, wall)).toEqual(new Date(2027, 2, 31));
    expect(resolveNow({ MTL_NOW: '2027-03-31T09:30' }, wall)).toEqual(new Date(2027, 2, 31, 9, 30));
    expect(resolveNow({ MTL_NOW: '2027-03-31T09:30:15.5' }, wall)).toEqual(new Date(2027, 2, 31, 9, 30, 15, 500));
    expect(resolveNow({ MTL_NOW: '2027-03-31T09:30:00Z' }, wall).toISOString()).toBe('2027-03-31T09:30:00.000Z');
    expect(resolveNow({ MTL_NOW: '2027-03-31T09:30:00+02:00' }, wall).toISOString()).toBe('2027-03-31T07:30:00.000Z');
  });

  it('accepts a space for T and a year below 100', () => {
    expect(resolveNow({ MTL_NOW: '2027-03-31 09:00' }, wall)).toEqual(new Date(2027, 2, 31, 9));
    expect(resolveNow({ MTL_NOW: '0099-01-01' }, wall).getFullYear()).toBe(99);
  });

  it.each(['last tuesday', '2027-02-30', '2027-13-01', '31/03/2027', '2027-03-31T25:00', '2027-02-30T10:00', '2027-03-31T09:60'])('refuses %s', (text) => {
    expect(() => resolveNow({ MTL_NOW: text }, wall)).toThrow(`MTL_NOW="${text}" is not an ISO date or date-time.`);
  });
});
