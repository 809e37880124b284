import { dayOf, dayWithWeekday, quarterBounds, quarterOption } from '../../core/dates.js';
import { endLeave, isAway, startLeave } from '../../core/leave.js';
import { goalCounts, memberGoalsInQuarter, onTeamDuring, quarterCounts } from '../../core/quarters.js';
import {
  activeMembers,
  findMember,
  historyOf,
  memberGoalsThisQuarter,
  oneOnOneAgenda,
  recognitionBalance,
  requireText,
  nameKey,
  shadowedBy,
  validateNewName,
} from '../../core/team.js';
import type { Ctx } from '../../context.js';
import { UsageError, UserError } from '../../errors.js';
import { readPreferences } from '../../store/preferences.js';
import { openStore, updateStore } from '../../store/store.js';
import { forgetReport } from '../nudge/state.js';
import { cadenceStates, openActions, type CadenceState } from '../../core/one-on-ones.js';
import { truncateToWidth } from '../../core/width.js';
import { PREFERENCE_SPECS } from '../../core/preferences.js';
import type { Data, Member } from '../../core/model.js';
import { agoText, printJson, renderTable } from '../../ui/output.js';
import { plural, shellWord } from '../../core/text.js';
import { createPrompter, type Prompter } from '../../ui/prompter.js';
import { agendaJson, renderAgenda } from '../one-on-one/render.js';

export async function add(ctx: Ctx, name: string, opts: { note?: string; restore?: boolean; new?: boolean }, prompter?: Prompter): Promise<void> {
  const today = dayOf(ctx.now);
  const note = opts.note === undefined ? undefined : requireText(opts.note, 'note');
  if (opts.restore && opts.new) throw new UsageError('Choose one of --restore and --new.', `mtl team add ${shellWord(name)} --restore  brings a removed report back with their history; --new adds another report of that name.`);
  // A removed report of that name: back with their history, or a new report? Asked before the lock is taken.
  let restore = opts.restore;
  if (!opts.restore && !opts.new) {
    const { name: typed, restore: removed } = validateNewName(await openStore(ctx.dataDir), name);
    if (removed) {
      const who = shellWord(removed.name);
      // Typed as the start of their name ("alex" for Alex Kim), the new report would be called as typed.
      const sameName = nameKey(typed) === nameKey(removed.name);
      const newName = sameName ? removed.name : typed;
      if (!ctx.io.stdinIsTTY) {
        throw new UserError(
          `${removed.name} was on your team until ${removed.removed} (${removed.id}). Bring them back, or add a new report ${sameName ? 'of that name' : `called ${typed}`}?`,
          `Back with their history: mtl team add ${who} --restore  A new report: mtl team add ${shellWord(newName)} --new`,
        );
      }
      prompter ??= createPrompter(ctx.io);
      restore = await prompter.select(`${removed.name} was on your team until ${removed.removed}. What now?`, [
        { name: `Bring ${removed.name} back, with their history`, value: true },
        { name: `Add a new report called ${newName}`, value: false },
      ]);
    }
  }
  const { member, restored, shadowed, formerly } = await updateStore(ctx.dataDir, (tx): { member: Member; restored: boolean; shadowed?: Member[]; formerly?: Member[] } => {
    const checked = validateNewName(tx.data, name);
    if (restore && !checked.restore) {
      throw new UserError(`There is no removed report called "${checked.name}" to bring back.`, `Add them as new: mtl team add ${shellWord(checked.name)}. Removed reports: mtl team list --all`);
    }
    if (restore && checked.restore) {
      const member = checked.restore;
      delete member.removed;
      if (note) member.notes.push({ id: tx.nextId('n'), date: today, text: note });
      tx.tables.members.put(member);
      return { member, restored: true };
    }
    const member: Member = { id: tx.nextId('r'), name: checked.name, added: today, notes: note ? [{ id: tx.nextId('n'), date: today, text: note }] : [] };
    // "Priya" beside Priya Raman: from now on the short name means the new report. Said, in case
    // the user meant Priya Raman (the README's `mtl team add Priya --note ...` reads that way).
    const shadowed = shadowedBy(tx.data, checked.name);
    // A report who had this name before (renamed since): said, in case they were meant.
    const formerly = activeMembers(tx.data).filter((m) => m.formerNames?.some((n) => nameKey(n) === nameKey(checked.name)));
    tx.tables.members.add(member);
    return { member, restored: false, shadowed, formerly };
  });
  const who = shellWord(member.name);
  if (shadowed?.length) {
    const names = shadowed.map((m) => m.name).join(' and ');
    ctx.io.err(ctx.io.color.yellow(`Note: ${names} ${shadowed.length === 1 ? 'is' : 'are'} on your team too; "${member.name}" now means the new report. For a note about ${names}: mtl team note ${shellWord(shadowed[0]!.name)} "<text>"; to undo this add: mtl undo`) + '\n');
  }
  for (const m of formerly ?? []) ctx.io.err(ctx.io.color.yellow(`Note: ${m.name} (${m.id}) was called ${member.name} before; this is a new report. If you meant ${m.name}: mtl undo`) + '\n');
  if (restored) {
    ctx.io.err(`${member.name} is back on your team, with their earlier history (${member.id}). See: mtl team show ${who}\n`);
    // A leave set before they left still holds: said, with the way to end it.
    if (isAway(member, today)) ctx.io.err(`They are still marked away until ${member.awayUntil}, as set before they left. Back already? mtl team set ${who} --away none\n`);
  } else {
    ctx.io.err(`Added ${member.name} to your team (${member.id}). Next: mtl member-goals ${who} add "<goal>"  or  mtl praise ${who} "<what they did well>"\n`);
  }
}

export async function note(ctx: Ctx, name: string, text: string): Promise<void> {
  const today = dayOf(ctx.now);
  const clean = requireText(text, 'note');
  const member = await updateStore(ctx.dataDir, (tx) => {
    const member = findMember(tx.data, name);
    member.notes.push({ id: tx.nextId('n'), date: today, text: clean });
    tx.tables.members.put(member);
    return member;
  });
  ctx.io.err(`Noted for ${member.name} (${plural(member.notes.length, 'note')}). They come up in: mtl 1on1 ${shellWord(member.name)}\n`);
}

interface ListOptions {
  json?: boolean;
  withNotes?: boolean;
  all?: boolean;
  quarter?: string;
}

export async function list(ctx: Ctx, opts: ListOptions): Promise<void> {
  const quarter = opts.quarter === undefined ? undefined : quarterOption(opts.quarter, dayOf(ctx.now));
  const data = await openStore(ctx.dataDir);
  const today = dayOf(ctx.now);
  const { recognitionDays, oneOnOneCadence } = readPreferences(ctx.dataDir);
  // --quarter: the reports on the team at some time in that quarter (someone who left since
  // included, someone who joined later not), as the quarter's markdown summary lists them.
  const bounds = quarter === undefined ? undefined : quarterBounds(quarter);
  const members = bounds ? data.members.filter((m) => onTeamDuring(m, bounds.start, bounds.end)) : opts.all ? data.members : activeMembers(data);
  // --quarter: the praise column and the JSON's quarter counts are that quarter's.
  const counts = quarter === undefined ? undefined : quarterCounts(data, quarter);
  const inQuarter = (id: string) => counts?.get(id) ?? { praise: 0, public: 0, private: 0, feedback: 0 };
  // --quarter: the report goals of that quarter as they stood on its last day (today, for this one).
  const quarterGoals = quarter === undefined ? [] : memberGoalsInQuarter(data, quarter, today);
  const goalsIn = (id: string) => goalCounts(quarterGoals.filter((g) => g.goal.member === id));
  const balances = recognitionBalance(data, today, recognitionDays, members);
  const cadences = cadenceStates(data, members, today, oneOnOneCadence);
  const rows = members.map((m, i) => ({
    member: m,
    balance: balances[i]!,
    cadence: cadences[i]!,
    queued: data.feedback.filter((f) => f.member === m.id && !f.deliveredOn).length,
    openGoals: data.memberGoals.filter((g) => g.member === m.id && g.status === 'open').length,
    goalsThisQuarter: memberGoalsThisQuarter(data, m.id, today).length,
  }));
  if (opts.json) {
    printJson(
      ctx.io,
      rows.map((r) => ({
        id: r.member.id,
        name: r.member.name,
        added: r.member.added,
        ...(r.member.removed ? { removed: r.member.removed } : {}),
        lastOneOnOne: r.cadence.last ?? null,
        // Null until the first 1:1; the cadence meanwhile counts from the day they were added.
        daysSinceOneOnOne: r.cadence.last ? r.cadence.days : null,
        cadence: r.cadence.cadence,
        pastCadence: !r.member.removed && !isAway(r.member, today) && r.cadence.late,
        awayUntil: isAway(r.member, today) ? r.member.awayUntil! : null,
        lastPraise: r.balance.lastPraise ?? null,
        praiseThisWeek: r.balance.recent,
        praiseThisQuarter: r.balance.quarter.praise,
        queuedFeedback: r.queued,
        openGoals: r.openGoals,
        goalsThisQuarter: r.goalsThisQuarter,
        ...(quarter ? { quarter: { quarter, ...inQuarter(r.member.id), ...quarterGoalsJson(goalsIn(r.member.id)) } } : {}),
        ...(opts.withNotes ? { notes: r.member.notes } : {}),
      })),
    );
    return;
  }
  if (rows.length === 0) {
    ctx.io.err(quarter && data.members.length ? `Nobody was on your team in ${quarter}.\n` : 'No reports yet. Add the first: mtl team add "Sam Lee"\n');
    return;
  }
  const { io } = ctx;
  const c = io.color;
  const lastPraise = (day: string | undefined, days: number | undefined, due: boolean) => {
    if (!day) return io.stdoutIsTTY ? c.yellow('never') : '-';
    const text = io.stdoutIsTTY ? agoText(days ?? 0) : day;
    return due && io.stdoutIsTTY ? c.yellow(text) : text;
  };
  const lastOneOnOne = (s: CadenceState, removed: boolean) => {
    const when = s.last ? (io.stdoutIsTTY ? agoText(s.days) : s.last) : io.stdoutIsTTY ? 'never' : '-';
    // Piped, the cell is the day alone, for cut and awk; --json has pastCadence.
    if (removed || !s.late || !io.stdoutIsTTY) return when;
    return c.yellow(`${when} (late)`);
  };
  const header = ['name', 'added', 'last 1:1', 'last praise', quarter ? `praise in ${quarter}` : 'praise this quarter', 'queued feedback', quarter ? `open goals (${quarter})` : 'open goals', ...(opts.withNotes ? ['notes'] : [])];
  const table = rows.map((r) => [
    r.member.removed ? `${r.member.name} (removed)` : isAway(r.member, today) ? `${r.member.name} (away)` : r.member.name,
    r.member.added,
    lastOneOnOne(r.cadence, Boolean(r.member.removed) || isAway(r.member, today)),
    lastPraise(r.balance.lastPraise, r.balance.daysSincePraise, r.balance.due),
    String(counts ? inQuarter(r.member.id).praise : r.balance.quarter.praise),
    String(r.queued),
    String(quarter ? goalsIn(r.member.id).open : r.openGoals),
    ...(opts.withNotes ? [r.member.notes.map((n) => n.text).join('; ')] : []),
  ]);
  io.out(renderTable(io, header, table, { drop: ['added'] }));
  // The day each is back, which the name cell has no room for.
  const away = rows.filter((r) => !r.member.removed && isAway(r.member, today)).map((r) => `${r.member.name} until ${r.member.awayUntil}`);
  if (away.length && io.stdoutIsTTY) io.err(c.dim(`Away: ${away.join(', ')}. Back sooner: mtl team set <name> --away none\n`));
  const late = rows.filter((r) => !r.member.removed && !isAway(r.member, today) && r.cadence.late).map((r) => `${r.member.name} (${plural(r.cadence.days, 'day')}, every ${r.cadence.cadence})`);
  if (late.length && io.stdoutIsTTY) io.err(c.dim(`Past their 1:1 cadence: ${late.join(', ')}. See the agenda: mtl 1on1 <name>\n`));
  const due = rows.filter((r) => !r.member.removed && !isAway(r.member, today) && r.balance.due).map((r) => r.member.name);
  if (due.length && io.stdoutIsTTY) {
    io.err(c.dim(`Not recognised in the last ${recognitionDays} days: ${due.join(', ')}. Log it: mtl praise <name> "<what they did well>"\n`));
  }
}

/** A report's goals of a quarter in the team list JSON: set for it, done by its end, open then, and of those carried on since. */
function quarterGoalsJson(c: ReturnType<typeof goalCounts>) {
  return { goals: c.total, goalsDone: c.done, goalsOpen: c.open, goalsCarried: c.carried };
}

export async function show(ctx: Ctx, name: string, opts: { json?: boolean }): Promise<void> {
  const data = await openStore(ctx.dataDir);
  const member = findMember(data, name);
  const agenda = oneOnOneAgenda(data, member, dayOf(ctx.now), readPreferences(ctx.dataDir).oneOnOneCadence);
  if (opts.json) printJson(ctx.io, agendaJson(data, agenda));
  else ctx.io.out(renderAgenda(ctx.io, agenda, { markdown: false, title: member.name }));
}

/**
 * `team set <name> [--cadence <days|default>] [--name <new name>] [--away <day|none>]`: a report's
 * own days between 1:1s, their name spelt right, or the day they are back from leave.
 */
export async function set(ctx: Ctx, name: string, opts: { cadence?: string; name?: string; away?: string }): Promise<void> {
  if (opts.cadence === undefined && opts.name === undefined && opts.away === undefined) {
    throw new UsageError('Nothing to set.', `Give what to change: mtl team set ${shellWord(name)} --cadence 14, --name "<their name, spelt right>" or --away <the day they are back>`);
  }
  const today = dayOf(ctx.now);
  const back = opts.away === undefined ? undefined : await awayUntil(ctx, name, opts.away, today);
  const word = opts.cadence?.trim().toLowerCase();
  let cadence: number | undefined;
  if (opts.cadence !== undefined && word !== 'default') {
    try {
      cadence = PREFERENCE_SPECS.oneOnOneCadence.parse(opts.cadence);
    } catch (err) {
      if (err instanceof UserError) throw new UserError(`--cadence: ${err.message.replace(/\.$/, '')}, or "default".`, `mtl team set ${shellWord(name)} --cadence 14`);
      throw err;
    }
  }
  let was = '';
  let wasAway = false;
  const renamed: { shadowed: Member[] } = { shadowed: [] };
  const member = await updateStore(ctx.dataDir, (tx) => {
    const member = findMember(tx.data, name);
    was = member.name;
    wasAway = isAway(member, today);
    if (opts.name !== undefined) {
      const next = newNameFor(tx.data, member, opts.name);
      renamed.shadowed = next.shadowed;
      // The old name is kept, so that a backup made before still merges into them (import --merge).
      if (nameKey(next.name) !== nameKey(member.name)) member.formerNames = [...new Set([...(member.formerNames ?? []), member.name])];
      member.name = next.name;
    }
    if (opts.cadence !== undefined) {
      if (cadence === undefined) delete member.cadence;
      else member.cadence = cadence;
    }
    if (back === null) endLeave(member, today);
    else if (back !== undefined) startLeave(member, back, today);
    tx.tables.members.put(member);
    return member;
  });
  const who = shellWord(member.name);
  if (back === null) ctx.io.err(wasAway ? `${member.name} is back: the nudge and the dashboard count them again.\n` : `${member.name} was not away.\n`);
  else if (back !== undefined) {
    ctx.io.err(`${member.name} is away until ${dayWithWeekday(back)}: no reminders about them (praise, 1:1s, their goals and action items) before then. Back sooner: mtl team set ${who} --away none\n`);
  }
  if (opts.name !== undefined) ctx.io.err(member.name === was ? `${member.name} is already their name.\n` : `${was} is ${member.name} now (${member.id}); everything about them stays theirs. Undo: mtl undo\n`);
  // As team add says: a name that is another report's first name (or its start) now means this one.
  for (const other of renamed.shadowed) ctx.io.err(`Note: ${other.name} is on your team too; "${member.name}" now means ${member.name}. Give ${other.name}'s full name for them.\n`);
  if (opts.cadence === undefined) return;
  const fallback = readPreferences(ctx.dataDir).oneOnOneCadence;
  ctx.io.err(
    cadence === undefined
      ? `${member.name} is back on your default cadence: a 1:1 every ${plural(fallback, 'day')} (mtl config set oneOnOneCadence <days>). See: mtl team list\n`
      : `A 1:1 with ${member.name} every ${plural(cadence, 'day')} (your default is ${fallback}). Back to the default: mtl team set ${who} --cadence default\n`,
  );
}

/** The day given with --away, the first day back (after today), or null for none (they are back). */
async function awayUntil(ctx: Ctx, name: string, text: string, today: string): Promise<string | null> {
  if (['none', 'back', 'no'].includes(text.trim().toLowerCase())) return null;
  const { resolveDeadline } = await import('../deadline.js');
  let day: string;
  try {
    day = await resolveDeadline(text, today, ctx.now);
  } catch (err) {
    if (err instanceof UserError) throw new UserError(`--away: ${err.message}`, `Give the day they are back, e.g. mtl team set ${shellWord(name)} --away 2027-05-17 (or "in 6 weeks"); --away none when they are back.`);
    throw err;
  }
  if (day <= today) throw new UserError(`--away ${text}${text.trim() === day ? '' : ` is ${day}, which`} is not after today (${today}): give the day they are back.`, `Back already? mtl team set ${shellWord(name)} --away none`);
  return day;
}

/**
 * A report's name spelt anew, checked as a new report's would be (though it may differ from their
 * own only in case or accents), with the other reports whose short name it now takes and the old
 * one did not.
 */
function newNameFor(data: Data, member: Member, typed: string): { name: string; shadowed: Member[] } {
  const others = { ...data, members: data.members.filter((m) => m.id !== member.id) };
  const apart = `Nothing was changed. Give ${member.name} a name that tells them apart, e.g. with a surname or an initial.`;
  const taken = activeMembers(others).find((m) => nameKey(m.name) === nameKey(typed));
  if (taken) throw new UserError(`${taken.name} (${taken.id}) is called that already.`, apart);
  const { name, restore } = validateNewName(others, typed);
  // Only a report who left with exactly that name stands in the way ("Alex" is not Alex Kim's name).
  if (restore && nameKey(restore.name) === nameKey(name)) throw new UserError(`${restore.name} (${restore.id}), who left the team, is called that already.`, apart);
  if (nameKey(name) === nameKey(member.name)) return { name, shadowed: [] };
  const before = new Set(shadowedBy(others, member.name));
  return { name, shadowed: shadowedBy(others, name).filter((m) => !before.has(m)) };
}

interface RemoveOptions {
  purge?: boolean;
  yes?: boolean;
}

export async function remove(ctx: Ctx, name: string, opts: RemoveOptions, prompter: Prompter = createPrompter(ctx.io)): Promise<void> {
  const today = dayOf(ctx.now);
  if (!opts.purge) {
    const { member, open } = await updateStore(ctx.dataDir, (tx) => {
      const member = findMember(tx.data, name);
      member.removed = today;
      tx.tables.members.put(member);
      return { member, open: openItemsOf(tx.data, member.id) };
    });
    const who = shellWord(member.name);
    ctx.io.err(`${member.name} is off your team; their history is kept. Bring them back: mtl team add ${who} --restore  Delete everything: mtl team remove ${who} --purge\n`);
    // Nothing reminds of a removed report's items again: said now, while someone can take them on.
    if (open.length) {
      const first = open[0]!.id;
      ctx.io.err(`Still open with them: ${open.map((o) => `${o.id} (${o.what})`).join(', ')}. Hand one on: mtl edit ${first} --to <name>  or close it: mtl done ${first}\n`);
    }
    return;
  }
  const before = await openStore(ctx.dataDir);
  const target = findMember(before, name, { includeRemoved: true });
  const summary = describeHistory(before, target.id);
  if (!opts.yes) {
    if (!ctx.io.stdinIsTTY) {
      throw new UserError(`--purge deletes ${target.name} and ${summary}; confirm it with --yes.`, `mtl team remove ${shellWord(target.name)} --purge --yes`);
    }
    const sure = await prompter.confirm(`Delete ${target.name} and ${summary}? This cannot be undone.`, false);
    if (!sure) {
      ctx.io.err('Nothing was deleted.\n');
      return;
    }
  }
  await updateStore(ctx.dataDir, (tx) => {
    if (!tx.tables.members.find(target.id)) throw new UserError(`${target.name} was already deleted.`);
    tx.purgeMember(target.id);
  });
  await forgetReport(ctx.dataDir, target.id);
  ctx.io.err(`Deleted ${target.name} and ${summary}. See your team: mtl team list\n`);
}

/** A report's open action items, goals, delegated items and processes, as `id` and a few words. */
function openItemsOf(data: Data, memberId: string): { id: string; what: string }[] {
  const words = (text: string) => JSON.stringify(truncateToWidth(text.replace(/\s+/g, ' '), 30));
  return [
    ...openActions(data, memberId).map((a) => ({ id: a.id, what: `action item ${words(a.text)}` })),
    ...data.memberGoals.filter((g) => g.member === memberId && g.status === 'open').map((g) => ({ id: g.id, what: `goal ${words(g.title)}` })),
    ...data.delegations.filter((d) => d.member === memberId && d.status === 'open').map((d) => ({ id: d.id, what: `delegated ${words(d.item)}` })),
    ...(data.processes ?? []).filter((p) => p.member === memberId && p.status === 'open').map((p) => ({ id: p.id, what: `process ${words(p.practice)}` })),
  ];
}

function describeHistory(data: Data, memberId: string): string {
  const h = historyOf(data, memberId);
  const parts = [
    plural(h.praise, 'praise entry', 'praise entries'),
    plural(h.feedback, 'feedback note'),
    plural(h.memberGoals, 'goal'),
    plural(h.delegations, 'delegated item'),
    plural(h.oneOnOnes, '1:1 record'),
    plural(data.members.find((m) => m.id === memberId)?.notes.length ?? 0, 'personal note'),
  ];
  return `all their history (${parts.join(', ')})`;
}
