import { UserError } from '../errors.js';
import { daysBetween, sortByText } from './dates.js';
import type { ActionItem, Data, Day, Feedback, Member, OneOnOne } from './model.js';
import { backOn } from './leave.js';

/** The default days between 1:1s: weekly, as Manager Tools recommends (the `oneOnOneCadence` preference). */
export const DEFAULT_CADENCE = 7;

/** The days between 1:1s with `member`: their own cadence, else the default. */
export function cadenceOf(member: Pick<Member, 'cadence'>, defaultCadence = DEFAULT_CADENCE): number {
  return member.cadence ?? defaultCadence;
}

/** Where a report stands against their 1:1 cadence at `today`. */
export interface CadenceState {
  id: string;
  name: string;
  cadence: number;
  /** The day of the last 1:1 on or before `today`, if any. */
  last?: Day;
  /** Days since the last 1:1, or since they joined when there was none. */
  days: number;
  /** Back from leave on this day, with no 1:1 since: the cadence counts from it (`sinceBack`). */
  backOn?: Day;
  /** Days since `backOn`. */
  sinceBack?: number;
  /** More than `cadence` days have gone by (since the day back, if later): on the day itself the 1:1 is due, not late. */
  late: boolean;
}

/**
 * The cadence state of `member` at `today`: days since the last 1:1 (since they were added, or came
 * back from leave, without one), late once that is more than their cadence. 1:1s dated after
 * `today` are ignored.
 */
export function cadenceState(data: Pick<Data, 'oneOnOnes'>, member: Member, today: Day, defaultCadence = DEFAULT_CADENCE): CadenceState {
  return cadenceStates(data, [member], today, defaultCadence)[0]!;
}

/** The cadence state of each of `members` (in their order) at `today`; one pass over the 1:1s. */
export function cadenceStates(data: Pick<Data, 'oneOnOnes'>, members: Member[], today: Day, defaultCadence = DEFAULT_CADENCE): CadenceState[] {
  const latest = latestOneOnOnes(data.oneOnOnes, today);
  return members.map((member) => {
    const last = latest.get(member.id)?.date;
    const back = backOn(member, today);
    const since = back !== undefined && (last === undefined || back > last) ? back : undefined;
    const days = Math.max(0, daysBetween(last ?? member.added, today));
    const sinceBack = since === undefined ? undefined : Math.max(0, daysBetween(since, today));
    const cadence = cadenceOf(member, defaultCadence);
    return { id: member.id, name: member.name, cadence, ...(last ? { last } : {}), days, late: (sinceBack ?? days) > cadence, ...(since ? { backOn: since, sinceBack } : {}) };
  });
}

/** The latest 1:1 with a report on or before `today` (by its instant), if any. */
export function lastOneOnOne(data: Pick<Data, 'oneOnOnes'>, memberId: string, today: Day): OneOnOne | undefined {
  return latestOneOnOnes(data.oneOnOnes.filter((o) => o.member === memberId), today).get(memberId);
}

/** Each report's latest 1:1 on or before `today`, by its instant (the later of two equal ones in the list wins). */
function latestOneOnOnes(meetings: OneOnOne[], today: Day): Map<string, OneOnOne> {
  const latest = new Map<string, OneOnOne>();
  for (const o of meetings) {
    if (o.date > today) continue;
    const known = latest.get(o.member);
    if (!known || o.at >= known.at) latest.set(o.member, o);
  }
  return latest;
}

/** The 1:1 already recorded with a report on `day`, which a second `--done` that day adds to. */
export function oneOnOneOn(data: Pick<Data, 'oneOnOnes'>, memberId: string, day: Day): OneOnOne | undefined {
  return data.oneOnOnes.find((o) => o.member === memberId && o.date === day);
}

/** A report's open action items, due ones first (soonest due), then the rest oldest first. */
export function openActions(data: Pick<Data, 'actions'>, memberId: string): ActionItem[] {
  // Within a due day (or among those without one, sorted last), by when they were agreed.
  const key = (a: ActionItem) => `${a.due ?? '~'} ${a.at}`;
  return sortByText(data.actions.filter((a) => a.member === memberId && a.status === 'open'), key);
}

/** Open action items whose due day is before `today`. */
export function overdueActions(data: Pick<Data, 'actions'>, today: Day): ActionItem[] {
  return data.actions.filter((a) => a.status === 'open' && a.due !== undefined && a.due < today);
}

/** Feedback to a report still to give, as of `today`, oldest first. */
export function queuedFeedback(data: Pick<Data, 'feedback'>, memberId: string, today: Day): Feedback[] {
  return sortByText(
    data.feedback.filter((f) => f.member === memberId && !f.deliveredOn && f.date <= today),
    (f) => f.at,
  );
}

/**
 * The feedback ids typed with `--gave`, checked against a report's queued feedback: each must be one
 * of them. Repeats count once. Throws a UserError naming the first id that is not.
 */
export function givenFeedback(all: Pick<Data, 'feedback'>, member: Pick<Member, 'id' | 'name'>, queued: Feedback[], ids: string[]): Feedback[] {
  const memberName = member.name;
  const given: Feedback[] = [];
  for (const raw of ids) {
    const id = raw.trim().toLowerCase();
    const match = queued.find((f) => f.id === id);
    if (!match) {
      const known = all.feedback.find((f) => f.id === id);
      const why = !known
        ? 'there is no feedback with that id'
        : known.member !== member.id
          ? `it is not feedback for ${memberName}`
          : known.deliveredOn
            ? `it was already marked delivered on ${known.deliveredOn}`
            : `it is dated ${known.date}, after today`;
      const list = queued.length ? `Queued for ${memberName}: ${queued.map((f) => f.id).join(', ')}.` : `Nothing is queued for ${memberName}.`;
      throw new UserError(`Cannot mark ${raw.trim()} delivered: ${why}.`, `${list} Nothing was recorded.`);
    }
    if (!given.includes(match)) given.push(match);
  }
  return given;
}

/** Structured feedback's three parts, in order, when it has any; else undefined. */
export function feedbackParts(f: Feedback): { label: string; text: string }[] | undefined {
  const parts = [
    { label: 'Situation', text: f.situation },
    { label: 'Behaviour', text: f.behaviour },
    { label: 'Impact', text: f.impact },
  ].filter((p): p is { label: string; text: string } => typeof p.text === 'string' && p.text.trim() !== '');
  return parts.length ? parts : undefined;
}
