import { parse } from 'yaml';
import { controlProblem } from './text.js';

/**
 * Goal templates: markdown with a front matter block in YAML (read with the yaml package, loaded only
 * by the commands that read templates).
 */

export interface Template {
  name: string;
  title: string;
  description: string;
  /** The default deadline phrase, like "end of quarter". */
  due: string;
  metrics: string[];
  body: string;
  source: 'built-in' | 'user';
  path: string;
}

export type FrontMatter = Record<string, string | string[]>;

const TEMPLATE_NAME = /^[a-z0-9][a-z0-9-]*$/;

/** A template name is a plain word: lower-case letters, digits and dashes, never a path. */
export function isTemplateName(name: string): boolean {
  return TEMPLATE_NAME.test(name) && name.length <= 64;
}

/**
 * Splits `---` front matter (YAML) from the body; text without front matter is all body. Scalars
 * are read as text and a list as a list of text; front matter that is not valid YAML is an error
 * naming the problem (the template is then skipped and said so).
 */
export function parseFrontMatter(text: string): { fields: FrontMatter; body: string } {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const match = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(normalized);
  if (!match) return { fields: {}, body: normalized };
  let raw: unknown;
  try {
    raw = parse(match[1]!, { logLevel: 'error' });
  } catch (err) {
    throw new Error(`its front matter is not valid YAML (${(err as Error).message.split('\n')[0]!.replace(/:$/, '')})`);
  }
  const fields: FrontMatter = {};
  const scalar = (v: unknown) => (v === null || typeof v === 'object' ? undefined : String(v));
  // `- Reports praised (target: all)` is, to YAML, a one-key map; to the person who wrote a list of
  // metrics (and to mtl 0.1), one line of text. It is read as that line.
  const item = (v: unknown) => {
    const pairs = v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.entries(v) : [];
    return pairs.length === 1 && scalar(pairs[0]![1]) !== undefined ? `${pairs[0]![0]}: ${scalar(pairs[0]![1])}` : scalar(v);
  };
  for (const [key, value] of Object.entries(raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw : {})) {
    if (Array.isArray(value)) fields[key] = value.map(item).filter((v): v is string => v !== undefined);
    else if (scalar(value) !== undefined) fields[key] = scalar(value)!;
  }
  return { fields, body: normalized.slice(match[0].length) };
}

/**
 * A template from its file text. The name is the file's (so a user file `culture.md` overrides the
 * built-in `culture`); missing fields fall back to the first heading, an empty description and
 * "end of quarter".
 */
export function parseTemplate(name: string, text: string, source: Template['source'], path: string): Template {
  const { fields, body } = parseFrontMatter(text);
  const str = (key: string) => (typeof fields[key] === 'string' ? (fields[key] as string) : '');
  const list = fields.metrics;
  const heading = /^#\s+(.+)$/m.exec(body)?.[1]?.trim();
  return {
    name,
    title: str('title') || (heading && !heading.includes('{{') ? heading : '') || name,
    description: str('description'),
    due: str('due') || 'end of quarter',
    metrics: Array.isArray(list) ? list : typeof list === 'string' && list ? [list] : [],
    body,
    source,
    path,
  };
}

export interface GoalFileValues {
  id: string;
  title: string;
  owner: string;
  created: string;
  due: string;
  quarter: string;
}

/** Replaces `{{key}}` placeholders in one pass (a title containing `{{due}}` stays as typed); unknown keys stay. */
export function fillPlaceholders(body: string, values: Record<string, string>): string {
  return body.replace(/\{\{\s*([a-zA-Z]+)\s*\}\}/g, (whole, key: string) => values[key] ?? whole);
}

/**
 * The text of a new goal file: front matter naming the goal, then the template's body with its
 * placeholders filled. `{{metrics}}` becomes a checklist of the template's metrics.
 */
export function renderGoalFile(template: Template, v: GoalFileValues): string {
  const values: Record<string, string> = {
    ...v,
    template: template.name,
    metrics: template.metrics.map((m) => `- [ ] ${m}`).join('\n'),
  };
  const front = [
    '---',
    `id: ${v.id}`,
    `title: ${JSON.stringify(v.title)}`,
    `template: ${template.name}`,
    `owner: ${JSON.stringify(v.owner)}`,
    `created: ${v.created}`,
    `due: ${v.due}`,
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
