import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Lpm6Builder, compile6, type Prefix6 } from '../src/index.js';
import { SEED, boundaryAddrs6, routes6 } from './arbitraries.js';
import { applyOp, op6 } from './builder-ops.js';

fc.configureGlobal({ seed: SEED, numRuns: 200 });

const key = (p: Prefix6): string => `${p.words.join(':')}/${p.length}`;

describe('Lpm6Builder', () => {
  it('incremental updates == a fresh compile, and earlier tables do not change', () => {
    fc.assert(
      fc.property(
        routes6,
        fc.array(op6, { maxLength: 30 }),
        fc.integer({ min: 1, max: 5 }),
        (initial, ops, every) => {
          const builder = new Lpm6Builder(initial.map((prefix, value) => ({ prefix, value })));
          const model = new Map<string, { prefix: Prefix6; value: number }>();
          initial.forEach((prefix, value) => model.set(key(prefix), { prefix, value }));
          const snapshots: { table: ReturnType<Lpm6Builder['table']>; fresh: ReturnType<typeof compile6> }[] =
            [];
          ops.forEach((o, i) => {
            applyOp(builder, model, key(o.prefix), o);
            if (i % every === 0) snapshots.push({ table: builder.table(), fresh: compile6(model.values()) });
          });
          snapshots.push({ table: builder.table(), fresh: compile6(model.values()) });
          const addrs = boundaryAddrs6([...initial, ...ops.map((o) => o.prefix)], []);
          for (const { table, fresh } of snapshots) {
            expect(table.size).toBe(fresh.size);
            for (const a of addrs) expect(table.lookup(...a)).toBe(fresh.lookup(...a));
          }
        },
      ),
    );
  });
});
