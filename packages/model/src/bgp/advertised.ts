/**
 * What a cloud gateway advertises to a BGP peer over one connection, with transit of routes it
 * learned elsewhere where the provider does that (Azure AZ-R22, AWS TGW tables).
 */
import type { NetworkState } from '../state.js';
import type { Advertisement } from '../topology.js';
import { tgwTable } from '../aws/tgw-table.js';
import { vgwOriginated } from '../aws/advertise.js';
import { azureAdvertised } from '../azure/vpn-gateway.js';
import { gatewayExtraAdverts, gatewayPhase } from '../internal/status.js';
import { topologyIndex } from '../internal/topology-index.js';
import { gatewayAsn } from './asn.js';
import { gatewayOwnPrefixes } from './originated.js';

/** A route as a BGP peer receives it from a gateway: the gateway's ASN first in the AS path. */
export interface AdvertisedRoute {
  readonly prefix: string;
  readonly asPath: readonly number[];
  readonly med?: number;
}

/**
 * The routes gateway `gatewayPath` advertises over `connection` now (empty while it is
 * provisioning or deleted). The peer receives them only while a session is established.
 */
export function advertisedTo(
  state: NetworkState,
  gatewayPath: string,
  connection: string,
): readonly AdvertisedRoute[] {
  const ref = topologyIndex(state.topology).gateways.get(gatewayPath);
  if (!ref) return [];
  const phase = gatewayPhase(state, gatewayPath);
  if (phase === 'provisioning' || phase === 'deleted') return [];
  const { network, gateway } = ref;
  const dx = topologyIndex(state.topology).connections.get(connection)?.connection.directConnect;
  // AWS-R46: over Direct Connect the site hears the DX gateway (its ASN) and the association's
  // allowed prefixes, not the VGW's or TGW's own routes.
  const asn = dx?.asn ?? gatewayAsn(state.topology, network, gateway);
  const withAsn = (a: {
    readonly prefix: string;
    readonly asPath?: readonly number[];
    readonly med?: number;
  }): AdvertisedRoute => {
    const asPath = asn === undefined ? (a.asPath ?? []) : [asn, ...(a.asPath ?? [])];
    return a.med === undefined ? { prefix: a.prefix, asPath } : { prefix: a.prefix, asPath, med: a.med };
  };
  let base: readonly {
    readonly prefix: string;
    readonly asPath?: readonly number[];
    readonly med?: number;
  }[] = [];
  if (dx && (gateway.kind === 'vgw' || gateway.kind === 'tgw')) {
    const allowed = dx.allowedPrefixes ?? (gateway.kind === 'vgw' ? vgwOriginated(network) : []);
    return [...allowed.map((prefix) => ({ prefix })), ...gatewayExtraAdverts(state, gatewayPath)].map(
      withAsn,
    );
  }
  if (gateway.kind === 'tgw') {
    // AWS-R29: the routes of the table associated with the VPN attachment; AWS-R25: blackhole
    // routes are not advertised; routes back over the same attachment are not sent either.
    const att = (gateway.attachments ?? []).find((a) => a.connection === connection);
    const rt = (gateway.routeTables ?? []).find((t) => t.name === att?.routeTable);
    if (rt)
      base = tgwTable(state, network, gateway, rt)
        .routes.filter(
          (r) =>
            r.selected &&
            r.action?.kind !== 'drop' &&
            !(r.action?.kind === 'connection' && r.action.connection === connection),
        )
        .map((r) => (r.asPath ? { prefix: r.prefix, asPath: r.asPath } : { prefix: r.prefix }));
  } else if (gateway.kind === 'vpn') base = azureAdvertised(state, network, gateway, connection);
  // Every other kind advertises what it originates itself (nothing, for those that speak no BGP).
  else base = gatewayOwnPrefixes(state, network, gateway, connection).map((prefix) => ({ prefix }));
  const extra: readonly Advertisement[] = gatewayExtraAdverts(state, gatewayPath);
  return [...base, ...extra].map(withAsn);
}
