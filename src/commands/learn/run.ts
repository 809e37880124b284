import type { Ctx } from '../../context.js';
import { dayOf } from '../../core/dates.js';
import { notesOfQuarter } from '../../core/today.js';
import { booksFinishedThisQuarter, findOwnBook, isFinished, learningProgress, matchBooks, ownBooks, parseDuration, READING_LIST, readingList } from '../../core/learning.js';
import type { BookRead, LearningEntry, LearningLog, LearningTip } from '../../core/model.js';
import { requireLine } from '../../core/team.js';
import { UserError } from '../../errors.js';
import { openStore, updateStore } from '../../store/store.js';
import { readPreferences } from '../../store/preferences.js';
import { amountSparkline, printJson, progressBar, prose } from '../../ui/output.js';
import { plural, shellWord } from '../../core/text.js';
import { lastWeeks, sumByWeek } from '../../core/weeks.js';

const SPARK_WEEKS = 12;

const hoursText = (n: number) => `${n} ${n === 1 ? 'hour' : 'hours'}`;

export async function log(ctx: Ctx, hoursArg: string, whatArg: string): Promise<void> {
  const parsed = parseDuration(hoursArg);
  if ('problem' in parsed) {
    throw new UserError(`The time "${hoursArg}" ${parsed.problem}; nothing was logged.`, 'For example: mtl learn log 45m "HBR article on feedback", or mtl learn log 1h30 "Start with Why, chapters 1-2"');
  }
  const { hours } = parsed;
  const what = requireLine(whatArg, 'description of what you learned');
  const today = dayOf(ctx.now);
  const target = readPreferences(ctx.dataDir).learningHoursPerQuarter;
  const progress = await updateStore(ctx.dataDir, (tx) => {
    tx.tables.learning.add({ id: tx.nextId('l'), type: 'hours', date: today, hours, what });
    return learningProgress(tx.data.learning, today, target);
  });
  ctx.io.err(`Logged ${hoursText(hours)}: ${what}\n${progress.quarter}: ${progress.hours} of ${target} hours. Tried a tip from it? mtl learn apply "<tip>"\n`);
}

export interface ApplyOptions {
  from?: string;
  outcome?: string;
}

export async function apply(ctx: Ctx, tipArg: string, opts: ApplyOptions = {}): Promise<void> {
  const tip = requireLine(tipArg, 'tip');
  const from = opts.from === undefined ? undefined : requireLine(opts.from, 'source of the tip (--from)');
  const outcome = opts.outcome === undefined ? undefined : requireLine(opts.outcome, 'outcome (--outcome)');
  const today = dayOf(ctx.now);
  const { id, count } = await updateStore(ctx.dataDir, (tx) => {
    const id = tx.nextId('l');
    tx.tables.learning.add({ id, type: 'tip', date: today, tip, ...(from ? { from } : {}), ...(outcome ? { outcome } : {}) });
    return { id, count: learningProgress(tx.data.learning, today, 0).tips.length };
  });
  const source = from ? ` (from ${from})` : '';
  const result = outcome ? `\nWhat happened: ${outcome}` : '';
  const next = outcome ? 'See all: mtl learn' : `Note what happened next time with --outcome; see all: mtl learn`;
  ctx.io.err(`Noted a tip tried in practice${source}, ${id}: ${tip}${result}\n${plural(count, 'tip')} applied this quarter. ${next}\n`);
}

export async function bookAdd(ctx: Ctx, titleArg: string): Promise<void> {
  const title = requireLine(titleArg, 'book title');
  const today = dayOf(ctx.now);
  const result = await updateStore(ctx.dataDir, (tx) => {
    const same = findOwnBook(tx.data.learning, title).matches.find((b) => b.title.toLowerCase() === title.toLowerCase());
    if (same) return { book: same, added: false };
    const book: BookRead = { id: tx.nextId('l'), type: 'book', title, status: 'reading', added: today };
    tx.tables.learning.add(book);
    return { book, added: true };
  });
  const { book } = result;
  if (!result.added) {
    ctx.io.err(isFinished(book) ? `"${book.title}" (${book.id}) is already finished${book.date ? ` (${book.date})` : ''}; nothing changed.\n` : `"${book.title}" (${book.id}) is already on your list; nothing changed.\n`);
    return;
  }
  ctx.io.err(`Added ${book.id} "${book.title}" to the books you are reading.\nLog time as you read: mtl learn log 45m "${book.title}, chapter 1". When finished: mtl learn book done ${book.id}\n`);
}

export async function bookDone(ctx: Ctx, query: string): Promise<void> {
  const today = dayOf(ctx.now);
  const result = await updateStore(ctx.dataDir, (tx) => {
    const { book, matches } = findOwnBook(tx.data.learning, query);
    if (!book && matches.length > 1) {
      throw new UserError(`"${query}" matches ${matches.length} books: ${matches.map((b) => `${b.id} "${b.title}"`).join(', ')}; nothing changed.`, 'Type more of the title, or give the id.');
    }
    if (book && isFinished(book)) return { book, changed: false, created: false };
    if (book) {
      book.status = 'done';
      book.date = today;
      tx.tables.learning.put(book);
      return { book, changed: true, created: false };
    }
    if (/^l\d+$/i.test(query.trim())) throw new UserError(`There is no book ${query.trim()}; nothing changed.`, 'See your books: mtl learn');
    // A book finished but never added: it goes on the list as finished today.
    const listed = matchBooks(query);
    const title = listed.length === 1 ? listed[0]!.title : requireLine(query, 'book title');
    const created: BookRead = { id: tx.nextId('l'), type: 'book', title, status: 'done', date: today };
    tx.tables.learning.add(created);
    return { book: created, changed: true, created: true };
  });
  const { book } = result;
  if (!result.changed) {
    ctx.io.err(`"${book.title}" (${book.id}) is already finished${book.date ? ` (${book.date})` : ''}; nothing changed.\n`);
    return;
  }
  const count = booksFinishedThisQuarter((await openStore(ctx.dataDir)).learning, today).length;
  ctx.io.err(
    `Finished ${book.id} "${book.title}" on ${today}${result.created ? ' (it was not on your list; added as finished)' : ''}. ${plural(count, 'book')} finished this quarter.\n` +
      `Now try one idea from it: mtl learn apply "<tip>" --from ${shellWord(book.title)}\n`,
  );
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
  const mine = ownBooks(data.learning);
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
      ownBooks: mine,
      booksFinished: booksFinishedThisQuarter(data.learning, today).length,
      dailyNotes: notesOfQuarter(data.moments, p.quarter),
      weeklyHours: weeklyHours(ctx, data.learning, today),
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
    ...weeklyHoursLine(ctx, data.learning, today),
    '',
    c.bold('Reading list'),
    ...books.map((b) => `  ${b.read ? '[x]' : '[ ]'} ${b.title}, ${b.author}`),
    '',
    ...booksLines(ctx, mine),
    c.bold('Tips tried this quarter'),
    ...(p.tips.length ? p.tips.flatMap((t) => tipLines(ctx, t)) : [c.dim('  none yet: when an idea resonates, try it at work and note it')]),
  ];
  if (p.logs.length) lines.push('', c.bold('Logged this quarter'), ...p.logs.map((l) => `  ${l.date}  ${String(l.hours).padStart(4)}h  ${l.what}`));
  // Ownership moments and problems solved, from `mtl today --note`.
  const notes = notesOfQuarter(data.moments, p.quarter);
  if (notes.length) lines.push('', c.bold('Owned and solved this quarter') + c.dim(' (mtl today --note)'), ...notes.map((n) => `  ${n.date}  ${n.text}`));
  ctx.io.out(prose(ctx.io, lines.join('\n') + '\n'));
  ctx.io.err(c.dim(p.behind ? 'Next: mtl learn log <hours> "<what>"\n' : p.tips.length ? '' : 'Next: mtl learn apply "<tip>"\n'));
}

/** Hours logged per week over the last 12 weeks, oldest first. */
function weeklyHours(ctx: Ctx, learning: LearningEntry[], today: string): { start: string; hours: number }[] {
  const weeks = lastWeeks(today, SPARK_WEEKS, readPreferences(ctx.dataDir).weekStart);
  const hours = sumByWeek(learning.filter((e): e is LearningLog => e.type === 'hours'), weeks, (e) => e.date, (e) => e.hours);
  return weeks.map((w, i) => ({ start: w.start, hours: hours[i]! }));
}

/** Hours logged per week over the last 12 weeks, as a sparkline ("·" for a week without any). */
function weeklyHoursLine(ctx: Ctx, learning: LearningEntry[], today: string): string[] {
  const hours = weeklyHours(ctx, learning, today).map((w) => w.hours);
  const total = hours.reduce((a, b) => a + b, 0);
  const spark = amountSparkline(hours);
  return [`  ${ctx.io.stdoutIsTTY ? ctx.io.color.cyan(spark) : spark}  hours per week, last ${SPARK_WEEKS} weeks (${Math.round(total * 10) / 10} in all; most ${Math.max(...hours)})`];
}

/** The books the user added or finished themselves (reading-list books appear above already). */
function booksLines(ctx: Ctx, mine: BookRead[]): string[] {
  const c = ctx.io.color;
  const listed = new Set(READING_LIST.map((b) => b.title));
  const shown = mine.filter((b) => !isFinished(b) || !listed.has(b.title));
  if (shown.length === 0) return [];
  return [
    c.bold('Your books'),
    ...shown.map((b) => (isFinished(b) ? `  [x] ${b.title}${b.date ? c.dim(`  finished ${b.date}`) : ''}` : `  [ ] ${b.title}${c.dim(`  reading${b.added ? ` since ${b.added}` : ''} (${b.id})`)}`)),
    '',
  ];
}

/** A tip tried, with where it came from and what happened when it was. */
function tipLines(ctx: Ctx, t: LearningTip): string[] {
  const c = ctx.io.color;
  const lines = [`  ${t.date}  ${t.tip}${t.from ? c.dim(`  (from ${t.from})`) : ''}`];
  if (t.outcome) lines.push(`              ${c.dim('→')} ${t.outcome}`);
  return lines;
}
