import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Lpm4Builder, compile4, type Prefix4 } from '../src/index.js';
import { SEED, boundaryAddrs4, routes4, shuffle } from './arbitraries.js';
import { applyOp, op4, type Op } from './builder-ops.js';

fc.configureGlobal({ seed: SEED, numRuns: 200 });

describe('Lpm4Builder', () => {
  it('incremental updates == a fresh compile, and earlier tables do not change', () => {
    fc.assert(
      fc.property(
        routes4,
        fc.array(op4, { maxLength: 40 }),
        fc.integer({ min: 1, max: 5 }),
        (initial, ops, every) => {
          const builder = new Lpm4Builder(initial.map((prefix, value) => ({ prefix, value })));
          const model = new Map<string, { prefix: Prefix4; value: number }>();
          initial.forEach((prefix, value) =>
            model.set(`${prefix.network}/${prefix.length}`, { prefix, value }),
          );
          const snapshots: { table: ReturnType<Lpm4Builder['table']>; fresh: ReturnType<typeof compile4> }[] =
            [];
          ops.forEach((o, i) => {
            applyOp(builder, model, `${o.prefix.network}/${o.prefix.length}`, o);
            if (i % every === 0) snapshots.push({ table: builder.table(), fresh: compile4(model.values()) });
          });
          snapshots.push({ table: builder.table(), fresh: compile4(model.values()) });
          const addrs = boundaryAddrs4([...initial, ...ops.map((o) => o.prefix)], []);
          for (const { table, fresh } of snapshots) {
            expect(table.size).toBe(fresh.size);
            for (const a of addrs) expect(table.lookup(a)).toBe(fresh.lookup(a));
          }
          expect(builder.size).toBe(model.size);
        },
      ),
    );
  });

  it('any order of the same changes gives the same table', () => {
    fc.assert(
      fc.property(fc.array(op4, { maxLength: 30 }), fc.integer(), (ops, seed) => {
        const inserts = ops.filter((o) => o.kind === 'insert');
        const removes = ops.filter((o) => o.kind === 'remove');
        const dedup = [
          ...new Map(inserts.map((o) => [`${o.prefix.network}/${o.prefix.length}`, o])).values(),
        ];
        const run = (order: Op<Prefix4>[]): Lpm4Builder => {
          const b = new Lpm4Builder();
          for (const o of order) if (o.kind === 'insert') b.insert(o.prefix, o.value);
          b.table();
          for (const o of removes) b.remove(o.prefix);
          return b;
        };
        const a = run(dedup).table();
        const b = run(shuffle(dedup, seed)).table();
        for (const addr of boundaryAddrs4(
          ops.map((o) => o.prefix),
          [],
        ))
          expect(b.lookup(addr)).toBe(a.lookup(addr));
      }),
    );
  });

  it('survives many updates on a bigger table (arena growth and compaction)', () => {
    const routes = Array.from({ length: 10_000 }, (_, i) => ({
      prefix: { family: 4 as const, network: ((0x0a000000 + i * 256) & 0xffffff00) >>> 0, length: 24 },
      value: i,
    }));
    const builder = new Lpm4Builder(routes);
    const model = new Map(routes.map((r) => [r.prefix.network, r]));
    for (let i = 0; i < 3000; i++) {
      const r = routes[(i * 7919) % routes.length]!;
      if (i % 3 === 0) {
        builder.remove(r.prefix);
        model.delete(r.prefix.network);
      } else {
        builder.insert(r.prefix, i + 10_000);
        model.set(r.prefix.network, { prefix: r.prefix, value: i + 10_000 });
      }
      if (i % 10 === 0) builder.table();
    }
    const table = builder.table();
    const fresh = compile4(model.values());
    expect(table.bits).toBeGreaterThanOrEqual(16);
    for (const r of routes) {
      expect(table.lookup(r.prefix.network + 5)).toBe(fresh.lookup(r.prefix.network + 5));
    }
  });
});
