import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Chalk } from 'chalk';
import { controlProblem, didYouMean, escapeControls, plural, shellWord, similarWords, whereTheyDiffer } from '../../src/core/text.js';
import type { Io } from '../../src/context.js';
import { truncateToWidth, visibleWidth } from '../../src/core/width.js';
import * as output from '../../src/ui/output.js';

describe('typo suggestions', () => {
  const NOUNS = ['assess', 'goals', 'prep', 'team', 'praise', 'feedback', 'member-goals', 'delegate', '1on1', 'learn', 'innovation', 'nudge', 'cron', 'config'];

  it('finds the closest commands within three edits', () => {
    expect(similarWords('prase', NOUNS)).toEqual(['praise']);
    expect(similarWords('golas', NOUNS)).toEqual(['goals']);
    // A paste, not a typo: nothing is close, and nothing is computed (40,000 against 40,000 ran out of memory).
    const long = 'a'.repeat(40_000);
    expect(similarWords(`${long.slice(0, -1)}b`, [long, 'goals'])).toEqual([]);
    expect(similarWords('golas', [long, 'goals'])).toEqual(['goals']);
    expect(similarWords('Confg', NOUNS)).toEqual(['config']);
    expect(similarWords('lst', ['list', 'get', 'set'])).toEqual(['list']);
    expect(similarWords('frob', NOUNS)).toEqual(['cron']);
    expect(similarWords('banana', NOUNS)).toEqual([]);
  });

  it('words the suggestion for one or several matches, or says nothing', () => {
    expect(didYouMean('prase', NOUNS)).toBe('Did you mean praise?');
    expect(didYouMean('xet', ['set', 'get', 'list'])).toBe('Did you mean one of get, set?');
    expect(didYouMean('zzzzzz', NOUNS)).toBe('');
  });
});

describe('wording helpers', () => {
  it('counts with the right noun form', () => {
    expect([plural(0, 'day'), plural(1, 'day'), plural(2, 'day'), plural(3, 'person', 'people')]).toEqual(['0 days', '1 day', '2 days', '3 people']);
  });

  it('quotes only words the shell would split or expand', () => {
    expect(shellWord('Alice')).toBe('Alice');
    expect(shellWord('sam.lee@example.com')).toBe('sam.lee@example.com');
    expect(shellWord('Mary Ann')).toBe(`'Mary Ann'`);
    expect(shellWord(`O'Neil`)).toBe(`'O'\\''Neil'`);
    expect(shellWord('$HOME')).toBe(`'$HOME'`);
  });

  it('cuts two versions of a long text to where they differ, so a change near the end shows', () => {
    const was = 'Wrote a very clear and careful write-up of the outage, with the follow-ups for the team';
    expect(whereTheyDiffer(was, was.replace('the team', 'the whole team'))).toEqual(['…for the team', '…for the whole team']);
    // A change at the start keeps the start; what runs past 40 characters is cut.
    expect(whereTheyDiffer(was, `Quickly w${was.slice(1)}`)).toEqual(['Wrote a very clear and careful write-up…', 'Quickly wrote a very clear and careful …']);
    // Short texts stay whole; characters are not split (an emoji is one).
    expect(whereTheyDiffer('Clear demo', 'Clear demo 👍🏽')).toEqual(['Clear demo', 'Clear demo 👍🏽']);
    const [a, b] = whereTheyDiffer(`${'x'.repeat(38)}👍🏽 and more text after it`, `${'x'.repeat(38)}👎 and more text after it`);
    expect([...a].length).toBeLessThanOrEqual(40);
    expect(a).toContain('👍');
    expect(b).toContain('👎');
  });
});

describe('layering', () => {
  it('keeps the pure rules in src/core free of UI imports', () => {
    const core = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/core');
    const offenders = fs
      .readdirSync(core)
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => /from '\.\.\/(ui|commands)\//.test(fs.readFileSync(path.join(core, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});

describe('width on a terminal', () => {
  it('counts wide characters as two columns and marks as none, and cuts by columns', () => {
    expect(visibleWidth('plain')).toBe(5);
    expect(visibleWidth('\u001b[33mwarn\u001b[39m')).toBe(4);
    expect(visibleWidth('日本語')).toBe(6);
    expect(visibleWidth('Chloé')).toBe(5);
    expect(visibleWidth('Chloe\u0301')).toBe(5);
    expect(visibleWidth('👍🏽 ok')).toBe(5);
    expect(truncateToWidth('日本語のタイトル', 7)).toBe('日本語…');
    expect(truncateToWidth('short', 7)).toBe('short');
    expect(truncateToWidth('a longer title', 7)).toBe('a long…');
  });
});

describe('control characters on the way to the terminal', () => {
  it('returns text without a control character as it is, line breaks and tabs included', () => {
    const text = 'Chloé\tSam 日本語\nnext line 👍🏽';
    expect(escapeControls(text)).toBe(text);
  });

  it('shows every C0, DEL and C1 character as \\u00XX, OSC and CSI sequences included', () => {
    expect(escapeControls('\u001b]0;PWNED-TITLE\u0007 \u001b[2J')).toBe('\\u001b]0;PWNED-TITLE\\u0007 \\u001b[2J');
    expect(escapeControls('a\u009b2Jb\u007fc\u0085d\u0000e\rf\bg')).toBe('a\\u009b2Jb\\u007fc\\u0085d\\u0000e\\u000df\\u0008g');
    for (let code = 0; code <= 0x9f; code++) {
      const char = String.fromCharCode(code);
      const kept = char === '\n' || char === '\t' || (code >= 0x20 && code < 0x7f);
      expect(escapeControls(char), code.toString(16)).toBe(kept ? char : `\\u${code.toString(16).padStart(4, '0')}`);
    }
  });

  it('keeps CR LF, and chalk\'s colours only when asked (never hidden text)', () => {
    expect(escapeControls('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n')).toBe('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
    const red = new Chalk({ level: 1 }).red('late');
    expect(escapeControls(red, { keepColors: true })).toBe(red);
    expect(escapeControls(red)).toBe('\\u001b[31mlate\\u001b[39m');
    expect(escapeControls('\u001b[8mhidden\u001b[28m', { keepColors: true })).toBe('\\u001b[8mhidden\\u001b[28m');
    expect(escapeControls('\u001b[38;5;1mx\u001b[2J', { keepColors: true })).toBe('\\u001b[38;5;1mx\\u001b[2J');
    // Every style mtl uses passes; a stored black-on-black (or reverse) that could hide a word does not.
    const c = new Chalk({ level: 1 });
    for (const styled of [c.bold('b'), c.dim('d'), c.green('g'), c.yellow('y'), c.cyan('c'), c.bold(`x ${c.red('y')}`)]) expect(escapeControls(styled, { keepColors: true })).toBe(styled);
    expect(escapeControls('Bob\u001b[30m\u001b[40mSECRET\u001b[0m', { keepColors: true })).toBe('Bob\\u001b[30m\\u001b[40mSECRET\u001b[0m');
    expect(escapeControls('\u001b[7mreversed', { keepColors: true })).toBe('\\u001b[7mreversed');
  });

  it('keeps JSON valid and exact: an escaped C1 or DEL inside a JSON string reads back as itself', () => {
    const value = { note: 'csi \u009b2J del \u007f esc \u001b' };
    expect(JSON.parse(escapeControls(JSON.stringify(value)))).toEqual(value);
  });

  it('words the refusal of a one-line and of a multi-line text', () => {
    expect(controlProblem('Sam Lee', 'name', { lines: false })).toBeUndefined();
    expect(controlProblem('two\nlines\tok', 'praise', { lines: true })).toBeUndefined();
    expect(controlProblem('Bad\u001b[2Jname', 'name', { lines: false })).toBe(
      'The name "Bad\\u001b[2Jname" holds a control character (\\u001b): control characters and line breaks are not allowed.',
    );
    expect(controlProblem('a\nb', 'goal title', { lines: false })).toBe('The goal title "a\\u000ab" holds a line break: control characters and line breaks are not allowed.');
    expect(controlProblem('ok\nthen \u0007', 'praise', { lines: true })).toBe(
      'The praise "ok\\u000athen \\u0007" holds a control character (\\u0007): only line breaks and tabs are allowed, no other control characters.',
    );
    expect(controlProblem(`${'x'.repeat(100)}\u009b`, 'note', { lines: true })).toContain(`"${'x'.repeat(60)}…" holds a control character (\\u009b)`);
  });

  const io = (tty: boolean): Io & { text: string } => {
    const fake = { text: '', out: (t: string) => void (fake.text += t), err: () => {}, stdoutIsTTY: tty, stdinIsTTY: false, color: new Chalk({ level: 0 }), columns: 80 };
    return fake;
  };

  it('prints --json with DEL and C1 escaped, so it passes the terminal unchanged and parses back exactly', () => {
    for (const tty of [false, true]) {
      const target = io(tty);
      const value = { name: 'Bad\u001b[2Jname', note: 'csi \u009b2J \u007f \u0085' };
      output.printJson(target, value);
      expect(target.text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      expect(escapeControls(target.text)).toBe(target.text);
      expect(JSON.parse(target.text)).toEqual(value);
    }
  });

  it('sizes table columns on the text as shown, escapes included, and keeps a row on one line', () => {
    const table = output.renderTable(io(true), ['name', 'note'], [['Bad\u001b[2Jname', 'x'], ['Sam', 'two\nlines']]);
    const shown = 'Bad\\u001b[2Jname';
    expect(shown).toHaveLength(16);
    expect(table).toBe(`${'name'.padEnd(18)}note\n${shown}  x\n${'Sam'.padEnd(18)}two lines\n`);
    // Piped, a tab or line break in a cell still reads as a space; the io run() hands out escapes the rest.
    const piped = output.renderTable(io(false), ['name', 'note'], [['Bad\u001b]0;T\u0007', 'a\tb']]);
    expect(piped).toBe('Bad\u001b]0;T\u0007\ta b\n');
    expect(escapeControls(piped)).toBe('Bad\\u001b]0;T\\u0007\ta b\n');
  });
});

describe('escapeControls and bidirectional overrides', () => {
  it('shows a right-to-left override or an isolate escaped, so a name cannot reorder the rest of a line', () => {
    expect(escapeControls('Sam\u202eevil\u2066x\u2069')).toBe('Sam\\u202eevil\\u2066x\\u2069');
    expect(escapeControls('שלום Sam')).toBe('שלום Sam');
  });
});
