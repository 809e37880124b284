import fs from 'node:fs';
import { mergeThreeWay } from '../../core/sync-merge.js';
import { KINDS, type Kind, type Records } from '../../core/model.js';
import { UserError } from '../../errors.js';
import { writeAtomic } from '../../store/files.js';
import { checkedCounters } from '../../store/legacy.js';
import { readRecordFile } from '../../store/records.js';
import { DATA_FORMAT, DATA_VERSION, KIND_FILES } from '../../store/store.js';

/**
 * git's merge driver for one of mtl's data files, for a `git merge` or `git pull` run by hand:
 * `mtl sync __merge-file %O %A %B %P`. It merges the file entry by entry when the file alone is enough
 * (the id counters; entries that need no renumbering), writing the result over %A. Otherwise it
 * leaves %A (this machine's version) as it is, never with conflict markers, and fails, so git
 * reports the file as not merged and the message says how to go on.
 */
export function mergeDataFile(base: string, ours: string, theirs: string, name: string, isDataPath: (file: string) => boolean): void {
  const giveUp = (why: string) =>
    new UserError(`${name}: ${why}; it was left as it is on this machine, without conflict markers.`, "mtl merges its data folder as a whole: run git merge --abort (or git rebase --abort), then mtl sync.");
  if (!isDataPath(name)) throw giveUp('it is not one of mtl\'s data files');
  for (const file of [base, ours, theirs]) if (!fs.existsSync(file)) throw giveUp(`git gave a file that is not there (${file})`);
  if (name === 'mtl.json') return writeAtomic(ours, mergedHeader([base, ours, theirs], giveUp));
  const kind = (name.startsWith('praise/') ? 'praise' : KINDS.find((k) => KIND_FILES[k as keyof typeof KIND_FILES] === name)) as Kind | undefined;
  if (!kind) throw giveUp('mtl does not know what it holds');
  const side = (file: string): Records => {
    const records = Object.fromEntries(KINDS.map((k) => [k, []])) as unknown as Records;
    (records[kind] as unknown[]) = readRecordFile(file, kind).records;
    return records;
  };
  const [b, o, t] = [side(base), side(ours), side(theirs)];
  const result = mergeThreeWay(b, o, t, {});
  if (result.renumbered.length) throw giveUp(`both sides made ${result.renumbered.map((r) => r.from).join(', ')}, which must be renumbered in every file`);
  // Praise leaves a quarter's file when its day moves to another quarter: removed here may be added
  // in a file this driver does not see, and keeping the other side's change here would make two.
  const moved = kind === 'praise' ? result.conflicts.filter((c) => c.reason === 'removed and changed') : [];
  if (moved.length) throw giveUp(`${moved.map((c) => c.id).join(', ')} left this file on one side (perhaps for another quarter's) and changed on the other`);
  const kept = new Set((result.merged[kind] as { id: string }[]).map((e) => e.id));
  const gone = [...(o[kind] as { id: string }[]), ...(t[kind] as { id: string }[])].filter((e) => !kept.has(e.id));
  // Entries about a removed report live in other files, which this driver does not see.
  if (kind === 'members' && gone.length) throw giveUp(`a report was removed (${gone.map((e) => e.id).join(', ')}), and entries about them may live in other files`);
  const lines = (result.merged[kind] as unknown[]).map((e) => JSON.stringify(e));
  writeAtomic(ours, lines.length ? `${lines.join('\n')}\n` : '');
}

/** mtl.json of both sides: the same format and version, and every counter at the higher of the two. */
function mergedHeader(files: string[], giveUp: (why: string) => Error): string {
  const counters: Record<string, number> = {};
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    if (text.trim() === '') continue;
    let doc: { format?: unknown; version?: unknown; counters?: unknown };
    try {
      doc = JSON.parse(text) as typeof doc;
      if (doc.format !== DATA_FORMAT || doc.version !== DATA_VERSION) throw new Error();
      for (const [prefix, n] of Object.entries(checkedCounters(doc.counters, file))) counters[prefix] = Math.max(counters[prefix] ?? 0, n);
    } catch {
      throw giveUp(`one side is not an mtl data file of version ${DATA_VERSION}`);
    }
  }
  return `${JSON.stringify({ format: DATA_FORMAT, version: DATA_VERSION, counters })}\n`;
}
