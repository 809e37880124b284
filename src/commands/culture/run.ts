import { CULTURE_DAYS, parseEventDay } from '../../core/culture.js';
import { dayOf, daysBetween, sortByText } from '../../core/dates.js';
import { requireLine } from '../../core/team.js';
import type { Ctx } from '../../context.js';
import { UserError } from '../../errors.js';
import { openStore, updateStore } from '../../store/store.js';
import { agoText, printJson, renderTable } from '../../ui/output.js';

export async function log(ctx: Ctx, whatArg: string, opts: { date?: string }): Promise<void> {
  const what = requireLine(whatArg, 'description of the event');
  const today = dayOf(ctx.now);
  const date = opts.date === undefined ? today : parseEventDay(opts.date, today);
  if (typeof date !== 'string') throw new UserError(`--date ${date.problem}`, 'Nothing was saved.');
  const { id, count } = await updateStore(ctx.dataDir, (tx) => {
    const id = tx.nextId('c');
    tx.tables.cultureEvents.add({ id, what, date, at: ctx.now.toISOString() });
    return { id, count: tx.data.cultureEvents.filter((e) => daysBetween(e.date, today) < CULTURE_DAYS).length };
  });
  ctx.io.err(`Logged team event ${id} on ${date}: ${what}\n${count === 1 ? 'One team event' : `${count} team events`} in the last ${CULTURE_DAYS} days. See all: mtl culture. Undo: mtl undo\n`);
}

export async function list(ctx: Ctx, opts: { json?: boolean }): Promise<void> {
  const events = sortByText((await openStore(ctx.dataDir)).cultureEvents, (e) => `${e.date}|${e.at}`, true);
  if (opts.json) {
    printJson(ctx.io, events.map((e) => ({ id: e.id, date: e.date, what: e.what })));
    return;
  }
  if (!events.length) {
    ctx.io.err('No team events logged yet. After the next one: mtl culture log "<what you did together>"\n');
    return;
  }
  const today = dayOf(ctx.now);
  ctx.io.out(renderTable(ctx.io, ['date', 'id', 'what'], events.map((e) => [e.date, e.id, e.what])));
  if (ctx.io.stdoutIsTTY) ctx.io.err(ctx.io.color.dim(`Last one ${agoText(daysBetween(events[0]!.date, today))}; the nudge asks after ${CULTURE_DAYS} days without.\n`));
}
