/**
 * Writes the intermediate topology as a scenario document (plain data in the scenario format's
 * field order): names instead of keys, `network/object` paths where the format wants them. An
 * object whose reference cannot be written (its target was not imported) is left out with a
 * warning rather than written dangling.
 */
import { formatDuration } from '@cloudroute/scenario';
import type {
  DAction,
  DConnection,
  DGateway,
  DHop,
  DNaclEntry,
  DNetwork,
  DFilterTarget,
  DNetworkAcl,
  DNsg,
  DNsgRule,
  DRoute,
  DSecurityGroup,
  DSgRule,
  DSite,
  DTopology,
} from './draft.js';
import { nameTopology } from './names.js';
import type { Warnings } from './warnings.js';

export type Doc = Record<string, unknown>;

interface Index {
  readonly names: ReadonlyMap<string, string>;
  /** Object key → key of its network (subnets, route tables, hosts, gateways). */
  readonly networkOf: ReadonlyMap<string, string>;
  /** TGW route table and attachment keys → the TGW's key. */
  readonly tgwOf: ReadonlyMap<string, string>;
}

function buildIndex(t: DTopology): Index {
  const networkOf = new Map<string, string>();
  const tgwOf = new Map<string, string>();
  const gateway = (g: DGateway, net: string): void => {
    networkOf.set(g.key, net);
    for (const a of g.attachments ?? []) tgwOf.set(a.key, g.key);
    for (const r of g.routeTables ?? []) tgwOf.set(r.key, g.key);
  };
  for (const n of t.networks) {
    for (const s of n.subnets) networkOf.set(s.key, n.key);
    for (const r of n.routeTables) networkOf.set(r.key, n.key);
    for (const h of n.hosts) networkOf.set(h.key, n.key);
    for (const g of n.gateways) gateway(g, n.key);
    for (const f of [
      ...(n.prefixLists ?? []),
      ...(n.securityGroups ?? []),
      ...(n.networkAcls ?? []),
      ...(n.networkSecurityGroups ?? []),
    ])
      networkOf.set(f.key, n.key);
  }
  for (const a of t.timeline) if (a.do === 'gateway.create') gateway(a.gateway, a.network);
  return { names: nameTopology(t), networkOf, tgwOf };
}

class Emitter {
  constructor(
    private readonly ix: Index,
    private readonly warnings: Warnings,
  ) {}

  name(key: string): string | undefined {
    return this.ix.names.get(key);
  }

  /** `net/object` for a network-scoped key. */
  path(key: string): string | undefined {
    const net = this.ix.networkOf.get(key);
    const n = net === undefined ? undefined : this.name(net);
    const o = this.name(key);
    return n === undefined || o === undefined ? undefined : `${n}/${o}`;
  }

  /** A filter reference from network `net`: its name there, else `net/object` (FILTERS.md). */
  filterRef(key: string, net: string): string | undefined {
    return this.ix.networkOf.get(key) === net ? this.name(key) : this.path(key);
  }

  sgRule(r: DSgRule, net: string): Doc | undefined {
    const peer =
      r.cidr !== undefined
        ? { cidr: r.cidr }
        : r.prefixList !== undefined
          ? { prefixList: this.filterRef(r.prefixList, net) }
          : r.securityGroup !== undefined
            ? { securityGroup: this.filterRef(r.securityGroup, net) }
            : undefined;
    if (peer === undefined || Object.values(peer).some((v) => v === undefined)) return undefined;
    return {
      name: r.name,
      protocol: r.protocol,
      port: r.port,
      icmpType: r.icmpType,
      icmpCode: r.icmpCode,
      ...peer,
    };
  }

  securityGroup(g: DSecurityGroup, net: string, netName: string): Doc {
    const rules = (list: DSgRule[], dir: string): Doc[] =>
      list.flatMap((r) => {
        const d = this.sgRule(r, net);
        if (d === undefined)
          this.warnings.note(
            'missing-reference',
            `${netName}/${this.name(g.key) ?? g.key}: an ${dir} rule left out — the group or prefix list it names was not imported`,
          );
        return d === undefined ? [] : [d];
      });
    return {
      name: this.name(g.key),
      id: g.id,
      inbound: rules(g.inbound, 'inbound'),
      outbound: rules(g.outbound, 'outbound'),
    };
  }

  naclEntry(e: DNaclEntry): Doc {
    return {
      ruleNumber: e.ruleNumber,
      protocol: e.protocol,
      port: e.port,
      icmpType: e.icmpType,
      icmpCode: e.icmpCode,
      cidr: e.cidr,
      action: e.action,
    };
  }

  networkAcl(a: DNetworkAcl): Doc {
    const entries = (list: DNaclEntry[]): Doc[] => list.map((e) => this.naclEntry(e));
    return {
      name: this.name(a.key),
      id: a.id,
      default: a.default === true ? true : undefined,
      inbound: entries(a.inbound),
      outbound: entries(a.outbound),
    };
  }

  nsg(g: DNsg): Doc {
    return {
      name: this.name(g.key),
      id: g.id,
      securityRules: g.securityRules.map((r) => this.nsgRule(r)),
    };
  }

  nsgRule(r: DNsgRule): Doc {
    return {
      name: r.name,
      priority: r.priority,
      direction: r.direction,
      access: r.access,
      protocol: r.protocol,
      source: r.source,
      // `sourcePorts` defaults to every port ("*"), which nearly every rule says.
      sourcePorts: r.sourcePorts === '*' ? undefined : r.sourcePorts,
      destination: r.destination,
      destinationPorts: r.destinationPorts,
    };
  }

  /** A `filterRule.*` target (FILTERS.md "Timeline"), its network, and a rule in its vocabulary. */
  filterTarget(t: DFilterTarget): { target: Doc; net: string; kind: 'sg' | 'acl' | 'nsg' } | undefined {
    const [key, kind] =
      'securityGroup' in t
        ? [t.securityGroup, 'sg' as const]
        : 'networkAcl' in t
          ? [t.networkAcl, 'acl' as const]
          : [t.networkSecurityGroup, 'nsg' as const];
    const net = this.ix.networkOf.get(key);
    const path = this.path(key);
    if (net === undefined || path === undefined) return undefined;
    const target =
      'securityGroup' in t
        ? { securityGroup: path, direction: t.direction }
        : 'networkAcl' in t
          ? { networkAcl: path, direction: t.direction }
          : { networkSecurityGroup: path };
    return { target, net, kind };
  }

  /** A `host.update` / `subnet.update` set whose filter references are keys: written as names. */
  filterSet(set: Readonly<Record<string, unknown>>, holder: string): Readonly<Record<string, unknown>> {
    const net = this.ix.networkOf.get(holder) ?? '';
    const ref = (k: unknown): string => {
      const r = typeof k === 'string' ? this.filterRef(k, net) : undefined;
      if (r === undefined) throw new MissingRef();
      return r;
    };
    const out: Record<string, unknown> = { ...set };
    if (Array.isArray(set['securityGroups'])) out['securityGroups'] = set['securityGroups'].map(ref);
    for (const f of ['networkAcl', 'networkSecurityGroup'])
      if (typeof set[f] === 'string') out[f] = ref(set[f]);
    return out;
  }

  hop(h: DHop, net: string): Doc | undefined {
    switch (h.type) {
      case 'igw':
      case 'nat':
      case 'vgw':
      case 'vpce': {
        if (this.ix.networkOf.get(h.gateway) !== net) return undefined;
        const g = this.name(h.gateway);
        return g === undefined ? undefined : { type: h.type, gateway: g };
      }
      case 'tgw': {
        const g = this.ix.networkOf.get(h.gateway) === net ? this.name(h.gateway) : this.path(h.gateway);
        return g === undefined ? undefined : { type: 'tgw', gateway: g };
      }
      case 'peering': {
        const p = this.name(h.peering);
        return p === undefined ? undefined : { type: 'peering', gateway: p };
      }
      case 'eni':
      case 'VirtualAppliance':
        return { type: h.type, ip: h.ip };
      case 'opaque':
        return { type: 'opaque', kind: h.kind, id: h.id };
      case 'local':
      case 'blackhole':
      case 'VirtualNetworkGateway':
      case 'VnetLocal':
      case 'Internet':
      case 'None':
        return { type: h.type };
    }
  }

  route(r: DRoute, net: string, where: string): Doc | undefined {
    const nextHop = this.hop(r.hop, net);
    if (nextHop === undefined) {
      this.warnings.note(
        'missing-reference',
        `${where}: route ${r.prefix} left out — its ${r.hop.type} target was not imported`,
      );
      return undefined;
    }
    return { name: r.name, prefix: r.prefix, nextHop };
  }

  gateway(g: DGateway): Doc {
    const attachments = g.attachments?.map((a) => ({
      name: this.name(a.key),
      network: a.network === undefined ? undefined : this.name(a.network),
      connection: a.connection === undefined ? undefined : this.name(a.connection),
      peer: a.peer === undefined ? undefined : this.path(a.peer),
      zones: a.zones,
      routeTable: a.routeTable === undefined ? undefined : this.name(a.routeTable),
      propagations:
        a.propagations.length > 0
          ? a.propagations.map((p) => this.name(p)).filter((p) => p !== undefined)
          : undefined,
    }));
    const routeTables = g.routeTables?.map((t) => ({
      name: this.name(t.key),
      routes: t.routes.flatMap((r): Doc[] => {
        if (r.blackhole === true) return [{ prefix: r.prefix, blackhole: true }];
        const att = r.attachment === undefined ? undefined : this.name(r.attachment);
        return att === undefined ? [] : [{ prefix: r.prefix, attachment: att }];
      }),
    }));
    return {
      name: this.name(g.key),
      id: g.id,
      kind: g.kind,
      service: g.service,
      subnet: g.subnet === undefined ? undefined : this.name(g.subnet),
      connectivity: g.connectivity,
      vpnType: g.vpnType,
      sku: g.sku,
      activeActive: g.activeActive,
      asn: g.asn,
      bgpPeerIps: g.bgpPeerIps,
      attachments: g.kind === 'tgw' ? (attachments ?? []) : undefined,
      routeTables: g.kind === 'tgw' ? (routeTables ?? []) : undefined,
    };
  }

  network(n: DNetwork): Doc {
    const net = n.key;
    const netName = this.name(net) ?? n.key;
    return {
      name: netName,
      id: n.id,
      provider: n.provider,
      cidrs: n.cidrs,
      subnets: n.subnets.map((s) => ({
        name: this.name(s.key),
        cidr: s.cidr,
        routeTable: s.routeTable === undefined ? undefined : this.name(s.routeTable),
        networkAcl: s.networkAcl === undefined ? undefined : this.filterRef(s.networkAcl, net),
        networkSecurityGroup:
          s.networkSecurityGroup === undefined ? undefined : this.filterRef(s.networkSecurityGroup, net),
        defaultOutboundAccess: s.defaultOutboundAccess,
        mapPublicIpOnLaunch: n.provider === 'aws' && s.mapPublicIpOnLaunch === true ? true : undefined,
        zone: s.writeZone === true ? s.az : undefined,
        id: s.id,
      })),
      routeTables: n.routeTables.map((t) => ({
        name: this.name(t.key),
        id: t.id,
        main: t.main,
        propagateGatewayRoutes: t.propagate,
        routes: t.routes
          .map((r) => this.route(r, net, `${netName}/${this.name(t.key) ?? t.key}`))
          .filter((r) => r !== undefined),
      })),
      prefixLists: n.prefixLists?.map((p) => ({ name: this.name(p.key), id: p.id, cidrs: p.cidrs })),
      securityGroups: n.securityGroups?.map((g) => this.securityGroup(g, net, netName)),
      networkAcls: n.networkAcls?.map((a) => this.networkAcl(a)),
      networkSecurityGroups: n.networkSecurityGroups?.map((g) => this.nsg(g)),
      hosts: n.hosts.map((h) => ({
        name: this.name(h.key),
        subnet: this.name(h.subnet),
        ip: h.ip,
        sourceDestCheck: n.provider === 'aws' ? h.sourceDestCheck : undefined,
        ipForwarding: n.provider === 'azure' ? h.ipForwarding : undefined,
        publicIp: h.publicIp,
        securityGroups: h.securityGroups?.map((g) => this.filterRef(g, net)).filter((g) => g !== undefined),
        networkSecurityGroup:
          h.networkSecurityGroup === undefined ? undefined : this.filterRef(h.networkSecurityGroup, net),
        id: h.id,
      })),
      gateways: n.gateways.map((g) => this.gateway(g)),
    };
  }

  site(s: DSite): Doc {
    return {
      name: this.name(s.key),
      id: s.id,
      cidrs: s.cidrs,
      asn: s.asn,
      internetEgress: s.internetEgress,
      bgpPeerIp: s.bgpPeerIp,
      advertise: s.advertise?.map((prefix) => ({ prefix })),
      routes:
        s.routes.length > 0
          ? s.routes
              .map((r) => ({ prefix: r.prefix, via: this.name(r.via) }))
              .filter((r) => r.via !== undefined)
          : undefined,
    };
  }

  connection(c: DConnection): Doc | undefined {
    const a = this.path(c.gateway);
    const b = 'site' in c.other ? this.name(c.other.site) : this.path(c.other.gateway);
    if (a === undefined || b === undefined) {
      this.warnings.note(
        'missing-reference',
        `connection ${c.id ?? c.key} left out — one of its ends was not imported`,
      );
      return undefined;
    }
    return {
      name: this.name(c.key),
      id: c.id,
      between: [a, b],
      bgp: c.bgp,
      ...(c.directConnect === undefined ? {} : { directConnect: c.directConnect }),
    };
  }

  action(a: DAction): Doc | undefined {
    const at = formatDuration(a.at);
    const need = <T>(v: T | undefined): T => {
      if (v === undefined) throw new MissingRef();
      return v;
    };
    try {
      switch (a.do) {
        case 'route.add':
        case 'route.replace': {
          const net = need(this.ix.networkOf.get(a.table));
          return {
            at,
            do: a.do,
            routeTable: need(this.path(a.table)),
            route: need(this.route(a.route, net, 'timeline')),
          };
        }
        case 'route.remove':
          return { at, do: a.do, routeTable: need(this.path(a.table)), prefix: a.prefix };
        case 'routeTable.associate':
          return {
            at,
            do: a.do,
            subnet: need(this.path(a.subnet)),
            routeTable: a.table === null ? null : need(this.path(a.table)),
          };
        case 'propagation.set':
          return { at, do: a.do, routeTable: need(this.path(a.table)), enabled: a.enabled };
        case 'gateway.create':
          return { at, do: a.do, network: need(this.name(a.network)), gateway: this.gateway(a.gateway) };
        case 'gateway.delete':
          return { at, do: a.do, gateway: need(this.path(a.gateway)) };
        case 'gateway.update':
          return { at, do: a.do, gateway: need(this.path(a.gateway)), set: a.set, recreate: a.recreate };
        case 'host.update':
          return { at, do: a.do, host: need(this.path(a.host)), set: this.filterSet(a.set, a.host) };
        case 'subnet.update':
          return { at, do: a.do, subnet: need(this.path(a.subnet)), set: this.filterSet(a.set, a.subnet) };
        case 'filterRule.add':
        case 'filterRule.replace':
        case 'filterRule.remove': {
          const { target, net, kind } = need(this.filterTarget(a.target));
          const rule = (r: DSgRule | DNaclEntry | DNsgRule): Doc =>
            kind === 'sg'
              ? need(this.sgRule(r as DSgRule, net))
              : kind === 'acl'
                ? this.naclEntry(r as DNaclEntry)
                : this.nsgRule(r as DNsgRule);
          if (a.do === 'filterRule.remove')
            return {
              at,
              do: a.do,
              ...target,
              name: a.name,
              ruleNumber: a.ruleNumber,
              rule: a.rule === undefined ? undefined : rule(a.rule),
            };
          return { at, do: a.do, ...target, rule: rule(a.rule) };
        }
        case 'tunnel.down':
        case 'tunnel.up':
          return { at, do: a.do, connection: need(this.name(a.connection)), tunnel: a.tunnel };
      }
    } catch (e) {
      if (!(e instanceof MissingRef)) throw e;
      this.warnings.note(
        'missing-reference',
        `timeline: ${a.do} at ${at} left out — it names an object that was not imported`,
      );
      return undefined;
    }
  }
}

class MissingRef extends Error {}

export interface EmitOptions {
  readonly name: string;
  readonly description: string;
}

/** The scenario document of a topology (not yet validated). */
export function emitDocument(t: DTopology, options: EmitOptions, warnings: Warnings): Doc {
  const e = new Emitter(buildIndex(t), warnings);
  const timeline = [...t.timeline]
    .sort((a, b) => a.at - b.at)
    .map((a) => e.action(a))
    .filter((a) => a !== undefined);
  return {
    name: options.name,
    description: options.description,
    seed: 1,
    horizon: formatDuration(t.horizon ?? 3600),
    firewall: t.firewall,
    serviceTags: t.serviceTags,
    networks: t.networks.map((n) => e.network(n)),
    sites: t.sites.map((s) => e.site(s)),
    connections: t.connections.map((c) => e.connection(c)).filter((c) => c !== undefined),
    peerings: t.peerings.map((p) => ({
      name: e.name(p.key),
      id: p.id,
      between: [e.name(p.a), e.name(p.b)],
      ...(p.gatewayTransit === true ? { gatewayTransit: true } : {}),
    })),
    flows: [],
    timeline,
  };
}
