/**
 * Azure inventory → intermediate topology (IMPORTERS.md §2): VNets and subnets, route tables
 * (placed in every VNet whose subnets use them), NICs as hosts, VPN gateways, local network
 * gateways as sites, connections and peerings. Forward references (subnet → route table) are the
 * truth; back-references are read-only duplicates (2.2).
 */
import type { DTopology } from '../draft.js';
import { emptyTopology } from '../draft.js';
import type { Warnings } from '../warnings.js';
import { NOT_MODELLED, type AzureInventory } from './inventory.js';
import { buildNsgs } from './nsg.js';
import { Ctx, type AzureBuildOptions } from './context.js';
import { buildVnets } from './vnets.js';
import { buildRouteTables } from './routes.js';
import { buildHosts } from './hosts.js';
import { buildConnections, buildGateways, buildSites } from './gateways.js';
import { buildPeerings } from './peerings.js';

export type { AzureBuildOptions } from './context.js';

export function buildAzure(
  inv: AzureInventory,
  warnings: Warnings,
  options: AzureBuildOptions = {},
  into: DTopology = emptyTopology(),
): DTopology {
  const c = new Ctx(inv, into, warnings);
  buildVnets(c);
  buildRouteTables(c, options);
  buildHosts(c);
  buildGateways(c);
  buildSites(c);
  buildConnections(c);
  buildPeerings(c);
  buildNsgs(
    inv,
    c.t,
    c.t.networks.flatMap((net) => [
      ...net.subnets.map((s) => ({ net, holder: s, what: `subnet ${s.names[0] ?? s.key}` })),
      ...net.hosts.map((h) => ({ net, holder: h, what: `network interface ${h.names.at(-1) ?? h.key}` })),
    ]),
    inv.serviceTags,
    warnings,
  );
  for (const [type, n] of inv.notModelled)
    warnings.note('unsupported', `${NOT_MODELLED[type] ?? type} (${n} ${type.split('/').pop() ?? type})`);
  return c.t;
}
