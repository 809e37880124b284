import { DAY_RANGE, dayOf, isDayInRange } from './core/dates.js';
import { UserError } from './errors.js';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * The current instant: MTL_NOW (an ISO date or date-time, for tests and for previewing a nudge) or the
 * wall clock. A date without a time is that day's local midnight, never UTC midnight; a date-time
 * without an offset is local time. Every part must exist: 2027-02-30 and 24:00 are refused, not
 * rolled over. The day written, and the local day it falls on, must be within the days mtl accepts
 * (DAY_RANGE); an offset must be within -14:00..+14:00, as real time zones are.
 */
export function resolveNow(env: Record<string, string | undefined>, clock: () => Date): Date {
  const fixed = env.MTL_NOW?.trim();
  if (!fixed) return clock();
  const now = parseNow(fixed);
  if (!isDayInRange(fixed.slice(0, 10)) || !isDayInRange(dayOf(now))) {
    throw new UserError(`MTL_NOW="${fixed}" is outside the days mtl accepts (${DAY_RANGE}).`, 'For example MTL_NOW=2027-03-31 or MTL_NOW=2027-03-31T09:00:00.');
  }
  return now;
}

const MAX_OFFSET_MINUTES = 14 * 60;

function parseNow(fixed: string): Date {
  const m = ISO.exec(fixed);
  const [y, mo, d, h = 0, mi = 0, s = 0] = m ? m.slice(1, 7).map((p) => Number(p ?? 0)) : [];
  const ms = m?.[7] ? Number(m[7].padEnd(3, '0')) : 0;
  const valid = m && mo! >= 1 && mo! <= 12 && d! >= 1 && d! <= new Date(Date.UTC(y!, mo!, 0)).getUTCDate() && h < 24 && mi < 60 && s < 60;
  if (!valid) {
    throw new UserError(`MTL_NOW="${fixed}" is not an ISO date or date-time.`, 'For example MTL_NOW=2027-03-31 or MTL_NOW=2027-03-31T09:00:00.');
  }
  const offset = m[8];
  if (offset) {
    const sign = offset === 'Z' ? 0 : offset[0] === '-' ? -1 : 1;
    const [oh, om] = offset === 'Z' ? [0, 0] : [Number(offset.slice(1, 3)), Number(offset.slice(-2))];
    if (om >= 60 || oh * 60 + om > MAX_OFFSET_MINUTES) {
      throw new UserError(`MTL_NOW="${fixed}" has the offset ${offset}; an offset runs from -14:00 to +14:00.`, 'For example MTL_NOW=2027-03-31T09:00:00+02:00, or leave the offset out for local time.');
    }
    const utc = new Date(0);
    utc.setUTCFullYear(y!, mo! - 1, d!);
    utc.setUTCHours(h, mi, s, ms);
    return new Date(utc.getTime() - sign * (oh * 60 + om) * 60_000);
  }
  const local = new Date(0);
  local.setFullYear(y!, mo! - 1, d!);
  local.setHours(h, mi, s, ms);
  return local;
}
