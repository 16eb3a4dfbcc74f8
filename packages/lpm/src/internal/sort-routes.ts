// Puts a route list in prefix order without a trie: a stable LSD radix sort on 16-bit digits
// (length first, then the network from its last word to its first), so compiling a list of
// 500,000 routes costs a few linear passes over typed arrays instead of 500,000 trie inserts.
// Of equal prefixes only the last given survives, as with repeated inserts.
//
// Memory layout of the result (parallel typed arrays, `count` entries, in prefix order):
//
//   words: Int32Array   `stride` words per prefix (1 for IPv4, 4 for IPv6), host bits clear
//   lens:  Uint8Array   prefix lengths
//   vals:  Int32Array   values
import { checkValue, maskOf } from './bits.js';

/** Routes in prefix order as flat arrays; see the file comment. */
export type SortedRoutes = { words: Int32Array; lens: Uint8Array; vals: Int32Array; count: number };

type AnyRoute = {
  readonly prefix:
    | { readonly family: 4; readonly network: number; readonly length: number }
    | { readonly family: 6; readonly words: readonly number[]; readonly length: number };
  readonly value: number;
};

function describe(r: AnyRoute): string {
  const p = r.prefix;
  return p.family === 4 ? `${p.network >>> 0}/${p.length}` : `${p.words.join(':')}/${p.length}`;
}

/** Reads and validates routes of one family into unsorted flat arrays. */
function gather(routes: Iterable<AnyRoute>, stride: 1 | 4): SortedRoutes {
  // A list's own length (most tables are a handful of routes, compiled thousands of times a run).
  let cap = Array.isArray(routes) ? Math.max(1, routes.length) : 1024;
  let words = new Int32Array(cap * stride);
  let lens = new Uint8Array(cap);
  let vals = new Int32Array(cap);
  let n = 0;
  const max = 32 * stride;
  for (const r of routes) {
    const p = r.prefix;
    if (n === cap) {
      cap *= 2;
      const w = new Int32Array(cap * stride);
      w.set(words);
      words = w;
      const l = new Uint8Array(cap);
      l.set(lens);
      lens = l;
      const v = new Int32Array(cap);
      v.set(vals);
      vals = v;
    }
    const len = p.length;
    if ((stride === 1) !== (p.family === 4) || !Number.isInteger(len) || len < 0 || len > max) {
      throw new RangeError(`${describe(r)}: not an IPv${stride === 1 ? 4 : 6} prefix`);
    }
    checkValue(r.value);
    for (let k = 0; k < stride; k++) {
      const w = p.family === 4 ? p.network : (p.words[k] ?? -1);
      if (!Number.isInteger(w) || w < 0 || w > 0xffffffff || (w & ~maskOf(len - 32 * k)) !== 0) {
        throw new RangeError(`${describe(r)}: not a canonical prefix (a word out of range or host bits set)`);
      }
      words[n * stride + k] = w;
    }
    lens[n] = len;
    vals[n] = r.value;
    n++;
  }
  return { words, lens, vals, count: n };
}

/** One stable counting-sort pass of `order` by `digit(i)` in 0..buckets-1. */
function pass(
  order: Uint32Array,
  tmp: Uint32Array,
  n: number,
  buckets: number,
  digit: (i: number) => number,
): void {
  const count = new Uint32Array(buckets + 1);
  for (let i = 0; i < n; i++) count[digit(order[i]!) + 1]!++;
  for (let b = 0; b < buckets; b++) count[b + 1]! += count[b]!;
  for (let i = 0; i < n; i++) {
    const id = order[i]!;
    tmp[count[digit(id)]!++] = id;
  }
  order.set(tmp.subarray(0, n));
}

/** Below this many routes a comparison sort beats the radix passes. */
const SMALL = 4096;

/** Sorts routes of one family (stride 1: IPv4, 4: IPv6) into prefix order; the last duplicate wins. */
export function sortRoutes(routes: Iterable<AnyRoute>, stride: 1 | 4): SortedRoutes {
  const g = gather(routes, stride);
  const n = g.count;
  const { words, lens } = g;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (n < SMALL) {
    // A 65,536-bucket pass costs more than a comparison sort of a small table (a subnet's table
    // has a handful of routes, and the simulator compiles thousands of them).
    const sorted = Array.from(order).sort((a, b) => {
      for (let k = 0; k < stride; k++) {
        const d = (words[a * stride + k]! >>> 0) - (words[b * stride + k]! >>> 0);
        if (d !== 0) return d;
      }
      return lens[a]! - lens[b]! || a - b;
    });
    order.set(sorted);
  } else {
    const tmp = new Uint32Array(n);
    pass(order, tmp, n, 32 * stride + 1, (i) => lens[i]!);
    for (let k = stride - 1; k >= 0; k--) {
      let any = 0;
      for (let i = 0; i < n; i++) any |= words[i * stride + k]!;
      if (any === 0) continue;
      pass(order, tmp, n, 65536, (i) => words[i * stride + k]! & 0xffff);
      pass(order, tmp, n, 65536, (i) => words[i * stride + k]! >>> 16);
    }
  }
  // Keep the last of each run of equal prefixes (the sort is stable, so that is the last given).
  const out: SortedRoutes = {
    words: new Int32Array(n * stride),
    lens: new Uint8Array(n),
    vals: new Int32Array(n),
    count: 0,
  };
  let m = 0;
  for (let i = 0; i < n; i++) {
    const id = order[i]!;
    const next = i + 1 < n ? order[i + 1]! : -1;
    if (next >= 0 && lens[next] === lens[id] && sameWords(words, id, next, stride)) continue;
    for (let k = 0; k < stride; k++) out.words[m * stride + k] = words[id * stride + k]!;
    out.lens[m] = lens[id]!;
    out.vals[m] = g.vals[id]!;
    m++;
  }
  out.count = m;
  return out;
}

function sameWords(words: Int32Array, a: number, b: number, stride: number): boolean {
  for (let k = 0; k < stride; k++) if (words[a * stride + k] !== words[b * stride + k]) return false;
  return true;
}
