// npm run bench: times whole mtl commands against bare `node -e 0` in the same hyperfine run, on
// generated stores at full size (1,000 goals, 50 reports, 10,000 praise, 200 assessments and a few
// hundred of the rest), at a tenth and at ten times of it; everyday reads also on a copy of the full
// store (`cp -a`) and on one restored from a backup (`mtl export` then `mtl import`). Then 100
// writers started at once. Peak memory comes from GNU time. Needs hyperfine (apt-get install hyperfine time).
// BENCH_SIZES=full,tenth,ten picks the sizes; BENCH_ROUNDS and BENCH_RUNS the effort.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin', 'mtl.cjs');

/** The everyday reads PRODUCT.md section 6 names, and the everyday writes. */
const READS = [
  ['--version'],
  [],
  ['goals'],
  ['goals', '--json'],
  ['nudge', '--all'],
  ['nudge'],
  ['team'],
  ['1on1', 'Report3'],
  ['praise', 'list'],
  ['praise', 'list', '--all'],
  ['prep'],
  ['assess', 'history'],
];
const WRITES = [
  ['praise', 'Report3', 'Clear write-up of the incident'],
  ['feedback', 'Report4', 'The rollout plan skipped the rollback'],
  ['team', 'note', 'Report5', 'Back from parental leave in March'],
  ['goals', 'check-in', 'g5', 'Agreed the metrics with my boss', '--progress', '40'],
];
/** Read on the copied and the restored store too. */
const AFTER_COPY = [[], ['nudge', '--all'], ['team'], ['praise', 'list']];
const SIZES = { full: 1, tenth: 0.1, ten: 10 };

const sizes = (process.env.BENCH_SIZES ?? 'full,tenth,ten').split(',');
const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
const runs = Number(process.env.BENCH_RUNS ?? 8);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
};

if (spawnSync('hyperfine', ['--version']).status !== 0) {
  console.error('bench: hyperfine is missing; install it with: apt-get install hyperfine time');
  process.exit(1);
}
if (!fs.existsSync(path.join(root, 'dist', 'mtl.cjs'))) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mtl-bench-'));
// Node is timed as a user's shell starts it. NODE_EXTRA_CA_CERTS (set on the development machines)
// makes every node process load a CA bundle as it starts, 65-75 ms of the 110 ms `node -e 0` takes
// there against 37 without: kept, it would add that to both sides of every ratio and hide mtl's own
// cost. NODE_OPTIONS could add flags to one side of the comparison and not the other.
const env = { ...process.env, NO_COLOR: '1', MTL_NOW: '2027-02-10T09:00:00' };
for (const name of ['NODE_EXTRA_CA_CERTS', 'NODE_OPTIONS']) delete env[name];
const mtl = (home, args) => spawnSync(process.execPath, [bin, ...args], { env: { ...env, MTL_HOME: home }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
const rows = [];
let concurrency;
try {
  // Every store first, then the rounds: each round times every command once, so a command's rounds
  // are spread over the whole bench and a noisy minute of the shared machine touches one of them.
  const jobs = [];
  const add = (label, home, list, kind) => {
    for (const args of list) {
      const run = mtl(home, args);
      if (run.status === 0) jobs.push({ label, kind, args, runEnv: { ...env, MTL_HOME: home }, name: `mtl ${args.join(' ')}`.trim(), measured: [] });
      else console.error(`bench: skipped "mtl ${args.join(' ')}" at ${label} (exit ${run.status}: ${run.stderr.trim()})`);
    }
  };
  for (const label of sizes) {
    const home = path.join(work, label);
    execFileSync(process.execPath, [path.join(root, 'test/bench/make-store.mjs'), home, String(SIZES[label])]);
    add(label, home, READS, 'read');
    add(label, home, WRITES, 'write');
    if (label !== 'full') continue;
    const copy = path.join(work, 'copied');
    execFileSync('cp', ['-a', home, copy]);
    add('full, cp -a', copy, AFTER_COPY, 'read');
    const backup = path.join(work, 'backup.json');
    const restored = path.join(work, 'restored');
    if (mtl(home, ['export', '--output', backup]).status !== 0 || mtl(restored, ['import', backup]).status !== 0) throw new Error('bench: export and import of the full store failed');
    add('full, restored', restored, AFTER_COPY, 'read');
  }
  const out = path.join(work, 'round.json');
  for (let round = 0; round < rounds; round++) {
    for (const job of jobs) {
      const command = [process.execPath, bin, ...job.args].map(quote).join(' ');
      execFileSync('hyperfine', ['-N', '--warmup', '1', '--runs', String(runs), '--export-json', out, '-n', 'node -e 0', 'node -e 0', '-n', job.name, command], {
        env: job.runEnv,
        stdio: ['ignore', 'ignore', 'ignore'],
      });
      const [base, result] = JSON.parse(fs.readFileSync(out, 'utf8')).results;
      const cpu = (r) => r.user + r.system;
      job.measured.push({ median: result.median * 1000, base: base.median * 1000, ratio: result.median / base.median, cpuRatio: cpu(result) / cpu(base) });
    }
  }
  for (const job of jobs) {
    const pick = (key) => median(job.measured.map((m) => m[key]));
    rows.push({ size: job.label, kind: job.kind, command: job.name, median: pick('median'), base: pick('base'), ratio: pick('ratio'), cpuRatio: pick('cpuRatio'), rss: peakRss([bin, ...job.args], job.runEnv) });
  }
  if (sizes.includes('full')) concurrency = await hundredWriters(path.join(work, 'full'));
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

function quote(word) {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word}'`;
}

/** Peak resident memory in MB of one run, from GNU time; undefined when it is not installed. */
function peakRss(args, runEnv) {
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { env: runEnv, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const kb = Number(r.stderr.trim().split('\n').pop());
  return r.status === 0 && kb > 0 ? kb / 1024 : undefined;
}

/** 100 writers started at once on the full store (25 of each everyday write): how many exit 0, and how long all take. */
async function hundredWriters(home) {
  const started = Date.now();
  const codes = await Promise.all(
    Array.from({ length: 100 }, (_, i) => {
      const args = WRITES[i % WRITES.length].map((w) => (/^Report\d+$/.test(w) ? `Report${(i % 50) + 1}` : w));
      return new Promise((resolve) => spawn(process.execPath, [bin, ...args], { env: { ...env, MTL_HOME: home }, stdio: 'ignore' }).on('close', resolve));
    }),
  );
  return { ok: codes.filter((c) => c === 0).length, seconds: (Date.now() - started) / 1000 };
}

const width = Math.max(...rows.map((r) => r.command.length));
const sizeWidth = Math.max(...rows.map((r) => r.size.length));
const bareRss = peakRss(['-e', '0'], env);
const target = (r) => (r.kind === 'write' ? 1.3 : 1.4);
console.log(`\n${'size'.padEnd(sizeWidth)}  ${'kind'.padEnd(5)}  ${'command'.padEnd(width)}  median ms  node -e 0  ratio  cpu ratio  max RSS MB`);
for (const r of rows) {
  const flag = (r.size === 'full' || r.size.startsWith('full,')) && (r.ratio > target(r) || (r.rss ?? 0) > 100) ? '  over target' : '';
  console.log(
    `${r.size.padEnd(sizeWidth)}  ${r.kind.padEnd(5)}  ${r.command.padEnd(width)}  ${r.median.toFixed(1).padStart(9)}  ${r.base.toFixed(1).padStart(9)}  ${r.ratio.toFixed(2).padStart(5)}  ${r.cpuRatio.toFixed(2).padStart(9)}  ${(r.rss?.toFixed(1) ?? 'n/a').padStart(10)}${flag}`,
  );
}
console.log(`\nratio = median wall time / that of \`node -e 0\` in the same hyperfine run, the median over ${rounds} rounds of ${runs} runs;`);
console.log(`cpu ratio = the same for user + system time. node -e 0's own max RSS: ${bareRss?.toFixed(1) ?? 'n/a'} MB.`);
console.log('Targets at full size: writes <= 1.3, reads <= 1.4 (also after cp -a or a restore), max RSS < 100 MB.');
console.log('Sizes: full = 1,000 goals, 50 reports, 10,000 praise, 200 assessments; tenth and ten = a tenth and ten times of each.');
if (concurrency) console.log(`100 writers started at once on the full store: ${concurrency.ok} of 100 exited 0, all done in ${concurrency.seconds.toFixed(1)} s.`);
