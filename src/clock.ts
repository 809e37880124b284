import { isValid, parseISO } from 'date-fns';
import { UserError } from './errors.js';

/**
 * The current instant: MTL_NOW (an ISO date or date-time, for tests and for previewing a nudge) or the
 * wall clock. A date without a time is that day's local midnight, never UTC midnight.
 */
export function resolveNow(env: Record<string, string | undefined>, clock: () => Date): Date {
  const fixed = env.MTL_NOW?.trim();
  if (!fixed) return clock();
  const date = parseISO(fixed);
  if (!isValid(date)) {
    throw new UserError(`MTL_NOW="${fixed}" is not an ISO date or date-time.`, 'For example MTL_NOW=2027-03-31 or MTL_NOW=2027-03-31T09:00:00.');
  }
  return date;
}
