/** Did-you-mean suggestions from the Levenshtein distance. */

/** Edit distance (insert, delete, substitute), two rows of memory. */
function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] ?? 0;
}

/** `cidr_blocks`, `CidrBlocks` and `cidr-blocks` compare alike. */
function normalize(s: string): string {
  return s.toLowerCase().replace(/[_\-\s]/g, '');
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * The candidate closest to `word`, if close enough: an edit distance of at most a third of the
 * longer word (at least 1) after normalising case and separators, or a shared stem of four or
 * more characters (`cidr_blocks` → `cidrs`).
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length > 200) return undefined;
  const w = normalize(word);
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    if (c === word) continue;
    const n = normalize(c);
    const d = levenshtein(w, n);
    const stem = commonPrefix(w, n);
    const close = d <= Math.max(1, Math.floor(Math.max(w.length, n.length) / 3));
    const sameStem = stem >= Math.min(4, n.length) && stem >= 3;
    if (!close && !sameStem) continue;
    const score = d - (sameStem ? 0.5 : 0);
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}
