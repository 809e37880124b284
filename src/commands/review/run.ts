import { dayOf } from '../../core/dates.js';
import { buildReview, reviewPeriod, type Review } from '../../core/review.js';
import { DELEGATION_STEPS, findMember } from '../../core/team.js';
import type { ActionItem, Data, Day, Feedback, Moment } from '../../core/model.js';
import { momentsAbout } from '../../core/today.js';
import type { Ctx, Io } from '../../context.js';
import { openStore } from '../../store/store.js';
import { mdBlock, mdCell, mdInline } from '../../ui/markdown.js';
import { printJson, prose } from '../../ui/output.js';
import { shellWord } from '../../core/text.js';
import { actionJson, delegationJson, feedbackJson, memberGoalJson, praiseJson } from '../team/json.js';

export interface ReviewOptions {
  quarter?: string;
  from?: string;
  to?: string;
  markdown?: boolean;
  json?: boolean;
  withNotes?: boolean;
}

export async function review(ctx: Ctx, name: string, opts: ReviewOptions): Promise<void> {
  const today = dayOf(ctx.now);
  const period = reviewPeriod(opts, today);
  const data = await openStore(ctx.dataDir);
  const member = findMember(data, name, { includeRemoved: true });
  const pack = buildReview(data, member, period, today);
  // The manager's daily notes (mtl today --note) that name them.
  const daily = momentsAbout(data.moments, member.name, pack.period.from, pack.period.to);
  // Personal notes and daily notes are the manager's own: the terminal view shows them, but markdown
  // (a document to share) and JSON (for other tools) leave them out unless --with-notes is given.
  const keep = Boolean(opts.withNotes) || (!opts.markdown && !opts.json);
  const leftOut = { notes: keep ? 0 : pack.notes.length, dailyNotes: keep ? 0 : daily.length };
  const shown = keep ? pack : { ...pack, notes: [] };
  const shownDaily = keep ? daily : [];
  if (opts.json) printJson(ctx.io, { ...reviewJson(data, shown, today), dailyNotes: shownDaily.map((m) => ({ id: m.id, date: m.date, text: m.text })), notesLeftOut: leftOut });
  else ctx.io.out(renderReview(ctx.io, shown, Boolean(opts.markdown), shownDaily, { notesLeftOut: !keep }));
  // On stderr, so that it reaches the manager and not the document.
  if (opts.markdown && (leftOut.notes || leftOut.dailyNotes)) {
    const dailyNotes = `daily notes that name ${member.name} left out (${leftOut.dailyNotes})`;
    const what = !leftOut.dailyNotes ? `Personal notes left out (${leftOut.notes})` : !leftOut.notes ? `Your ${dailyNotes}` : `Personal notes left out (${leftOut.notes}), and your ${dailyNotes}`;
    ctx.io.err(`${what}; add --with-notes to include them.\n`);
  }
}

/** The pack as JSON: the period, the monthly counts, then each group with the fields of its own list command. */
export function reviewJson(data: Data, r: Review, today: Day) {
  // Overdue as of the period's end, or today while that end is still ahead.
  const asOf = r.period.to < today ? r.period.to : today;
  const { praise, feedback, oneOnOnes } = r.months.reduce((sum, m) => ({ praise: sum.praise + m.praise, feedback: sum.feedback + m.feedback, oneOnOnes: sum.oneOnOnes + m.oneOnOnes }), { praise: 0, feedback: 0, oneOnOnes: 0 });
  return {
    member: r.member.name,
    memberId: r.member.id,
    removed: r.member.removed ?? null,
    period: r.period.label,
    from: r.period.from,
    to: r.period.to,
    counts: { praise, public: r.praise.filter((p) => p.public).length, feedback, oneOnOnes },
    months: r.months,
    praise: r.praise.map((p) => praiseJson(data, p)),
    feedback: r.feedback.map((f) => feedbackJson(data, f)),
    goals: r.goals.map((g) => ({
      ...memberGoalJson(data, g.goal),
      status: g.status,
      progress: g.progress,
      lastCheckIn: g.goal.checkIns.filter((c) => c.date <= r.period.to).at(-1)?.date ?? null,
      carriedInto: g.carriedInto ?? null,
      checkIns: g.checkIns.map((c) => ({ date: c.date, note: c.note, ...(c.progress !== undefined ? { progress: c.progress } : {}) })),
    })),
    delegations: r.delegations.map((d) => delegationJson(data, d)),
    oneOnOnes: r.oneOnOnes.map(({ meeting, actions }) => ({
      id: meeting.id,
      date: meeting.date,
      notes: meeting.notes ?? [],
      feedbackDelivered: meeting.feedbackDelivered,
      actions: actions.map((t) => actionJson(data, t, asOf)),
    })),
    otherActions: r.otherActions.map((t) => actionJson(data, t, asOf)),
    notes: r.notes.map((n) => ({ id: n.id, date: n.date, text: n.text })),
  };
}

const stepLabel = (key: string) => DELEGATION_STEPS.find((s) => s.key === key)?.label ?? key;

/** The pack as text for a terminal or a pipe, or as markdown for a review document. */
export function renderReview(io: Io, r: Review, md: boolean, daily: Moment[] = [], options: { notesLeftOut?: boolean } = {}): string {
  const c = io.color;
  const lines: string[] = [];
  // In markdown, text from the data goes through `inline` (one line) or `block` (kept under its bullet).
  const inline = (text: string) => (md ? mdInline(text) : text);
  const block = (text: string, depth = 0) => (md ? mdBlock(text, '  '.repeat(depth + 1)) : text.replace(/\n/g, `\n${'  '.repeat(depth + 3)}`));
  const dim = (text: string) => (md ? text : c.dim(text));
  const heading = (text: string) => lines.push('', md ? `## ${text}` : c.bold(text));
  const item = (text: string, depth = 0) => lines.push(md ? `${'  '.repeat(depth)}- ${text}` : `${'  '.repeat(depth + 1)}${depth ? '-' : '•'} ${text}`);
  const none = (text: string) => lines.push(md ? `_${text}_` : c.dim(`  ${text}`));
  const who = inline(r.member.name);
  const span = r.period.label.includes(' to ') ? r.period.label : `${r.period.label}, ${r.period.from} to ${r.period.to}`;

  lines.push(md ? `# Review of ${who}: ${span}` : `${c.bold(`Review of ${who}`)}  ${c.dim(span)}`);
  if (r.member.removed) lines.push(`${who} left the team on ${r.member.removed}.`);
  // An empty review says why, when it is because they were not on the team yet.
  if (r.member.added > r.period.to) lines.push(`${who} joined the team on ${r.member.added}, after this period.`);
  else if (r.member.added > r.period.from) lines.push(`${who} joined the team on ${r.member.added}.`);

  heading('Per month');
  const header = ['month', 'praise', 'feedback', '1:1s'];
  const rows = r.months.map((m) => [m.month, String(m.praise), String(m.feedback), String(m.oneOnOnes)]);
  if (md) {
    lines.push(`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.map(mdCell).join(' | ')} |`));
  } else {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
    const line = (cells: string[]) => `  ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}`;
    lines.push(dim(line(header)), ...rows.map(line));
  }

  const publicCount = r.praise.filter((p) => p.public).length;
  heading(`Praise (${r.praise.length}${r.praise.length ? `: ${r.praise.length - publicCount} private, ${publicCount} public` : ''})`);
  for (const p of r.praise) item(`${p.date}  ${p.public ? 'public ' : 'private'}  ${block(p.text)} ${dim(`(${p.id})`)}`);
  if (!r.praise.length) none('No praise logged in this period.');

  heading(`Feedback (${r.feedback.length})`);
  for (const f of r.feedback) feedbackItem(f);
  if (!r.feedback.length) none('No feedback noted in this period.');

  heading(`Their goals (${r.goals.length})`);
  for (const g of r.goals) {
    const due = g.goal.due ? `, due ${g.goal.due}` : '';
    const state = g.status === 'done' ? `done${g.goal.doneOn ? ` ${g.goal.doneOn}` : ''}` : g.carriedInto ? `carried into ${g.carriedInto}` : `open${due}`;
    item(`${g.goal.id}  ${inline(g.goal.title)} ${dim(`[${g.quarter}]`)}  ${g.progress}%  ${state}`);
    for (const ci of g.checkIns) item(`check-in ${ci.date}${ci.progress !== undefined ? ` (${ci.progress}%)` : ''}: ${block(ci.note, 1)}`, 1);
    if (!g.checkIns.length) item(dim('no check-in in this period'), 1);
  }
  if (!r.goals.length) none(`No goals of ${who} in this period.`);

  heading(`Delegated items (${r.delegations.length})`);
  for (const d of r.delegations) {
    item(`${d.id}  ${inline(d.item)}  ${d.status === 'done' ? `done${d.doneOn ? ` ${d.doneOn}` : ''}` : 'open'}, since ${d.created}`);
    for (const s of DELEGATION_STEPS) {
      const on = d.steps[s.key];
      item(md ? `[${on ? 'x' : ' '}] ${stepLabel(s.key)}${on ? ` (${on})` : ''}` : `${on ? '[x]' : '[ ]'} ${stepLabel(s.key)}${on ? dim(` (${on})`) : ''}`, 1);
    }
  }
  if (!r.delegations.length) none('Nothing delegated in this period.');

  heading(`1:1s (${r.oneOnOnes.length})`);
  for (const { meeting, actions } of r.oneOnOnes) {
    const delivered = meeting.feedbackDelivered.length ? `; feedback given: ${meeting.feedbackDelivered.join(', ')}` : '';
    item(`${meeting.date} ${dim(`(${meeting.id}${delivered})`)}`);
    for (const note of meeting.notes ?? []) item(`note: ${block(note, 1)}`, 1);
    for (const t of actions) actionItem(t, 1);
    if (!meeting.notes?.length && !actions.length) item(dim('no notes'), 1);
  }
  if (!r.oneOnOnes.length) none(`No 1:1 with ${who} recorded in this period.`);
  if (r.otherActions.length) {
    heading(`Other action items (${r.otherActions.length})`);
    for (const t of r.otherActions) actionItem(t, 0);
  }

  // Left out, the section goes entirely: a shared document does not say that there are notes.
  if (!options.notesLeftOut) {
    heading(`Personal notes (${r.notes.length})`);
    for (const n of r.notes) item(`${n.date}  ${block(n.text)} ${dim(`(${n.id})`)}`);
    if (!r.notes.length) none('No personal notes in this period.');
  }
  if (daily.length) {
    heading(`Your daily notes that name ${who} (${daily.length})`);
    for (const m of daily) item(`${m.date}  ${block(m.text)} ${dim(`(${m.id})`)}`);
  }

  lines.push('');
  const leftOutHint = r.notes.length || daily.length ? ' (personal notes left out; add --with-notes to include them)' : '';
  if (!md) lines.push(dim(`As markdown for the review document: mtl review ${inline(shellWord(r.member.name))} ${periodFlags(r)} --markdown${leftOutHint}`), '');
  return md ? lines.join('\n') : prose(io, lines.join('\n'));

  function feedbackItem(f: Feedback): void {
    const status = f.deliveredOn ? `given ${f.deliveredOn}` : 'queued';
    if (f.situation !== undefined) {
      item(`${f.date}  ${status}  ${dim(`(${f.id})`)}`);
      item(`situation: ${block(f.situation, 1)}`, 1);
      item(`behaviour: ${block(f.behaviour ?? '', 1)}`, 1);
      item(`impact: ${block(f.impact ?? '', 1)}`, 1);
    } else item(`${f.date}  ${status}  ${block(f.text)} ${dim(`(${f.id})`)}`);
  }

  function actionItem(t: ActionItem, depth: number): void {
    const state = t.status === 'done' ? `done${t.doneOn ? ` ${t.doneOn}` : ''}` : `open${t.due ? `, due ${t.due}` : ''}`;
    item(`action ${dim(`${t.id}`)} (${t.owner === 'me' ? 'me' : 'them'}, ${state}): ${block(t.text, depth)}`, depth);
  }
}

function periodFlags(r: Review): string {
  const q = /^(\d{4}-Q[1-4])/.exec(r.period.label);
  return q && !r.period.label.includes(' to ') ? `--quarter ${q[1]}` : `--from ${r.period.from} --to ${r.period.to}`;
}
