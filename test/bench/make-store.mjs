// Writes a realistic mtl.json of a given size into a data folder, for the benchmark.
// Usage: node test/bench/make-store.mjs <dataDir> <scale>   (scale 1 = 1,000 goals, 10,000 praise)
// Full size is four years of heavy use: 50 reports praised every week (10,000 entries over 400 days
// of distinct dates), a self-assessment every week (200), and PRODUCT.md's 1,000 goals.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const [dir, scaleText = '1'] = process.argv.slice(2);
const scale = Number(scaleText);
if (!dir || !(scale > 0)) {
  // "full" or a typo made an empty store before, and a bench of nothing.
  console.error(`usage: node test/bench/make-store.mjs <dataDir> <scale>; scale is a number above 0 (1 = full size), not ${JSON.stringify(scaleText)}`);
  process.exit(2);
}
const n = (count) => Math.max(1, Math.round(count * scale));
const day = (offset) => {
  const d = new Date(2027, 0, 15 + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const at = (offset) => `${day(offset)}T09:00:00.000Z`;
const templates = ['autonomy', 'culture', 'recognition', 'member-goals', 'innovation', 'learning'];
const members = Array.from({ length: n(50) }, (_, i) => ({
  id: `r${i + 1}`,
  name: `Report${i + 1}`,
  added: day(-300),
  notes: [{ date: day(-200), text: `Two kids, plays the cello, training for a marathon (${i})` }],
}));
const data = {
  version: 2,
  counters: {},
  assessments: Array.from({ length: n(200) }, (_, i) => ({
    id: `a${i + 1}`,
    date: day(-7 * i),
    at: at(-7 * i),
    tooEasy: i % 3 === 0,
    answers: { autonomy: (i % 5) + 1, lives: ((i + 1) % 5) + 1, connection: 3, safety: 4, challenge: 2 },
    score: 50,
    verdict: 'developing',
  })).reverse(),
  goals: Array.from({ length: n(1000) }, (_, i) => ({
    id: `g${i + 1}`,
    title: `Goal number ${i + 1} for the team`,
    template: templates[i % templates.length],
    file: `g${i + 1}-goal-number-${i + 1}.md`,
    created: day(-90),
    due: day((i % 120) - 30),
    status: i % 4 === 0 ? 'done' : 'open',
    progress: i % 101,
    checkIns: Array.from({ length: 3 }, (_, k) => ({ date: day(-60 + k * 20), at: at(-60 + k * 20), note: `Discussed with my boss (${k})`, progress: k * 20 })),
  })),
  members,
  praise: Array.from({ length: n(10000) }, (_, i) => ({
    id: `p${i + 1}`,
    member: members[i % members.length].id,
    text: `Great work on the release, item ${i}`,
    // Logged as time passes, as a real log is: 25 a day over the last 400 days.
    date: day(Math.floor(i / 25) - 399),
    at: at(Math.floor(i / 25) - 399),
    public: i % 2 === 0,
  })),
  feedback: Array.from({ length: n(500) }, (_, i) => ({
    id: `f${i + 1}`,
    member: members[i % members.length].id,
    text: `Could write smaller pull requests (${i})`,
    date: day(-(i % 300)),
    at: at(-(i % 300)),
    ...(i % 5 ? { deliveredOn: day(-(i % 300) + 3) } : {}),
  })),
  memberGoals: Array.from({ length: n(150) }, (_, i) => ({
    id: `m${i + 1}`,
    member: members[i % members.length].id,
    title: `Own the on-call rotation (${i})`,
    quarter: '2027-Q1',
    due: '2027-03-31',
    status: 'open',
    progress: 30,
    created: day(-10),
    checkIns: [],
  })),
  delegations: Array.from({ length: n(100) }, (_, i) => ({
    id: `d${i + 1}`,
    item: `Roadmap item ${i}`,
    member: members[i % members.length].id,
    created: day(-i),
    status: 'open',
    steps: { requirements: day(-1), 'tech-checkin': null, docs: null, dependencies: null },
  })),
  oneOnOnes: Array.from({ length: n(500) }, (_, i) => ({ member: members[i % members.length].id, date: day(-(i % 200)), at: at(-(i % 200)), feedbackDelivered: [] })),
  learning: { logs: Array.from({ length: n(100) }, (_, i) => ({ date: day(-i), hours: 1.5, what: `Podcast ${i}` })), tips: [], booksRead: [] },
  innovationWeeks: [],
};
data.counters = { a: data.assessments.length, g: data.goals.length, r: members.length, p: data.praise.length, f: data.feedback.length, m: data.memberGoals.length, d: data.delegations.length };
// Restored with mtl's own import, so the file is what mtl writes (one entry per line, the praise
// index) and read-only commands take the same paths as on a user's store.
const backup = path.join(os.tmpdir(), `mtl-bench-backup-${process.pid}.json`);
fs.writeFileSync(backup, JSON.stringify({ format: 'mtl-backup', dataVersion: 2, mtlVersion: 'bench', exportedAt: new Date().toISOString(), data, preferences: {}, goalFiles: {} }));
try {
  execFileSync(process.execPath, [path.join(root, 'bin', 'mtl.cjs'), 'import', backup], { env: { ...process.env, MTL_HOME: dir }, stdio: ['ignore', 'ignore', 'inherit'] });
} finally {
  fs.rmSync(backup, { force: true });
}
