import { ENTRY_KINDS, type EntryKind } from '../../core/entries.js';
import type {
  ActionItem,
  Assessment,
  CultureEvent,
  Data,
  Delegation,
  Feedback,
  Goal,
  InnovationWeek,
  LearningEntry,
  Member,
  MemberGoal,
  Moment,
  Note,
  OneOnOne,
  Praise,
  ProcessEntry,
  Pulse,
} from '../../core/model.js';
import { pulseResponses } from '../../core/pulse.js';
import { nameOf } from '../../core/team.js';
import { plural } from '../../core/text.js';
import { UserError } from '../../errors.js';


/** Finding an entry by id, whatever its kind, for the verbs that work on any id (show, edit, done, rm). */
/** An entry found by id, with the report a personal note belongs to. */
export type Found =
  | { kind: 'goal'; entry: Goal }
  | { kind: 'reportGoal'; entry: MemberGoal }
  | { kind: 'praise'; entry: Praise }
  | { kind: 'feedback'; entry: Feedback }
  | { kind: 'note'; entry: Note; member: Member }
  | { kind: 'delegation'; entry: Delegation }
  | { kind: 'oneOnOne'; entry: OneOnOne }
  | { kind: 'action'; entry: ActionItem }
  | { kind: 'learning'; entry: LearningEntry }
  | { kind: 'report'; entry: Member }
  | { kind: 'innovation'; entry: InnovationWeek }
  | { kind: 'assessment'; entry: Assessment }
  | { kind: 'pulse'; entry: Pulse }
  | { kind: 'process'; entry: ProcessEntry }
  | { kind: 'cultureEvent'; entry: CultureEvent }
  | { kind: 'moment'; entry: Moment };

/** Where to see the entries of each kind, for an id that is not there. */
export const LISTED_BY: Record<EntryKind, string> = {
  goal: 'mtl goals --all',
  reportGoal: 'mtl member-goals list --all',
  praise: 'mtl praise list',
  feedback: 'mtl feedback list --all',
  note: 'mtl team list --with-notes',
  delegation: 'mtl delegate list --all',
  oneOnOne: 'mtl 1on1 <name>',
  action: 'mtl 1on1 <name>',
  learning: 'mtl learn',
  report: 'mtl team list --all',
  innovation: 'mtl innovation',
  assessment: 'mtl assess history',
  pulse: 'mtl assess history --json',
  process: 'mtl process',
  cultureEvent: 'mtl culture',
  moment: "mtl today (today's), mtl learn --json (this quarter's)",
};

export function find(data: Data, kind: EntryKind, id: string): Found | undefined {
  const by = <T extends { id: string }>(list: T[]) => list.find((e) => e.id === id);
  switch (kind) {
    case 'goal': return wrap(kind, by(data.goals));
    case 'reportGoal': return wrap(kind, by(data.memberGoals));
    case 'praise': return wrap(kind, data.praise.find(id));
    case 'feedback': return wrap(kind, by(data.feedback));
    case 'delegation': return wrap(kind, by(data.delegations));
    case 'oneOnOne': return wrap(kind, by(data.oneOnOnes));
    case 'action': return wrap(kind, by(data.actions));
    case 'learning': return wrap(kind, by(data.learning));
    case 'report': return wrap(kind, by(data.members));
    case 'innovation': return wrap(kind, by(data.innovationWeeks));
    case 'assessment': return wrap(kind, by(data.assessments));
    case 'pulse': return wrap(kind, by(data.pulses));
    case 'process': return wrap(kind, by(data.processes));
    case 'cultureEvent': return wrap(kind, by(data.cultureEvents));
    case 'moment': return wrap(kind, by(data.moments));
    case 'note':
      for (const member of data.members) {
        const entry = member.notes.find((n) => n.id === id);
        if (entry) return { kind, entry, member };
      }
      return undefined;
  }
}

export function wrap(kind: Exclude<EntryKind, 'note'>, entry: unknown): Found | undefined {
  return entry === undefined ? undefined : ({ kind, entry } as Found);
}

export function mustFind(data: Data, kind: EntryKind, id: string): Found {
  const found = find(data, kind, id);
  if (found) return found;
  throw new UserError(`There is no ${ENTRY_KINDS[kind].label} ${id}.`, `Nothing was changed. See which there are: ${LISTED_BY[kind]}`);
}

/** The report an entry is about, if any. */
export function memberOf(found: Found): string | undefined {
  if (found.kind === 'note') return found.member.id;
  const e = found.entry as { member?: unknown };
  return typeof e.member === 'string' ? e.member : undefined;
}


export function learningText(l: LearningEntry): string {
  return l.type === 'hours' ? l.what : l.type === 'tip' ? l.tip : l.title;
}

export function describe(data: Data, found: Found): string {
  const label = ENTRY_KINDS[found.kind].label;
  const member = memberOf(found);
  const short = (t: string) => {
    const line = t.split('\n')[0]!;
    return line.length > 50 ? `${line.slice(0, 49)}…` : line;
  };
  const e = found.entry as { id: string; title?: string; text?: string; item?: string; practice?: string; what?: string };
  const what = found.kind === 'learning' ? learningText(found.entry) : found.kind === 'note' ? found.entry.text : (e.title ?? e.text ?? e.item ?? e.practice ?? e.what);
  const pulse = found.kind === 'pulse' ? ` of ${found.entry.date} (${plural(pulseResponses(found.entry), 'answer')})` : '';
  return `${label} ${e.id}${member ? ` ${found.kind === 'process' ? 'owned by' : 'about'} ${nameOf(data, member)}` : ''}${what ? ` "${short(what)}"` : ''}${pulse}`;
}
