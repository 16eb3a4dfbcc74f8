/**
 * Trace hops for what a packet crosses between table lookups (DESIGN.md "`trace`": hops[] have
 * node, id?, route, beat): every gateway the walker enters, whatever its kind (internet, NAT,
 * egress-only, VPN, transit, ILB, router, and any kind added later: the walker calls
 * `HopRecorder.cross` wherever it enters a gateway), every VPN connection, and every named
 * peering a route sends the packet over. Each hop carries the provider id the import kept.
 *
 * A gateway with a table of its own is looked up right after it is entered: that lookup's hop
 * stands for the gateway ({@link mergesInto}), so a gateway is one hop, never two.
 */
import type { CandidateRoute, Topology } from '@cloudroute/model';
import type { ForwardingPlane } from './plane/compile.js';

/** A crossing hop before its route: the node shown and the provider id. */
export interface Crossing {
  readonly node: string;
  readonly id?: string;
}

/** The hop of gateway or connection `index` of `plane` (node `net/gw` or `connection:name`). */
export function crossingHop(
  topology: Topology,
  plane: ForwardingPlane,
  kind: 'gateway' | 'connection',
  index: number,
): Crossing {
  if (kind === 'connection') {
    const name = plane.connName[index] ?? '';
    const id = topology.connections.find((c) => c.name === name)?.id;
    return { node: `connection:${name}`, ...(id !== undefined ? { id } : {}) };
  }
  const path = plane.gwPath[index] ?? '';
  const slash = path.indexOf('/');
  const net = topology.networks.find((n) => n.name === path.slice(0, slash));
  const id = net?.gateways.find((g) => g.name === path.slice(slash + 1))?.id;
  return { node: path, ...(id !== undefined ? { id } : {}) };
}

/** Is the lookup at table `tableId` the gateway's own (`net/gw`, or `net/gw#table` of a transit gateway)? */
export function mergesInto(c: Crossing, tableId: string): boolean {
  return !c.node.startsWith('connection:') && (tableId === c.node || tableId.startsWith(`${c.node}#`));
}

/** The hop of the named peering a chosen route crosses (`peering:name`), if it names one. */
export function peeringHop(topology: Topology, route: CandidateRoute): Crossing | undefined {
  const a = route.action;
  if (a?.kind !== 'peering' || a.peering === undefined) return undefined;
  const p = topology.peerings.find((x) => x.name === a.peering);
  if (!p) return undefined;
  return { node: `peering:${a.peering}`, ...(p.id !== undefined ? { id: p.id } : {}) };
}

/**
 * DESIGN.md "Unknown": the construct a chosen route hands the packet to when it is imported but
 * not modelled — the trace's last hop (`opaque:kind`, its provider id) and its `construct`.
 */
export function opaqueHop(route: CandidateRoute): (Crossing & { readonly kind: string }) | undefined {
  const a = route.action;
  if (a?.kind !== 'opaque') return undefined;
  return { node: `opaque:${a.construct}`, kind: a.construct, ...(a.id !== undefined ? { id: a.id } : {}) };
}
