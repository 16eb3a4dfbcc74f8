/**
 * Autonomous system numbers of BGP speakers, with each provider's default.
 */
import type { Gateway, Network, Topology } from '../topology.js';
import { topologyIndex } from '../internal/topology-index.js';

/** AWS-R21: the VGW's Amazon-side ASN defaults to 64512. AWS-R33 [GUESS]: TGW 64512 too. */
export const AWS_DEFAULT_ASN = 64512;
/** AZ-R23: the VPN gateway's ASN defaults to 65515 (assigned even when BGP is off). */
export const AZURE_DEFAULT_ASN = 65515;

/** The ASN a cloud gateway speaks BGP with; undefined when none is known (GCP without a router ASN). */
export function gatewayAsn(topology: Topology, network: Network, gateway: Gateway): number | undefined {
  if (gateway.asn !== undefined) return gateway.asn;
  switch (network.provider) {
    case 'aws':
      return AWS_DEFAULT_ASN;
    case 'azure':
      return AZURE_DEFAULT_ASN;
    case 'gcp': {
      // GCP-R19: the Cloud Router's ASN serves every tunnel of its HA VPN gateway.
      const router = gateway.router !== undefined ? cloudRouterOf(topology, network, gateway) : undefined;
      return router?.asn;
    }
    case 'openstack':
      return undefined;
  }
}

/** The Cloud Router a GCP VPN gateway uses (`router:`), if it exists. */
export function cloudRouterOf(topology: Topology, network: Network, gateway: Gateway): Gateway | undefined {
  if (gateway.kind === 'cloudRouter') return gateway;
  if (gateway.router === undefined) return undefined;
  const path = gateway.router.includes('/') ? gateway.router : `${network.name}/${gateway.router}`;
  const ref = topologyIndex(topology).gateways.get(path);
  return ref?.gateway.kind === 'cloudRouter' ? ref.gateway : undefined;
}
