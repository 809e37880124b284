import type { Io } from '../../context.js';
import { DELEGATION_STEPS, type Agenda } from '../../core/team.js';
import type { Data } from '../../core/model.js';
import { mdBlock, mdInline } from '../../ui/markdown.js';
import { agoText, dueText, plural, shellWord } from '../../ui/output.js';
import { delegationJson, feedbackJson, memberGoalJson, praiseJson } from '../team/json.js';

/** The agenda as JSON; unlike list commands it carries the personal notes, which are its point. */
export function agendaJson(data: Data, a: Agenda) {
  return {
    member: a.member.name,
    memberId: a.member.id,
    date: a.today,
    lastOneOnOne: a.lastOneOnOne?.date ?? null,
    daysSinceLast: a.daysSinceLast ?? null,
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
  lines.push(
    a.lastOneOnOne
      ? `Last 1:1: ${a.lastOneOnOne.date} (${agoText(a.daysSinceLast ?? 0)}).`
      : `No 1:1 with ${who} recorded yet.`,
  );

  heading('Ask about');
  if (a.notes.length) for (const n of a.notes) item(`${block(n.text)} ${md ? `(${n.date})` : c.dim(`(${n.date})`)}`);
  else none(`No personal notes yet. What is going on in ${who}'s life? mtl team note ${whoWord} "<text>"`);

  heading(a.lastOneOnOne ? `Praise since the last 1:1 (${a.praise.length})` : `Praise logged (${a.praise.length})`);
  if (a.praise.length) for (const p of a.praise) item(`${p.date}  ${p.public ? 'public ' : 'private'}  ${block(p.text)}`);
  else none(`Nothing logged. What did ${who} do well lately? Say it in the meeting, then: mtl praise ${whoWord} "<text>"`);

  heading(`Feedback to give (${a.feedback.length})`);
  if (a.feedback.length) for (const f of a.feedback) todo(`${block(f.text)} ${md ? `(${f.id}, noted ${f.date})` : c.dim(`(${f.id}, noted ${f.date})`)}`);
  else none('Nothing queued.');

  heading(`Their goals for ${a.quarter}`);
  for (const g of a.goals) {
    const due = g.status === 'done' ? 'done' : g.daysLeft !== undefined ? `due ${g.due} (${dueText(g.daysLeft)})` : 'no deadline';
    const last = g.lastCheckIn ? `last check-in ${g.lastCheckIn.date}: ${inline(g.lastCheckIn.note)}` : 'no check-in yet';
    const older = g.quarter !== a.quarter ? ` [from ${g.quarter}]` : '';
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
  if (!md) lines.push(c.dim(`After the meeting: mtl 1on1 ${whoWord} --done${a.feedback.length ? ` (marks ${plural(a.feedback.length, 'feedback note')} delivered)` : ''}`), '');
  return lines.join('\n');
}
