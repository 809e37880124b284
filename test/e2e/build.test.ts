import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ok, ROOT, tempHome } from '../helpers/cli.js';

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
    expect([...all].filter(([, inputs]) => inputs.some((i) => i.includes('node_modules/@inquirer/core/'))).map(([name]) => name)).toEqual([
      'lazy-pkg-inquirer-prompts-dist-esm-index.cjs',
    ]);
  });

  it('reports the version from package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(ok(tempHome(), ['--version']).trim()).toBe(pkg.version);
  });
});
