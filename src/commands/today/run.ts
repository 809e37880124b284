import { dayOf, sortByText } from '../../core/dates.js';
import type { Moment } from '../../core/model.js';
import { dueNudges } from '../../core/nudges.js';
import { requireLine } from '../../core/team.js';
import { mostPressing, questionOfDay } from '../../core/today.js';
import type { Ctx } from '../../context.js';
import { openStore, updateStore } from '../../store/store.js';
import { readPreferences } from '../../store/preferences.js';
import { printJson, prose } from '../../ui/output.js';

export async function today(ctx: Ctx, opts: { note?: string; json?: boolean }): Promise<void> {
  const day = dayOf(ctx.now);
  if (opts.note !== undefined) {
    const text = requireLine(opts.note, 'note');
    const saved = await updateStore(ctx.dataDir, (tx) => {
      const entry: Moment = { id: tx.nextId('w'), text, date: day, at: ctx.now.toISOString() };
      tx.tables.moments.add(entry);
      return { entry, count: tx.data.moments.filter((m) => m.date === day).length };
    });
    if (opts.json) printJson(ctx.io, { id: saved.entry.id, date: day, text });
    else ctx.io.err(`Noted ${saved.entry.id} for ${day}: ${text}\n${saved.count === 1 ? 'Your first note today.' : `${saved.count} notes today.`} They show in mtl learn. Undo: mtl undo\n`);
    return;
  }
  const data = await openStore(ctx.dataDir);
  const question = questionOfDay(day);
  const pressing = mostPressing(dueNudges(data, ctx.now, readPreferences(ctx.dataDir)));
  const notes = sortByText(data.moments.filter((m) => m.date === day), (m) => m.at);
  if (opts.json) {
    printJson(ctx.io, {
      date: day,
      question: { id: question.id, theme: question.theme, text: question.text },
      pressing: pressing.map((r) => ({ key: r.key, kind: r.kind, text: r.text, command: r.command, since: r.since ?? null })),
      notes: notes.map((m) => ({ id: m.id, text: m.text })),
    });
    return;
  }
  const c = ctx.io.color;
  const lines = [`${c.bold(`Today, ${day}`)}`, '', `${c.bold('Question of the day')} ${c.dim(`(${question.theme})`)}`, `  ${question.text}`, ''];
  if (pressing.length) {
    lines.push(c.bold('Most pressing'));
    pressing.forEach((r, i) => lines.push(`  ${i + 1}. ${r.text}`, `     ${c.dim('→')} ${r.command}`));
  } else {
    lines.push(c.bold('Most pressing'), c.dim('  Nothing due. A good day to praise someone or read for an hour.'));
  }
  lines.push('');
  if (notes.length) {
    lines.push(c.bold('Noted today'), ...notes.map((m) => `  ${m.text} ${c.dim(`(${m.id})`)}`), '');
  }
  lines.push(c.dim('Owned something or solved a problem? mtl today --note "<what happened>"'), '');
  ctx.io.out(prose(ctx.io, lines.join('\n')));
}
