import { LEVELS } from '../../core/assessment.js';
import { dayOf } from '../../core/dates.js';
import { parseTally, pulseMarkdown, pulsePlain, pulseQuestions, pulseResponses, tallyAverage, unevenTotals, type TallyError } from '../../core/pulse.js';
import type { Ctx } from '../../context.js';
import { UserError } from '../../errors.js';
import { updateStore } from '../../store/store.js';
import { printJson } from '../../ui/output.js';
import type { Prompter } from '../../ui/prompter.js';

export async function form(ctx: Ctx, opts: { plain?: boolean; json?: boolean }): Promise<void> {
  if (opts.json) {
    printJson(ctx.io, { questions: pulseQuestions(), answers: LEVELS.map((word, i) => ({ level: i + 1, word })) });
    return;
  }
  ctx.io.out(opts.plain ? pulsePlain() : pulseMarkdown());
  if (ctx.io.stdoutIsTTY) ctx.io.err(ctx.io.color.dim('Once the team has answered, save the counts: mtl pulse record\n'));
}

type RecordOptions = { json?: boolean } & Partial<Record<`q${1 | 2 | 3 | 4 | 5}`, string>>;

const SHAPE = `five counts separated by commas, how many answered ${LEVELS.join(', ')} (e.g. 1,0,2,3,1)`;

function tallyProblem(flag: string, text: string, e: TallyError): string {
  if ('empty' in e) return `${flag} "${text}" counts no answers; at least one person must have answered.`;
  if ('value' in e) return `${flag} "${text}": "${e.value}" is not a count; give ${SHAPE}.`;
  return `${flag} "${text}" has ${e.count} ${e.count === 1 ? 'count' : 'counts'}; give ${SHAPE}.`;
}

/** Refuses tallies whose totals differ: one set of answers gives every question the same number. */
function checkTotals(questions: { key: string }[], tallies: Record<string, number[]>): void {
  const problem = unevenTotals(questions.map((q) => tallies[q.key]));
  if (problem) throw new UserError(problem, 'Count the answers again: each person gives one answer to every question. Nothing was saved.');
}

export async function record(ctx: Ctx, opts: RecordOptions, prompter?: Prompter): Promise<void> {
  const questions = pulseQuestions();
  const tallies: Record<string, number[]> = {};
  const missing: typeof questions = [];
  for (const q of questions) {
    const text = opts[`q${q.number}` as keyof RecordOptions] as string | undefined;
    if (text === undefined) {
      missing.push(q);
      continue;
    }
    const parsed = parseTally(text);
    if ('error' in parsed) throw new UserError(tallyProblem(`--q${q.number}`, text, parsed.error), 'Nothing was saved.');
    tallies[q.key] = parsed;
  }
  checkTotals(questions, tallies);
  if (missing.length) {
    if (!ctx.io.stdinIsTTY) {
      throw new UserError(
        `No terminal to ask on: give the counts of ${missing.map((q) => `--q${q.number}`).join(', ')}.`,
        `Each is ${SHAPE}. For example: mtl pulse record ${questions.map((q) => `--q${q.number} 1,0,2,3,1`).join(' ')}`,
      );
    }
    prompter ??= (await import('../../ui/prompter.js')).createPrompter(ctx.io);
    ctx.io.err(ctx.io.color.dim(`For each question, the counts of ${LEVELS.join(', ')}, separated by commas.\n`));
    for (const q of missing) {
      const text = await prompter.input(`Q${q.number}. ${q.question}`, {
        validate: (value) => {
          const parsed = parseTally(value);
          if ('error' in parsed) return tallyProblem('That', value, parsed.error).replace(/^That "[^"]*"/, 'This');
          const total = parsed.reduce((a, b) => a + b, 0);
          const before = Object.values(tallies)[0];
          const expected = before?.reduce((a, b) => a + b, 0);
          return expected === undefined || total === expected ? true : `This adds up to ${total} ${total === 1 ? 'answer' : 'answers'}; the questions so far have ${expected} each.`;
        },
      });
      tallies[q.key] = parseTally(text) as number[];
    }
    checkTotals(questions, tallies);
  }
  const today = dayOf(ctx.now);
  const pulse = await updateStore(ctx.dataDir, (tx) => {
    const entry = { id: tx.nextId('u'), date: today, at: ctx.now.toISOString(), tallies };
    tx.tables.pulses.add(entry);
    return entry;
  });
  const averages = questions.map((q) => ({ key: q.key, label: q.label, average: tallyAverage(pulse.tallies[q.key]) ?? null }));
  if (opts.json) {
    printJson(ctx.io, { id: pulse.id, date: pulse.date, responses: pulseResponses(pulse), tallies: pulse.tallies, averages });
    return;
  }
  const lines = [`Saved team pulse ${pulse.id} (${pulseResponses(pulse)} answers) on ${today}. Team averages, 1 never to 5 always:`];
  for (const a of averages) lines.push(`  ${a.label}: ${a.average?.toFixed(1) ?? '-'}`);
  lines.push("Compare with your own answers: mtl assess history. Undo: mtl undo");
  ctx.io.err(lines.join('\n') + '\n');
}
