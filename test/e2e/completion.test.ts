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
    expect(lines(await ok(home, ['__complete', '--', 'go']))).toEqual(['goals']);
    expect(lines(await ok(home, ['__complete', '--', 'goals', '']))).toEqual(expect.arrayContaining(['list', 'new', 'check-in', 'done', 'reopen', 'open', 'templates']));
    expect(lines(await ok(home, ['__complete', '--', 'goals', 'new', '--template', '']))).toEqual(['autonomy', 'culture', 'innovation', 'learning', 'member-goals', 'recognition']);
    expect(lines(await ok(home, ['__complete', '--', 'goals', 'new', '--ti']))).toEqual(['--title']);
    expect(lines(await ok(home, ['__complete', '--', 'praise', 's']))).toEqual(['Sam']);
    expect(lines(await ok(home, ['__complete', '--', 'goals', 'done', '']))).toEqual(['g1']);
    expect(lines(await ok(home, ['__complete', '--', 'export', '--format', '']))).toEqual(['json', 'md', 'ics']);
  });

  it('works in a real bash through the installed script', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Sam']);
    await ok(home, ['team', 'add', 'Ana Silva']);
    const binDir = path.join(path.dirname(home), 'bin');
    fs.mkdirSync(binDir);
    fs.writeFileSync(path.join(binDir, 'mtl'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`, { mode: 0o755 });
    const script = await ok(home, ['completion', 'bash']);
    const complete = (words: string) =>
      spawnSync(
        'bash',
        ['--norc', '-c', `${script}\nCOMP_WORDS=(${words}); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _mtl_complete; printf '%s\\n' "\${COMPREPLY[@]}"`],
        { env: { ...process.env, PATH: `${binDir}:${process.env.PATH}`, MTL_HOME: home }, encoding: 'utf8' },
      ).stdout;
    expect(complete('mtl praise S')).toBe('Sam\n');
    // A name with a space comes back escaped, so it stays one word on the command line.
    expect(complete('mtl praise An')).toBe('Ana\\ Silva\n');
    expect(complete("mtl praise 'Ana\\ S'")).toBe('Ana\\ Silva\n');
  });
});
