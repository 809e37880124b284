import { dayOf, sortByText } from '../../core/dates.js';
import { findMember, requireText } from '../../core/team.js';
import type { Ctx } from '../../context.js';
import { openStore, updateStore } from '../../store/store.js';
import type { Feedback } from '../../core/model.js';
import { plural, printJson, renderTable, shellWord } from '../../ui/output.js';
import { feedbackJson } from '../team/json.js';

export async function queue(ctx: Ctx, name: string, text: string, opts: { json?: boolean }): Promise<void> {
  const clean = requireText(text, 'feedback');
  const today = dayOf(ctx.now);
  const { entry, json, queued } = await updateStore(ctx.dataDir, (tx) => {
    const member = findMember(tx.data, name);
    const entry: Feedback = { id: tx.nextId('f'), member: member.id, text: clean, date: today, at: ctx.now.toISOString() };
    tx.tables.feedback.add(entry);
    return { entry, json: feedbackJson(tx.data, entry), queued: tx.data.feedback.filter((f) => f.member === member.id && !f.deliveredOn).length };
  });
  if (opts.json) printJson(ctx.io, json);
  ctx.io.err(`Queued feedback for ${json.member} (${entry.id}; ${plural(queued, 'note')} waiting). It is on the agenda: mtl 1on1 ${shellWord(json.member)}\n`);
}

export async function list(ctx: Ctx, name: string | undefined, opts: { all?: boolean; json?: boolean }): Promise<void> {
  const data = await openStore(ctx.dataDir);
  const member = name === undefined ? undefined : findMember(data, name, { includeRemoved: true });
  const entries = sortByText(
    data.feedback.filter((f) => (!member || f.member === member.id) && (opts.all || !f.deliveredOn)),
    (f) => f.at,
    true,
  );
  if (opts.json) {
    printJson(ctx.io, entries.map((f) => feedbackJson(data, f)));
    return;
  }
  if (!entries.length) {
    ctx.io.err(`No ${opts.all ? '' : 'queued '}feedback${member ? ` for ${member.name}` : ''}.\n`);
    return;
  }
  const rows = entries.map((f) => {
    const j = feedbackJson(data, f);
    return [j.date, j.id, j.member, j.deliveredOn ? `delivered ${j.deliveredOn}` : 'queued', j.text];
  });
  ctx.io.out(renderTable(ctx.io, ['date', 'id', 'report', 'status', 'feedback'], rows));
}
