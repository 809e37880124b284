/**
 * How wide text is on a terminal, and text cut or wrapped to a width; pure, no I/O. Widths come from
 * get-east-asian-width (9 KB, no dependencies): wide characters (CJK, most emoji) take two columns;
 * combining marks, joiners, variation selectors and skin tones none; an emoji sequence joined by
 * U+200D, a flag (two regional indicators) and a narrow symbol with the emoji selector U+FE0F take
 * two, as terminals draw them. Colour codes (ESC [ ... m) take none and are kept. Intl.Segmenter would
 * find grapheme clusters too, but its first use costs ~50 ms of ICU data: too much for a CLI.
 */
import { eastAsianWidth } from 'get-east-asian-width';

/** An SGR (colour) sequence, or any other CSI sequence, or an OSC ... BEL/ST: zero columns. */
const ESCAPE = /\u001b\[[0-9;?]*[ -\/]*[@-~]|\u009b[0-9;?]*[ -\/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/y;
const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}\p{Emoji_Modifier}]/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;

const isRegionalIndicator = (code: number) => code >= 0x1f1e6 && code <= 0x1f1ff;

/** One printable unit of `text`: an escape sequence (width 0) or a code point with its width in context. */
interface Unit {
  text: string;
  width: number;
  escape: boolean;
}

/** Splits `text` into escapes and code points, each with the columns it adds. */
function units(text: string): Unit[] {
  const out: Unit[] = [];
  let joined = false; // the previous code point was U+200D: this one draws inside the same emoji
  let lastBase: Unit | undefined; // the last unit with a width, for U+FE0F and flags
  let pendingFlag = false; // a first regional indicator was seen
  for (let i = 0; i < text.length; ) {
    const c0 = text.charCodeAt(i);
    if (c0 === 0x1b || c0 === 0x9b) {
      ESCAPE.lastIndex = i;
      const m = ESCAPE.exec(text);
      if (m) {
        out.push({ text: m[0], width: 0, escape: true });
        i += m[0].length;
        continue;
      }
    }
    const code = text.codePointAt(i)!;
    const char = String.fromCodePoint(code);
    i += char.length;
    let width: number;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) width = 0;
    else if (code === 0xfe0f) {
      // Emoji presentation: a narrow pictograph (❤ U+2764) becomes two columns wide.
      width = lastBase && lastBase.width === 1 && PICTOGRAPHIC.test(lastBase.text) ? 1 : 0;
    } else if (code === 0x200d) width = 0;
    else if (joined) width = 0;
    else if (isRegionalIndicator(code)) {
      width = pendingFlag ? 0 : 2;
      pendingFlag = !pendingFlag;
    } else if (code >= 0x1160 && code <= 0x11ff) width = 0; // Hangul medial vowels and final consonants
    else if (code < 0x300) width = 1;
    else width = ZERO_WIDTH.test(char) ? 0 : eastAsianWidth(code);
    if (!isRegionalIndicator(code)) pendingFlag = false;
    joined = code === 0x200d;
    const unit = { text: char, width, escape: false };
    if (width > 0 && code !== 0xfe0f) lastBase = unit;
    out.push(unit);
  }
  return out;
}

/** Printable ASCII and nothing else: one column per character, no need to look closer. */
const SIMPLE = /^[\x20-\x7e]*$/;

/** The columns `text` takes on a terminal (colour codes take none). */
export function visibleWidth(text: string): number {
  if (SIMPLE.test(text)) return text.length;
  let width = 0;
  for (const u of units(text)) width += u.width;
  return width;
}

/**
 * `text` cut to at most `width` columns, ending in "…" when it was cut: never inside a wide
 * character or an emoji sequence, and with its colour codes kept (a reset follows a cut coloured text).
 */
export function truncateToWidth(text: string, width: number): string {
  if (visibleWidth(text) <= width) return text;
  if (width <= 0) return '';
  let out = '';
  let used = 0;
  let coloured = false;
  const all = units(text);
  for (let i = 0; i < all.length; i++) {
    const u = all[i]!;
    if (u.escape) {
      out += u.text;
      coloured = true;
      continue;
    }
    if (used + u.width > width - 1) break;
    // A joined emoji, a flag or a mark belongs with what it follows: keep or drop them together.
    out += u.text;
    used += u.width;
  }
  // Never end on a joiner or half a flag: drop trailing zero-width joiners.
  out = out.replace(/\u200d+$/u, '');
  return `${out.replace(/ +$/, '')}…${coloured ? '\u001b[0m' : ''}`;
}

/** `text` padded with spaces to `width` columns (never cut). */
export function padToWidth(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleWidth(text)));
}

/** A command in the text (mtl's, or a scheduler's) runs from its name to the end of the line or the next double space. */
const COMMAND_START = /^(?:\u001b\[[0-9;]*m)*(?:mtl|launchctl|systemctl|journalctl|crontab)$/;

/**
 * One line wrapped at spaces so that no line is wider than `width`: words are never split (a word
 * wider than the line gets a line of its own), a mtl command stays on one line when it fits on one,
 * and the lines after the first are indented like the first line's text (after its indent and any
 * "- " or "• " bullet or "Why: "-style label of one word is not counted).
 */
function wrapLine(line: string, width: number): string[] {
  if (visibleWidth(line) <= width) return [line];
  // The line's colour codes, indent and bullet stay with its first word; later lines are indented as far.
  const lead = /^((?:\u001b\[[0-9;]*m)*)( *)((?:[-•*]|\d+[.)]) +)?/.exec(line)!;
  const first = lead[0];
  const indent = ' '.repeat(Math.min(visibleWidth(first), Math.floor(width / 2)));
  const parts = line.slice(first.length).split(/( +)/);
  const words: { sep: string; word: string }[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    if (parts[i] === '') continue;
    words.push({ sep: words.length === 0 ? '' : (parts[i - 1] ?? ''), word: parts[i]! });
  }
  // A command is one unit when it fits on a line of its own.
  const merged: { sep: string; word: string }[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!COMMAND_START.test(w.word)) {
      merged.push(w);
      continue;
    }
    // Word by word, and no further than a line holds: a long run of "mtl mtl mtl ..." in stored text
    // must not be measured again from each of its words (that was quadratic).
    const room = width - indent.length;
    let j = i + 1;
    let unit = w.word;
    let unitWidth = visibleWidth(unit);
    while (j < words.length && words[j]!.sep === ' ' && unitWidth <= room) {
      unitWidth += 1 + visibleWidth(words[j]!.word);
      unit += ' ' + words[j++]!.word;
    }
    if (unitWidth <= room) {
      merged.push({ sep: w.sep, word: unit });
      i = j - 1;
    } else merged.push(w);
  }
  const lines: string[] = [];
  let current = first;
  let currentWidth = visibleWidth(first);
  merged.forEach(({ sep, word }, i) => {
    const w = visibleWidth(word);
    if (i > 0 && currentWidth + sep.length + w > width) {
      lines.push(current);
      current = indent + word;
      currentWidth = indent.length + w;
    } else {
      current += sep + word;
      currentWidth += sep.length + w;
    }
  });
  lines.push(current);
  return lines;
}

/** `text` wrapped at spaces to `width` columns, line by line (see wrapLine); line breaks are kept. */
export function wrapText(text: string, width: number): string {
  if (width < 1) return text;
  if (SIMPLE.test(text.replace(/\n/g, ''))) {
    // The common case: every line already fits.
    if (text.split('\n').every((l) => l.length <= width)) return text;
  }
  return text
    .split('\n')
    .map((l) => wrapLine(l, width).join('\n'))
    .join('\n');
}

/**
 * Messages for a terminal wrapped to `width` (see wrapText), except the indented lines: those quote
 * something to copy as it is (a crontab line, a file path, a list of commands) and stay whole.
 */
export function wrapMessages(text: string, width: number): string {
  if (width < 1 || text.split('\n').every((l) => l.length * 2 <= width)) return text;
  return text
    .split('\n')
    .map((l) => (l.startsWith(' ') ? l : wrapLine(l, width).join('\n')))
    .join('\n');
}
