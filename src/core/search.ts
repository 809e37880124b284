import type { Data, Day, Goal } from './model.js';
import { compareText } from './dates.js';
import { foldText } from './text.js';

/**
 * Search across what mtl keeps: every word must appear (in any order, in any field of the entry or
 * in the name of its report), without regard to case or accents ("zoe" finds Zoë, "JOSE" finds José).
 */

export type SearchKind = 'note' | 'praise' | 'feedback' | 'goal' | 'member-goal' | 'delegation' | '1on1' | 'action' | 'process' | 'project' | 'culture' | 'daily-note' | 'learning';

/** One piece of an entry's text: its title, a check-in note, its file... */
export interface SearchPart {
  text: string;
  /** What the piece is, when not the entry's main text: `check-in`, `file`, `name`. */
  field?: string;
  /** The day of this piece when it differs from the entry's (a check-in). */
  date?: Day;
}

/** An entry as search sees it. */
export interface Searchable {
  kind: SearchKind;
  id: string;
  date: Day;
  /** The report it is about (an id), if any. */
  member?: string;
  parts: SearchPart[];
}

export interface SearchHit {
  kind: SearchKind;
  id: string;
  /** The day of the piece shown. */
  date: Day;
  member?: string;
  field?: string;
  /** The matching text on one line, shortened around the first match. */
  text: string;
}

/** The words of a query, folded, without repeats or blanks. */
export function queryWords(words: string[]): string[] {
  return [...new Set(words.flatMap((w) => foldText(w).split(/\s+/)).filter(Boolean))];
}

/**
 * The entries matching every word, newest first (by the day of the piece shown). Each entry is read
 * once: linear in the size of the data.
 */
export function searchEntries(entries: Iterable<Searchable>, words: string[], width = 70): SearchHit[] {
  const hits: SearchHit[] = [];
  if (!words.length) return hits;
  for (const entry of entries) {
    const folded = entry.parts.map((p) => foldText(p.text));
    if (!words.every((w) => folded.some((f) => f.includes(w)))) continue;
    // The piece to show: the one with the most words, not the report's name unless nothing else matched.
    let best = -1;
    let bestCount = 0;
    folded.forEach((f, i) => {
      if (entry.parts[i]!.field === 'name') return;
      const count = words.filter((w) => f.includes(w)).length;
      if (count > bestCount) [best, bestCount] = [i, count];
    });
    if (best < 0) best = entry.parts.findIndex((p) => p.field !== 'name');
    const part = entry.parts[best] ?? entry.parts[0]!;
    hits.push({
      kind: entry.kind,
      id: entry.id,
      date: part.date ?? entry.date,
      ...(entry.member !== undefined ? { member: entry.member } : {}),
      ...(part.field !== undefined ? { field: part.field } : {}),
      text: snippet(part.text, bestCount ? words : [], width),
    });
  }
  // Stable: entries of one day keep the order they were given in (oldest first), reversed.
  return hits.map((h, i) => [h, i] as const).sort(([a, i], [b, j]) => compareText(b.date, a.date) || j - i).map(([h]) => h);
}

/**
 * `text` on one line, at most `width` characters: from its start when the first match is near it,
 * else cut to start a little before the match, with "…" where it was cut.
 */
export function snippet(text: string, words: string[], width = 70): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const chars = [...line];
  if (chars.length <= width) return line;
  // Where each character's folded form starts, to find the match back in the original.
  let folded = '';
  const starts: number[] = [];
  for (const ch of chars) {
    starts.push(folded.length);
    folded += foldText(ch);
  }
  const positions = words.map((w) => folded.indexOf(w)).filter((p) => p >= 0);
  const at = positions.length ? Math.min(...positions) : 0;
  let first = 0;
  while (first + 1 < starts.length && starts[first + 1]! <= at) first++;
  // Some words before the match, for context: up to 20, a third of the width at most.
  const lead = Math.min(20, Math.floor(width / 3));
  let start = first <= lead ? 0 : first - lead;
  if (start > 0 && chars.length - start < width - 1) start = Math.max(0, chars.length - (width - 1));
  const room = width - (start > 0 ? 1 : 0);
  const end = Math.min(chars.length, start + room);
  const body = chars.slice(start, end < chars.length ? end - 1 : end).join('');
  return `${start > 0 ? '…' : ''}${body}${end < chars.length ? '…' : ''}`;
}

/**
 * Every entry search looks at, with the reports' names as a piece of each of their entries.
 * `goalFile` gives a goal's file text (undefined when the file is missing). With `member`, only that
 * report's entries.
 */
export function searchables(data: Data, goalFile: (goal: Goal) => string | undefined, options: { member?: string } = {}): Searchable[] {
  const out: Searchable[] = [];
  const names = new Map(data.members.map((m) => [m.id, m.name]));
  const wanted = (member: string) => options.member === undefined || member === options.member;
  const about = (member: string, parts: SearchPart[]): SearchPart[] => [...parts, { text: names.get(member) ?? '', field: 'name' }];

  for (const m of data.members) {
    if (!wanted(m.id)) continue;
    for (const n of m.notes) out.push({ kind: 'note', id: n.id, date: n.date, member: m.id, parts: about(m.id, [{ text: n.text }]) });
  }
  for (const p of data.praise.all()) {
    if (wanted(p.member)) out.push({ kind: 'praise', id: p.id, date: p.date, member: p.member, parts: about(p.member, [{ text: p.text }]) });
  }
  for (const f of data.feedback) {
    if (wanted(f.member)) out.push({ kind: 'feedback', id: f.id, date: f.date, member: f.member, parts: about(f.member, [{ text: f.text }]) });
  }
  if (options.member === undefined) {
    for (const g of data.goals) {
      const file = goalFile(g);
      out.push({
        kind: 'goal',
        id: g.id,
        date: g.created,
        parts: [{ text: g.title }, ...g.checkIns.map((c) => ({ text: c.note, field: 'check-in', date: c.date })), ...(file === undefined ? [] : [{ text: file, field: 'file' }])],
      });
    }
  }
  for (const g of data.memberGoals) {
    if (!wanted(g.member)) continue;
    out.push({
      kind: 'member-goal',
      id: g.id,
      date: g.created,
      member: g.member,
      parts: about(g.member, [{ text: g.title }, ...g.checkIns.map((c) => ({ text: c.note, field: 'check-in', date: c.date }))]),
    });
  }
  for (const d of data.delegations) {
    if (wanted(d.member)) out.push({ kind: 'delegation', id: d.id, date: d.created, member: d.member, parts: about(d.member, [{ text: d.item }]) });
  }
  for (const o of data.oneOnOnes) {
    if (!wanted(o.member) || !o.notes?.length) continue;
    out.push({ kind: '1on1', id: o.id, date: o.date, member: o.member, parts: about(o.member, o.notes.map((text) => ({ text, field: 'note' }))) });
  }
  for (const t of data.actions) {
    if (wanted(t.member)) out.push({ kind: 'action', id: t.id, date: t.created, member: t.member, parts: about(t.member, [{ text: t.text }]) });
  }
  for (const s of data.processes) {
    if (wanted(s.member)) out.push({ kind: 'process', id: s.id, date: s.created, member: s.member, parts: about(s.member, [{ text: s.practice }]) });
  }
  // An innovation project has no id of its own: found under its week's.
  for (const w of data.innovationWeeks) {
    for (const p of w.projects ?? []) if (wanted(p.member)) out.push({ kind: 'project', id: w.id, date: p.date, member: p.member, parts: about(p.member, [{ text: p.text }]) });
  }
  if (options.member === undefined) {
    for (const c of data.cultureEvents) out.push({ kind: 'culture', id: c.id, date: c.date, parts: [{ text: c.what }] });
    for (const w of data.moments) out.push({ kind: 'daily-note', id: w.id, date: w.date, parts: [{ text: w.text }] });
    for (const l of data.learning) {
      const text = l.type === 'hours' ? l.what : l.type === 'tip' ? [l.tip, l.from, l.outcome].filter(Boolean).join(' · ') : l.title;
      out.push({ kind: 'learning', id: l.id, date: l.type === 'book' ? (l.date ?? l.added ?? '') : l.date, parts: [{ text: text ?? '' }] });
    }
  }
  return out;
}
