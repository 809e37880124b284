import { UsageError } from '../errors.js';
/**
 * Structured feedback (situation, behaviour, impact) and the praise hint that asks for an impact.
 */

export const FEEDBACK_PARTS = ['situation', 'behaviour', 'impact'] as const;
export type FeedbackPart = (typeof FEEDBACK_PARTS)[number];
export type FeedbackParts = Record<FeedbackPart, string>;

const LABELS: Record<FeedbackPart, string> = { situation: 'Situation', behaviour: 'Behaviour', impact: 'Impact' };

/**
 * The one-piece text of structured feedback: three labelled parts on one line, each ending in a full
 * stop unless it already ends a sentence ("Situation: Tuesday's design review. Behaviour: ...").
 * A part of several lines keeps its line breaks.
 */
export function feedbackText(parts: FeedbackParts): string {
  return FEEDBACK_PARTS.map((key) => {
    const text = parts[key].trim();
    return `${LABELS[key]}: ${/[.!?…]$/.test(text) ? text : `${text}.`}`;
  }).join(' ');
}

/** --behaviour, also spelt --behavior; both at once only when they say the same. */
export function behaviourOption(opts: { behaviour?: string; behavior?: string }): string | undefined {
  if (opts.behaviour !== undefined && opts.behavior !== undefined && opts.behaviour !== opts.behavior) {
    throw new UsageError('--behaviour and --behavior are the same option, given twice with two texts.', 'Give it once.');
  }
  return opts.behaviour ?? opts.behavior;
}

/** The parts missing from a partial set, in order (empty when none or all three are given). */
export function missingParts(given: Partial<Record<FeedbackPart, string | undefined>>): FeedbackPart[] {
  const missing = FEEDBACK_PARTS.filter((key) => given[key] === undefined);
  return missing.length === FEEDBACK_PARTS.length ? [] : missing;
}

/**
 * Words that usually tie what someone did to what it changed: "so that", "which meant", "because",
 * "helped", "saved"... Praise without any of them is likely to name the act alone.
 */
const IMPACT_WORDS =
  /\b(so|which|because|thanks to|therefore|result(?:ed|ing|s)?|meant|means|impact|helped|helps|help(?:ing)?|saved?|saves|saving|enabled?|enables|unblock(?:ed|s)?|let us|allowed|made it|now|prevented|avoided|reduced|cut|shipped|customers?|users?)\b/i;

/** Whether a praise text seems to say what the work changed, not only what was done. */
export function namesImpact(text: string): boolean {
  return IMPACT_WORDS.test(text);
}
