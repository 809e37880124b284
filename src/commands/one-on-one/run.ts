import { dayOf } from '../../core/dates.js';
import { findMember, oneOnOneAgenda } from '../../core/team.js';
import type { Ctx } from '../../context.js';
import { UsageError } from '../../errors.js';
import { openStore, updateStore } from '../../store/store.js';
import type { OneOnOne } from '../../core/model.js';
import { plural, printJson, shellWord } from '../../ui/output.js';
import { agendaJson, renderAgenda } from './render.js';

interface Options {
  json?: boolean;
  markdown?: boolean;
  done?: boolean;
}

export async function oneOnOne(ctx: Ctx, name: string, opts: Options): Promise<void> {
  if (opts.json && opts.markdown) throw new UsageError('Choose one of --json and --markdown.');
  const today = dayOf(ctx.now);
  if (opts.done) {
    await markDone(ctx, name, today, opts);
    return;
  }
  const data = await openStore(ctx.dataDir);
  const agenda = oneOnOneAgenda(data, findMember(data, name), today);
  if (opts.json) printJson(ctx.io, agendaJson(data, agenda));
  else ctx.io.out(renderAgenda(ctx.io, agenda, { markdown: Boolean(opts.markdown) }));
}

async function markDone(ctx: Ctx, name: string, today: string, opts: Options): Promise<void> {
  const { member, record } = await updateStore(ctx.dataDir, (tx) => {
    const member = findMember(tx.data, name);
    const queued = tx.data.feedback.filter((f) => f.member === member.id && !f.deliveredOn && f.date <= today);
    for (const f of queued) {
      f.deliveredOn = today;
      tx.tables.feedback.put(f);
    }
    const record: OneOnOne = { id: tx.nextId('o'), member: member.id, date: today, at: ctx.now.toISOString(), feedbackDelivered: queued.map((f) => f.id) };
    tx.tables.oneOnOnes.add(record);
    return { member, record };
  });
  if (opts.json) {
    printJson(ctx.io, { member: member.name, memberId: member.id, date: record.date, feedbackDelivered: record.feedbackDelivered });
  }
  const delivered = record.feedbackDelivered.length
    ? `${plural(record.feedbackDelivered.length, 'feedback note')} marked delivered (${record.feedbackDelivered.join(', ')})`
    : 'no queued feedback to mark delivered';
  ctx.io.err(`Recorded your 1:1 with ${member.name} on ${today}; ${delivered}. Next time: mtl 1on1 ${shellWord(member.name)}\n`);
}
