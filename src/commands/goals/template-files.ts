import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ctx } from '../../context.js';
import { sortByText } from '../../core/dates.js';
import { measureGoals, type GoalMeasures } from '../../core/goal-metrics.js';
import type { Data, Goal } from '../../core/model.js';
import { parseTemplate } from '../../core/template-parse.js';
import { isTemplateName, type Template } from '../../core/templates.js';
import { didYouMean } from '../../core/text.js';
import { UserError } from '../../errors.js';
import { readIfThere, reason } from '../../store/files.js';
import { readPreferences } from '../../store/preferences.js';

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

/** The largest template file mtl reads. */
const TEMPLATE_FILE_LIMIT = 1024 * 1024;

export interface TemplateSet {
  templates: Template[];
  /** User files that were skipped, with the reason. */
  skipped: string[];
  /** Template names whose file cannot be read, to the problem naming the file. */
  broken: Map<string, string>;
}

function readFolder(dir: string, source: Template['source'], skipped: string[], broken: Map<string, string>, only?: Set<string>): Template[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new UserError(`Cannot read the templates folder ${dir}: ${reason(err)}.`);
  }
  const found: Template[] = [];
  for (const file of names.filter((n) => n.endsWith('.md') && (!only || only.has(n.slice(0, -3)))).sort()) {
    const name = file.slice(0, -3);
    const full = path.join(dir, file);
    if (!isTemplateName(name)) {
      skipped.push(`${full}: the name "${name}" is not a plain word (a-z, 0-9, dashes)`);
      continue;
    }
    try {
      // A template is a page of markdown; a file far larger is a mistake, and is not read whole.
      if ((fs.statSync(full, { throwIfNoEntry: false })?.size ?? 0) > TEMPLATE_FILE_LIMIT) throw new Error(`it is over ${TEMPLATE_FILE_LIMIT / 1024 / 1024} MB; a template is a page of markdown`);
      const text = readIfThere(full);
      // Listed in the folder but gone by the time it is read (a link to nothing is refused by the reader).
      if (text === undefined) throw new Error('it is not there any more');
      found.push(parseTemplate(name, text, source, full));
    } catch (err) {
      // The sentence ends where the caller ends it ("Skipped template ...: <why>.").
      const why = `${full}: ${reason(err).replace(/\.$/, '')}`;
      skipped.push(why);
      broken.set(name, why);
    }
  }
  return found;
}

/**
 * Built-in templates, joined by `<dataDir>/templates/*.md`; a user template overrides a built-in of the
 * same name. `only`: just the templates of those names (a check-in needs one, not every file parsed).
 */
export function loadTemplates(dataDir: string, only?: Set<string>): TemplateSet {
  const skipped: string[] = [];
  const broken = new Map<string, string>();
  const byName = new Map<string, Template>();
  for (const t of readFolder(builtInTemplatesDir(), 'built-in', skipped, broken, only)) byName.set(t.name, t);
  const userBroken = new Map<string, string>();
  for (const t of readFolder(userTemplatesDir(dataDir), 'user', skipped, userBroken, only)) byName.set(t.name, t);
  // A damaged file of yours never lets the built-in of its name stand in for it unnoticed.
  for (const [name, problem] of userBroken) {
    byName.delete(name);
    broken.set(name, problem);
  }
  return { templates: sortByText([...byName.values()], (t) => t.name), skipped, broken };
}

/** One template by name (case-insensitive); a path, `..` or an unknown name is an error listing the known ones. */
export function findTemplate(set: TemplateSet, text: string): Template {
  const name = text.trim().toLowerCase();
  const known = `Templates: ${set.templates.map((t) => t.name).join(', ')}. See: mtl goals templates`;
  if (!isTemplateName(name)) {
    throw new UserError(`"${text}" is not a template name: names are plain words (a-z, 0-9 and dashes), never paths.`, known);
  }
  const template = set.templates.find((t) => t.name === name);
  const broken = set.broken.get(name);
  if (!template && broken) throw new UserError(`The template "${name}" cannot be read: ${broken}.`, 'Fix its front matter (YAML between two --- lines at the top), or move the file away.');
  const guess = didYouMean(name, set.templates.map((t) => t.name));
  if (!template) throw new UserError(`There is no template called "${text}".`, `${guess ? `${guess} ` : ''}${known}`);
  return template;
}

/**
 * The metrics of each goal that has any, read on `today` (finished goals on the day they were done).
 * Templates are read only when some goal needs them; a template that cannot be read gives no metrics,
 * with a warning naming its file.
 */
export function goalMeasures(ctx: Ctx, data: Data, goals: Goal[], today: string): Map<string, GoalMeasures> {
  if (goals.length === 0) return new Map();
  const set = loadTemplates(ctx.dataDir, new Set(goals.map((g) => g.template)));
  const byName = new Map(set.templates.map((t) => [t.name, t.measures]));
  const warned = new Set<string>();
  const specsOf = (name: string) => {
    const broken = set.broken.get(name);
    if (broken && !warned.has(name)) {
      warned.add(name);
      ctx.io.err(ctx.io.color.yellow(`warning: the template "${name}" cannot be read, so its goals show no metrics: ${broken}.`) + '\n');
    }
    return byName.get(name);
  };
  return measureGoals(goals, specsOf, data, today, { learningTarget: readPreferences(ctx.dataDir).learningHoursPerQuarter });
}
