import type { MeasureSpec } from './goal-metrics.js';
import { controlProblem } from './text.js';

/**
 * Goal templates: markdown with a front matter block in YAML. Reading one is in template-parse.ts,
 * which loads the yaml package: only the commands that read templates pay for it.
 */

export interface Template {
  name: string;
  title: string;
  description: string;
  /** The default deadline phrase, like "end of quarter". */
  due: string;
  metrics: string[];
  /** The metrics mtl counts for goals of this template (`measures:` in the front matter). */
  measures: MeasureSpec[];
  body: string;
  source: 'built-in' | 'user';
  path: string;
}

const TEMPLATE_NAME = /^[a-z0-9][a-z0-9-]*$/;

/** A template name is a plain word: lower-case letters, digits and dashes, never a path. */
export function isTemplateName(name: string): boolean {
  return TEMPLATE_NAME.test(name) && name.length <= 64;
}

export interface GoalFileValues {
  id: string;
  title: string;
  owner: string;
  created: string;
  due: string;
  quarter: string;
}

/**
 * Replaces `{{key}}` placeholders in one pass (a title containing `{{due}}` stays as typed); unknown
 * keys stay, `{{constructor}}` and the like included (the values' own keys only, not Object's).
 */
export function fillPlaceholders(body: string, values: Record<string, string>): string {
  return body.replace(/\{\{\s*([a-zA-Z]+)\s*\}\}/g, (whole, key: string) => (Object.hasOwn(values, key) ? values[key]! : whole));
}

/** A goal's own targets as its file says them: `books-finished 2, learning-hours 20`, or the template's. */
export function targetsText(targets: Record<string, number>): string {
  const pairs = Object.entries(targets);
  return pairs.length ? pairs.map(([metric, n]) => `${metric} ${n}`).join(', ') : "the template's";
}

const TARGETS_LINE = 'Targets set for this goal, which mtl measures against: ';

/** The line under a goal file's metrics that names its own targets. */
export function targetsLine(targets: Record<string, number>): string {
  return `${TARGETS_LINE}${targetsText(targets)}.`;
}

/** A goal file's text with the targets line (if it has one) naming `targets`; the rest as it was. */
export function withTargetsLine(text: string, targets: Record<string, number>): string {
  return text.replace(new RegExp(`^${TARGETS_LINE}.*$`, 'm'), () => targetsLine(targets));
}

/**
 * The text of a new goal file: front matter naming the goal, then the template's body with its
 * placeholders filled. `{{metrics}}` becomes a checklist of the template's metrics.
 */
export function renderGoalFile(template: Template, v: GoalFileValues, targets: Record<string, number> = {}): string {
  const own = Object.keys(targets).length > 0;
  const values: Record<string, string> = {
    ...v,
    template: template.name,
    metrics: template.metrics.map((m) => `- [ ] ${m}`).join('\n') + (own ? `\n\n${targetsLine(targets)}` : ''),
  };
  const front = [
    '---',
    `id: ${v.id}`,
    `title: ${JSON.stringify(v.title)}`,
    `template: ${template.name}`,
    `owner: ${JSON.stringify(v.owner)}`,
    `created: ${v.created}`,
    `due: ${v.due}`,
    ...(own ? [`targets: ${targetsText(targets)}`] : []),
    '# Status, progress and check-ins live in mtl: mtl goals, mtl goals check-in, mtl prep.',
    '---',
    '',
  ].join('\n');
  const body = fillPlaceholders(template.body.replace(/^\n+/, ''), values);
  return front + body.replace(/\n*$/, '\n');
}

/**
 * A file-name-safe slug of a title: lower-case ASCII letters and digits joined by dashes, accents
 * folded, at most 48 characters cut at a dash; "goal" when nothing is left.
 */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= 48) return slug || 'goal';
  const cut = slug.slice(0, 48);
  const dash = cut.lastIndexOf('-');
  return (dash >= 16 ? cut.slice(0, dash) : cut).replace(/-+$/, '');
}

/** Problems with a goal title, or undefined when it is fine. */
export function titleProblem(title: string): string | undefined {
  if (title.trim() === '') return 'The title is empty.';
  const controls = controlProblem(title, 'title', { lines: false });
  if (controls) return controls;
  if (title.trim().length > 200) return `The title is ${title.trim().length} characters long; keep it under 200.`;
  return undefined;
}
