import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Ctx } from '../../context.js';
import { checkSchedulerPaths } from '../../core/cron.js';
import { FIELD_WORDS, KIND_WORDS, type Kind, type Member } from '../../core/model.js';
import { WHOLE_ENTRY, type MergeConflict, type Renumbering } from '../../core/sync-merge.js';
import { requireLine, sameNameLines } from '../../core/team.js';
import { plural, shellWord } from '../../core/text.js';
import { UserError } from '../../errors.js';
import { ensureDataDir, readIfThere, reason, writeAtomic } from '../../store/files.js';
import { clearJournal } from '../../store/journal.js';
import { withLock, type Lock } from '../../store/lock.js';
import { goalsDirFor } from '../../store/paths.js';
import { readPreferences } from '../../store/preferences.js';
import { DATA_FILE, KIND_FILES, openStore, SYNC_MERGE_MARK, writeFolderRecords } from '../../store/store.js';
import { readRecordFile } from '../../store/records.js';
import { PRAISE_DIR } from '../../store/praise-files.js';
import { quarterOf } from '../../core/dates.js';
import { printJson, prose } from '../../ui/output.js';
import { programPaths, sinceText } from '../schedule/common.js';
import { configKey, Git } from './git.js';
import { ENTRY_KINDS, parseEntryId, type EditFlag } from '../../core/entries.js';
import { checkIncoming, checkRemote, IGNORED, isDataPath, mergeFolders, type FolderMerge } from './merge.js';

const REMOTE = 'origin';

const ATTRIBUTES = ['mtl.json merge=mtl -text', '*.jsonl merge=mtl -text'];

interface SyncOutcome {
  remote: string;
  branch: string;
  committed: boolean;
  /** What happened with the other machines' commits. */
  received: 'nothing' | 'fast-forward' | 'merged';
  sent: number;
  renumbered: Renumbering[];
  /** A report's name or a goal's title, by its id after the merge, for the renumbered ones. */
  labels: Record<string, string>;
  conflicts: MergeConflict[];
  fileNotes: string[];
  /** A sync stopped while it wrote its merge was undone first. */
  recovered: boolean;
}

export async function init(ctx: Ctx, remote: string, opts: { json?: boolean }): Promise<void> {
  const url = requireLine(remote, 'The remote');
  if (url.startsWith('-')) throw new UserError(`The remote '${url}' starts with '-', which git would read as an option.`, 'Give a repository address, for example git@github.com:you/mtl-data.git or /path/to/mtl-data.git.');
  const git = new Git(ctx.dataDir, ctx);
  // Before anything is made: without git there is nothing to set up.
  git.version();
  ensureDataDir(ctx.dataDir);
  await openStore(ctx.dataDir);
  const adopted = git.isOwnRepository();
  if (adopted) refuseUnfinished(git);
  if (!adopted) {
    git.text(['init', '-q']);
    // Not `git init -b`: older gits lack it.
    git.text(['symbolic-ref', 'HEAD', 'refs/heads/main']);
  }
  const before = git.run(['remote', 'get-url', REMOTE]);
  const was = before.ok ? before.stdout.toString('utf8').trim() : undefined;
  if (was === undefined) git.text(['remote', 'add', REMOTE, '--', url]);
  else if (was !== url) git.text(['remote', 'set-url', REMOTE, '--', url]);
  setUp(git, ctx);
  followRemoteBranch(git);
  ctx.io.err(`${adopted ? 'Using the git repository' : 'Made a git repository'} in ${ctx.dataDir}, syncing with ${shownRemote(url)}${was && was !== url ? ` (it was ${shownRemote(was)})` : ''}.\n`);
  const outcome = await syncFolder(ctx, git);
  report(ctx, outcome, opts);
  ctx.io.err('Run mtl sync on each machine to keep them the same (mtl sync init <the same remote> on a new one).\n');
}

export async function sync(ctx: Ctx, opts: { json?: boolean }): Promise<void> {
  const git = repository(ctx);
  refuseUnfinished(git);
  await openStore(ctx.dataDir);
  setUp(git, ctx);
  report(ctx, await syncFolder(ctx, git), opts);
}

export async function status(ctx: Ctx, opts: { json?: boolean }): Promise<void> {
  const git = new Git(ctx.dataDir, ctx);
  if (!fs.existsSync(ctx.dataDir) || !git.isOwnRepository()) {
    if (opts.json) return printJson(ctx.io, { synced: false, dataDir: ctx.dataDir });
    ctx.io.out(`Never synced: ${ctx.dataDir} is not a git repository.\nStart with: mtl sync init <remote>   (a private repository, for example git@github.com:you/mtl-data.git)\n`);
    return;
  }
  const branch = currentBranch(git);
  const urlRun = git.run(['remote', 'get-url', REMOTE]);
  const url = urlRun.ok ? urlRun.stdout.toString('utf8').trim() : undefined;
  const pending = git.text(['status', '--porcelain', '-z', '--untracked-files=all']).split('\0').filter(Boolean).length;
  const remoteHead = git.commit(`refs/remotes/${REMOTE}/${remoteBranch(git, branch)}`);
  const head = git.commit('HEAD');
  const ahead = head ? Number(git.text(['rev-list', '--count', head, ...(remoteHead ? [`^${remoteHead}`] : [])])) : 0;
  const behind = head && remoteHead ? Number(git.text(['rev-list', '--count', remoteHead, `^${head}`])) : 0;
  const fetched = fs.statSync(path.join(ctx.dataDir, '.git', 'FETCH_HEAD'), { throwIfNoEntry: false })?.mtime;
  const unfinished = unfinishedOperation(git);
  if (opts.json) {
    return printJson(ctx.io, { synced: true, dataDir: ctx.dataDir, remote: url ? shownRemote(url) : null, branch, lastSync: fetched?.toISOString() ?? null, changedFiles: pending, ahead, behind, unfinished: unfinished?.what ?? null });
  }
  const lines = [
    url ? `Syncs with ${shownRemote(url)}, branch ${branch}.` : `No remote named ${REMOTE}: run mtl sync init <remote>.`,
    fetched ? `Last sync: ${sinceText(ctx.now.getTime() - fetched.getTime())} (${fetched.toISOString().slice(0, 16).replace('T', ' ')} UTC).` : 'Never synced with the remote yet.',
    pending ? `Changed here since the last sync: ${plural(pending, 'file')}.` : 'No change here since the last sync.',
    `As of the last sync: ${plural(ahead, 'commit')} here not yet sent, ${behind} from the remote not yet merged.`,
  ];
  if (unfinished) lines.push(`Unfinished: ${unfinished.what} started outside mtl; mtl sync waits until it is finished or undone (git ${unfinished.undo}).`);
  else if (pending || ahead || behind) lines.push('Run: mtl sync');
  ctx.io.out(prose(ctx.io, lines.join('\n') + '\n'));
}

/** The data folder's own repository, or a refusal that says how to start. */
function repository(ctx: Ctx): Git {
  const git = new Git(ctx.dataDir, ctx);
  if (!fs.existsSync(ctx.dataDir) || !git.isOwnRepository()) {
    throw new UserError(`${ctx.dataDir} is not synced yet (it is not a git repository).`, 'Start with: mtl sync init <remote>   (a private repository you own; see mtl sync init --help)');
  }
  // From the settings a sync reads anyway (git config --list), not another git run.
  if (!git.config().has(`remote.${REMOTE}.url`)) throw new UserError(`The repository in ${ctx.dataDir} has no remote named ${REMOTE}.`, 'Add one with: mtl sync init <remote>');
  return git;
}

function currentBranch(git: Git): string {
  const r = git.run(['symbolic-ref', '--short', '-q', 'HEAD']);
  if (!r.ok) throw new UserError(`The repository in ${git.dir} is not on a branch (a detached HEAD).`, `Go back to your branch with: git -C ${shellWord(git.dir)} switch main   (or the branch you sync)`);
  return r.stdout.toString('utf8').trim();
}

/**
 * What a repository for mtl needs, checked at every sync (cheap, and it heals a moved mtl): the
 * private files ignored, mtl's data files marked for mtl's merge driver, and the driver's command.
 */
function setUp(git: Git, ctx: Ctx): void {
  addLines(path.join(git.dir, '.gitignore'), IGNORED, '# mtl: files that belong to this machine only (written by mtl sync init)');
  addLines(path.join(git.dir, '.gitattributes'), ATTRIBUTES, "# mtl: its data files are merged entry by entry by mtl's own driver, never with conflict markers");
  const { node, script } = programPaths(ctx);
  checkSchedulerPaths({ dataDir: ctx.dataDir, node, script }, "git's merge driver setting");
  // git expands %O %A %B %P in the command (and %% to %), and runs it with the shell.
  const driver = `${[node, script].map((p) => shellWord(p).replace(/%/g, '%%')).join(' ')} sync __merge-file %O %A %B %P`;
  // git makes the files of .git, and those it checks out, readable by all unless told otherwise.
  fs.chmodSync(path.join(git.dir, '.git'), 0o700);
  // fetch.fsckObjects: git refuses objects that are malformed or name paths such as .. or .git.
  const local = git.config('local');
  for (const [key, value] of [['core.sharedRepository', '0600'], ['fetch.fsckObjects', 'true'], ['merge.mtl.name', "mtl's entry-by-entry merge"], ['merge.mtl.driver', driver]] as const) {
    if (local.get(configKey(key)) !== value) git.setConfig(key, value);
  }
}

/** The files git wrote into the folder, owner-only as mtl's own are (git uses the umask). */
function ownerOnly(git: Git): void {
  for (const file of git.text(['ls-files', '-z']).split('\0').filter(Boolean)) {
    const full = path.join(git.dir, ...file.split('/'));
    try {
      if (fs.lstatSync(full).isFile()) fs.chmodSync(full, 0o600);
      for (let dir = path.dirname(full); dir.startsWith(git.dir + path.sep); dir = path.dirname(dir)) fs.chmodSync(dir, 0o700);
    } catch {
      // Gone meanwhile: nothing to protect.
    }
  }
}

function addLines(file: string, lines: string[], heading: string): void {
  const text = readIfThere(file) ?? '';
  const have = new Set(text.split(/\r?\n/).map((l) => l.trim()));
  const missing = lines.filter((l) => !have.has(l));
  if (!missing.length) return;
  const start = text === '' || text.endsWith('\n') ? text : `${text}\n`;
  writeAtomic(file, `${start}${have.has(heading) ? '' : `${heading}\n`}${missing.join('\n')}\n`);
}

/** Commit, fetch, merge, push: git's work, with the data folder's lock held while files change. */
async function syncFolder(ctx: Ctx, git: Git): Promise<SyncOutcome> {
  const branch = currentBranch(git);
  const urlRun = git.run(['remote', 'get-url', REMOTE]);
  const remote = shownRemote(urlRun.stdout.toString('utf8').trim());
  const target = remoteBranch(git, branch);
  const remoteRef = `refs/remotes/${REMOTE}/${target}`;
  const outcome: SyncOutcome = { remote, branch: target, committed: false, received: 'nothing', sent: 0, renumbered: [], labels: {}, conflicts: [], fileNotes: [], recovered: false };
  // Every step that changes the folder or commits it first finishes what a stopped sync left.
  const locked = <T>(work: (lock: Lock) => T) =>
    withLock(ctx.dataDir, (lock) => {
      outcome.recovered = recoverMerge(ctx, git) || outcome.recovered;
      return work(lock);
    });
  // A push refused because another machine pushed meanwhile: fetch and merge again.
  for (let attempt = 1; ; attempt++) {
    const fetched = git.run(['fetch', '--quiet', '--no-tags', REMOTE], { network: true });
    if (!fetched.ok) {
      const committed = await locked(() => commitLocal(git, 'changes'));
      throw offline(ctx, git, `Could not fetch from ${remote}: ${fetched.said}`, committed || outcome.committed);
    }
    await locked((lock) => {
      const remoteHead = git.commit(remoteRef);
      const was = git.commit('HEAD');
      // Something to take in from the remote: checked before this machine commits or writes anything.
      const incoming = remoteHead !== undefined && remoteHead !== was && !(was && isAncestor(git, remoteHead, was));
      if (incoming) checkIncoming(git, remoteHead, remote);
      outcome.committed = commitLocal(git, 'changes') || outcome.committed;
      const head = git.commit('HEAD');
      if (!incoming || !head) return;
      if (isAncestor(git, head, remoteHead)) {
        // git checks the paths it checks out, not what mtl reads: the data, and where goal files are.
        checkRemote(git, remoteHead, remote);
        git.text(['merge', '--ff-only', '--quiet', remoteHead]);
        ownerOnly(git);
        clearJournal(ctx.dataDir);
        outcome.received = 'fast-forward';
        return;
      }
      const base = git.run(['merge-base', head, remoteHead]);
      const merge = mergeFolders(git, base.ok ? base.stdout.toString('utf8').trim() : undefined, head, remoteHead, goalsFolder(ctx.dataDir), remote);
      apply(ctx, git, lock, merge, head, remoteHead);
      Object.assign(outcome, { received: 'merged', renumbered: merge.renumbered, labels: labels(merge), conflicts: merge.conflicts, fileNotes: merge.fileNotes });
    });
    const remoteHead = git.commit(remoteRef);
    const ahead = Number(git.text(['rev-list', '--count', 'HEAD', ...(remoteHead ? [`^${remoteHead}`] : [])]));
    if (!ahead) return outcome;
    const pushed = git.run(['push', '--quiet', '--set-upstream', REMOTE, `HEAD:refs/heads/${target}`], { network: true });
    if (pushed.ok) {
      outcome.sent = ahead;
      return outcome;
    }
    // Another machine pushed first, or was pushing at the same moment: fetch, merge and push again.
    const raced = /\[rejected\]|non-fast-forward|fetch first|cannot lock ref|failed to update ref/.test(pushed.said);
    if (!raced || attempt === 3) throw offline(ctx, git, `Could not push to ${remote}: ${pushed.said}`, true, outcome);
  }
}

/**
 * The remote's data may already be on a branch of another name (master): this branch syncs with the
 * remote's default branch, and a repository without commits yet takes its name. Offline, nothing is
 * decided here (the fetch that follows says so).
 */
function followRemoteBranch(git: Git): void {
  const branch = currentBranch(git);
  const heads = git.run(['ls-remote', '--symref', REMOTE, 'HEAD'], { network: true });
  let name = heads.ok ? /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(heads.stdout.toString('utf8') || '')?.[1] : undefined;
  // A bare repository made by `git init --bare` names master as its default even when the first
  // machine pushed another branch: its one branch is where the data is.
  if (heads.ok && !/^[0-9a-f]+\tHEAD$/m.test(heads.stdout.toString('utf8'))) {
    const branches = git.run(['ls-remote', '--heads', REMOTE], { network: true });
    const names = branches.ok ? [...branches.stdout.toString('utf8').matchAll(/^[0-9a-f]+\trefs\/heads\/(\S+)$/gm)].map((m) => m[1]!) : [];
    if (names.length === 1) name = names[0];
  }
  if (!name || name === branch) return;
  if (!git.commit('HEAD')) {
    git.text(['symbolic-ref', 'HEAD', `refs/heads/${name}`]);
    return;
  }
  git.setConfig(`branch.${branch}.remote`, REMOTE);
  git.setConfig(`branch.${branch}.merge`, `refs/heads/${name}`);
}

/** The branch of the remote this branch syncs with: its upstream, else the same name. */
function remoteBranch(git: Git, branch: string): string {
  const name = (git.config().get(configKey(`branch.${branch}.merge`)) ?? '').trim().replace(/^refs\/heads\//, '');
  return name || branch;
}

/**
 * A merge `apply` was writing when the process was stopped (killed, a power cut): the folder is part
 * old, part merged. It is put back as the commit the merge started from (every change before it was
 * committed, and nothing could write meanwhile: the store refuses while the mark is there); the
 * sync then merges again. Says whether there was one.
 */
function recoverMerge(ctx: Ctx, git: Git): boolean {
  const mark = path.join(ctx.dataDir, SYNC_MERGE_MARK);
  const text = readIfThere(mark);
  if (text === undefined) return false;
  let started: { head?: unknown; created?: unknown } = {};
  try {
    started = JSON.parse(text) as typeof started;
  } catch {
    // A mark cut short: written before any file of the merge was.
  }
  if (typeof started.head === 'string' && git.commit('HEAD') === started.head) {
    git.text(['reset', '--quiet', '--hard', started.head]);
    ownerOnly(git);
    const tracked = git.tree(started.head);
    for (const file of Array.isArray(started.created) ? started.created : []) {
      if (typeof file === 'string' && !tracked.has(file) && safeInside(file)) fs.rmSync(path.join(ctx.dataDir, ...file.split('/')), { force: true });
    }
    clearJournal(ctx.dataDir);
  }
  fs.rmSync(mark, { force: true });
  return true;
}

const safeInside = (file: string) => !file.split('/').some((p) => p === '..' || p === '' || p === '.git');

/**
 * A git operation started by hand and left half done: a `git pull` stopped on a conflict (mtl's
 * merge driver stops it when entries need renumbering), a cherry-pick, a revert, a rebase, a stash
 * that did not apply cleanly. Committing over it would finish it with this machine's side of every
 * file it left unmerged, and the next sync would send that to the other machines: their entries gone.
 */
function unfinishedOperation(git: Git): { what: string; undo: string; or?: string } | undefined {
  const dotGit = path.join(git.dir, '.git');
  const gitDir = fs.statSync(dotGit, { throwIfNoEntry: false })?.isDirectory() ? dotGit : git.text(['rev-parse', '--absolute-git-dir']);
  const states = [
    { file: 'MERGE_HEAD', what: 'a merge (a git pull or git merge)', undo: 'merge --abort' },
    { file: 'CHERRY_PICK_HEAD', what: 'a cherry-pick', undo: 'cherry-pick --abort' },
    { file: 'REVERT_HEAD', what: 'a revert', undo: 'revert --abort' },
    { file: 'rebase-merge', what: 'a rebase', undo: 'rebase --abort' },
    { file: 'rebase-apply', what: 'a rebase or git am', undo: 'rebase --abort', or: 'git am --abort' },
  ];
  const found = states.find((s) => fs.existsSync(path.join(gitDir, s.file)));
  if (found) return found;
  if (git.text(['ls-files', '--unmerged']) !== '') return { what: 'a change with files still unmerged', undo: 'checkout HEAD -- .', or: 'resolve them and git commit' };
  return undefined;
}

/** Called before a sync or an init changes anything: see unfinishedOperation. */
function refuseUnfinished(git: Git): void {
  const unfinished = unfinishedOperation(git);
  if (!unfinished) return;
  throw new UserError(
    `The repository in ${git.dir} is in the middle of ${unfinished.what} started outside mtl; mtl has not changed or committed anything.`,
    `Finish it by hand, or undo it: git -C ${shellWord(git.dir)} ${unfinished.undo}${unfinished.or ? `   (or ${unfinished.or})` : ''}\nThen run mtl sync again: it merges entry by entry, without conflicts.`,
  );
}

/** Commits every change in the folder (the ignored files aside); says whether there was one. */
function commitLocal(git: Git, what: string): boolean {
  git.text(ADD_ALL);
  if (git.run(['diff', '--cached', '--quiet']).ok && git.commit('HEAD')) return false;
  git.text([...identity(git), 'commit', '--quiet', '--allow-empty', '-m', `mtl: ${what} on ${host()}`]);
  return true;
}

/**
 * `git add --all`, but never a file of IGNORED: .gitignore says so too, but a .gitignore merged from
 * a remote could say otherwise (`!config.json`), and this machine's own files would be sent.
 */
const ADD_ALL = ['add', '--all', '--', '.', ...IGNORED.flatMap((p) => [`:(exclude,glob,icase)**/${p}`, `:(exclude,glob,icase)**/${p}/**`])];

/** A commit needs a name and an address; where git has none set, mtl's. */
function identity(git: Git): string[] {
  const settings = git.config();
  // git refuses an empty name or address as it refuses a missing one.
  return settings.get('user.name')?.trim() && settings.get('user.email')?.trim() ? [] : ['-c', `user.name=mtl on ${host()}`, '-c', 'user.email=mtl@localhost'];
}

function host(): string {
  return os.hostname().replace(/[^\w.-]/g, '') || 'this machine';
}

function isAncestor(git: Git, ancestor: string, of: string): boolean {
  return git.run(['merge-base', '--is-ancestor', ancestor, of]).ok;
}

/** The goals folder relative to the data folder, with `/`; undefined when it is elsewhere. */
function goalsFolder(dataDir: string): string | undefined {
  const relative = path.relative(dataDir, goalsDirFor(dataDir, readPreferences(dataDir)));
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? undefined : relative.split(path.sep).join('/');
}

/**
 * Writes the merge into the folder and records it as a merge commit of both sides. If any step
 * fails, the folder is put back as the local commit had it, and the error says so.
 */
function apply(ctx: Ctx, git: Git, lock: Lock, merge: FolderMerge, head: string, remoteHead: string): void {
  // First the mark, naming what the merge may create: a merge stopped half-way is undone by the next
  // sync (recoverMerge), and no other command writes into a half-merged folder meanwhile.
  const tracked = git.tree(head);
  const quarters = merge.records.praise.map((p) => `${PRAISE_DIR}/${quarterOf(p.date)}.jsonl`);
  const others = [...merge.files].filter(([, bytes]) => bytes !== null).map(([file]) => file);
  const created = [...new Set([DATA_FILE, ...Object.values(KIND_FILES), ...quarters, ...others])].filter((file) => !tracked.has(file));
  const mark = path.join(ctx.dataDir, SYNC_MERGE_MARK);
  writeAtomic(mark, `${JSON.stringify({ head, remoteHead, created })}\n`);
  try {
    writeFolderRecords(ctx.dataDir, lock, merge.records, merge.counters);
    // mergeFolders leaves each machine's own files out (isMachineLocal), and writeFolderRecords has
    // emptied the journal, as every merge does.
    for (const [file, bytes] of merge.files) {
      const full = path.join(ctx.dataDir, ...file.split('/'));
      lock.verify();
      if (bytes === null) fs.rmSync(full, { force: true });
      else {
        // A link in the folder is replaced, never written through.
        if (fs.lstatSync(full, { throwIfNoEntry: false })?.isSymbolicLink()) fs.rmSync(full);
        fs.mkdirSync(path.dirname(full), { recursive: true, mode: 0o700 });
        writeAtomic(full, bytes);
      }
    }
    const goalsDir = goalsDirFor(ctx.dataDir, readPreferences(ctx.dataDir));
    for (const { from, to } of merge.outsideRenames) {
      const [source, target] = [path.resolve(goalsDir, from), path.resolve(goalsDir, to)];
      if (fs.existsSync(source) && !fs.existsSync(target)) fs.renameSync(source, target);
    }
    git.text(ADD_ALL);
    const tree = git.text(['write-tree']);
    const message = `mtl: merged ${REMOTE} into ${host()}`;
    const commit = git.text([...identity(git), 'commit-tree', tree, '-p', head, '-p', remoteHead, '-m', message]);
    git.text(['update-ref', '-m', message, 'HEAD', commit, head]);
  } catch (err) {
    recoverMerge(ctx, git);
    throw new UserError(
      `The merge with ${REMOTE} could not be written: ${reason(err)}. Your data is as it was before mtl sync (commit ${head.slice(0, 7)}).`,
      'Fix that and run mtl sync again; nothing was sent.',
    );
  }
  fs.rmSync(mark, { force: true });
}

function offline(ctx: Ctx, git: Git, what: string, committed: boolean, outcome?: SyncOutcome): UserError {
  const head = git.commit('HEAD');
  const merged = outcome?.received === 'merged' ? ' The merge with what was fetched is done here.' : '';
  const again = gitBusy(what)
    ? 'Another git command (perhaps another mtl sync) is working in this folder; run mtl sync again once it is done'
    : `Run mtl sync again when the remote can be reached${ctx.io.stdinIsTTY ? '' : ' (no terminal: git could not ask for a password or passphrase)'}`;
  return new UserError(
    `${shownRemote(what).replace(/\s+$/, '').replace(/\.$/, '')}.`,
    `Your changes are kept here${committed ? ', committed' : ''}${head ? ` (commit ${head.slice(0, 7)})` : ''}.${merged} ${again}.`,
  );
}

/**
 * Whether git failed on its own locks: another git command in this folder (a second mtl sync, say),
 * not the network. Said by git here, not by the remote ("remote: ..."): a lock file that exists, or
 * a ref another fetch moved meanwhile ("cannot lock ref '...': is at X but expected Y").
 */
export function gitBusy(what: string): boolean {
  return /^(?!remote:).*(cannot lock ref|unable to create .*\.lock.*File exists)/im.test(what);
}

/** A remote as shown: a password or token in an https address is not printed. */
function shownRemote(url: string): string {
  // Up to the last @ of the address: a password may hold @ or / itself.
  return url.replace(/\b([a-z][a-z0-9+.-]*:\/\/)\S*@/gi, '$1***@');
}

/** What people know an entry by: a report's name, a goal's title. */
function labels(merge: FolderMerge): Record<string, string> {
  const named: Record<string, string> = {};
  for (const m of merge.records.members) named[m.id] = m.name;
  for (const g of [...merge.records.goals, ...merge.records.memberGoals]) named[g.id] = g.title;
  return Object.fromEntries(merge.renumbered.filter((r) => named[r.to] !== undefined).map((r) => [r.to, named[r.to]!]));
}

function kindWord(kind: string): string {
  return kind === 'notes' ? 'note' : (KIND_WORDS[kind as Kind]?.[0] ?? kind);
}

function report(ctx: Ctx, outcome: SyncOutcome, opts: { json?: boolean }): void {
  if (opts.json) {
    printJson(ctx.io, outcome);
    return;
  }
  const lines: string[] = outcome.recovered ? ['A sync stopped while it wrote its merge was undone first: your data was put back as its last commit had it.'] : [];
  for (const r of outcome.renumbered) {
    const label = outcome.labels[r.to] === undefined ? '' : ` (${outcome.labels[r.to]})`;
    if (r.reason === 'taken') lines.push(`Renumbered: this machine's ${kindWord(r.kind)} ${r.from}${label} is now ${r.to}, as the other machine had already used ${r.from}${r.file ? `; its file is now ${r.file.to}` : ''}.`);
    else lines.push(`Joined: this machine's ${kindWord(r.kind)} ${r.from}${label} was made on the other machine too, as ${r.to}; it is ${r.to} now.`);
  }
  for (const c of outcome.conflicts) lines.push(conflictLine(c));
  lines.push(...outcome.fileNotes);
  // Each machine may have given a report the same name (a rename here, a new report there).
  lines.push(...sameNameLines(readRecordFile<Member>(path.join(ctx.dataDir, KIND_FILES.members), 'members').records));
  const got = { nothing: 'nothing new from the other machines', 'fast-forward': "received the other machines' changes", merged: "merged the other machines' changes with yours" }[outcome.received];
  const sent = outcome.sent ? `sent ${plural(outcome.sent, 'commit')}` : 'nothing to send';
  lines.push(`Synced with ${outcome.remote} (${outcome.branch}): ${got}; ${sent}.`);
  ctx.io.err(lines.join('\n') + '\n');
}


/** The `mtl edit` flag for a stored field, where edit takes one. */
const EDIT_FLAGS: Record<string, EditFlag> = { text: 'text', notes: 'text', practice: 'text', what: 'text', title: 'title', item: 'title', due: 'due', member: 'to', public: 'public', date: 'date', targets: 'target', situation: 'situation', behaviour: 'behaviour', impact: 'impact' };

/** The command that sets a field the merge decided, or else the one that shows the entry. */
function fixFor(c: MergeConflict): string {
  if (c.kind === 'goals' && ['progress', 'status', 'checkIns', 'doneOn'].includes(c.field)) return `Set it with a check-in: mtl goals check-in ${c.id} "<note>" --progress N`;
  let flags: EditFlag[] = [];
  try {
    flags = ENTRY_KINDS[parseEntryId(c.id).kind].flags;
  } catch {
    // An id no verb takes.
  }
  const flag = EDIT_FLAGS[c.field];
  return flag && flags.includes(flag) ? `Change it with: mtl edit ${c.id} --${flag} ...` : `See it: mtl show ${c.id}`;
}

/** A value of a field in one line: text quoted and cut short, a list by its length, an entry by its note. */
function valueText(v: unknown): string {
  const quoted = (text: string) => JSON.stringify(text.length > 60 ? `${text.slice(0, 59)}…` : text);
  if (v === undefined || v === null) return 'nothing';
  if (typeof v === 'string') return quoted(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return plural(v.length, 'item');
  const { note, text } = v as { note?: unknown; text?: unknown };
  return typeof note === 'string' ? quoted(note) : typeof text === 'string' ? quoted(text) : 'another version';
}

export function conflictLine(c: MergeConflict): string {
  const what = `${kindWord(c.kind)} ${c.id}`;
  switch (c.reason) {
    case 'both changed':
      return `Both machines changed the ${FIELD_WORDS[c.field] ?? c.field} of ${what}: kept ${valueText(c.kept)}, not ${valueText(c.dropped)}. ${fixFor(c)}`;
    case 'removed and changed':
      return `${what} was removed on one machine and changed on the other: kept, with the change. Remove it again with: mtl rm ${c.id}`;
    case 'removed but referenced':
      return `${what} was removed on one machine, but the other logged entries about them: kept, with those entries.`;
    case 'link to removed':
      return `${what}'s 1:1 was removed on the other machine: the item stays, without the link.`;
    default:
      return `${what}: ${c.field === WHOLE_ENTRY ? 'the entry' : c.field} differed on the two machines.`;
  }
}

/**
 * git's merge driver for one data file (`git merge` or `git pull` run by hand): the file merged
 * entry by entry, when that needs nothing from the other files. Otherwise the local version is left
 * as it is, without conflict markers, and git is told the file is not merged: `mtl sync` merges the
 * whole folder.
 */
export async function mergeFile(_ctx: Ctx, base: string, ours: string, theirs: string, name: string): Promise<void> {
  const { mergeDataFile } = await import('./driver.js');
  mergeDataFile(base, ours, theirs, name, isDataPath);
}
