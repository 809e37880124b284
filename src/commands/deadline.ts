import { DEADLINE_EXAMPLES, dayOf, parseDeadline } from '../core/dates.js';
import { UserError } from '../errors.js';
import type { Day } from '../store/schema.js';

/** Words that may stand around a date without changing it ("by march 3rd", "on friday."). */
const FILLER = /^(?:by|on|before|until|due|the|[\s,.!])*$/i;

/**
 * A deadline phrase to a calendar day: the core's own phrases first (ISO dates, quarters, years,
 * "in N weeks", weekdays), then chrono-node's English parser for the rest ("march 3rd", "next month"),
 * loaded only when needed. chrono finds dates inside any text ("banana friday"), so its match must be
 * the whole phrase. Anything else, or a day before today, is an error that shows examples.
 */
export async function resolveDeadline(text: string, today: Day, now: Date): Promise<Day> {
  const day = parseDeadline(text, today) ?? (await naturalDay(text, now));
  if (day !== undefined && day >= today) return day;
  throw new UserError(
    day === undefined
      ? `Cannot read "${text}" as a deadline.`
      : `The deadline "${text}" is ${day}, which is in the past (today is ${today}).`,
    `Try one of: ${DEADLINE_EXAMPLES.map((e) => `"${e}"`).join(', ')}.`,
  );
}

async function naturalDay(text: string, now: Date): Promise<Day | undefined> {
  const { casual } = await import('chrono-node/en');
  const [found] = casual.parse(text, now, { forwardDate: true });
  if (!found) return undefined;
  const rest = text.slice(0, found.index) + text.slice(found.index + found.text.length);
  return FILLER.test(rest) ? dayOf(found.start.date()) : undefined;
}
