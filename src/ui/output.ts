import { stripVTControlCharacters } from 'node:util';
import { eastAsianWidth } from 'get-east-asian-width';
import type { Io } from '../context.js';
import { escapeControls } from '../core/text.js';

/** `--json` output: stable field names, two-space indent, one trailing newline. */
/**
 * `--json` output: indented for a person on a terminal, one compact line for a program reading a pipe
 * (as gh does); the same fields either way. A thousand goals print in half the time compact.
 */
export function printJson(io: Io, value: unknown): void {
  const json = io.stdoutIsTTY ? JSON.stringify(value, null, 2) : JSON.stringify(value);
  // JSON.stringify escapes C0 but leaves DEL and C1 (U+009B is a CSI to a terminal) as they are.
  io.out((/[\u007f-\u009f]/.test(json) ? json.replace(/[\u007f-\u009f]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`) : json) + '\n');
}

/**
 * The columns `text` takes on a terminal: wide characters (CJK, most emoji) count two, combining
 * marks, joiners, variation selectors and skin tones none (the widths from get-east-asian-width).
 */
export function visibleWidth(text: string): number {
  const plain = plainText(text);
  if (/^[\x20-\x7e]*$/.test(plain)) return plain.length;
  let width = 0;
  for (const char of plain) width += charWidth(char);
  return width;
}

function charWidth(char: string): number {
  const code = char.codePointAt(0)!;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0) || /[\p{Mn}\p{Me}\p{Cf}\p{Emoji_Modifier}]/u.test(char)) return 0;
  return eastAsianWidth(code);
}

/** `text` cut to at most `width` columns, ending in "…" when it was cut (never inside a wide character). */
export function truncateToWidth(text: string, width: number): string {
  if (visibleWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const char of plainText(text)) {
    const w = charWidth(char);
    if (used + w > width - 1) break;
    out += char;
    used += w;
  }
  return `${out}…`;
}

/** Text without terminal escapes; most text has none, and is returned as it is without a regex. */
function plainText(text: string): string {
  return text.includes('\u001b') || text.includes('\u009b') ? stripVTControlCharacters(text) : text;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleWidth(text)));
}

/**
 * Column-aligned rows. On a terminal the header is dimmed; when piped, rows are tab-separated so
 * that `cut` and `awk` work, and there is no header.
 */
export function renderTable(io: Io, header: string[], rows: string[][]): string {
  // Cells are shown as the terminal will show them (control characters escaped), so widths hold; a
  // line break or tab in stored text would break the row, and reads as a space.
  // Piped, the io escapes what is left; tens of thousands of cells (praise list --all) pay one test each.
  const flat = (c: string) => (/[\n\t]/.test(c) ? c.replace(/[\n\t]+/g, ' ') : c);
  if (!io.stdoutIsTTY) return rows.map((r) => r.map(flat).join('\t')).join('\n') + (rows.length ? '\n' : '');
  const keepColors = io.color.level > 0;
  rows = rows.map((r) => r.map((c) => escapeControls(flat(c), { keepColors })));
  const widths = header.map((h, i) => Math.max(visibleWidth(h), ...rows.map((r) => visibleWidth(r[i] ?? ''))));
  // Too wide for the terminal: the widest column before the last (a title, an item) gives way, so
  // a row stays on one line; the last column may still wrap.
  const overflow = widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1) - io.columns;
  const flex = widths.slice(0, -1).reduce((best, w, i) => (w > (widths[best] ?? 0) ? i : best), 0);
  if (overflow > 0 && widths.length > 1 && widths[flex]! - overflow >= 12) {
    widths[flex] = widths[flex]! - overflow;
    rows = rows.map((r) => r.map((c, i) => (i === flex ? truncateToWidth(c, widths[flex]!) : c)));
  }
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]!)))
      .join('  ')
      .trimEnd();
  return [io.color.dim(line(header)), ...rows.map(line)].join('\n') + '\n';
}

/** A ten-cell bar for 0-100 on a terminal, the plain percentage elsewhere. */
export function progressBar(io: Io, percent: number): string {
  const p = Math.max(0, Math.min(100, Math.round(percent)));
  if (!io.stdoutIsTTY) return `${p}%`;
  const filled = Math.round(p / 10);
  return io.color.green('█'.repeat(filled)) + io.color.dim('░'.repeat(10 - filled)) + ` ${String(p).padStart(3)}%`;
}

const SPARKS = '▁▂▃▄▅▆▇█';

/** A sparkline of 1-5 levels, oldest first. */
export function sparkline(levels: number[]): string {
  return levels.map((l) => SPARKS[Math.round(((Math.max(1, Math.min(5, l)) - 1) / 4) * (SPARKS.length - 1))]).join('');
}

/** "today", "in 3 days", "2 days overdue". */
export function dueText(daysLeft: number): string {
  if (daysLeft === 0) return 'due today';
  if (daysLeft === 1) return 'due tomorrow';
  if (daysLeft > 1) return `in ${daysLeft} days`;
  return daysLeft === -1 ? '1 day overdue' : `${-daysLeft} days overdue`;
}

/** "today", "yesterday", "5 days ago". */
export function agoText(days: number): string {
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
}

export { plural, shellWord } from '../core/text.js';
