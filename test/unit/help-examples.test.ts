import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const COMMANDS = path.resolve(__dirname, '../../src/commands');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('help examples', () => {
  it('can be copied into a shell: words after a command are a # comment, never more arguments', () => {
    const wrong: string[] = [];
    for (const file of sources(COMMANDS)) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/'(mtl [^'\n]*?) {2,}([^#'\s][^'\n]*)'/g)) wrong.push(`${path.relative(COMMANDS, file)}: ${m[0]}`);
    }
    expect(wrong).toEqual([]);
  });
});
