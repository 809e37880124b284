import { UserError } from '../errors.js';
import { WORDS_FOR_NAMES, type ActionItem, type CheckIn, type Data, type Day, type Delegation, type Feedback, type Member, type MemberGoal, type OneOnOne, type Praise } from './model.js';
import { cadenceState, DEFAULT_CADENCE, openActions, type CadenceState } from './one-on-ones.js';
import { backOn, isAway } from './leave.js';
import { addDaysToDay, daysBetween, sortByText, quarterOf, startOfQuarterFor } from './dates.js';
import { controlProblem, foldText, shellWord, similarWords } from './text.js';

/** No report may be called a word a command reads in a name's place: "mtl member-goals Carry add" would run carry. */
const RESERVED_NAMES: readonly string[] = [...new Set(Object.values(WORDS_FOR_NAMES).flat())];

/**
 * A text of one or more lines the user typed (praise, feedback, a personal note), trimmed, CR LF read
 * as a line break; blank text, or a control character other than a line break or a tab, is refused
 * with `what` named in the message.
 */
export function requireText(text: string | undefined, what: string): string {
  return checkedText(text, what, true);
}

/** A one-line text the user typed (a name, a title, an item): as requireText, and no line break or control character at all. */
export function requireLine(text: string | undefined, what: string): string {
  return checkedText(text, what, false);
}

function checkedText(text: string | undefined, what: string, lines: boolean): string {
  const trimmed = (text ?? '').replace(/\r\n/g, '\n').trim();
  if (!trimmed) throw new UserError(`The ${what} is empty.`, `Write a few words, in quotes: "${exampleFor(what)}".`);
  const problem = controlProblem(trimmed, what, { lines });
  if (problem) throw new UserError(problem, `Nothing was saved. Type the ${what} again without them, in quotes: "${exampleFor(what)}".`);
  return trimmed;
}

function exampleFor(what: string): string {
  if (what.includes('praise')) return 'ran a calm incident review';
  if (what.includes('feedback')) return 'the design doc skipped the rollback plan';
  if (what.includes('name')) return 'Sam Lee';
  if (what.includes('learned')) return 'Podcast on difficult conversations';
  if (what === 'tip') return 'Asked two questions before giving an answer';
  if (what === 'goal title') return 'Run the Q3 architecture review';
  if (what === 'roadmap item') return 'Search results page, v2';
  if (what === 'check-in note') return 'design approved, build starts Monday';
  if (what === 'action item') return 'send Sam the promotion criteria';
  if (what === 'situation') return 'in Tuesday\'s incident review';
  if (what === 'behaviour') return 'you cut in before Priya finished';
  if (what === 'impact') return 'she stopped sharing what she had found';
  if (what === 'practice') return 'release checklist';
  if (what.startsWith('description of the event')) return 'team lunch';
  return 'what you want to remember';
}

/** Reports still on the team, in the order they were added. */
export function activeMembers(data: Data): Member[] {
  return data.members.filter((m) => !m.removed);
}

/**
 * What to say of reports on the team that share a name after a merge (a sync, import --merge): a
 * rename on one side and a new report on the other. Said, never picked between at random.
 */
export function sameNameLines(members: Member[]): string[] {
  const byName = new Map<string, Member[]>();
  for (const m of members.filter((m) => !m.removed)) byName.set(nameKey(m.name), [...(byName.get(nameKey(m.name)) ?? []), m]);
  return [...byName.values()]
    .filter((same) => same.length > 1)
    .map((same) => `Two reports are now called ${same[0]!.name} (${same.map((m) => m.id).join(', ')}): give one a name that tells them apart, e.g. mtl team set ${same[1]!.id} --name "<their full name>"`);
}

/** Reports on the team today (one taken off later still is) and not away: the ones reminders are about. */
export function presentMembers(data: Data, today: Day): Member[] {
  return data.members.filter((m) => (!m.removed || m.removed > today) && !isAway(m, today));
}

/**
 * What makes two names the same report: case, accents, invisible characters and runs of blanks
 * aside ("zoe  park" is Zoë Park), in team add, every command that takes a name, import --merge and
 * sync alike.
 */
export const nameKey = (name: string) => foldText(name.replace(INVISIBLE, '').trim().replace(/\s+/g, ' '));

/** Characters that show as nothing: format characters, fillers and the like, and the braille blank. */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}\u2800]/gu;

/**
 * The report a typed name means: an exact match (any case) first, then the only report whose whole
 * first name it is ("sam" is Sam Lee even beside Samira Haddad), then the only name starting with
 * it. Removed reports count only with `includeRemoved`. Throws a UserError listing the candidates
 * when the first name or the prefix is ambiguous, or the known names when nothing matches.
 */
export function findMember(data: Data, name: string, options: { includeRemoved?: boolean } = {}): Member {
  const wanted = nameKey(name);
  if (!wanted) throw new UserError('The report name is empty.', knownNamesHint(data));
  const pool = options.includeRemoved ? [...activeMembers(data), ...data.members.filter((m) => m.removed)] : activeMembers(data);
  const exact = pool.filter((m) => nameKey(m.name) === wanted);
  // Two of one name (two machines synced, each with its own): never one of them at random.
  if (exact.length > 1 && exact.filter((m) => !m.removed).length > 1) {
    const [first, second] = exact;
    throw new UserError(`Two reports are called ${first!.name} (${exact.map((m) => m.id).join(', ')}).`, `Say which by id, and give one a name that tells them apart: mtl team set ${second!.id} --name "<their full name>"`);
  }
  if (exact.length) return exact[0]!;
  // A report by id (r3), as lists show it: the way to reach one of two of the same name.
  const byId = /^r\d+$/i.test(name.trim()) ? pool.find((m) => m.id === name.trim().toLowerCase()) : undefined;
  if (byId) return byId;
  const byFirstName = pool.filter((m) => nameKey(m.name).split(/\s+/)[0] === wanted);
  const byPrefix = byFirstName.length ? byFirstName : pool.filter((m) => nameKey(m.name).startsWith(wanted));
  if (byPrefix.length === 1) return byPrefix[0]!;
  if (byPrefix.length > 1) {
    // Two of one name are told apart by id, the only thing that does.
    const twins = new Set(byPrefix.filter((m) => byPrefix.some((o) => o !== m && nameKey(o.name) === nameKey(m.name))));
    throw new UserError(`"${name}" could be ${orList(byPrefix.map((m) => (twins.has(m) ? `${m.name} (${m.id})` : m.name)))}.`, twins.size ? 'Type more of the name, or the id of the one you mean.' : 'Type more of the name.');
  }
  // Someone who left: said so, with the way back, rather than "no report called".
  const gone = options.includeRemoved ? [] : data.members.filter((m) => m.removed && (nameKey(m.name) === wanted || nameKey(m.name).split(/\s+/)[0] === wanted));
  if (gone.length === 1) {
    const m = gone[0]!;
    throw new UserError(`${m.name} left your team on ${m.removed}.`, `Bring them back with their history: mtl team add ${shellWord(m.name)} --restore`);
  }
  // A typo ("sma"): the report whose full or first name is closest.
  const byWord = new Map(pool.flatMap((m) => [[m.name, m.name] as const, [m.name.split(/\s+/)[0]!, m.name] as const]));
  const close = [...new Set(similarWords(name.trim(), [...byWord.keys()]).map((w) => byWord.get(w)!))];
  const guess = close.length ? `Did you mean ${orList(close)}? ` : '';
  throw new UserError(`No report called "${name}".`, guess + knownNamesHint(data));
}

function knownNamesHint(data: Data): string {
  const names = activeMembers(data).map((m) => m.name);
  return names.length ? `Your reports: ${names.join(', ')}.` : 'No reports yet. Add one: mtl team add "Sam Lee"';
}

function orList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** The longest name a report may have (in characters): a name, not a paragraph. */
const MAX_NAME_LENGTH = 100;

/**
 * The reports a new name takes a typed name from: those whose first name it is, or whose name it
 * starts ("Priya" or "Pri" beside Priya Raman, "Zoe" beside Zoë Park), matched as findMember
 * matches, since from then on the exact name wins.
 */
export function shadowedBy(data: Data, name: string): Member[] {
  const typed = nameKey(name);
  return activeMembers(data).filter((m) => nameKey(m.name) !== typed && nameKey(m.name).startsWith(typed));
}

/**
 * Checks a new report's name: not blank, not an option, readable, not too long, not a word a command
 * reads in a name's place, not already taken; and finds a report who left by that name, to restore.
 */
export function validateNewName(data: Data, name: string): { name: string; restore?: Member } {
  const clean = requireLine(name, 'name').replace(/\s+/g, ' ');
  if (clean.startsWith('-')) throw new UserError(`"${clean}" cannot be a name: it starts with "-".`);
  if (/^r\d+$/i.test(clean)) throw new UserError(`"${clean}" cannot be a name: it is how mtl names a report by id (r3).`, 'Give their name as people say it, e.g. "Sam Lee".');
  // A name is read and typed: at least one letter or digit, and no invisible tag characters.
  // Invisible characters (zero-width spaces, soft hyphens, fillers, tags) make look-alikes of one
  // name; the joiners and variation selectors that some scripts and emoji need stay allowed.
  const invisible = new RegExp(INVISIBLE.source, 'u').test(clean.replace(/[\u200c\u200d\ufe00-\ufe0f]/g, ''));
  if (!/[\p{L}\p{N}]/u.test(clean) || invisible) {
    throw new UserError(`That name has ${invisible && /[\p{L}\p{N}]/u.test(clean) ? 'invisible characters in it' : 'no letter or digit'}: a name is something you can read and type.`, 'Give their name as people say it, e.g. "Sam Lee".');
  }
  const length = [...clean].length;
  if (length > MAX_NAME_LENGTH) throw new UserError(`That name has ${length} characters; a report's name has at most ${MAX_NAME_LENGTH}.`, 'Give their name as people say it, e.g. "Sam Lee".');
  if (RESERVED_NAMES.includes(nameKey(clean))) {
    throw new UserError(`"${clean}" cannot be a name: it is a word mtl commands use (${RESERVED_NAMES.join(', ')}).`, 'Add a surname or an initial.');
  }
  const active = activeMembers(data).find((m) => nameKey(m.name) === nameKey(clean));
  if (active) throw new UserError(`${active.name} is already on your team.`, `Add a note instead: mtl team note "${active.name}" "<text>"`);
  // The removed report of that name; else the one removed report whose name starts with it as a
  // word ("alex" after removing "Alex Kim", as `team remove alex` found them), so that adding them back
  // by the name used to remove them asks, rather than making a second, empty report.
  const removed = data.members.filter((m) => m.removed);
  const byStart = removed.filter((m) => nameKey(m.name).startsWith(`${nameKey(clean)} `));
  const restore = removed.find((m) => nameKey(m.name) === nameKey(clean)) ?? (byStart.length === 1 ? byStart[0] : undefined);
  return restore ? { name: clean, restore } : { name: clean };
}


/** When a report was last praised, as of `today`, and how often lately. */
export interface RecognitionState {
  id: string;
  name: string;
  /** Praise in the last `recognitionDays` days, today included. */
  recent: number;
  lastPraise?: Day;
  daysSincePraise?: number;
  /** No praise within `recognitionDays`: the weekly habit slipped for this person. */
  due: boolean;
  /** Back from leave on this day, with no praise since: the days are counted from it. */
  backOn?: Day;
}

/** What the recognition log says about one report, as of `today`. */
export interface RecognitionBalance extends RecognitionState {
  /** This calendar quarter, up to today. */
  quarter: { praise: number; private: number; public: number; feedback: number };
}

/**
 * The recognition state of every active report at `today` (`members` defaults to them): entries
 * dated after `today` are ignored, so it can be taken at any past date.
 */
export function recognitionStates(data: Data, today: Day, recognitionDays = 7, members = activeMembers(data)): RecognitionState[] {
  const recent = countByMember(data.praise.between(addDaysToDay(today, 1 - recognitionDays), today));
  const last = data.praise.lastOnOrBefore(members, today);
  return members.map((member) => {
    const lastPraise = last.get(member.id);
    const count = recent.get(member.id) ?? 0;
    // Someone new gets their first window: not "never recognised" on the day they join; nor on
    // their first day back from leave.
    const back = backOn(member, today);
    const since = back !== undefined && (lastPraise === undefined || back > lastPraise) ? back : undefined;
    const due = count === 0 && (since !== undefined ? daysBetween(since, today) >= recognitionDays : lastPraise !== undefined || daysBetween(member.added, today) >= recognitionDays);
    return { id: member.id, name: member.name, recent: count, ...(lastPraise ? { lastPraise, daysSincePraise: daysBetween(lastPraise, today) } : {}), due, ...(since ? { backOn: since } : {}) };
  });
}

function countByMember(entries: { member: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.member, (counts.get(e.member) ?? 0) + 1);
  return counts;
}

/**
 * The recognition balance of every active report at `today`: the state above, and this quarter's
 * praise, private against public, and praise against constructive feedback.
 */
export function recognitionBalance(data: Data, today: Day, recognitionDays = 7, members = activeMembers(data)): RecognitionBalance[] {
  // ISO days compare as strings.
  const quarterStart = startOfQuarterFor(today);
  const quarter = data.praise.between(quarterStart, today);
  const praise = countByMember(quarter);
  const inPublic = countByMember(quarter.filter((p) => p.public));
  const feedback = countByMember(data.feedback.filter((f) => f.date <= today && f.date >= quarterStart));
  return recognitionStates(data, today, recognitionDays, members).map((state) => {
    const count = praise.get(state.id) ?? 0;
    const shown = inPublic.get(state.id) ?? 0;
    return { ...state, quarter: { praise: count, private: count - shown, public: shown, feedback: feedback.get(state.id) ?? 0 } };
  });
}

/** One line of advice about a balance, or undefined when it looks healthy. */
export function balanceAdvice(b: RecognitionBalance, recognitionDays = 7): string | undefined {
  if (b.lastPraise === undefined) return `no praise logged for ${b.name} yet`;
  if (b.due) return `${b.daysSincePraise} days since ${b.name} was last recognised (aim: every ${recognitionDays} days)`;
  if (b.quarter.feedback > b.quarter.praise) return `more constructive feedback than praise for ${b.name} this quarter`;
  if (b.quarter.praise >= 3 && b.quarter.public === 0) return `all praise for ${b.name} this quarter was private; say some of it in front of the team`;
  return undefined;
}

/** The owner's checklist for a delegated roadmap item: the short key typed, and what it means. */
export const DELEGATION_STEPS = [
  { key: 'requirements', label: 'requirements agreed with the product manager' },
  { key: 'tech-checkin', label: 'raised at the weekly technical check-in' },
  { key: 'docs', label: 'documentation written with the writers' },
  { key: 'dependencies', label: 'cross-team dependencies done and tested end to end' },
] as const;

export type DelegationStep = (typeof DELEGATION_STEPS)[number]['key'];

/**
 * A typed step key (any case, or a start of it that only one key has, as with names) or its position
 * 1-4 in the checklist, or a UserError listing both.
 */
export function parseStep(text: string): DelegationStep {
  const key = foldText(text.trim());
  const starting = key ? DELEGATION_STEPS.filter((s) => s.key.startsWith(key)) : [];
  const step = /^\d+$/.test(key) ? DELEGATION_STEPS[Number(key) - 1] : (DELEGATION_STEPS.find((s) => s.key === key) ?? (starting.length === 1 ? starting[0] : undefined));
  if (!step) {
    throw new UserError(
      `Unknown step "${text}".`,
      `Steps, by number or key: ${DELEGATION_STEPS.map((s, i) => `${i + 1} ${s.key} (${s.label})`).join(', ')}.`,
    );
  }
  return step.key;
}

/** A fresh checklist with every step open. */
export function emptySteps(): Record<string, Day | null> {
  return Object.fromEntries(DELEGATION_STEPS.map((s) => [s.key, null]));
}

/** The steps of a delegation not checked yet, in checklist order. */
export function openSteps(d: Delegation): DelegationStep[] {
  return DELEGATION_STEPS.filter((s) => !d.steps[s.key]).map((s) => s.key);
}

/**
 * The autonomy goal's metric: roadmap items an engineer owned at some point in `today`'s quarter
 * (delegated by today, and still open or finished within the quarter).
 */
export function itemsOwnedThisQuarter(data: Data, today: Day): { quarter: string; count: number; delegatedThisQuarter: number; doneThisQuarter: number; items: Delegation[] } {
  const start = startOfQuarterFor(today);
  const items = data.delegations.filter(
    (d) => d.created <= today && (d.status === 'open' || (d.doneOn !== undefined && d.doneOn >= start)),
  );
  return {
    quarter: quarterOf(today),
    count: items.length,
    delegatedThisQuarter: items.filter((d) => d.created >= start).length,
    doneThisQuarter: items.filter((d) => d.status === 'done' && d.doneOn !== undefined && d.doneOn >= start && d.doneOn <= today).length,
    items,
  };
}

/** How many goals a report should have each quarter, as the article suggests. */
export const GOALS_PER_QUARTER = { min: 2, max: 3 } as const;

/** A report's goals in `today`'s quarter. */
export function memberGoalsThisQuarter(data: Data, memberId: string, today: Day): MemberGoal[] {
  const quarter = quarterOf(today);
  return data.memberGoals.filter((g) => g.member === memberId && g.quarter === quarter);
}

/** A warning when a report has fewer than two or more than three goals this quarter, else undefined. */
export function goalCountWarning(name: string, count: number, quarter: string): string | undefined {
  if (count < GOALS_PER_QUARTER.min) {
    return `${name} has ${count === 0 ? 'no goals' : count === 1 ? 'one goal' : `${count} goals`} for ${quarter}; help them set two or three.`;
  }
  if (count > GOALS_PER_QUARTER.max) {
    return `${name} has ${count} goals for ${quarter}; two or three hard but achievable ones work better than many.`;
  }
  return undefined;
}

/** Everything worth bringing to a 1:1 with one report. */
export interface Agenda {
  member: Member;
  today: Day;
  lastOneOnOne?: OneOnOne;
  daysSinceLast?: number;
  /** Praise logged since the last 1:1 (all of it when there was none). */
  praise: Praise[];
  /** Constructive feedback not delivered yet. */
  feedback: Feedback[];
  quarter: string;
  goals: (MemberGoal & { daysLeft?: number; lastCheckIn?: CheckIn })[];
  goalWarning?: string;
  delegations: (Delegation & { open: DelegationStep[] })[];
  notes: Member['notes'];
  /** Open action items agreed in earlier 1:1s, due ones first. */
  actions: ActionItem[];
  /** Days since the last 1:1 (or since they joined) against their cadence. */
  cadence: CadenceState;
}

/**
 * Assembles the agenda for a 1:1 with `member` as of `today`: praise since the last 1:1, queued
 * feedback, this quarter's goals (and older ones still open), open delegations with their open
 * checklist steps, and the personal notes to ask about.
 */
export function oneOnOneAgenda(data: Data, member: Member, today: Day, defaultCadence = DEFAULT_CADENCE): Agenda {
  const meetings = sortByText(data.oneOnOnes.filter((o) => o.member === member.id && o.date <= today), (o) => o.at);
  const last = meetings[meetings.length - 1];
  const quarter = quarterOf(today);
  const goals = data.memberGoals
    .filter((g) => g.member === member.id && (g.quarter === quarter || (g.status === 'open' && g.created <= today)))
    .map((g) => ({
      ...g,
      ...(g.due ? { daysLeft: daysBetween(today, g.due) } : {}),
      ...(g.checkIns.length ? { lastCheckIn: g.checkIns[g.checkIns.length - 1] } : {}),
    }));
  return {
    member,
    today,
    ...(last ? { lastOneOnOne: last, daysSinceLast: daysBetween(last.date, today) } : {}),
    praise: praiseSince(data, member, today, last),
    feedback: sortByText(data.feedback.filter((f) => f.member === member.id && !f.deliveredOn && f.date <= today), (f) => f.at),
    quarter,
    goals,
    goalWarning: goalCountWarning(member.name, memberGoalsThisQuarter(data, member.id, today).length, quarter),
    delegations: data.delegations.filter((d) => d.member === member.id && d.status === 'open').map((d) => ({ ...d, open: openSteps(d) })),
    notes: member.notes,
    actions: openActions(data, member.id),
    cadence: cadenceState(data, member, today, defaultCadence),
  };
}

/**
 * A report's praise up to `today` logged after the last 1:1 (since they joined, without one), newest
 * first. An entry's day is the local day of its time, so entries from two days before that 1:1 on
 * (time zones span 26 hours) are read and compared by time.
 */
function praiseSince(data: Data, member: Member, today: Day, last: OneOnOne | undefined): Praise[] {
  const entries = data.praise
    .between(last ? addDaysToDay(last.date, -2) : member.added, today)
    .filter((p) => p.member === member.id && (!last || p.at > last.at));
  return sortByText(entries, (p) => p.at, true);
}

/** Everything a purge of `member` deletes, counted, for the confirmation message. */
export function historyOf(data: Data, memberId: string): Record<'praise' | 'feedback' | 'memberGoals' | 'delegations' | 'oneOnOnes', number> {
  return {
    praise: data.praise.all().filter((p) => p.member === memberId).length,
    feedback: data.feedback.filter((f) => f.member === memberId).length,
    memberGoals: data.memberGoals.filter((g) => g.member === memberId).length,
    delegations: data.delegations.filter((d) => d.member === memberId).length,
    oneOnOnes: data.oneOnOnes.filter((o) => o.member === memberId).length,
  };
}

/** The display name of a member id, even for a removed report. */
export function nameOf(data: Pick<Data, 'members'>, memberId: string): string {
  let names = namesByList.get(data.members);
  // A list of every entry names its report thousands of times: the names are looked up in a map,
  // made again when a report joined since.
  if (!names || names.size !== data.members.length) namesByList.set(data.members, (names = new Map(data.members.map((m) => [m.id, m.name]))));
  return names.get(memberId) ?? memberId;
}

const namesByList = new WeakMap<Member[], Map<string, string>>();
