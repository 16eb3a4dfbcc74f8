/** The Azure inventory: resources by type and id key, first copy wins. */
import { ImportInputError } from '../errors.js';
import { obj } from '../internal/json.js';
import { refuseForeign } from '../aws/inventory.js';
import type { Warnings } from '../warnings.js';
import { idKey, isEffectiveRoute, resourcesOf, type AzureObject } from './normalize.js';
import { NSG_RULE_TYPE, NSG_TYPE, serviceTagsOf } from './nsg.js';

export const T = {
  vnet: 'microsoft.network/virtualnetworks',
  subnet: 'microsoft.network/virtualnetworks/subnets',
  peering: 'microsoft.network/virtualnetworks/virtualnetworkpeerings',
  routeTable: 'microsoft.network/routetables',
  route: 'microsoft.network/routetables/routes',
  nic: 'microsoft.network/networkinterfaces',
  vng: 'microsoft.network/virtualnetworkgateways',
  lng: 'microsoft.network/localnetworkgateways',
  connection: 'microsoft.network/connections',
  vm: 'microsoft.compute/virtualmachines',
  nsg: NSG_TYPE,
  nsgRule: NSG_RULE_TYPE,
} as const;

const NOT_MODELLED: Readonly<Record<string, string>> = {
  'microsoft.network/applicationsecuritygroups':
    'application security groups are not modelled (NSG rules that name them are skipped)',
  'microsoft.network/networkmanagers':
    'Azure Virtual Network Manager is not modelled (its security admin rules are not imported)',
  'microsoft.network/natgateways':
    'NAT gateways are not modelled (subnets keep their default outbound access)',
  'microsoft.network/publicipaddresses': 'public IP addresses are read from the NICs that use them',
  'microsoft.network/expressroutecircuits': 'ExpressRoute is not modelled',
  'microsoft.network/azurefirewalls':
    'Azure Firewall is not modelled (route to its private IP as a VirtualAppliance)',
  'microsoft.network/loadbalancers': 'load balancers are not modelled',
  'microsoft.network/privateendpoints': 'private endpoints are not modelled',
  'microsoft.network/virtualhubs': 'Virtual WAN is not modelled',
  'microsoft.network/vpngateways': 'Virtual WAN VPN gateways are not modelled',
};

export class AzureInventory {
  readonly byType = new Map<string, Map<string, AzureObject>>();
  /** Resources not modelled, by type, in files that hold something else too (one summary warning). */
  readonly notModelled = new Map<string, number>();
  /** Files of only not-modelled resources (each named in a warning of its own). */
  unusedFiles = 0;
  effectiveRouteFiles = 0;
  /** AZ-R30: service tag → prefixes, from `az network list-service-tags` answers among the inputs. */
  readonly serviceTags = new Map<string, string[]>();

  get(type: string): Map<string, AzureObject> {
    let m = this.byType.get(type);
    if (m === undefined) {
      m = new Map();
      this.byType.set(type, m);
    }
    return m;
  }

  put(o: AzureObject): void {
    const m = this.get(o.type);
    const k = idKey(o.id);
    if (!m.has(k)) m.set(k, o);
  }

  get size(): number {
    let n = 0;
    for (const m of this.byType.values()) n += m.size;
    return n;
  }
}

const KNOWN = new Set<string>(Object.values(T));

export function readAzureFile(inv: AzureInventory, value: unknown, file: string, warnings: Warnings): void {
  refuseForeign(value, file, 'azure');
  if (obj(value) === undefined && !Array.isArray(value))
    throw new ImportInputError(file, [], 'expected an Azure resource (a JSON object) or a list of them');
  // `az network list-service-tags` (detected by its shape): the contents of the tags NSG rules use.
  const tags = serviceTagsOf(value);
  if (tags !== undefined) {
    for (const [k, v] of tags) if (!inv.serviceTags.has(k)) inv.serviceTags.set(k, v);
    inv.unusedFiles++;
    return;
  }
  const { objects, untyped } = resourcesOf(value, file);
  const unused = new Map<string, number>();
  for (const o of objects) {
    // AVNM: the manager and its security admin configurations, rule collections and rules.
    const type = o.type.startsWith('microsoft.network/networkmanagers')
      ? 'microsoft.network/networkmanagers'
      : o.type;
    if (KNOWN.has(o.type)) inv.put(o);
    else if (type in NOT_MODELLED) unused.set(type, (unused.get(type) ?? 0) + 1);
    else
      warnings.add('unsupported', `${o.type} is not a resource cloudroute imports — skipped`, file, o.path);
  }
  const describe = ([t, n]: [string, number]): string =>
    `${NOT_MODELLED[t] ?? t} (${n} ${t.split('/').pop() ?? t})`;
  if (objects.length > 0 && [...unused.values()].reduce((a, n) => a + n, 0) === objects.length) {
    // A file of nothing cloudroute models is named, with what it holds.
    inv.unusedFiles++;
    warnings.add(
      'unsupported',
      `nothing to import in this file: ${[...unused].map(describe).join('; ')}`,
      file,
    );
  } else for (const [t, n] of unused) inv.notModelled.set(t, (inv.notModelled.get(t) ?? 0) + n);
  const effective = untyped.filter((u) => isEffectiveRoute(u.o));
  if (effective.length > 0) {
    inv.effectiveRouteFiles++;
    warnings.add(
      'unsupported',
      'an effective-routes export is a check, not configuration — compare it with `cloudroute routes … --compare`',
      file,
    );
  }
  const other = untyped.filter((u) => !isEffectiveRoute(u.o));
  if (other.length > 0 && objects.length === 0 && effective.length === 0)
    warnings.add(
      'unsupported',
      'no Azure resource (an object with `id` and `type`) in the file — skipped',
      file,
      other[0]?.path,
    );
  else
    for (const u of other.slice(0, 3))
      warnings.add('malformed', 'an object without `id` or `type` — skipped', file, u.path);
}

export { NOT_MODELLED };
