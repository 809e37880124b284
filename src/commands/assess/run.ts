import {
  buildAssessment,
  EXTENDED_AREAS,
  LEVELS,
  levelWord,
  parseAnswers,
  recommendedTemplates,
  TEAM_AREAS,
  TOO_EASY_QUESTION,
  TOO_EASY_WARNING,
  VERDICT_LABEL,
  VERDICT_TEXT,
  weakAreas,
  nextStep,
  type Area,
  type NextStep,
} from '../../core/assessment.js';
import { dayOf } from '../../core/dates.js';
import type { Ctx } from '../../context.js';
import { UserError } from '../../errors.js';
import { updateStore } from '../../store/store.js';
import type { AnswerLevel, Assessment, Day, Goal } from '../../core/model.js';
import { printJson, prose } from '../../ui/output.js';
import { visibleWidth } from '../../core/width.js';
import { createPrompter, requireTerminal, type Prompter } from '../../ui/prompter.js';

export interface AssessOptions {
  answers?: string;
  full?: boolean;
  json?: boolean;
}

export async function assess(ctx: Ctx, opts: AssessOptions, prompter: Prompter = createPrompter(ctx.io)): Promise<void> {
  const full = Boolean(opts.full);
  const input = opts.answers !== undefined ? answersFromFlag(opts.answers, full) : await askQuestions(ctx, prompter, full);
  const saved = await updateStore(ctx.dataDir, (tx) => {
    const assessment = buildAssessment(input, { id: tx.nextId('a'), date: dayOf(ctx.now), at: ctx.now.toISOString() });
    // The one before, by when it was taken: the change shows at once, not only in assess history.
    const previous = tx.data.assessments.reduce<Assessment | undefined>((latest, x) => (!latest || x.at > latest.at ? x : latest), undefined);
    tx.tables.assessments.add(assessment);
    return { assessment, previous, count: tx.data.assessments.length, open: tx.data.goals.filter((g) => g.status === 'open') };
  });
  if (opts.json) printJson(ctx.io, { ...toJson(saved.assessment, saved.open, dayOf(ctx.now)), previous: saved.previous ? { date: saved.previous.date, score: saved.previous.score } : null });
  else ctx.io.out(renderResult(ctx, saved.assessment, saved.count, saved.open, saved.previous));
}

function answersFromFlag(list: string, full: boolean): { tooEasy: boolean; levels: AnswerLevel[] } {
  const parsed = parseAnswers(list, full);
  if ('levels' in parsed) return parsed;
  const e = parsed.error;
  if ('count' in e) {
    throw new UserError(
      `--answers needs ${e.expected} answers${full ? ' with --full' : ''}, got ${e.count}.`,
      `Give yes or no, then ${e.expected - 1} of ${LEVELS.join(', ')} (or 1-5), separated by commas.`,
    );
  }
  throw new UserError(`Answer ${e.position} of --answers is "${e.value}"; it should be ${e.expected}.`);
}

async function askQuestions(ctx: Ctx, prompter: Prompter, full: boolean) {
  const example = ['no', ...(full ? [...TEAM_AREAS, ...EXTENDED_AREAS] : TEAM_AREAS).map(() => 'sometimes')].join(',');
  requireTerminal(ctx.io, `--answers ${example} (${full ? `${TEAM_AREAS.length + EXTENDED_AREAS.length + 1} answers with --full` : `${TEAM_AREAS.length + 1} answers`})`);
  const tooEasy = await prompter.select(TOO_EASY_QUESTION, [
    { name: 'No, it is hard work', value: false },
    { name: 'Yes, it feels a little too easy', value: true },
  ]);
  const areas = full ? [...TEAM_AREAS, ...EXTENDED_AREAS] : TEAM_AREAS;
  ctx.io.err(ctx.io.color.dim('Think of the last few weeks. How often is each statement true? (Ctrl-C to stop; nothing is saved until the end.)') + '\n');
  const levels: AnswerLevel[] = [];
  for (const [i, area] of areas.entries()) {
    const level = await prompter.select(
      `(${i + 1}/${areas.length}) ${area.question}`,
      LEVELS.map((word, index) => ({ name: word, value: (index + 1) as AnswerLevel })),
      3 as AnswerLevel,
    );
    levels.push(level);
  }
  return { tooEasy, levels };
}

/**
 * The step as JSON: the command, and the open goal it points at instead of a new one; for an overdue
 * goal, `overdue: true` with the other way out (`alternative`: start this quarter's goal).
 */
function stepJson(step: NextStep) {
  return {
    template: step.template,
    command: step.command,
    ...(step.kind === 'open' || step.kind === 'overdue' ? { openGoal: step.goal } : {}),
    ...(step.kind === 'overdue' ? { overdue: true, alternative: step.alternative } : {}),
    ...(step.kind === 'instead' ? { why: step.why } : {}),
  };
}

/** "g1 \"Grow my team's autonomy\" is 5 days overdue (due 2027-03-31) at 10%" */
function overdueText(goal: Extract<NextStep, { kind: 'overdue' }>['goal']): string {
  return `${goal.id} "${goal.title}" is ${goal.daysOverdue === 1 ? '1 day' : `${goal.daysOverdue} days`} overdue (due ${goal.due}) at ${goal.progress}%`;
}

/** The step in words, after "try:". */
function stepText(step: NextStep): string {
  if (step.kind === 'open') return `your open goal ${step.goal.id} "${step.goal.title}": ${step.command}`;
  if (step.kind === 'overdue') return `your goal ${overdueText(step.goal)}: ${step.command}, or ${step.alternative}`;
  if (step.kind === 'instead') return `${step.command} (${step.why})`;
  return step.command;
}

/** The JSON form of a result: stable field names (`date`, `score`, `verdict` at least). */
export function toJson(a: Assessment, openGoals: Goal[] = [], today: Day = a.date) {
  const areas = (list: Area[], levels: Record<string, AnswerLevel>) =>
    list.map((area) => {
      const level = levels[area.key]!;
      const weak = level <= 3;
      return { key: area.key, label: area.label, level, answer: levelWord(level), weak, ...(weak ? stepJson(nextStep(area.template, openGoals, area, today)) : {}) };
    });
  return {
    id: a.id,
    date: a.date,
    score: a.score,
    verdict: a.verdict,
    summary: VERDICT_TEXT[a.verdict],
    tooEasy: a.tooEasy,
    areas: areas(TEAM_AREAS, a.answers),
    ...(a.extended ? { extendedScore: a.extendedScore, extended: areas(EXTENDED_AREAS, a.extended) } : {}),
    recommended: recommendedTemplates(a).map((template) => stepJson(nextStep(template, openGoals, undefined, today))),
  };
}

function renderResult(ctx: Ctx, a: Assessment, count: number, openGoals: Goal[], previous?: Assessment): string {
  const c = ctx.io.color;
  const lines: string[] = [];
  const verdict = (a.verdict === 'leading' ? c.green.bold : c.yellow.bold)(VERDICT_LABEL[a.verdict]);
  const change = previous ? a.score - previous.score : 0;
  const since = previous ? `  ${(change > 0 ? c.green : change < 0 ? c.red : c.dim)(`${change > 0 ? '+' : change < 0 ? '' : '±'}${change} since ${previous.date} (${previous.score})`)}` : '';
  lines.push('', `${c.bold(`Score ${a.score}/100`)}  ${verdict}${since}`, prose(ctx.io, VERDICT_TEXT[a.verdict]));
  if (a.tooEasy) lines.push('', c.yellow(prose(ctx.io, TOO_EASY_WARNING)));
  const section = (title: string, list: Area[], levels: Record<string, AnswerLevel>) => {
    lines.push('', c.bold(title));
    const width = Math.max(...list.map((area) => area.label.length));
    for (const area of list) {
      const level = levels[area.key]!;
      const word = levelWord(level).padEnd(9);
      const head = `  ${area.label.padEnd(width)}  ${word}  `;
      if (level > 3) {
        lines.push(head + c.green('strong'));
        continue;
      }
      const tip = `try: ${stepText(nextStep(area.template, openGoals, area, a.date))}`;
      // A command is never broken across lines: too wide for the terminal, it goes on a line of its own.
      if (ctx.io.stdoutIsTTY && visibleWidth(`${head}weak   ${tip}`) > ctx.io.columns) lines.push(head + c.yellow('weak'), c.yellow(`    ${tip}`));
      else lines.push(head + c.yellow(`weak   ${tip}`));
    }
  };
  section('Your team', TEAM_AREAS, a.answers);
  if (a.extended) {
    section(`Your wider responsibilities (score ${a.extendedScore}/100)`, EXTENDED_AREAS, a.extended);
  }
  const weak = weakAreas(TEAM_AREAS, a.answers).length + (a.extended ? weakAreas(EXTENDED_AREAS, a.extended).length : 0);
  const templates = recommendedTemplates(a);
  lines.push('');
  if (templates.length > 0) {
    const step = nextStep(templates[0]!, openGoals, undefined, a.date);
    // "Too easy" puts autonomy first (recommendedTemplates), whatever the weakest area is: say so.
    const tooEasyFirst = a.tooEasy && templates[0] === 'autonomy';
    if (step.kind === 'overdue') {
      lines.push(
        c.bold(tooEasyFirst ? 'The job feels too easy, so hand work to the team first; its goal is overdue:' : 'Your weakest spot has a goal, but it is overdue:'),
        `  ${overdueText(step.goal)}.`,
        `  Move its date:                 ${step.command}`,
        `  Or start this quarter's goal:  ${step.alternative}`,
      );
    } else if (step.kind === 'open') lines.push(c.bold(tooEasyFirst ? 'The job feels too easy, so hand work to the team first; that has a goal:' : 'Your weakest spot already has a goal:'), `  ${step.goal.id} "${step.goal.title}": ${step.command}`);
    else lines.push(c.bold(tooEasyFirst ? 'The job feels too easy, so hand work to the team first:' : weak > 0 ? 'Start with a goal for your weakest spot:' : 'Next:'), `  ${step.command}`);
  } else {
    lines.push(c.bold('Keep it up:'), '  mtl goals new --template learning   keep learning on purpose');
  }
  lines.push('', c.dim(`Saved as ${a.id} (${count === 1 ? 'your first assessment' : `assessment ${count}`}). See your trend: mtl assess history`), '');
  return lines.join('\n');
}
