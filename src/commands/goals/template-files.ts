import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sortByText } from '../../core/dates.js';
import { isTemplateName, parseTemplate, type Template } from '../../core/templates.js';
import { UserError } from '../../errors.js';
import { readIfThere, reason } from '../../store/files.js';

/**
 * The built-in templates folder. The bundle's code may sit in dist/ or dist/chunks/ (and in src/
 * under tests), so walk up from this file to the package root: the first folder holding both
 * package.json and templates/.
 */
export function builtInTemplatesDir(from = fileURLToPath(import.meta.url)): string {
  let dir = path.dirname(from);
  for (;;) {
    const candidate = path.join(dir, 'templates');
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new UserError('The built-in goal templates are missing from this installation.', 'Reinstall mtl.');
    dir = parent;
  }
}

export function userTemplatesDir(dataDir: string): string {
  return path.join(dataDir, 'templates');
}

export interface TemplateSet {
  templates: Template[];
  /** User files that were skipped, with the reason. */
  skipped: string[];
}

function readFolder(dir: string, source: Template['source'], skipped: string[]): Template[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new UserError(`Cannot read the templates folder ${dir}: ${reason(err)}.`);
  }
  const found: Template[] = [];
  for (const file of names.filter((n) => n.endsWith('.md')).sort()) {
    const name = file.slice(0, -3);
    const full = path.join(dir, file);
    if (!isTemplateName(name)) {
      skipped.push(`${full}: the name "${name}" is not a plain word (a-z, 0-9, dashes)`);
      continue;
    }
    try {
      found.push(parseTemplate(name, readIfThere(full) ?? '', source, full));
    } catch (err) {
      skipped.push(`${full}: ${reason(err)}`);
    }
  }
  return found;
}

/** Built-in templates, joined by `<dataDir>/templates/*.md`; a user template overrides a built-in of the same name. */
export function loadTemplates(dataDir: string): TemplateSet {
  const skipped: string[] = [];
  const byName = new Map<string, Template>();
  for (const t of readFolder(builtInTemplatesDir(), 'built-in', skipped)) byName.set(t.name, t);
  for (const t of readFolder(userTemplatesDir(dataDir), 'user', skipped)) byName.set(t.name, t);
  return { templates: sortByText([...byName.values()], (t) => t.name), skipped };
}

/** One template by name (case-insensitive); a path, `..` or an unknown name is an error listing the known ones. */
export function findTemplate(set: TemplateSet, text: string): Template {
  const name = text.trim().toLowerCase();
  const known = `Templates: ${set.templates.map((t) => t.name).join(', ')}. See: mtl goals templates`;
  if (!isTemplateName(name)) {
    throw new UserError(`"${text}" is not a template name: names are plain words (a-z, 0-9 and dashes), never paths.`, known);
  }
  const template = set.templates.find((t) => t.name === name);
  if (!template) throw new UserError(`There is no template called "${text}".`, known);
  return template;
}
