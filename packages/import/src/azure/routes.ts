/** Route tables and their routes, placed in every VNet whose subnets use them. */
import type { DHop, DNetwork, DRouteTable } from '../draft.js';
import { opaqueHop } from '../opaque.js';
import { arr, bool, obj, str, type JsonObject } from '../internal/json.js';
import { canonicalIp, canonicalPrefix } from '../internal/ip.js';
import { T } from './inventory.js';
import { idKey, lastSegment, parentId, type AzureObject } from './normalize.js';
import { names, originOf, outId, type AzureBuildOptions, type Ctx } from './context.js';

const HOPS: Readonly<Record<string, DHop['type']>> = {
  virtualappliance: 'VirtualAppliance',
  virtualnetworkgateway: 'VirtualNetworkGateway',
  vnetlocal: 'VnetLocal',
  internet: 'Internet',
  none: 'None',
};

function readRoute(c: Ctx, r: JsonObject, table: DRouteTable, where: AzureObject, origin?: string): void {
  const name = str(r['name']);
  const prefixText = str(r['addressPrefix']);
  const prefix = canonicalPrefix(prefixText);
  if (prefix === undefined) {
    // IMPORTERS.md 2.4: a service tag (`AzureMonitor`) instead of a CIDR.
    c.warn(
      where,
      'unsupported',
      `route ${name ?? '?'} to ${prefixText ?? '(none)'}: service-tag destinations are not modelled — skipped`,
    );
    return;
  }
  const typeText = str(r['nextHopType']) ?? '';
  const type = HOPS[typeText.toLowerCase()];
  let hop: DHop | undefined;
  if (type === 'VirtualAppliance') {
    const ip = canonicalIp(
      str(r['nextHopIpAddress']) ?? str(arr(obj(r['nextHop'])?.['nextHopIpAddresses'])[0]),
    );
    if (ip === undefined)
      c.warn(
        where,
        'malformed',
        `route ${name ?? prefix} → VirtualAppliance without a next-hop address — skipped`,
      );
    else hop = { type, ip };
  } else if (type !== undefined) hop = { type } as DHop;
  else if (typeText === '')
    c.warn(where, 'unsupported', `route ${name ?? prefix}: next hop type (none) is not modelled — skipped`);
  else {
    // DESIGN.md "Unknown": a next hop type cloudroute does not model (VirtualHub, a route server …)
    // stays as an opaque next hop with its kind and provider id, never dropped silently.
    const kind = typeText.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
    const id = str(r['nextHopIpAddress']) ?? str(r['id']) ?? `${where.id}/routes/${name ?? prefix}`;
    hop = opaqueHop(c, kind, id, (m) => c.warn(where, 'unsupported', `route ${name ?? prefix}: ${m}`));
  }
  if (hop === undefined) return;
  if (table.routes.some((x) => x.prefix === prefix)) {
    c.warn(
      where,
      'malformed',
      `route table ${table.names[0] ?? table.key} has two routes for ${prefix} — kept the first`,
    );
    return;
  }
  table.routes.push({
    prefix,
    hop,
    ...(name !== undefined ? { name } : {}),
    ...(origin !== undefined ? { origin } : {}),
  });
}

export function buildRouteTables(c: Ctx, options: AzureBuildOptions): void {
  const routesOf = new Map<string, AzureObject[]>();
  for (const r of c.all(T.route)) {
    const parent = parentId(r.id, 'routes');
    if (parent !== undefined) routesOf.set(idKey(parent), [...(routesOf.get(idKey(parent)) ?? []), r]);
  }
  const users = new Map<string, DNetwork[]>();
  for (const { net, s } of c.subnets.values())
    if (s.routeTable !== undefined && !(users.get(s.routeTable) ?? []).includes(net))
      users.set(s.routeTable, [...(users.get(s.routeTable) ?? []), net]);
  const placed = new Set<string>();
  for (const rt of c.all(T.routeTable)) {
    const key = idKey(rt.id);
    const hint = options.tablePlacement?.get(key);
    const nets =
      users.get(key) ?? (hint !== undefined && c.nets.has(hint) ? [c.nets.get(hint) as DNetwork] : []);
    if (nets.length === 0) {
      c.warn(
        rt,
        'unsupported',
        `route table ${str(rt.o['name']) ?? rt.id} is associated with no subnet of the imported networks — skipped`,
      );
      continue;
    }
    nets.forEach((net, i) => {
      // A table serves subnets of several VNets: one copy per VNet (scenario tables belong to a network).
      const tkey = i === 0 ? key : `${key}@${net.key}`;
      const disabled = bool(rt.o['disableBgpRoutePropagation']);
      const table: DRouteTable = {
        key: tkey,
        id: outId(rt),
        names: names(rt),
        routes: [],
        ...(disabled === true ? { propagate: false } : {}),
        ...originOf(rt),
      };
      arr(rt.o['routes']).forEach((x) => {
        const r = obj(x);
        if (r !== undefined) readRoute(c, r, table, rt);
      });
      for (const r of routesOf.get(key) ?? []) readRoute(c, r.o, table, r, r.origin);
      net.routeTables.push(table);
      if (i > 0) for (const s of net.subnets) if (s.routeTable === key) s.routeTable = tkey;
    });
    placed.add(key);
  }
  for (const { net, s } of c.subnets.values())
    if (
      s.routeTable !== undefined &&
      !placed.has(s.routeTable) &&
      !net.routeTables.some((t) => t.key === s.routeTable)
    ) {
      c.w.note(
        'missing-reference',
        `subnet ${s.names[0] ?? s.key} uses route table ${lastSegment(s.routeTable)}, which is not in the input — imported without it`,
      );
      delete s.routeTable;
    }
}
