/**
 * Topology pieces shared by the data-plane tests: a network and a topology with empty defaults,
 * lesson 8's OpenStack pair of networks joined by the appliance fw1, and the GCP network `corp`'s
 * subnets, client and appliances.
 */
import {
  defaultProfile,
  type Host,
  type Network,
  type NetworkState,
  type Port,
  type Provider,
  type ProviderProfile,
  type Route,
  type RouteTable,
  type Subnet,
  type Topology,
} from '@cloudroute/model';

/** Network `name` of `provider` with `parts`; no address space, subnets, tables, hosts or gateways otherwise. */
export function network(
  name: string,
  provider: Provider,
  parts: Partial<Omit<Network, 'name' | 'provider'>> = {},
): Network {
  return { name, provider, cidrs: [], subnets: [], routeTables: [], hosts: [], gateways: [], ...parts };
}

/** A topology of `networks` alone (no sites, connections or peerings), with `extra` topology fields. */
export function topologyOf(networks: readonly Network[], extra: Partial<Topology> = {}): Topology {
  return { networks, sites: [], connections: [], peerings: [], ...extra };
}

/** A VPC's main route table (AWS-R10) holding `routes`. */
export function mainTable(...routes: Route[]): RouteTable {
  return { name: 'main', main: true, routes };
}

/** The state of `topology` at `time` before the engine decided anything: no gateway, tunnel or session state, no adverts. */
export function stateOf(
  topology: Topology,
  profile: ProviderProfile = defaultProfile,
  time = 0,
): NetworkState {
  return { time, gateways: {}, tunnels: {}, sessions: {}, adverts: {}, profile, topology };
}

/**
 * Lesson 8's app-sub (192.168.10.0/24, gateway .1): its guests reach data-sub through fw1's port
 * 192.168.10.254 (a host route, OS-R3); `extra` adds or replaces fields.
 */
export function appSub(extra: Partial<Subnet> = {}): Subnet {
  return {
    name: 'app-sub',
    cidr: '192.168.10.0/24',
    gatewayIp: '192.168.10.1',
    hostRoutes: [{ prefix: '192.168.20.0/24', nextHop: { type: 'ip', ip: '192.168.10.254' } }],
    ...extra,
  };
}

/**
 * Lesson 8's data-sub (192.168.20.0/24, no gateway, OS-R2): its guests reach app-sub back through
 * fw1's port 192.168.20.254; `extra` adds or replaces fields.
 */
export function dataSub(extra: Partial<Subnet> = {}): Subnet {
  return {
    name: 'data-sub',
    cidr: '192.168.20.0/24',
    gatewayIp: null,
    hostRoutes: [{ prefix: '192.168.10.0/24', nextHop: { type: 'ip', ip: '192.168.20.254' } }],
    ...extra,
  };
}

/** Lesson 8's network `data`: `sub` (data-sub) and its one guest db1 (192.168.20.10). */
export function dataNetwork(sub: Subnet = dataSub()): Network {
  return network('data', 'openstack', {
    subnets: [sub],
    hosts: [{ name: 'db1', subnet: 'data-sub', ip: '192.168.20.10' }],
  });
}

/**
 * Lesson 8's appliance fw1 of network `app`: a port on app-sub (192.168.10.254) and one on
 * data/data-sub (192.168.20.254), each allowed to send from the other side's subnet (OS-R7) unless
 * `pairs` is false, with the fields `app` and `data` give each port; it forwards unless
 * `ipForwarding` is false.
 */
export function fw1(
  o: { app?: Partial<Port>; data?: Partial<Port>; pairs?: boolean; ipForwarding?: boolean } = {},
): Host {
  const pairs = (ip: string): Partial<Port> => (o.pairs === false ? {} : { allowedAddressPairs: [{ ip }] });
  return {
    name: 'fw1',
    ipForwarding: o.ipForwarding ?? true,
    ports: [
      { subnet: 'app-sub', ip: '192.168.10.254', ...pairs('192.168.20.0/24'), ...o.app },
      { subnet: 'data/data-sub', ip: '192.168.20.254', ...pairs('192.168.10.0/24'), ...o.data },
    ],
  };
}

/** GCP network `corp`'s subnet app (10.20.0.0/24, us-central1). */
export const CORP_APP: Subnet = { name: 'app', cidr: '10.20.0.0/24', region: 'us-central1' };

/** GCP network `corp`'s subnet east (10.21.0.0/24, us-east1). */
export const CORP_EAST: Subnet = { name: 'east', cidr: '10.21.0.0/24', region: 'us-east1' };

/** corp's client in app (10.20.0.11), tagged `client` (tagged routes apply to it only, GCP-R4). */
export const CORP_CLIENT: Host = { name: 'client', subnet: 'app', ip: '10.20.0.11', tags: ['client'] };

/** corp's appliances fwa, fwb, fwc in app (10.20.0.5 to .7), forwarding (canIpForward). */
export const CORP_APPLIANCES: readonly Host[] = ['fwa', 'fwb', 'fwc'].map((name, i) => ({
  name,
  subnet: 'app',
  ip: `10.20.0.${5 + i}`,
  ipForwarding: true,
}));
