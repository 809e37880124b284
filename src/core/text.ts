/** Small wording helpers shared by the pure rules and the UI; no I/O. */

/** "1 day", "3 days"; `many` for irregular plurals. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** Shell-quotes a word for a command the user may copy. */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

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
  let best = 3;
  let found: string[] = [];
  for (const candidate of new Set(candidates)) {
    if (candidate.length <= 1) continue;
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
