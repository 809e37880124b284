import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ok, ROOT, tempHome } from '../helpers/cli.js';

interface Meta {
  outputs: Record<string, { imports: { path: string; kind: string }[]; inputs: Record<string, unknown> }>;
}

/** The modules start-up loads: the entry and every chunk it imports statically. */
function startupInputs(): string[] {
  const meta: Meta = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist/meta.json'), 'utf8'));
  const byName = new Map(Object.entries(meta.outputs).map(([name, out]) => [name.replace(/^dist[^/]*\//, 'dist/'), out]));
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name) || !byName.has(name)) return;
    seen.add(name);
    for (const i of byName.get(name)!.imports) if (i.kind === 'import-statement') visit(i.path.replace(/^dist[^/]*\//, 'dist/'));
  };
  visit('dist/mtl.js');
  return [...seen].flatMap((name) => Object.keys(byName.get(name)!.inputs));
}

describe('the build', () => {
  it('keeps the prompt library, conf and chrono out of the start-up path', () => {
    const inputs = startupInputs();
    expect(inputs.some((i) => i.includes('src/main.ts'))).toBe(true);
    expect(inputs.filter((i) => /node_modules\/(@inquirer|conf|ajv|chrono-node)\//.test(i))).toEqual([]);
  });

  it('reports the version from package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(ok(tempHome(), ['--version']).trim()).toBe(pkg.version);
  });
});
