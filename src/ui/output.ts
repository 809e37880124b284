import { padToWidth, truncateToWidth, visibleWidth, wrapText } from '../core/width.js';
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


/** Prose for a terminal: wrapped at spaces to its width (see wrapText); piped, left whole. */
export function prose(io: Io, text: string): string {
  return io.stdoutIsTTY ? wrapText(text, io.columns) : text;
}

/** Columns of a table are cut (with "…") down to this width before anything narrower is. */
const CUT_MIN = 20;

/**
 * Widths for columns of `natural` widths in `budget` columns: the widest are cut first, all to the
 * same width, none below its floor. Undefined when even the floors do not fit.
 */
function fitWidths(natural: number[], floors: number[], budget: number): number[] | undefined {
  const at = (cap: number) => natural.map((w, i) => Math.min(w, Math.max(cap, floors[i]!)));
  const total = (ws: number[]) => ws.reduce((a, b) => a + b, 0);
  if (total(at(0)) > budget) return undefined;
  let lo = 0;
  let hi = Math.max(0, ...natural);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (total(at(mid)) <= budget) lo = mid;
    else hi = mid - 1;
  }
  return at(lo);
}

/**
 * Column-aligned rows. On a terminal the header is dimmed; when piped, rows are tab-separated so
 * that `cut` and `awk` work, and there is no header.
 */
export function renderTable(io: Io, header: string[], rows: string[][], options: { drop?: string[] } = {}): string {
  // Cells are shown as the terminal will show them (control characters escaped), so widths hold; a
  // line break or tab in stored text would break the row, and reads as a space.
  // Piped, the io escapes what is left; tens of thousands of cells (praise list --all) pay one test each.
  const flat = (c: string) => (c.includes('\n') || c.includes('\t') ? c.replace(/[\n\t]+/g, ' ') : c);
  if (!io.stdoutIsTTY) return rows.map((r) => r.map(flat).join('\t')).join('\n') + (rows.length ? '\n' : '');
  const keepColors = io.color.level > 0;
  rows = rows.map((r) => r.map((c) => escapeControls(flat(c), { keepColors })));
  const valueWidth = header.map((_, i) => Math.max(0, ...rows.map((r) => visibleWidth(r[i] ?? ''))));
  const natural = header.map((h, i) => Math.max(visibleWidth(h), valueWidth[i]!));
  const longestWord = header.map((h) => Math.max(1, ...h.split(' ').map(visibleWidth)));
  // Too wide for the terminal, in this order until it fits: headers wrap onto more lines (at spaces);
  // the widest values (titles, items, names) are cut with "…", none below CUT_MIN; the `drop`
  // columns (by header) go, in their order; as a last resort any column is cut to 10, then 4. One row stays one line.
  let shown = header.map((_, i) => i);
  const attempt = (): number[] | undefined => {
    const budget = io.columns - 2 * (shown.length - 1);
    const naturals = shown.map((i) => natural[i]!);
    return (
      fitWidths(naturals, shown.map((i) => Math.max(longestWord[i]!, valueWidth[i]!)), budget) ??
      fitWidths(naturals, shown.map((i) => Math.max(longestWord[i]!, Math.min(valueWidth[i]!, CUT_MIN))), budget)
    );
  };
  const squeezed = () => {
    const budget = io.columns - 2 * (shown.length - 1);
    const naturals = shown.map((i) => natural[i]!);
    return (
      fitWidths(naturals, shown.map((i) => Math.min(natural[i]!, Math.max(longestWord[i]!, 10))), budget) ??
      fitWidths(naturals, shown.map((i) => Math.min(natural[i]!, 4)), budget) ??
      shown.map((i) => Math.min(natural[i]!, 4))
    );
  };
  let widths = attempt();
  for (const drop of options.drop ?? []) {
    if (widths) break;
    if (shown.length > 1) shown = shown.filter((i) => header[i] !== drop);
    widths = attempt();
  }
  widths ??= squeezed();
  const w = widths;
  const cut = (text: string, width: number) => (visibleWidth(text) > width ? truncateToWidth(text, width) : text);
  const line = (cells: string[]) =>
    shown
      .map((col, k) => (k === shown.length - 1 ? cut(cells[col] ?? '', w[k]!) : padToWidth(cut(cells[col] ?? '', w[k]!), w[k]!)))
      .join('  ')
      .trimEnd();
  const fit = (text: string) => cut(text, io.columns);
  // A header wider than its column takes more lines, aligned at the bottom.
  const headerLines = shown.map((col, k) => wrapText(header[col]!, w[k]!).split('\n'));
  const height = Math.max(...headerLines.map((l) => l.length));
  const headerRows = Array.from({ length: height }, (_, row) => {
    const cells: string[] = [];
    shown.forEach((col, k) => (cells[col] = headerLines[k]![row - (height - headerLines[k]!.length)] ?? ''));
    return cells;
  });
  return [...headerRows.map((h) => io.color.dim(fit(line(h)))), ...rows.map((r) => fit(line(r)))].join('\n') + '\n';
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

/**
 * A sparkline of amounts (hours, counts), oldest first, scaled to the largest: "·" for none, so a
 * week without anything shows as a gap; any amount above zero shows at least "▁".
 */
export function amountSparkline(values: number[]): string {
  const top = Math.max(0, ...values);
  return values.map((v) => (v <= 0 || top <= 0 ? '·' : SPARKS[Math.max(0, Math.ceil((v / top) * SPARKS.length) - 1)])).join('');
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

