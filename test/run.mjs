// npm test: the type check (tsc) runs beside the build and the tests, not before them; the tests
// start once the build is done (the end-to-end tests run dist/). tsc's report is printed after the
// tests', and the exit code is non-zero if either failed. Arguments go to vitest:
// npm test -- test/e2e/praise.test.ts
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tscBin = require.resolve('typescript/bin/tsc');
const vitestBin = path.join(path.dirname(require.resolve('vitest/package.json')), 'vitest.mjs');

// NODE_EXTRA_CA_CERTS makes every node process read that CA bundle as it starts: 75 ms of CPU each
// on the development machine (node -e 0 took 110 ms with it, 37 ms without), and the suite starts
// hundreds (the binary, the build's warm-ups, the test workers). Nothing here uses TLS: mtl makes no
// network connection of its own (sync runs git, which does not read it), and the package test
// installs --offline.
const env = { ...process.env };
delete env.NODE_EXTRA_CA_CERTS;

/** Runs node with `args` in the project's folder; resolves to the exit code (1 when killed by a signal). */
function node(args, { capture = false } = {}) {
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
  let output = '';
  if (capture) {
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
  }
  return new Promise((resolve) => {
    child.on('error', (err) => {
      output += `${err.message}\n`;
      resolve({ code: 1, output });
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const started = Date.now();
const typecheck = node([tscBin, '-p', 'tsconfig.json', '--noEmit'], { capture: true }).then((r) => ({ ...r, seconds: (Date.now() - started) / 1000 }));
const build = await node(['build.mjs']);
const tests = build.code === 0 ? await node([vitestBin, 'run', ...process.argv.slice(2)]) : undefined;
const tsc = await typecheck;

if (build.code !== 0) console.error(`\nThe build failed (exit ${build.code}), so the tests did not run.`);
if (tsc.code === 0) console.log(`\nType check (tsc -p tsconfig.json --noEmit): no errors (${tsc.seconds.toFixed(1)} s, beside the tests).`);
else console.error(`\nType check (tsc -p tsconfig.json --noEmit) FAILED, exit ${tsc.code}:\n${tsc.output.trimEnd()}`);
process.exitCode = build.code !== 0 || tsc.code !== 0 || tests?.code !== 0 ? 1 : 0;
