import { VERDICT_LABEL } from '../../core/assessment.js';
import { addDaysToDay, dayOf, quarterBounds, quarterOf, sortByText } from '../../core/dates.js';
import { goalsAsOf, memberGoalsInQuarter, onTeamDuring, quarterCounts } from '../../core/quarters.js';
import { goalView, sortGoals } from '../../core/goals.js';
import { activeMembers, nameOf, recognitionBalance } from '../../core/team.js';
import type { Data } from '../../core/model.js';
import { mdBlock, mdCell, mdInline } from '../../ui/markdown.js';

/**
 * A readable summary for a performance review or a handover: the assessment trend, my goals, each
 * report's recognition, goals and delegated work (owned, or delivered in the quarter), and the last 90
 * days. Personal notes only on request. For a past quarter (`quarter`), only what is dated within it:
 * its assessments, my goals and the reports' as they stood on its last day, and counts over its days
 * instead of the last 90.
 */
export function markdownSummary(data: Data, now: Date, options: { withNotes: boolean; recognitionDays: number; quarter?: string }): string {
  const today = dayOf(now);
  const since = addDaysToDay(today, -90);
  const quarter = options.quarter ?? quarterOf(today);
  const current = quarter === quarterOf(today);
  const { start, end } = quarterBounds(quarter);
  const out: string[] = [`# Management summary, ${today}`, '', `Quarter ${quarter}${current ? '' : ` (${start} to ${end})`}. Made with mtl.`, ''];
  // A past quarter: what is dated in it, as of its last day (no later day can be in it).
  const within = (day: string | undefined) => current || (day !== undefined && day >= start && day <= end);

  out.push('## Self-assessment', '');
  const assessments = sortByText(data.assessments.filter((a) => within(a.date)), (a) => a.at);
  const latest = assessments[assessments.length - 1];
  if (!latest) out.push(current ? 'No assessment yet.' : `No assessment in ${quarter}.`, '');
  else {
    const first = assessments[0]!;
    out.push(`- Latest: ${latest.score}/100 (${VERDICT_LABEL[latest.verdict]}) on ${latest.date}`);
    if (assessments.length > 1) out.push(`- First: ${first.score}/100 on ${first.date} (${latest.score === first.score ? 'no change' : `${signed(latest.score - first.score)}`} since, over ${assessments.length} assessments)`);
    out.push('');
  }

  out.push('## My goals', '');
  const goals = current ? sortGoals(data.goals).map((g) => goalView(g, today)) : sortGoals(goalsAsOf(data.goals, start, end)).map((g) => goalView(g, end));
  if (goals.length === 0) out.push(current ? 'No goals yet.' : `No goals in ${quarter}.`, '');
  else {
    out.push('| Goal | Kind | Due | Status | Progress | Last check-in |', '| --- | --- | --- | --- | --- | --- |');
    for (const g of goals) {
      const last = g.lastCheckIn ? `${g.lastCheckIn.date}: ${mdCell(g.lastCheckIn.note)}` : '';
      out.push(`| ${g.id} ${mdCell(g.title)} | ${mdCell(g.template)} | ${g.due ?? ''} | ${g.overdue ? 'overdue' : mdCell(g.status)} | ${g.progress}% | ${last} |`);
    }
    out.push('');
  }

  out.push('## Team', '');
  const balances = recognitionBalance(data, today, options.recognitionDays);
  const members = current ? activeMembers(data) : data.members.filter((m) => onTeamDuring(m, start, end));
  const counts = current ? undefined : quarterCounts(data, quarter);
  // The quarter's report goals and delegated items as they stood on its last day (today, for this one).
  const asOf = current ? today : end;
  const quarterGoals = memberGoalsInQuarter(data, quarter, today);
  const owned = data.delegations.filter((d) => d.created <= asOf && !(d.status === 'done' && (d.doneOn === undefined || d.doneOn < start)));
  if (members.length === 0) out.push(current ? 'No reports recorded.' : `No reports on the team in ${quarter}.`, '');
  for (const member of members) {
    out.push(`### ${mdInline(member.name)}`, '');
    const b = balances.find((x) => x.id === member.id);
    if (counts) {
      const c = counts.get(member.id) ?? { praise: 0, public: 0, feedback: 0 };
      out.push(`- Recognition in ${quarter}: ${c.praise} (${c.public} public); constructive feedback: ${c.feedback}${member.removed ? `; left the team ${member.removed}` : ''}`);
    } else if (b) out.push(`- Recognition this quarter: ${b.quarter.praise} (${b.quarter.public} public); constructive feedback: ${b.quarter.feedback}; last praise: ${b.lastPraise ?? 'never'}`);
    for (const { goal: g, status, progress, carriedInto } of quarterGoals.filter((x) => x.goal.member === member.id)) {
      const shown = carriedInto ? `carried into ${carriedInto}` : status;
      out.push(`- Goal: ${mdInline(g.title)} (${shown}, ${progress}%${g.due && !carriedInto ? `, due ${g.due}` : ''})`);
    }
    for (const d of owned.filter((x) => x.member === member.id)) {
      // Done within the quarter (by its last day): delivered; else still owned then.
      if (d.status === 'done' && d.doneOn! <= asOf) out.push(`- Delivered: ${mdInline(d.item)} (done ${d.doneOn})`);
      else out.push(`- Owns: ${mdInline(d.item)}`);
    }
    if (options.withNotes) for (const n of member.notes.filter((x) => within(x.date))) out.push(`- Note (${n.date}): ${mdBlock(n.text)}`);
    out.push('');
  }

  // The window of the counts: the last 90 days, or a past quarter's days.
  const [from, to] = current ? [since, today] : [start, end];
  const recent = <T extends { date?: string }>(list: T[]) => list.filter((x) => x.date !== undefined && x.date >= from && x.date <= to);
  const learning = recent(data.learning);
  const hours = learning.reduce((sum, l) => sum + (l.type === 'hours' ? l.hours : 0), 0);
  const praise = data.praise.between(from, to);
  out.push(current ? `## The last 90 days (${since} to ${today})` : `## In ${quarter} (${start} to ${end})`, '');
  out.push(`- Praise logged: ${praise.length} (${praise.filter((p) => p.public).length} public)`);
  out.push(`- Constructive feedback logged: ${recent(data.feedback).length}; 1:1s held: ${recent(data.oneOnOnes).length}`);
  const doneWithin = (list: { doneOn?: string }[]) => recent(list.map((x) => ({ date: x.doneOn }))).length;
  out.push(`- Your goals completed: ${doneWithin(data.goals)}; report goals completed: ${doneWithin(data.memberGoals)}`);
  out.push(`- Roadmap items handed over: ${recent(data.delegations.map((d) => ({ date: d.created }))).length}; delivered: ${doneWithin(data.delegations)}`);
  out.push(`- Team culture events: ${recent(data.cultureEvents).length}; processes handed over: ${recent(data.processes.map((p) => ({ date: p.created }))).length}`);
  out.push(`- Leadership learning: ${Math.round(hours * 10) / 10} hours; tips tried: ${learning.filter((l) => l.type === 'tip').length}`);
  for (const w of data.innovationWeeks.filter((w) => w.end >= from && w.start <= to)) out.push(`- Innovation week: ${w.start} to ${w.end}, demo ${w.demo}`);
  out.push('');
  // A past quarter's export holds that quarter alone, its innovation week included; the current
  // one is the running history.
  out.push(...innovationHistory(current ? data : { ...data, innovationWeeks: data.innovationWeeks.filter((w) => w.quarter === quarter) }));
  return out.join('\n');
}

/** The innovation weeks given, oldest first, with what people built and how the demo went. */
function innovationHistory(data: Data): string[] {
  if (data.innovationWeeks.length === 0) return [];
  const out = ['## Innovation weeks', ''];
  for (const w of sortByText(data.innovationWeeks, (x) => x.start)) {
    out.push(`- ${w.quarter}: ${w.start} to ${w.end}, demo ${w.demo}${w.demoHeld ? ` (held${w.demoNote ? `: ${mdInline(w.demoNote)}` : ''})` : ''}`);
    for (const p of w.projects ?? []) out.push(`  - ${mdInline(nameOf(data, p.member))}: ${mdInline(p.text)}`);
  }
  out.push('');
  return out;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}
