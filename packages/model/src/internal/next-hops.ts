/**
 * Which provider's vocabulary a next hop belongs to. Every provider's next hops share one union
 * (`NextHop`, topology/routes.ts); a table resolver first sets aside the types that are not its
 * provider's (validation refuses them; a table keeps and drops them) and then switches over its
 * own types only. The keys below are checked against the union types by the compiler, so a type
 * added to a provider's union must be added here too.
 */
import type { OpaqueNextHop } from '../opaque.js';
import type { AwsNextHop, AzureNextHop, GcpNextHop, NextHop } from '../topology.js';

const AWS: Readonly<Record<AwsNextHop['type'], true>> = {
  local: true,
  igw: true,
  nat: true,
  vgw: true,
  tgw: true,
  vpce: true,
  eni: true,
  peering: true,
  blackhole: true,
};
const AZURE: Readonly<Record<AzureNextHop['type'], true>> = {
  VirtualAppliance: true,
  VirtualNetworkGateway: true,
  VnetLocal: true,
  Internet: true,
  None: true,
};
const GCP: Readonly<Record<GcpNextHop['type'], true>> = {
  gateway: true,
  instance: true,
  address: true,
  ilb: true,
  vpnTunnel: true,
};

/** An AWS route target, or an imported opaque one (kept by every provider). */
export function isAwsNextHop(hop: NextHop): hop is AwsNextHop | OpaqueNextHop {
  return hop.type === 'opaque' || Object.hasOwn(AWS, hop.type);
}

/** An Azure UDR next hop (AZ-R5), or an imported opaque one. */
export function isAzureNextHop(hop: NextHop): hop is AzureNextHop | OpaqueNextHop {
  return hop.type === 'opaque' || Object.hasOwn(AZURE, hop.type);
}

/** A GCP static route next hop (GCP-R5), or an imported opaque one. */
export function isGcpNextHop(hop: NextHop): hop is GcpNextHop | OpaqueNextHop {
  return hop.type === 'opaque' || Object.hasOwn(GCP, hop.type);
}
