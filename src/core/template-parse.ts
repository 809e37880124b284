import { parse } from 'yaml';
import { parseMeasures } from './goal-metrics.js';
import type { Template } from './templates.js';

/**
 * Reading a goal template's file: YAML front matter (the yaml package, so this module is imported
 * only where templates are read) and the markdown body.
 */

export type FrontMatter = Record<string, string | string[]>;

declare const __MTL_BUILTIN_FRONT_MATTER__: string | undefined;
/**
 * The built-in templates' front matter as the yaml package parsed it when mtl was built (build.mjs),
 * keyed by its exact text: the built-in templates, read by every command that shows goals, skip the
 * YAML parser (10-15 ms of a cold process, README "Speed"). Any other text is parsed here; in the
 * tests, which run the source, all of it is.
 */
let parsedAtBuild: Record<string, unknown> | undefined;
const builtinFrontMatter = (): Record<string, unknown> =>
  (parsedAtBuild ??= typeof __MTL_BUILTIN_FRONT_MATTER__ === 'string' ? JSON.parse(__MTL_BUILTIN_FRONT_MATTER__) : {});

/** The most front matter mtl reads from a template (a built-in one has under 1 KB). */
export const FRONT_MATTER_LIMIT = 64 * 1024;

/**
 * Splits `---` front matter (YAML) from the body; text without front matter is all body. Scalars
 * are read as text and a list as a list of text; `raw` keeps the values as YAML gave them. Front
 * matter that is not valid YAML, not a map of fields, or never closed is an error naming the
 * problem (the template is then skipped and said so).
 */
export function parseFrontMatter(text: string): { fields: FrontMatter; raw: Record<string, unknown>; body: string } {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const match = /^---\n(?:([\s\S]*?)\n)?---[ \t]*(?:\n|$)/.exec(normalized);
  if (!match) {
    if (/^---[ \t]*\n/.test(normalized)) throw new Error('its front matter starts with --- but has no closing --- line');
    return { fields: {}, raw: {}, body: normalized };
  }
  // YAML's check for repeated keys grows with the square of their number: a front matter of 400 KB
  // took a minute, in which nothing (Ctrl-C included) could stop mtl. A template's needs a few lines.
  if ((match[1] ?? '').length > FRONT_MATTER_LIMIT) throw new Error(`its front matter is over ${FRONT_MATTER_LIMIT / 1024} KB; a template's takes a few lines`);
  const source = match[1] ?? '';
  let parsed: unknown;
  try {
    const known = builtinFrontMatter();
    parsed = Object.hasOwn(known, source) ? structuredClone(known[source]) : parse(source, { logLevel: 'error' });
  } catch (err) {
    throw new Error(`its front matter is not valid YAML (${(err as Error).message.split('\n')[0]!.replace(/:$/, '')})`);
  }
  if (parsed !== null && parsed !== undefined && (typeof parsed !== 'object' || Array.isArray(parsed))) {
    throw new Error('its front matter is not a list of fields (like "title: ...", one a line)');
  }
  const raw = (parsed ?? {}) as Record<string, unknown>;
  const fields: FrontMatter = {};
  const scalar = (v: unknown) => (v === null || typeof v === 'object' ? undefined : String(v));
  // `- Reports praised (target: all)` is, to YAML, a one-key map; to the person who wrote a list of
  // metrics (and to mtl 0.1), one line of text. It is read as that line.
  const item = (v: unknown) => {
    const pairs = v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.entries(v) : [];
    return pairs.length === 1 && scalar(pairs[0]![1]) !== undefined ? `${pairs[0]![0]}: ${scalar(pairs[0]![1])}` : scalar(v);
  };
  for (const [key, value] of Object.entries(raw)) {
    if (Array.isArray(value)) fields[key] = value.map(item).filter((v): v is string => v !== undefined);
    else if (scalar(value) !== undefined) fields[key] = scalar(value)!;
  }
  return { fields, raw, body: normalized.slice(match[0].length) };
}

/**
 * A template from its file text. The name is the file's (so a user file `culture.md` overrides the
 * built-in `culture`); missing fields fall back to the first heading, an empty description and
 * "end of quarter". `title`, `description` and `due` must be text when given, and `measures` must
 * name metrics mtl counts (see core/goal-metrics.ts): otherwise an error naming the field.
 */
export function parseTemplate(name: string, text: string, source: Template['source'], path: string): Template {
  const { fields, raw, body } = parseFrontMatter(text);
  for (const key of ['title', 'description', 'due']) {
    if (raw[key] !== undefined && raw[key] !== null && typeof raw[key] === 'object') throw new Error(`its front matter's ${key} is not text`);
  }
  const str = (key: string) => (typeof fields[key] === 'string' ? (fields[key] as string) : '');
  const list = fields.metrics;
  const heading = /^#\s+(.+)$/m.exec(body)?.[1]?.trim();
  return {
    name,
    title: str('title') || (heading && !heading.includes('{{') ? heading : '') || name,
    description: str('description'),
    due: str('due') || 'end of quarter',
    metrics: Array.isArray(list) ? list : typeof list === 'string' && list ? [list] : [],
    measures: parseMeasures(raw.measures),
    body,
    source,
    path,
  };
}
