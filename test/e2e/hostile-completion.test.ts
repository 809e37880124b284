import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readShellLine } from '../../src/core/completion.js';
import { BIN, ok, readStore, tempHome } from '../helpers/cli.js';
import { TmuxSession } from '../helpers/tmux.js';

// Issue #15, point 2: a report name is inserted on the command line by Tab as one word, quoted, and
// nothing it holds is ever run, in bash, zsh and fish. The shells run mtl's real completion scripts
// against the built binary (npm run build), found as `mtl` on PATH.

const has = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0;
const missing = (shell: string) => `${shell} is not installed: its completion tests are skipped (on Debian: apt-get install -y ${shell})`;
for (const shell of ['zsh', 'fish']) if (!has(shell)) console.warn(missing(shell));

interface Team {
  home: string;
  /** Where the names' commands would write, if ever run. */
  trap: string;
  binDir: string;
  names: Record<'subst' | 'ifs' | 'backquote' | 'quote' | 'glob' | 'newline', string>;
}

/** A team whose names hold shell code, each written where it would land if a shell ran it. */
async function hostileTeam(): Promise<Team> {
  const home = tempHome();
  const parent = path.dirname(home);
  const trap = path.join(parent, 'trap');
  fs.mkdirSync(trap);
  const names = {
    subst: `Yy$(touch ${trap}/subst)`,
    ifs: `Zz$(touch\${IFS}${trap}/ifs)`,
    backquote: `Bq "Bee" \`touch ${trap}/backquote\``,
    quote: "O'Brien",
    glob: 'Gg *?~!x; | &',
    newline: `Nl\n$(touch ${trap}/newline)`,
  };
  for (const name of Object.values(names).slice(0, -1)) await ok(home, ['team', 'add', name]);
  // A line break cannot be typed into a name, but a file from an older mtl or a merged backup may hold one.
  fs.appendFileSync(path.join(home, 'reports.jsonl'), JSON.stringify({ id: 'r9', name: names.newline, added: '2027-01-12', notes: [] }) + '\n');
  const binDir = path.join(parent, 'bin');
  fs.mkdirSync(binDir);
  fs.writeFileSync(path.join(binDir, 'mtl'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`, { mode: 0o755 });
  return { home, trap, binDir, names };
}

const shellEnv = (team: Team) => ({ ...process.env, PATH: `${team.binDir}:${process.env.PATH}`, MTL_HOME: team.home, NO_COLOR: '1' });
const trapped = (team: Team) => fs.readdirSync(team.trap);

/**
 * What bash's own completion function offers for `line` (the cursor at its end; `word` is the part
 * readline replaces), and each candidate's completed line run through eval with mtl as a function
 * that prints its arguments: exactly what pressing Enter after Tab would run.
 */
function bashComplete(team: Team, script: string, line: string, word: string): { replies: string[]; runs: string[][] } {
  const driver = `${script}
COMP_LINE=$1 COMP_POINT=\${#1}
read -ra COMP_WORDS <<< "$1"; COMP_CWORD=\${#COMP_WORDS[@]}
_mtl_complete mtl "$2" ""
for reply in "\${COMPREPLY[@]}"; do printf '%s\\0' "$reply"; done`;
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', driver, 'bash', line, word], { env: shellEnv(team), encoding: 'utf8' });
  expect(r.stderr).toBe('');
  const replies = r.stdout.split('\0').slice(0, -1);
  const open = readShellLine(line).quote;
  const runs = replies.map((reply) => {
    const completed = line.slice(0, line.length - word.length) + reply + open;
    const run = spawnSync('bash', ['--norc', '--noprofile', '-c', `mtl() { printf '%s\\0' "$@"; }; eval "$1"`, 'bash', completed], { encoding: 'utf8' });
    return run.stdout.split('\0').slice(0, -1);
  });
  return { replies, runs };
}

describe('bash completion of hostile names', () => {
  it('offers every name as one quoted word that runs nothing, bare or after a quote', async () => {
    const team = await hostileTeam();
    const { names, trap } = team;
    const script = await ok(team.home, ['completion', 'bash']);

    const bare = bashComplete(team, script, 'mtl praise Yy', 'Yy');
    expect(bare.replies).toEqual([`Yy\\$\\(touch\\ ${trap}/subst\\)`]);
    expect(bare.runs).toEqual([['praise', names.subst]]);

    expect(bashComplete(team, script, 'mtl praise Zz', 'Zz').runs).toEqual([['praise', names.ifs]]);
    expect(bashComplete(team, script, 'mtl praise Bq', 'Bq').replies).toEqual([`Bq\\ \\"Bee\\"\\ \\\`touch\\ ${trap}/backquote\\\``]);
    expect(bashComplete(team, script, 'mtl praise Gg', 'Gg').replies).toEqual(['Gg\\ \\*\\?\\~\\!x\\;\\ \\|\\ \\&']);
    expect(bashComplete(team, script, 'mtl praise Gg', 'Gg').runs).toEqual([['praise', names.glob]]);

    // After an open quote readline replaces only what follows it and closes the quote itself.
    const single = bashComplete(team, script, "mtl praise 'O", 'O');
    expect(single.replies).toEqual(["O'\\''Brien"]);
    expect(single.runs).toEqual([['praise', "O'Brien"]]);
    expect(bashComplete(team, script, "mtl praise 'Yy", 'Yy').runs).toEqual([['praise', names.subst]]);
    const double = bashComplete(team, script, 'mtl praise "Bq', 'Bq');
    expect(double.replies).toEqual([`Bq \\"Bee\\" \\\`touch ${trap}/backquote\\\``]);
    expect(double.runs).toEqual([['praise', names.backquote]]);
    expect(bashComplete(team, script, 'mtl praise "Gg', 'Gg').replies).toEqual(['Gg *?~"\\!"x; | &']);
    expect(bashComplete(team, script, 'mtl praise "Gg', 'Gg').runs).toEqual([['praise', names.glob]]);
    // Typed with a backslash, or after a word break of readline (here :), the rest fits what is typed.
    expect(bashComplete(team, script, 'mtl praise O\\\'B', "O\\'B").runs).toEqual([['praise', "O'Brien"]]);

    // Every name, all at once, as the list shown on a second Tab.
    const all = bashComplete(team, script, 'mtl praise ', '');
    expect(all.runs.map((words) => words[1])).toEqual(['list', 'balance', 'grid', names.subst, names.ifs, names.backquote, names.quote, names.glob]);
    expect(trapped(team)).toEqual([]);
  });

  it('leaves out a name holding a line break: it would be two candidates, and cannot be typed', async () => {
    const team = await hostileTeam();
    const script = await ok(team.home, ['completion', 'bash']);
    expect(bashComplete(team, script, 'mtl praise Nl', 'Nl').replies).toEqual([]);
    expect(bashComplete(team, script, 'mtl praise ', '').replies.join('\n')).not.toContain('newline');
    expect(trapped(team)).toEqual([]);
  });

  it('answers a completion script from an earlier mtl (no --shell) only with names it inserts safely', async () => {
    const team = await hostileTeam();
    await ok(team.home, ['team', 'add', 'Ana Silva']);
    expect(await ok(team.home, ['__complete', '--', 'praise', ''])).toBe('list\nbalance\ngrid\nAna Silva\n');
  });
});

describe.skipIf(!has('zsh'))('zsh completion of hostile names', () => {
  it('hands compadd each name as one argument, for compadd to quote (no -Q)', async () => {
    const team = await hostileTeam();
    const file = path.join(team.binDir, '_mtl');
    fs.writeFileSync(file, await ok(team.home, ['completion', 'zsh']));
    const complete = (...words: string[]) => {
      const driver = `compadd() { printf '%s\\0' "$@"; }; _files() { printf 'FILES\\0'; }; compdef() { }
source ${file}
words=("$@"); CURRENT=$#
_mtl`;
      const r = spawnSync('zsh', ['-f', '-c', driver, 'zsh', ...words], { env: shellEnv(team), encoding: 'utf8' });
      expect(r.stderr).toBe('');
      return r.stdout.split('\0').slice(0, -1);
    };
    const { names } = team;
    expect(complete('mtl', 'praise', 'Yy')).toEqual(['--', names.subst]);
    expect(complete('mtl', 'praise', "'O")).toEqual(['--', names.quote]);
    expect(complete('mtl', 'praise', '"Bq')).toEqual(['--', names.backquote]);
    expect(complete('mtl', 'praise', '')).toEqual(['--', 'list', 'balance', 'grid', names.subst, names.ifs, names.backquote, names.quote, names.glob]);
    expect(complete('mtl', 'praise', 'Nl')).toEqual(['FILES']);
    expect(trapped(team)).toEqual([]);
  });
});

describe.skipIf(!has('fish'))('fish completion of hostile names', () => {
  it('offers each name whole (fish quotes what it inserts)', async () => {
    const team = await hostileTeam();
    const file = path.join(team.binDir, 'mtl.fish');
    fs.writeFileSync(file, await ok(team.home, ['completion', 'fish']));
    const complete = (line: string) => {
      const r = spawnSync('fish', ['--no-config', '-c', `source ${file}; complete -C $argv[1]`, line], { env: shellEnv(team), encoding: 'utf8' });
      expect(r.stderr).toBe('');
      return r.stdout.split('\n').filter(Boolean);
    };
    const { names } = team;
    expect(complete('mtl praise Yy')).toEqual([names.subst]);
    expect(complete("mtl praise 'O")).toEqual([names.quote]);
    expect(complete("mtl praise 'O\\'B")).toEqual([names.quote]);
    expect(complete('mtl praise Gg')).toEqual([names.glob]);
    expect(complete('mtl praise Nl')).toEqual([]);
    expect(trapped(team)).toEqual([]);
  });
});

describe.skipIf(!TmuxSession.available())('Tab then Enter in a real terminal', () => {
  let session: TmuxSession | undefined;
  afterEach(() => session?.kill());

  /** An interactive shell in tmux, mtl's completion script loaded, `mtl` on PATH; the prompt is "$ ". */
  async function shellWithCompletion(team: Team, shell: 'bash' | 'zsh' | 'fish'): Promise<TmuxSession> {
    const dir = path.dirname(team.binDir);
    const script = path.join(dir, `mtl.${shell}`);
    fs.writeFileSync(script, await ok(team.home, ['completion', shell]));
    const env = { HOME: dir, PATH: `${team.binDir}:${process.env.PATH}`, MTL_HOME: team.home, NO_COLOR: '1', TERM: 'xterm', LANG: 'C.UTF-8' };
    let command: string;
    if (shell === 'bash') {
      fs.writeFileSync(path.join(dir, 'bashrc'), `PS1='$ '\nsource ${script}\n`);
      command = `bash --noprofile --rcfile ${dir}/bashrc -i`;
    } else if (shell === 'zsh') {
      fs.mkdirSync(path.join(dir, 'zfunc'));
      fs.copyFileSync(script, path.join(dir, 'zfunc', '_mtl'));
      fs.writeFileSync(path.join(dir, '.zshrc'), `PS1='$ '\nfpath=(${dir}/zfunc $fpath)\nautoload -Uz compinit && compinit -u -d ${dir}/zcompdump\n`);
      command = `zsh -i`;
    } else {
      command = `fish --no-config -C 'function fish_prompt; echo -n "\\$ "; end; source ${script}'`;
    }
    const s = new TmuxSession(command, { ...env, ZDOTDIR: dir });
    await s.waitFor(/^\$ ?$/m);
    return s;
  }

  it('bash: mtl praise Yy<Tab> inserts the quoted name, and Enter logs praise for that report, running nothing', async () => {
    const team = await hostileTeam();
    session = await shellWithCompletion(team, 'bash');
    session.keys('mtl praise Yy', 'Tab');
    await session.waitFor(`$ mtl praise Yy\\$\\(touch\\ ${team.trap}/subst\\)`);
    session.keys("'great demo'", 'Enter');
    await session.waitFor('Logged private praise for');
    expect(readStore(team.home).praise).toEqual([expect.objectContaining({ member: 'r1', text: 'great demo' })]);

    // In double quotes, with history expansion on as in any interactive bash: ! is put outside them.
    session.keys('mtl praise "Gg', 'Tab');
    await session.waitFor(`$ mtl praise "Gg *?~"\\!"x; | &"`);
    session.keys("'nice'", 'Enter');
    await session.waitFor('Logged private praise for Gg *?~!x; | & (p2)');
    expect(readStore(team.home).praise[1]).toEqual(expect.objectContaining({ member: 'r5', text: 'nice' }));

    session.keys("mtl praise 'O", 'Tab');
    await session.waitFor(`$ mtl praise 'O'\\''Brien'`);
    session.keys('C-c');
    expect(trapped(team)).toEqual([]);
  });

  for (const shell of ['zsh', 'fish'] as const) {
    it.skipIf(!has(shell))(`${shell}: the same, the shell quoting the name`, async () => {
      const team = await hostileTeam();
      session = await shellWithCompletion(team, shell);
      session.keys('mtl praise Yy', 'Tab');
      await session.waitFor(`$ mtl praise Yy\\$\\(touch\\ ${team.trap}/subst\\)`);
      session.keys("'great demo'", 'Enter');
      await session.waitFor('Logged private praise for');
      expect(readStore(team.home).praise).toEqual([expect.objectContaining({ member: 'r1', text: 'great demo' })]);
      expect(trapped(team)).toEqual([]);
    });
  }
});
