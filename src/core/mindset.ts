import type { Day, NudgeState } from './model.js';
import { quarterOf, weekStartOf } from './dates.js';

export interface MindsetPrompt {
  id: string;
  theme: 'ownership' | 'asking' | 'patience' | 'identity' | 'learning' | 'people' | 'feedback';
  title: string;
  text: string;
}

/**
 * The weekly prompts, one per week. A quarter spans at most 14 calendar weeks, so with more prompts
 * than that none repeats within a quarter.
 */
export const MINDSET_PROMPTS: readonly MindsetPrompt[] = [
  {
    id: 'own-the-miss',
    theme: 'ownership',
    title: 'Own the miss',
    text: 'Pick one thing that slipped recently. Tell the team which part of it was yours before anyone asks, and what you will change.',
  },
  {
    id: 'questions-first',
    theme: 'asking',
    title: 'Questions before answers',
    text: 'The next time someone brings you a technical problem, reply with two questions before you offer any fix. Notice how far they get on their own.',
  },
  {
    id: 'welcome-the-problem',
    theme: 'patience',
    title: 'Welcome the problem',
    text: 'When a complaint or a surprise lands on your desk this week, take one slow breath before reacting. Problems are the job now, not interruptions to it.',
  },
  {
    id: 'people-not-output',
    theme: 'identity',
    title: 'Your output is the team',
    text: 'Look at your calendar for this week. How many hours go to people, and how many to work they could do without you? Move one hour.',
  },
  {
    id: 'try-one-tip',
    theme: 'learning',
    title: 'Read, then try',
    text: 'Take one idea from something you read or heard lately and use it at work before Friday. Log it with mtl learn apply.',
  },
  {
    id: 'credit-outward',
    theme: 'ownership',
    title: 'Credit goes out, blame comes in',
    text: 'In your next update to leadership, name the people who did the work. If something went wrong, put your own name on it.',
  },
  {
    id: 'dont-take-the-keyboard',
    theme: 'asking',
    title: 'Hands off the keyboard',
    text: 'Find one task you would normally do yourself because it is faster. Hand it over with context and a deadline, then stay available instead of stepping in.',
  },
  {
    id: 'one-hard-conversation',
    theme: 'feedback',
    title: 'The conversation you are avoiding',
    text: 'Is there a piece of feedback you keep postponing? Write down the first sentence you would say, and say it kindly at the next 1:1.',
  },
  {
    id: 'know-their-week',
    theme: 'people',
    title: 'Know their week',
    text: 'Ask each report one question this week that has nothing to do with work, and remember the answer (mtl team note helps).',
  },
  {
    id: 'slow-is-fine',
    theme: 'patience',
    title: 'Slow is allowed',
    text: 'Someone on your team will take longer than you would. Let them. Growth that you rush becomes work that you own again.',
  },
  {
    id: 'ask-for-help-out-loud',
    theme: 'people',
    title: 'Say "I don\'t know"',
    text: 'Admit, in a team setting, something you do not know and ask for help with it. It makes it safe for everyone else to do the same.',
  },
  {
    id: 'the-bridge',
    theme: 'identity',
    title: 'Be the bridge',
    text: 'What does your team need leadership to hear, and what does leadership need your team to understand? Carry one message each way this week.',
  },
  {
    id: 'change-your-mind',
    theme: 'learning',
    title: 'Change your mind once',
    text: 'Pick a belief about how your team should work and look for evidence against it. Being willing to rethink is a skill you can practise.',
  },
  {
    id: 'no-complaints-day',
    theme: 'patience',
    title: 'A day without complaining',
    text: 'Spend one working day without complaining about anything. Turn each complaint you catch into a question: what could I do about this?',
  },
  {
    id: 'whose-decision',
    theme: 'asking',
    title: 'Whose decision is it?',
    text: 'List the decisions people waited on you for this week. For each one, ask whether it could be theirs next time, and tell them so.',
  },
  {
    id: 'own-the-environment',
    theme: 'ownership',
    title: 'Own the weather',
    text: 'If the mood on the team is off, treat it as your problem to understand rather than theirs to fix. Ask one person how things really are.',
  },
];

/** The weeks of a quarter: as many prompts as a quarter shows, one a week. */
const WEEKS_PER_QUARTER = 13;


export function mindsetKey(prompt: MindsetPrompt): string {
  return `mindset:${prompt.id}`;
}

/**
 * The prompt of the week: the one already shown this week, else the next one not yet shown this
 * quarter. Each quarter starts where the last one's thirteen weeks ended, and a skipped week does not
 * use up a prompt, so the user sees them in order, round the list.
 */
export function mindsetOfWeek(state: NudgeState, today: Day, weekStart: 'monday' | 'sunday' = 'monday'): MindsetPrompt {
  const quarter = quarterOf(today);
  const used = state.prompts[quarter] ?? [];
  const last = MINDSET_PROMPTS.find((p) => p.id === used[used.length - 1]);
  if (last) {
    const shownOn = state.shown[mindsetKey(last)];
    if (shownOn && shownOn >= weekStartOf(today, weekStart) && shownOn <= today) return last;
  }
  // A quarter starts where the one before left off (13 weeks on), so the list goes round in order
  // from quarter to quarter; a start one step on each quarter repeated nearly the same 13 prompts.
  const [year, q] = quarter.split('-Q').map(Number) as [number, number];
  const offset = ((year * 4 + q) * WEEKS_PER_QUARTER) % MINDSET_PROMPTS.length;
  const rotation = MINDSET_PROMPTS.map((_, i) => MINDSET_PROMPTS[(offset + i) % MINDSET_PROMPTS.length]!);
  return rotation.find((p) => !used.includes(p.id)) ?? rotation[used.length % rotation.length]!;
}
