/**
 * Small builders for test topologies and states (the converged state: every runtime entry absent
 * reads as ready / up / established).
 */
import { defaultProfile, forwardingTables } from '@cloudroute/model';
import { tableById } from './oracle.js';
import type {
  ForwardingTable,
  Gateway,
  Network,
  NetworkState,
  ProviderProfile,
  Site,
  Topology,
} from '@cloudroute/model';

type NetworkInit = Partial<Network> & Pick<Network, 'name' | 'provider'>;

export function network(init: NetworkInit): Network {
  return { cidrs: [], subnets: [], routeTables: [], hosts: [], gateways: [], ...init };
}

/** An AWS VPC named `vpc`, 10.0.0.0/16 unless `init` says otherwise. */
export function awsVpc(init: Partial<Network> = {}): Network {
  return network({ name: 'vpc', provider: 'aws', cidrs: ['10.0.0.0/16'], ...init });
}

/** An Azure VNet named `hub`, 10.0.0.0/16 unless `init` says otherwise. */
export function azureHub(init: Partial<Network> = {}): Network {
  return network({ name: 'hub', provider: 'azure', cidrs: ['10.0.0.0/16'], ...init });
}

/** An AWS network whose one gateway is the transit gateway `tgw` (path `<name>/tgw`). */
export function tgwNetwork(
  name: string,
  tgw: Omit<Gateway, 'name' | 'kind'>,
  extra: Partial<Network> = {},
): Network {
  return network({ name, provider: 'aws', ...extra, gateways: [{ name: 'tgw', kind: 'tgw', ...tgw }] });
}

/** A GCP Cloud Router `router` (ASN 64514) and the HA VPN gateway `vpn` that uses it, in us-central1. */
export function gcpHaVpn(router: string, vpn: string): Gateway[] {
  return [
    { name: router, kind: 'cloudRouter', region: 'us-central1', asn: 64514 },
    { name: vpn, kind: 'haVpn', region: 'us-central1', router },
  ];
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

/** The forwarding tables `ids` of the state of `t` (converged unless `extra` says otherwise). */
export function tablesOf(
  t: Topology,
  ids: readonly string[],
  extra: Partial<Omit<NetworkState, 'topology'>> = {},
): ForwardingTable[] {
  const tables = forwardingTables(stateOf(t, extra));
  return ids.map((id) => tableById(tables, id));
}

/** The forwarding table `id` of the state of `t` (throws when there is none). */
export function tableOf(
  t: Topology,
  id: string,
  extra: Partial<Omit<NetworkState, 'topology'>> = {},
): ForwardingTable {
  return tablesOf(t, [id], extra)[0]!;
}
