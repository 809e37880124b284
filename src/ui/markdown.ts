/**
 * Text from the data (names, titles, notes, praise) placed into markdown that mtl writes. Whatever
 * it holds, it stays text inside the spot it was given: it cannot start a heading, a list item, a
 * block quote, a code fence, a table or its rows, an HTML block, a link or an image of its own.
 *
 * What is escaped, with a backslash (CommonMark renders `\x` as `x` for any ASCII punctuation):
 * - everywhere: `\` (so an escape in the data cannot undo ours), `<` (no raw HTML such as `<script>`
 *   or `<img onerror>`, no autolink), `[` (no link, image or link definition), `|` (no table cell or row);
 * - at the start of each line: the markers that open a block (`#`, `>`, `-`, `+`, `*`, `=`, `_`,
 *   a backtick, `~`, and `1.` or `1)`), after the line's leading blanks are dropped (no indented code).
 * `*`, `_` and backticks inside a line are left alone: emphasis or a code span stays within the text
 * and keeps the text readable where it is pasted as it is. Control characters other than tabs and
 * line breaks are dropped.
 */

const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]/g;
const EVERYWHERE = /[\\<[|]/g;
const BLOCK_START = /^(?:[#>+\-*=_`~]|\d{1,9}[.)])/;

/** The lines of a text, `\r\n` and `\r` read as line breaks, control characters dropped. */
function linesOf(text: string): string[] {
  return text.replace(CONTROL, '').split(/\r\n|\r|\n/);
}

/** One line of data as markdown text: escaped, leading blanks dropped, never opening a block. */
function safeLine(line: string): string {
  const escaped = line.replace(/^[ \t]+/, '').replace(/\t/g, ' ').replace(EVERYWHERE, '\\$&');
  const start = BLOCK_START.exec(escaped);
  if (!start) return escaped;
  // Before a digit run the marker is the `.` or `)` after it; otherwise the first character.
  const marker = start[0];
  return /^\d/.test(marker) ? `${marker.slice(0, -1)}\\${marker.slice(-1)}${escaped.slice(marker.length)}` : `\\${escaped}`;
}

/**
 * Text for within one line (a heading, a list item's first line, a sentence): line breaks become
 * spaces, and a closing run of `#` is escaped (a heading would drop it).
 */
export function mdInline(text: string): string {
  const line = linesOf(text)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ');
  return safeLine(line).replace(/(^|\s)(#+)$/, '$1\\$2');
}

/** Text for a table cell: as `mdInline`, with `|` escaped and each line break a `<br>`. */
export function mdCell(text: string): string {
  return linesOf(text)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map(safeLine)
    .join('<br>');
}

/**
 * Text of several lines as the content of a list item whose first line is already started
 * (`- ` or `- [ ] `): every further line is indented by `indent` so it stays inside the item, a blank
 * line (a paragraph break) is kept once, and no line can open a block of its own.
 */
export function mdBlock(text: string, indent = '  '): string {
  const out: string[] = [];
  for (const raw of linesOf(text)) {
    const line = raw.trim() === '' ? '' : safeLine(raw.trimEnd());
    if (line === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(line);
  }
  while (out[out.length - 1] === '') out.pop();
  return out.map((line, i) => (i === 0 || line === '' ? line : indent + line)).join('\n');
}
