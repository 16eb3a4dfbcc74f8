/**
 * What a cloud gateway originates over BGP on its own, per gateway kind: no transit of routes it
 * learned elsewhere. Gateway-to-gateway learning (`learned.ts`) uses only this, which keeps it free
 * of cycles; what a gateway advertises to a peer (`advertised.ts`) adds transit where the provider
 * does it (an AWS TGW table, an Azure VPN gateway, AZ-R22).
 */
import type { NetworkState } from '../state.js';
import type { Gateway, Network } from '../topology.js';
import { tgwOriginated, vgwOriginated } from '../aws/advertise.js';
import { transitAddressSpace } from '../azure/gateway-transit.js';
import { routerOriginated } from '../gcp/advertise.js';
import { cloudRouterOf } from './asn.js';

/** The prefixes `gateway` of `network` originates over `connection` (none for a kind that speaks no BGP). */
export function gatewayOwnPrefixes(
  state: NetworkState,
  network: Network,
  gateway: Gateway,
  connection: string,
): readonly string[] {
  switch (gateway.kind) {
    case 'vgw':
      return vgwOriginated(network);
    case 'tgw':
      return tgwOriginated(state.topology, gateway, connection);
    case 'vpn':
      return transitAddressSpace(state.topology, network); // AZ-R22: VNet prefixes (AZ-R35: and its spokes')
    case 'haVpn':
    case 'classicVpn':
    case 'cloudRouter':
      return routerOriginated(network, gateway, cloudRouterOf(state.topology, network, gateway));
    case 'igw':
    case 'nat':
    case 'egressOnlyIgw':
    case 'vpcEndpoint':
    case 'cloudNat':
    case 'ilb':
    case 'router':
      return [];
  }
}
