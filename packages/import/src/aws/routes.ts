/**
 * Route tables (IMPORTERS.md 1.4): explicit and main associations, routes by `Origin` and `State`,
 * targets by field first and id prefix second, prefix lists expanded. Propagated routes are not
 * written as routes: the table gets `propagateGatewayRoutes` and the prefixes are remembered as
 * what the VGW learned, for the sites that advertise them (`vpn.ts`).
 */
import type { DGateway, DHop, DNetwork, DRoute, DRouteTable } from '../draft.js';
import { arr, nameTag, obj, str, type JsonObject } from '../internal/json.js';
import { canonicalIp, canonicalPrefix } from '../internal/ip.js';
import type { AwsContext } from './context.js';
import type { AwsRecord } from './inventory.js';
import { opaqueHop } from '../opaque.js';

const KNOWN_ORIGINS = ['CreateRouteTable', 'CreateRoute', 'EnableVgwRoutePropagation', 'Advertisement'];
/**
 * Targets cloudroute does not model, with the opaque kind they keep (DESIGN.md "Unknown"): a
 * route's `VpcEndpointId` is a Gateway Load Balancer endpoint (Network Firewall endpoints are ones).
 */
const UNSUPPORTED_TARGETS: readonly [string, string][] = [
  ['LocalGatewayId', 'local-gateway'],
  ['CarrierGatewayId', 'carrier-gateway'],
  ['CoreNetworkArn', 'core-network'],
  ['OdbNetworkArn', 'odb-network'],
  ['VpcEndpointId', 'gwlbe'],
];

/** Destinations of a route: its CIDR, or the CIDRs of its prefix list. */
function destinations(
  c: AwsContext,
  rec: AwsRecord,
  r: JsonObject,
  sub: (string | number)[],
): string[] | undefined {
  const cidr = str(r['DestinationCidrBlock']) ?? str(r['DestinationIpv6CidrBlock']);
  if (cidr !== undefined) {
    const p = canonicalPrefix(cidr);
    if (p === undefined) c.warn(rec, 'malformed', `route destination ${cidr} is not a prefix — skipped`, sub);
    return p === undefined ? undefined : [p];
  }
  const pl = str(r['DestinationPrefixListId']);
  if (pl !== undefined) {
    const cidrs = c.inv.prefixLists.get(pl);
    if (cidrs === undefined) {
      // IMPORTERS.md 1.4: unexpanded prefix lists are reported, never dropped silently.
      c.warn(
        rec,
        'missing-reference',
        `route to prefix list ${pl} skipped: its CIDRs are not in the input (add describe-prefix-lists or get-managed-prefix-list-entries)`,
        sub,
      );
      return undefined;
    }
    return cidrs.map((x) => canonicalPrefix(x)).filter((x) => x !== undefined);
  }
  c.warn(rec, 'malformed', 'route without a destination — skipped', sub);
  return undefined;
}

/** A gateway of the VPC by id; an active route's IGW or VGW that is not in the input is added. */
function ownGateway(
  c: AwsContext,
  net: DNetwork,
  id: string,
  kind: DGateway['kind'],
  rec: AwsRecord,
  sub: (string | number)[],
): string | undefined {
  const g = c.gateways.get(id);
  if (g !== undefined) {
    if (g.net === net && g.g.kind === kind) return id;
    c.warn(rec, 'malformed', `route target ${id} is not a gateway of ${net.key} — route skipped`, sub);
    return undefined;
  }
  if (
    kind === 'igw' ||
    kind === 'egressOnlyIgw' ||
    (kind === 'vgw' && !net.gateways.some((x) => x.kind === 'vgw'))
  ) {
    const gw: DGateway = { key: id, id, names: [], kind };
    net.gateways.push(gw);
    c.gateways.set(id, { net, g: gw });
    c.warn(
      rec,
      'missing-reference',
      `route target ${id} is not in the input — added to ${net.key} as an attached ${kind}`,
      sub,
    );
    return id;
  }
  c.warn(rec, 'missing-reference', `route target ${id} is not in the input — route skipped`, sub);
  return undefined;
}

/** The next hop of a route; undefined (with a warning) when cloudroute cannot express it. */
function target(
  c: AwsContext,
  net: DNetwork,
  rec: AwsRecord,
  r: JsonObject,
  sub: (string | number)[],
): DHop | undefined {
  const gw = str(r['GatewayId']);
  const nat = str(r['NatGatewayId']) ?? (gw?.startsWith('nat-') === true ? gw : undefined);
  const eigw = str(r['EgressOnlyInternetGatewayId']) ?? (gw?.startsWith('eigw-') === true ? gw : undefined);
  const tgw = str(r['TransitGatewayId']);
  const pcx = str(r['VpcPeeringConnectionId']);
  const eni = str(r['NetworkInterfaceId']);
  const instance = str(r['InstanceId']);
  // Terraform records name targets by address: the gateway's kind decides, not the id prefix.
  const named = [gw, str(r['NatGatewayId']), str(r['EgressOnlyInternetGatewayId'])].find(
    (x) => x !== undefined && c.gateways.has(x),
  );
  const known = named === undefined ? undefined : c.gateways.get(named);
  if (named !== undefined && known !== undefined && known.g.kind !== 'tgw') {
    if (known.net !== net) {
      c.warn(rec, 'malformed', `route target ${named} is not a gateway of ${net.key} — route skipped`, sub);
      return undefined;
    }
    return {
      type:
        known.g.kind === 'egressOnlyIgw'
          ? 'igw'
          : known.g.kind === 'vpcEndpoint'
            ? 'vpce' // AWS-R45: an endpoint already met in another table of the VPC
            : (known.g.kind as 'igw' | 'nat' | 'vgw'),
      gateway: named,
    };
  }
  if (nat !== undefined) {
    const k = ownGateway(c, net, nat, 'nat', rec, sub);
    return k === undefined ? undefined : { type: 'nat', gateway: k };
  }
  if (eigw !== undefined) {
    const k = ownGateway(c, net, eigw, 'egressOnlyIgw', rec, sub);
    return k === undefined ? undefined : { type: 'igw', gateway: k };
  }
  if (tgw !== undefined) {
    if (!c.gateways.has(tgw)) {
      c.warn(
        rec,
        'missing-reference',
        `route target ${tgw} (transit gateway) is not in the input or has no attachment here — route skipped`,
        sub,
      );
      return undefined;
    }
    return { type: 'tgw', gateway: tgw };
  }
  if (pcx !== undefined) {
    if (!c.peerings.has(pcx)) {
      c.warn(
        rec,
        'missing-reference',
        `route target ${pcx} is not an active peering in the input — route skipped`,
        sub,
      );
      return undefined;
    }
    return { type: 'peering', peering: pcx };
  }
  // IMPORTERS.md 1.4: a NAT instance route carries both InstanceId and NetworkInterfaceId: target the ENI.
  const eniId = eni ?? (instance !== undefined ? (c.instanceEni.get(instance) ?? instance) : undefined);
  if (eni !== undefined || instance !== undefined) {
    const info = eniId === undefined ? undefined : c.enis.get(eniId);
    if (info === undefined) {
      c.warn(
        rec,
        'missing-reference',
        `route target ${eni ?? instance ?? ''} is not in the input (add describe-network-interfaces) — route skipped`,
        sub,
      );
      return undefined;
    }
    return { type: 'eni', ip: info.ip };
  }
  if (gw !== undefined) {
    if (gw === 'local') return { type: 'local' };
    if (gw.startsWith('igw-')) {
      const k = ownGateway(c, net, gw, 'igw', rec, sub);
      return k === undefined ? undefined : { type: 'igw', gateway: k };
    }
    if (gw.startsWith('vgw-')) {
      const k = ownGateway(c, net, gw, 'vgw', rec, sub);
      return k === undefined ? undefined : { type: 'vgw', gateway: k };
    }
    if (gw.startsWith('vpce-')) {
      // AWS-R45: a gateway endpoint (S3, DynamoDB); its route's prefixes (the service's prefix
      // list, expanded) are delivered there. The route itself shows the endpoint exists.
      const known = c.gateways.get(gw);
      if (known === undefined) {
        const service = c.inv.prefixListNames.get(str(r['DestinationPrefixListId']) ?? '');
        const g: DGateway = {
          key: gw,
          id: gw,
          names: [],
          kind: 'vpcEndpoint',
          ...(service ? { service } : {}),
        };
        net.gateways.push(g);
        c.gateways.set(gw, { net, g });
      } else if (known.net !== net || known.g.kind !== 'vpcEndpoint') {
        c.warn(
          rec,
          'malformed',
          `route target ${gw} is not a gateway endpoint of ${net.key} — route skipped`,
          sub,
        );
        return undefined;
      }
      return { type: 'vpce', gateway: gw };
    }
    // Unknown target kind: kept, opaque (DESIGN.md "Unknown"), never dropped silently.
    return opaqueHop(c, 'other', gw, (m) => c.warn(rec, 'unknown-value', m, sub));
  }
  for (const [field, kind] of UNSUPPORTED_TARGETS) {
    const id = str(r[field]);
    if (id !== undefined) return opaqueHop(c, kind, id, (m) => c.warn(rec, 'unsupported', m, sub));
  }
  c.warn(rec, 'malformed', 'route without a target — skipped', sub);
  return undefined;
}

function addRoute(table: DRouteTable, route: DRoute): void {
  if (!table.routes.some((r) => r.prefix === route.prefix)) table.routes.push(route);
}

function readRoutes(c: AwsContext, net: DNetwork, table: DRouteTable, rec: AwsRecord): void {
  arr(rec.o['Routes']).forEach((x, i) => {
    const r = obj(x);
    const sub = ['Routes', i];
    if (r === undefined) return;
    const origin = str(r['Origin']) ?? 'CreateRoute';
    const state = str(r['State']) ?? 'active';
    if (!KNOWN_ORIGINS.includes(origin))
      c.warn(
        rec,
        'unknown-value',
        `route Origin ${origin} is not one cloudroute knows — imported as a static route`,
        sub,
      );
    if (state === 'filtered') {
      c.warn(rec, 'stale', 'route in state filtered (not installed) — skipped', sub);
      return;
    }
    if (state !== 'active' && state !== 'blackhole')
      c.warn(
        rec,
        'unknown-value',
        `route State ${state} is not one cloudroute knows — imported as active`,
        sub,
      );
    const dests = destinations(c, rec, r, sub);
    if (dests === undefined) return;
    if (origin === 'EnableVgwRoutePropagation') {
      // Propagated from the VGW: the VGW's BGP routes reproduce it (AWS-R27); remember the prefixes.
      const vgw = str(r['GatewayId']) ?? '';
      const set = c.propagated.get(vgw) ?? new Set<string>();
      for (const d of dests) set.add(d);
      c.propagated.set(vgw, set);
      if (table.propagate !== true) {
        table.propagate = true;
        c.warn(
          rec,
          'assumed',
          `route propagated from ${vgw} although PropagatingVgws is empty — propagation taken as on`,
          sub,
        );
      }
      return;
    }
    if (origin === 'CreateRouteTable' && str(r['GatewayId']) === 'local') {
      // AWS-R1: the local route of each VPC CIDR is implicit in the scenario.
      for (const d of dests)
        if (!net.cidrs.includes(d)) addRoute(table, { prefix: d, hop: { type: 'local' } });
      return;
    }
    let hop: DHop | undefined;
    if (origin === 'Advertisement') {
      // VPC Route Server: a next hop by address.
      const ip = canonicalIp(str(r['IpAddress']));
      if (ip === undefined) {
        c.warn(
          rec,
          'unsupported',
          'route advertised by VPC Route Server without a next-hop address — skipped',
          sub,
        );
        return;
      }
      c.warn(rec, 'assumed', `route advertised by VPC Route Server imported as a static route to ${ip}`, sub);
      hop = { type: 'eni', ip };
    } else if (state === 'blackhole') {
      // AWS-R12: the target is gone; the route stays and drops what it matches.
      hop = { type: 'blackhole' };
    } else hop = target(c, net, rec, r, sub);
    if (hop === undefined) return;
    if (hop.type === 'local' && dests.every((d) => net.cidrs.includes(d))) return;
    for (const d of dests)
      addRoute(table, {
        prefix: d,
        hop,
        ...(typeof r['$origin'] === 'string' ? { origin: r['$origin'] } : {}),
      });
  });
}

export function buildRouteTables(c: AwsContext): void {
  for (const [id, rec] of c.inv.byKey.RouteTables) {
    const net = c.network(rec, str(rec.o['VpcId']), `route table ${id}`);
    if (net === undefined) continue;
    const table: DRouteTable = {
      key: id,
      id: c.idOf(rec, id),
      names: [nameTag(rec.o)].filter((n) => n !== undefined),
      routes: [],
      ...(rec.origin !== undefined ? { origin: rec.origin } : {}),
    };
    arr(rec.o['Associations']).forEach((x, i) => {
      const a = obj(x);
      const state = str(obj(a?.['AssociationState'])?.['State']) ?? 'associated';
      if (a === undefined || state === 'disassociated' || state === 'disassociating' || state === 'failed')
        return;
      const sub = ['Associations', i];
      if (a['Main'] === true) {
        // AWS-R10: one main table per VPC; subnets without an explicit association use it.
        if (net.routeTables.some((t) => t.main === true))
          c.warn(
            rec,
            'malformed',
            `${id} is marked main but ${net.key} already has a main table — kept as a plain table`,
            sub,
          );
        else table.main = true;
      }
      const subnetId = str(a['SubnetId']);
      if (subnetId !== undefined) {
        const s = c.subnets.get(subnetId);
        if (s === undefined || s.net !== net)
          c.warn(
            rec,
            'missing-reference',
            `association with subnet ${subnetId}, which is not in the input — skipped`,
            sub,
          );
        else if (s.s.routeTable !== undefined && s.s.routeTable !== id)
          c.warn(
            rec,
            'malformed',
            `subnet ${subnetId} is associated with ${s.s.routeTable} and ${id} — kept ${s.s.routeTable}`,
            sub,
          );
        else {
          s.s.routeTable = id;
          const origin = a['$origin'];
          if (typeof origin === 'string') s.s.associationOrigin = origin;
        }
      }
      const edge = str(a['GatewayId']);
      if (edge !== undefined)
        c.warn(
          rec,
          'unsupported',
          `edge association with ${edge} (ingress routing) is not modelled — the table is imported without it`,
          sub,
        );
    });
    if (arr(rec.o['PropagatingVgws']).some((v) => str(obj(v)?.['GatewayId']) !== undefined))
      table.propagate = true;
    net.routeTables.push(table);
    readRoutes(c, net, table, rec);
  }
}
