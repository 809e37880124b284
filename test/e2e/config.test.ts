import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mode, mtl, ok, tempHome } from '../helpers/cli.js';

describe('mtl config', () => {
  it('lists defaults, sets with mode 0600, and reads back', async () => {
    const home = tempHome();
    expect(JSON.parse(await ok(home, ['config', 'list', '--json']))).toMatchObject({ lookAheadDays: 14, recognitionDays: 7, hints: true, weekStart: 'monday' });
    const set = await mtl(home, ['config', 'set', 'recognitionDays', '10']);
    expect(set).toMatchObject({ code: 0, stdout: '' });
    expect(set.stderr).toContain('recognitionDays is now 10');
    expect(await ok(home, ['config', 'get', 'recognitionDays'])).toBe('10\n');
    await ok(home, ['config', 'set', 'hints', 'false']);
    const file = path.join(home, 'config.json');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ recognitionDays: 10, hints: false });
    expect(mode(file)).toBe(0o600);
    expect(mode(home)).toBe(0o700);
    expect(await ok(home, ['config'])).toMatch(/^recognitionDays\t10\tset\t/m);
  });

  it('refuses unknown keys and bad values, naming them, and changes nothing', async () => {
    const home = tempHome();
    await ok(home, ['config', 'set', 'lookAheadDays', '21']);
    const file = path.join(home, 'config.json');
    const before = fs.readFileSync(file, 'utf8');
    let r = await mtl(home, ['config', 'set', 'lookahead', '3']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Unknown preference "lookahead"');
    expect(r.stderr).toContain('lookAheadDays');
    r = await mtl(home, ['config', 'set', 'lookAheadDays', 'soon']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"soon" is not allowed here: give a whole number from 1 to 365');
    r = await mtl(home, ['config', 'set', 'weekStart', 'friday']);
    expect(r.stderr).toContain('give monday or sunday');
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  it('ends the help of every subcommand with examples', async () => {
    const home = tempHome();
    const help = async (verb: string) => {
      const r = await mtl(home, ['config', verb, '--help']);
      expect(r.code).toBe(0);
      return r.stdout.slice(r.stdout.indexOf('\nExamples:\n'));
    };
    expect(await help('list')).toMatch(/^\nExamples:\n {2}\$ mtl config list\n {2}\$ mtl config list --json\n\s*$/);
    expect(await help('get')).toContain('  $ mtl config get recognitionDays\n');
    expect(await help('set')).toContain('  $ mtl config set learningHoursPerQuarter 20\n');
    expect(await help('set')).toContain('  $ mtl config set goalsDir ""');
  });

  it('get --json prints the value as JSON', async () => {
    const home = tempHome();
    expect(await ok(home, ['config', 'get', 'lookAheadDays', '--json'])).toBe('14\n');
    expect(await ok(home, ['config', 'get', 'weekStart', '--json'])).toBe('"monday"\n');
    expect(await ok(home, ['config', 'get', 'hints', '--json'])).toBe('true\n');
    expect(await ok(home, ['config', 'get', 'goalsDir', '--json'])).toBe('""\n');
  });

  it('set --help lists every key with what it allows', async () => {
    const r = await mtl(tempHome(), ['config', 'set', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\nKeys and allowed values:\n');
    expect(r.stdout).toContain('  lookAheadDays            a whole number from 1 to 365; default 14\n                           days ahead that nudges and prep look for deadlines\n');
    expect(r.stdout).toContain('  weekStart                monday or sunday; default monday\n');
    expect(r.stdout).toContain('  hints                    true or false; default true\n');
    expect(r.stdout).toContain('  goalsDir                 a folder (~/ is your home); "" for <data dir>/goals\n');
  });

  it('names the key in a refused value', async () => {
    const home = tempHome();
    const r = await mtl(home, ['config', 'set', 'lookAheadDays', '-1']);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toBe('mtl: lookAheadDays: "-1" is not allowed here: give a whole number from 1 to 365.\nSee the keys and what they allow: mtl config set --help\n');
    expect((await mtl(home, ['config', 'set', 'weekStart', 'friday'])).stderr).toContain('mtl: weekStart: "friday" is not allowed here: give monday or sunday.');
    expect(fs.existsSync(path.join(home, 'config.json'))).toBe(false);
  });

  it('expands a leading ~/ in goalsDir to the home folder, and lists the default goals folder by its path', async () => {
    const home = tempHome();
    const me = path.dirname(home);
    const listed = async () => (await ok(home, ['config', 'list'])).split('\n').find((l) => l.startsWith('goalsDir\t'));
    expect(await listed()).toBe(`goalsDir\t${path.join(home, 'goals')}\tdefault\tfolder for goal files (empty: <data dir>/goals)`);
    const r = await mtl(home, ['config', 'set', 'goalsDir', '~/notes/goals'], { env: { HOME: me } });
    expect(r.stderr).toBe(`goalsDir is now ${JSON.stringify(path.join(me, 'notes', 'goals'))}. See all: mtl config list\n`);
    expect(await ok(home, ['config', 'get', 'goalsDir'])).toBe(`${path.join(me, 'notes', 'goals')}\n`);
    expect(fs.existsSync(path.join(process.cwd(), '~'))).toBe(false);
    expect(await listed()).toBe(`goalsDir\t${path.join(me, 'notes', 'goals')}\tset\tfolder for goal files (empty: <data dir>/goals)`);
  });

  it('keeps what else the file holds, tab-indented as before, and names a stored value it would refuse', async () => {
    const home = tempHome();
    fs.mkdirSync(home, { recursive: true });
    const file = path.join(home, 'config.json');
    fs.writeFileSync(file, '{\n\t"weekStart": "sunday",\n\t"somethingElse": [1]\n}\n');
    await ok(home, ['config', 'set', 'checkInDays', '21']);
    expect(fs.readFileSync(file, 'utf8')).toBe('{\n\t"weekStart": "sunday",\n\t"somethingElse": [\n\t\t1\n\t],\n\t"checkInDays": 21\n}\n');
    fs.writeFileSync(file, '{"recognitionDays": 500}\n');
    const r = await mtl(home, ['config', 'list']);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').slice(0, 2)).toEqual([`mtl: ${file} is damaged: recognitionDays is 500; it should be a whole number from 1 to 90.`, 'mtl has not changed it.']);
    expect((await mtl(home, ['config', 'set', 'hints', 'false'])).code).toBe(1);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"recognitionDays": 500}\n');
  });

  it('refuses a damaged config file without rewriting it', async () => {
    const home = tempHome();
    fs.mkdirSync(home, { recursive: true });
    const file = path.join(home, 'config.json');
    fs.writeFileSync(file, '{"lookAheadDays": 3,');
    const r = await mtl(home, ['config', 'set', 'hints', 'false']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file} is damaged`);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"lookAheadDays": 3,');
  });
});
