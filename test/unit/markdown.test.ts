import { describe, expect, it } from 'vitest';
import { mdBlock, mdCell, mdInline } from '../../src/ui/markdown.js';

/** Line starts that open a block of their own in CommonMark or GitHub's markdown. */
const BLOCK_START = /^(?: {0,3}(?:#{1,6}(?: |$)|>|[-+*](?: |$)|\d{1,9}[.)](?: |$)|```|~~~|\||<[a-z/!?]|[-=_*]{3,}\s*$)| {4})/i;

describe('mdInline', () => {
  it('leaves plain text as it is', () => {
    expect(mdInline('Shipped the billing export, on time (95%)!')).toBe('Shipped the billing export, on time (95%)!');
    expect(mdInline('snake_case and *stars* and `code`')).toBe('snake_case and *stars* and `code`');
  });

  it('escapes a closing run of #, which a heading would drop', () => {
    expect(mdInline('Sam ##')).toBe('Sam \\##');
    expect(mdInline('C# and F#')).toBe('C# and F#');
  });

  it('turns line breaks into spaces, dropping blank lines and control characters', () => {
    expect(mdInline('first\n\n## Injected\r\nthird\rfourth')).toBe('first ## Injected third fourth');
    expect(mdInline('a\x1b[31mred\x07\x00')).toBe('a\\[31mred');
  });

  it.each([
    ['## Injected', '\\## Injected'],
    ['> quoted', '\\> quoted'],
    ['- item', '\\- item'],
    ['* item', '\\* item'],
    ['+ item', '\\+ item'],
    ['1. item', '1\\. item'],
    ['12) item', '12\\) item'],
    ['```js', '\\```js'],
    ['~~~', '\\~~~'],
    ['---', '\\---'],
    ['===', '\\==='],
    ['___', '\\___'],
    ['   # indented', '\\# indented'],
  ])('escapes the block marker at the start: %j', (text, expected) => {
    expect(mdInline(text)).toBe(expected);
    expect(mdInline(text)).not.toMatch(BLOCK_START);
  });

  it('escapes <, [, | and \\ anywhere, so no HTML, link, image or cell comes from the text', () => {
    expect(mdInline('<script>alert(1)</script>')).toBe('\\<script>alert(1)\\</script>');
    expect(mdInline('see <img src=x onerror=alert(1)>')).toBe('see \\<img src=x onerror=alert(1)>');
    expect(mdInline('![pixel](https://evil.example/x.png) [click](javascript:alert(1))')).toBe('!\\[pixel](https://evil.example/x.png) \\[click](javascript:alert(1))');
    expect(mdInline('a | b')).toBe('a \\| b');
    // A backslash in the data cannot cancel the escape that follows it.
    expect(mdInline('\\<b>')).toBe('\\\\\\<b>');
  });
});

describe('mdCell', () => {
  it('keeps a cell one line: | escaped, line breaks as <br>, each line escaped', () => {
    expect(mdCell('| a | b |\n| --- | --- |')).toBe('\\| a \\| b \\|<br>\\| --- \\| --- \\|');
    expect(mdCell('one\n\n## two\n<script>')).toBe('one<br>\\## two<br>\\<script>');
    expect(mdCell('plain')).toBe('plain');
  });
});

describe('mdBlock', () => {
  it('indents every further line under the bullet and keeps one blank line between paragraphs', () => {
    expect(mdBlock('first line\nsecond line\n\n\n\nnew paragraph\n\n')).toBe('first line\n  second line\n\n  new paragraph');
    expect(mdBlock('a\nb', '      ')).toBe('a\n      b');
  });

  it('lets no line open a block, whatever it starts with', () => {
    const hostile = ['note', '## Injected', '| a | b |', '| --- | --- |', '- item', '1. one', '```', 'rm -rf /', '```', '<script>x</script>', '> quote', '    code', '===', '---'].join('\n');
    const lines = mdBlock(hostile).split('\n');
    expect(lines).toHaveLength(14);
    expect(lines[0]).toBe('note');
    for (const line of lines.slice(1)) {
      expect(line.startsWith('  ')).toBe(true);
      expect(line.slice(2)).not.toMatch(BLOCK_START);
    }
    expect(lines.slice(1, 4)).toEqual(['  \\## Injected', '  \\| a \\| b \\|', '  \\| --- \\| --- \\|']);
  });

  it('is empty for an empty or blank text', () => {
    expect(mdBlock('')).toBe('');
    expect(mdBlock('\n  \n')).toBe('');
  });
});
