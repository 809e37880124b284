import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ok, ROOT, spawnMtl, spawnOk, tempHome } from '../helpers/cli.js';

interface Meta {
  outputs: Record<string, { inputs: Record<string, unknown> }>;
}

/** Each bundle's source inputs, by bundle file name (dist/mtl.cjs is all that start-up loads). */
function bundles(): Map<string, string[]> {
  const meta: Meta = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist/meta.json'), 'utf8'));
  return new Map(Object.entries(meta.outputs).map(([name, out]) => [path.basename(name), Object.keys(out.inputs)]));
}

describe('the build', () => {
  it('keeps the prompt library, conf and chrono out of the start-up bundle, in bundles of their own', () => {
    const all = bundles();
    const heavy = (inputs: string[]) => inputs.filter((i) => /node_modules\/(@inquirer|conf|ajv|chrono-node)\//.test(i));
    const startup = all.get('mtl.cjs')!;
    expect(startup.some((i) => i.includes('src/main.ts'))).toBe(true);
    expect(heavy(startup)).toEqual([]);
    // The commands that never prompt do not carry the prompt library either.
    for (const name of ['lazy-commands-goals-list.cjs', 'lazy-commands-nudge-run.cjs', 'lazy-commands-praise-run.cjs']) expect(heavy(all.get(name)!)).toEqual([]);
    expect([...all].filter(([, inputs]) => inputs.some((i) => i.includes('node_modules/@inquirer/core/'))).map(([name]) => name)).toEqual(['lazy-ui-prompts.cjs']);
    // Only the three prompts mtl asks with.
    const prompts = all.get('lazy-ui-prompts.cjs')!.map((i) => /node_modules\/@inquirer\/([^/]+)\//.exec(i)?.[1]).filter((p) => p && !['core', 'type', 'figures', 'ansi', 'prompts'].includes(p));
    expect([...new Set(prompts)].sort()).toEqual(['confirm', 'input', 'select']);
  });

  it('keeps one copy of the error classes, in a bundle the others require, so instanceof holds across bundles', () => {
    const withErrors = [...bundles()].filter(([, inputs]) => inputs.includes('src/errors.ts')).map(([name]) => name);
    expect(withErrors).toEqual(['errors.cjs']);
    const lazy = fs.readdirSync(path.join(ROOT, 'dist')).filter((f) => /^lazy-commands-.*\.cjs$/.test(f));
    expect(lazy.length).toBeGreaterThan(20);
    for (const name of ['mtl.cjs', ...lazy.filter((f) => /goals-list|praise-run|entry-edit/.test(f))]) {
      expect(fs.readFileSync(path.join(ROOT, 'dist', name), 'utf8'), name).toContain('require("./errors.cjs")');
    }
    // A user's mistake found in a command's bundle is reported by the start-up bundle as one: no stack, exit 1.
    const r = spawnMtl(tempHome(), ['praise', 'nobody', 'thanks']);
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([1, 'mtl: No report called "nobody".']);
  });

  it('ships the licence and copyright notice of every package it bundles', () => {
    const notices = fs.readFileSync(path.join(ROOT, 'dist/THIRD-PARTY-NOTICES.md'), 'utf8');
    const roots = new Set([...bundles().values()].flat().map((i) => /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(i)?.[1]).filter((p): p is string => Boolean(p)));
    const names = [...roots].map((root) => {
      const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, root, 'package.json'), 'utf8'));
      expect(notices, root).toContain(`## ${pkg.name} ${pkg.version} (`);
      return pkg.name;
    });
    expect(names).toEqual(expect.arrayContaining(['commander', 'chalk', 'date-fns', '@inquirer/core']));
    expect(notices).toMatch(/Copyright \(c\) .*TJ Holowaychuk/);
  });

  it('ships a code cache for the start-up bundle that this Node accepts', () => {
    const file = path.join(ROOT, 'dist/mtl.cjs');
    const check = `const fs = require('fs'); const { Script } = require('vm');
      const source = fs.readFileSync(${JSON.stringify(file)});
      const cache = fs.readFileSync(${JSON.stringify(file)} + '.' + process.versions.v8 + '.cache');
      const length = cache.readUInt32LE(0);
      if (!cache.subarray(4, 4 + length).equals(source)) throw new Error('the cache was made from another bundle');
      const wrapped = '(function (exports, require, module, __filename, __dirname) {' + source.toString() + '\\n})';
      const script = new Script(wrapped, { filename: ${JSON.stringify(file)}, cachedData: cache.subarray(4 + length) });
      process.stdout.write(String(script.cachedDataRejected));`;
    expect(execFileSync(process.execPath, ['-e', check], { encoding: 'utf8' })).toBe('false');
  });

  it('runs the bundle as it is: edited (even to the same length), without a cache, or with a damaged one', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'mtl-cache-'));
    try {
      for (const dir of ['bin', 'dist', 'templates']) fs.cpSync(path.join(ROOT, dir), path.join(copy, dir), { recursive: true });
      const version = () => execFileSync(process.execPath, [path.join(copy, 'bin/mtl.cjs'), '--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
      const bundle = path.join(copy, 'dist/mtl.cjs');
      const [cache] = fs.readdirSync(path.join(copy, 'dist')).filter((f) => f.endsWith('.cache'));
      const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
      expect(version()).toBe(pkg.version);
      // V8 itself would accept the cache for any source of the same length, and run the old code.
      const patched = pkg.version.replace(/\d/g, '9');
      fs.writeFileSync(bundle, fs.readFileSync(bundle, 'utf8').replace(`"${pkg.version}"`, `"${patched}"`));
      expect(version()).toBe(patched);
      fs.writeFileSync(path.join(copy, 'dist', cache!), 'not a code cache');
      expect(version()).toBe(patched);
      // The lazily loaded bundles have caches of their own, used the same way.
      const lazy = fs.readdirSync(path.join(copy, 'dist')).filter((f) => f.startsWith('lazy-') && f.endsWith('.cache'));
      expect(lazy).toContain(cache!.replace('mtl.cjs', 'lazy-commands-goals-list.cjs'));
      for (const file of lazy) fs.writeFileSync(path.join(copy, 'dist', file), 'not a code cache');
      const home = tempHome();
      expect(execFileSync(process.execPath, [path.join(copy, 'bin/mtl.cjs'), 'goals', '--json'], { encoding: 'utf8', env: { ...process.env, MTL_HOME: home } })).toBe('[]\n');
      fs.rmSync(path.join(copy, 'dist', cache!));
      expect(version()).toBe(patched);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  it('reads the built-in templates as the source does: their front matter parsed at build time, an edited one at run time', async () => {
    const home = tempHome();
    const env = { MTL_NOW: '2027-02-10T09:00:00' };
    const built = JSON.parse(spawnOk(home, ['goals', 'templates', '--json']));
    expect(built.map((t: { name: string }) => t.name)).toEqual(['autonomy', 'culture', 'innovation', 'learning', 'member-goals', 'recognition']);
    expect(built).toEqual(JSON.parse(await ok(home, ['goals', 'templates', '--json'])));
    spawnOk(home, ['goals', 'new', '--template', 'culture', '--title', 'Weekly demos', '--due', 'end of quarter'], { env });
    const reading = (text: string) => JSON.parse(text)[0].measured.readings[0].text;
    expect(reading(spawnOk(home, ['goals', '--json'], { env }))).toBe('0 of 3 team events held');
    // The same front matter with one value changed is not in the table: the YAML parser reads it.
    const culture = fs.readFileSync(path.join(ROOT, 'templates/culture.md'), 'utf8');
    fs.mkdirSync(path.join(home, 'templates'), { recursive: true });
    fs.writeFileSync(path.join(home, 'templates/culture.md'), culture.replace('culture-events: 3', 'culture-events: 5'));
    expect(reading(spawnOk(home, ['goals', '--json'], { env }))).toBe('0 of 5 team events held');
    expect(reading(await ok(home, ['goals', '--json'], { env }))).toBe('0 of 5 team events held');
  });

  it('reports the version from package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(spawnOk(tempHome(), ['--version']).trim()).toBe(pkg.version);
  });
});

describe('a stack trace', () => {
  it('names the source files and lines with MTL_DEBUG=1, and is a one-line request to report it without', () => {
    const home = tempHome();
    // Every data file is checked on reading, so a real bug stands in for one: a preloaded module
    // makes Math.round throw, inside mtl's own rules.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtl-bug-'));
    fs.writeFileSync(path.join(dir, 'bug.cjs'), "Math.round = () => { throw new Error('a bug'); };\n");
    const bug = { env: { NODE_OPTIONS: `--require=${path.join(dir, 'bug.cjs')}` } };
    spawnOk(home, ['team', 'add', 'Ann']);
    const plain = spawnMtl(home, ['nudge', '--dry-run'], bug);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('mtl: unexpected error:');
    expect(plain.stderr).toContain('Run again with MTL_DEBUG=1 for details');
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    const debug = spawnMtl(home, ['nudge', '--dry-run'], { env: { ...bug.env, MTL_DEBUG: '1' } });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/\n\s+at .*src\/core\/\w+\.ts:\d+:\d+/);
  });
});
