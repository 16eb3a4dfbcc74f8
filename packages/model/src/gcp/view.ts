/**
 * The routes applicable to a GCP resource (PROVIDERS.md 3.1–3.6): a VM in a region with some
 * network tags, or a VPN gateway's tunnels (untagged, GCP-R4). GCP has one routing table per
 * network (GCP-R1); a view is the part of it that applies, with the routing order resolved.
 */
import type { NetworkState } from '../state.js';
import type { ForwardingTable, RouteAction, TableKind } from '../tables.js';
import { opaqueAction } from '../opaque.js';
import type { Gateway, Host, Network, Route } from '../topology.js';
import { connectionsOf, learnedRoutes } from '../bgp/learned.js';
import { cloudRouterOf } from '../bgp/asn.js';
import { findHostByIp } from '../lookup.js';
import { draft, type Draft } from '../internal/candidate.js';
import type { Prefix } from '@cloudroute/lpm';
import { PrefixIndex } from '../internal/prefix-index.js';
import { anyTunnelUp, gatewayPhase } from '../internal/status.js';
import { isGcpNextHop } from '../internal/next-hops.js';
import { networkInfo, topologyIndex } from '../internal/topology-index.js';
import { selectGcpRoutes } from './route-selection.js';

/** GCP-R3: default priority of a static route. */
export const GCP_DEFAULT_PRIORITY = 1000;
/** GCP-R17 [GUESS]: default inter-region cost (the documented minimum). */
export const GCP_DEFAULT_INTER_REGION_COST = 201;

export interface GcpViewer {
  /** The viewer's region (a subnet's, a host's subnet's, or a VPN gateway's). */
  readonly region: string | undefined;
  /** Network tags of the viewing VM; empty for an untagged VM and for VPN tunnels. */
  readonly tags: readonly string[];
}

function applies(route: { readonly tags?: readonly string[] }, viewer: GcpViewer): boolean {
  // GCP-R4: an untagged static route applies to every resource; a tagged one only to VMs with one of its tags.
  const tags = route.tags ?? [];
  return tags.length === 0 || tags.some((t) => viewer.tags.includes(t));
}

function hostIp(host: Host): string | undefined {
  return host.ip ?? host.ports?.[0]?.ip;
}

interface Resolved {
  readonly nextHopType: string;
  readonly action: RouteAction;
  readonly nextHopIp?: string;
  readonly tie: string;
  /** GCP-R6: why the route is disregarded (INACTIVE), if it is. */
  readonly inactive?: string;
}

/** GCP-R6 + profile `gcp.stoppedNextHop`: a stopped next-hop VM is disregarded (default) or drops. */
function vmTarget(
  state: NetworkState,
  network: Network,
  host: Host | undefined,
  ip: string | undefined,
  type: string,
  tie: string,
): Resolved {
  if (!host || ip === undefined)
    return {
      nextHopType: type,
      action: { kind: 'drop', reason: 'next-hop-not-forwarding' },
      tie,
      inactive: 'next-hop-instance-not-found',
    };
  const action: RouteAction = { kind: 'appliance', ip, host: `${network.name}/${host.name}` };
  if (host.running === false) {
    if (state.profile.gcp.stoppedNextHop === 'disregard')
      return { nextHopType: type, nextHopIp: ip, action, tie, inactive: 'next-hop-not-running' };
    return {
      nextHopType: type,
      nextHopIp: ip,
      action: { kind: 'drop', reason: 'next-hop-not-forwarding' },
      tie,
    };
  }
  return { nextHopType: type, nextHopIp: ip, action, tie };
}

/** GCP-R5 next hops of a static route, resolved in `network`. */
export function gcpStaticTarget(state: NetworkState, network: Network, route: Route): Resolved {
  const hop = route.nextHop;
  if (!isGcpNextHop(hop))
    return {
      nextHopType: hop.type,
      action: { kind: 'drop', reason: 'no-route' },
      tie: '',
      inactive: 'not-a-gcp-next-hop',
    };
  switch (hop.type) {
    case 'gateway':
      return {
        nextHopType: 'default-internet-gateway',
        action: { kind: 'internet', gateway: hop.gateway },
        tie: hop.gateway,
      };
    case 'instance': {
      const host = network.hosts.find((h) => h.name === hop.host);
      return vmTarget(state, network, host, host ? hostIp(host) : undefined, 'instance', hop.host);
    }
    case 'address': {
      const m = findHostByIp(state, hop.ip, [network.name]);
      const host = m && m.network === network.name ? m.host : undefined;
      if (!host)
        return {
          nextHopType: 'address',
          nextHopIp: hop.ip,
          action: { kind: 'appliance', ip: hop.ip },
          tie: hop.ip,
        };
      return vmTarget(state, network, host, hop.ip, 'address', hop.ip);
    }
    case 'ilb': {
      // An internal passthrough load balancer: cloudroute sends to its first running backend
      // (a flow-hash choice among backends is below the routing level).
      const ilb =
        hop.gateway !== undefined
          ? network.gateways.find((g) => g.name === hop.gateway && g.kind === 'ilb')
          : undefined;
      const tie = hop.gateway ?? hop.ip ?? '';
      if (ilb) {
        const backends = (ilb.backends ?? [])
          .map((b) => network.hosts.find((h) => h.name === b))
          .filter((h): h is Host => h !== undefined);
        const up = backends.find((h) => h.running !== false);
        if (!up)
          return {
            nextHopType: 'ilb',
            action: { kind: 'drop', reason: 'next-hop-not-forwarding' },
            tie,
            inactive: 'next-hop-not-running',
          };
        return { ...vmTarget(state, network, up, hostIp(up), 'ilb', tie), nextHopType: 'ilb' };
      }
      if (hop.ip !== undefined) {
        const m = findHostByIp(state, hop.ip, [network.name]);
        return m
          ? vmTarget(state, network, m.host, hop.ip, 'ilb', tie)
          : { nextHopType: 'ilb', nextHopIp: hop.ip, action: { kind: 'appliance', ip: hop.ip }, tie };
      }
      return {
        nextHopType: 'ilb',
        action: { kind: 'drop', reason: 'next-hop-not-forwarding' },
        tie,
        inactive: 'next-hop-instance-not-found',
      };
    }
    case 'vpnTunnel': {
      // GCP-R6 / GCP-R22: routes whose next hop is a Classic VPN tunnel that is down are ignored.
      const up = anyTunnelUp(state, hop.connection);
      const r: Resolved = {
        nextHopType: 'vpn-tunnel',
        action: { kind: 'connection', connection: hop.connection },
        tie: hop.connection,
      };
      return up ? r : { ...r, inactive: 'tunnel-down' };
    }
    case 'opaque':
      // Imported, not modelled (opaque.ts): kept; the packet's verdict is `unknown`.
      return { nextHopType: 'opaque', action: opaqueAction(hop), tie: hop.id ?? hop.kind };
  }
}

/** The region a GCP VPN gateway's Cloud Router runs in. */
export function gcpRouterRegion(state: NetworkState, network: Network, gw: Gateway): string | undefined {
  return cloudRouterOf(state.topology, network, gw)?.region ?? gw.region;
}

/** Custom routes of `network` applicable to `viewer`: static (GCP-R3..R5) and dynamic (GCP-R16/R17). */
function customDrafts(state: NetworkState, network: Network, viewer: GcpViewer): Draft[] {
  const out: Draft[] = [];
  if (network.defaultRoute !== false)
    // GCP-R2/R15: the system default route, priority 1000, to the default internet gateway.
    out.push(
      draft({
        prefix: '0.0.0.0/0',
        source: 'STATIC',
        state: 'ACTIVE',
        nextHopType: 'default-internet-gateway',
        name: 'default-route',
        priority: GCP_DEFAULT_PRIORITY,
        action: { kind: 'internet', gateway: 'default-internet-gateway' },
        tie: 'default-internet-gateway',
      }),
    );
  for (const route of network.routes ?? []) {
    if (!applies(route, viewer)) continue;
    const t = gcpStaticTarget(state, network, route);
    const d = draft({
      prefix: route.prefix,
      source: 'STATIC',
      state: 'ACTIVE',
      nextHopType: t.nextHopType,
      nextHopIp: t.nextHopIp,
      name: route.name,
      priority: route.priority ?? GCP_DEFAULT_PRIORITY,
      tags: route.tags && route.tags.length > 0 ? route.tags : undefined,
      action: t.action,
      tie: t.tie,
    });
    if (t.inactive !== undefined) {
      d.usable = false;
      d.state = 'INACTIVE';
      d.reason = t.inactive;
      d.rule = 'GCP-R6';
    }
    out.push(d);
  }
  const global = network.routingMode === 'global';
  const cost = state.profile.gcp.interRegionCost ?? GCP_DEFAULT_INTER_REGION_COST;
  for (const gw of network.gateways) {
    if (gw.kind !== 'haVpn' && gw.kind !== 'classicVpn') continue;
    const path = `${network.name}/${gw.name}`;
    const phase = gatewayPhase(state, path);
    if (phase === 'deleted' || phase === 'provisioning') continue;
    const region = gcpRouterRegion(state, network, gw);
    const remote = viewer.region !== undefined && region !== undefined && region !== viewer.region;
    // GCP-R16: in regional mode a dynamic route applies only in the Cloud Router's region.
    if (remote && !global) continue;
    for (const c of connectionsOf(state, path)) {
      if (!c.bgp) continue; // GCP-R22: a static connection creates no route by itself
      for (const r of learnedRoutes(state, c, path)) {
        // GCP-R17 (legacy best path): priority = MED (absent: 0 [GUESS]), plus the
        // region-to-region cost when applied in another region (global mode).
        const priority = (r.med ?? 0) + (remote ? cost : 0);
        out.push(
          draft({
            prefix: r.prefix,
            source: 'DYNAMIC',
            state: 'ACTIVE',
            nextHopType: 'bgp-peer',
            name: c.name,
            priority,
            region,
            asPath: r.asPath,
            med: r.med,
            action: { kind: 'connection', connection: c.name },
            tie: c.name,
          }),
        );
      }
    }
  }
  return out;
}

/** GCP-R23: does `exporter` export custom routes to `importer` over this peering? */
function exportsCustom(customRoutes: string | undefined, exporterIsA: boolean): boolean {
  return customRoutes === 'both' || (exporterIsA ? customRoutes === 'a-to-b' : customRoutes === 'b-to-a');
}

/**
 * GCP-R2(b) / GCP-R23: a subnet route per range of every subnet of `network` (primary, then
 * secondary ranges), priority 0, in the subnet's region, named `namePrefix` + the subnet's name,
 * each with a fresh `action()`; every range also goes into `subnetRanges`.
 */
function pushSubnetRoutes(
  drafts: Draft[],
  subnetRanges: PrefixIndex<Prefix>,
  network: Network,
  source: string,
  nextHopType: string,
  namePrefix: string,
  action: () => RouteAction,
): void {
  for (const s of networkInfo(network).subnets)
    s.prefixes.forEach((p, i) => {
      subnetRanges.add(p, p);
      drafts.push(
        draft({
          prefix: i === 0 ? s.subnet.cidr : (s.subnet.secondaryCidrs?.[i - 1] ?? s.subnet.cidr),
          parsed: p,
          source,
          state: 'ACTIVE',
          nextHopType,
          name: `${namePrefix}${s.subnet.name}`,
          priority: 0,
          region: s.subnet.region,
          action: action(),
        }),
      );
    });
}

/** Build a GCP view: one forwarding table with the routing order resolved. */
export function gcpView(
  state: NetworkState,
  network: Network,
  viewer: GcpViewer,
  id: string,
  kind: TableKind,
): ForwardingTable {
  const index = topologyIndex(state.topology);
  const drafts: Draft[] = [];
  const subnetRanges = new PrefixIndex<Prefix>();
  // GCP-R2(b): a subnet route per subnet range, applying to the whole network.
  pushSubnetRoutes(drafts, subnetRanges, network, 'SUBNET', 'network', '', () => ({
    kind: 'local',
    network: network.name,
  }));
  const peered: { readonly peer: Network; readonly imports: boolean; readonly peering?: string }[] = [];
  for (const ref of index.peeringsByNetwork.get(network.name) ?? []) {
    const peer = index.networks.get(ref.other)?.network;
    if (!peer || peer.provider !== 'gcp' || peer === network) continue;
    const imports = exportsCustom(ref.peering.customRoutes, !ref.isA);
    peered.push(
      ref.peering.name !== undefined ? { peer, imports, peering: ref.peering.name } : { peer, imports },
    );
  }
  // GCP-R23: peered networks always exchange subnet routes.
  for (const { peer, peering } of peered)
    pushSubnetRoutes(drafts, subnetRanges, peer, 'PEERING_SUBNET', 'peering', `${peer.name}/`, () =>
      peering !== undefined
        ? { kind: 'peering', network: peer.name, peering }
        : { kind: 'peering', network: peer.name },
    );
  // One at a time: a network may hold hundreds of thousands of routes, past a call's arguments.
  for (const d of customDrafts(state, network, viewer)) drafts.push(d);
  // GCP-R23: custom routes cross a peering when the exporter exports and the importer imports;
  // never tagged static routes nor routes to the default internet gateway; never re-exported.
  for (const { peer, imports } of peered) {
    if (!imports) continue;
    for (const d of customDrafts(state, peer, { region: viewer.region, tags: [] })) {
      if (d.nextHopType === 'default-internet-gateway' || d.tags !== undefined) continue;
      const copy = draft({
        ...d,
        source: d.source === 'DYNAMIC' ? 'PEERING_DYNAMIC' : 'PEERING_STATIC',
        state: d.state,
      });
      copy.usable = d.usable;
      if (d.reason !== undefined) copy.reason = d.reason;
      if (d.rule !== undefined) copy.rule = d.rule;
      drafts.push(copy);
    }
  }
  for (const pbr of network.policyRoutes ?? []) {
    if (!applies(pbr, viewer)) continue;
    const hop = pbr.nextHop;
    const action: RouteAction | undefined =
      hop.type === 'ilb'
        ? gcpStaticTarget(state, network, { prefix: '0.0.0.0/0', nextHop: hop }).action
        : undefined;
    // GCP-R8: listed for the view; never selected here (matched by source/destination/protocol
    // before this table). `action` says where an ILB policy route sends; `defaultRouting` has none.
    const d = draft({
      prefix: pbr.match.dst ?? '0.0.0.0/0',
      source: 'POLICY_BASED',
      state: 'ACTIVE',
      nextHopType: hop.type === 'ilb' ? 'ilb' : 'default-routing',
      name: pbr.name,
      priority: pbr.priority,
      tags: pbr.tags && pbr.tags.length > 0 ? pbr.tags : undefined,
      action,
    });
    d.usable = false;
    d.reason = 'policy-based route: evaluated before this table by source, destination and protocol';
    d.rule = 'GCP-R8';
    drafts.push(d);
  }
  return { id, kind, provider: 'gcp', routes: selectGcpRoutes(drafts, subnetRanges) };
}
