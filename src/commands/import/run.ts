import fs from 'node:fs';
import path from 'node:path';
import { isEmptyData, mergeData, type Renumbered } from '../../core/backup.js';
import { KIND_WORDS, KINDS, recordsOf, type Data, type Kind, type Records } from '../../core/model.js';
import { plural } from '../../core/text.js';
import type { Ctx } from '../../context.js';
import { UserError } from '../../errors.js';
import { openStore, updateStore } from '../../store/store.js';
import { goalsDirFor } from '../../store/paths.js';
import { parsePreferenceKey, storedPreference } from '../../core/preferences.js';
import { readPreferences, restorePreferences } from '../../store/preferences.js';
import { readIfThere, reason } from '../../store/files.js';
import { sameNameLines } from '../../core/team.js';
import { parseBackup, type Backup } from '../export/backup-file.js';

export async function importData(ctx: Ctx, file: string, opts: { merge?: boolean }): Promise<void> {
  const backup = parseBackup(readBackupFile(file), file);
  const current = await openStore(ctx.dataDir);
  if (!isEmptyData(current) && !opts.merge) {
    throw new UserError(
      `${ctx.dataDir} already holds data (${summary(current)}); nothing was changed.`,
      'Add the backup to it with --merge, or restore into an empty folder with --home <dir>.',
    );
  }
  // Goal files go where this data folder keeps them; a goals folder named in the backup may belong to
  // another machine or to the live data, so it is never taken over.
  const goalsDir = goalsDirFor(ctx.dataDir, readPreferences(ctx.dataDir));
  if (opts.merge) await merge(ctx, backup, goalsDir);
  else await restore(ctx, backup, goalsDir);
}

/** The largest backup mtl reads, 256 MB: six times a backup at ten times the bench's full size (about 40 MB), so decades of entries fit and a file that is no backup is refused before it is read whole. */
export const MAX_BACKUP_BYTES = 256 * 1024 * 1024;

/**
 * A backup's text, from a plain file of at most MAX_BACKUP_BYTES: never a device or a pipe, which
 * could be endless (/dev/zero) or wait for a writer forever.
 */
function readBackupFile(file: string): string {
  const hint = 'Give the path of a file made by: mtl export --format json';
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw new UserError(`Cannot read ${file}: ${reason(err)}.`, hint);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new UserError(`${file} is not a plain file (it is ${stat.isDirectory() ? 'a folder' : 'a device, a pipe or a socket'}); nothing was changed.`, hint);
    if (stat.size > MAX_BACKUP_BYTES) {
      throw new UserError(`${file} is ${Math.round(stat.size / 2 ** 20)} MB, more than any mtl backup (at most ${MAX_BACKUP_BYTES / 2 ** 20} MB); nothing was changed.`, hint);
    }
    return fs.readFileSync(fd, 'utf8');
  } catch (err) {
    throw err instanceof UserError ? err : new UserError(`Cannot read ${file}: ${reason(err)}.`, hint);
  } finally {
    fs.closeSync(fd);
  }
}

async function restore(ctx: Ctx, backup: Backup, goalsDir: string): Promise<void> {
  await withCleanup(async (created) => {
    await updateStore(ctx.dataDir, (tx) => {
      if (!isEmptyData(tx.data)) throw new UserError(`${ctx.dataDir} received data while importing; nothing was changed.`, 'Run the import again.');
      writeFiles(goalsDir, backup.goalFiles, created);
      writeFiles(path.join(ctx.dataDir, 'templates'), backup.templates, created);
      const records = structuredClone(backup.data);
      for (const goal of records.goals) goal.file = path.resolve(goalsDir, goal.file);
      tx.replaceAll(records, backup.counters);
    });
  });
  const { goalsDir: _elsewhere, ...stored } = backup.preferences;
  // Only what `mtl config set` would take: a bad value restored would make every command refuse.
  const preferences = Object.fromEntries(Object.entries(stored).filter(([key, value]) => allowedPreference(key, value)));
  const dropped = Object.keys(stored).filter((key) => !(key in preferences));
  if (dropped.length) ctx.io.err(`The backup's ${dropped.join(', ')} ${dropped.length === 1 ? 'is' : 'are'} not a preference mtl takes with ${dropped.length === 1 ? 'that value' : 'those values'}; not restored.\n`);
  const hasPrefs = Object.keys(preferences).length > 0;
  const restoredPrefs = hasPrefs && (await restorePreferences(ctx.dataDir, preferences));
  ctx.io.err(`Restored ${summary(backup.data)}${restoredPrefs ? ' and your preferences' : ''} into ${ctx.dataDir}. See it with: mtl\n`);
  if (hasPrefs && !restoredPrefs) ctx.io.err(`The preferences already in ${ctx.dataDir} were kept; the backup's were not applied (see: mtl config list).\n`);
}

async function merge(ctx: Ctx, backup: Backup, goalsDir: string): Promise<void> {
  const result = await withCleanup((created) =>
    updateStore(ctx.dataDir, (tx) => {
      const data = recordsOf(tx.data);
      const incoming = structuredClone(backup.data);
      const relativeName = new Map<string, string>();
      for (const goal of incoming.goals) {
        const absolute = path.resolve(goalsDir, goal.file);
        relativeName.set(absolute, goal.file);
        goal.file = absolute;
      }
      const before = new Set(data.goals.map((g) => g.id));
      const counters = tx.counters;
      const merged = mergeData(data, incoming, counters);
      const renamedFrom = new Map([...merged.goalFileNames].map(([from, to]) => [to, from]));
      const files: Record<string, string> = {};
      for (const goal of data.goals.filter((g) => !before.has(g.id))) {
        const text = backup.goalFiles[relativeName.get(renamedFrom.get(goal.file) ?? goal.file) ?? ''];
        if (text !== undefined) files[path.relative(goalsDir, goal.file)] = text;
      }
      writeFiles(goalsDir, files, created);
      tx.replaceAll(data, counters);
      return { ...merged, records: data };
    }),
  );
  const describe = (counts: Record<string, number>) => Object.entries(counts).map(([k, n]) => plural(n, ...words(k)));
  const added = describe(result.added);
  const updated = describe(result.updated);
  if (!added.length && !updated.length) {
    ctx.io.err('Nothing new in that backup: everything in it is already here.\n');
    return;
  }
  const parts = [added.length ? `added ${added.join(', ')}` : '', updated.length ? `brought up to date ${updated.join(', ')}` : ''].filter(Boolean);
  ctx.io.err(`Merged: ${parts.join('; ')}. Nothing already here was lost.\n`);
  if (result.renumbered.length) ctx.io.err(`${renumberedLine(result.renumbered, result.records, goalsDir)}\n`);
  for (const line of sameNameLines(result.records.members)) ctx.io.err(`${line}\n`);
}

/** How many renumbered entries the merge names; the rest are counted. */
const SHOWN_RENUMBERED = 5;

/**
 * "Renumbered (those ids were taken here): p16 → p17 (praise entry for Sam Lee), g2 → g4 (goal "Weekly
 * demos"; its file is now g4-weekly-demos.md), and 3 more." `data`: the records after the merge.
 */
export function renumberedLine(renumbered: Renumbered[], data: Records, goalsDir: string): string {
  const shown = renumbered.slice(0, SHOWN_RENUMBERED);
  const wanted = new Set(shown.map((r) => r.to));
  type Named = { id: string; member?: string; title?: string; name?: string };
  const found = new Map<string, Omit<Named, 'id'>>();
  for (const kind of KINDS) for (const e of data[kind] as Named[]) if (wanted.has(e.id)) found.set(e.id, e);
  for (const m of data.members) for (const n of m.notes) if (wanted.has(n.id)) found.set(n.id, { member: m.id });
  const name = (id: string) => data.members.find((m) => m.id === id)?.name ?? id;
  const cut = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text);
  const parts = shown.map((r) => {
    const e = found.get(r.to);
    const what = [
      words(r.kind)[0],
      r.kind === 'members' && e?.name !== undefined ? cut(e.name) : '',
      e?.title === undefined ? '' : `"${cut(e.title)}"`,
      e?.member === undefined ? '' : `for ${name(e.member)}`,
    ].filter(Boolean).join(' ');
    const file = r.file ? `; its file is now ${path.relative(goalsDir, r.file.to)}` : '';
    return `${r.from} → ${r.to} (${what}${file})`;
  });
  const more = renumbered.length - shown.length;
  return `Renumbered (those ids were taken here): ${parts.join(', ')}${more ? `, and ${more} more` : ''}.`;
}

/** What a list's entry is called, one and many; `notes` are a report's personal notes. */
function words(kind: string): [string, string] {
  if (kind === 'notes') return ['personal note', 'personal notes'];
  return KIND_WORDS[kind as Kind] ?? [kind, kind];
}

function allowedPreference(key: string, value: unknown): boolean {
  try {
    storedPreference(parsePreferenceKey(key), value);
    return true;
  } catch {
    return false;
  }
}

/** Runs `work`; if it fails, removes every file it recorded as created, so a failed import leaves nothing. */
async function withCleanup<T>(work: (created: string[]) => Promise<T>): Promise<T> {
  const created: string[] = [];
  try {
    return await work(created);
  } catch (err) {
    for (const f of created) fs.rmSync(f, { force: true });
    throw err;
  }
}


/** Writes each file once (never over an existing file with other content); records what it created. */
function writeFiles(dir: string, files: Record<string, string>, created: string[]): void {
  const names = Object.keys(files);
  if (names.length === 0) return;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const name of names) {
      const target = path.resolve(dir, name);
      if (path.relative(dir, target).startsWith('..')) throw new UserError(`The backup names an unsafe file: ${name}; nothing was changed.`);
      if (fs.existsSync(target)) {
        if (readIfThere(target) === files[name]) continue;
        throw new UserError(`${target} already exists with other content; nothing was changed.`, 'Move it away and import again.');
      }
      fs.writeFileSync(target, files[name]!, { flag: 'wx', mode: 0o600 });
      created.push(target);
    }
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`Cannot write goal files into ${dir}: ${reason(err)}; nothing was changed.`, 'Check that folder, or set another: mtl config set goalsDir <folder>');
  }
}

/** The four lists every data folder has, always named; then every other kind that has entries. */
function summary(data: Data | Backup['data']): string {
  const praise = Array.isArray(data.praise) ? data.praise : data.praise.all();
  const count = (kind: Kind) => (kind === 'praise' ? praise.length : kind === 'members' ? data.members.filter((m) => !m.removed).length : (data[kind] as unknown[]).length);
  const always: Kind[] = ['assessments', 'goals', 'members', 'praise'];
  const others = KINDS.filter((k) => !always.includes(k) && count(k) > 0);
  return [...always, ...others].map((k) => plural(count(k), ...KIND_WORDS[k])).join(', ');
}
