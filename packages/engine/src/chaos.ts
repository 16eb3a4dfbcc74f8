/**
 * Seeded chaos: each fault of a `chaos:` block fails after an exponentially distributed up time
 * (mean `mtbf`) and is repaired after `mttr` (fixed, or uniform in min..max), over and over
 * until the horizon. Every (seed, run, fault) has its own generator, so a run does not depend on
 * other runs, nor a fault on the faults listed before it. No Math.random.
 *
 *   tunnel.down       → tunnel.up after the repair time
 *   bgp.session.down  → bgp.session.up
 *   gateway.failover  unplanned; it ends by itself (the engine's failover window, AZ-R19)
 *   host.update       with `revertAfter`: the engine restores the replaced values (host.restored)
 */
import type { ChaosFault, ChaosSpec, TimelineAction } from './actions.js';

/** splitmix32-style finaliser: a 32-bit avalanche of x. */
function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** The 32-bit seed of one fault's generator in one run. */
export function faultSeed(seed: number, run: number, fault: number): number {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 2 ** 32) >>> 0;
  let h = mix32(lo ^ mix32(hi));
  h = mix32(h ^ (run >>> 0));
  return mix32(h ^ mix32(fault >>> 0));
}

/** mulberry32: a small, fast, well-distributed 32-bit generator; floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Times are kept to the millisecond so logs and reports stay readable and stable. */
const ms = (x: number): number => Math.round(x * 1000) / 1000;

/** Faults per generator at most: a guard against a tiny mtbf over a long horizon. */
const MAX_FAULTS = 100_000;

function faultsOf(f: ChaosFault, horizon: number, rand: () => number): TimelineAction[] {
  const out: TimelineAction[] = [];
  if (!(f.mtbf > 0) || !Number.isFinite(f.mtbf)) return out;
  const repair = (): number => {
    if (!f.mttr) return 0;
    const { min, max } = f.mttr;
    return max > min ? min + rand() * (max - min) : min;
  };
  const tunnel = f.tunnel === undefined ? {} : { tunnel: f.tunnel };
  let t = 0;
  while (out.length < MAX_FAULTS) {
    t += -f.mtbf * Math.log(1 - rand());
    const at = ms(t);
    if (at > horizon) break;
    switch (f.kind) {
      case 'tunnel.down':
      case 'bgp.session.down': {
        const d = repair();
        const connection = f.connection ?? '';
        const up = f.kind === 'tunnel.down' ? 'tunnel.up' : 'bgp.session.up';
        out.push(
          { at, do: f.kind, connection, ...tunnel },
          { at: ms(at + d), do: up, connection, ...tunnel },
        );
        t = at + d;
        break;
      }
      case 'gateway.failover':
        out.push({ at, do: 'gateway.failover', gateway: f.gateway ?? '', planned: false });
        t = at;
        break;
      case 'host.update': {
        const d = ms(repair());
        out.push({
          at,
          do: 'host.update',
          host: f.host ?? '',
          ...(f.port === undefined ? {} : { port: f.port }),
          set: f.set ?? {},
          revertAfter: d,
        });
        t = at + d;
        break;
      }
    }
  }
  return out;
}

/** One chaos repetition's faults as timeline actions (each fault and its repair), sorted by time. */
export function chaosActions(
  spec: ChaosSpec,
  horizon: number,
  seed: number,
  run: number,
): readonly TimelineAction[] {
  const all: { a: TimelineAction; f: number; k: number }[] = [];
  spec.faults.forEach((fault, f) => {
    const rand = mulberry32(faultSeed(seed, run, f));
    faultsOf(fault, horizon, rand).forEach((a, k) => all.push({ a, f, k }));
  });
  all.sort((x, y) => x.a.at - y.a.at || x.f - y.f || x.k - y.k);
  return all.map((x) => x.a);
}
