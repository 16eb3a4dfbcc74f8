/**
 * What a GCP Cloud Router advertises by default.
 */
import type { Gateway, Network } from '../topology.js';

/**
 * GCP-R18: in default advertisement mode a Cloud Router advertises the VPC's subnet routes;
 * GCP-R16: in regional routing mode only the subnets of the router's own region, in global mode
 * all of them. Custom advertisements are modelled as the gateway's extra adverts
 * (`bgp.advertise` with `gateway:`), added to these.
 */
export function routerOriginated(
  network: Network,
  vpnGateway: Gateway,
  router: Gateway | undefined,
): readonly string[] {
  const region = router?.region ?? vpnGateway.region;
  const global = network.routingMode === 'global';
  const out: string[] = [];
  for (const s of network.subnets) {
    if (!global && region !== undefined && s.region !== undefined && s.region !== region) continue;
    out.push(s.cidr, ...(s.secondaryCidrs ?? []));
  }
  return out;
}
