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

  it('accepts a space for T, and the first and last days mtl accepts', () => {
    expect(resolveNow({ MTL_NOW: '2027-03-31 09:00' }, wall)).toEqual(new Date(2027, 2, 31, 9));
    expect(resolveNow({ MTL_NOW: '1970-01-01' }, wall)).toEqual(new Date(1970, 0, 1));
    expect(resolveNow({ MTL_NOW: '2999-12-31T23:59:59' }, wall)).toEqual(new Date(2999, 11, 31, 23, 59, 59));
  });

  it.each(['0099-01-01', '1969-12-31', '3000-01-01', '9999-12-31', '9999-12-31T23:59:59'])('refuses %s, outside the days mtl accepts', (text) => {
    expect(() => resolveNow({ MTL_NOW: text }, wall)).toThrow(`MTL_NOW="${text}" is outside the days mtl accepts (1970-01-01 to 2999-12-31).`);
  });

  it('accepts offsets from -14:00 to +14:00 and refuses any other', () => {
    expect(resolveNow({ MTL_NOW: '2027-03-31T09:00+14:00' }, wall).toISOString()).toBe('2027-03-30T19:00:00.000Z');
    expect(resolveNow({ MTL_NOW: '2027-03-31T09:00-1400' }, wall).toISOString()).toBe('2027-03-31T23:00:00.000Z');
    for (const offset of ['+99:99', '+14:01', '-15:00', '+05:60']) {
      expect(() => resolveNow({ MTL_NOW: `2027-01-01T00:00${offset}` }, wall)).toThrow(`MTL_NOW="2027-01-01T00:00${offset}" has the offset ${offset}; an offset runs from -14:00 to +14:00.`);
    }
  });

  it.each(['last tuesday', '2027-02-30', '2027-13-01', '31/03/2027', '2027-03-31T25:00', '2027-02-30T10:00', '2027-03-31T09:60'])('refuses %s', (text) => {
    expect(() => resolveNow({ MTL_NOW: text }, wall)).toThrow(`MTL_NOW="${text}" is not an ISO date or date-time.`);
  });
});
