import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Lpm6Builder, compile6, type Prefix6 } from '../src/index.js';
import { SEED, boundaryAddrs6, prefix6, routes6 } from './arbitraries.js';

fc.configureGlobal({ seed: SEED, numRuns: 200 });

type Op = { kind: 'insert'; prefix: Prefix6; value: number } | { kind: 'remove'; prefix: Prefix6 };
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), prefix: prefix6, value: fc.nat({ max: 50 }) }),
  fc.record({ kind: fc.constant('remove' as const), prefix: prefix6 }),
);
const key = (p: Prefix6): string => `${p.words.join(':')}/${p.length}`;

describe('Lpm6Builder', () => {
  it('incremental updates == a fresh compile, and earlier tables do not change', () => {
    fc.assert(
      fc.property(
        routes6,
        fc.array(op, { maxLength: 30 }),
        fc.integer({ min: 1, max: 5 }),
        (initial, ops, every) => {
          const builder = new Lpm6Builder(initial.map((prefix, value) => ({ prefix, value })));
          const model = new Map<string, { prefix: Prefix6; value: number }>();
          initial.forEach((prefix, value) => model.set(key(prefix), { prefix, value }));
          const snapshots: { table: ReturnType<Lpm6Builder['table']>; fresh: ReturnType<typeof compile6> }[] =
            [];
          ops.forEach((o, i) => {
            if (o.kind === 'insert') {
              builder.insert(o.prefix, o.value);
              model.set(key(o.prefix), { prefix: o.prefix, value: o.value });
            } else {
              expect(builder.remove(o.prefix)).toBe(model.delete(key(o.prefix)));
            }
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
