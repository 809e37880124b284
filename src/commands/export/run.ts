import fs from 'node:fs';
import path from 'node:path';
import { buildBackup, parseBackup } from './backup-file.js';
import { shellWord } from '../../core/text.js';
import type { Ctx } from '../../context.js';
import { FileProblemError, UserError } from '../../errors.js';
import { readIfThere, reason, writeAtomic } from '../../store/files.js';
import { LOCK_FILE } from '../../store/lock.js';
import { JOURNAL_FILE } from '../../store/journal.js';
import { NUDGE_STATE_FILE } from '../nudge/state.js';
import { PRAISE_DIR } from '../../store/praise-files.js';
import { PREFERENCES_FILE } from '../../store/preferences.js';
import { DATA_FILE, KIND_FILES, LEGACY_COPY, openStore, snapshotStore } from '../../store/store.js';
import { goalsDirFor, inGoalsFolder } from '../../store/paths.js';
import { readPreferences, readStoredPreferences } from '../../store/preferences.js';
import type { Records } from '../../core/model.js';
import { VERSION } from '../../version.js';
import { dayOf, quarterOption } from '../../core/dates.js';
import { quarterToLookBack } from '../../core/quarters.js';

const FORMATS = ['json', 'md', 'ics'] as const;
type Format = (typeof FORMATS)[number];

export interface ExportOptions {
  format: string;
  output?: string;
  withNotes?: boolean;
  quarter?: string;
}

export async function exportData(ctx: Ctx, opts: ExportOptions): Promise<void> {
  const format = opts.format.toLowerCase() as Format;
  if (!FORMATS.includes(format)) throw new UserError(`Unknown export format "${opts.format}".`, `Use one of: ${FORMATS.join(', ')}.`);
  if (opts.quarter !== undefined && format !== 'md') throw new UserError(`--quarter applies to --format md only, not ${format}.`, 'For a quarter\'s summary: mtl export --format md --quarter last');
  let text: string;
  if (format === 'json') {
    text = JSON.stringify(backupOf(ctx, await snapshotStore(ctx.dataDir)), null, 1) + '\n';
    // A backup is worth only what restores: it is read back as import would before it is written.
    try {
      parseBackup(text, 'the backup');
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      const what = err instanceof FileProblemError ? `${err.what}.` : err.message.replace(/^the backup(?: \(its "\w+"\))?:? ?/, '');
      // Praise in two quarter files: a move to another day cut short between its two files.
      const twice = /^the id (p\d+) is used twice in "praise"/.exec(what);
      const fix = twice
        ? `${twice[1]} is in two files of ${path.join(ctx.dataDir, 'praise')}, as a move to another day cut short leaves it: mtl praise list --all shows both with their days; delete the line of the one you do not want from its quarter's file, then export again`
        : 'Correct it (mtl show <id>, mtl edit, or the file by hand), then export again';
      throw new UserError(`The data folder holds what a restore would refuse, so no backup was written: ${what}`, `${fix}; to keep a copy as it is meanwhile: cp -a ${shellWord(ctx.dataDir)} <somewhere>. Nothing was changed.`);
    }
  }
  else if (format === 'md') {
    const data = await openStore(ctx.dataDir);
    const { recognitionDays } = readPreferences(ctx.dataDir);
    const today = dayOf(ctx.now);
    const quarter = opts.quarter === undefined ? undefined : quarterOption(opts.quarter, today);
    text = (await import('./markdown.js')).markdownSummary(data, ctx.now, { withNotes: Boolean(opts.withNotes), recognitionDays, ...(quarter ? { quarter } : {}) });
    const ended = quarterToLookBack(data, today);
    if (quarter === undefined && ended) ctx.io.err(`${ended} just ended; its summary: mtl export --format md --quarter last\n`);
  }
  else {
    const skipped = (e: { what: string; why: string }) => ctx.io.err(`warning: the calendar leaves out ${e.what}: ${e.why}.\n`);
    text = (await import('./ics.js')).calendarOf(await openStore(ctx.dataDir), ctx.now, skipped);
  }
  if (!opts.output) {
    ctx.io.out(text);
    return;
  }
  const file = path.resolve(opts.output);
  if (isStoreFile(ctx.dataDir, file)) {
    throw new UserError(`${file} is one of the files mtl keeps its data in; nothing was written.`, 'Write the export outside the data folder, e.g. --output ~/mtl-backup.json');
  }
  try {
    writeAtomic(file, text);
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`Cannot write ${file}: ${reason(err)}.`, 'Check that the folder exists and is writable; nothing was written.');
  }
  const next = format === 'json' ? `Restore it with: mtl import ${opts.output}` : format === 'ics' ? 'Import it in your calendar app.' : '';
  // A link's target keeps its own mode (store/files.ts): say who can read what was written.
  const mode = fs.statSync(file).mode & 0o777;
  const readers = mode & 0o077 ? `readable by others too: mode ${mode.toString(8).padStart(4, '0')}, kept from the file the link points at` : 'readable by you alone';
  ctx.io.err(`Wrote ${file} (${format}, ${readers}).${next ? ` ${next}` : ''}\n`);
}

function backupOf(ctx: Ctx, { records: data, counters }: { records: Records; counters: Record<string, number> }) {
  const dir = goalsDirFor(ctx.dataDir, readPreferences(ctx.dataDir));
  const goalFiles: Record<string, string> = {};
  const missing: string[] = [];
  for (const goal of data.goals) {
    const relative = path.relative(dir, goal.file);
    // Never the text of a file elsewhere, through a name or a link in the goals folder.
    if (relative.startsWith('..') || path.isAbsolute(relative) || !inGoalsFolder(goal.file, dir)) continue;
    const text = goalFileText(goal.file);
    if (text !== undefined) goalFiles[relative] = text;
    else missing.push(`${goal.id} (${goal.file})`);
  }
  // Named one a line up to a few; a thousand (a goals folder moved away) are one warning more, not a page.
  const one = (what: string) => ctx.io.err(`warning: the file of ${what} is missing; the backup has the goal but not its text.\n`);
  if (missing.length <= 5) missing.forEach(one);
  else {
    missing.slice(0, 3).forEach(one);
    ctx.io.err(`warning: the files of ${missing.length - 3} more goals are missing too (in ${dir}); the backup has those goals but not their text.\n`);
  }
  const templates: Record<string, string> = {};
  const templatesDir = path.join(ctx.dataDir, 'templates');
  for (const name of listMarkdown(templatesDir)) templates[name] = goalFileText(path.join(templatesDir, name)) ?? '';
  return buildBackup(
    { mtlVersion: VERSION, exportedAt: ctx.now.toISOString(), data, counters, preferences: readStoredPreferences(ctx.dataDir), goalFiles, templates },
    dir,
  );
}

/** A goal file's text, or undefined when it is missing or not a plain file (never waits on a pipe). */
function goalFileText(file: string): string | undefined {
  try {
    return readIfThere(file);
  } catch {
    return undefined;
  }
}

function listMarkdown(dir: string): string[] {
  try {
    return fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
  } catch {
    return [];
  }
}

/** Whether `file` is one of the files mtl keeps (an export must never be written over one). */
export function isStoreFile(dir: string, file: string): boolean {
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  // The file itself when it exists (a link to mtl.json is mtl.json), else its folder's real path.
  const target = fs.existsSync(file) ? real(file) : path.join(real(path.dirname(path.resolve(file))), path.basename(file));
  const within = (folder: string) => {
    const relative = path.relative(real(folder), target);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : undefined;
  };
  const inFolder = within(dir)?.split(path.sep)[0];
  const kept = [DATA_FILE, LEGACY_COPY, LOCK_FILE, PREFERENCES_FILE, NUDGE_STATE_FILE, JOURNAL_FILE, PRAISE_DIR, 'goals', 'templates', ...Object.values(KIND_FILES)];
  return (inFolder !== undefined && kept.includes(inFolder)) || within(goalsDirFor(dir, readPreferences(dir))) !== undefined;
}
