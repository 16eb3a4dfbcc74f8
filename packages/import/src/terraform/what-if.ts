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
  DNetworkAcl,
  DNsg,
  DNsgRule,
  DPrefixList,
  DRoute,
  DRouteTable,
  DSecurityGroup,
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

/** Resources that change a filter's rules without being the filter. */
const RULE_TYPES = new Set([
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
  'aws_vpc_security_group_egress_rule',
  'aws_network_acl_rule',
  'azurerm_network_security_rule',
]);

/**
 * Filters (FILTERS.md) across the plan. Those the plan creates exist from the start (the timeline
 * cannot create them; nothing the timeline keeps as before names them). Rule changes become
 * `filterRule.*` actions: NACL entries by number, NSG rules by name, unnamed security-group rules
 * removed and added by content; a host's groups, a subnet's NACL or NSG, `host.update` /
 * `subnet.update`. Each is timed by the filter's change or, later, a rule resource's that names
 * it. What the timeline cannot say (a deleted filter, a prefix list's CIDRs, an association
 * removed) keeps its state before the plan, noted.
 */
function filterChanges(t0: DTopology, before: DTopology, after: DTopology, x: WhatIf): void {
  const all = (t: DTopology): Map<string, { f: FilterObject; kind: (typeof FILTER_KINDS)[number] }> => {
    const m = new Map<string, { f: FilterObject; kind: (typeof FILTER_KINDS)[number] }>();
    for (const n of t.networks)
      for (const kind of FILTER_KINDS) for (const f of n[kind] ?? []) m.set(f.key, { f, kind });
    return m;
  };
  const b = all(before);
  const a = all(after);
  const created: string[] = [];
  const kept: string[] = [];
  const json = (v: unknown): string => JSON.stringify(v);
  const label = (f: { names: string[]; key: string }): string => f.names[0] ?? f.key;
  const originOf = (f: FilterObject | undefined): string | undefined =>
    f !== undefined && 'origin' in f ? f.origin : undefined;
  /** When a filter's rules change: its own change, or a later rule resource's naming it. */
  const when = (origin: string | undefined): number => {
    const own = x.at(origin, 'apply');
    if (origin === undefined) return own;
    const rules = x.r.plan.instances.filter(
      (i) =>
        RULE_TYPES.has(i.type) &&
        i.actions.some((v) => v === 'create' || v === 'update' || v === 'delete') &&
        x.r.dependencies(i).includes(origin),
    );
    return Math.max(own, ...rules.map((i) => x.at(i.address, 'apply')));
  };
  /** When the association resources the plan changes for a subnet or a host are done. */
  const associations = (holder: string | undefined): number[] =>
    holder === undefined
      ? []
      : x.r.plan.instances
          .filter(
            (i) =>
              /(_acl_association|_security_group_association|_sg_attachment)$/.test(i.type) &&
              i.actions.some((v) => v === 'create' || v === 'update') &&
              x.r.dependencies(i).includes(holder),
          )
          .map((i) => x.at(i.address, 'apply'));
  for (const n of after.networks) {
    const net = t0.networks.find((y) => y.key === n.key);
    for (const kind of FILTER_KINDS)
      for (const f of n[kind] ?? []) {
        if (b.has(f.key) || net === undefined || (net[kind] ?? []).some((y) => y.key === f.key)) continue;
        ((net[kind] ??= []) as FilterObject[]).push(clone(f));
        created.push(label(f));
      }
  }
  for (const [key, { f, kind }] of a) {
    const old = b.get(key)?.f;
    if (old === undefined) continue;
    const origin = originOf(f);
    const at = when(origin);
    if (kind === 'prefixLists') {
      if (json((old as DPrefixList).cidrs) !== json((f as DPrefixList).cidrs))
        kept.push(`prefix list ${label(f)}'s CIDRs`);
    } else if (kind === 'securityGroups')
      for (const direction of ['inbound', 'outbound'] as const) {
        const was = (old as DSecurityGroup)[direction].map(json);
        const now = (f as DSecurityGroup)[direction].map(json);
        const target = { securityGroup: key, direction };
        // Unnamed rules: removed and added by content (a multiset difference).
        const left = [...now];
        for (const r of (old as DSecurityGroup)[direction]) {
          const k = left.indexOf(json(r));
          if (k >= 0) left.splice(k, 1);
          else x.push({ at, do: 'filterRule.remove', target, rule: r }, origin);
        }
        const gone = [...was];
        for (const r of (f as DSecurityGroup)[direction]) {
          const k = gone.indexOf(json(r));
          if (k >= 0) gone.splice(k, 1);
          else x.push({ at, do: 'filterRule.add', target, rule: r }, origin);
        }
      }
    else if (kind === 'networkAcls')
      for (const direction of ['inbound', 'outbound'] as const) {
        const target = { networkAcl: key, direction };
        const was = new Map((old as DNetworkAcl)[direction].map((e) => [e.ruleNumber, e]));
        const now = new Map((f as DNetworkAcl)[direction].map((e) => [e.ruleNumber, e]));
        for (const n of was.keys())
          if (!now.has(n)) x.push({ at, do: 'filterRule.remove', target, ruleNumber: n }, origin);
        for (const [n, e] of now) {
          const prev = was.get(n);
          if (prev === undefined) x.push({ at, do: 'filterRule.add', target, rule: e }, origin);
          else if (json(prev) !== json(e)) x.push({ at, do: 'filterRule.replace', target, rule: e }, origin);
        }
      }
    else {
      const target = { networkSecurityGroup: key };
      const strip = (r: DNsgRule): string => json({ ...r, origin: undefined });
      const was = new Map((old as DNsg).securityRules.map((r) => [r.name, r]));
      const now = new Map((f as DNsg).securityRules.map((r) => [r.name, r]));
      for (const [name, r] of was)
        if (!now.has(name))
          x.push({ at: when(r.origin ?? origin), do: 'filterRule.remove', target, name }, r.origin ?? origin);
      for (const [name, r] of now) {
        const prev = was.get(name);
        const t = when(r.origin ?? origin);
        if (prev === undefined) x.push({ at: t, do: 'filterRule.add', target, rule: r }, r.origin ?? origin);
        else if (strip(prev) !== strip(r))
          x.push({ at: t, do: 'filterRule.replace', target, rule: r }, r.origin ?? origin);
      }
    }
  }
  for (const [key, { f }] of b) if (!a.has(key)) kept.push(`${label(f)} (deleted by the plan)`);
  const bx = index(before);
  const ax = index(after);
  for (const [key, { net, s }] of ax.subnets) {
    const old = bx.subnets.get(key)?.s;
    if (old === undefined) continue;
    const set: Record<string, unknown> = {};
    for (const field of ['networkAcl', 'networkSecurityGroup'] as const) {
      if (old[field] === s[field]) continue;
      // Back to the default NACL: the network's default one, if declared.
      const to =
        s[field] ??
        (field === 'networkAcl' ? net.networkAcls?.find((y) => y.default === true)?.key : undefined);
      if (to === undefined) kept.push(`subnet ${label(s)}'s ${field} (removed)`);
      else set[field] = to;
    }
    const by =
      s.networkAcl !== old.networkAcl
        ? originOf(a.get(s.networkAcl ?? '')?.f)
        : originOf(a.get(s.networkSecurityGroup ?? '')?.f);
    if (Object.keys(set).length > 0)
      x.push(
        {
          at: Math.max(x.at(by, 'apply'), x.at(s.origin, 'apply'), ...associations(s.origin)),
          do: 'subnet.update',
          subnet: key,
          set,
        },
        by ?? s.origin,
      );
  }
  for (const [key, { h }] of ax.hosts) {
    const old = bx.hosts.get(key)?.h;
    if (old === undefined) continue;
    const set: Record<string, unknown> = {};
    if (json(old.securityGroups) !== json(h.securityGroups)) {
      if (h.securityGroups === undefined)
        kept.push(`host ${label(h)}'s security groups (back to the default group)`);
      else set['securityGroups'] = h.securityGroups;
    }
    if (old.networkSecurityGroup !== h.networkSecurityGroup) {
      if (h.networkSecurityGroup === undefined)
        kept.push(`host ${label(h)}'s network security group (removed)`);
      else set['networkSecurityGroup'] = h.networkSecurityGroup;
    }
    if (Object.keys(set).length > 0)
      x.push(
        {
          at: Math.max(x.at(h.origin, 'apply'), ...associations(h.origin)),
          do: 'host.update',
          host: key,
          set,
        },
        h.origin,
      );
  }
  if (created.length > 0)
    x.w.note(
      'assumed',
      `filters created by the plan and present from the start (the timeline cannot create them): ${created.join(', ')}`,
    );
  if (kept.length > 0)
    x.w.note(
      'unsupported',
      `filter changes of the plan the timeline cannot make (kept as before the plan): ${kept.join(', ')}`,
    );
}

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
