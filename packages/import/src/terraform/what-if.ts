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
import type {
  DAction,
  DConnection,
  DGateway,
  DNetwork,
  DRoute,
  DRouteTable,
  DSubnet,
  DTopology,
} from '../draft.js';
import type { Warnings } from '../warnings.js';
import type { TfResolver } from './refs.js';
import { APPLY_START, schedule, type Schedule } from './schedule.js';

interface Index {
  readonly nets: Map<string, DNetwork>;
  readonly subnets: Map<string, { net: DNetwork; s: DSubnet }>;
  readonly tables: Map<string, { net: DNetwork; t: DRouteTable }>;
  readonly gateways: Map<string, { net: DNetwork; g: DGateway }>;
  readonly hosts: Map<string, { net: DNetwork; h: DNetwork['hosts'][number] }>;
  readonly connections: Map<string, DConnection>;
}

function index(t: DTopology): Index {
  const ix: Index = {
    nets: new Map(),
    subnets: new Map(),
    tables: new Map(),
    gateways: new Map(),
    hosts: new Map(),
    connections: new Map(),
  };
  for (const n of t.networks) {
    ix.nets.set(n.key, n);
    for (const s of n.subnets) ix.subnets.set(s.key, { net: n, s });
    for (const r of n.routeTables) ix.tables.set(r.key, { net: n, t: r });
    for (const g of n.gateways) ix.gateways.set(g.key, { net: n, g });
    for (const h of n.hosts) ix.hosts.set(h.key, { net: n, h });
  }
  for (const c of t.connections) ix.connections.set(c.key, c);
  return ix;
}

const clone = <T>(v: T): T => structuredClone(v);
const hopKey = (r: DRoute): string => JSON.stringify(r.hop);

type Timing = 'apply' | 'remove' | 'create-start' | 'delete-start';

class WhatIf {
  readonly actions: DAction[] = [];
  constructor(
    readonly r: TfResolver,
    readonly sched: Schedule,
    readonly w: Warnings,
  ) {}

  replaced(origin: string | undefined): boolean {
    const i = origin === undefined ? undefined : this.r.plan.instances.find((x) => x.address === origin);
    return i !== undefined && i.actions.includes('delete') && i.actions.includes('create');
  }

  at(origin: string | undefined, timing: Timing): number {
    const ops = origin === undefined ? undefined : this.sched.get(origin);
    if (ops === undefined) return APPLY_START;
    switch (timing) {
      case 'apply':
        return (ops.create ?? ops.update)?.end ?? ops.delete?.end ?? APPLY_START;
      case 'create-start':
        return (ops.create ?? ops.update)?.start ?? APPLY_START;
      case 'remove':
      case 'delete-start':
        return ops.delete?.start ?? (ops.update ?? ops.create)?.start ?? APPLY_START;
    }
  }

  push(a: DAction, origin: string | undefined): void {
    this.actions.push(origin === undefined ? a : { ...a, origin });
  }
}

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

/** The t=0 topology: the prior state plus what the timeline cannot create. */
function initial(before: DTopology, after: DTopology, a: Index, b: Index, x: WhatIf): DTopology {
  const t0 = clone(before);
  const t0ix = index(t0);
  const structural: string[] = [];
  for (const n of after.networks) {
    let net = t0ix.nets.get(n.key);
    if (net === undefined) {
      net = { ...clone(n), subnets: [], routeTables: [], hosts: [], gateways: [] };
      t0.networks.push(net);
      t0ix.nets.set(n.key, net);
      structural.push(`network ${n.names[0] ?? n.key}`);
    }
    for (const s of n.subnets)
      if (!b.subnets.has(s.key)) {
        const { routeTable: _rt, ...rest } = clone(s);
        net.subnets.push(rest);
        structural.push(`subnet ${s.names[0] ?? s.key}`);
      }
    for (const t of n.routeTables)
      if (!b.tables.has(t.key)) {
        net.routeTables.push({
          ...clone(t),
          routes: [],
          ...(t.main === true && b.tables.size > 0 ? { main: false } : {}),
        });
        structural.push(`route table ${t.names[0] ?? t.key}`);
      }
    for (const h of n.hosts)
      if (!b.hosts.has(h.key)) {
        net.hosts.push(clone(h));
        structural.push(`host ${h.names[0] ?? h.key}`);
      }
    for (const g of n.gateways) {
      const old = b.gateways.get(g.key);
      if (g.kind !== 'tgw' || old === undefined) continue;
      const shape = (v: DGateway): string => JSON.stringify([v.attachments, v.routeTables]);
      if (shape(old.g) !== shape(g)) {
        const mine = net.gateways.find((y) => y.key === g.key);
        if (mine !== undefined) {
          mine.attachments = clone(g.attachments ?? []);
          mine.routeTables = clone(g.routeTables ?? []);
        }
        x.w.note(
          'unsupported',
          `transit gateway ${g.names[0] ?? g.key}: attachment and TGW route table changes are applied from the start (no timeline action changes them)`,
        );
      }
    }
  }
  const known = new Set(t0.sites.map((s) => s.key));
  for (const s of after.sites)
    if (!known.has(s.key)) {
      t0.sites.push(clone(s));
      structural.push(`site ${s.names[0] ?? s.key}`);
    }
  const peers = new Set(t0.peerings.map((p) => p.key));
  for (const p of after.peerings)
    if (!peers.has(p.key)) {
      t0.peerings.push(clone(p));
      structural.push(`peering ${p.names[0] ?? p.key}`);
    }
  if (structural.length > 0)
    x.w.note(
      'assumed',
      `created by the plan and present from the start (the timeline cannot create them): ${structural.join(', ')}`,
    );
  for (const c of after.connections) {
    if (b.connections.has(c.key)) continue;
    const endsExist = b.gateways.has(c.gateway) && ('site' in c.other || b.gateways.has(c.other.gateway));
    if (!endsExist) {
      x.w.note(
        'unsupported',
        `connection ${c.names[0] ?? c.key} ends at a gateway the plan creates: not simulated (a connection cannot be created by the timeline)`,
      );
      continue;
    }
    t0.connections.push(clone(c));
    x.push({ at: 0, do: 'tunnel.down', connection: c.key }, c.origin);
    x.push({ at: x.at(c.origin, 'apply'), do: 'tunnel.up', connection: c.key }, c.origin);
  }
  for (const c of before.connections) {
    if (!a.connections.has(c.key))
      x.push({ at: x.at(c.origin, 'delete-start'), do: 'tunnel.down', connection: c.key }, c.origin);
    else if (x.replaced(c.origin)) {
      // Replaced: no tunnels from its delete until its create is done.
      x.push({ at: x.at(c.origin, 'delete-start'), do: 'tunnel.down', connection: c.key }, c.origin);
      x.push({ at: x.at(c.origin, 'apply'), do: 'tunnel.up', connection: c.key }, c.origin);
    }
  }
  for (const [key, { s }] of b.subnets)
    if (!a.subnets.has(key))
      x.w.note('unsupported', `subnet ${s.names[0] ?? key} is deleted by the plan: not simulated (it stays)`);
  for (const [key, { h }] of b.hosts)
    if (!a.hosts.has(key))
      x.w.note('unsupported', `host ${h.names[0] ?? key} is deleted by the plan: not simulated (it stays)`);
  return t0;
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

const FILTER_KINDS = ['prefixLists', 'securityGroups', 'networkAcls', 'networkSecurityGroups'] as const;
type FilterObject = NonNullable<DNetwork[(typeof FILTER_KINDS)[number]]>[number];

/**
 * Filters (FILTERS.md) across the plan. Those the plan creates exist from the start (unused until
 * something the timeline keeps as before names them; new hosts and subnets, present from the start,
 * may). A change to a filter or to what uses it (a subnet's NACL or NSG, a host's groups) is not
 * expressed in the timeline: the scenario keeps the filters before the plan, and says so.
 */
function filterChanges(t0: DTopology, before: DTopology, after: DTopology, w: Warnings): void {
  const all = (t: DTopology): Map<string, FilterObject> => {
    const m = new Map<string, FilterObject>();
    for (const n of t.networks) for (const k of FILTER_KINDS) for (const f of n[k] ?? []) m.set(f.key, f);
    return m;
  };
  const b = all(before);
  const a = all(after);
  const created: string[] = [];
  const changed: string[] = [];
  const same = (p: unknown, q: unknown): boolean => JSON.stringify(p) === JSON.stringify(q);
  for (const n of after.networks) {
    const net = t0.networks.find((x) => x.key === n.key);
    for (const k of FILTER_KINDS)
      for (const f of n[k] ?? []) {
        const old = b.get(f.key);
        if (old === undefined) {
          if (net !== undefined && !(net[k] ?? []).some((y) => y.key === f.key)) {
            ((net[k] ??= []) as FilterObject[]).push(clone(f));
            created.push(f.names[0] ?? f.key);
          }
        } else if (!same({ ...old, origin: undefined }, { ...f, origin: undefined }))
          changed.push(f.names[0] ?? f.key);
      }
  }
  for (const [key, f] of b) if (!a.has(key)) changed.push(`${f.names[0] ?? key} (deleted)`);
  const bx = index(before);
  for (const n of after.networks) {
    for (const s of n.subnets) {
      const old = bx.subnets.get(s.key)?.s;
      if (
        old !== undefined &&
        !same([old.networkAcl, old.networkSecurityGroup], [s.networkAcl, s.networkSecurityGroup])
      )
        changed.push(`subnet ${s.names[0] ?? s.key}'s filter`);
    }
    for (const h of n.hosts) {
      const old = bx.hosts.get(h.key)?.h;
      if (
        old !== undefined &&
        !same([old.securityGroups, old.networkSecurityGroup], [h.securityGroups, h.networkSecurityGroup])
      )
        changed.push(`host ${h.names[0] ?? h.key}'s filters`);
    }
  }
  if (created.length > 0)
    w.note(
      'assumed',
      `filters created by the plan and present from the start (the timeline cannot create them): ${created.join(', ')}`,
    );
  if (changed.length > 0)
    w.note(
      'unsupported',
      `filter changes of the plan are not in the timeline (the scenario keeps the filters before the plan): ${changed.join(', ')}`,
    );
}

export function whatIf(r: TfResolver, before: DTopology, after: DTopology, w: Warnings): DTopology {
  const x = new WhatIf(r, schedule(r), w);
  const a = index(after);
  const b = index(before);
  const t0 = initial(before, after, a, b, x);
  filterChanges(t0, before, after, w);
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
