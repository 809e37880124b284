// Interleaved A/B of whole commands: each round runs every command once, in turn, so a noisy
// minute of a shared machine touches them all alike; prints each one's median wall time and its
// ratio to the first. For comparing two builds on one store (a change's cost), where `npm run
// bench` compares every command with `node -e 0`.
// Usage: node test/bench/ab.mjs <rounds> -- <command...> -- <command...> [-- ...]
//   node test/bench/ab.mjs 21 -- node -e 0 -- env MTL_HOME=/tmp/a node /tmp/old/bin/mtl.cjs goals -- env MTL_HOME=/tmp/b node bin/mtl.cjs goals
import { spawnSync } from 'node:child_process';

const [roundsText, ...rest] = process.argv.slice(2);
const rounds = Number(roundsText);
const commands = [];
for (const word of rest) {
  if (word === '--') commands.push([]);
  else commands.at(-1)?.push(word);
}
if (!Number.isInteger(rounds) || rounds < 1 || commands.length === 0 || commands.some((c) => c.length === 0)) {
  console.error('usage: node test/bench/ab.mjs <rounds> -- <command...> -- <command...>');
  process.exit(2);
}
const times = commands.map(() => []);
for (let round = 0; round < rounds; round++) {
  commands.forEach(([program, ...args], i) => {
    const start = process.hrtime.bigint();
    const run = spawnSync(program, args, { stdio: 'ignore' });
    if (run.status !== 0) console.error(`exit ${run.status ?? run.signal}: ${[program, ...args].join(' ')}`);
    times[i].push(Number(process.hrtime.bigint() - start) / 1e6);
  });
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const first = median(times[0]);
commands.forEach((command, i) => console.log(`${median(times[i]).toFixed(1).padStart(8)} ms  ${(median(times[i]) / first).toFixed(2)}  ${command.join(' ')}`));
