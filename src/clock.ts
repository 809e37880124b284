import { UserError } from './errors.js';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * The current instant: MTL_NOW (an ISO date or date-time, for tests and for previewing a nudge) or the
 * wall clock. A date without a time is that day's local midnight, never UTC midnight; a date-time
 * without an offset is local time (as ECMAScript reads it).
 */
export function resolveNow(env: Record<string, string | undefined>, clock: () => Date): Date {
  const fixed = env.MTL_NOW?.trim();
  if (!fixed) return clock();
  const day = DAY.exec(fixed);
  const date = day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : LOCAL_DATE_TIME.test(fixed) ? new Date(fixed) : new Date(NaN);
  if (Number.isNaN(date.getTime()) || (day && (date.getMonth() !== Number(day[2]) - 1 || date.getDate() !== Number(day[3])))) {
    throw new UserError(`MTL_NOW="${fixed}" is not an ISO date or date-time.`, 'For example MTL_NOW=2027-03-31 or MTL_NOW=2027-03-31T09:00:00.');
  }
  return date;
}
