/** Small wording helpers shared by the pure rules and the UI; no I/O. */

/** "1 day", "3 days"; `many` for irregular plurals. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** Any text as one word for a POSIX shell: in single quotes, a quote inside as '\''. */
export function singleQuoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Shell-quotes a word for a command the user may copy (left bare when nothing in it needs quotes). */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : singleQuoted(text);
}

const MAX_SIMILAR_LENGTH = 100;

/** Edit distance with adjacent transpositions (optimal string alignment), for typo suggestions. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i]!;
      const up = d[i - 1]!;
      row[j] = Math.min(up[j]! + 1, row[j - 1]! + 1, up[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidates closest to a mistyped `word` (at most three edits, and more alike than not), best
 * first and alphabetical among equals; empty when nothing is close. Case is ignored.
 */
export function similarWords(word: string, candidates: string[]): string[] {
  const typed = word.toLowerCase();
  // A typo of a word, not a paste: the distance table grows with both lengths (40,000 characters
  // against a name as long ran out of memory), and more than three edits apart is never close.
  if (typed.length > MAX_SIMILAR_LENGTH) return [];
  let best = 3;
  let found: string[] = [];
  for (const candidate of new Set(candidates)) {
    if (candidate.length <= 1 || candidate.length > MAX_SIMILAR_LENGTH || Math.abs(candidate.length - typed.length) > best) continue;
    const distance = editDistance(typed, candidate.toLowerCase());
    const length = Math.max(typed.length, candidate.length);
    if ((length - distance) / length <= 0.4 || distance > best) continue;
    if (distance < best) found = [];
    best = distance;
    found.push(candidate);
  }
  return found.sort();
}

/** "Did you mean praise?" / "Did you mean one of new, list?", or '' when nothing is close. */
export function didYouMean(word: string, candidates: string[]): string {
  const similar = similarWords(word, candidates);
  if (!similar.length) return '';
  return similar.length === 1 ? `Did you mean ${similar[0]}?` : `Did you mean one of ${similar.join(', ')}?`;
}

/** Any control character but line feed and tab: C0, DEL and C1 (U+0080-U+009F, CSI U+009B among them). */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/**
 * What reaches a terminal only escaped: the control characters, and the bidirectional overrides and
 * isolates (U+202A-U+202E, U+2066-U+2069), which make a terminal show the rest of a line reordered (a
 * name that hides what follows it). Text may hold them; output shows them as `\u202e`.
 */
const SHOWN_ESCAPED = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** What escapeControls looks at: a one-parameter SGR sequence (all chalk emits), CR LF, or one character of SHOWN_ESCAPED. */
const CONTROL_OR_SGR = /\u001b\[(\d{1,3})m|\r\n|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/**
 * The SGR codes of the styles mtl uses (bold, dim, red, green, yellow, cyan, and their ends). The
 * same codes in stored text cannot be told from mtl's, but they can only recolour a word: no
 * background, black, reverse, blink or hidden text, which could hide one.
 */
const CHALK_SGR = new Set([0, 1, 2, 22, 31, 32, 33, 36, 39]);

/** A control character as `\u001b`: readable, and in a JSON string the same character, still valid JSON. */
function escapedChar(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * `text` made safe to print on a terminal: every control character but line feed and tab is shown as
 * `\u001b` and the like, so stored text can never move the cursor, clear the screen, set the window
 * title or ring the bell. CR LF (calendar files) stays, and with `keepColors` so do the colour
 * sequences chalk makes (ESC [ n m). Text without a control character is returned as it is, after one
 * regex test.
 */
export function escapeControls(text: string, options: { keepColors?: boolean } = {}): string {
  if (!SHOWN_ESCAPED.test(text)) return text;
  return text.replace(CONTROL_OR_SGR, (match: string, sgr?: string) => {
    if (match === '\r\n') return match;
    if (sgr !== undefined) return options.keepColors && CHALK_SGR.has(Number(sgr)) ? match : escapedChar(match) + match.slice(1);
    return escapedChar(match);
  });
}

/**
 * Why a typed text cannot be kept, or undefined: a one-line field (`lines: false`) takes no control
 * character at all, a text of several lines takes line breaks and tabs and no other.
 */
export function controlProblem(text: string, what: string, options: { lines: boolean }): string | undefined {
  const bad = (options.lines ? CONTROL : /[\u0000-\u001f\u007f-\u009f]/).exec(text);
  if (!bad) return undefined;
  const shown = escapeControls(text.length > 60 ? `${[...text].slice(0, 60).join('')}…` : text).replace(/\n/g, '\\u000a').replace(/\t/g, '\\u0009');
  const kind = bad[0] === '\n' ? 'a line break' : `a control character (${escapedChar(bad[0])})`;
  return options.lines
    ? `The ${what} "${shown}" holds ${kind}: only line breaks and tabs are allowed, no other control characters.`
    : `The ${what} "${shown}" holds ${kind}: control characters and line breaks are not allowed.`;
}

const MARKS = /\p{M}/gu;
/** Letters that are not a base letter and a mark, so NFD leaves them whole. */
const LETTERS: Record<string, string> = { ø: 'o', ł: 'l', đ: 'd', ð: 'd', ı: 'i', æ: 'ae', œ: 'oe', ß: 'ss', þ: 'th' };
const SPECIAL = /[øłđðıæœßþ]/g;

/** Text folded for comparison: lower case, accents and other combining marks dropped. */
export function foldText(text: string): string {
  // Most text is ASCII, and lower-casing is all it needs.
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  return text.normalize('NFD').replace(MARKS, '').toLowerCase().replace(MARKS, '').replace(SPECIAL, (c) => LETTERS[c]!);
}

/**
 * Two versions of a text, each cut to the stretch where they differ, for saying a change on one
 * line: a few words they share before it, then at most `max` characters, "…" where cut. Not twice
 * "Wrote a very clear and careful write-up…" for an edit near the end.
 */
export function whereTheyDiffer(a: string, b: string, max = 40): [string, string] {
  const x = [...a];
  const y = [...b];
  if (x.length <= max && y.length <= max) return [a, b];
  let first = 0;
  while (first < x.length && first < y.length && x[first] === y[first]) first++;
  // A few characters of context, from the start of a word.
  let start = Math.max(0, first - 15);
  if (start > 0) {
    const space = x.slice(start, first).indexOf(' ');
    if (space >= 0) start += space + 1;
  }
  const cut = (chars: string[]) => {
    const lead = start > 0 ? '…' : '';
    const room = max - lead.length;
    const piece = chars.slice(start, start + room);
    return `${lead}${start + room < chars.length ? `${piece.slice(0, room - 1).join('')}…` : piece.join('')}`;
  };
  return [cut(x), cut(y)];
}
