import { DELEGATION_STEPS, openSteps, nameOf } from '../../core/team.js';
import type { ActionItem, Data, Day, Delegation, Feedback, MemberGoal, Praise } from '../../core/model.js';

/**
 * The `--json` forms of the team's records, shared by every team command. `member` is always the
 * display name; `memberId` the stable id.
 */
export function praiseJson(data: Data, p: Praise) {
  return { id: p.id, member: nameOf(data, p.member), memberId: p.member, text: p.text, date: p.date, public: p.public };
}

export function feedbackJson(data: Data, f: Feedback) {
  return {
    id: f.id,
    member: nameOf(data, f.member),
    memberId: f.member,
    text: f.text,
    date: f.date,
    delivered: Boolean(f.deliveredOn),
    deliveredOn: f.deliveredOn ?? null,
    // Structured feedback only: the three parts `text` is made of.
    ...(f.situation !== undefined ? { situation: f.situation, behaviour: f.behaviour ?? null, impact: f.impact ?? null } : {}),
  };
}

export function memberGoalJson(data: Data, g: MemberGoal) {
  const last = g.checkIns[g.checkIns.length - 1];
  return {
    id: g.id,
    member: nameOf(data, g.member),
    memberId: g.member,
    title: g.title,
    quarter: g.quarter,
    due: g.due ?? null,
    status: g.status,
    progress: g.progress,
    created: g.created,
    doneOn: g.doneOn ?? null,
    lastCheckIn: last?.date ?? null,
    checkIns: g.checkIns.map((c) => ({ date: c.date, note: c.note, ...(c.progress !== undefined ? { progress: c.progress } : {}) })),
  };
}

export function delegationJson(data: Data, d: Delegation) {
  return {
    id: d.id,
    item: d.item,
    member: nameOf(data, d.member),
    memberId: d.member,
    created: d.created,
    status: d.status,
    doneOn: d.doneOn ?? null,
    steps: DELEGATION_STEPS.map((s) => ({ key: s.key, label: s.label, checkedOn: d.steps[s.key] ?? null })),
    openSteps: openSteps(d),
  };
}

/** An action item as JSON: `member` the display name, `overdue` as of `today`. */
export function actionJson(data: Data, t: ActionItem, today: Day) {
  return {
    id: t.id,
    member: nameOf(data, t.member),
    memberId: t.member,
    oneOnOne: t.oneOnOne ?? null,
    text: t.text,
    owner: t.owner,
    created: t.created,
    due: t.due ?? null,
    status: t.status,
    doneOn: t.doneOn ?? null,
    overdue: t.status === 'open' && t.due !== undefined && t.due < today,
  };
}
