import { createEvent, createEvents, type DateArray, type EventAttributes } from 'ics';
import { DAY_RANGE, addDaysToDay, isDayInRange } from '../../core/dates.js';
import { nameOf } from '../../core/team.js';
import { shellWord } from '../../core/text.js';
import { UserError } from '../../errors.js';
import type { Data, Day } from '../../core/model.js';

const dateArray = (day: Day): DateArray => [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))];

/**
 * Text for a calendar field: iCalendar allows no control character in text (the ics package escapes
 * line feeds, commas and semicolons, not these), and a lone CR could end a line for a lax reader and
 * start a property of the data's choosing. Each becomes a space.
 */
const calendarText = (text: string) => text.replace(/\r\n?|[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, ' ');

/** All-day events from `first` to `last` inclusive (iCalendar's end day is exclusive). */
function allDay(uid: string, title: string, first: Day, last: Day, description: string, stamp: Date): EventAttributes {
  return {
    uid: `${uid}@mtl`,
    title: calendarText(title),
    description: calendarText(description),
    start: dateArray(first),
    end: dateArray(addDaysToDay(last, 1)),
    timestamp: stamp.getTime(),
    productId: 'mtl',
  } as EventAttributes;
}

/** An entry the calendar leaves out: which one, and why. */
export interface SkippedEvent {
  what: string;
  why: string;
}

/**
 * Goal deadlines, reports' goal deadlines, innovation weeks and demo days, as an iCalendar file. An
 * entry that cannot be written (a day outside DAY_RANGE, as older data may hold) is left out and
 * passed to `skip`, so one bad entry never costs the whole calendar.
 */
export function calendarOf(data: Data, now: Date, skip: (entry: SkippedEvent) => void = () => {}): string {
  const events: EventAttributes[] = [];
  const add = (what: string, uid: string, title: string, first: Day, last: Day, description: string) => {
    const bad = [first, last].find((day) => !isDayInRange(day));
    if (bad !== undefined) return skip({ what, why: `its day ${JSON.stringify(bad)} is outside ${DAY_RANGE}` });
    const event = allDay(uid, title, first, last, description, now);
    const { error } = createEvent(event);
    if (error) return skip({ what, why: error.message });
    events.push(event);
  };
  // A finished goal keeps its event, marked done: re-imported, the calendar updates it (same id)
  // rather than keep an old "due" that a removal would leave behind.
  const done = (g: { status: string; doneOn?: Day }) => `Done${g.doneOn ? ` on ${g.doneOn}` : ''}.`;
  for (const g of data.goals.filter((g) => g.due)) {
    const description = g.status === 'done' ? `mtl goal ${g.id} (${g.template}). ${done(g)}` : `mtl goal ${g.id} (${g.template}), open. Check in: mtl goals check-in ${g.id}`;
    add(`goal ${g.id}`, `goal-${g.id}`, `${g.status === 'done' ? 'Goal done' : 'Goal due'}: ${g.title}`, g.due!, g.due!, description);
  }
  for (const g of data.memberGoals.filter((g) => g.due)) {
    const name = nameOf(data, g.member);
    const description = g.status === 'done' ? done(g) : `Talk it over in your 1:1: mtl 1on1 ${shellWord(name)}`;
    add(`report goal ${g.id}`, `member-goal-${g.id}`, `${name}'s goal ${g.status === 'done' ? 'done' : 'due'}: ${g.title}`, g.due!, g.due!, description);
  }
  for (const w of data.innovationWeeks) {
    add(`innovation week ${w.id} (${w.quarter})`, `innovation-${w.quarter}`, `Innovation week (${w.quarter})`, w.start, w.end, 'Everyone works on a project of their choice.');
    const built = (w.projects ?? []).map((p) => `${nameOf(data, p.member)}: ${p.text}`);
    const demo = [
      built.length ? `Built: ${built.join('; ')}.` : 'Each person shows what they built.',
      ...(w.demoHeld ? [`Demo held${w.demoNote ? `: ${w.demoNote}` : '.'}`] : []),
    ].join('\n');
    add(`innovation demo ${w.id} (${w.quarter})`, `demo-${w.quarter}`, `Innovation week demo (${w.quarter})`, w.demo, w.demo, demo);
  }
  if (events.length === 0) return 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:mtl\r\nX-WR-CALNAME:mtl\r\nEND:VCALENDAR\r\n';
  const { error, value } = createEvents(events, { calName: 'mtl', productId: 'mtl' });
  if (error || !value) throw new UserError(`Cannot write the calendar: ${error?.message ?? 'unknown error'}.`);
  return value;
}
