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
  DNsgRule,
  DRoute,
  DSgRule,
  DSite,
  DTopology,
} from './draft.js';
import { buildIndex, MissingRef, type Doc } from './emit-refs.js';
import { FilterEmitter } from './emit-filters.js';
import type { Warnings } from './warnings.js';

export type { Doc } from './emit-refs.js';

/** Writes networks, sites, connections and timeline actions. */
class Emitter extends FilterEmitter {
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

/** The scenario's name and description. */
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
