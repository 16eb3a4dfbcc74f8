/** Shared by the data-plane tests: one packet walked through a freshly compiled plane, recorded. */
import type { NetworkState } from '@cloudroute/model';
import { OUTCOMES } from '../src/plane/codes.js';
import { ForwardingPlane, NodeRegistry } from '../src/plane/compile.js';
import { Walker, type HopRecorder } from '../src/plane/walk.js';
import { parseIpv4 } from '../src/internal/lpm-adapter.js';

export const ip = (a: string): number => parseIpv4(a)!;

export interface Walked {
  readonly outcome: string;
  readonly notes: string[];
  /** Table ids looked up, in order. */
  readonly lookups: string[];
  /** Gateways and connections the packet met, by registry key. */
  readonly met: string[];
  readonly plane: ForwardingPlane;
  readonly walker: Walker;
}

/** Walks one packet from `net/host` or `net/subnet` (with source `src`) to `dst`. */
export function walk(state: NetworkState, from: string, dst: string, src?: string): Walked {
  const plane = new ForwardingPlane(state, new NodeRegistry());
  const walker = new Walker(plane);
  const h = plane.hostIndex.get(from);
  const s = h !== undefined ? plane.hostSubnet[h]! : (plane.subnetIndex.get(from) ?? -1);
  const notes: string[] = [];
  const lookups: string[] = [];
  const rec: HopRecorder = {
    lookup: (t) => lookups.push(plane.tables[t]!.table.id),
    note: (_k, d) => notes.push(d),
  };
  const o = walker.forward(s, h ?? -1, ip(dst), rec, src === undefined ? -1 : ip(src));
  const met = Array.from(walker.path.subarray(0, walker.pathLen))
    .map((n) => plane.registry.keys[n]!)
    .filter((k) => k.startsWith('gw:') || k.startsWith('conn:'));
  return { outcome: OUTCOMES[o]!, notes, lookups, met, plane, walker };
}
