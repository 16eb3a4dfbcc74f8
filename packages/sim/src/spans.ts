/**
 * Destination spans of a class (classes.ts): flat arrays of {@link SPAN} numbers per span,
 * `lo, hi, outcome, rule, path, hashed`, sorted and disjoint.
 */

/** Numbers per span: lo, hi, outcome, rule (-1 none), path id, hashed (1 when walked per flow). */
export const SPAN = 6;

/** Two disjoint sorted span lists merged in order. */
export function mergeSpans(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const fromA = j >= b.length || (i < a.length && a[i]! < b[j]!);
    const src = fromA ? a : b;
    const k = fromA ? i : j;
    for (let x = 0; x < SPAN; x++) out.push(src[k + x]!);
    if (fromA) i += SPAN;
    else j += SPAN;
  }
  return out;
}

/** The parts of `spans` outside `cut` (sorted disjoint [lo, hi] pairs), each keeping its fields. */
export function keptOutside(spans: readonly number[], cut: readonly number[]): number[] {
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < spans.length; i += SPAN) {
    let lo = spans[i]!;
    const hi = spans[i + 1]!;
    while (j < cut.length && cut[j + 1]! < lo) j += 2;
    let k = j;
    while (lo <= hi && k < cut.length && cut[k]! <= hi) {
      if (cut[k]! > lo) pushSpan(out, spans, i, lo, cut[k]! - 1);
      lo = Math.max(lo, cut[k + 1]! + 1);
      k += 2;
    }
    if (lo <= hi) pushSpan(out, spans, i, lo, hi);
  }
  return out;
}

function pushSpan(out: number[], spans: readonly number[], i: number, lo: number, hi: number): void {
  out.push(lo, hi);
  for (let x = 2; x < SPAN; x++) out.push(spans[i + x]!);
}

/** Joins neighbouring spans that touch and agree on every field. */
export function mergeAdjacent(spans: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < spans.length; i += SPAN) {
    const n = out.length;
    if (
      n > 0 &&
      out[n - SPAN + 1] === spans[i]! - 1 &&
      out[n - SPAN + 2] === spans[i + 2] &&
      out[n - SPAN + 3] === spans[i + 3] &&
      out[n - SPAN + 4] === spans[i + 4] &&
      out[n - SPAN + 5] === spans[i + 5]
    ) {
      out[n - SPAN + 1] = spans[i + 1]!;
      continue;
    }
    for (let x = 0; x < SPAN; x++) out.push(spans[i + x]!);
  }
  return out;
}

/** What changed since the previous moment (simulate.ts). */
export interface ClassChange {
  /** By path id: 1 when the path crossed a node that changed. */
  readonly affected: Uint8Array;
  /** By path id, for affected paths narrowed to prefixes: the changed destinations `[lo, hi, …]`. */
  readonly narrow: readonly (Float64Array | undefined)[];
}

/**
 * The destinations of `spans` to walk again, as sorted disjoint pairs: every span whose path is
 * affected, narrowed to the changed destinations when the path's changes are all known prefixes.
 */
export function dirtyOf(spans: readonly number[], change: ClassChange): number[] {
  const out: number[] = [];
  const push = (lo: number, hi: number): void => {
    const n = out.length;
    if (n > 0 && out[n - 1] === lo - 1) out[n - 1] = hi;
    else out.push(lo, hi);
  };
  for (let i = 0; i < spans.length; i += SPAN) {
    const pid = spans[i + 4]!;
    if (change.affected[pid] !== 1) continue;
    const lo = spans[i]!;
    const hi = spans[i + 1]!;
    const r = change.narrow[pid];
    if (!r) {
      push(lo, hi);
      continue;
    }
    // r: sorted disjoint pairs; keep its parts inside [lo, hi].
    let a = 0;
    let b = (r.length >> 1) - 1;
    while (a <= b) {
      const m = (a + b) >> 1;
      if (r[2 * m + 1]! < lo) a = m + 1;
      else b = m - 1;
    }
    for (let j = 2 * a; j < r.length && r[j]! <= hi; j += 2)
      push(Math.max(lo, r[j]!), Math.min(hi, r[j + 1]!));
  }
  return out;
}

/**
 * Sorts the spans of `out` from position `first` by their start (disjoint spans: the start alone
 * orders them). Walks of one mask return their spans in no order.
 */
export function sortSpans(out: number[], first: number): void {
  const count = (out.length - first) / SPAN;
  if (count < 2) return;
  let sorted = true;
  for (let i = first + SPAN; i < out.length && sorted; i += SPAN) sorted = out[i - SPAN]! < out[i]!;
  if (sorted) return;
  // The order of the spans by start: a comparison sort when few, else a least-significant-digit
  // radix sort (two 16-bit digits).
  if (sortScratch.a.length < count) {
    sortScratch.a = new Int32Array(count * 2);
    sortScratch.b = new Int32Array(count * 2);
  }
  const { a, b, counts } = sortScratch;
  for (let j = 0; j < count; j++) a[j] = j;
  const start = (j: number): number => out[first + j * SPAN]!;
  if (count < 1024) a.subarray(0, count).sort((x, y) => start(x) - start(y));
  else {
    radixPass(a, b, count, counts, (j) => start(j) & 0xffff);
    radixPass(b, a, count, counts, (j) => (start(j) / 0x10000) & 0xffff);
  }
  const copy = out.slice(first);
  for (let j = 0; j < count; j++)
    for (let x = 0; x < SPAN; x++) out[first + j * SPAN + x] = copy[a[j]! * SPAN + x]!;
}

const sortScratch = { a: new Int32Array(0), b: new Int32Array(0), counts: new Int32Array(0x10001) };

/** One stable counting pass: `from[0, n)` into `to`, by `digit` (0..0xffff) of each index. */
function radixPass(
  from: Int32Array,
  to: Int32Array,
  n: number,
  counts: Int32Array,
  digit: (j: number) => number,
): void {
  counts.fill(0);
  for (let i = 0; i < n; i++) counts[digit(from[i]!) + 1]!++;
  for (let d = 0; d < 0x10000; d++) counts[d + 1]! += counts[d]!;
  for (let i = 0; i < n; i++) {
    const j = from[i]!;
    to[counts[digit(j)]!++] = j;
  }
}
