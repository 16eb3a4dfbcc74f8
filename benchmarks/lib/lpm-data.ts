// Seeded route tables and address batches for the lpm benchmark: prefix lengths distributed
// like a real BGP table, addresses half aimed at routes and half uniform.
import { mulberry32 } from '@cloudroute/engine';
import type { Prefix4, Prefix6 } from '@cloudroute/lpm';

/** The engine's seeded mulberry32 generator, as uint32s (its floats are the uint32s / 2^32, exactly). */
function rng(seed: number): () => number {
  const next = mulberry32(seed);
  return () => next() * 4294967296;
}

function pick(weights: readonly (readonly [number, number])[], r: number): number {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  let x = (r / 2 ** 32) * total;
  for (const [len, w] of weights) {
    x -= w;
    if (x < 0) return len;
  }
  return weights[weights.length - 1]![0];
}

// Shares of a public IPv4 BGP table by prefix length (rounded from the CIDR Report, 2024).
const V4_LENGTHS: readonly (readonly [number, number])[] = [
  [24, 58],
  [23, 10],
  [22, 12],
  [21, 5],
  [20, 4.5],
  [19, 3],
  [18, 1.8],
  [17, 1.2],
  [16, 2.2],
  [15, 0.4],
  [14, 0.3],
  [13, 0.2],
  [12, 0.15],
  [11, 0.1],
  [10, 0.05],
  [9, 0.04],
  [8, 0.06],
];

// Shares of a public IPv6 BGP table: /48 dominates, then /32 allocations and /33../47.
const V6_LENGTHS: readonly (readonly [number, number])[] = [
  [48, 45],
  [32, 13],
  [44, 8],
  [40, 6],
  [36, 4],
  [29, 5],
  [47, 3],
  [46, 3],
  [42, 2],
  [45, 2],
  [28, 1],
  [33, 1],
  [34, 1],
  [35, 1],
  [38, 1],
  [39, 1],
  [41, 1],
  [43, 1],
  [64, 1],
];

const mask = (len: number): number =>
  len <= 0 ? 0 : len >= 32 ? 0xffffffff : (0xffffffff << (32 - len)) >>> 0;

/** `n` distinct IPv4 prefixes in 1.0.0.0-223.255.255.255, BGP-like lengths, fixed seed. */
export function routeTable4(n: number, seed: number): Prefix4[] {
  const r = rng(seed);
  const seen = new Set<number>();
  const out: Prefix4[] = [];
  while (out.length < n) {
    const length = pick(V4_LENGTHS, r());
    const addr = 0x01000000 + (r() % (0xe0000000 - 0x01000000));
    const network = (addr & mask(length)) >>> 0;
    const key = network * 64 + length;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ family: 4, network, length });
  }
  return out;
}

/**
 * `n` distinct IPv6 prefixes in 2000::/3 with BGP-like lengths: most longer prefixes fall inside
 * an earlier /29-/32 allocation, as they do in a real table.
 */
export function routeTable6(n: number, seed: number): Prefix6[] {
  const r = rng(seed);
  const seen = new Set<string>();
  const allocations: number[] = [];
  const out: Prefix6[] = [];
  while (out.length < n) {
    const length = pick(V6_LENGTHS, r());
    let w0: number;
    if (length <= 32 || allocations.length === 0 || r() % 4 === 0) {
      w0 = ((0x20000000 | (r() & 0x1fffffff)) & mask(Math.min(length, 32))) >>> 0;
      if (length <= 32) allocations.push(w0);
    } else {
      w0 = allocations[r() % allocations.length]!;
    }
    const w1 = length > 32 ? (r() & mask(length - 32)) >>> 0 : 0;
    const words: [number, number, number, number] = [w0, w1, 0, 0];
    const key = `${w0}:${w1}/${length}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ family: 6, words, length });
  }
  return out;
}

/** `n` IPv4 addresses: even indexes uniform over the space, odd ones inside a random route. */
export function addresses4(routes: readonly Prefix4[], n: number, seed: number): Uint32Array {
  const r = rng(seed);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      out[i] = r();
    } else {
      const p = routes[r() % routes.length]!;
      out[i] = (p.network | (r() & ~mask(p.length))) >>> 0;
    }
  }
  return out;
}

/** `n` IPv6 addresses as 4 words each: half uniform in 2000::/3, half inside a random route. */
export function addresses6(routes: readonly Prefix6[], n: number, seed: number): Uint32Array {
  const r = rng(seed);
  const out = new Uint32Array(4 * n);
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      out[4 * i] = (0x20000000 | (r() & 0x1fffffff)) >>> 0;
      for (let k = 1; k < 4; k++) out[4 * i + k] = r();
    } else {
      const p = routes[r() % routes.length]!;
      for (let k = 0; k < 4; k++) {
        out[4 * i + k] = ((p.words[k] ?? 0) | (r() & ~mask(p.length - 32 * k))) >>> 0;
      }
    }
  }
  return out;
}
