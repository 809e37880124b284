import { addDaysToDay, dayOf, dayRangeProblem, quarterBounds, quarterOf, quarterOption, sortByText } from '../../core/dates.js';
import { namesImpact } from '../../core/feedback.js';
import { activeMembers, balanceAdvice, findMember, recognitionBalance, recognitionStates, requireText } from '../../core/team.js';
import { isAway } from '../../core/leave.js';
import type { Ctx } from '../../context.js';
import { UsageError, UserError } from '../../errors.js';
import { readPreferences } from '../../store/preferences.js';
import { openStore, updateStore } from '../../store/store.js';
import type { Data, Member, Praise } from '../../core/model.js';
import { printJson, renderTable } from '../../ui/output.js';
import { padToWidth, truncateToWidth, visibleWidth } from '../../core/width.js';
import { plural, shellWord } from '../../core/text.js';
import { praiseJson } from '../team/json.js';
import { recordDay } from '../record-day.js';
import { instantOnDay } from '../../core/backdate.js';

export async function praise(ctx: Ctx, name: string, text: string, opts: { public?: boolean; json?: boolean; date?: string }): Promise<void> {
  const clean = requireText(text, 'praise');
  const today = dayOf(ctx.now);
  const hint = { nothing: 'Nothing was logged.', example: `mtl praise ${shellWord(name)} "<what they did well>" --date yesterday` };
  recordDay(opts.date, today, hint);
  const { recognitionDays } = readPreferences(ctx.dataDir);
  const { entry, json, recent, publicThisQuarter } = await updateStore(ctx.dataDir, (tx) => {
    const member = findMember(tx.data, name);
    const date = recordDay(opts.date, today, hint, member) ?? today;
    const entry: Praise = { id: tx.nextId('p'), member: member.id, text: clean, date, at: instantOnDay(ctx.now, date), public: Boolean(opts.public) };
    tx.praise.add(entry);
    const [state] = recognitionStates(tx.data, today, recognitionDays, [member]);
    // Asked only until they have been praised in public this quarter: a tip, not a refrain.
    const publicThisQuarter = tx.praise.table(quarterOf(today)).all.some((p) => p.member === member.id && p.public);
    return { entry, json: praiseJson(tx.data, entry), recent: state!.recent, publicThisQuarter };
  });
  if (opts.json) printJson(ctx.io, json);
  const kind = entry.public ? 'public' : 'private';
  const tip = entry.public || publicThisQuarter ? '' : ' Worth saying in front of the team too? Add --public next time you do.';
  const on = entry.date !== today ? ` on ${entry.date}` : '';
  ctx.io.err(
    `Logged ${kind} praise for ${json.member}${on} (${entry.id}); ${plural(recent, 'time')} in the last ${recognitionDays} days.${tip} See: mtl praise list ${shellWord(json.member)}\n`,
  );
  // Praise that names what the work changed is the kind people remember; a hint only when it seems not to.
  if (!namesImpact(entry.text)) ctx.io.err(`Next time, say what it changed too: "..., so the release went out on time".\n`);
}


/** What `praise list` shows unless told otherwise: about a quarter, newest first. */
export const RECENT_DAYS = 90;

/**
 * The parent's --date reaches the sub-commands too (commander reads it after their name): refused
 * there rather than ignored, since it only dates new praise.
 */
function noDate(opts: { date?: string }, command: string, instead: string): void {
  if (opts.date !== undefined) throw new UsageError(`--date dates new praise (mtl praise <name> "<text>" --date <day>); praise ${command} does not take it.`, instead);
}

export async function list(ctx: Ctx, name: string | undefined, opts: { since?: string; all?: boolean; json?: boolean; quarter?: string; date?: string }): Promise<void> {
  noDate(opts, 'list', 'For the praise of some days: mtl praise list --since 2027-01-01, or --quarter 2027-Q1');
  if (opts.quarter !== undefined) return listQuarter(ctx, name, opts.quarter, opts);
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

/** `praise list --quarter <q>`: the praise of one quarter, newest first. */
async function listQuarter(ctx: Ctx, name: string | undefined, quarterText: string, opts: { since?: string; all?: boolean; json?: boolean }): Promise<void> {
  if (opts.since !== undefined || opts.all) throw new UsageError('--quarter does not go with --since or --all.', 'mtl praise list [<name>] --quarter 2027-Q1');
  const quarter = quarterOption(quarterText, dayOf(ctx.now));
  const { start, end } = quarterBounds(quarter);
  const data = await openStore(ctx.dataDir);
  const member = name === undefined ? undefined : findMember(data, name, { includeRemoved: true });
  const entries = sortByText(data.praise.between(start, end).filter((p) => !member || p.member === member.id), (p) => p.at, true);
  if (opts.json) return printJson(ctx.io, entries.map((p) => praiseJson(data, p)));
  if (!entries.length) {
    ctx.io.err(`No praise logged${member ? ` for ${member.name}` : ''} in ${quarter} (${start} to ${end}).\n`);
    return;
  }
  const rows = entries.map((p) => {
    const j = praiseJson(data, p);
    return [j.date, j.id, j.member, j.public ? 'public' : 'private', j.text];
  });
  ctx.io.out(renderTable(ctx.io, ['date', 'id', 'report', 'kind', 'praise'], rows));
  const shown = entries.filter((p) => p.public).length;
  ctx.io.err(`${quarter}: ${plural(entries.length, 'praise entry', 'praise entries')}, ${shown} public.\n`);
}

/** Whether anyone (or the report given) has praise dated before `since`; reads back only until it finds some. */
function olderPraise(data: Data, since: string, member: Member | undefined): boolean {
  const before = addDaysToDay(since, -1);
  return (member ? [member] : data.members).some((m) => data.praise.lastOnOrBefore([m], before).size > 0);
}

export async function balance(ctx: Ctx, opts: { json?: boolean; date?: string }): Promise<void> {
  noDate(opts, 'balance', 'It counts back from today: mtl praise balance');
  const data = await openStore(ctx.dataDir);
  const today = dayOf(ctx.now);
  const { recognitionDays } = readPreferences(ctx.dataDir);
  // A report away (on leave) is listed, but nothing is asked of you about them until they are back.
  const away = new Set(data.members.filter((m) => isAway(m, today)).map((m) => m.id));
  const balances = recognitionBalance(data, today, recognitionDays).map((b) => (away.has(b.id) ? { ...b, due: false } : b));
  const adviceFor = (b: (typeof balances)[number]) => (away.has(b.id) ? undefined : balanceAdvice(b, recognitionDays));
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
        awayUntil: away.has(b.id) ? data.members.find((m) => m.id === b.id)!.awayUntil! : null,
        advice: adviceFor(b) ?? null,
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
    away.has(b.id) ? `${b.name} (away)` : b.name,
    b.due ? c.yellow(String(b.recent)) : String(b.recent),
    b.lastPraise ?? '-',
    String(b.quarter.praise),
    `${b.quarter.private}/${b.quarter.public}`,
    `${b.quarter.praise}/${b.quarter.feedback}`,
  ]);
  ctx.io.out(renderTable(ctx.io, ['report', `last ${recognitionDays} days`, 'last praise', 'this quarter', 'private/public', 'praise/feedback'], rows));
  const advice = balances.map(adviceFor).filter((a): a is string => Boolean(a));
  if (advice.length) ctx.io.err(advice.map((a) => c.yellow(`• ${a}`)).join('\n') + '\n');
}

/**
 * `mtl praise grid`: one row per report, one cell per week (the last 12 unless --weeks), the count
 * of praise that week or "·" for none, so that gaps show at a glance. A terminal too narrow for every
 * week shows the latest that fit and says so. Piped: tab-separated counts ("-" before they joined).
 */
export async function grid(ctx: Ctx, opts: { weeks?: string; json?: boolean; date?: string }): Promise<void> {
  noDate(opts, 'grid', 'It shows the weeks up to today: mtl praise grid --weeks 26');
  const { gridWeeksProblem, praiseGrid, GRID_WEEKS } = await import('../../core/praise-grid.js');
  if (opts.weeks !== undefined) {
    const problem = gridWeeksProblem(opts.weeks);
    if (problem) throw new UserError(problem, 'For example: mtl praise grid --weeks 26');
  }
  const weeks = opts.weeks === undefined ? GRID_WEEKS : Number(opts.weeks);
  const data = await openStore(ctx.dataDir);
  const today = dayOf(ctx.now);
  const { weekStart } = readPreferences(ctx.dataDir);
  const g = praiseGrid(data, activeMembers(data), today, weeks, weekStart);
  if (opts.json) {
    printJson(ctx.io, {
      weekStart,
      weeks: g.weeks,
      reports: g.rows.map((r) => ({ id: r.member.id, name: r.member.name, counts: r.counts, publicCounts: r.publicCounts, total: r.total, weeksWithout: r.weeksWithout })),
    });
    return;
  }
  if (!g.rows.length) {
    ctx.io.err('No reports yet. Add the first: mtl team add "Sam Lee"\n');
    return;
  }
  const { io } = ctx;
  if (!io.stdoutIsTTY) {
    io.out(g.rows.map((r) => [r.member.name, ...r.counts.map((n) => (n === null ? '-' : String(n))), String(r.total)].join('\t')).join('\n') + '\n');
    return;
  }
  const c = io.color;
  const nameWidth = Math.min(20, Math.max(6, ...g.rows.map((r) => visibleWidth(r.member.name))));
  // Each week takes three columns; what is left after the names and the total decides how many show.
  const fit = Math.max(1, Math.floor((io.columns - nameWidth - 8) / 3));
  const from = Math.max(0, g.weeks.length - fit);
  const shown = g.weeks.slice(from);
  const cell = (text: string) => text.padStart(3);
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  // The month over the first week starting in it, and each week's first day under it.
  let months = '';
  shown.forEach((w, i) => {
    const month = w.start.slice(5, 7);
    if (i === 0 || month !== shown[i - 1]!.start.slice(5, 7)) months = months.padEnd(i * 3) + ` ${MONTHS[Number(month) - 1]}`;
  });
  const lines = [
    c.dim(`${padToWidth('', nameWidth)} ${months}`.trimEnd()),
    c.dim(`${padToWidth('report', nameWidth)} ${shown.map((w) => cell(String(Number(w.start.slice(8))))).join('')}  total`),
  ];
  for (const r of g.rows) {
    const cells = r.counts.slice(from).map((n) => (n === null ? cell('') : n === 0 ? c.yellow(cell('·')) : c.green(cell(n > 99 ? '+' : String(n)))));
    lines.push(`${padToWidth(truncateToWidth(r.member.name, nameWidth), nameWidth)} ${cells.join('')}  ${String(r.total).padStart(5)}`);
  }
  io.out(lines.join('\n') + '\n');
  // A report on leave is not waiting for praise.
  const gaps = g.rows.filter((r) => !isAway(r.member, today) && r.counts[r.counts.length - 1] === 0 && r.counts[r.counts.length - 2] === 0).map((r) => r.member.name);
  const notes: string[] = [];
  if (from > 0) notes.push(`The last ${plural(shown.length, 'week')} of ${weeks} fit this terminal; all of them: mtl praise grid --json`);
  notes.push(`Praise per week, starting on ${weekStart === 'monday' ? 'Mondays' : 'Sundays'}: "·" is a week without any, a blank is before they joined or a week away.`);
  if (gaps.length) notes.push(`No praise this week or last: ${gaps.join(', ')}. Log it: mtl praise <name> "<what they did well>"`);
  io.err(c.dim(notes.join('\n')) + '\n');
}
