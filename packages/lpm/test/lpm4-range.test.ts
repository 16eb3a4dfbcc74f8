import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Lpm4Builder, Trie4, compile4, type Lpm4, type Prefix4 } from '../src/index.js';
import { RANGE_SCAN } from '../src/internal/lpm4-range.js';
import { MAX_BITS4, compileTrie4 } from '../src/lpm4.js';
import { SEED, boundaryAddrs4, routes4 } from './arbitraries.js';
import { applyOp, op4 } from './builder-ops.js';

fc.configureGlobal({ seed: SEED, numRuns: 200 });

const MAX = 0xffffffff;
const mask4 = (len: number): number => (len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0);

/** The naive oracle over a route set: the value of the longest prefix containing addr, or -1. */
function scan(routes: readonly { prefix: Prefix4; value: number }[], addr: number): number {
  let best = -1;
  let bestLen = -1;
  for (const { prefix, value } of routes) {
    if (prefix.length > bestLen && ((addr ^ prefix.network) & mask4(prefix.length)) === 0) {
      best = value;
      bestLen = prefix.length;
    }
  }
  return best;
}

/** Routes with distinct prefixes, the last value of a repeated prefix winning (as compile4 does). */
function dedup(prefixes: readonly Prefix4[]): { prefix: Prefix4; value: number }[] {
  const m = new Map<string, { prefix: Prefix4; value: number }>();
  prefixes.forEach((prefix, value) => m.set(`${prefix.network}/${prefix.length}`, { prefix, value }));
  return [...m.values()];
}

/**
 * Checks lookupRange at `a` against the oracle: (a) the value is lookup's, (b) the range holds
 * a, (c) the value is constant on it (ends and `inside` fractions of it) and the range is
 * maximal where the scan was not cut (RANGE_SCAN buckets away from a's bucket).
 */
function checkRange(
  table: Lpm4,
  oracle: (addr: number) => number,
  a: number,
  inside: readonly number[],
): void {
  const v = table.lookupRange(a);
  const lo = table.rangeLo;
  const hi = table.rangeHi;
  expect(v).toBe(table.lookup(a));
  expect(v).toBe(oracle(a));
  expect(Number.isInteger(lo) && Number.isInteger(hi)).toBe(true);
  expect(lo).toBeGreaterThanOrEqual(0);
  expect(hi).toBeLessThanOrEqual(MAX);
  expect(lo).toBeLessThanOrEqual(a);
  expect(hi).toBeGreaterThanOrEqual(a);
  expect(oracle(lo)).toBe(v);
  expect(oracle(hi)).toBe(v);
  for (const f of inside) expect(oracle(lo + Math.floor(f * (hi - lo)))).toBe(v);
  const size = 2 ** (32 - table.bits);
  const b = Math.floor(a / size);
  const cutLeft = b >= RANGE_SCAN && lo === (b - RANGE_SCAN) * size;
  const cutRight = b + RANGE_SCAN < 2 ** table.bits && hi === (b + RANGE_SCAN + 1) * size - 1;
  if (lo > 0 && !cutLeft) expect(oracle(lo - 1)).not.toBe(v);
  if (hi < MAX && !cutRight) expect(oracle(hi + 1)).not.toBe(v);
}

const addr = fc.integer({ min: 0, max: MAX });
const fractions = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 });

describe('Lpm4.lookupRange', () => {
  it('== lookup, holds the address, constant and maximal (compile4, the chosen k)', () => {
    fc.assert(
      fc.property(routes4, fc.array(addr, { maxLength: 10 }), fractions, (prefixes, extra, inside) => {
        const routes = dedup(prefixes);
        const table = compile4(prefixes.map((prefix, value) => ({ prefix, value })));
        for (const a of boundaryAddrs4(prefixes, extra)) checkRange(table, (x) => scan(routes, x), a, inside);
      }),
    );
  });

  it('the same for every directory size, small k, k = 16 (paired chunks) and k = 20', () => {
    fc.assert(
      fc.property(
        routes4,
        fc.oneof(
          fc.integer({ min: 1, max: 8 }),
          fc.constantFrom(15, 16, MAX_BITS4),
          fc.integer({ min: 1, max: 20 }),
        ),
        fc.array(addr, { maxLength: 10 }),
        fractions,
        (prefixes, bits, extra, inside) => {
          const routes = dedup(prefixes);
          const trie = new Trie4();
          for (const r of routes) trie.insert(r.prefix, r.value);
          const table = compileTrie4(trie, true, bits).table;
          expect(table.bits).toBe(bits);
          for (const a of boundaryAddrs4(prefixes, extra))
            checkRange(table, (x) => scan(routes, x), a, inside);
        },
      ),
    );
  });

  it('patched tables of an Lpm4Builder', () => {
    fc.assert(
      fc.property(routes4, fc.array(op4, { maxLength: 30 }), fractions, (initial, ops, inside) => {
        const model = new Map<string, { prefix: Prefix4; value: number }>();
        for (const r of dedup(initial)) model.set(`${r.prefix.network}/${r.prefix.length}`, r);
        const builder = new Lpm4Builder(model.values());
        const tables: { table: Lpm4; routes: { prefix: Prefix4; value: number }[] }[] = [];
        ops.forEach((o, i) => {
          applyOp(builder, model, `${o.prefix.network}/${o.prefix.length}`, o);
          if (i % 3 === 2) tables.push({ table: builder.table(), routes: [...model.values()] });
        });
        tables.push({ table: builder.table(), routes: [...model.values()] });
        const addrs = boundaryAddrs4([...initial, ...ops.map((o) => o.prefix)], []);
        for (const { table, routes } of tables)
          for (const a of addrs) checkRange(table, (x) => scan(routes, x), a, inside);
      }),
      { numRuns: 100 },
    );
  });

  it('a patched 6,000-route builder table (paired chunks, k >= 16)', () => {
    const routes: { prefix: Prefix4; value: number }[] = [];
    let s = 12345;
    const next = (): number => (s = (Math.imul(s, 1103515245) + 12345) >>> 0);
    for (let i = 0; i < 6000; i++) {
      const length = 8 + (next() % 25);
      routes.push({ prefix: { family: 4, network: (next() & mask4(length)) >>> 0, length }, value: i });
    }
    const builder = new Lpm4Builder(routes.slice(0, 5000));
    const trie = new Trie4();
    for (const r of routes.slice(0, 5000)) trie.insert(r.prefix, r.value);
    for (const r of routes.slice(5000)) {
      builder.insert(r.prefix, r.value);
      trie.insert(r.prefix, r.value);
    }
    for (const r of routes.slice(0, 300)) {
      builder.remove(r.prefix);
      trie.remove(r.prefix);
    }
    const table = builder.table();
    expect(table.bits).toBeGreaterThanOrEqual(16);
    for (let i = 0; i < 2000; i++) checkRange(table, (x) => trie.match(x), next(), [0.25, 0.5, 0.75]);
    for (const r of routes.slice(0, 500)) checkRange(table, (x) => trie.match(x), r.prefix.network, [0.5]);
  });

  it('an empty table, a /0 and a /32', () => {
    for (const bits of [1, 6, 16, 20]) {
      const empty = compileTrie4(new Trie4(), true, bits).table;
      for (const a of [0, 1, 0x0a000001, MAX]) {
        expect(empty.lookupRange(a)).toBe(-1);
        if (bits <= 6) expect([empty.rangeLo, empty.rangeHi]).toEqual([0, MAX]);
        else checkRange(empty, () => -1, a, [0.5]);
      }
    }
    expect(compile4([]).lookupRange(12345)).toBe(-1);
    const all = compile4([{ prefix: { family: 4, network: 0, length: 0 }, value: 7 }]);
    expect(all.lookupRange(0x0a000001)).toBe(7);
    expect([all.rangeLo, all.rangeHi]).toEqual([0, MAX]);
    const host = 0x0a000005;
    const trie = new Trie4();
    trie.insert({ family: 4, network: host, length: 32 }, 3);
    trie.insert({ family: 4, network: MAX, length: 32 }, 4);
    for (const bits of [1, 4, 16, 20]) {
      const t = compileTrie4(trie, true, bits).table;
      expect(t.lookupRange(host)).toBe(3);
      expect([t.rangeLo, t.rangeHi]).toEqual([host, host]);
      expect(t.lookupRange(MAX)).toBe(4);
      expect([t.rangeLo, t.rangeHi]).toEqual([MAX, MAX]);
      expect(t.lookupRange(host - 1)).toBe(-1);
      expect(t.rangeHi).toBe(host - 1);
      if (bits <= 4) expect(t.rangeLo).toBe(0);
      expect(t.lookupRange(host + 1)).toBe(-1);
      expect(t.rangeLo).toBe(host + 1);
      if (bits <= 4) expect(t.rangeHi).toBe(MAX - 1);
    }
  });

  it('spans buckets up to the scan cap at k = 20, and is cut there', () => {
    const p = (s: string): Prefix4 => {
      const [net, len] = s.split('/');
      const n = net!.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
      return { family: 4, network: n, length: Number(len) };
    };
    const trie = new Trie4();
    trie.insert(p('10.0.0.0/15'), 1); // 32 buckets of 2^12 addresses at k = 20
    trie.insert(p('10.0.1.0/24'), 2); // splits bucket 10.0.0.0/20 into three ranges
    trie.insert(p('10.3.0.0/20'), 1); // one more bucket of value 1, not adjacent
    trie.insert(p('20.0.0.0/8'), 3); // 4,096 buckets: more than the cap
    const t = compileTrie4(trie, true, MAX_BITS4).table;
    expect(t.lookupRange(p('10.1.0.0/32').network)).toBe(1);
    expect([t.rangeLo, t.rangeHi]).toEqual([p('10.0.2.0/32').network, p('10.1.255.255/32').network]);
    expect(t.lookupRange(p('10.0.0.7/32').network)).toBe(1);
    expect([t.rangeLo, t.rangeHi]).toEqual([p('10.0.0.0/32').network, p('10.0.0.255/32').network]);
    const mid = p('20.128.0.0/32').network;
    expect(t.lookupRange(mid)).toBe(3);
    expect(t.rangeLo).toBe(mid - RANGE_SCAN * 2 ** 12);
    expect(t.rangeHi).toBe(mid + (RANGE_SCAN + 1) * 2 ** 12 - 1);
    checkRange(t, (x) => trie.match(x), mid, [0, 0.5, 1]);
    expect(t.lookupRange(p('20.0.0.0/32').network)).toBe(3);
    expect(t.rangeLo).toBe(p('20.0.0.0/32').network);
  });
});
