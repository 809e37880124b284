// npm run bench: times whole mtl commands against bare `node -e 0` in the same hyperfine run, at full
// size (1,000 goals, 50 reports, 10,000 praise, 200 assessments, and a few hundred of the rest) and at a tenth of it, and reads
// each command's peak memory with GNU time. Needs hyperfine (apt-get install hyperfine time).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin', 'mtl.cjs');

/** Every command that does not prompt and that the issues ask to measure. */
const COMMANDS = [
  ['--version'],
  ['assess', 'history', '--json'],
  ['goals', '--json'],
  ['prep'],
  ['praise', 'list', '--json'],
  ['1on1', 'Report3'],
  ['team', 'list', '--json'],
  ['nudge', '--all'],
  ['learn'],
  [],
];
// Each command is timed in ROUNDS short hyperfine runs, each beside its own `node -e 0`, and the ratio
// is the median of the rounds' ratios: on a shared machine the load drifts within seconds, and a
// baseline timed right next to the command drifts with it.
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
const env = { ...process.env, NO_COLOR: '1', MTL_NOW: '2027-02-10T09:00:00' };
const rows = [];
try {
  // Both stores first, then the rounds: each round times every command once, so a command's rounds
  // are spread over the whole bench and a noisy minute of the shared machine touches one of them.
  const jobs = [];
  for (const [label, scale] of [['full', 1], ['tenth', 0.1]]) {
    const home = path.join(work, label);
    execFileSync(process.execPath, [path.join(root, 'test/bench/make-store.mjs'), home, String(scale)]);
    const runEnv = { ...env, MTL_HOME: home };
    for (const args of COMMANDS) {
      if (spawnSync(process.execPath, [bin, ...args], { env: runEnv, stdio: 'ignore' }).status === 0) jobs.push({ label, args, runEnv, name: `mtl ${args.join(' ')}`.trim(), measured: [] });
      else console.error(`bench: skipped "mtl ${args.join(' ')}" at ${label} size (it did not exit 0)`);
    }
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
    rows.push({ size: job.label, command: job.name, median: pick('median'), base: pick('base'), ratio: pick('ratio'), cpuRatio: pick('cpuRatio'), rss: peakRss([bin, ...job.args], job.runEnv) });
  }
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

const width = Math.max(...rows.map((r) => r.command.length));
const bareRss = peakRss(['-e', '0'], env);
console.log(`\n${'size'.padEnd(6)} ${'command'.padEnd(width)}  median ms  node -e 0  ratio  cpu ratio  max RSS MB`);
for (const r of rows) {
  const flag = r.ratio > 1.5 || (r.rss ?? 0) > 100 ? '  over target' : '';
  console.log(
    `${r.size.padEnd(6)} ${r.command.padEnd(width)}  ${r.median.toFixed(1).padStart(9)}  ${r.base.toFixed(1).padStart(9)}  ${r.ratio.toFixed(2).padStart(5)}  ${r.cpuRatio.toFixed(2).padStart(9)}  ${(r.rss?.toFixed(1) ?? 'n/a').padStart(10)}${flag}`,
  );
}
console.log(`\nratio = median wall time / that of \`node -e 0\` in the same hyperfine run, the median over ${rounds} rounds of ${runs} runs;`);
console.log(`cpu ratio = the same for user + system time. node -e 0's own max RSS: ${bareRss?.toFixed(1) ?? 'n/a'} MB.`);
console.log('Targets: ratio <= 1.5, max RSS < 100 MB. Sizes: full = 1,000 goals, 50 reports, 10,000 praise, 200 assessments; tenth = a tenth of each.');
