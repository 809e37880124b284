import type { Ctx } from '../../context.js';
import { dayOf } from '../../core/dates.js';
import { VERDICT_LABEL } from '../../core/assessment.js';
import { editExample, ENTRY_KINDS, parseEntryId } from '../../core/entries.js';
import { goalView } from '../../core/goals.js';
import type { Data } from '../../core/model.js';
import { pulseQuestions, pulseResponses, tallyAverage } from '../../core/pulse.js';
import { nameOf } from '../../core/team.js';
import { plural } from '../../core/text.js';
import { openStore } from '../../store/store.js';
import { printJson } from '../../ui/output.js';
import { actionJson, delegationJson, feedbackJson, memberGoalJson, praiseJson } from '../team/json.js';

import { memberOf, mustFind, type Found } from './found.js';

export async function show(ctx: Ctx, idText: string, opts: { json?: boolean }): Promise<void> {
  const { kind, id } = parseEntryId(idText);
  const data = await openStore(ctx.dataDir);
  const found = mustFind(data, kind, id);
  const today = dayOf(ctx.now);
  const drift = found.kind === 'goal' ? (await import('../goals/goal-file.js')).dueDriftOf(found.entry) : undefined;
  if (opts.json) {
    printJson(ctx.io, { kind, ...showJson(data, found, today) });
  } else {
    ctx.io.out(showLines(data, found).join('\n') + '\n');
  }
  if (drift) ctx.io.err(ctx.io.color.yellow(`warning: ${drift}`) + '\n');
  const info = ENTRY_KINDS[kind];
  const next = [
    // Structured feedback is corrected part by part: --text would make it one piece.
    ...(info.flags.length ? [editExample(kind, id, found.kind === 'feedback' && found.entry.situation !== undefined ? 'impact' : undefined)] : []),
    ...(info.done && (found.entry as { status?: string }).status === 'open' ? [`mtl done ${id}`] : []),
    ...(info.rm ? [`mtl rm ${id}`] : []),
  ];
  if (next.length) ctx.io.err(`Change it: ${next.join('  ')}\n`);
}

function showJson(data: Data, found: Found, today: string): Record<string, unknown> {
  const member = memberOf(found);
  switch (found.kind) {
    case 'goal': return { ...goalView(found.entry, today), checkInList: found.entry.checkIns };
    case 'reportGoal': return memberGoalJson(data, found.entry);
    case 'praise': return praiseJson(data, found.entry);
    case 'feedback': return feedbackJson(data, found.entry);
    case 'delegation': return delegationJson(data, found.entry);
    case 'action': return actionJson(data, found.entry, today);
    case 'note': return { ...found.entry, member: found.member.name, memberId: found.member.id };
    case 'pulse': {
      const u = found.entry;
      const averages = pulseQuestions().map((q) => ({ key: q.key, label: q.label, average: tallyAverage(u.tallies[q.key]) ?? null }));
      return { id: u.id, date: u.date, responses: pulseResponses(u), tallies: u.tallies, averages };
    }
    case 'process': {
      const s = found.entry;
      return { id: s.id, practice: s.practice, owner: nameOf(data, s.member), ownerId: s.member, created: s.created, status: s.status, doneOn: s.doneOn ?? null };
    }
    case 'cultureEvent': return { id: found.entry.id, date: found.entry.date, what: found.entry.what };
    case 'moment': return { id: found.entry.id, date: found.entry.date, text: found.entry.text };
    default: return { ...found.entry, ...(member ? { member: nameOf(data, member), memberId: member } : {}) };
  }
}

function showLines(data: Data, found: Found): string[] {
  const who = (m: string) => nameOf(data, m);
  const field = (key: string, value: string | number | undefined | null) => (value === undefined || value === null || value === '' ? [] : [`  ${`${key}:`.padEnd(10)} ${value}`]);
  const text = (t: string) => t.split('\n').map((l) => `  ${l}`);
  switch (found.kind) {
    case 'goal': {
      const g = found.entry;
      return [`${g.id}  goal: ${g.title}`, ...field('template', g.template), ...field('targets', g.targets && Object.entries(g.targets).map(([m, n]) => `${m} ${n}`).join(', ')), ...field('due', g.due), ...field('status', g.status === 'done' ? `done ${g.doneOn ?? ''}`.trim() : 'open'), ...field('progress', `${g.progress}%`), ...field('check-ins', g.checkIns.length), ...field('created', g.created), ...field('file', g.file)];
    }
    case 'reportGoal': {
      const g = found.entry;
      return [`${g.id}  goal of ${who(g.member)}: ${g.title}`, ...field('quarter', g.quarter), ...field('due', g.due), ...field('status', g.status === 'done' ? `done ${g.doneOn ?? ''}`.trim() : 'open'), ...field('progress', `${g.progress}%`), ...field('check-ins', g.checkIns.length), ...field('created', g.created)];
    }
    case 'praise': {
      const p = found.entry;
      return [`${p.id}  praise for ${who(p.member)}, ${p.date}, ${p.public ? 'public' : 'private'}`, ...text(p.text)];
    }
    case 'feedback': {
      const f = found.entry;
      const parts = f.situation !== undefined ? [...field('situation', f.situation), ...field('behaviour', f.behaviour), ...field('impact', f.impact)] : text(f.text);
      return [`${f.id}  feedback for ${who(f.member)}, ${f.date}, ${f.deliveredOn ? `given ${f.deliveredOn}` : 'to give'}`, ...parts];
    }
    case 'note':
      return [`${found.entry.id}  note about ${found.member.name}, ${found.entry.date}`, ...text(found.entry.text)];
    case 'delegation': {
      const d = found.entry;
      const steps = Object.entries(d.steps).map(([k, v]) => `${v ? '✓' : '·'} ${k}${v ? ` ${v}` : ''}`);
      return [`${d.id}  delegated to ${who(d.member)}: ${d.item}`, ...field('since', d.created), ...field('status', d.status === 'done' ? `done ${d.doneOn ?? ''}`.trim() : 'open'), ...field('steps', steps.join(', '))];
    }
    case 'oneOnOne': {
      const o = found.entry;
      return [`${o.id}  1:1 with ${who(o.member)}, ${o.date}`, ...field('feedback', o.feedbackDelivered.join(', ') || 'none given'), ...(o.notes ?? []).flatMap(text)];
    }
    case 'action': {
      const t = found.entry;
      return [`${t.id}  action item from a 1:1 with ${who(t.member)}: ${t.text}`, ...field('owner', t.owner === 'me' ? 'me' : who(t.member)), ...field('due', t.due), ...field('status', t.status === 'done' ? `done ${t.doneOn ?? ''}`.trim() : 'open'), ...field('1:1', t.oneOnOne), ...field('created', t.created)];
    }
    case 'learning': {
      const l = found.entry;
      if (l.type === 'hours') return [`${l.id}  learning, ${l.date}: ${l.hours} h, ${l.what}`];
      if (l.type === 'tip') return [`${l.id}  tip tried, ${l.date}: ${l.tip}`];
      return [`${l.id}  book read${l.date ? `, ${l.date}` : ''}: ${l.title}`];
    }
    case 'report': {
      const m = found.entry;
      return [`${m.id}  report: ${m.name}`, ...field('added', m.added), ...field('removed', m.removed), ...field('notes', m.notes.length), ...field('cadence', m.cadence === undefined ? undefined : `every ${m.cadence} days`), ...field('away since', m.awaySince), ...field('back on', m.awayUntil), ...field('back from a leave on', m.cameBack), ...field('formerly', m.formerNames?.join(', '))];
    }
    case 'innovation': {
      const i = found.entry;
      return [`${i.id}  innovation week ${i.quarter}: ${i.start} to ${i.end}, demo ${i.demo}`];
    }
    case 'assessment': {
      const a = found.entry;
      return [`${a.id}  assessment ${a.date}: ${a.score}/100, ${VERDICT_LABEL[a.verdict]}`];
    }
    case 'pulse': {
      const u = found.entry;
      const averages = pulseQuestions().map((q) => {
        const average = tallyAverage(u.tallies[q.key]);
        return `  ${q.label}: ${average === undefined ? '-' : average.toFixed(1)}`;
      });
      return [`${u.id}  team pulse ${u.date}: ${plural(pulseResponses(u), 'answer')}; averages, 1 never to 5 always:`, ...averages];
    }
    case 'process': {
      const s = found.entry;
      return [`${s.id}  process owned by ${who(s.member)}: ${s.practice}`, ...field('since', s.created), ...field('status', s.status === 'done' ? `runs without you since ${s.doneOn ?? '?'}` : 'being set up')];
    }
    case 'cultureEvent':
      return [`${found.entry.id}  culture event ${found.entry.date}: ${found.entry.what}`];
    case 'moment':
      return [`${found.entry.id}  daily note ${found.entry.date}: ${found.entry.text}`];
  }
}
