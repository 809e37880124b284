import { dayOf } from '../../core/dates.js';
import { alreadyDone, markDone } from '../../core/entries.js';
import { DELEGATION_STEPS, emptySteps, findMember, itemsOwnedThisQuarter, nameOf, openSteps, parseStep, requireLine } from '../../core/team.js';
import type { Ctx } from '../../context.js';
import { UsageError, UserError } from '../../errors.js';
import { openStore, updateStore } from '../../store/store.js';
import type { Data, Delegation } from '../../core/model.js';
import { printJson, renderTable } from '../../ui/output.js';
import { plural, shellWord } from '../../core/text.js';
import { delegationJson } from '../team/json.js';

export async function delegate(ctx: Ctx, item: string | undefined, opts: { to?: string; json?: boolean }): Promise<void> {
  if (item === undefined && opts.to === undefined) return list(ctx, { json: opts.json });
  if (item === undefined) throw new UsageError('Which roadmap item?', `mtl delegate "<roadmap item>" --to ${shellWord(opts.to!)}`);
  if (opts.to === undefined) throw new UsageError('Who owns it? Name the report with --to.', `mtl delegate ${shellWord(item)} --to <name>`);
  const clean = requireLine(item, 'roadmap item');
  const today = dayOf(ctx.now);
  const { entry, json } = await updateStore(ctx.dataDir, (tx) => {
    const member = findMember(tx.data, opts.to!);
    const entry: Delegation = { id: tx.nextId('d'), item: clean, member: member.id, created: today, status: 'open', steps: emptySteps() };
    tx.tables.delegations.add(entry);
    return { entry, json: delegationJson(tx.data, entry) };
  });
  if (opts.json) printJson(ctx.io, json);
  ctx.io.err(
    `${json.member} owns "${entry.item}" now (${entry.id}). Their checklist: ${DELEGATION_STEPS.map((s) => s.key).join(', ')}. Tick one: mtl delegate check ${entry.id} requirements\n`,
  );
}

function delegationOf(data: Data, id: string): Delegation {
  const found = data.delegations.find((d) => d.id === id.trim().toLowerCase());
  if (found) return found;
  const open = data.delegations.filter((d) => d.status === 'open').map((d) => `${d.id} (${d.item})`);
  throw new UserError(`No delegated item "${id}".`, open.length ? `Open items: ${open.join(', ')}.` : 'Nothing is delegated yet: mtl delegate "<roadmap item>" --to <name>');
}

export async function check(ctx: Ctx, id: string, stepText: string): Promise<void> {
  const step = parseStep(stepText);
  const today = dayOf(ctx.now);
  const result = await updateStore(ctx.dataDir, (tx) => {
    const d = delegationOf(tx.data, id);
    const already = d.steps[step];
    if (!already) {
      d.steps[step] = today;
      tx.tables.delegations.put(d);
    }
    return { d: { ...d }, already, open: openSteps(d), who: nameOf(tx.data, d.member) };
  });
  const label = DELEGATION_STEPS.find((s) => s.key === step)!.label;
  if (result.already) {
    ctx.io.err(`${result.d.id}: "${label}" was already checked on ${result.already}.\n`);
    return;
  }
  const next = result.open.length
    ? `Still open: ${result.open.join(', ')}.`
    : `Every step is checked. When it ships: mtl delegate done ${result.d.id}`;
  ctx.io.err(`${result.d.id} (${result.who}): checked "${label}". ${next}\n`);
}

export async function done(ctx: Ctx, id: string): Promise<void> {
  const today = dayOf(ctx.now);
  const { d, open, who, already } = await updateStore(ctx.dataDir, (tx) => {
    const d = delegationOf(tx.data, id);
    const already = !markDone(d, today);
    if (!already) tx.tables.delegations.put(d);
    return { d: { ...d }, open: openSteps(d), who: nameOf(tx.data, d.member), already };
  });
  if (already) {
    ctx.io.err(`${alreadyDone(d.id, d.doneOn)}\n`);
    return;
  }
  ctx.io.err(`${d.id} done: "${d.item}", owned by ${who}. Give the credit: mtl praise ${shellWord(who)} "<what they delivered>" --public  Undo: mtl undo\n`);
  if (open.length) ctx.io.err(ctx.io.color.yellow(`warning: closed with ${plural(open.length, 'step')} unchecked: ${open.join(', ')}.`) + '\n');
}

export async function list(ctx: Ctx, opts: { all?: boolean; json?: boolean }): Promise<void> {
  const data = await openStore(ctx.dataDir);
  const today = dayOf(ctx.now);
  const metric = itemsOwnedThisQuarter(data, today);
  const items = data.delegations.filter((d) => opts.all || d.status === 'open');
  if (opts.json) {
    printJson(ctx.io, {
      delegations: items.map((d) => delegationJson(data, d)),
      ownedThisQuarter: { quarter: metric.quarter, count: metric.count, delegatedThisQuarter: metric.delegatedThisQuarter, doneThisQuarter: metric.doneThisQuarter },
    });
    return;
  }
  const { io } = ctx;
  if (items.length) {
    const mark = (d: Delegation) => DELEGATION_STEPS.map((s) => (d.steps[s.key] ? '✓' : '·')).join('');
    const rows = items.map((d) => {
      const open = openSteps(d);
      return [d.id, d.item, nameOf(data, d.member), d.created, d.status === 'done' ? `done ${d.doneOn}` : 'open', `${mark(d)} ${open.length ? open.join(', ') : 'all checked'}`];
    });
    io.out(renderTable(io, ['id', 'item', 'owner', 'since', 'status', 'open steps'], rows, { drop: ['since'] }));
  } else {
    io.err(`Nothing ${opts.all ? '' : 'open '}is delegated. Hand over a roadmap item: mtl delegate "<item>" --to <name>\n`);
  }
  io.err(`Roadmap items owned by engineers in ${metric.quarter}: ${metric.count} (${metric.delegatedThisQuarter} delegated this quarter, ${metric.doneThisQuarter} done).\n`);
}
