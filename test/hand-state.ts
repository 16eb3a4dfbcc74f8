/** States of hand-built topologies, for the filter tests that need one exact rule set. */
import { initialState } from '@cloudroute/engine';
import { defaultProfile, type Network, type NetworkState, type Topology } from '@cloudroute/model';
import { topology } from '../packages/model/test/fixtures.js';

/** The initial state of `networks` (no sites, connections or peerings) under `firewall: rules`; `extra` overrides. */
export function ruledState(networks: Network[], extra: Partial<Topology> = {}): NetworkState {
  return initialState(topology({ networks, firewall: 'rules', ...extra }), defaultProfile);
}
