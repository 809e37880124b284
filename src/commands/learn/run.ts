import type { Ctx } from '../../context.js';
import { dayOf } from '../../core/dates.js';
import { learningProgress, matchBooks, MAX_HOURS_PER_LOG, parseHours, READING_LIST, readingList } from '../../core/learning.js';
import { requireLine } from '../../core/team.js';
import { UserError } from '../../errors.js';
import { openStore, updateStore } from '../../store/store.js';
import { readPreferences } from '../../store/preferences.js';
import { plural, printJson, progressBar } from '../../ui/output.js';

const hoursText = (n: number) => `${n} ${n === 1 ? 'hour' : 'hours'}`;

export async function log(ctx: Ctx, hoursArg: string, whatArg: string): Promise<void> {
  const hours = parseHours(hoursArg);
  if (hours === undefined) {
    throw new UserError(`"${hoursArg}" is not a number of hours: give a positive number up to ${MAX_HOURS_PER_LOG}; decimals are fine.`, 'For example: mtl learn log 1.5 "Start with Why, chapters 1-2"');
  }
  const what = requireLine(whatArg, 'description of what you learned');
  const today = dayOf(ctx.now);
  const target = readPreferences(ctx.dataDir).learningHoursPerQuarter;
  const progress = await updateStore(ctx.dataDir, (tx) => {
    tx.tables.learning.add({ id: tx.nextId('l'), type: 'hours', date: today, hours, what });
    return learningProgress(tx.data.learning, today, target);
  });
  ctx.io.err(`Logged ${hoursText(hours)}: ${what}\n${progress.quarter}: ${progress.hours} of ${target} hours. Tried a tip from it? mtl learn apply "<tip>"\n`);
}

export async function apply(ctx: Ctx, tipArg: string): Promise<void> {
  const tip = requireLine(tipArg, 'tip');
  const today = dayOf(ctx.now);
  const count = await updateStore(ctx.dataDir, (tx) => {
    tx.tables.learning.add({ id: tx.nextId('l'), type: 'tip', date: today, tip });
    return learningProgress(tx.data.learning, today, 0).tips.length;
  });
  ctx.io.err(`Noted a tip tried in practice: ${tip}\n${plural(count, 'tip')} applied this quarter. See all: mtl learn\n`);
}

export async function read(ctx: Ctx, query: string): Promise<void> {
  const matches = matchBooks(query);
  const list = READING_LIST.map((b) => `  ${b.title}`).join('\n');
  if (matches.length === 0) throw new UserError(`No book of the reading list starts with "${query}".`, `The list:\n${list}`);
  if (matches.length > 1) throw new UserError(`"${query}" matches ${matches.length} books: ${matches.map((b) => b.title).join(', ')}.`, 'Type more of the title.');
  const book = matches[0]!;
  const today = dayOf(ctx.now);
  const added = await updateStore(ctx.dataDir, (tx) => {
    if (readingList(tx.data.learning).find((b) => b.title === book.title)?.read) return false;
    tx.tables.learning.add({ id: tx.nextId('l'), type: 'book', title: book.title, date: today });
    return true;
  });
  ctx.io.err(added ? `Marked read: ${book.title} (${book.author}). Now try one idea from it: mtl learn apply "<tip>"\n` : `${book.title} was already marked read.\n`);
}

export async function show(ctx: Ctx, opts: { json?: boolean }): Promise<void> {
  const data = await openStore(ctx.dataDir);
  const today = dayOf(ctx.now);
  const target = readPreferences(ctx.dataDir).learningHoursPerQuarter;
  const p = learningProgress(data.learning, today, target);
  const books = readingList(data.learning);
  if (opts.json) {
    printJson(ctx.io, {
      quarter: p.quarter,
      hours: p.hours,
      target: p.target,
      expected: p.expected,
      behind: p.behind,
      daysLeft: p.daysLeft,
      logs: p.logs,
      tips: p.tips,
      books,
    });
    return;
  }
  const c = ctx.io.color;
  const percent = target > 0 ? (p.hours / target) * 100 : 100;
  const pace =
    target <= 0
      ? 'no target set'
      : p.behind
        ? c.yellow(`behind: a steady pace would be ${p.expected} by today`)
        : p.hours >= p.expected
          ? c.green(`on pace (${p.expected} by today)`)
          : `within a week of a steady pace (${p.expected} by today)`;
  const lines = [
    c.bold(`Learning in ${p.quarter}`) + c.dim(` (${plural(p.daysLeft, 'day')} left)`),
    `  ${progressBar(ctx.io, percent)}  ${p.hours} of ${hoursText(target)}; ${pace}`,
    '',
    c.bold('Reading list'),
    ...books.map((b) => `  ${b.read ? '[x]' : '[ ]'} ${b.title}, ${b.author}`),
    '',
    c.bold('Tips tried this quarter'),
    ...(p.tips.length ? p.tips.map((t) => `  ${t.date}  ${t.tip}`) : [c.dim('  none yet: when an idea resonates, try it at work and note it')]),
  ];
  if (p.logs.length) lines.push('', c.bold('Logged this quarter'), ...p.logs.map((l) => `  ${l.date}  ${String(l.hours).padStart(4)}h  ${l.what}`));
  ctx.io.out(lines.join('\n') + '\n');
  ctx.io.err(c.dim(p.behind ? 'Next: mtl learn log <hours> "<what>"\n' : p.tips.length ? '' : 'Next: mtl learn apply "<tip>"\n'));
}
