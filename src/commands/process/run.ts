import { dayOf, sortByText } from '../../core/dates.js';
import type { ProcessEntry } from '../../core/model.js';
import { findMember, nameOf, requireLine } from '../../core/team.js';
import type { Ctx } from '../../context.js';
import { UserError } from '../../errors.js';
import { openStore, updateStore } from '../../store/store.js';
import { printJson, renderTable } from '../../ui/output.js';
import { shellWord } from '../../core/text.js';

export async function add(ctx: Ctx, practiceArg: string, opts: { owner: string }): Promise<void> {
  const practice = requireLine(practiceArg, 'practice');
  const today = dayOf(ctx.now);
  const { entry, name } = await updateStore(ctx.dataDir, (tx) => {
    const member = findMember(tx.data, opts.owner);
    const entry: ProcessEntry = { id: tx.nextId('s'), practice, member: member.id, created: today, at: ctx.now.toISOString(), status: 'open' };
    tx.tables.processes.add(entry);
    return { entry, name: member.name };
  });
  ctx.io.err(`Added process ${entry.id} "${practice}", owned by ${name}. Once it runs without you: mtl process done ${entry.id}\n`);
}

/** The process id as typed (`S3`, ` s3 `), or a UserError naming it. */
function processId(text: string): string {
  const id = text.trim().toLowerCase();
  if (!/^s[1-9]\d{0,14}$/.test(id)) throw new UserError(`"${text}" is not a process id.`, 'Process ids are s and a number, like s1: mtl process lists them.');
  return id;
}

export async function done(ctx: Ctx, idText: string): Promise<void> {
  const id = processId(idText);
  const today = dayOf(ctx.now);
  const result = await updateStore(ctx.dataDir, (tx) => {
    const entry = tx.data.processes.find((s) => s.id === id);
    if (!entry) throw new UserError(`There is no process ${id}.`, 'Nothing was changed. See which there are: mtl process');
    if (entry.status === 'done') return { entry, changed: false };
    entry.status = 'done';
    entry.doneOn = today;
    tx.tables.processes.put(entry);
    return { entry, changed: true };
  });
  const e = result.entry;
  if (!result.changed) ctx.io.err(`Process ${e.id} "${e.practice}" was already done${e.doneOn ? ` (${e.doneOn})` : ''}.\n`);
  else ctx.io.err(`Done: process ${e.id} "${e.practice}" runs without you since ${today}. Undo: mtl undo\n`);
}

export async function list(ctx: Ctx, opts: { json?: boolean }): Promise<void> {
  const data = await openStore(ctx.dataDir);
  const entries = sortByText(data.processes, (s) => `${s.status === 'open' ? 0 : 1}|${s.created}`);
  if (opts.json) {
    printJson(ctx.io, entries.map((s) => ({ id: s.id, practice: s.practice, owner: nameOf(data, s.member), ownerId: s.member, created: s.created, status: s.status, doneOn: s.doneOn ?? null })));
    return;
  }
  if (!entries.length) {
    ctx.io.err('No processes yet. Hand a practice to a report: mtl process add "<practice>" --owner <name>\n');
    return;
  }
  const rows = entries.map((s) => [s.id, s.practice, nameOf(data, s.member), s.status === 'done' ? `done ${s.doneOn ?? ''}`.trim() : `open since ${s.created}`]);
  ctx.io.out(renderTable(ctx.io, ['id', 'practice', 'owner', 'status'], rows));
  const open = entries.filter((s) => s.status === 'open');
  if (ctx.io.stdoutIsTTY && open.length) ctx.io.err(ctx.io.color.dim(`${open.length} still being set up. When one runs without you: mtl process done ${open[0]!.id}  (owner: ${shellWord(nameOf(data, open[0]!.member))})\n`));
}
