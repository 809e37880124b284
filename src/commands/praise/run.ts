import { addDaysToDay, dayOf, dayRangeProblem, sortByText } from '../../core/dates.js';
import { namesImpact } from '../../core/feedback.js';
import { balanceAdvice, findMember, recognitionBalance, recognitionStates, requireText } from '../../core/team.js';
import type { Ctx } from '../../context.js';
import { UserError } from '../../errors.js';
import { readPreferences } from '../../store/preferences.js';
import { openStore, updateStore } from '../../store/store.js';
import type { Data, Member, Praise } from '../../core/model.js';
import { plural, printJson, renderTable, shellWord } from '../../ui/output.js';
import { praiseJson } from '../team/json.js';

export async function praise(ctx: Ctx, name: string, text: string, opts: { public?: boolean; json?: boolean }): Promise<void> {
  const clean = requireText(text, 'praise');
  const today = dayOf(ctx.now);
  const { recognitionDays } = readPreferences(ctx.dataDir);
  const { entry, json, recent } = await updateStore(ctx.dataDir, (tx) => {
    const member = findMember(tx.data, name);
    const entry: Praise = { id: tx.nextId('p'), member: member.id, text: clean, date: today, at: ctx.now.toISOString(), public: Boolean(opts.public) };
    tx.praise.add(entry);
    const [state] = recognitionStates(tx.data, today, recognitionDays, [member]);
    return { entry, json: praiseJson(tx.data, entry), recent: state!.recent };
  });
  if (opts.json) printJson(ctx.io, json);
  const kind = entry.public ? 'public' : 'private';
  const tip = entry.public ? '' : ' Worth saying in front of the team too? Add --public next time you do.';
  ctx.io.err(
    `Logged ${kind} praise for ${json.member} (${entry.id}); ${plural(recent, 'time')} in the last ${recognitionDays} days.${tip} See: mtl praise list ${shellWord(json.member)}\n`,
  );
  // Praise that names what the work changed is the kind people remember; a hint only when it seems not to.
  if (!namesImpact(entry.text)) ctx.io.err(`Next time, say what it changed too: "..., so the release went out on time".\n`);
}


/** What `praise list` shows unless told otherwise: about a quarter, newest first. */
export const RECENT_DAYS = 90;

export async function list(ctx: Ctx, name: string | undefined, opts: { since?: string; all?: boolean; json?: boolean }): Promise<void> {
  const sinceProblem = opts.since === undefined ? undefined : dayRangeProblem(opts.since.trim());
  if (sinceProblem) throw new UserError(`--since "${opts.since}" ${sinceProblem}.`, 'Give it as YYYY-MM-DD, for example --since 2027-01-01.');
  const data = await openStore(ctx.dataDir);
  const member = name === undefined ? undefined : findMember(data, name, { includeRemoved: true });
  const recent = opts.since === undefined && !opts.all;
  const since = recent ? addDaysToDay(dayOf(ctx.now), 1 - RECENT_DAYS) : opts.since?.trim();
  // Only the quarter files from `since` on are read.
  const entries = sortByText(
    data.praise.between(since, undefined).filter((p) => !member || p.member === member.id),
    (p) => p.at,
    true,
  );
  if (opts.json) {
    printJson(ctx.io, entries.map((p) => praiseJson(data, p)));
    return;
  }
  const who = member ? ` for ${member.name}` : '';
  const older = recent && olderPraise(data, since!, member);
  const seeAll = `older entries: mtl praise list${member ? ` ${shellWord(member.name)}` : ''} --all`;
  if (!entries.length) {
    const when = recent ? ` in the last ${RECENT_DAYS} days` : since ? ` since ${since}` : '';
    const next = older ? `; ${seeAll}` : `. Log some: mtl praise ${member ? shellWord(member.name) : '<name>'} "<what they did well>"`;
    ctx.io.err(`No praise logged${who}${when}${next}\n`);
    return;
  }
  const rows = entries.map((p) => {
    const j = praiseJson(data, p);
    return [j.date, j.id, j.member, j.public ? 'public' : 'private', j.text];
  });
  ctx.io.out(renderTable(ctx.io, ['date', 'id', 'report', 'kind', 'praise'], rows));
  if (older) ctx.io.err(`The last ${RECENT_DAYS} days; ${seeAll}\n`);
}

/** Whether anyone (or the report given) has praise dated before `since`; reads back only until it finds some. */
function olderPraise(data: Data, since: string, member: Member | undefined): boolean {
  const before = addDaysToDay(since, -1);
  return (member ? [member] : data.members).some((m) => data.praise.lastOnOrBefore([m], before).size > 0);
}

export async function balance(ctx: Ctx, opts: { json?: boolean }): Promise<void> {
  const data = await openStore(ctx.dataDir);
  const today = dayOf(ctx.now);
  const { recognitionDays } = readPreferences(ctx.dataDir);
  const balances = recognitionBalance(data, today, recognitionDays);
  if (opts.json) {
    printJson(
      ctx.io,
      balances.map((b) => ({
        member: b.name,
        memberId: b.id,
        date: today,
        recognitionDays,
        recent: b.recent,
        lastPraise: b.lastPraise ?? null,
        daysSincePraise: b.daysSincePraise ?? null,
        quarterPraise: b.quarter.praise,
        quarterPrivate: b.quarter.private,
        quarterPublic: b.quarter.public,
        quarterFeedback: b.quarter.feedback,
        due: b.due,
        advice: balanceAdvice(b, recognitionDays) ?? null,
      })),
    );
    return;
  }
  if (!balances.length) {
    ctx.io.err('No reports yet. Add the first: mtl team add "Sam Lee"\n');
    return;
  }
  const c = ctx.io.color;
  const rows = balances.map((b) => [
    b.name,
    b.due ? c.yellow(String(b.recent)) : String(b.recent),
    b.lastPraise ?? '-',
    String(b.quarter.praise),
    `${b.quarter.private}/${b.quarter.public}`,
    `${b.quarter.praise}/${b.quarter.feedback}`,
  ]);
  ctx.io.out(renderTable(ctx.io, ['report', `last ${recognitionDays} days`, 'last praise', 'this quarter', 'private/public', 'praise/feedback'], rows));
  const advice = balances.map((b) => balanceAdvice(b, recognitionDays)).filter((a): a is string => Boolean(a));
  if (advice.length) ctx.io.err(advice.map((a) => c.yellow(`• ${a}`)).join('\n') + '\n');
}
