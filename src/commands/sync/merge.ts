import fs from 'node:fs';
import path from 'node:path';
import { mergeThreeWay, type MergeConflict, type Renumbering } from '../../core/sync-merge.js';
import type { Records } from '../../core/model.js';
import { DATA_FILE, KIND_FILES, readFolderRecords, SYNC_MERGE_MARK } from '../../store/store.js';
import { PRAISE_DIR } from '../../store/praise-files.js';
import { isGoalFileInside } from '../../store/paths.js';
import { DamagedFileError, UserError } from '../../errors.js';
import { shellWord } from '../../core/text.js';
import { JOURNAL_FILE } from '../../store/journal.js';
import type { Git } from './git.js';

/**
 * The merge `mtl sync` makes of the local commit and the remote one, against their common ancestor:
 * the data files record by record (core/sync-merge.ts), every other file of the folder (goal files,
 * templates) as a whole file, with git's line merge where both machines edited one. Nothing is
 * written to the data folder here; `apply` in run.ts does that, under the lock.
 */

export interface FolderMerge {
  records: Records;
  counters: Record<string, number>;
  renumbered: Renumbering[];
  conflicts: MergeConflict[];
  /** Files other than the data files whose content changes: the new bytes, or null to remove. */
  files: Map<string, Buffer | null>;
  /** Goal files outside the repository (a goalsDir elsewhere) to rename with their goal's new id. */
  outsideRenames: { from: string; to: string }[];
  /** What the merge of other files could not do cleanly, one line each. */
  fileNotes: string[];
}

/**
 * What stays on each machine: derived, private to this machine, or present only while mtl writes.
 * Lines of .gitignore (a name without `/`: at any depth), and what a remote commit may never hold.
 */
export const IGNORED = [SYNC_MERGE_MARK, 'mtl.lock', JOURNAL_FILE, 'nudge.json', 'nudge.log', 'config.json', 'mtl.v2.json', '*.tmp', 'mtl.json.bak', 'mtl.json.index'];

// The names hold letters, digits, `.`, `-` and `*` (any characters but `/`).
const LOCAL_NAMES = IGNORED.map((p) => new RegExp(`^${p.replace(/\./g, '\\.').replace(/\*/g, '[^/]*')}$`, 'i'));

/**
 * A path the IGNORED lines match as git matches them: any part of it (a folder of that name holds
 * only ignored files). Case aside, and the dots and spaces Windows drops from a name's end: on such
 * a file system `MTL.LOCK` and `mtl.lock.` are this machine's mtl.lock.
 */
export function isMachineLocal(file: string): boolean {
  return file.split('/').some((part) => {
    const name = part.replace(/[ .]+$/, '');
    return LOCAL_NAMES.some((re) => re.test(name));
  });
}

/**
 * Before anything of a remote commit is committed over, merged or checked out: it holds only what
 * git would check out (Git.tree) and none of the files that are each machine's own. git overwrites
 * an ignored file when it checks out a commit that tracks it: a remote's mtl.lock would stop every
 * write here, its config.json change the preferences, its undo.jsonl tell mtl undo what to revert.
 */
export function checkIncoming(git: Git, remote: string, remoteName: string): void {
  const tree = git.tree(remote, { whose: `${remoteName}'s commit ${short(remote)}` });
  const local = [...tree.keys()].filter(isMachineLocal);
  if (!local.length) return;
  const one = local.length === 1;
  throw new UserError(
    `${remoteName}'s commit ${short(remote)} holds ${one ? 'a file' : 'files'} that each machine keeps for itself and mtl never syncs: ${local.slice(0, 5).map((f) => JSON.stringify(f)).join(', ')}${local.length > 5 ? ` and ${local.length - 5} more` : ''}; nothing was changed here.`,
    `${one ? 'It was' : 'They were'} added to the remote outside mtl (git add -f). Remove ${one ? 'it' : 'them'} there: in a clone of the remote, git rm --cached -- ${local.map(shellWord).join(' ')}, then commit and push. Then run mtl sync again.`,
  );
}

const DATA_PATHS = new Set([DATA_FILE, ...Object.values(KIND_FILES)]);

/** A file the record merge handles: mtl.json, a record file or a praise quarter. */
export function isDataPath(file: string): boolean {
  return DATA_PATHS.has(file) || new RegExp(`^${PRAISE_DIR}/[^/]+\\.jsonl$`).test(file);
}

/**
 * Merges `local` into `remote` (the commit other machines already have): entries new on both sides
 * with the same id are renumbered on the local side, whose ids nobody else has seen yet.
 * `goalsFolder` is the goals folder relative to the data folder (`goals`), or undefined when it is
 * elsewhere.
 */
export function mergeFolders(git: Git, base: string | undefined, local: string, remote: string, goalsFolder: string | undefined, remoteName: string): FolderMerge {
  const trees = { base: git.tree(base), local: git.tree(local), remote: git.tree(remote, { whose: `What ${remoteName} holds` }) };
  const read = readTrees(git, trees, { base: `the last commit both machines had (${short(base)})`, local: `this machine's last commit (${short(local)})`, remote: `${remoteName}'s commit ${short(remote)}` });
  checkGoalFiles(read.remote.records, remoteName);
  const counters = { ...read.remote.counters };
  for (const [prefix, n] of Object.entries(read.local.counters)) counters[prefix] = Math.max(counters[prefix] ?? 0, n);
  const merged = mergeThreeWay(read.base.records, read.remote.records, read.local.records, counters);

  const renames = new Map<string, string>();
  const outsideRenames: FolderMerge['outsideRenames'] = [];
  for (const r of merged.renumbered) {
    if (!r.file || r.file.from === r.file.to) continue;
    if (goalsFolder !== undefined && !path.isAbsolute(r.file.from)) renames.set(`${goalsFolder}/${r.file.from}`, `${goalsFolder}/${r.file.to}`);
    else outsideRenames.push(r.file);
  }
  // Each machine's own files are never merged (checkIncoming refuses a remote's; this machine's stay).
  const others = (tree: Map<string, string>) => new Map([...tree].filter(([file]) => !isDataPath(file) && !isMachineLocal(file)));
  const local2 = new Map<string, string>();
  for (const [file, id] of others(trees.local)) local2.set(renames.get(file) ?? file, id);
  const { files, notes } = mergeOtherFiles(git, others(trees.base), others(trees.local), local2, others(trees.remote));
  return { records: merged.merged, counters: merged.counters, renumbered: merged.renumbered, conflicts: merged.conflicts, files, outsideRenames, fileNotes: notes };
}

const short = (commit: string | undefined) => commit?.slice(0, 7) ?? 'none';

/**
 * What the remote's commit holds, checked before a fast-forward takes it as it is: plain files only,
 * data files mtl can read, goal files inside the goals folder.
 */
export function checkRemote(git: Git, remote: string, remoteName: string): void {
  const tree = git.tree(remote, { whose: `What ${remoteName} holds` });
  const read = readTrees(git, { remote: tree }, { remote: `${remoteName}'s commit ${short(remote)}` });
  checkGoalFiles(read.remote.records, remoteName);
}

/**
 * The data files of commits, read by the store's own reader from private copies; a damaged one is
 * named as the commit's file (the copy is gone by the time anyone reads the message).
 */
function readTrees<K extends string>(git: Git, trees: Record<K, Map<string, string>>, names: Record<K, string>): Record<K, ReturnType<typeof readFolderRecords>> {
  const scratch = fs.mkdtempSync(path.join(git.dir, '.git', 'mtl-sync-'));
  try {
    const wanted = Object.values<Map<string, string>>(trees).flatMap((tree) => [...tree].filter(([file]) => isDataPath(file)).map(([, id]) => id));
    const blobs = git.blobs(wanted);
    const read = {} as Record<K, ReturnType<typeof readFolderRecords>>;
    for (const name of Object.keys(trees) as K[]) {
      const dir = path.join(scratch, name);
      fs.mkdirSync(path.join(dir, PRAISE_DIR), { recursive: true, mode: 0o700 });
      for (const [file, id] of trees[name]) if (isDataPath(file)) fs.writeFileSync(path.join(dir, file), blobs.get(id)!, { mode: 0o600 });
      try {
        read[name] = readFolderRecords(dir);
      } catch (err) {
        const repair = 'Repair it where it was made (git log -p on that file shows who changed what), then run mtl sync again.';
        if (err instanceof DamagedFileError) {
          const file = path.relative(dir, err.file).split(path.sep).join('/');
          throw new UserError(`${names[name]}: ${file} is damaged: ${err.what}.\nNothing was changed here.`, repair);
        }
        if (err instanceof UserError) throw new UserError(`${names[name]} cannot be read: ${err.message.replace(/\.$/, '')}.\nNothing was changed here.`, repair);
        throw err;
      }
    }
    return read;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** A goal's file from elsewhere names a file in the goals folder: never a path out of it. */
function checkGoalFiles(records: Records, remoteName: string): void {
  const bad = records.goals.filter((g) => !isGoalFileInside(g.file));
  if (bad.length) {
    throw new UserError(
      `${remoteName} names goal files outside the goals folder (${bad.slice(0, 3).map((g) => `${g.id}: ${JSON.stringify(g.file)}`).join(', ')}); nothing was changed here.`,
      'A goal file is named relative to the goals folder (g3-weekly-demos.md). Repair goals.jsonl where it was made, then run mtl sync again.',
    );
  }
}

/**
 * Whole files, three-way: a file changed on one side takes that change (a removal too); changed on
 * both, git's line merge, and where the same lines changed, the lines of both sides (no conflict
 * markers), with a note. A file removed on one side and edited on the other is kept, edited.
 * Returns only the files whose content on disk (`diskLocal`, before renames) must change.
 */
function mergeOtherFiles(git: Git, base: Map<string, string>, diskLocal: Map<string, string>, local: Map<string, string>, remote: Map<string, string>) {
  const result = new Map<string, string | null>();
  const textMerges: string[] = [];
  const notes: string[] = [];
  for (const file of new Set([...base.keys(), ...local.keys(), ...remote.keys()])) {
    const [b, l, r] = [base.get(file), local.get(file), remote.get(file)];
    if (l === r || r === b) result.set(file, l ?? null);
    else if (l === b) result.set(file, r ?? null);
    else if (l === undefined || r === undefined) {
      result.set(file, l ?? r!);
      notes.push(`${file}: removed on one machine and edited on the other; kept, edited.`);
    } else textMerges.push(file);
  }
  const blobs = git.blobs([...result.values(), ...textMerges.flatMap((f) => [base.get(f), local.get(f), remote.get(f)])].filter((id): id is string => !!id));
  const files = new Map<string, Buffer | null>();
  for (const [file, id] of result) {
    if (id !== (diskLocal.get(file) ?? null)) files.set(file, id === null ? null : blobs.get(id)!);
  }
  for (const file of diskLocal.keys()) if (!result.has(file) && !textMerges.includes(file)) files.set(file, null);
  for (const file of textMerges) {
    const side = (m: Map<string, string>) => blobs.get(m.get(file) ?? '') ?? Buffer.alloc(0);
    const { bytes, clean } = lineMerge(git, side(local), side(base), side(remote));
    files.set(file, bytes);
    if (!clean) notes.push(`${file}: both machines changed the same lines; it now holds the lines of both. Read it through and keep what you want.`);
  }
  return { files, notes };
}

/** git merge-file on three versions: clean, or with `--union` (both sides' lines, no markers). */
function lineMerge(git: Git, ours: Buffer, base: Buffer, theirs: Buffer): { bytes: Buffer; clean: boolean } {
  const scratch = fs.mkdtempSync(path.join(git.dir, '.git', 'mtl-sync-'));
  try {
    const names = ['ours', 'base', 'theirs'].map((n) => path.join(scratch, n));
    [ours, base, theirs].forEach((bytes, i) => fs.writeFileSync(names[i]!, bytes, { mode: 0o600 }));
    const plain = git.run(['merge-file', '-p', ...names]);
    if (plain.status === 0) return { bytes: plain.stdout, clean: true };
    const union = git.run(['merge-file', '-p', '--union', ...names]);
    // A file git cannot merge by lines (binary): this machine's version stays.
    return union.status === 0 ? { bytes: union.stdout, clean: false } : { bytes: ours, clean: false };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
