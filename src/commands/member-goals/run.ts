import { dayOf, daysBetween, describeDeadline, quarterOf } from '../../core/dates.js';
import { carryGoal, reportGoalQuarter } from '../../core/quarters.js';
import { plural, shellWord } from '../../core/text.js';
import { alreadyDone, markDone, sameTitleGoal } from '../../core/entries.js';
import { parseProgress } from '../../core/goals.js';
import { activeMembers, findMember, goalCountWarning, memberGoalsThisQuarter, nameOf, requireLine } from '../../core/team.js';
import { isAway } from '../../core/leave.js';
import type { Ctx } from '../../context.js';
import { UsageError, UserError } from '../../errors.js';
import { openStore, updateStore } from '../../store/store.js';
import type { Data, Day, Member, MemberGoal } from '../../core/model.js';
import { dueText, printJson, progressBar, renderTable } from '../../ui/output.js';
import { resolveDeadline } from '../deadline.js';
import { memberGoalJson } from '../team/json.js';

interface Options {
  due?: string;
  progress?: string;
  all?: boolean;
  json?: boolean;
}

const VERBS = ['add', 'list', 'check-in', 'done', 'carry'] as const;
type Verb = (typeof VERBS)[number];

export async function memberGoals(ctx: Ctx, name: string | undefined, verb: string | undefined, args: string[], opts: Options): Promise<void> {
  if (name?.toLowerCase() === 'carry') {
    checkOptions('carry', opts);
    const rest = [verb, ...args].filter((w): w is string => w !== undefined);
    const named = rest.length && !/^m\d+$/i.test(rest[0]!) ? rest.shift() : undefined;
    return carry(ctx, named, rest, opts);
  }
  if (name === undefined || name.toLowerCase() === 'list') {
    if (args.length) throw new UsageError(`Too many arguments: ${args.join(' ')}.`, 'mtl member-goals list [<name>]');
    return list(ctx, verb, opts);
  }
  const action = parseVerb(verb ?? 'list');
  checkOptions(action, opts);
  const need = (count: number, shape: string) => {
    if (args.length !== count) {
      throw new UsageError(
        args.length < count ? `member-goals ${action} needs ${shape}.` : `Too many arguments for member-goals ${action}: ${args.slice(count).join(' ')}.`,
        `mtl member-goals ${shellWord(name)} ${action} ${shape}${action === 'add' ? '  (quote a title of several words)' : ''}`,
      );
    }
  };
  switch (action) {
    case 'list':
      need(0, '');
      return list(ctx, name, opts);
    case 'add':
      need(1, '"<title>"');
      return add(ctx, name, args[0]!, opts);
    case 'check-in':
      need(2, '<id> "<note>"');
      return checkIn(ctx, name, args[0]!, args[1]!, opts);
    case 'done':
      need(1, '<id>');
      return done(ctx, name, args[0]!);
    case 'carry':
      return carry(ctx, name, args, opts);
  }
}

function parseVerb(verb: string): Verb {
  const v = verb.toLowerCase();
  if (!(VERBS as readonly string[]).includes(v)) {
    throw new UsageError(`Unknown member-goals action "${verb}".`, `Use one of: ${VERBS.join(', ')}. Example: mtl member-goals sam add "<title>"`);
  }
  return v as Verb;
}

function checkOptions(action: Verb, opts: Options): void {
  const allowed: Record<Verb, (keyof Options)[]> = { add: ['due'], list: ['all', 'json'], 'check-in': ['progress'], done: [], carry: ['all'] };
  for (const key of ['due', 'progress', 'all', 'json'] as const) {
    if (opts[key] !== undefined && !allowed[action].includes(key)) {
      throw new UsageError(`--${key} does not apply to member-goals ${action}.`, `See: mtl member-goals --help`);
    }
  }
}

/** `--progress` read and refused exactly as `mtl goals check-in` does. */
function progressOption(text: string): number {
  const n = parseProgress(text);
  if (n === undefined) throw new UserError(`--progress "${text}" is not allowed: give a whole number from 0 to 100.`);
  return n;
}

function goalOf(data: Data, member: Member, id: string): MemberGoal {
  const goal = data.memberGoals.find((g) => g.id === id.trim().toLowerCase() && g.member === member.id);
  if (goal) return goal;
  const theirs = data.memberGoals.filter((g) => g.member === member.id && g.status === 'open').map((g) => `${g.id} (${g.title})`);
  // The id may be right and the name wrong: say whose it is.
  const other = data.memberGoals.find((g) => g.id === id.trim().toLowerCase());
  const owner = other && data.members.find((m) => m.id === other.member);
  throw new UserError(
    `${member.name} has no goal "${id}"${owner ? `; ${other!.id} is ${owner.name}'s ("${other!.title}")` : ''}.`,
    theirs.length ? `Their open goals: ${theirs.join(', ')}.` : `They have no open goals. Add one: mtl member-goals ${shellWord(member.name)} add "<title>"`,
  );
}

async function add(ctx: Ctx, name: string, title: string, opts: Options): Promise<void> {
  const clean = requireLine(title, 'goal title');
  const today = dayOf(ctx.now);
  const due = await resolveDeadline(opts.due ?? 'end of quarter', today, ctx.now);
  const { goal, member, count } = await updateStore(ctx.dataDir, (tx) => {
    const member = findMember(tx.data, name);
    const quarter = reportGoalQuarter(due, today);
    const clash = sameTitleGoal(tx.data.memberGoals, member.id, quarter, clean);
    if (clash) {
      throw new UserError(
        `${member.name} already has "${clash.title}" for ${quarter} (${clash.id}).`,
        `Nothing was added. See it: mtl show ${clash.id}  Change it: mtl edit ${clash.id} --title "<title>"`,
      );
    }
    const goal: MemberGoal = { id: tx.nextId('m'), member: member.id, title: clean, quarter, due, status: 'open', progress: 0, created: today, checkIns: [], updatedAt: ctx.now.toISOString() };
    tx.tables.memberGoals.add(goal);
    return { goal, member, count: memberGoalsThisQuarter(tx.data, member.id, quarter === quarterOf(today) ? today : due).length };
  });
  const who = shellWord(member.name);
  const later = goal.quarter !== quarterOf(today) ? `, a goal for ${goal.quarter}` : '';
  ctx.io.err(`Added ${goal.id} for ${member.name}: ${goal.title}, due ${dueWords(opts.due, due, today)}${later}. Check in: mtl member-goals ${who} check-in ${goal.id} "<note>" --progress 20\n`);
  warn(ctx, member.name, count, goal.quarter);
}

/** The due day as `add` confirms it: a typed phrase as describeDeadline shows it, else the day and how far off. */
function dueWords(typed: string | undefined, due: Day, today: Day): string {
  const described = typed === undefined ? due : describeDeadline(typed, due, today);
  return described === due ? `${due} (${dueText(daysBetween(today, due))})` : described;
}

async function checkIn(ctx: Ctx, name: string, id: string, note: string, opts: Options): Promise<void> {
  const clean = requireLine(note, 'check-in note');
  const progress = opts.progress === undefined ? undefined : progressOption(opts.progress);
  const today = dayOf(ctx.now);
  const { goal, member } = await updateStore(ctx.dataDir, (tx) => {
    const member = findMember(tx.data, name);
    const goal = goalOf(tx.data, member, id);
    goal.checkIns.push({ date: today, at: ctx.now.toISOString(), note: clean, ...(progress !== undefined ? { progress } : {}) });
    if (progress !== undefined) goal.progress = progress;
    goal.updatedAt = ctx.now.toISOString();
    tx.tables.memberGoals.put(goal);
    return { goal, member };
  });
  ctx.io.err(`Checked in on ${goal.id} for ${member.name} (${goal.progress}%). See: mtl member-goals ${shellWord(member.name)}\n`);
}

/**
 * Like `mtl goals done`: progress stays what the last check-in said, and the day is recorded. With
 * no name (`mtl done m3`), the goal is found by its id alone.
 */
export async function done(ctx: Ctx, name: string | undefined, id: string): Promise<void> {
  const today = dayOf(ctx.now);
  const { goal, who, already } = await updateStore(ctx.dataDir, (tx) => {
    const member = name === undefined ? undefined : findMember(tx.data, name);
    const goal = member ? goalOf(tx.data, member, id) : tx.data.memberGoals.find((g) => g.id === id);
    if (!goal) throw new UserError(`There is no report goal ${id}.`, 'Nothing was changed. See which there are: mtl member-goals list --all');
    const finished = markDone(goal, today);
    if (finished) {
      goal.updatedAt = ctx.now.toISOString();
      tx.tables.memberGoals.put(goal);
    }
    return { goal, who: member?.name ?? nameOf(tx.data, goal.member), already: !finished };
  });
  ctx.io.err(
    already
      ? `${alreadyDone(goal.id, goal.doneOn)}\n`
      : `${who} finished ${goal.id}: ${goal.title}. Done on ${today}; ${lastProgressText(goal)}. Say so: mtl praise ${shellWord(who)} "<what they achieved>" --public  Undo: mtl undo\n`,
  );
}

async function list(ctx: Ctx, name: string | undefined, opts: Options): Promise<void> {
  const data = await openStore(ctx.dataDir);
  const today = dayOf(ctx.now);
  const quarter = quarterOf(today);
  const member = name === undefined ? undefined : findMember(data, name, { includeRemoved: true });
  // Without a name or --all, the team's goals: a report who left is listed by name or with --all.
  const onTeam = new Set(activeMembers(data).map((m) => m.id));
  const goals = data.memberGoals.filter(
    (g) => (member ? g.member === member.id : opts.all || onTeam.has(g.member)) && (opts.all || g.quarter === quarter || g.status === 'open'),
  );
  if (opts.json) printJson(ctx.io, goals.map((g) => memberGoalJson(data, g)));
  else if (goals.length) {
    const rows = goals.map((g) => {
      const j = memberGoalJson(data, g);
      const due = g.status === 'done' ? 'done' : g.due ? (ctx.io.stdoutIsTTY ? dueText(daysBetween(today, g.due)) : g.due) : '-';
      return [j.id, ...(member ? [] : [j.member]), j.title, j.quarter, due, progressBar(ctx.io, j.progress), j.lastCheckIn ?? '-'];
    });
    ctx.io.out(renderTable(ctx.io, ['id', ...(member ? [] : ['report']), 'goal', 'quarter', 'due', 'progress', 'last check-in'], rows, { drop: ['quarter', 'due'] }));
  } else {
    ctx.io.err(`No goals for ${member ? member.name : 'your reports'} in ${quarter}. Add one: mtl member-goals ${member ? shellWord(member.name) : '<name>'} add "<title>"\n`);
  }
  // Not for a report on leave: their goals wait until they are back.
  const who = (member ? (member.removed ? [] : [member]) : activeMembers(data)).filter((m) => !isAway(m, today));
  for (const m of who) warn(ctx, m.name, memberGoalsThisQuarter(data, m.id, today).length, quarter);
}

function warn(ctx: Ctx, name: string, count: number, quarter: string): void {
  const warning = goalCountWarning(name, count, quarter);
  if (warning) ctx.io.err(ctx.io.color.yellow(`warning: ${warning}`) + '\n');
}

/** The last progress a goal had when it was closed: from its latest check-in with one, or none recorded. */
function lastProgressText(goal: MemberGoal): string {
  const last = [...goal.checkIns].reverse().find((c) => c.progress !== undefined);
  if (last) return `last progress ${last.progress}%, at the check-in of ${last.date}`;
  return goal.progress > 0 ? `last progress ${goal.progress}%` : 'no progress was recorded';
}

/**
 * `member-goals carry [<name>] [<id>...] [--all]`: open goals of earlier quarters move into this one,
 * keeping their id, check-ins and creation day (and a due day before the quarter moves to its end).
 */
async function carry(ctx: Ctx, name: string | undefined, ids: string[], opts: Options): Promise<void> {
  const today = dayOf(ctx.now);
  const quarter = quarterOf(today);
  if (ids.length && opts.all) throw new UsageError('Give goal ids or --all, not both.', 'mtl member-goals carry [<name>] [<id>...|--all]');
  const { moved, who } = await updateStore(ctx.dataDir, (tx) => {
    const member = name === undefined ? undefined : findMember(tx.data, name);
    // Only goals of reports still on the team: someone who left takes their goals with them (their
    // review keeps them), and the nudge asks about no one else.
    const onTeam = new Set(activeMembers(tx.data).map((m) => m.id));
    const candidates = tx.data.memberGoals.filter((g) => g.status === 'open' && g.quarter < quarter && onTeam.has(g.member) && (!member || g.member === member.id));
    const listed = candidates.map((g) => `${g.id} (${nameOf(tx.data, g.member)}, ${g.quarter}: ${g.title})`).join(', ');
    if (!ids.length && !opts.all) {
      if (!candidates.length) return { moved: [], who: member };
      throw new UsageError(
        `Name the goals to carry into ${quarter}, or use --all.`,
        `Open goals from earlier quarters: ${listed}. Example: mtl member-goals carry ${member ? `${shellWord(member.name)} ` : ''}${candidates[0]!.id}`,
      );
    }
    const chosen: MemberGoal[] = [];
    for (const id of ids) {
      const goal = tx.data.memberGoals.find((g) => g.id === id.trim().toLowerCase() && (!member || g.member === member.id));
      if (!goal) throw new UserError(`${member ? `${member.name} has` : 'There is'} no report goal "${id}".`, `Nothing was changed. ${candidates.length ? `Goals to carry: ${listed}.` : 'See them: mtl member-goals list --all'}`);
      if (goal.status === 'done') throw new UserError(`${goal.id} is done (${goal.doneOn ?? 'day not recorded'}); only open goals are carried.`, 'Nothing was changed.');
      if (goal.quarter >= quarter) throw new UserError(`${goal.id} is already a goal for ${goal.quarter}.`, `Nothing was changed. ${candidates.length ? `Goals to carry: ${listed}.` : ''}`.trim());
      if (!chosen.includes(goal)) chosen.push(goal);
    }
    // A goal of the same title already set for this quarter: carrying would make two, which add refuses.
    for (const goal of opts.all ? candidates : chosen) {
      const clash = sameTitleGoal(tx.data.memberGoals, goal.member, quarter, goal.title);
      if (clash && clash.id !== goal.id) {
        throw new UserError(
          `${goal.id} "${goal.title}" has a namesake for ${quarter} already (${clash.id}); nothing was carried.`,
          `Finish one: mtl member-goals <name> done ${goal.id}  or rename it: mtl edit ${goal.id} --title "<title>"`,
        );
      }
    }
    const moved = (opts.all ? candidates : chosen).map((goal) => {
      const { from } = carryGoal(goal, quarter, ctx.now);
      tx.tables.memberGoals.put(goal);
      return { goal: { ...goal }, from, name: nameOf(tx.data, goal.member) };
    });
    return { moved, who: member };
  });
  if (!moved.length) {
    ctx.io.err(`Nothing to carry: ${who ? `${who.name} has` : 'your reports have'} no open goals from before ${quarter}.\n`);
    return;
  }
  const lines = moved.map(({ goal, from, name }) => `  ${goal.id}  ${name}: ${goal.title} (from ${from}, due ${goal.due}, ${goal.progress}%, ${plural(goal.checkIns.length, 'check-in')} kept)`);
  const first = moved[0]!;
  ctx.io.err(
    `Carried ${plural(moved.length, 'goal')} into ${quarter}:\n${lines.join('\n')}\n` +
      `Check in on ${moved.length === 1 ? 'it' : 'them'} in the next 1:1: mtl member-goals ${shellWord(first.name)} check-in ${first.goal.id} "<note>" --progress N\n`,
  );
}
