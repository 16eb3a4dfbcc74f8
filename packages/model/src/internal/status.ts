/**
 * Reading the runtime part of a NetworkState. The topology describes a converged network at
 * time 0 (DESIGN.md), so an entry the engine has not written yet reads as converged: a gateway
 * with no status is ready, a tunnel is up, a BGP session is established.
 */
import type { GatewayPhase, NetworkState } from '../state.js';
import type { Advertisement, Connection, Site } from '../topology.js';
import { topologyIndex } from './topology-index.js';

/** The gateway's phase; `deleted` when the topology has no such gateway. */
export function gatewayPhase(state: NetworkState, path: string): GatewayPhase {
  if (!topologyIndex(state.topology).gateways.has(path)) return 'deleted';
  return state.gateways[path]?.phase ?? 'ready';
}

/** At least one of the connection's tunnels is up. */
export function anyTunnelUp(state: NetworkState, connection: string): boolean {
  const tunnels = state.tunnels[connection];
  return tunnels === undefined || tunnels.length === 0 || tunnels.some((t) => t.up);
}

/** A BGP connection exchanges routes while at least one of its sessions is established. */
export function anySessionEstablished(state: NetworkState, connection: Connection): boolean {
  if (!connection.bgp) return false;
  const sessions = state.sessions[connection.name];
  return sessions === undefined || sessions.length === 0 || sessions.some((s) => s.adminUp && s.established);
}

/** What a site advertises over BGP now: the state's record, else its `advertise`, else its cidrs. */
export function siteAdverts(state: NetworkState, site: Site): readonly Advertisement[] {
  return state.adverts[site.name] ?? site.advertise ?? siteCidrAdverts(site);
}

const cidrAdverts = new WeakMap<Site, readonly Advertisement[]>();
function siteCidrAdverts(site: Site): readonly Advertisement[] {
  let a = cidrAdverts.get(site);
  if (!a) {
    a = site.cidrs.map((prefix) => ({ prefix }));
    cidrAdverts.set(site, a);
  }
  return a;
}

const none: readonly Advertisement[] = [];
/** Extra prefixes a cloud gateway was told to advertise (`bgp.advertise` with `gateway:`). */
export function gatewayExtraAdverts(state: NetworkState, path: string): readonly Advertisement[] {
  return state.adverts[path] ?? none;
}
