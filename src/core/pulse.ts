import { LEVELS, TEAM_AREAS } from './assessment.js';
import type { Assessment, Pulse } from './model.js';

/**
 * The team pulse: the five team questions of the self-assessment, worded for the team to answer
 * anonymously (a chat poll, a form). Only the tallies are kept, never who answered what.
 */

/** The team's wording of each team area, by area key (TEAM_AREAS order). */
export const PULSE_QUESTIONS: Record<string, string> = {
  autonomy: 'We move our work forward without waiting for our manager to approve it.',
  lives: 'Our manager knows what is going on in my life outside work, as far as I want to share it.',
  connection: 'I know what is going on in my teammates’ lives.',
  safety: 'I can share an unfinished idea, say “I don’t know” or ask for help in front of the team.',
  challenge: 'I am handed problems to solve, not solutions to carry out.',
};

/** Manager and team this many levels apart (or more) on an area are worth a conversation. */
export const GAP_LEVELS = 2;

export interface PulseQuestion {
  number: number;
  key: string;
  label: string;
  question: string;
}

export function pulseQuestions(): PulseQuestion[] {
  return TEAM_AREAS.map((area, i) => ({ number: i + 1, key: area.key, label: area.label, question: PULSE_QUESTIONS[area.key]! }));
}

export const PULSE_INTRO = 'How often is each statement true for you lately? Pick one answer per question; it stays anonymous.';

/** The form as markdown, to paste into a doc or a wiki page. */
export function pulseMarkdown(): string {
  const lines = ['# Team pulse (anonymous)', '', PULSE_INTRO, ''];
  for (const q of pulseQuestions()) {
    lines.push(`${q.number}. ${q.question}`, '');
    lines.push(`   ${LEVELS.map((word, i) => `${i + 1} ${word}`).join(' · ')}`, '');
  }
  lines.push('No names: only the counts of each answer are kept.', '');
  return lines.join('\n');
}

/** The form as plain text, for a chat poll: one question per block, its answers numbered. */
export function pulsePlain(): string {
  const lines = ['Team pulse (anonymous)', PULSE_INTRO, ''];
  for (const q of pulseQuestions()) {
    lines.push(`Q${q.number}. ${q.question}`);
    lines.push(LEVELS.map((word, i) => `  ${i + 1}) ${word}`).join('\n'), '');
  }
  return lines.join('\n');
}

export type TallyError = { count: number } | { value: string } | { empty: true };

/**
 * Parses one question's tally: five whole numbers, how many answered never, rarely, sometimes,
 * mostly and always (`1,0,2,3,1`). At least one answer in all.
 */
export function parseTally(text: string): number[] | { error: TallyError } {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length !== LEVELS.length) return { error: { count: text.trim() === '' ? 0 : parts.length } };
  const counts: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,4}$/.test(part)) return { error: { value: part } };
    counts.push(Number(part));
  }
  if (counts.every((n) => n === 0)) return { error: { empty: true } };
  return counts;
}

/**
 * The message for tallies that cannot come from one set of answers: every question is answered by
 * the same people, so each tally must add up to the same number. Undefined when they agree. The
 * tallies are in question order (q1 first); a missing one (not yet asked) is skipped.
 */
export function unevenTotals(tallies: (number[] | undefined)[]): string | undefined {
  const totals = tallies.map((t, i) => (t ? { q: i + 1, total: t.reduce((a, b) => a + b, 0) } : undefined)).filter((t) => t !== undefined);
  if (new Set(totals.map((t) => t.total)).size <= 1) return undefined;
  return `Each question should have the same number of answers: ${totals.map((t) => `q${t.q} ${t.total}`).join(', ')}.`;
}

/** A tally as stored: five whole numbers, or undefined for anything else (a hand-edited file). */
function tallyOf(value: unknown): number[] | undefined {
  if (!Array.isArray(value) || value.length !== LEVELS.length) return undefined;
  return value.every((n) => Number.isInteger(n) && n >= 0) ? (value as number[]) : undefined;
}

/** The number of answers in a tally. */
export function answersIn(tally: unknown): number {
  return tallyOf(tally)?.reduce((a, b) => a + b, 0) ?? 0;
}

/** The mean level (1 never to 5 always) of a tally, to one decimal; undefined without answers. */
export function tallyAverage(tally: unknown): number | undefined {
  const counts = tallyOf(tally);
  const total = answersIn(counts);
  if (!counts || total === 0) return undefined;
  const sum = counts.reduce((acc, n, i) => acc + n * (i + 1), 0);
  return Math.round((sum / total) * 10) / 10;
}

/** How many people answered: the most answers any question got. */
export function pulseResponses(pulse: Pick<Pulse, 'tallies'>): number {
  return Math.max(0, ...TEAM_AREAS.map((a) => answersIn(pulse.tallies[a.key])));
}

export interface AreaComparison {
  key: string;
  label: string;
  /** The manager's answer in the latest assessment (1-5). */
  manager?: number;
  /** The team's mean answer in the latest pulse (1-5, one decimal). */
  team?: number;
  /** team - manager: negative when the manager sees it rosier than the team. */
  gap?: number;
  /** Two levels apart or more. */
  differs: boolean;
}

/** The manager's view and the team's, area by area, from the latest assessment and the latest pulse. */
export function compareViews(assessment: Pick<Assessment, 'answers'> | undefined, pulse: Pick<Pulse, 'tallies'> | undefined): AreaComparison[] {
  return TEAM_AREAS.map((area) => {
    const manager = assessment?.answers[area.key];
    const team = pulse ? tallyAverage(pulse.tallies[area.key]) : undefined;
    const gap = manager !== undefined && team !== undefined ? Math.round((team - manager) * 10) / 10 : undefined;
    return {
      key: area.key,
      label: area.label,
      ...(manager !== undefined ? { manager } : {}),
      ...(team !== undefined ? { team } : {}),
      ...(gap !== undefined ? { gap } : {}),
      differs: gap !== undefined && Math.abs(gap) >= GAP_LEVELS,
    };
  });
}

/** The latest entry by instant (assessments, pulses). */
export function latest<T extends { at: string }>(list: T[]): T | undefined {
  // Of two at the same instant (a clock set by MTL_NOW, a script), the one recorded later in the list.
  return list.reduce<T | undefined>((best, e) => (!best || e.at >= best.at ? e : best), undefined);
}
