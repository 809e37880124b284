import { describe, expect, it } from 'vitest';
import { completeWords, type CommandShape } from '../../src/core/completion.js';

const shape = (name: string, extra: Partial<CommandShape> = {}): CommandShape => ({ name, aliases: [], options: [], args: [], subcommands: [], ...extra });

const root = shape('mtl', {
  options: [{ flags: ['--home'], takesValue: true }, { flags: ['--json'], takesValue: false }],
  subcommands: [
    shape('praise', { args: ['name', 'text'], options: [{ flags: ['--public'], takesValue: false }], subcommands: [shape('list', { args: ['name'] })] }),
    shape('goals', { subcommands: [shape('new', { options: [{ flags: ['--template', '-t'], takesValue: true }] }), shape('done', { args: ['id'] })] }),
    shape('delegate', { args: ['item'], options: [{ flags: ['--to'], takesValue: true }] }),
  ],
});

const dynamic = { reports: () => ['Sam Lee', 'Priya', 'Ana S'], goals: () => ['g1', 'g2'], templates: () => ['autonomy', 'culture'] };

describe('completeWords', () => {
  it('offers commands, then what each argument takes from the data', () => {
    expect(completeWords(root, [''], dynamic)).toEqual(['praise', 'goals', 'delegate']);
    expect(completeWords(root, ['pr'], dynamic)).toEqual(['praise']);
    expect(completeWords(root, ['praise', ''], dynamic)).toEqual(['list', 'Sam Lee', 'Priya', 'Ana S']);
    expect(completeWords(root, ['praise', 's'], dynamic)).toEqual(['Sam Lee']);
    expect(completeWords(root, ['goals', 'done', ''], dynamic)).toEqual(['g1', 'g2']);
  });

  it('offers the values of an option, and its own options and the global ones after a dash', () => {
    expect(completeWords(root, ['goals', 'new', '--template', ''], dynamic)).toEqual(['autonomy', 'culture']);
    expect(completeWords(root, ['delegate', 'item', '--to', 'p'], dynamic)).toEqual(['Priya']);
    expect(completeWords(root, ['praise', '--'], dynamic)).toEqual(['--public', '--home', '--json']);
  });

  it('reads a word as the user typed it, quotes and backslashes included', () => {
    expect(completeWords(root, ['praise', '"ana'], dynamic)).toEqual(['Ana S']);
    expect(completeWords(root, ['praise', 'Ana\\ '], dynamic)).toEqual(['Ana S']);
  });
});
