/**
 * Small builders for test topologies and states (the converged state: every runtime entry absent
 * reads as ready / up / established).
 */
import { defaultProfile } from '@cloudroute/model';
import type { Network, NetworkState, ProviderProfile, Site, Topology } from '@cloudroute/model';

type NetworkInit = Partial<Network> & Pick<Network, 'name' | 'provider'>;

export function network(init: NetworkInit): Network {
  return { cidrs: [], subnets: [], routeTables: [], hosts: [], gateways: [], ...init };
}

export function site(init: Partial<Site> & Pick<Site, 'name' | 'cidrs'>): Site {
  return { ...init };
}

export function topology(init: Partial<Topology>): Topology {
  return { networks: [], sites: [], connections: [], peerings: [], ...init };
}

export function stateOf(t: Topology, extra: Partial<Omit<NetworkState, 'topology'>> = {}): NetworkState {
  const profile: ProviderProfile = extra.profile ?? defaultProfile;
  return { time: 0, gateways: {}, tunnels: {}, sessions: {}, adverts: {}, ...extra, profile, topology: t };
}
