import type { Io } from '../../context.js';
import { daysBetween } from '../../core/dates.js';
import { feedbackParts } from '../../core/one-on-ones.js';
import { DELEGATION_STEPS, type Agenda } from '../../core/team.js';
import type { Data } from '../../core/model.js';
import { mdBlock, mdInline } from '../../ui/markdown.js';
import { agoText, dueText, prose } from '../../ui/output.js';
import { plural, shellWord } from '../../core/text.js';
import { actionJson, delegationJson, feedbackJson, memberGoalJson, praiseJson } from '../team/json.js';

/** The agenda as JSON; unlike list commands it carries the personal notes, which are its point. */
export function agendaJson(data: Data, a: Agenda) {
  return {
    member: a.member.name,
    memberId: a.member.id,
    date: a.today,
    lastOneOnOne: a.lastOneOnOne?.date ?? null,
    lastOneOnOneId: a.lastOneOnOne?.id ?? null,
    daysSinceLast: a.daysSinceLast ?? null,
    cadence: a.cadence.cadence,
    cadenceOverride: a.member.cadence ?? null,
    daysSinceLastOrAdded: a.cadence.days,
    pastCadence: a.cadence.late,
    lastNotes: a.lastOneOnOne?.notes ?? [],
    actions: a.actions.map((t) => actionJson(data, t, a.today)),
    praise: a.praise.map((p) => praiseJson(data, p)),
    feedback: a.feedback.map((f) => feedbackJson(data, f)),
    quarter: a.quarter,
    goals: a.goals.map((g) => ({ ...memberGoalJson(data, g), daysLeft: g.daysLeft ?? null })),
    goalWarning: a.goalWarning ?? null,
    delegations: a.delegations.map((d) => delegationJson(data, d)),
    notes: a.notes,
  };
}

const stepLabel = (key: string) => DELEGATION_STEPS.find((s) => s.key === key)?.label ?? key;

/** The agenda as text for a terminal (or a pipe), or as markdown to paste into shared notes. */
export function renderAgenda(io: Io, a: Agenda, options: { markdown: boolean; title?: string }): string {
  const md = options.markdown;
  const c = io.color;
  const lines: string[] = [];
  // In markdown, text from the data goes through `inline` (one line) or `block` (a note, kept whole
  // under its bullet): it cannot open a heading, an item or raw HTML of its own.
  const inline = (text: string) => (md ? mdInline(text) : text);
  const block = (text: string) => (md ? mdBlock(text) : text);
  const heading = (text: string) => lines.push('', md ? `## ${text}` : c.bold(text));
  const item = (text: string) => lines.push(md ? `- ${text}` : `  • ${text}`);
  const todo = (text: string) => lines.push(md ? `- [ ] ${text}` : `  • ${text}`);
  const none = (text: string) => lines.push(md ? `_${text}_` : c.dim(`  ${text}`));
  const who = inline(a.member.name);
  const whoWord = inline(shellWord(a.member.name));

  const title = options.title === undefined ? `1:1 with ${who}` : inline(options.title);
  lines.push(md ? `# ${title} (${a.today})` : `${c.bold(title)}  ${c.dim(a.today)}`);
  const every = `every ${plural(a.cadence.cadence, 'day')}${a.member.cadence === undefined ? '' : ` for ${who}`}`;
  const since = a.lastOneOnOne
    ? `Last 1:1: ${a.lastOneOnOne.date} (${agoText(a.daysSinceLast ?? 0)}); ${every}.`
    : `No 1:1 with ${who} recorded yet (on the team ${plural(a.cadence.days, 'day')}); ${every}.`;
  // On leave: said instead of the cadence they are not late for.
  const away = a.member.awayUntil !== undefined && a.member.awayUntil > a.today ? ` Away until ${a.member.awayUntil}.` : '';
  // Back from leave with no 1:1 since: the cadence counts from that day, and the agenda says so.
  const back = a.cadence.backOn ? ` Back from leave ${a.cadence.sinceBack === 0 ? 'today' : `since ${a.cadence.backOn}`}: catch up on what changed while they were away.` : '';
  const late = !away && a.cadence.late ? ` Past the cadence by ${plural((a.cadence.sinceBack ?? a.cadence.days) - a.cadence.cadence, 'day')}.` : '';
  lines.push(late ? (md ? `${since}${back} **${late.trim()}**` : `${since}${back}${c.yellow(late)}`) : `${since}${away}${back}`);

  const lastNotes = a.lastOneOnOne?.notes ?? [];
  if (lastNotes.length) {
    heading(`Last time (${a.lastOneOnOne!.date})`);
    for (const n of lastNotes) item(md ? block(n) : indentLines(n, '    '));
  }

  // Only when there are some: an empty section at the top would push the agenda down for nothing.
  if (a.actions.length) heading(`Action items (${a.actions.length})`);
  for (const t of a.actions) {
    const owner = t.owner === 'me' ? 'you' : who;
    const due = t.due ? `; ${t.due < a.today ? `due ${t.due}, ${dueText(daysBetween(a.today, t.due))}` : `due ${t.due}`}` : '';
    const detail = `(${t.id}, ${owner}${due})`;
    const late = t.due !== undefined && t.due < a.today;
    todo(`${block(t.text)} ${md ? detail : late ? c.yellow(detail) : c.dim(detail)}`);
  }
  if (a.actions.length && !md) none(`Close one when it is done: mtl done ${a.actions[0]!.id}`);

  heading('Ask about');
  if (a.notes.length) for (const n of a.notes) item(`${block(n.text)} ${md ? `(${n.date})` : c.dim(`(${n.date})`)}`);
  else none(`No personal notes yet. What is going on in ${who}'s life? mtl team note ${whoWord} "<text>"`);

  heading(a.lastOneOnOne ? `Praise since the last 1:1 (${a.praise.length})` : `Praise logged (${a.praise.length})`);
  if (a.praise.length) for (const p of a.praise) item(`${p.date}  ${p.public ? 'public ' : 'private'}  ${block(p.text)}`);
  else none(`Nothing logged. What did ${who} do well lately? Say it in the meeting, then: mtl praise ${whoWord} "<text>"`);

  heading(`Feedback to give (${a.feedback.length})`);
  for (const f of a.feedback) {
    const noted = md ? `(${f.id}, noted ${f.date})` : c.dim(`(${f.id}, noted ${f.date})`);
    const parts = feedbackParts(f);
    if (!parts) {
      todo(`${block(f.text)} ${noted}`);
      continue;
    }
    // Situation, behaviour, impact: one short labelled line each, under the item.
    todo(noted);
    for (const p of parts) lines.push(md ? `  - ${p.label}: ${mdBlock(p.text, '    ')}` : `      ${c.bold(`${p.label}:`)} ${indentLines(p.text, '        ')}`);
  }
  if (!a.feedback.length) none('Nothing queued.');

  heading(`Their goals for ${a.quarter}`);
  for (const g of a.goals) {
    const due = g.status === 'done' ? 'done' : g.daysLeft !== undefined ? `due ${g.due} (${dueText(g.daysLeft)})` : 'no deadline';
    const last = g.lastCheckIn ? `last check-in ${g.lastCheckIn.date}: ${inline(g.lastCheckIn.note)}` : 'no check-in yet';
    // Open from an earlier quarter, or already set for the next one.
    const older = g.quarter < a.quarter ? ` [from ${g.quarter}]` : g.quarter > a.quarter ? ` [for ${g.quarter}]` : '';
    item(`${g.id}  ${inline(g.title)}${older}  ${g.progress}%  ${due}; ${last}`);
  }
  if (!a.goals.length) none(`None yet. Help ${who} set two or three: mtl member-goals ${whoWord} add "<goal>"`);
  // With no goals at all, the line above already says it; the warning adds to a short list only.
  else if (a.goalWarning) lines.push(md ? `> ${inline(a.goalWarning)}` : c.yellow(`  ${a.goalWarning}`));

  heading(`Delegated items (${a.delegations.length})`);
  for (const d of a.delegations) {
    item(`${d.id}  ${inline(d.item)}  (${d.open.length ? `open: ${d.open.map(stepLabel).join('; ')}` : 'every step checked; ready to close'})`);
  }
  if (!a.delegations.length) none(`Nothing delegated. Hand over a roadmap item: mtl delegate "<item>" --to ${whoWord}`);

  lines.push('');
  if (!md) lines.push(c.dim(`After the meeting: mtl 1on1 ${whoWord} --done (asks for notes, action items and which feedback you gave)`), '');
  // On a terminal, long items wrap at spaces under their bullet; markdown stays as written.
  return md ? lines.join('\n') : prose(io, lines.join('\n'));
}

/** A text of several lines for a terminal, every line after the first indented to stay under its label. */
function indentLines(text: string, indent: string): string {
  return text.split('\n').join(`\n${indent}`);
}
