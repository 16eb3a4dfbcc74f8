/**
 * AWS inventory → intermediate topology. Order matters: VPCs, subnets, hosts and gateways first;
 * then peerings and transit gateways (route targets); then route tables (which also tell what each
 * VGW learned over BGP); then customer gateways and VPN connections, whose sites advertise those
 * prefixes. IMPORTERS.md §1 gives the shapes and traps each step handles.
 */
import type { DTopology } from '../draft.js';
import { emptyTopology } from '../draft.js';
import type { Warnings } from '../warnings.js';
import { AwsContext } from './context.js';
import type { AwsInventory } from './inventory.js';
import { buildRouteTables } from './routes.js';
import { buildTransitGateways, pruneTgwAttachments } from './tgw.js';
import { buildVpn } from './vpn.js';
import { buildDirectConnect } from './direct-connect.js';
import { buildFilters } from './filters.js';
import { buildGateways } from './gateways.js';
import { buildHosts } from './hosts.js';
import { buildPeerings } from './peerings.js';
import { buildSubnets, buildVpcs } from './vpcs.js';

/** What the inventory has that is not routing: noted as not imported. */
function noteUnused(c: AwsContext): void {
  for (const [why, keys] of c.inv.notRouting)
    c.w.note('unsupported', `${why} (${[...keys].join(', ')} not imported)`);
  if (c.inv.byKey.TransitGatewayPeeringAttachments.size > 0)
    c.w.note(
      'unsupported',
      `transit gateway peering is not modelled (${[...c.inv.byKey.TransitGatewayPeeringAttachments.keys()].join(', ')} not imported)`,
    );
}

/** Builds the intermediate topology of an AWS inventory. */
export function buildAws(
  inv: AwsInventory,
  warnings: Warnings,
  into: DTopology = emptyTopology(),
): DTopology {
  const c = new AwsContext(inv, into, warnings);
  buildVpcs(c);
  buildSubnets(c);
  buildHosts(c);
  buildGateways(c);
  buildPeerings(c);
  buildFilters(c);
  buildTransitGateways(c);
  buildRouteTables(c);
  buildVpn(c);
  buildDirectConnect(c);
  pruneTgwAttachments(c);
  noteUnused(c);
  return c.t;
}
