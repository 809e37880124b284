import { describe, expect, it } from 'vitest';
import { bashReplacements, completeWords, quoteForBash, readShellLine, safeForOldScripts, type CommandShape } from '../../src/core/completion.js';

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

  it('never offers a value holding a control character: one candidate is one line', () => {
    const hostile = { ...dynamic, reports: () => ['Nl\n$(touch x)', 'Esc\u001b]0;hi\u0007', 'Tab\tx', 'C1\u009b2J', 'Sam Lee'] };
    expect(completeWords(root, ['praise', ''], hostile)).toEqual(['list', 'Sam Lee']);
  });
});

describe('readShellLine', () => {
  it('splits a line into words as the shell does, quotes and backslashes removed, nothing expanded', () => {
    expect(readShellLine('mtl praise ')).toEqual({ words: ['mtl', 'praise', ''], raw: '', quote: '' });
    expect(readShellLine(`mtl  'a b' "c \\"d\\" \\$x" e\\ f $(g) ''`).words).toEqual(['mtl', 'a b', 'c "d" $x', 'e f', '$(g)', '']);
    expect(readShellLine(`mtl praise "ana`)).toEqual({ words: ['mtl', 'praise', 'ana'], raw: '"ana', quote: '"' });
    expect(readShellLine(`mtl praise 'O'\\''B`)).toEqual({ words: ['mtl', 'praise', "O'B"], raw: `'O'\\''B`, quote: "'" });
    expect(readShellLine(`mtl praise Ana\\ `).words).toEqual(['mtl', 'praise', 'Ana ']);
    // Inside double quotes a backslash stays unless it escapes $ \` " or \\.
    expect(readShellLine(`"a\\b\\\\"`).words).toEqual(['a\\b\\']);
    // fish takes \' and \\ inside single quotes.
    expect(readShellLine(`mtl praise 'O\\'B`, 'fish').words).toEqual(['mtl', 'praise', "O'B"]);
  });
});

describe('quoteForBash', () => {
  const hostile = `Yy$(touch x) \`id\` "q" 'O' *?[a] ~!#;|&<>{b,c}\\`;
  it('quotes every special character, bare, inside single quotes and inside double quotes', () => {
    expect(quoteForBash(hostile, '')).toBe(`Yy\\$\\(touch\\ x\\)\\ \\\`id\\\`\\ \\"q\\"\\ \\'O\\'\\ \\*\\?\\[a\\]\\ \\~\\!\\#\\;\\|\\&\\<\\>\\{b,c\\}\\\\`);
    expect(quoteForBash(hostile, "'")).toBe(`Yy$(touch x) \`id\` "q" '\\''O'\\'' *?[a] ~!#;|&<>{b,c}\\`);
    expect(quoteForBash(hostile, '"')).toBe(`Yy\\$(touch x) \\\`id\\\` \\"q\\" 'O' *?[a] ~"\\!"#;|&<>{b,c}\\\\`);
    expect(quoteForBash('Ana-Lee.o@x+1:2=3,4%5_é', '')).toBe('Ana-Lee.o@x+1:2=3,4%5_é');
  });

  it('reads back, through the line reader, as the very same single word', () => {
    expect(readShellLine(`mtl ${quoteForBash(hostile, '')}`).words).toEqual(['mtl', hostile]);
    expect(readShellLine(`mtl '${quoteForBash(hostile, "'")}'`).words).toEqual(['mtl', hostile]);
    expect(readShellLine(`mtl "${quoteForBash(hostile, '"')}"`).words).toEqual(['mtl', hostile]);
  });
});

describe('bashReplacements', () => {
  const names = (words: string[]) => completeWords(root, words, { ...dynamic, reports: () => ["O'Brien", 'a:b $x', 'Sam Lee'] });
  it('gives what replaces the word readline completes, quoted for where the cursor is', () => {
    expect(bashReplacements('mtl praise O', 'O', names)).toEqual(["O\\'Brien"]);
    expect(bashReplacements("mtl praise 'O", 'O', names)).toEqual(["O'\\''Brien"]);
    expect(bashReplacements('mtl praise "O', 'O', names)).toEqual(["O'Brien"]);
    expect(bashReplacements('mtl praise "s', 's', names)).toEqual(['Sam Lee']);
    expect(bashReplacements('mtl praise Sam\\ ', 'Sam\\ ', names)).toEqual(['Sam\\ Lee']);
    // After a word break of readline (:), only the rest of the name: "a:" stays as typed.
    expect(bashReplacements('mtl praise a:', '', names)).toEqual(['b\\ \\$x']);
    // A word that is not the end of the line: nothing, rather than a guess.
    expect(bashReplacements('mtl praise O', 'x', names)).toEqual([]);
  });

  it('tells which names an earlier script, escaping only spaces, inserts safely', () => {
    expect(['Sam Lee', 'Ana-Lee', "O'Brien", 'Yy$(x)', 'a*', '~b', 'c!'].filter(safeForOldScripts)).toEqual(['Sam Lee', 'Ana-Lee']);
  });
});
