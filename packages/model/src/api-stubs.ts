/**
 * Temporary stubs of the model's public functions, so that packages to the right compile while
 * the model is written. The model's own implementation replaces this file.
 */
import type { Diagnostic } from './diagnostics.js';
import type { NetworkState } from './state.js';
import type { ForwardingTable } from './tables.js';
import type { Topology } from './topology.js';

/** DESIGN.md `routes` JSON shape. */
export interface RoutesView {
  readonly subnet: string;
  readonly at: number;
  readonly routes: readonly {
    readonly prefix: string;
    readonly source: string;
    readonly state: string;
    readonly nextHopType: string;
    readonly nextHopIp?: string;
    readonly name?: string;
    readonly [extra: string]: unknown;
  }[];
}

/** Every forwarding table of a state (subnets, gateways, sites, TGW tables, routers, tagged GCP hosts). */
export function forwardingTables(_state: NetworkState): readonly ForwardingTable[] {
  return [];
}

/** The provider's effective-routes view of a subnet (or a GCP host / OpenStack router) at `state.time`. */
export function effectiveRoutes(state: NetworkState, target: string): RoutesView {
  return { subnet: target, at: state.time, routes: [] };
}

/** Problems the provider would refuse (errors) or accept but not honour (warnings), with rule ids. */
export function validateTopology(_topology: Topology): readonly Diagnostic[] {
  return [];
}
