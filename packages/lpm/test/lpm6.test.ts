import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Lpm6Builder, Trie6, compile6 } from '../src/index.js';
import { SEED, boundaryAddrs6, oracle6, prefix6, routes6, shuffle, words6 } from './arbitraries.js';

fc.configureGlobal({ seed: SEED, numRuns: 300 });

describe('compile6 and Trie6', () => {
  it('compiled lookup == trie match == linear-scan oracle; matchAll == oracle list', () => {
    fc.assert(
      fc.property(routes6, fc.array(words6, { maxLength: 10 }), (prefixes, extra) => {
        const trie = new Trie6();
        prefixes.forEach((p, i) => trie.insert(p, i));
        const fromTrie = compile6(trie);
        const fromList = compile6(prefixes.map((prefix, value) => ({ prefix, value })));
        const addrs = boundaryAddrs6(prefixes, extra);
        const flat = Uint32Array.from(addrs.flat());
        const many = new Int32Array(addrs.length);
        fromTrie.lookupMany(flat, many);
        addrs.forEach((a, i) => {
          const all = oracle6(prefixes, a);
          const want = all[0]?.value ?? -1;
          expect(trie.match(...a)).toBe(want);
          expect(fromTrie.lookup(...a)).toBe(want);
          expect(fromList.lookup(...a)).toBe(want);
          expect(many[i]).toBe(want);
          expect(trie.matchAll(...a).map((e) => ({ length: e.prefix.length, value: e.value }))).toEqual(all);
        });
        expect(fromTrie.size).toBe(trie.size);
      }),
    );
  });

  it('any order of the same inserts and removes gives the same trie and table', () => {
    fc.assert(
      fc.property(routes6, fc.array(prefix6, { maxLength: 15 }), fc.integer(), (prefixes, removed, seed) => {
        const dedup = [...new Map(prefixes.map((p) => [`${p.words.join(':')}/${p.length}`, p])).values()];
        const build = (order: typeof dedup): Trie6 => {
          const t = new Trie6();
          for (const p of order) t.insert(p, dedup.indexOf(p));
          for (const r of removed) t.remove(r);
          return t;
        };
        const a = build(dedup);
        const b = build(shuffle(dedup, seed));
        expect([...b.entries()]).toEqual([...a.entries()]);
        const ta = compile6(a);
        const tb = compile6(b);
        for (const w of boundaryAddrs6([...dedup, ...removed], []))
          expect(tb.lookup(...w)).toBe(ta.lookup(...w));
      }),
    );
  });

  it('entries() are in prefix order and remove works', () => {
    fc.assert(
      fc.property(routes6, fc.array(fc.nat(), { maxLength: 10 }), (prefixes, picks) => {
        const trie = new Trie6();
        prefixes.forEach((p, i) => trie.insert(p, i));
        const key = (p: (typeof prefixes)[number]): string => `${p.words.join(':')}/${p.length}`;
        const live = new Map<string, number>();
        prefixes.forEach((p, i) => live.set(key(p), i));
        for (const k of picks) {
          if (prefixes.length === 0) break;
          const p = prefixes[k % prefixes.length]!;
          expect(trie.remove(p)).toBe(live.delete(key(p)));
          expect(trie.get(p)).toBeUndefined();
        }
        const entries = [...trie.entries()];
        expect(entries.map((e) => [key(e.prefix), e.value])).toEqual(
          [...live].sort(([a], [b]) => {
            const pa = entries.find((e) => key(e.prefix) === a)!.prefix;
            const pb = entries.find((e) => key(e.prefix) === b)!.prefix;
            for (let i = 0; i < 4; i++) if (pa.words[i] !== pb.words[i]) return pa.words[i]! - pb.words[i]!;
            return pa.length - pb.length;
          }),
        );
        expect(trie.size).toBe(live.size);
      }),
    );
  });

  it('a 20,000-route table (48-bit keys, child nodes) matches the trie, fresh and after updates', () => {
    let s = 11;
    const next = (): number => (s = (Math.imul(s, 1103515245) + 12345) >>> 0);
    const mask = (n: number): number => (n <= 0 ? 0 : n >= 32 ? 0xffffffff : (0xffffffff << (32 - n)) >>> 0);
    const routes = Array.from({ length: 20_000 }, (_, value) => {
      const length = [29, 32, 32, 40, 44, 47, 48, 48, 48, 49, 56, 64, 128][next() % 13]!;
      const w0 = (0x20010000 | (next() & 0x3ff)) & mask(length);
      const words: [number, number, number, number] = [
        w0 >>> 0,
        (next() & mask(length - 32)) >>> 0,
        (next() & mask(length - 64)) >>> 0,
        (next() & mask(length - 96)) >>> 0,
      ];
      return { prefix: { family: 6 as const, words, length }, value };
    });
    const trie = new Trie6();
    for (const r of routes) trie.insert(r.prefix, r.value);
    const table = compile6(routes);
    expect(table.bits).toBeGreaterThanOrEqual(16);
    const builder = new Lpm6Builder(routes.slice(0, 15_000));
    for (const r of routes.slice(15_000)) builder.insert(r.prefix, r.value);
    const patched = builder.table();
    for (const a of boundaryAddrs6(
      routes.map((r) => r.prefix),
      [],
    )) {
      expect(table.lookup(...a)).toBe(trie.match(...a));
      expect(patched.lookup(...a)).toBe(trie.match(...a));
    }
  });

  it('handles ::/0 and /128 at both ends of the space', () => {
    const max = 0xffffffff;
    const t = compile6([
      { prefix: { family: 6, words: [0, 0, 0, 0], length: 0 }, value: 1 },
      { prefix: { family: 6, words: [max, max, max, max], length: 128 }, value: 2 },
      { prefix: { family: 6, words: [0, 0, 0, 0], length: 128 }, value: 3 },
    ]);
    expect(t.lookup(0, 0, 0, 0)).toBe(3);
    expect(t.lookup(0, 0, 0, 1)).toBe(1);
    expect(t.lookup(max, max, max, max)).toBe(2);
    expect(t.lookup(max, max, max, max - 1)).toBe(1);
    expect(compile6([]).lookup(1, 2, 3, 4)).toBe(-1);
  });

  it('rejects bad routes in a list', () => {
    expect(() => compile6([{ prefix: { family: 6, words: [0, 1, 0, 0], length: 32 }, value: 0 }])).toThrow(
      RangeError,
    );
    expect(() => compile6([{ prefix: { family: 6, words: [0, 0, 0, 0], length: 129 }, value: 0 }])).toThrow(
      RangeError,
    );
  });

  it('rejects malformed lookupMany arguments', () => {
    expect(() => compile6([]).lookupMany(new Uint32Array(3), new Int32Array(1))).toThrow(RangeError);
    expect(() => compile6([]).lookupMany(new Uint32Array(8), new Int32Array(1))).toThrow(RangeError);
  });
});
