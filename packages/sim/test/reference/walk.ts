// Over 400 lines: the reference's hop-by-hop walk, one naive function per provider step, read top to bottom against PROVIDERS.md.
/**
 * The reference walk: one packet, hop by hop, from the rules of PROVIDERS.md and DESIGN.md
 * ("A flow is delivered when …"). Route choice comes from the model's tables (see world.ts);
 * this file decides what happens between lookups:
 *
 * - AWS-R9: same-subnet traffic is delivered at layer 2, before any table (also from an appliance's
 *   own subnet); AZ-R9 / AZ-R14: on Azure every packet goes through the subnet's table.
 * - local / peering routes deliver in the target network when a subnet there holds the destination
 *   (no second lookup: peerings are not transitive), else `no-route`.
 * - Internet (AWS-R15/R16, AZ-R15, GCP-R15, OS-R13/R15): the gateway must be ready; a GCP internet
 *   gateway drops a private destination (`no-route`); the source must be public (a translated
 *   source, a site, the host's public IP or floating IP, Azure default outbound access, Cloud NAT
 *   in the subnet's region, an OpenStack router's SNAT), else `no-public-ip`; then a public
 *   destination is delivered and a private one is `no-route`. An OpenStack router reaches its
 *   external network's subnets at layer 2.
 * - NAT gateway (AWS-R16): ready; a public one translates; its subnet's table carries the packet on.
 * - Appliances (AZ-R6, AWS-R9, GCP-R5): the packet addressed to the appliance is delivered; a next
 *   hop that is no NIC's address, or a NIC that does not forward, drops (`next-hop-not-forwarding`);
 *   a GCP appliance that is the next hop of its own packets loops (`loop`); the appliance's own table
 *   (or its subnet's) carries the packet on, and an appliance forwarding to the internet is the source.
 * - Gateways forward only when ready (`gateway-not-ready`); a deleted or unknown one is a blackhole.
 *   A transit gateway looks the packet up in the table associated with the ingress attachment (AWS-R29).
 * - Connections: the packet crosses from the end it is at to the other end; a tunnel carries traffic
 *   only when it is up and, on a BGP connection, its session is established (DESIGN.md "Timing":
 *   traffic uses only tunnels whose session is up) — `tunnel-down` when no tunnel is up, else
 *   `session-down`. At a site the site's table decides; at a gateway (ready, else
 *   `gateway-not-ready`) an Azure network's GatewaySubnet table (its UDRs apply), a transit
 *   gateway's ingress table, or the gateway's own table.
 * - DESIGN.md "Unknown": a route to an opaque construct (imported, not modelled) ends the walk with
 *   `unmodelled` (verdict `unknown`), the construct its last hop (`opaque:kind`).
 * - A packet that has taken 32 routes without a verdict is declared looping (`loop`).
 * - Trace (DESIGN.md "`trace`"): every gateway entered (any kind, ready or not), connection and named
 *   peering crossed is a hop with no route; a gateway's own table lookup right after it is that hop.
 */
import type { CandidateRoute, RouteAction } from '@cloudroute/model';
import { isPublic, parseIp } from './ipv4.js';
import {
  ecmpMember,
  gatewayRegion,
  gcpIngressAllowed,
  ilbBackend,
  ilbOfRoute,
  policyRoute,
  type Special,
} from './gcp.js';
import { appliancePort, arrive, defaultGroupMember, deliverL2, guestDecision } from './openstack.js';
import {
  awsMove,
  deliverTo,
  delivering,
  egress,
  ingress,
  modeOf,
  newTrack,
  portWho,
  replies,
  sourceWho,
  throughNat,
  type RefFlow,
} from './filters.js';
import { recordCrossing, recordHop, type Packet, type RefOutcome, type RefVerdict } from './packet.js';
import {
  forwards,
  gatewayReady,
  longestMatch,
  portAt,
  portsOfHost,
  subnetAt,
  tableOfPort,
  type RefPort,
  type RefTable,
  type World,
} from './world.js';
import { gatewayIngressTable } from '@cloudroute/model';

/** The most routes a packet may take before it is declared looping. */
export const MAX_ROUTES = 32;

/** Where a walk starts: a subnet, the host (port) holding the source address if any, and the source. */
export interface Start {
  readonly subnet: string;
  readonly port: RefPort | undefined;
  readonly src: number;
}

/** A route to act on, and what makes it special (GCP ILB, GCP-R5/R8). */
export interface Decision {
  readonly route: CandidateRoute;
  readonly table: RefTable;
  readonly special: Special;
}

/** A flow of any protocol, every port, from the profile's ephemeral range (FILTERS.md "Flows"). */
export function anyFlow(w: World): RefFlow {
  return { protocol: 'any', port: undefined, sourcePorts: w.state.profile.flows.sourcePorts };
}

/**
 * Walks one packet from `start` to `dst`; `traced`: hops also list the routes each decision beat.
 * `flow`: its protocol and ports (default: any protocol, every port).
 */
export function walk(w: World, start: Start, dst: number, traced = false, flow?: RefFlow): RefVerdict {
  const subnet = w.subnetByPath.get(start.subnet);
  const p: Packet = {
    src: start.src,
    dst,
    hops: [],
    traced,
    srcSubnet: start.subnet,
    srcMember: defaultGroupMember(w, start.src, start.port !== undefined),
    net: subnet?.network.name,
    egPort: start.port,
    egSubnet: start.subnet,
    translated: false,
    region: subnet?.subnet.region,
    filters: newTrack(flow ?? anyFlow(w)),
  };
  if (!subnet)
    return {
      outcome: 'no-route',
      hops: p.hops,
      checks: p.filters.checks,
      atDestination: p.filters.atDestination,
    };
  if (subnet.network.provider === 'aws') p.filters.awsSub = subnet.path;
  const outcome = finish(p, forward(w, p, subnet.network.provider, start));
  return { outcome, hops: p.hops, checks: p.filters.checks, atDestination: p.filters.atDestination };
}

/** A delivered request is delivered when its reply passes every stateless filter back (AWS-R42). */
export function finish(p: Packet, outcome: RefOutcome): RefOutcome {
  return outcome === 'delivered' ? (replies(p) ?? 'delivered') : outcome;
}

function forward(w: World, p: Packet, provider: string, start: Start): RefOutcome {
  const subnet = w.subnetByPath.get(start.subnet)!;
  // The source's outbound filters, before any lookup (OpenStack: as the guest sends, openstack.ts).
  if (provider !== 'openstack') {
    const who = sourceWho(w, start.subnet, start.port);
    const denied = who && egress(w, p, who);
    if (denied) return denied;
  }
  // AWS-R9: same subnet → layer 2, no route table applies.
  if (provider === 'aws' && subnet.ranges.some((r) => p.dst >= r.lo && p.dst <= r.hi))
    return deliverTo(w, p, subnet.network.name) ?? 'delivered';
  let pending: Decision | undefined;
  let table: RefTable | undefined = (start.port && tableOfPort(w, start.port)) ?? w.tables.get(start.subnet);
  /** An OpenStack host holding the packet: its guest decides the next route (OS-R3). */
  let guest: RefPort | undefined;
  if (provider === 'openstack') {
    const d = guestDecision(w, p, start.port, start.subnet, true);
    if (typeof d === 'string') return d;
    pending = { ...d, special: undefined };
  }
  for (let taken = 0; taken < MAX_ROUTES; taken++) {
    let d: Decision;
    if (pending) {
      d = pending;
      pending = undefined;
    } else if (guest) {
      const g = guestDecision(w, p, guest, guest.subnetPath, false);
      guest = undefined;
      if (typeof g === 'string') return g;
      d = { ...g, special: undefined };
    } else {
      if (!table) return 'no-route';
      const found = decide(w, p, table);
      if (!found) return 'no-route';
      d = found;
    }
    const next = act(w, p, d);
    if (typeof next === 'string') return next;
    table = next.table;
    guest = next.guest;
  }
  return 'loop';
}

/** One table's decision: GCP policy routes first (GCP-R8), then longest prefix, then the flow's ECMP member (GCP-R10). */
export function decide(w: World, p: Packet, t: RefTable): Decision | undefined {
  const pbr = policyRoute(w, t, p.src, p.dst);
  if (pbr) {
    recordHop(p, t, pbr.route);
    return { route: pbr.route, table: t, special: pbr.special };
  }
  const r = longestMatch(t, p.dst);
  if (!r) {
    recordHop(p, t, undefined);
    return undefined;
  }
  const m = ecmpMember(t, r, p.src, p.dst);
  recordHop(p, t, m);
  const net = t.network !== undefined ? w.networks.get(t.network) : undefined;
  return { route: m, table: t, special: ilbOfRoute(net, m) };
}

/** Where the packet goes next: a table to look up, a guest to decide, or an outcome. */
export type Next =
  RefOutcome | { readonly table?: RefTable | undefined; readonly guest?: RefPort | undefined };

export function act(w: World, p: Packet, d: Decision): Next {
  if (d.special?.kind === 'ilb') return viaIlb(w, p, d.table.network ?? '', d.special.gateway);
  const a: RouteAction = d.route.action!;
  switch (a.kind) {
    case 'local':
      return deliverIn(w, p, a.network);
    case 'peering':
      // A named peering of the scenario is crossed: a hop (a transit gateway's VPC attachment is not one).
      if (a.peering !== undefined && w.state.topology.peerings.some((x) => x.name === a.peering))
        recordCrossing(p, `peering:${a.peering}`);
      return deliverIn(w, p, a.network);
    case 'internet':
      return toInternet(w, p, a.gateway);
    case 'nat': {
      const ref = w.gateways.get(a.gateway);
      if (!ref) return 'blackhole';
      recordCrossing(p, a.gateway);
      if (!gatewayReady(w, a.gateway)) return 'gateway-not-ready';
      // AWS-R16: a public NAT gateway translates to its address; its subnet's table carries the packet on.
      p.translated = ref.gateway.kind === 'nat' ? ref.gateway.connectivity !== 'private' : true;
      if (ref.gateway.subnet === undefined) return 'no-route';
      const s = `${ref.network.name}/${ref.gateway.subnet}`;
      if (!w.subnetByPath.has(s)) return 'no-route';
      // AWS-R41, AWS-R42: the NAT gateway's subnet NACL sees the packet enter; then new source ports
      // (checked at the NAT subnet's hop, as the product numbers it).
      if (ref.network.provider === 'aws') {
        const denied = throughNat(w, p, s);
        if (denied) return denied;
      }
      p.egSubnet = s;
      p.egPort = undefined;
      p.net = ref.network.name;
      return { table: w.tables.get(s) };
    }
    case 'appliance':
      return viaAppliance(w, p, a, d.table);
    case 'gateway': {
      const ref = w.gateways.get(a.gateway);
      if (!ref) return 'blackhole';
      recordCrossing(p, a.gateway);
      if (!gatewayReady(w, a.gateway)) return 'gateway-not-ready';
      // The packet leaves its AWS subnet (AWS-R41), checked once the gateway is known ready (the
      // product's order); an SG reference never matches through a TGW (AWS-R37); AZ-R32.
      const left = awsMove(w, p, undefined) ?? gatewaySubnetNsg(w, a.gateway);
      if (left) return left;
      if (ref.gateway.kind === 'tgw') p.filters.direct = false;
      // AWS-R45: what is routed to a gateway endpoint is delivered to its service there.
      if (ref.gateway.kind === 'vpcEndpoint') return 'delivered';
      if (ref.gateway.kind === 'tgw') {
        // AWS-R32: from a subnet, the VPC's attachment must have a subnet in the subnet's zone.
        const from = p.egSubnet !== undefined ? w.subnetByPath.get(p.egSubnet) : undefined;
        const att = (ref.gateway.attachments ?? []).find((x) => x.network === from?.network.name);
        const zone = from?.subnet.zone;
        if (d.table.table.kind !== 'tgw' && zone !== undefined && att?.zones && !att.zones.includes(zone))
          return 'blackhole';
        // AWS-R29: the table associated with the ingress attachment.
        const id = gatewayIngressTable(w.state.topology, a.gateway, a.attachment ?? p.net ?? '');
        return { table: id !== undefined ? w.tables.get(id) : undefined };
      }
      return { table: w.tables.get(a.gateway) };
    }
    case 'connection':
      return viaConnection(w, p, a.connection, d.table);
    case 'site':
      return 'delivered';
    case 'drop':
      return a.reason;
    case 'opaque':
      // DESIGN.md "Unknown": a construct imported but not modelled; neither delivered nor dropped.
      recordCrossing(p, `opaque:${a.construct}`);
      return 'unmodelled';
  }
}

/** Delivery in network `net` (local or peering route). */
function deliverIn(w: World, p: Packet, net: string): Next {
  const n = w.networks.get(net);
  if (!n) return 'no-route';
  if (n.provider === 'openstack') return deliverL2(w, p, net); // OS-R1
  if (!subnetAt(w, net, p.dst)) return 'no-route';
  if (modeOf(w, net) === 'provider-default' && n.provider === 'gcp' && !gcpIngressAllowed(n, p.src))
    return 'firewall'; // GCP-R24
  return deliverTo(w, p, net) ?? 'delivered';
}

function toInternet(w: World, p: Packet, gateway: string | undefined): Next {
  const ref = gateway !== undefined ? w.gateways.get(gateway) : undefined;
  const left = awsMove(w, p, undefined); // AWS-R41: out of the subnet, to the internet gateway
  if (left) return left;
  if (ref && gateway !== undefined) {
    recordCrossing(p, gateway);
    if (!gatewayReady(w, gateway)) return 'gateway-not-ready';
    // OS-R13: a router reaches the subnets of its external network at layer 2.
    const ext = ref.gateway.kind === 'router' ? ref.gateway.externalGateway?.network : undefined;
    if (ext !== undefined && w.networks.has(ext) && subnetAt(w, ext, p.dst)) return deliverL2(w, p, ext);
  }
  const net = p.net !== undefined ? w.networks.get(p.net) : undefined;
  // GCP-R15: the default internet gateway drops a private destination, public source or not.
  if (net?.provider === 'gcp' && !isPublic(p.dst)) return 'no-route';
  if (!p.translated && !publicSource(w, p, ref?.gateway.kind === 'router' ? ref.gateway : undefined))
    return 'no-public-ip';
  return isPublic(p.dst) ? 'delivered' : 'no-route';
}

/** Does the packet leave with a public source (DESIGN.md "Flows")? */
function publicSource(
  w: World,
  p: Packet,
  router: { readonly externalGateway?: { readonly enableSnat?: boolean } | null } | undefined,
): boolean {
  if (p.net === undefined) return true; // a site egresses through its own edge
  const net = w.networks.get(p.net)!;
  const s = p.egSubnet !== undefined ? w.subnetByPath.get(p.egSubnet) : undefined;
  // AWS-R15: an instance launched in a subnet that maps public IPs on launch has one, unless it says otherwise.
  const mapsPublic = (path: string): boolean =>
    net.provider === 'aws' && w.subnetByPath.get(path)?.subnet.mapPublicIpOnLaunch === true;
  if (p.egPort) {
    // Public IP (AWS-R15), floating IP (OS-R15).
    if (p.egPort.host.publicIp ?? (p.egPort.owner.provider === 'aws' && mapsPublic(p.egPort.subnetPath)))
      return true;
  } else if (p.egSubnet === p.srcSubnet && mapsPublic(p.srcSubnet)) return true; // a source drawn from such a subnet
  switch (net.provider) {
    case 'azure': // AZ-R15: default outbound access unless the subnet is private
      return s !== undefined && s.subnet.defaultOutboundAccess !== false;
    case 'gcp': // GCP-R15: Cloud NAT in the subnet's region
      return (
        s !== undefined &&
        s.network.gateways.some((g) => g.kind === 'cloudNat' && (g.region ?? '') === (s.subnet.region ?? ''))
      );
    case 'openstack': // OS-R13: the router's external gateway source-NATs unless enableSnat is false
      return router !== undefined && router.externalGateway?.enableSnat !== false;
    case 'aws': // AWS-R15: no public address, no internet
      return false;
  }
}

function viaAppliance(
  w: World,
  p: Packet,
  a: { readonly ip: string; readonly host?: string },
  t: RefTable,
): Next {
  const ip = parseIp(a.ip);
  const port = appliancePort(w, a, t.network);
  if (ip === p.dst) {
    if (!port) return (t.network !== undefined ? deliverTo(w, p, t.network) : undefined) ?? 'delivered';
    const owner = w.networks.get(port.network)!;
    if (owner.provider === 'openstack') return delivering(p, () => arrive(w, p, port)) ?? 'delivered';
    if (
      modeOf(w, owner.name) === 'provider-default' &&
      owner.provider === 'gcp' &&
      !gcpIngressAllowed(owner, p.src)
    )
      return 'firewall';
    return delivering(p, () => ingress(w, p, portWho(port))) ?? 'delivered';
  }
  if (!port) return 'next-hop-not-forwarding'; // AZ-R6: no NIC has the address
  const portNet = w.networks.get(port.network)!;
  if (portNet.provider === 'openstack') {
    const e = arrive(w, p, port); // OS-R6
    if (e) return e;
    if (portsOfHost(w, port).some((q) => q.ip === p.dst)) return 'delivered';
    if (!forwards(port)) return 'next-hop-not-forwarding';
    p.egPort = port;
    p.egSubnet = port.subnetPath;
    p.net = port.network;
    p.translated = false;
    return { guest: port };
  }
  if (!forwards(port)) return 'next-hop-not-forwarding';
  if (portNet.provider === 'gcp') {
    if (port === p.egPort) return 'loop'; // the route also applies to the appliance's own packets (GCP-R4)
    if (modeOf(w, portNet.name) === 'provider-default' && !gcpIngressAllowed(portNet, p.src))
      return 'firewall';
  }
  // A forwarding ENI, NIC or VM: its inbound filters as the packet arrives (AWS-R43, AZ-R28, GCP-R30).
  p.filters.direct = false;
  return ingress(w, p, portWho(port)) ?? onto(w, p, port);
}

/** The packet continues from host `port` (an appliance or an ILB backend) by its table. */
function onto(w: World, p: Packet, port: RefPort): Next {
  // The forwarding host's outbound filters as the packet leaves it.
  const denied = egress(w, p, portWho(port));
  if (denied) return denied;
  p.egPort = port;
  p.egSubnet = port.subnetPath;
  p.net = port.network;
  p.translated = false;
  const s = w.subnetByPath.get(port.subnetPath);
  if (s) p.region = s.subnet.region;
  // AWS-R9 from the appliance's own subnet.
  if (s && s.network.provider === 'aws' && s.ranges.some((r) => p.dst >= r.lo && p.dst <= r.hi))
    return deliverTo(w, p, s.network.name) ?? 'delivered';
  return { table: tableOfPort(w, port) };
}

function viaIlb(w: World, p: Packet, net: string, name: string): Next {
  if (w.gateways.has(`${net}/${name}`)) recordCrossing(p, `${net}/${name}`);
  const b = ilbBackend(w, net, name, p.region, p.egPort, p.src, p.dst);
  if (typeof b === 'string') return b;
  const bnet = w.networks.get(b.network)!;
  if (
    modeOf(w, bnet.name) === 'provider-default' &&
    bnet.provider === 'gcp' &&
    !gcpIngressAllowed(bnet, p.src)
  )
    return 'firewall';
  p.filters.direct = false;
  return ingress(w, p, portWho(b)) ?? onto(w, p, b);
}

/**
 * Through a connection's tunnels, from the end the packet is at (a site table's site, a gateway of
 * the table's network, or — a route imported over a peering, GCP-R23 — a gateway end elsewhere) to
 * the other end.
 */
function viaConnection(w: World, p: Packet, name: string, t: RefTable): Next {
  const c = w.connections.get(name);
  if (!c) return 'no-route';
  recordCrossing(p, `connection:${name}`);
  const tunnels = w.state.tunnels[name];
  if (tunnels) {
    const sessions = c.bgp ? w.state.sessions[name] : undefined;
    const usable = tunnels.some((tu, i) => tu.up && (sessions?.[i]?.established ?? true));
    if (!usable) return tunnels.some((tu) => tu.up) ? 'session-down' : 'tunnel-down';
  }
  const left = awsMove(w, p, undefined);
  if (left) return left;
  p.filters.direct = false; // AWS-R37: never through a tunnel
  const here = t.table.kind === 'site' ? t.table.id.slice('site:'.length) : undefined;
  const isGw = (end: string): boolean => w.gateways.has(end);
  let near = c.between.find((end) =>
    here !== undefined ? end === here : isGw(end) && end.split('/')[0] === t.network,
  );
  near ??= c.between.find(isGw);
  const far = c.between.find((end) => end !== near) ?? c.between[1];
  p.egPort = undefined;
  p.egSubnet = undefined;
  const site = w.sites.get(far);
  if (site && !isGw(far)) {
    p.net = undefined;
    return { table: w.tables.get(`site:${site.name}`) };
  }
  const ref = w.gateways.get(far);
  if (!ref) return 'no-route';
  recordCrossing(p, far);
  if (!gatewayReady(w, far)) return 'gateway-not-ready';
  const broken = gatewaySubnetNsg(w, far);
  if (broken) return broken;
  p.net = ref.network.name;
  p.region = gatewayRegion(w, far);
  if (ref.network.provider === 'azure') {
    const gws = w.tables.get(`${ref.network.name}/GatewaySubnet`);
    if (gws) return { table: gws };
  }
  if (ref.gateway.kind === 'tgw') {
    const id = gatewayIngressTable(w.state.topology, far, name);
    return { table: id !== undefined ? w.tables.get(id) : undefined };
  }
  return { table: w.tables.get(far) };
}

/**
 * AZ-R32: an NSG on GatewaySubnet stops the VNet's VPN gateway (profile `azure.gatewaySubnetNsg:
 * breaks`, the default; the network filtering by rules): it forwards nothing.
 */
function gatewaySubnetNsg(w: World, path: string): 'next-hop-not-forwarding' | undefined {
  const ref = w.gateways.get(path);
  if (!ref || ref.network.provider !== 'azure' || ref.gateway.kind !== 'vpn') return undefined;
  if (modeOf(w, ref.network.name) !== 'rules' || w.state.profile.azure.gatewaySubnetNsg !== 'breaks')
    return undefined;
  const gws = ref.network.subnets.find((x) => x.name === 'GatewaySubnet');
  return gws?.networkSecurityGroup !== undefined ? 'next-hop-not-forwarding' : undefined;
}

/** The port holding address `a` in a subnet's network (the flow's source host), if any. */
export function sourcePort(w: World, subnet: string, a: number): RefPort | undefined {
  const s = w.subnetByPath.get(subnet);
  return s ? portAt(w, s.network.name, a) : undefined;
}
