import { QUARTER_FORMS, parseQuarter, quarterOf } from '../core/dates.js';
import type { Day } from '../core/model.js';
import { UserError } from '../errors.js';

/** The quarter a `--quarter` option names, or a UserError naming the bad value and the forms allowed. */
export function quarterOption(text: string, today: Day): string {
  const read = parseQuarter(text, today);
  if ('quarter' in read) return read.quarter;
  throw new UserError(`--quarter "${text}" ${read.problem}.`, `Give ${QUARTER_FORMS}; this quarter is ${quarterOf(today)}.`);
}

/** Help text of the `--quarter` option. */
export const QUARTER_HELP = 'a quarter: YYYY-Qn (like 2027-Q1), "last" or "this"';
