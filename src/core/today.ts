import { daysBetween, quarterOf } from './dates.js';
import type { Day } from './model.js';
import type { Reminder } from './nudges.js';
import { byImportance } from './nudge-found.js';

/**
 * `mtl today`: one question to carry through the day, from the article's three daily habits (owning
 * what happens, welcoming problems as the job, enjoying the team's progress), and the few things
 * most pressing. Pure: the day and the reminders are passed in.
 */

export interface DailyQuestion {
  id: string;
  theme: 'ownership' | 'problems' | 'progress';
  text: string;
}

export const DAILY_QUESTIONS: readonly DailyQuestion[] = [
  { id: 'own-one-thing', theme: 'ownership', text: 'What is one thing that went wrong lately that you can call yours, out loud, today?' },
  { id: 'problem-is-the-job', theme: 'problems', text: 'Which problem on your desk today is the job itself, not an interruption of it?' },
  { id: 'progress-noticed', theme: 'progress', text: 'Whose progress this week could you notice, and tell them about, before the day ends?' },
  { id: 'no-excuse', theme: 'ownership', text: 'Where are you waiting for someone else to fix something you could move yourself?' },
  { id: 'question-not-answer', theme: 'problems', text: 'When someone brings you a problem today, what question could you ask instead of giving the answer?' },
  { id: 'team-win', theme: 'progress', text: 'What did the team do this week that they could not have done three months ago?' },
  { id: 'credit-out', theme: 'ownership', text: 'Who deserves the credit for the last thing that went well, and do the people above you know it?' },
  { id: 'calm-first', theme: 'problems', text: 'What is the worst surprise today could bring, and how do you want to meet it: curious or annoyed?' },
  { id: 'enjoy-growth', theme: 'progress', text: 'Who on the team handled something today that you used to do yourself? Enjoy it, then say so.' },
];

/** Days since 1970-01-01 of a day; the question turns over each day. */
const ordinal = (day: Day) => daysBetween('1970-01-01', day);

/** The question of a day: the same all day, the next one tomorrow (the list runs in a cycle). */
export function questionOfDay(day: Day): DailyQuestion {
  const n = DAILY_QUESTIONS.length;
  return DAILY_QUESTIONS[((ordinal(day) % n) + n) % n]!;
}

/**
 * The most pressing reminders, in the nudge's order of importance (nudge-found.ts byImportance):
 * promises to the boss and overdue goals first, then people, action items past their day, the
 * quarter's goals and the rest; within a kind, the one waiting longest first.
 */
export function mostPressing(reminders: readonly Reminder[], count = 3): Reminder[] {
  // Array.prototype.sort is stable: equals keep the nudge's order.
  return [...reminders].sort(byImportance).slice(0, count);
}

/**
 * The daily notes in `from`..`to` that name a report: their full name or first name as a whole word,
 * in any case. Oldest first.
 */
export function momentsAbout<T extends { text: string; date: Day; at: string }>(moments: T[], name: string, from: Day, to: Day): T[] {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const words = [...new Set([name.trim(), name.trim().split(/\s+/)[0]!])].filter(Boolean).map(escape);
  if (!words.length) return [];
  const pattern = new RegExp(`(^|[^\\p{L}\\p{N}])(${words.join('|')})(?=$|[^\\p{L}\\p{N}])`, 'iu');
  return moments.filter((m) => m.date >= from && m.date <= to && pattern.test(m.text)).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** The daily notes of a quarter (`YYYY-Qn`), oldest first, as `learn` shows them. */
export function notesOfQuarter<T extends { id: string; text: string; date: Day; at: string }>(moments: T[], quarter: string): { id: string; date: Day; text: string }[] {
  return moments
    .filter((m) => quarterOf(m.date) === quarter)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    .map((m) => ({ id: m.id, date: m.date, text: m.text }));
}
