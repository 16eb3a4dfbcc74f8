/**
 * Change refusals: the shape the pure `<provider>/route-refusals.ts` and `port-refusals.ts` checks
 * return, which the engine turns into `rejected` entries (refusals) and notes (warnings).
 */
import type { Topology } from './topology.js';

/**
 * A change a provider refuses, or accepts with a warning: the PROVIDERS.md rule id (or a
 * generic reason such as `not-found`) and a message that says what to fix.
 */
export interface ChangeRefusal {
  readonly rule: string;
  readonly message: string;
}

/** The networks peered with `network` (each peering's other end), for "the network or its peers". */
export function peeredNetworks(topology: Topology, network: string): string[] {
  const out: string[] = [];
  for (const p of topology.peerings) {
    const [a, b] = p.between;
    if (a === network) out.push(b);
    if (b === network) out.push(a);
  }
  return out;
}
