import type { Ctx } from '../../context.js';
import { dayOf } from '../../core/dates.js';
import { alreadyDone, checkVerb, markDone, parseEntryId } from '../../core/entries.js';
import { nameOf } from '../../core/team.js';
import { updateStore } from '../../store/store.js';

import { mustFind, type Found } from './found.js';

export async function done(ctx: Ctx, idText: string): Promise<void> {
  const { kind, id } = parseEntryId(idText);
  checkVerb(kind, 'done', id);
  // One implementation per kind: the noun's own verb where there is one.
  if (kind === 'goal') return (await import('../goals/update.js')).setStatus(ctx, id, 'done', {});
  if (kind === 'delegation') return (await import('../delegate/run.js')).done(ctx, id);
  if (kind === 'reportGoal') return (await import('../member-goals/run.js')).done(ctx, undefined, id);
  if (kind === 'process') return (await import('../process/run.js')).done(ctx, id);
  const today = dayOf(ctx.now);
  const { item, finished, who } = await updateStore(ctx.dataDir, (tx) => {
    const found = mustFind(tx.data, kind, id) as Extract<Found, { kind: 'action' }>;
    const finished = markDone(found.entry, today);
    if (finished) tx.tables.actions.put(found.entry);
    return { item: found.entry, finished, who: nameOf(tx.data, found.entry.member) };
  });
  if (!finished) ctx.io.err(`${alreadyDone(item.id, item.doneOn)}\n`);
  else ctx.io.err(`Done: ${item.id} "${item.text}" (${item.owner === 'me' ? 'yours' : `${who}'s`}, from a 1:1 with ${who}) on ${today}. Undo: mtl undo\n`);
}
