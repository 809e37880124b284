import fs from 'node:fs';
import path from 'node:path';
import { emptyData, type Data } from '../../src/store/schema.js';

/** Writes a store straight into a data folder (0700, file 0600), as mtl itself would. */
export function writeStore(home: string, change: (data: Data) => void = () => {}): Data {
  const data = emptyData();
  change(data);
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(home, 'mtl.json'), JSON.stringify(data, null, 1) + '\n', { mode: 0o600 });
  return data;
}

/** A team of two, one of them praised recently, with everything quarterly in place for 2027-Q1. */
export function busyStore(home: string): Data {
  return writeStore(home, (d) => {
    d.members.push(
      { id: 'r1', name: 'Alice', added: '2027-01-04', notes: [] },
      { id: 'r2', name: 'Bob Stone', added: '2027-01-04', notes: [] },
      { id: 'r3', name: 'Gone', added: '2027-01-04', notes: [], removed: '2027-01-10' },
    );
    d.praise.push({ id: 'p1', member: 'r2', text: 'great demo', date: '2027-02-10', at: '2027-02-10T10:00:00Z', public: true });
    d.goals.push({ id: 'g2', title: 'Hand the roadmap to the team', template: 'autonomy', file: '/x/g2.md', created: '2027-02-01', due: '2027-02-15', status: 'open', progress: 20, checkIns: [{ date: '2027-02-08', at: '2027-02-08T10:00:00Z', note: 'ok', progress: 20 }] });
    for (const [member, n] of [['r1', 2], ['r2', 2]] as const) {
      for (let i = 0; i < n; i++) d.memberGoals.push({ id: `${member}-${i}`, member, title: `goal ${i}`, quarter: '2027-Q1', status: 'open', progress: 0, created: '2027-01-05', checkIns: [] });
    }
    d.innovationWeeks.push({ quarter: '2027-Q1', start: '2027-03-01', end: '2027-03-05', demo: '2027-03-05', planned: '2027-01-10' });
    d.assessments.push({ id: 'a1', date: '2027-01-05', at: '2027-01-05T09:00:00Z', tooEasy: false, answers: {}, score: 55, verdict: 'developing' });
    d.learning.logs.push({ date: '2027-01-20', hours: 8, what: 'Extreme Ownership' });
  });
}
