import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mtl, ok, tempHome } from '../helpers/cli.js';

describe('mistyped commands', () => {
  it('a stray word after a noun is an unknown command of that noun, not too many arguments for its default', async () => {
    const home = tempHome();
    const cases: [string, string][] = [
      ['goals', 'list, new, templates, check-in, show, done, reopen, open'],
      ['team', 'list, add, note, set, show, remove'],
      ['learn', 'show, log, apply, book, read'],
      ['innovation', 'show, plan, list, log, demo'],
      ['config', 'list, get, set'],
    ];
    for (const [noun, verbs] of cases) {
      const r = await mtl(home, [noun, 'frob']);
      expect(r, noun).toEqual({
        code: 2,
        stdout: '',
        stderr: `mtl: unknown command 'frob' for 'mtl ${noun}'.\nCommands of mtl ${noun}: ${verbs}. See mtl ${noun} --help.\n`,
      });
    }
    expect(fs.existsSync(home)).toBe(false);
  });

  it('follows a missing argument or an unknown option with where the examples are, writing nothing', async () => {
    const home = tempHome();
    for (const [args, what, help] of [
      [['praise', 'sam'], "missing required argument 'text'", 'mtl praise --help'],
      [['goals', 'check-in'], "missing required argument 'id'", 'mtl goals check-in --help'],
      [['team', 'add'], "missing required argument 'name'", 'mtl team add --help'],
      [['praise', 'list', '--bogus'], "unknown option '--bogus'", 'mtl praise list --help'],
    ] as const) {
      expect(await mtl(home, [...args]), args.join(' ')).toEqual({ code: 2, stdout: '', stderr: `error: ${what}\nIts arguments and examples: ${help}\n` });
    }
    expect(await ok(home, ['praise', '--help'])).toContain('Examples:\n  $ mtl praise sam "');
    expect(fs.existsSync(home)).toBe(false);
  });

  it('suggests the nearest verb, and still runs the default verb and its options', async () => {
    const home = tempHome();
    expect((await mtl(home, ['config', 'lst'])).stderr).toBe("mtl: unknown command 'lst' for 'mtl config'.\nDid you mean list? Commands of mtl config: list, get, set. See mtl config --help.\n");
    expect((await mtl(home, ['goals', 'nwe'])).stderr).toContain('Did you mean new?');
    expect(await ok(home, ['config'])).toMatch(/^lookAheadDays\t14\tdefault\t/m);
    expect(JSON.parse(await ok(home, ['config', '--json']))).toMatchObject({ lookAheadDays: 14 });
    expect(JSON.parse(await ok(home, ['team', '--json']))).toEqual([]);
  });

  it('a stray word after a typed verb that takes none says so', async () => {
    const r = await mtl(tempHome(), ['goals', 'list', 'frob']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: "mtl: 'mtl goals list' takes no arguments; got 'frob'.\nSee: mtl goals list --help\n" });
  });

  it('suggests the nearest command for a mistyped noun', async () => {
    const home = tempHome();
    const r = await mtl(home, ['prase', 'sam', 'nice work']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').slice(0, 2)).toEqual(["mtl: unknown command 'prase'.", expect.stringMatching(/^Did you mean praise\? Commands: assess, goals, /)]);
    expect((await mtl(home, ['zzzzzz'])).stderr).not.toContain('Did you mean');
  });
});

describe('help before or after the command word', () => {
  it('mtl --help goals shows the whole program; mtl help goals shows goals', async () => {
    const home = tempHome();
    for (const flag of ['--help', '-h']) {
      const root = await ok(home, [flag, 'goals']);
      expect(root).toContain('praise [options] <name> <text>');
      expect(root).toContain('goals ');
    }
    const topic = await ok(home, ['help', 'goals']);
    expect(topic).toMatch(/^Usage: mtl goals/);
    expect(topic).toContain('check-in');
  });
});
