// Shared fast-check arbitraries and the naive linear-scan oracle for the lpm tests.
import fc from 'fast-check';
import type { Prefix4, Prefix6 } from '../src/index.js';

export const SEED = 42;

const mask4 = (len: number): number => (len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0);
const wordMask = (len: number, i: number): number => {
  const n = len - 32 * i;
  return n <= 0 ? 0 : n >= 32 ? 0xffffffff : mask4(n);
};

/** An IPv4 prefix; networks drawn from a few /8s so that prefixes nest and collide often. */
export const prefix4: fc.Arbitrary<Prefix4> = fc
  .tuple(
    fc.oneof(fc.constantFrom(0, 8, 16, 24, 32), fc.integer({ min: 0, max: 32 })),
    fc.constantFrom(0x0a000000, 0xc0a80000, 0x00000000, 0xffffff00, 0x0a010000),
    fc.integer({ min: 0, max: 0xffffffff }),
    fc.integer({ min: 0, max: 3 }),
  )
  .map(([length, base, noise, spread]) => {
    const bits = spread === 0 ? noise : (base | (noise >>> (8 + 4 * spread))) >>> 0;
    return { family: 4 as const, network: (bits & mask4(length)) >>> 0, length };
  });

/** An IPv6 prefix: /0, /32../64, /128 and anything else, in a few shared /16s. */
export const prefix6: fc.Arbitrary<Prefix6> = fc
  .tuple(
    fc.oneof(
      fc.constantFrom(0, 32, 48, 53, 54, 64, 128, 31, 33, 96, 97),
      fc.integer({ min: 30, max: 56 }),
      fc.integer({ min: 0, max: 128 }),
    ),
    fc.constantFrom(0x20010db8, 0x20010db9, 0xfe800000, 0, 0xffffffff),
    fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 4, maxLength: 4 }),
    fc.integer({ min: 0, max: 3 }),
  )
  .map(([length, base, noise, spread]) => {
    const raw = [
      spread === 0 ? noise[0]! : (base | (noise[0]! >>> (16 + 4 * spread))) >>> 0,
      spread >= 2 ? (noise[1]! >>> 28) << 16 : noise[1]!,
      spread >= 2 ? 0 : noise[2]!,
      spread === 3 ? noise[3]! & 3 : noise[3]!,
    ];
    const words = raw.map((w, i) => (w & wordMask(length, i)) >>> 0) as [number, number, number, number];
    return { family: 6 as const, words, length };
  });

/** A route list with values = position (duplicates allowed: the last one wins). */
export const routes4 = fc.array(prefix4, { maxLength: 40 });
export const routes6 = fc.array(prefix6, { maxLength: 40 });

/** Addresses at and around every route's boundaries, plus random ones. */
export function boundaryAddrs4(prefixes: readonly Prefix4[], extra: readonly number[]): number[] {
  const out = [...extra, 0, 0xffffffff];
  for (const p of prefixes) {
    const last = (p.network | ~mask4(p.length)) >>> 0;
    out.push(p.network, last, (p.network - 1) >>> 0, (last + 1) >>> 0);
  }
  return out;
}

export type Words = [number, number, number, number];

function add6(w: readonly number[], delta: 1 | -1): Words {
  const out = [...w] as Words;
  for (let i = 3; i >= 0; i--) {
    const v = out[i]! + delta;
    out[i] = v >>> 0;
    if (v >= 0 && v <= 0xffffffff) break;
  }
  return out;
}

export function boundaryAddrs6(prefixes: readonly Prefix6[], extra: readonly Words[]): Words[] {
  const out: Words[] = [...extra, [0, 0, 0, 0], [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff]];
  for (const p of prefixes) {
    const last = p.words.map((w, i) => (w | ~wordMask(p.length, i)) >>> 0) as Words;
    out.push([...p.words], last, add6(p.words, -1), add6(last, 1));
  }
  return out;
}

export const words6 = fc.tuple(
  fc.integer({ min: 0, max: 0xffffffff }),
  fc.integer({ min: 0, max: 0xffffffff }),
  fc.integer({ min: 0, max: 0xffffffff }),
  fc.integer({ min: 0, max: 0xffffffff }),
);

/** The naive oracle: every (prefix, value) containing the address, longest first; last insert wins. */
export function oracle4(prefixes: readonly Prefix4[], addr: number): { length: number; value: number }[] {
  const byLen = new Map<number, number>();
  prefixes.forEach((p, i) => {
    if (((addr ^ p.network) & mask4(p.length)) === 0) byLen.set(p.length, i);
  });
  return [...byLen].map(([length, value]) => ({ length, value })).sort((a, b) => b.length - a.length);
}

export function oracle6(prefixes: readonly Prefix6[], addr: Words): { length: number; value: number }[] {
  const byLen = new Map<number, number>();
  prefixes.forEach((p, i) => {
    if (p.words.every((w, k) => ((w ^ addr[k]!) & wordMask(p.length, k)) === 0)) byLen.set(p.length, i);
  });
  return [...byLen].map(([length, value]) => ({ length, value })).sort((a, b) => b.length - a.length);
}

/** Deterministic shuffle (Fisher-Yates with a seeded LCG). */
export function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
