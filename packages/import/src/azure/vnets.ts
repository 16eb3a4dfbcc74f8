/** Virtual networks and their subnets (inline `subnets[]` and separate subnet resources). */
import type { DNetwork, DSubnet } from '../draft.js';
import { arr, bool, obj, str, type JsonObject } from '../internal/json.js';
import { canonicalPrefix, cidrContains, isIpv4Prefix } from '../internal/ip.js';
import { T } from './inventory.js';
import { idKey, lastSegment, parentId, prefixes, ref, type AzureObject } from './normalize.js';
import { names, originOf, outId, type Ctx } from './context.js';

/** The first IPv4 prefix of a subnet (`addressPrefix` or `addressPrefixes`, either may be null). */
function subnetPrefix(c: Ctx, s: JsonObject, where: AzureObject): string | undefined {
  const all = [
    ...(str(s['addressPrefix']) !== undefined ? [str(s['addressPrefix']) ?? ''] : []),
    ...prefixes(s['addressPrefixes']),
  ]
    .map((p) => canonicalPrefix(p))
    .filter((p) => p !== undefined);
  const v4 = all.filter(isIpv4Prefix);
  const first = v4[0] ?? all[0];
  if (all.length > 1 && new Set(all).size > 1)
    c.warn(
      where,
      'unsupported',
      `subnet ${str(s['name']) ?? '?'} has several prefixes (${[...new Set(all)].join(', ')}) — imported with ${first ?? '?'} only`,
    );
  return first;
}

function addSubnet(
  c: Ctx,
  net: DNetwork,
  s: JsonObject,
  where: AzureObject,
  origin?: string,
  out?: string,
): void {
  const name = str(s['name']);
  const id = str(s['id']) ?? (name !== undefined ? `${net.key}/subnets/${name}` : undefined);
  if (id === undefined) return;
  const key = idKey(id);
  if (c.subnets.has(key)) return;
  const cidr = subnetPrefix(c, s, where);
  if (cidr === undefined) {
    c.warn(where, 'malformed', `subnet ${name ?? id} has no address prefix — skipped`);
    return;
  }
  if (!net.cidrs.some((x) => cidrContains(x, cidr))) {
    c.warn(
      where,
      'malformed',
      `subnet ${name ?? id} (${cidr}) is outside the address space of ${net.names[0] ?? net.key} — skipped`,
    );
    return;
  }
  const rt = ref(s['routeTable']);
  const nsg = ref(s['networkSecurityGroup']);
  const doa = bool(s['defaultOutboundAccess']);
  const sub: DSubnet = {
    key,
    id: out ?? id,
    names: [name ?? lastSegment(id)],
    cidr,
    ...(rt !== undefined ? { routeTable: idKey(rt) } : {}),
    // AZ-R25: the subnet's NSG (the NSG's own `subnets[]` is a read-only copy).
    ...(nsg !== undefined ? { networkSecurityGroup: idKey(nsg) } : {}),
    ...(doa !== undefined ? { defaultOutboundAccess: doa } : {}),
    ...(origin !== undefined ? { origin } : {}),
    ...(str(s['$association']) !== undefined ? { associationOrigin: str(s['$association']) ?? '' } : {}),
  };
  net.subnets.push(sub);
  c.subnets.set(key, { net, s: sub });
}

export function buildVnets(c: Ctx): void {
  for (const v of c.all(T.vnet)) {
    const cidrs = [
      ...new Set(
        prefixes(obj(v.o['addressSpace'])?.['addressPrefixes'])
          .map((p) => canonicalPrefix(p))
          .filter((p) => p !== undefined),
      ),
    ];
    if (cidrs.length === 0) {
      c.warn(v, 'malformed', `virtual network ${str(v.o['name']) ?? v.id} has no address space — skipped`);
      continue;
    }
    const net: DNetwork = {
      key: idKey(v.id),
      id: outId(v),
      names: names(v),
      provider: 'azure',
      cidrs,
      subnets: [],
      routeTables: [],
      hosts: [],
      gateways: [],
      ...originOf(v),
    };
    c.nets.set(net.key, net);
    c.t.networks.push(net);
    arr(v.o['subnets']).forEach((x) => {
      const s = obj(x);
      if (s !== undefined) addSubnet(c, net, s, v);
    });
  }
  for (const s of c.all(T.subnet)) {
    const parent = parentId(s.id, 'subnets');
    const net = parent === undefined ? undefined : c.nets.get(idKey(parent));
    if (net === undefined) {
      c.warn(s, 'missing-reference', `subnet ${s.id}: its virtual network is not in the input — skipped`);
      continue;
    }
    addSubnet(c, net, s.o, s, s.origin, s.outId);
  }
}
