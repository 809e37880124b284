import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, mtl, ok, tempHome } from '../helpers/cli.js';

const lines = (text: string) => text.split('\n').filter(Boolean);

describe('mtl completion', () => {
  it('prints a script per shell and refuses others', async () => {
    const home = tempHome();
    expect(await ok(home, ['completion', 'bash'])).toContain('complete -o default -F _mtl_complete mtl');
    expect(await ok(home, ['completion', 'zsh'])).toMatch(/^#compdef mtl/);
    expect(await ok(home, ['completion', 'fish'])).toContain('complete -c mtl');
    const r = await mtl(home, ['completion', 'tcsh']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('No completion for the shell "tcsh"');
  });

  it('completes commands, verbs, options, template names, report names and goal ids', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Sam']);
    await ok(home, ['team', 'add', 'Alex']);
    await ok(home, ['goals', 'new', '--template', 'culture', '--title', 'Lunch', '--yes']);
    // The scripts send the line up to the cursor; zsh and fish get the candidates as they are.
    const complete = async (line: string) => lines(await ok(home, ['__complete', '--shell=zsh', '--', line]));
    expect(await complete('mtl go')).toEqual(['goals']);
    expect(await complete('mtl goals ')).toEqual(expect.arrayContaining(['list', 'new', 'check-in', 'done', 'reopen', 'open', 'templates']));
    expect(await complete('mtl goals new --template ')).toEqual(['autonomy', 'culture', 'innovation', 'learning', 'member-goals', 'recognition']);
    expect(await complete('mtl goals new --ti')).toEqual(['--title']);
    expect(await complete('mtl praise s')).toEqual(['Sam']);
    expect(await complete('mtl goals done ')).toEqual(['g1']);
    expect(await complete('mtl export --format ')).toEqual(['json', 'md', 'ics']);
    // A script from an earlier mtl sends the words, and still gets its answer.
    expect(lines(await ok(home, ['__complete', '--', 'praise', 's']))).toEqual(['Sam']);
  });

  it('works in a real bash through the installed script', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Sam']);
    await ok(home, ['team', 'add', 'Ana Silva']);
    const binDir = path.join(path.dirname(home), 'bin');
    fs.mkdirSync(binDir);
    fs.writeFileSync(path.join(binDir, 'mtl'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`, { mode: 0o755 });
    const script = await ok(home, ['completion', 'bash']);
    // As bash calls it: the line up to the cursor in COMP_LINE/COMP_POINT, the word readline replaces in $2.
    const complete = (line: string, word: string) =>
      spawnSync(
        'bash',
        ['--norc', '-c', `${script}\nCOMP_LINE=$1 COMP_POINT=\${#1}; _mtl_complete mtl "$2" ""; printf '%s\\n' "\${COMPREPLY[@]}"`, 'bash', line, word],
        { env: { ...process.env, PATH: `${binDir}:${process.env.PATH}`, MTL_HOME: home }, encoding: 'utf8' },
      ).stdout;
    expect(complete('mtl praise S', 'S')).toBe('Sam\n');
    // A name with a space comes back escaped, so it stays one word on the command line.
    expect(complete('mtl praise An', 'An')).toBe('Ana\\ Silva\n');
    expect(complete('mtl praise Ana\\ S', 'Ana\\ S')).toBe('Ana\\ Silva\n');
    // After an open quote, readline replaces what follows the quote and closes it.
    expect(complete("mtl praise 'Ana S", 'Ana S')).toBe('Ana Silva\n');
  });
});
