import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, mtl, mtlInTerminal, ok, readStore, snapshot, tempHome } from '../helpers/cli.js';
import { TMUX, TmuxSession } from '../helpers/tmux.js';

// Issue #15, point 1: text a report's name, a note or a file holds is shown, never obeyed by the terminal.

const env = { MTL_NOW: '2027-02-10T09:00:00' };

/** Any control character a terminal acts on: all of C0 but line feed and tab, DEL, C1. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

const NOTE = '\u001b]0;PWNED-TITLE\u0007 \u001b[2J clear';
const NAME = 'Bad\u001b[2Jname';
const PRAISE = 'shipped \u009b2J the fix\rOVERWRITTEN';
const FEEDBACK = 'talk about \u001b[8mhidden\u001b[0m and \u007f';
const GOAL = 'goal \u001b]8;;http://evil.example\u0007link';

/**
 * A data folder as a merged backup or a synced machine could leave it: the records were written by
 * mtl with harmless text, then their text was swapped on disk, JSON-escaped as any JSON writer would.
 */
async function hostileHome(): Promise<string> {
  const home = tempHome();
  await ok(home, ['team', 'add', 'Eve', '--note', 'PLACEHOLDER_NOTE'], { env });
  await ok(home, ['team', 'add', 'PLACEHOLDER_NAME'], { env });
  await ok(home, ['praise', 'eve', 'PLACEHOLDER_PRAISE'], { env });
  await ok(home, ['feedback', 'eve', 'PLACEHOLDER_FEEDBACK'], { env });
  await ok(home, ['member-goals', 'eve', 'add', 'PLACEHOLDER_GOAL'], { env });
  await ok(home, ['delegate', 'PLACEHOLDER_GOAL item', '--to', 'PLACEHOLDER_NAME'], { env });
  const swaps: [string, string][] = [
    ['PLACEHOLDER_NOTE', NOTE],
    ['PLACEHOLDER_NAME', NAME],
    ['PLACEHOLDER_PRAISE', PRAISE],
    ['PLACEHOLDER_FEEDBACK', FEEDBACK],
    ['PLACEHOLDER_GOAL', GOAL],
  ];
  for (const file of fs.readdirSync(home, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.jsonl'))) {
    let text = fs.readFileSync(path.join(home, file), 'utf8');
    // JSON.stringify escapes C0 as \u001b and leaves DEL and C1 raw, as any JSON writer may.
    for (const [from, to] of swaps) text = text.replaceAll(from, JSON.stringify(to).slice(1, -1));
    fs.writeFileSync(path.join(home, file), text);
  }
  return home;
}

function expectNoRawControl(text: string, label: string): void {
  expect(text, label).not.toMatch(RAW_CONTROL);
}

describe('stored text from a merged backup reaches the terminal escaped', () => {
  it('shows the OSC title, the screen clear and a C1 CSI as text in every view, on stdout and stderr', async () => {
    const home = await hostileHome();
    // The swap really stored the hostile text: mtl reads it back as it is.
    const stored = readStore(home);
    expect(stored.members.map((m: { name: string }) => m.name)).toEqual(['Eve', NAME]);
    expect(stored.members[0].notes[0].text).toBe(NOTE);

    const views = [
      ['team', 'show', 'eve'],
      ['team'],
      ['team', 'list', '--with-notes'],
      ['1on1', 'eve'],
      ['1on1', 'bad'],
      ['nudge', '--dry-run'],
      ['praise', 'list'],
      ['feedback', 'list'],
      ['member-goals'],
      ['delegate', 'list'],
      ['export', '--format', 'md', '--with-notes'],
      [],
    ];
    for (const args of views) {
      const r = await mtl(home, args, { env });
      expect(r.code, args.join(' ')).toBe(0);
      expectNoRawControl(r.stdout, `stdout of mtl ${args.join(' ')}`);
      expectNoRawControl(r.stderr, `stderr of mtl ${args.join(' ')}`);
    }

    const show = await ok(home, ['team', 'show', 'eve'], { env });
    expect(show).toContain('\\u001b]0;PWNED-TITLE\\u0007 \\u001b[2J clear');
    const agenda = await ok(home, ['1on1', 'eve'], { env });
    expect(agenda).toContain('shipped \\u009b2J the fix\\u000dOVERWRITTEN');
    expect(agenda).toContain('talk about \\u001b[8mhidden\\u001b[0m and \\u007f');
    expect(agenda).toContain('goal \\u001b]8;;http://evil.example\\u0007link');
    expect(await ok(home, ['team'], { env })).toContain('Bad\\u001b[2Jname\t');
  });

  it('escapes a stored name in confirmations and error messages on stderr', async () => {
    const home = await hostileHome();
    const praised = await mtl(home, ['praise', 'bad', 'calm incident review'], { env });
    expect(praised.code).toBe(0);
    expect(praised.stderr).toContain('Bad\\u001b[2Jname');
    expectNoRawControl(praised.stderr, 'praise confirmation');

    const unknown = await mtl(home, ['praise', 'nobody', 'text'], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Your reports: Eve, Bad\\u001b[2Jname.');
    expectNoRawControl(unknown.stderr, 'list of known names');

    const removed = await mtl(home, ['team', 'remove', 'bad'], { env });
    expect(removed.code).toBe(0);
    expect(removed.stderr).toContain('Bad\\u001b[2Jname');
    expectNoRawControl(removed.stderr, 'remove confirmation');

    // A name typed on the command line is echoed escaped too.
    const typed = await mtl(home, ['team', 'show', 'x\u001b]0;T\u0007'], { env });
    expect(typed.code).toBe(1);
    expect(typed.stderr).toContain('No report called "x\\u001b]0;T\\u0007".');
  });

  it('keeps --json exact: ESC, BEL, DEL and U+009B round-trip through JSON.parse', async () => {
    const home = await hostileHome();
    for (const args of [['team', 'show', 'eve', '--json'], ['1on1', 'eve', '--json']]) {
      const r = await mtl(home, args, { env });
      expect(r.code).toBe(0);
      expectNoRawControl(r.stdout, args.join(' '));
      expect(r.stdout).toContain('\\u009b');
      const agenda = JSON.parse(r.stdout);
      expect(agenda.notes[0].text).toBe(NOTE);
      expect(agenda.praise[0].text).toBe(PRAISE);
      expect(agenda.feedback[0].text).toBe(FEEDBACK);
    }
    const list = JSON.parse(await ok(home, ['team', 'list', '--json'], { env }));
    expect(list.map((m: { name: string }) => m.name)).toEqual(['Eve', NAME]);
    // The backup on stdout too: what `mtl export` prints is what was stored.
    const backup = JSON.parse(await ok(home, ['export'], { env }));
    expect(JSON.stringify(backup)).toContain(JSON.stringify(PRAISE));
  });

  it('escapes what a damaged data file echoes back', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Eve'], { env });
    const file = path.join(home, 'reports.jsonl');
    for (const line of [
      '{"id":"r1","name":"Ev\u001b]0;PWNED\u0007e","added":"2027-02-10","notes":[]}',
      '{"id":"r1" \u001b[2J\u001b]0;PWNED\u0007 "name"}',
      '\u001b[2J\u009b2J',
      '{"id":"r1","name":"Eve","added":"\u009b2J\\u001b[2J","notes":[]}',
    ]) {
      fs.writeFileSync(file, `${line}\n`);
      const r = await mtl(home, ['team'], { env });
      expect(r.code, line).toBe(1);
      expect(r.stderr, line).toContain('reports.jsonl is damaged');
      expectNoRawControl(r.stderr, line);
    }
  });

  it('escapes a data folder name that holds escapes', async () => {
    const parent = path.dirname(tempHome());
    const home = path.join(parent, 'data\u001b[2J');
    const r = await mtl(home, ['team', 'add', 'Eve'], { env });
    expect(r.code).toBe(0);
    const shown = await mtl(home, ['export', '--output', path.join(home, 'reports.jsonl')], { env });
    expect(shown.code).toBe(1);
    expect(shown.stderr).toContain('data\\u001b[2J');
    expectNoRawControl(shown.stderr, 'data folder in a message');
  });
});

describe('on a real terminal (built binary)', () => {
  it('never lets a raw ESC through, with colours on; only mtl\u2019s own colour sequences pass', async () => {
    const home = await hostileHome();
    for (const args of [['team', 'show', 'eve'], ['team'], ['1on1', 'bad'], ['praise', 'list'], ['nudge', '--dry-run']]) {
      const r = mtlInTerminal(home, args, { env: { ...env, NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: 'xterm' } });
      expect(r.code, args.join(' ')).toBe(0);
      // The terminal shows it coloured: chalk's sequences are there, and nothing else is.
      if (args[0] === 'team' && args[1] === 'show') expect(r.stdout).toMatch(/\u001b\[\d+m/);
      const withoutColours = r.stdout.replace(/\u001b\[(?:[0-9]|[1-9][0-9]|10[0-7])m/g, '');
      expectNoRawControl(withoutColours, args.join(' '));
      expect(r.stdout).not.toContain('\u001b]');
      expect(r.stdout).not.toContain('\u001b[2J');
      expect(r.stdout).not.toContain('\u001b[8m');
    }
    const show = mtlInTerminal(home, ['team', 'show', 'eve'], { env });
    expect(show.stdout).toContain('\\u001b]0;PWNED-TITLE\\u0007 \\u001b[2J clear');
  });
});

describe('control characters are refused at entry', () => {
  const SINGLE = 'control characters and line breaks are not allowed';
  const MULTI = 'only line breaks and tabs are allowed, no other control characters';

  async function homeWithGoals(): Promise<string> {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Eve'], { env });
    await ok(home, ['member-goals', 'eve', 'add', 'Ship search v2'], { env });
    await ok(home, ['goals', 'new', '--template', 'autonomy', '--yes'], { env });
    return home;
  }

  const cases: { args: string[]; field: string; rule: string }[] = [
    { args: ['team', 'add', NAME], field: 'The name "Bad\\u001b[2Jname" holds a control character (\\u001b)', rule: SINGLE },
    { args: ['team', 'add', 'Two\nLines'], field: 'The name "Two\\u000aLines" holds a line break', rule: SINGLE },
    { args: ['team', 'add', 'Tab\there'], field: 'The name "Tab\\u0009here" holds a control character (\\u0009)', rule: SINGLE },
    { args: ['team', 'add', 'Sam', '--note', NOTE], field: 'The note "\\u001b]0;PWNED-TITLE\\u0007 \\u001b[2J clear"', rule: MULTI },
    { args: ['team', 'note', 'eve', 'csi \u009b2J'], field: 'The note "csi \\u009b2J" holds a control character (\\u009b)', rule: MULTI },
    { args: ['praise', 'eve', 'bell\u0007'], field: 'The praise "bell\\u0007"', rule: MULTI },
    { args: ['feedback', 'eve', 'nul\u0000 and del\u007f'], field: 'The feedback "nul\\u0000 and del\\u007f"', rule: MULTI },
    { args: ['member-goals', 'eve', 'add', 'ship\u001b[2J'], field: 'The goal title "ship\\u001b[2J"', rule: SINGLE },
    { args: ['member-goals', 'eve', 'check-in', 'm1', 'two\nlines'], field: 'The check-in note "two\\u000alines" holds a line break', rule: SINGLE },
    { args: ['delegate', 'search\u009bv2', '--to', 'eve'], field: 'The roadmap item "search\\u009bv2"', rule: SINGLE },
    { args: ['learn', 'log', '1', 'pod\rcast'], field: 'The description of what you learned "pod\\u000dcast"', rule: SINGLE },
    { args: ['learn', 'apply', 'ask\u001b]0;x\u0007'], field: 'The tip "ask\\u001b]0;x\\u0007"', rule: SINGLE },
    { args: ['goals', 'new', '--template', 'autonomy', '--title', 'csi\u009b2J', '--yes'], field: 'The title "csi\\u009b2J"', rule: SINGLE },
    { args: ['goals', 'check-in', 'g1', 'agreed\u001b[2J'], field: 'The check-in note "agreed\\u001b[2J"', rule: SINGLE },
  ];

  it('refuses each one-line and multi-line field with a message naming it, exit 1, nothing written', async () => {
    const home = await homeWithGoals();
    for (const { args, field, rule } of cases) {
      const before = snapshot(path.dirname(home));
      const r = await mtl(home, args, { env });
      const label = JSON.stringify(args);
      expect(r.code, label).toBe(1);
      expect(r.stdout, label).toBe('');
      expect(r.stderr, label).toContain(`mtl: ${field}`);
      expect(r.stderr, label).toContain(rule);
      expectNoRawControl(r.stderr, label);
      expect(snapshot(path.dirname(home)), label).toEqual(before);
    }
  });

  it('keeps line breaks and tabs in praise, feedback and personal notes (CR LF read as a line break)', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Eve', '--note', 'first line\r\nsecond\tline'], { env });
    await ok(home, ['praise', 'eve', 'calm review\nand a clear write-up'], { env });
    await ok(home, ['feedback', 'eve', 'rollback plan:\n\t- missing'], { env });
    const data = readStore(home);
    expect(data.members[0].notes[0].text).toBe('first line\nsecond\tline');
    expect(data.praise[0].text).toBe('calm review\nand a clear write-up');
    expect(data.feedback[0].text).toBe('rollback plan:\n\t- missing');
    // In a table a line break would break the row: it reads as a space there.
    expect(await ok(home, ['praise', 'list'], { env })).toContain('\tcalm review and a clear write-up\n');
  });
});

describe.skipIf(!TmuxSession.available())('in tmux', () => {
  const tmuxValue = (tmux: TmuxSession, format: string) => execFileSync('tmux', [...TMUX, 'display', '-p', '-t', tmux.name, format], { encoding: 'utf8' }).trim();

  it('keeps the window title and the screen: the stored note is shown as text', async () => {
    const home = await hostileHome();
    const tmux = new TmuxSession(`sh -c 'echo BEFORE; node ${BIN} team show eve'`, { MTL_HOME: home, MTL_NOW: env.MTL_NOW });
    try {
      const screen = await tmux.waitFor('[exit 0]');
      expect(screen).toContain('BEFORE'); // not cleared
      expect(screen).toContain('\\u001b]0;PWNED-TITLE\\u0007 \\u001b[2J clear');
      expect(tmuxValue(tmux, '#{pane_title}')).not.toContain('PWNED');
    } finally {
      tmux.kill();
    }
  });

  it('escapes a stored name in a confirmation prompt', async () => {
    const home = await hostileHome();
    const tmux = new TmuxSession(`sh -c 'echo BEFORE; node ${BIN} team remove bad --purge'`, { MTL_HOME: home, MTL_NOW: env.MTL_NOW });
    try {
      const screen = await tmux.waitFor('This cannot be undone.');
      expect(screen).toContain('BEFORE');
      expect(screen).toContain('Delete Bad\\u001b[2Jname and');
      tmux.keys('n', 'Enter');
      await tmux.waitFor('[exit');
      expect(readStore(home).members.map((m: { name: string }) => m.name)).toEqual(['Eve', NAME]);
    } finally {
      tmux.kill();
    }
  });

  it('gives the terminal its cursor back after a kill during a prompt', async () => {
    const home = tempHome();
    const tmux = new TmuxSession(`node ${BIN} goals new`, { MTL_HOME: home, MTL_NOW: '2027-03-10T10:00:00' });
    try {
      await tmux.waitFor('Which kind of goal?');
      const cursor = () => tmuxValue(tmux, '#{cursor_flag}');
      expect(cursor()).toBe('0'); // the select prompt hides it
      const shell = tmuxValue(tmux, '#{pane_pid}');
      const pid = Number(execFileSync('ps', ['-o', 'pid=', '--ppid', shell], { encoding: 'utf8' }).trim().split('\n')[0]);
      process.kill(pid, 'SIGTERM');
      await tmux.waitFor('[exit 143]');
      expect(cursor()).toBe('1');
    } finally {
      tmux.kill();
    }
  });
});
