import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { didYouMean, plural, shellWord, similarWords } from '../../src/core/text.js';
import * as output from '../../src/ui/output.js';

describe('typo suggestions', () => {
  const NOUNS = ['assess', 'goals', 'prep', 'team', 'praise', 'feedback', 'member-goals', 'delegate', '1on1', 'learn', 'innovation', 'nudge', 'cron', 'config'];

  it('finds the closest commands within three edits', () => {
    expect(similarWords('prase', NOUNS)).toEqual(['praise']);
    expect(similarWords('golas', NOUNS)).toEqual(['goals']);
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

  it('are the same functions the UI exports', () => {
    expect(output.plural).toBe(plural);
    expect(output.shellWord).toBe(shellWord);
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
    expect(output.visibleWidth('plain')).toBe(5);
    expect(output.visibleWidth('\u001b[33mwarn\u001b[39m')).toBe(4);
    expect(output.visibleWidth('日本語')).toBe(6);
    expect(output.visibleWidth('Chloé')).toBe(5);
    expect(output.visibleWidth('Chloe\u0301')).toBe(5);
    expect(output.visibleWidth('👍🏽 ok')).toBe(5);
    expect(output.truncateToWidth('日本語のタイトル', 7)).toBe('日本語…');
    expect(output.truncateToWidth('short', 7)).toBe('short');
    expect(output.truncateToWidth('a longer title', 7)).toBe('a long…');
  });
});
