/**
 * The state at time 0. The topology describes the network converged (DESIGN.md): every gateway
 * ready, every tunnel up, every BGP session established where its peer addresses are reachable
 * (AZ-R21) and the peer is within its prefix limit (AZ-R22), and each site advertising its
 * `advertise` list or, by default, its cidrs.
 */
import type {
  Advertisement,
  GatewayStatus,
  NetworkState,
  ProviderProfile,
  Topology,
} from '@cloudroute/model';
import { reconcileLinks } from './internal/links.js';

/** The converged state at time 0 (gateways provisioned, tunnels up, sessions up where reachable). */
export function initialState(topology: Topology, profile: ProviderProfile): NetworkState {
  const gateways: Record<string, GatewayStatus> = {};
  for (const n of topology.networks) {
    for (const g of n.gateways) gateways[`${n.name}/${g.name}`] = { phase: 'ready', since: 0, generation: 0 };
  }
  const adverts: Record<string, readonly Advertisement[]> = {};
  for (const s of topology.sites) adverts[s.name] = s.advertise ?? s.cidrs.map((prefix) => ({ prefix }));
  const base: NetworkState = { time: 0, topology, profile, gateways, tunnels: {}, sessions: {}, adverts };
  const links = reconcileLinks(
    base,
    topology.connections.map((c) => c.name),
    0,
    true,
  );
  return {
    ...base,
    tunnels: Object.fromEntries(links.tunnels),
    sessions: Object.fromEntries(links.sessions),
  };
}
