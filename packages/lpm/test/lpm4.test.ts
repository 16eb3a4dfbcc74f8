import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Lpm4Builder, Trie4, compile4 } from '../src/index.js';
import { PARTITION_MIN } from '../src/internal/lpm4-many.js';
import { GROUP_BITS, MAX_BITS4, PAIRED_BITS, compileTrie4, type Lpm4 } from '../src/lpm4.js';
import { SEED, boundaryAddrs4, oracle4, routes4, shuffle } from './arbitraries.js';

fc.configureGlobal({ seed: SEED, numRuns: 300 });

describe('compile4', () => {
  it('compiled lookup == trie match == linear-scan oracle', () => {
    fc.assert(
      fc.property(
        routes4,
        fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 20 }),
        (prefixes, extra) => {
          const trie = new Trie4();
          prefixes.forEach((p, i) => trie.insert(p, i));
          const fromTrie = compile4(trie);
          const fromList = compile4(prefixes.map((prefix, value) => ({ prefix, value })));
          const addrs = boundaryAddrs4(prefixes, extra);
          const many = new Int32Array(addrs.length);
          fromTrie.lookupMany(Uint32Array.from(addrs), many);
          addrs.forEach((a, i) => {
            const want = oracle4(prefixes, a)[0]?.value ?? -1;
            expect(trie.match(a)).toBe(want);
            expect(fromTrie.lookup(a)).toBe(want);
            expect(fromList.lookup(a)).toBe(want);
            expect(many[i]).toBe(want);
          });
          expect(fromTrie.size).toBe(trie.size);
        },
      ),
    );
  });

  it('every directory size gives the same answers (two-array and paired chunk layouts)', () => {
    fc.assert(
      fc.property(routes4, fc.integer({ min: 1, max: 20 }), (prefixes, bits) => {
        const trie = new Trie4();
        prefixes.forEach((p, i) => trie.insert(p, i));
        const table = compileTrie4(trie, true, bits).table;
        expect(table.bits).toBe(bits);
        const addrs = boundaryAddrs4(prefixes, []);
        const many = new Int32Array(addrs.length);
        table.lookupMany(Uint32Array.from(addrs), many);
        addrs.forEach((a, i) => {
          expect(table.lookup(a)).toBe(trie.match(a));
          expect(many[i]).toBe(trie.match(a));
        });
      }),
      { numRuns: 100 },
    );
  });

  it('paired chunks and grouped lookupMany (16..20 directory bits) == trie, for any batch length', () => {
    fc.assert(
      fc.property(
        routes4,
        fc.integer({ min: PAIRED_BITS - 1, max: MAX_BITS4 }),
        fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 40 }),
        fc.nat({ max: 40 }),
        (prefixes, bits, extra, cut) => {
          const trie = new Trie4();
          prefixes.forEach((p, i) => trie.insert(p, i));
          const table = compileTrie4(trie, cut % 2 === 0, bits).table;
          expect(bits >= PAIRED_BITS ? table.starts.length : table.pairs.length).toBe(0);
          const all = boundaryAddrs4(prefixes, extra);
          // Batches of every length around the group size, so that groups and the tail both run.
          const addrs = Uint32Array.from(all.slice(0, Math.max(0, all.length - cut)));
          const many = new Int32Array(addrs.length + 1).fill(-9);
          table.lookupMany(addrs, many);
          addrs.forEach((a, i) => {
            expect(table.lookup(a)).toBe(trie.match(a));
            expect(many[i]).toBe(trie.match(a));
          });
          expect(many[addrs.length]).toBe(-9);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a 100,000-route builder table (grouped lookupMany) == trie, fresh and after updates', () => {
    let s = 11;
    const next = (): number => (s = (Math.imul(s, 1103515245) + 12345) >>> 0);
    const routes = Array.from({ length: 100_000 }, (_, value) => {
      const length = [8, 16, 20, 22, 23, 24, 24, 24, 24, 28][next() % 10]!;
      const network = (next() & (0xffffffff << (32 - length))) >>> 0;
      return { prefix: { family: 4 as const, network, length }, value };
    });
    const builder = new Lpm4Builder(routes.slice(0, 90_000));
    const first = builder.table();
    expect(first.bits).toBeGreaterThanOrEqual(GROUP_BITS);
    const trie = new Trie4();
    for (const r of routes.slice(0, 90_000)) trie.insert(r.prefix, r.value);
    const addrs = Uint32Array.from({ length: 20_003 }, (_, i) =>
      i % 2 === 0 ? next() : (routes[next() % routes.length]!.prefix.network + (next() & 0xff)) >>> 0,
    );
    const check = (table: Lpm4, truth: Trie4): void => {
      const many = new Int32Array(addrs.length);
      table.lookupMany(addrs, many);
      let bad = 0;
      addrs.forEach((a, i) => {
        if (many[i] !== truth.match(a) || table.lookup(a) !== truth.match(a)) bad++;
      });
      expect(bad).toBe(0);
    };
    check(first, trie);
    const before = new Int32Array(addrs.length);
    first.lookupMany(addrs, before);
    const updated = new Trie4();
    for (const r of routes.slice(0, 90_000)) updated.insert(r.prefix, r.value);
    for (const r of routes.slice(90_000)) {
      builder.insert(r.prefix, r.value);
      updated.insert(r.prefix, r.value);
    }
    for (let i = 0; i < 3000; i++) {
      const r = routes[(i * 7919) % 90_000]!;
      builder.remove(r.prefix);
      updated.remove(r.prefix);
    }
    const patched = builder.table();
    expect(patched.bits).toBe(first.bits);
    check(patched, updated);
    check(compile4(updated), updated);
    const again = new Int32Array(addrs.length);
    first.lookupMany(addrs, again);
    expect(again).toEqual(before);
  });

  it('large batches (sorted by top bits, in blocks) == trie, at k = 19 and 20, any length', () => {
    let s = 5;
    const next = (): number => (s = (Math.imul(s, 1103515245) + 12345) >>> 0);
    const trie = new Trie4();
    for (let value = 0; value < 20_000; value++) {
      const length = [0, 8, 16, 20, 22, 24, 24, 24, 28, 32][next() % 10]!;
      const network = length === 0 ? 0 : (next() & (0xffffffff << (32 - length))) >>> 0;
      trie.insert({ family: 4, network, length }, value);
    }
    // Over 2^20 addresses, so that the last block is a partial one; duplicates and both ends.
    const addrs = Uint32Array.from({ length: (1 << 20) + 4099 }, (_, i) =>
      i % 3 === 0
        ? next()
        : i % 3 === 1
          ? addrsNear(next())
          : [0, 0xffffffff, 0x0a000001][i % 7 === 0 ? 0 : i % 5 === 0 ? 1 : 2]!,
    );
    function addrsNear(x: number): number {
      return (x & 0xfffff000) >>> 0;
    }
    const want = Int32Array.from(addrs, (a) => trie.match(a));
    for (const bits of [GROUP_BITS, MAX_BITS4]) {
      const table = compileTrie4(trie, true, bits).table;
      for (const n of [PARTITION_MIN - 1, PARTITION_MIN, PARTITION_MIN + 33, addrs.length]) {
        const many = new Int32Array(n + 1).fill(-9);
        table.lookupMany(addrs.subarray(0, n), many);
        let bad = 0;
        for (let i = 0; i < n; i++) if (many[i] !== want[i]) bad++;
        expect(bad).toBe(0);
        expect(many[n]).toBe(-9);
      }
    }
  });

  it('a 20,000-route table (wide directory) matches the trie, fresh and after updates', () => {
    let s = 7;
    const next = (): number => (s = (Math.imul(s, 1103515245) + 12345) >>> 0);
    const routes = Array.from({ length: 20_000 }, (_, value) => {
      const length = [8, 12, 16, 20, 22, 24, 24, 24, 28, 32][next() % 10]!;
      const network = (next() & (0xffffffff << (32 - length))) >>> 0;
      return { prefix: { family: 4 as const, network, length }, value };
    });
    const trie = new Trie4();
    for (const r of routes) trie.insert(r.prefix, r.value);
    const table = compile4(routes);
    expect(table.bits).toBeGreaterThanOrEqual(16);
    const builder = new Lpm4Builder(routes.slice(0, 15_000));
    const late = shuffle(routes.slice(15_000), 3);
    const shuffled = new Trie4();
    for (const r of [...routes.slice(0, 15_000), ...late]) shuffled.insert(r.prefix, r.value);
    for (const r of late) builder.insert(r.prefix, r.value);
    const patched = builder.table();
    for (const a of boundaryAddrs4(
      routes.map((r) => r.prefix),
      [],
    )) {
      expect(table.lookup(a)).toBe(trie.match(a));
      expect(patched.lookup(a)).toBe(shuffled.match(a));
    }
  });

  it('handles /0, /32 and an empty table', () => {
    expect(compile4([]).lookup(0x01020304)).toBe(-1);
    const t = compile4([
      { prefix: { family: 4, network: 0, length: 0 }, value: 7 },
      { prefix: { family: 4, network: 0xffffffff, length: 32 }, value: 9 },
      { prefix: { family: 4, network: 0, length: 32 }, value: 8 },
    ]);
    expect(t.lookup(0)).toBe(8);
    expect(t.lookup(1)).toBe(7);
    expect(t.lookup(0xfffffffe)).toBe(7);
    expect(t.lookup(0xffffffff)).toBe(9);
    const u = compile4([
      { prefix: { family: 4, network: 0, length: 0 }, value: 1 },
      { prefix: { family: 4, network: 0xfffffffe, length: 32 }, value: 2 },
    ]);
    expect([u.lookup(0xfffffffd), u.lookup(0xfffffffe), u.lookup(0xffffffff)]).toEqual([1, 2, 1]);
  });

  it('stays small for small tables', () => {
    const t = compile4([{ prefix: { family: 4, network: 0x0a000000, length: 8 }, value: 0 }]);
    expect(t.bytes).toBeLessThan(1024);
  });

  it('rejects bad routes in a list', () => {
    expect(() => compile4([{ prefix: { family: 4, network: 1, length: 24 }, value: 0 }])).toThrow(RangeError);
    expect(() => compile4([{ prefix: { family: 4, network: 0, length: 33 }, value: 0 }])).toThrow(RangeError);
    expect(() => compile4([{ prefix: { family: 4, network: 0, length: 8 }, value: -2 }])).toThrow(RangeError);
  });

  it('rejects an output array that is too short', () => {
    expect(() => compile4([]).lookupMany(new Uint32Array(2), new Int32Array(1))).toThrow(RangeError);
  });
});
