import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Trie4, comparePrefixes, compile4 } from '../src/index.js';
import { SEED, boundaryAddrs4, oracle4, prefix4, routes4, shuffle } from './arbitraries.js';

fc.configureGlobal({ seed: SEED, numRuns: 300 });

describe('Trie4', () => {
  it('match and matchAll agree with the linear-scan oracle', () => {
    fc.assert(
      fc.property(
        routes4,
        fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 10 }),
        (prefixes, extra) => {
          const trie = new Trie4();
          prefixes.forEach((p, i) => trie.insert(p, i));
          for (const a of boundaryAddrs4(prefixes, extra)) {
            const want = oracle4(prefixes, a);
            expect(trie.match(a)).toBe(want[0]?.value ?? -1);
            expect(trie.matchAll(a).map((e) => ({ length: e.prefix.length, value: e.value }))).toEqual(want);
          }
        },
      ),
    );
  });

  it('get, size and entries() in prefix order', () => {
    fc.assert(
      fc.property(routes4, (prefixes) => {
        const trie = new Trie4();
        prefixes.forEach((p, i) => trie.insert(p, i));
        const last = new Map<string, number>();
        prefixes.forEach((p, i) => last.set(`${p.network}/${p.length}`, i));
        expect(trie.size).toBe(last.size);
        const entries = [...trie.entries()];
        expect(entries.length).toBe(last.size);
        for (let i = 1; i < entries.length; i++) {
          expect(comparePrefixes(entries[i - 1]!.prefix, entries[i]!.prefix)).toBeLessThan(0);
        }
        for (const e of entries)
          expect(trie.get(e.prefix)).toBe(last.get(`${e.prefix.network}/${e.prefix.length}`));
      }),
    );
  });

  it('any order of the same inserts and removes gives the same trie and table', () => {
    fc.assert(
      fc.property(routes4, fc.array(prefix4, { maxLength: 20 }), fc.integer(), (prefixes, removed, seed) => {
        const dedup = new Map(prefixes.map((p) => [`${p.network}/${p.length}`, p]));
        const ops = [...dedup.values()].map((p, i) => ({ p, v: i }));
        const build = (order: typeof ops): Trie4 => {
          const t = new Trie4();
          for (const o of order) t.insert(o.p, o.v);
          for (const r of removed) t.remove(r);
          return t;
        };
        const a = build(ops);
        const b = build(shuffle(ops, seed));
        expect([...b.entries()]).toEqual([...a.entries()]);
        const ta = compile4(a);
        const tb = compile4(b);
        for (const addr of boundaryAddrs4([...dedup.values(), ...removed], [])) {
          expect(tb.lookup(addr)).toBe(ta.lookup(addr));
          expect(b.match(addr)).toBe(a.match(addr));
        }
      }),
    );
  });

  it('remove reports whether the prefix was there and leaves the rest intact', () => {
    fc.assert(
      fc.property(routes4, fc.array(fc.nat(), { maxLength: 20 }), (prefixes, picks) => {
        const trie = new Trie4();
        prefixes.forEach((p, i) => trie.insert(p, i));
        const live = new Map<string, number>();
        prefixes.forEach((p, i) => live.set(`${p.network}/${p.length}`, i));
        for (const k of picks) {
          if (prefixes.length === 0) break;
          const p = prefixes[k % prefixes.length]!;
          const key = `${p.network}/${p.length}`;
          expect(trie.remove(p)).toBe(live.delete(key));
          expect(trie.get(p)).toBeUndefined();
        }
        expect(trie.size).toBe(live.size);
        expect([...trie.entries()].map((e) => e.value).sort((x, y) => x - y)).toEqual(
          [...live.values()].sort((x, y) => x - y),
        );
      }),
    );
  });

  it('rejects bad prefixes and values', () => {
    const t = new Trie4();
    expect(() => t.insert({ family: 4, network: 1, length: 24 }, 0)).toThrow(RangeError);
    expect(() => t.insert({ family: 4, network: 0, length: 33 }, 0)).toThrow(RangeError);
    expect(() => t.insert({ family: 4, network: 0, length: 8 }, -1)).toThrow(RangeError);
    expect(() => t.insert({ family: 4, network: 0, length: 8 }, 1.5)).toThrow(RangeError);
  });
});
