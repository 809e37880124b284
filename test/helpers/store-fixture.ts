import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, tempHome } from './cli.js';
import type { Assessment, Goal, InnovationWeek, Member, MemberGoal, Praise } from '../../src/core/model.js';

/**
 * A data folder as mtl 0.1 left it: one version-2 document, `mtl.json`. mtl reads it and upgrades the
 * folder to data version 3 on the first command, so every test built on it also runs the upgrade.
 */
export interface V2Document {
  version: 2;
  counters: Record<string, number>;
  assessments: Assessment[];
  goals: Goal[];
  members: (Omit<Member, 'notes'> & { notes: { date: string; text: string }[] })[];
  praise: Praise[];
  feedback: { id: string; member: string; text: string; date: string; at: string; deliveredOn?: string }[];
  memberGoals: MemberGoal[];
  delegations: { id: string; item: string; member: string; created: string; status: 'open' | 'done'; doneOn?: string; steps: Record<string, string | null> }[];
  oneOnOnes: { member: string; date: string; at: string; feedbackDelivered: string[] }[];
  learning: { logs: { date: string; hours: number; what: string }[]; tips: { date: string; tip: string }[]; booksRead: string[] };
  innovationWeeks: Omit<InnovationWeek, 'id'>[];
}

export function emptyV2(): V2Document {
  return {
    version: 2,
    counters: {},
    assessments: [],
    goals: [],
    members: [],
    praise: [],
    feedback: [],
    memberGoals: [],
    delegations: [],
    oneOnOnes: [],
    learning: { logs: [], tips: [], booksRead: [] },
    innovationWeeks: [],
  };
}

/** Writes a version-2 document straight into a data folder (0700, file 0600), as mtl 0.1 would. */
export function writeStore(home: string, change: (data: V2Document) => void = () => {}): V2Document {
  const data = emptyV2();
  change(data);
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(home, 'mtl.json'), JSON.stringify(data, null, 1) + '\n', { mode: 0o600 });
  return data;
}

/** A team of two, one of them praised recently, met in a 1:1 on Friday 2027-02-12, with everything quarterly in place for 2027-Q1. */
export function busyStore(home: string): V2Document {
  return writeStore(home, (d) => {
    d.members.push(
      { id: 'r1', name: 'Alice', added: '2027-01-04', notes: [] },
      { id: 'r2', name: 'Bob Stone', added: '2027-01-04', notes: [] },
      { id: 'r3', name: 'Gone', added: '2027-01-04', notes: [], removed: '2027-01-10' },
    );
    for (const member of ['r1', 'r2']) d.oneOnOnes.push({ member, date: '2027-02-12', at: '2027-02-12T15:00:00Z', feedbackDelivered: [] });
    d.praise.push({ id: 'p1', member: 'r2', text: 'great demo', date: '2027-02-10', at: '2027-02-10T10:00:00Z', public: true });
    d.goals.push({ id: 'g2', title: 'Hand the roadmap to the team', template: 'autonomy', file: '/x/g2.md', created: '2027-02-01', due: '2027-02-15', status: 'open', progress: 20, checkIns: [{ date: '2027-02-08', at: '2027-02-08T10:00:00Z', note: 'ok', progress: 20 }] });
    let n = 0;
    for (const [member, count] of [['r1', 2], ['r2', 2]] as const) {
      for (let i = 0; i < count; i++) d.memberGoals.push({ id: `m${++n}`, member, title: `goal ${i}`, quarter: '2027-Q1', status: 'open', progress: 0, created: '2027-01-05', checkIns: [] });
    }
    d.innovationWeeks.push({ quarter: '2027-Q1', start: '2027-03-01', end: '2027-03-05', demo: '2027-03-05', planned: '2027-01-10' });
    d.assessments.push({ id: 'a1', date: '2027-01-05', at: '2027-01-05T09:00:00Z', tooEasy: false, answers: {}, score: 55, verdict: 'developing' });
    d.learning.logs.push({ date: '2027-01-20', hours: 8, what: 'Extreme Ownership' });
  });
}

/** A data folder made by the bench's generator (through mtl import), at `scale` of the full size. */
export function generated(scale: number): string {
  const home = tempHome();
  execFileSync(process.execPath, [path.join(ROOT, 'test/bench/make-store.mjs'), home, String(scale)]);
  return home;
}
