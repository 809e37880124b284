import type { Reminder } from '../../core/nudges.js';
import { truncateToWidth, visibleWidth } from '../../core/width.js';

/**
 * The line that lists the reminders of one kind by subject. A kind not named here (a new one) still
 * groups, under its own name, when its reminders have subjects.
 */
export const GROUP_LABELS: Record<string, string> = {
  goal: 'Goals to check in on',
  'goal overdue': 'Goals overdue',
  'goal due-soon': 'Goals due soon',
  recognition: 'Not recognised lately',
  'one-on-one': '1:1 overdue',
  back: 'Back from leave, for a 1:1 to catch up',
  action: 'Overdue action items',
  'member-goals': 'Fewer than 2 goals this quarter',
  'member-goals-check-in': 'Quarter-end goal check-in due',
  'member-goal-overdue': "Reports' goals overdue",
  'member-goals-carry': 'Open goals from last quarter',
};

export interface ReminderGroup {
  kind: string;
  /** "Not recognised lately"; for a group of one without a subject, the reminder's own text. */
  label: string;
  reminders: Reminder[];
  /** The subjects, in the reminders' order; empty when the reminders are shown one by one. */
  subjects: string[];
}

const labelOf = (kind: string) => GROUP_LABELS[kind] ?? kind.charAt(0).toUpperCase() + kind.slice(1).replace(/-/g, ' ');

/** What a group holds: the kind, and for goals how urgent (overdue, due soon), so its line keeps that. */
const groupOf = (r: Reminder) => (r.overdue ? `${r.kind} overdue` : r.dueSoon ? `${r.kind} due-soon` : r.kind);

/**
 * The reminders by kind (and urgency), in the order each first comes: two or more of one, all with
 * a subject, make one group; any other reminder is a group of its own, shown by its text.
 */
export function groupReminders(reminders: Reminder[]): ReminderGroup[] {
  const byGroup = new Map<string, Reminder[]>();
  for (const r of reminders) byGroup.set(groupOf(r), [...(byGroup.get(groupOf(r)) ?? []), r]);
  const groups: ReminderGroup[] = [];
  for (const [group, list] of byGroup) {
    const kind = list[0]!.kind;
    if (list.length >= 2 && list.every((r) => r.subject)) groups.push({ kind, label: labelOf(group), reminders: list, subjects: list.map((r) => r.subject!) });
    else for (const r of list) groups.push({ kind, label: r.text, reminders: [r], subjects: [] });
  }
  return groups;
}

/**
 * "Label (4): Sam, Alex, Kim, Lee" in at most `width` columns (or what `measure` counts: bytes, for
 * mail): as many subjects as fit whole, then "and 2 more"; with no width, every subject.
 */
export function groupLine(group: ReminderGroup, width?: number, measure: (text: string) => number = visibleWidth): string {
  const cut = (text: string) => (measure === visibleWidth ? truncateToWidth(text, width!) : cutTo(text, width!, measure));
  if (!group.subjects.length) return width === undefined ? group.label : cut(group.label);
  const head = `${group.label} (${group.subjects.length}): `;
  const all = head + group.subjects.join(', ');
  if (width === undefined || measure(all) <= width) return all;
  // The most subjects that fit with "and N more" after them, each measured once (366 goals: a line
  // rebuilt and measured per count cost the nudge 50 ms).
  const total = group.subjects.length;
  let used = measure(head);
  let shown = 0;
  for (const subject of group.subjects) {
    const next = used + (shown ? 2 : 0) + measure(subject);
    if (next + measure(` and ${total - shown - 1} more`) > width) break;
    used = next;
    shown++;
  }
  if (shown >= 1) return `${head}${group.subjects.slice(0, shown).join(', ')} and ${total - shown} more`;
  return cut(`${head}${group.subjects[0]} and ${total - 1} more`);
}

/**
 * `text` cut, whole characters, to at most `limit` as `measure` counts, with "…": in one pass, each
 * character measured alone (a title of 60,000 characters, cut by rebuilding it, took 13 s).
 */
function cutTo(text: string, limit: number, measure: (text: string) => number): string {
  if (measure(text) <= limit) return text;
  let used = measure('…');
  let end = 0;
  for (const char of text) {
    used += measure(char);
    if (used > limit) break;
    end += char.length;
  }
  return `${text.slice(0, end)}…`;
}
