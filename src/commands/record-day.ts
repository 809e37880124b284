import { parseRecordDay } from '../core/backdate.js';
import type { Day } from '../core/model.js';
import { UserError } from '../errors.js';

/**
 * The day of `--date <day>` on a command that records something (praise, feedback, `1on1 --done`),
 * or undefined without it. Checked once before the store is opened (the form of the day), and again
 * with the report (not before they were added). A UserError names the value and what is allowed;
 * `hint` says nothing was saved and gives an example, which goes when the report is the reason (the
 * problem then names the days allowed, and "yesterday" may be one of those refused).
 */
export function recordDay(text: string | undefined, today: Day, hint: { nothing: string; example: string }, report?: { name: string; added: Day; removed?: Day }): Day | undefined {
  if (text === undefined) return undefined;
  const day = parseRecordDay(text, today, report);
  if (typeof day !== 'string') throw new UserError(`--date ${day.problem}`, report ? hint.nothing : `${hint.nothing} For example: ${hint.example}`);
  return day;
}
