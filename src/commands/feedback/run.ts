import { dayOf } from '../../core/dates.js';
import { findMember, requireText } from '../../core/team.js';
import type { Ctx } from '../../context.js';
import { readData, updateData } from '../../store/file-store.js';
import { nextId, type Feedback } from '../../store/schema.js';
import { plural, printJson, renderTable, shellWord } from '../../ui/output.js';
import { feedbackJson } from '../team/json.js';

export async function queue(ctx: Ctx, name: string, text: string, opts: { json?: boolean }): Promise<void> {
  const clean = requireText(text, 'feedback');
  const today = dayOf(ctx.now);
  const { entry, json, queued } = await updateData(ctx.dataDir, (data) => {
    const member = findMember(data, name);
    const entry: Feedback = { id: nextId(data, 'f'), member: member.id, text: clean, date: today, at: ctx.now.toISOString() };
    data.feedback.push(entry);
    return { entry, json: feedbackJson(data, entry), queued: data.feedback.filter((f) => f.member === member.id && !f.deliveredOn).length };
  });
  if (opts.json) printJson(ctx.io, json);
  ctx.io.err(`Queued feedback for ${json.member} (${entry.id}; ${plural(queued, 'note')} waiting). It is on the agenda: mtl 1on1 ${shellWord(json.member)}\n`);
}

export async function list(ctx: Ctx, name: string | undefined, opts: { all?: boolean; json?: boolean }): Promise<void> {
  const data = readData(ctx.dataDir);
  const member = name === undefined ? undefined : findMember(data, name, { includeRemoved: true });
  const entries = data.feedback
    .filter((f) => (!member || f.member === member.id) && (opts.all || !f.deliveredOn))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
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
