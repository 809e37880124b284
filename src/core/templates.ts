/**
 * Goal templates: markdown with a small front matter block. The front matter is read by hand (plain
 * `key: value` lines and `- item` lists), which is all a template needs and keeps YAML out of the
 * bundle.
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
 * Splits `---` front matter from the body. Values may be quoted; a key with an empty value followed
 * by `- item` lines is a list. Text without front matter is all body.
 */
export function parseFrontMatter(text: string): { fields: FrontMatter; body: string } {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const match = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(normalized);
  if (!match) return { fields: {}, body: normalized };
  const fields: FrontMatter = {};
  let listKey: string | undefined;
  for (const raw of match[1]!.split('\n')) {
    const line = raw.trimEnd();
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const item = /^\s*-\s+(.*)$/.exec(line);
    if (item && listKey !== undefined) {
      (fields[listKey] as string[]).push(unquote(item[1]!));
      continue;
    }
    const pair = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!pair) continue;
    const [, key, value] = pair as unknown as [string, string, string];
    if (value === '') {
      fields[key] = [];
      listKey = key;
    } else {
      fields[key] = unquote(value);
      listKey = undefined;
    }
  }
  return { fields, body: normalized.slice(match[0].length) };
}

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) return v.slice(1, -1);
  return v;
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
    `owner: ${v.owner}`,
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
  if (/[\u0000-\u001f\u007f]/.test(title)) return 'The title must be one line of text.';
  if (title.trim().length > 200) return `The title is ${title.trim().length} characters long; keep it under 200.`;
  return undefined;
}
