/**
 * `import terraform --what-if`: the prior state is the topology and the plan's changes are the
 * timeline, in apply order with each provider's durations (`schedule.ts`), so that `run` shows
 * what the apply costs in connectivity. The two sides are built by the same importers and
 * compared object by object; each difference is timed by the resource change that made it.
 *
 * What the scenario format cannot create over time (networks, subnets, route tables, hosts,
 * sites, peerings) exists from the start, with a warning; a connection the plan creates is there
 * from the start with its tunnels down until its creation.
 */
import { checkGatewayUpdate, type Gateway } from '@cloudroute/model';
import type { DGateway, DRoute, DTopology } from '../draft.js';
import type { Warnings } from '../warnings.js';
import type { TfResolver } from './refs.js';
import { APPLY_START, schedule } from './schedule.js';
import { index, WhatIf, type Index } from './what-if-context.js';
import { filterChanges } from './what-if-filters.js';
import { initial } from './what-if-initial.js';

const hopKey = (r: DRoute): string => JSON.stringify(r.hop);

function modelGateway(g: DGateway): Gateway {
  return {
    name: g.key,
    kind: g.kind,
    ...(g.vpnType !== undefined ? { vpnType: g.vpnType } : {}),
    ...(g.sku !== undefined ? { sku: g.sku } : {}),
    ...(g.asn !== undefined ? { asn: g.asn } : {}),
    ...(g.activeActive !== undefined ? { activeActive: g.activeActive } : {}),
  };
}

const GATEWAY_FIELDS = ['vpnType', 'sku', 'activeActive', 'asn', 'bgpPeerIps', 'connectivity'] as const;

function gatewayChanges(before: DGateway, after: DGateway): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  for (const f of GATEWAY_FIELDS)
    if (JSON.stringify(before[f]) !== JSON.stringify(after[f]) && after[f] !== undefined) set[f] = after[f];
  return set;
}

function diffRoutes(
  x: WhatIf,
  table: string,
  before: readonly DRoute[],
  after: readonly DRoute[],
  tableOrigin: string | undefined,
): void {
  const old = new Map(before.map((r) => [r.prefix, r]));
  const next = new Map(after.map((r) => [r.prefix, r]));
  for (const [p, r] of old)
    if (!next.has(p)) {
      const origin = r.origin ?? tableOrigin;
      x.push({ at: x.at(origin, 'remove'), do: 'route.remove', table, prefix: p }, origin);
    }
  for (const [p, r] of next) {
    const origin = r.origin ?? tableOrigin;
    const prev = old.get(p);
    if (prev === undefined) x.push({ at: x.at(origin, 'apply'), do: 'route.add', table, route: r }, origin);
    else if (hopKey(prev) !== hopKey(r))
      x.push({ at: x.at(origin, 'apply'), do: 'route.replace', table, route: r }, origin);
    else if (r.origin !== undefined && x.replaced(r.origin)) {
      // Replaced with the same content: gone between its delete and its create.
      x.push({ at: x.at(origin, 'remove'), do: 'route.remove', table, prefix: p }, origin);
      x.push({ at: x.at(origin, 'apply'), do: 'route.add', table, route: r }, origin);
    }
  }
}

/**
 * The what-if scenario of a plan: the topology before it at t=0 and its changes as the timeline, in
 * apply order with each provider's durations.
 */
export function whatIf(r: TfResolver, before: DTopology, after: DTopology, w: Warnings): DTopology {
  const x = new WhatIf(r, schedule(r), w);
  const a = index(after);
  const b = index(before);
  const t0 = initial(before, after, a, b, x);
  filterChanges(t0, before, after, x);
  for (const [key, { net, t }] of a.tables) {
    const old = b.tables.get(key);
    diffRoutes(x, key, old?.t.routes ?? [], t.routes, t.origin);
    const dflt = net.provider === 'azure';
    const was = old === undefined ? (t.propagate ?? dflt) : (old.t.propagate ?? dflt);
    if ((t.propagate ?? dflt) !== was)
      x.push(
        { at: x.at(t.origin, 'apply'), do: 'propagation.set', table: key, enabled: t.propagate ?? dflt },
        t.origin,
      );
  }
  for (const [key, { t }] of b.tables)
    if (!a.tables.has(key))
      w.note(
        'unsupported',
        `route table ${t.names[0] ?? key} is deleted by the plan: not simulated (it stays, used by no subnet)`,
      );
  for (const [key, { net, s }] of a.subnets) {
    const old = b.subnets.get(key)?.s;
    if (old !== undefined && (old.mapPublicIpOnLaunch ?? false) !== (s.mapPublicIpOnLaunch ?? false))
      w.note(
        'unsupported',
        `subnet ${s.names[0] ?? key}: map_public_ip_on_launch becomes ${String(s.mapPublicIpOnLaunch ?? false)}: not simulated — it applies to instances launched after the apply (AWS-R15), so the timeline keeps the value before the plan`,
      );
    const mainOf = (ix: Index): string | undefined =>
      [...ix.tables.values()].find((v) => v.net.key === net.key && v.t.main === true)?.t.key;
    const from = old?.routeTable ?? (net.provider === 'aws' ? mainOf(b) : undefined);
    const to = s.routeTable ?? (net.provider === 'aws' ? mainOf(a) : undefined);
    const origin = s.associationOrigin ?? old?.associationOrigin ?? s.origin;
    if (from !== to) {
      if (to === undefined)
        x.push(
          {
            at: x.at(old?.associationOrigin ?? origin, 'remove'),
            do: 'routeTable.associate',
            subnet: key,
            table: null,
          },
          old?.associationOrigin ?? origin,
        );
      else
        x.push(
          { at: x.at(origin, 'apply'), do: 'routeTable.associate', subnet: key, table: s.routeTable ?? to },
          origin,
        );
    } else if (to !== undefined && s.associationOrigin !== undefined && x.replaced(s.associationOrigin)) {
      x.push(
        { at: x.at(s.associationOrigin, 'remove'), do: 'routeTable.associate', subnet: key, table: null },
        s.associationOrigin,
      );
      x.push(
        { at: x.at(s.associationOrigin, 'apply'), do: 'routeTable.associate', subnet: key, table: to },
        s.associationOrigin,
      );
    }
  }
  for (const [key, { net, g }] of a.gateways) {
    const old = b.gateways.get(key);
    if (old === undefined) {
      if (g.kind !== 'tgw')
        x.push(
          { at: x.at(g.origin, 'create-start'), do: 'gateway.create', network: net.key, gateway: g },
          g.origin,
        );
      else
        w.note(
          'unsupported',
          `transit gateway ${g.names[0] ?? key} is created by the plan: present from the start`,
        );
      continue;
    }
    const set = gatewayChanges(old.g, g);
    if (x.replaced(g.origin)) {
      // AZ-R17 / AWS-R21: a change the provider makes only by recreating is a recreate; any other
      // replacement is a delete and a create of the same gateway (same outage, the engine's durations).
      const at = x.at(g.origin, 'delete-start');
      if (checkGatewayUpdate(net.provider, modelGateway(old.g), set) !== undefined)
        x.push({ at, do: 'gateway.update', gateway: key, set, recreate: true }, g.origin);
      else {
        x.push({ at, do: 'gateway.delete', gateway: key }, g.origin);
        x.push({ at, do: 'gateway.create', network: net.key, gateway: g }, g.origin);
      }
    } else if (Object.keys(set).length > 0) {
      // AZ-R18: the engine runs an Azure SKU upgrade for profile.azure.skuUpgrade itself, so the
      // update starts when Terraform's does (its end would count the 45 minutes twice).
      const timing = g.kind === 'vpn' && 'sku' in set ? 'create-start' : 'apply';
      x.push({ at: x.at(g.origin, timing), do: 'gateway.update', gateway: key, set }, g.origin);
    }
  }
  for (const [key, { g }] of b.gateways)
    if (!a.gateways.has(key) && g.kind !== 'tgw')
      x.push({ at: x.at(g.origin, 'delete-start'), do: 'gateway.delete', gateway: key }, g.origin);
  for (const [key, { net, h }] of a.hosts) {
    const old = b.hosts.get(key)?.h;
    if (old === undefined) continue;
    const set: Record<string, unknown> = {};
    if (net.provider === 'aws' && (old.sourceDestCheck ?? true) !== (h.sourceDestCheck ?? true))
      set['sourceDestCheck'] = h.sourceDestCheck ?? true;
    if (net.provider === 'azure' && (old.ipForwarding ?? false) !== (h.ipForwarding ?? false))
      set['ipForwarding'] = h.ipForwarding ?? false;
    // AWS-R15: a host without its own publicIp has one when its subnet maps public IPs.
    const pub = (ix: Index, v: typeof h): boolean =>
      v.publicIp ?? ix.subnets.get(v.subnet)?.s.mapPublicIpOnLaunch === true;
    if (pub(b, old) !== pub(a, h)) set['publicIp'] = pub(a, h);
    if (Object.keys(set).length > 0)
      x.push({ at: x.at(h.origin, 'apply'), do: 'host.update', host: key, set }, h.origin);
  }
  // Same-time actions keep apply order: removals first, then creations (a replaced gateway's delete before its create).
  t0.timeline = [...t0.timeline, ...x.actions].sort((p, q) => p.at - q.at);
  const ends = [
    ...x.actions.map((v) => v.at),
    ...[...x.sched.values()].flatMap((o) => Object.values(o).map((t) => t.end)),
  ];
  const last = Math.max(APPLY_START, ...ends);
  t0.horizon = Math.max(3600, Math.ceil((last + 1800) / 300) * 300);
  return t0;
}
