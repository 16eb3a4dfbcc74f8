/**
 * A large table patched from its previous build (the model reuses route objects) answers every
 * lookup exactly as a fresh compile of the same routes does.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CandidateRoute, ForwardingTable } from '@cloudroute/model';
import { compileTable } from '../src/plane/compile.js';

fc.configureGlobal({ seed: 424242, numRuns: 12 });

function route(i: number): CandidateRoute {
  const len = 16 + (i % 9);
  const net = ((11 + (i % 200)) * 2 ** 24 + ((i * 2654435761) >>> 8) * 256) >>> 0;
  const masked = (net & (len === 0 ? 0 : (~0 << (32 - len)) >>> 0)) >>> 0;
  const prefix = `${masked >>> 24}.${(masked >>> 16) & 255}.${(masked >>> 8) & 255}.${masked & 255}/${len}`;
  return {
    prefix,
    source: 'static',
    state: 'active',
    nextHopType: 'connection',
    selected: true,
    action: { kind: 'connection', connection: `c${i % 7}` },
  };
}

const base = Array.from({ length: 25_000 }, (_, i) => route(i));
const table = (routes: readonly CandidateRoute[]): ForwardingTable => ({
  id: 'site:big',
  kind: 'site',
  provider: 'onprem',
  routes,
});

/** The route a fresh compile picks for `addr`: compared by object, not by index. */
function pick(
  routes: readonly CandidateRoute[],
  lookup: { lookup(a: number): number },
  addr: number,
): CandidateRoute | undefined {
  const r = lookup.lookup(addr);
  return r < 0 ? undefined : routes[r];
}

describe('incremental recompile of large tables', () => {
  it('patched builds answer like fresh compiles through a chain of edits', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            drop: fc.uniqueArray(fc.nat(24_999), { maxLength: 200 }),
            add: fc.integer({ min: 0, max: 300 }),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 200, maxLength: 200 }),
        (edits, addrs) => {
          const lineage = new Map();
          let routes: CandidateRoute[] = [...base];
          let next = 25_000;
          compileTable(table(routes), undefined, lineage);
          for (const e of edits) {
            const dropped = new Set(e.drop.map((i) => base[i]!));
            routes = routes.filter((r) => !dropped.has(r));
            for (let k = 0; k < e.add; k++) routes.push(route(next++));
            const patched = compileTable(table(routes), undefined, lineage);
            const fresh = compileTable(table([...routes]), undefined, new Map());
            for (const a of addrs) {
              const want = pick(fresh.routes, fresh.lpm, a);
              const got = pick(patched.routes, patched.lpm, a);
              expect(got?.prefix).toBe(want?.prefix);
            }
          }
        },
      ),
    );
  });
});
