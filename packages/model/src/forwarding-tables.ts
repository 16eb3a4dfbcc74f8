/**
 * Every forwarding table of a network state (PROVIDERS.md rules resolved once, here):
 *
 *   net/subnet   kind subnet   AWS, Azure, GCP (untagged VM in the subnet's region), OpenStack (guest, DHCP)
 *   net/host     kind guest    GCP VMs with network tags (GCP-R4)
 *   net/gw       kind gateway  AWS VGW, Azure VPN gateway, GCP HA / Classic VPN gateway
 *   net/tgw#rt   kind tgw      each AWS transit gateway route table
 *   net/router   kind router   each OpenStack router
 *   site:name    kind site     each on-premises site
 *
 * Tables are memoised on the identity of the objects they are built from (immer keeps unchanged
 * objects identical), so a table whose inputs did not change comes back as the same object.
 */
import type { NetworkState } from './state.js';
import type { ForwardingTable } from './tables.js';
import type { Gateway, Host, Network, Subnet } from './topology.js';
import { awsSubnetTable } from './aws/subnet-table.js';
import { tgwTable } from './aws/tgw-table.js';
import { vgwTable } from './aws/vgw.js';
import { azureSubnetTable } from './azure/subnet-table.js';
import { azureGatewayTable } from './azure/vpn-gateway.js';
import { gcpRouterRegion, gcpView } from './gcp/view.js';
import { openstackGuestTable } from './openstack/guest-table.js';
import { openstackRouterTable } from './openstack/router-table.js';
import { siteTable } from './onprem/site-table.js';
import { Memo, StableMemo, weakCache } from './internal/memo.js';
import { gatewayPhase } from './internal/status.js';
import { topologyIndex } from './internal/topology-index.js';

/**
 * Objects (beyond the network itself) whose change may change an AWS or Azure network's tables:
 * the profile, its peerings and peer networks, its gateways' statuses and, on AWS, the transit
 * gateways a route may name.
 */
function envDeps(state: NetworkState, network: Network): unknown[] {
  const index = topologyIndex(state.topology);
  const deps: unknown[] = [state.profile];
  for (const ref of index.peeringsByNetwork.get(network.name) ?? [])
    deps.push(ref.peering, index.networks.get(ref.other)?.network);
  for (const g of network.gateways) deps.push(state.gateways[`${network.name}/${g.name}`]);
  if (network.provider === 'aws')
    for (const ref of transitGateways(state.topology)) deps.push(ref.gateway, state.gateways[ref.path]);
  return deps;
}

/** The transit gateways of a topology (every AWS network's tables may name one), in index order. */
const transitGateways = weakCache((topology: NetworkState['topology']) =>
  [...topologyIndex(topology).gateways.values()].filter((ref) => ref.gateway.kind === 'tgw'),
);

/**
 * GCP tables are small: rebuilt when any part of the state changes, and kept as the same object
 * while their network object and their content stay the same (gcpMemo).
 */
function coarseDeps(state: NetworkState): unknown[] {
  return [state.topology, state.tunnels, state.sessions, state.adverts, state.gateways, state.profile];
}

/**
 * OpenStack tables are made from the topology alone (OS-R1 to OS-R3, OS-R12 to OS-R14: subnets,
 * host routes, routers and their interfaces and routes; no learned route, no gateway status).
 */
function topologyDeps(state: NetworkState): unknown[] {
  return [state.topology];
}

const gcpMemo = new StableMemo<Subnet | Host | Gateway, ForwardingTable>();
const osMemo = new Memo<Subnet | Gateway, ForwardingTable>();

/** The GCP region of a host: its subnet's. */
function hostRegion(network: Network, host: Host): string | undefined {
  const sub = host.subnet ?? host.ports?.[0]?.subnet;
  return network.subnets.find((s) => s.name === sub)?.region;
}

/**
 * The table of a subnet (AWS, Azure, GCP, OpenStack). `deps`: the network's {@link envDeps}, when
 * the caller has them for all the network's subnets.
 */
export function subnetTable(
  state: NetworkState,
  network: Network,
  subnet: Subnet,
  deps?: readonly unknown[],
): ForwardingTable {
  const id = `${network.name}/${subnet.name}`;
  switch (network.provider) {
    case 'aws':
      return awsSubnetTable(state, network, subnet, deps ?? envDeps(state, network));
    case 'azure':
      return azureSubnetTable(state, network, subnet, deps ?? envDeps(state, network));
    case 'gcp':
      return gcpMemo.get(subnet, network, coarseDeps(state), () =>
        gcpView(state, network, { region: subnet.region, tags: [] }, id, 'subnet'),
      );
    case 'openstack':
      return osMemo.get(subnet, topologyDeps(state), () => openstackGuestTable(state, network, subnet));
  }
}

/** GCP-R4: the table of a VM with network tags (`net/host`); undefined for an untagged or non-GCP host. */
export function guestTable(state: NetworkState, network: Network, host: Host): ForwardingTable | undefined {
  if (network.provider !== 'gcp' || (host.tags ?? []).length === 0) return undefined;
  return gcpMemo.get(host, network, coarseDeps(state), () =>
    gcpView(
      state,
      network,
      { region: hostRegion(network, host), tags: host.tags ?? [] },
      `${network.name}/${host.name}`,
      'guest',
    ),
  );
}

/** The tables a gateway owns (none for gateways without a table of their own, or deleted ones). */
export function gatewayTables(state: NetworkState, network: Network, gw: Gateway): ForwardingTable[] {
  const path = `${network.name}/${gw.name}`;
  if (gatewayPhase(state, path) === 'deleted') return [];
  switch (network.provider) {
    case 'aws':
      if (gw.kind === 'vgw') return [vgwTable(state, network, gw)];
      if (gw.kind === 'tgw') return (gw.routeTables ?? []).map((rt) => tgwTable(state, network, gw, rt));
      return [];
    case 'azure':
      return gw.kind === 'vpn' ? [azureGatewayTable(state, network, gw)] : [];
    case 'gcp':
      // Traffic from the tunnels uses the routes that apply to the gateway's region, untagged (GCP-R4, GCP-R7).
      return gw.kind === 'haVpn' || gw.kind === 'classicVpn'
        ? [
            gcpMemo.get(gw, network, coarseDeps(state), () =>
              gcpView(
                state,
                network,
                { region: gcpRouterRegion(state, network, gw), tags: [] },
                path,
                'gateway',
              ),
            ),
          ]
        : [];
    case 'openstack':
      return gw.kind === 'router'
        ? [osMemo.get(gw, topologyDeps(state), () => openstackRouterTable(state, network, gw))]
        : [];
  }
}

/**
 * EVERY forwarding table of the state, each with all candidate routes in the provider's
 * vocabulary and, on the selected ones (at most one per table and prefix), the resolved action.
 * Order: networks in topology order (subnets, tagged GCP hosts, gateways), then sites.
 */
export function forwardingTables(state: NetworkState): readonly ForwardingTable[] {
  const out: ForwardingTable[] = [];
  for (const network of state.topology.networks) {
    const deps =
      network.provider === 'aws' || network.provider === 'azure' ? envDeps(state, network) : undefined;
    for (const subnet of network.subnets) out.push(subnetTable(state, network, subnet, deps));
    if (network.provider === 'gcp')
      for (const host of network.hosts) {
        const t = guestTable(state, network, host);
        if (t) out.push(t);
      }
    for (const gw of network.gateways) out.push(...gatewayTables(state, network, gw));
  }
  for (const site of state.topology.sites) out.push(siteTable(state, site));
  return out;
}
