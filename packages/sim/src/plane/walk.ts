// Over 400 lines: the forwarding hot loop is one switch over route actions kept together for the JIT; splitting the provider-specific hops out is the next step (issue 15).
/**
 * The data plane's hot loop: one packet forwarded hop by hop through a compiled
 * {@link ForwardingPlane} until it is delivered or dropped. No allocation per packet: the walker
 * writes the node ids it crossed into a reusable buffer (`path`), which the simulator interns so
 * that a later state change re-evaluates only the flows whose path crossed what changed.
 *
 * Provider behaviour decided here (the route choice itself was resolved by the model):
 * - AWS-R9: same-subnet traffic is delivered at layer 2; no route table applies.
 * - OS-R1: ports on one OpenStack network meet at layer 2, no router between them; only the two
 *   ports' checks can drop it (invariant 39).
 * - OS-R5 / OS-R9: with port security on, a packet leaves a port only if its source is the port's
 *   fixed IP or lies in one of its allowed address pairs (the source of a forwarded packet is the
 *   original one); OS-R6: with the OVN driver a packet is delivered to a port only if its
 *   destination is the port's or in its pairs. Drops: `port-security` (trace notes say
 *   `egress-source` or `ingress-destination`). OS-R10: router ports are trusted.
 * - OS-R3: an OpenStack host with several ports sends out of the port whose network holds the
 *   destination, else by its guests' routes (longest match over its ports' subnets; a route through
 *   one of its own addresses is ignored). OS-R12..R15: routers, SNAT and floating IPs.
 * - GCP-R8: policy-based routes first (lowest priority value; `defaultRouting` skips the rest);
 *   GCP-R10 / invariant 27: a route with ECMP members hands the flow to one of them by a hash of
 *   (source, destination), so a flow keeps its route and flows spread over the members;
 *   GCP-R5: an ILB next hop hands the flow to one of its running, forwarding backends by a hash of
 *   the flow, and is unreachable from other regions without global access.
 * - AZ-R9 / AZ-R14: on Azure every packet, even within a subnet, goes through the subnet's table.
 * - AWS-R15/R16, AZ-R15, GCP-R15, OS-R13/R15: internet egress needs a public source (public IP,
 *   NAT, default outbound access, Cloud NAT, router SNAT, floating IP); an appliance forwarding to
 *   the internet translates to its own.
 * - AZ-R6 / AWS-R9 / GCP-R5: an appliance next hop must be a NIC that forwards.
 * - Gateways forward only when provisioned (AZ-R17, AZ-R19); tunnels only when up.
 * - DESIGN.md "Unknown": a route to an opaque construct (imported, not modelled) ends the walk
 *   with `unmodelled`, which is neither delivered nor a drop (verdict `unknown`).
 * - `firewall: provider-default`: GCP-R24 (implied deny ingress, allow egress; the `default`
 *   network's `default-allow-internal`) and OS-R11 (the `default` security group: egress any,
 *   ingress from its members). Drop: `firewall`.
 *
 * - `firewall: rules` (FILTERS.md): the filter checks live in filter-walk.ts; the walker calls its
 *   hooks (`this.fw`, null when no network uses rules, so the other modes pay one branch).
 *
 * Re-evaluation: an OpenStack port's security settings have no node of their own; the walker
 * records the port's host node and its subnet's table node, whose table the model rebuilds on
 * every topology change (forwarding-tables.ts, coarse dependencies), so a changed port or pair
 * re-evaluates every flow that met it. An ILB records all its backends' host nodes.
 */
import { transitHubOf, type FilterProgram } from '@cloudroute/model';
import { Act, DELIVERED, UNMODELLED, outcomeCode } from './codes.js';
import { NO_PEER, PROVIDER_CODE, type ForwardingPlane } from './compile.js';
import { formatIpv4 } from '../internal/lpm-adapter.js';
import { FilterWalk } from './filter-walk.js';
import { tableCuts } from './cuts.js';

const NO_ROUTE = outcomeCode('no-route');
const BLACKHOLE = outcomeCode('blackhole');
const NOT_FORWARDING = outcomeCode('next-hop-not-forwarding');
const NO_PUBLIC_IP = outcomeCode('no-public-ip');
const NOT_READY = outcomeCode('gateway-not-ready');
const LOOP = outcomeCode('loop');
const PORT_SECURITY = outcomeCode('port-security');
const FIREWALL = outcomeCode('firewall');

/** GCP-R24: the `default` network's `default-allow-internal` source range, 10.128.0.0/9. */
const GCP_INTERNAL_LO = 0x0a800000;
const GCP_INTERNAL_HI = 0x0affffff;

/** Longest path a packet may take before it is declared looping. */
export const MAX_HOPS = 32;
/** Capacity of the node-id path buffer. */
export const PATH_CAPACITY = 8 * MAX_HOPS;

/** Receives each hop of a traced packet (trace mode only; the flow loop passes none). */
export interface HopRecorder {
  /** A table lookup: `route` indexes the table's selected routes, -1 when nothing matched. */
  lookup(table: number, route: number): void;
  /** Something the packet met between lookups (an appliance, a tunnel, the internet). */
  note(kind: string, detail: string): void;
  /**
   * The packet enters a gateway (`index` into the plane's gateways) or a connection (into its
   * connections), whatever its kind: every gateway crossed is a hop of the trace.
   */
  cross?(kind: 'gateway' | 'connection', index: number): void;
  /** `firewall: rules`: one filter check (program, deciding entry or -1, verdict, where, phase). */
  filter?(
    program: FilterProgram,
    entry: number,
    allowed: boolean,
    at: string,
    phase: 'request' | 'reply',
    dest: boolean,
  ): void;
}

/** Is `a` a public unicast IPv4 address (not RFC 1918, RFC 6598, 0/8, 127/8, 169.254/16, 224/3)? */
export function isPublicIpv4(a: number): boolean {
  const o1 = a >>> 24;
  const o2 = (a >>> 16) & 255;
  if (o1 === 0 || o1 === 10 || o1 === 127 || o1 >= 224) return false;
  if (o1 === 172 && o2 >= 16 && o2 < 32) return false;
  if (o1 === 192 && o2 === 168) return false;
  if (o1 === 169 && o2 === 254) return false;
  if (o1 === 100 && o2 >= 64 && o2 < 128) return false;
  return true;
}

/** A 32-bit hash of a flow (source, destination): GCP-R10 / ILB backend choice, same flow → same pick. */
export function flowHash(src: number, dst: number): number {
  let x = Math.imul((src | 0) ^ 0x9e3779b9, 0x85ebca6b) ^ dst;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

export class Walker {
  readonly path = new Int32Array(PATH_CAPACITY);
  pathLen = 0;
  /** Table index of the last lookup (the hop where a drop happened), -1 if none. */
  lastTable = -1;
  private readonly p: ForwardingPlane;
  // The packet being forwarded (numbers only: nothing is allocated per packet).
  /** Source address range: one address, or a whole source subnet when the address is not known. */
  private srcLo = 0;
  private srcHi = 0;
  private hash = 0;
  /** GCP-R10: the flow's hash for ECMP members (independent of the ILB backend hash). */
  private ecmpHash = 0;
  /** OS-R11: the source is a member of the `default` security group (`firewall: provider-default`). */
  private srcMember = false;
  /** `firewall: rules`: the filter checks of the walk (filter-walk.ts); null when no network uses rules. */
  readonly fw: FilterWalk | null;
  /**
   * Exact coverage (coverage.ts): when set, every table lookup narrows [spanLo, spanHi] (set by the
   * caller to the destination's segment of cuts.ts) to the table's range holding the destination,
   * so the walk's outcome holds for every destination of the span; `hashed` tells that the walk
   * picked an ECMP member or ILB backend by the flow hash (the span then holds for this flow only).
   */
  narrow = false;
  spanLo = 0;
  spanHi = 0;
  hashed = false;

  constructor(plane: ForwardingPlane) {
    this.p = plane;
    this.fw = plane.filters ? new FilterWalk(plane, plane.filters, (n) => this.push(n)) : null;
  }

  private push(node: number): void {
    if (this.pathLen < PATH_CAPACITY) this.path[this.pathLen++] = node;
  }

  /** The packet enters gateway `g` (any kind): its node joins the path, and a trace gets a hop. */
  private enter(g: number, rec: HopRecorder | null): void {
    this.push(this.p.gwNode[g]!);
    rec?.cross?.('gateway', g);
  }

  /**
   * Forwards one packet from `srcSubnet` (and `srcHost` when the source address is a known NIC,
   * else -1) to `dst`. `src` is the source address when the caller knows it (else the host's
   * address, or any address of the source subnet: a check on the source then holds only if it
   * holds for the whole subnet). From a site (`srcSubnet` -1, `srcSite` its index, `src` required)
   * the packet starts at the site's table. Returns the outcome code (0 delivered, else a drop reason).
   */
  forward(
    srcSubnet: number,
    srcHost: number,
    dst: number,
    rec: HopRecorder | null,
    src = -1,
    srcSite = -1,
  ): number {
    const o = this.request(srcSubnet, srcHost, dst, rec, src, srcSite);
    // FILTERS.md: an arriving request is checked on the reply (AWS-R42, OS-R21).
    return o === DELIVERED && this.fw ? this.fw.reply(rec) : o;
  }

  private request(
    srcSubnet: number,
    srcHost: number,
    dst: number,
    rec: HopRecorder | null,
    src: number,
    srcSite: number,
  ): number {
    const p = this.p;
    this.pathLen = 0;
    this.lastTable = -1;
    // From a site (`srcSite`, with `src` from its cidrs): the packet starts at the site's own table.
    const fromSite = srcSite >= 0 && srcSubnet < 0;
    if (srcSubnet < 0 && !fromSite) return NO_ROUTE;
    if (!fromSite) this.push(p.subnetNode[srcSubnet]!);
    if (srcHost >= 0) this.push(p.hostNode[srcHost]!);
    if (src >= 0) this.srcLo = this.srcHi = src;
    else if (srcHost >= 0) this.srcLo = this.srcHi = p.hostIp[srcHost]!;
    else if (!fromSite) {
      this.srcLo = p.subnetBase[srcSubnet]!;
      this.srcHi = p.subnetLast[srcSubnet]!;
    }
    this.hash = flowHash(this.srcLo, dst);
    this.ecmpHash = flowHash(dst ^ 0x45434d50, this.srcLo);
    if (fromSite) this.srcMember = false; // OS-R11: a site's address is no member of a security group
    let net = fromSite ? -1 : p.subnetNet[srcSubnet]!;
    const prov = fromSite ? -1 : p.netProvider[net]!;
    if (this.fw) {
      const e = this.fw.begin(fromSite ? -1 : srcSubnet, srcHost, this.srcLo, dst, rec);
      if (e !== 0) return e;
    }
    if (prov === PROVIDER_CODE.aws && dst >= p.subnetBase[srcSubnet]! && dst <= p.subnetLast[srcSubnet]!) {
      rec?.note('l2', 'same subnet: delivered at layer 2, no route table applies (AWS-R9)');
      return this.fw ? this.fw.deliver(net, rec) : DELIVERED;
    }
    let table = fromSite
      ? p.siteTable[srcSite]!
      : srcHost >= 0 && p.hostTable[srcHost]! >= 0
        ? p.hostTable[srcHost]!
        : p.subnetTable[srcSubnet]!;
    /** A route already chosen (an OpenStack guest's), to act on before the next lookup. */
    let chosen = -1;
    if (prov === PROVIDER_CODE.openstack) {
      this.srcMember =
        p.firewall && (srcHost < 0 || this.inRanges(p.memberLo, p.memberHi, 0, p.memberLo.length));
      chosen = this.osHost(srcHost, srcSubnet, dst, true, rec);
      if (chosen < 0) return -1 - chosen;
      table = this.lastTable;
    }
    let egSubnet = srcSubnet;
    let egHost = srcHost;
    let translated = false;
    let region = fromSite ? -1 : p.subnetRegion[srcSubnet]!;
    /** An OpenStack port whose host holds the packet: its host decides the next hop. */
    let osAt = -1;
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      let i: number;
      if (chosen >= 0) {
        i = chosen;
        chosen = -1;
      } else if (osAt >= 0) {
        i = this.osHost(osAt, -1, dst, false, rec);
        osAt = -1;
        if (i < 0) return -1 - i;
        table = this.lastTable;
      } else {
        if (table < 0) return NO_ROUTE;
        this.push(p.tableNode[table]!);
        this.lastTable = table;
        i = this.lookup(table, dst, rec);
        if (i < 0) return NO_ROUTE;
      }
      const tgt = p.routeTarget[i]!;
      switch (p.routeKind[i]!) {
        case Act.Local:
        case Act.Peering: {
          const n = tgt >= 0 ? tgt : net;
          if (
            rec &&
            n !== net &&
            net >= 0 &&
            table === p.netInbound[net] &&
            p.netProvider[n] === PROVIDER_CODE.azure
          )
            this.noteTransitIn(net, n, rec);
          if (p.netProvider[n] === PROVIDER_CODE.openstack) return this.deliverL2(n, dst, rec);
          const s = p.subnetAt(n, dst);
          if (s < 0) return NO_ROUTE;
          this.push(p.subnetNode[s]!);
          if (p.netProviderDefault[n] === 1 && p.netProvider[n] === PROVIDER_CODE.gcp)
            return this.gcpIngress(n, p.netHosts[n]!.lookup(dst), rec);
          return this.fw ? this.fw.deliver(n, rec) : DELIVERED;
        }
        case Act.Internet: {
          if (this.fw) {
            const e = this.fw.outside(rec);
            if (e !== 0) return e;
          }
          if (tgt >= 0) {
            this.enter(tgt, rec);
            if (p.gwReady[tgt] === 0) return NOT_READY;
            // OS-R13: an address of the router's external network is reached on that network.
            const ext = p.gwExtNet[tgt]!;
            if (ext >= 0 && p.subnetAt(ext, dst) >= 0) {
              rec?.note('external', `${p.gwPath[tgt]} reaches its external network ${p.networks[ext]!.name}`);
              return this.deliverL2(ext, dst, rec);
            }
          }
          // GCP-R15: a private destination sent to the internet gateway is dropped, public source or not.
          if (net >= 0 && p.netProvider[net] === PROVIDER_CODE.gcp && !isPublicIpv4(dst)) {
            rec?.note('internet', 'the default internet gateway drops a private destination (GCP-R15)');
            return NO_ROUTE;
          }
          if (!translated && !this.publicSource(net, egSubnet, egHost, tgt, srcSubnet)) return NO_PUBLIC_IP;
          rec?.note(
            'internet',
            translated ? 'leaves to the internet (translated)' : 'leaves to the internet',
          );
          return isPublicIpv4(dst) ? DELIVERED : NO_ROUTE;
        }
        case Act.Nat: {
          if (tgt < 0) return BLACKHOLE;
          this.enter(tgt, rec);
          if (p.gwReady[tgt] === 0) return NOT_READY;
          // AWS-R16: a public NAT gateway translates to its EIP, then its subnet's table carries it on.
          translated = p.gwTranslates[tgt] === 1;
          const s = p.gwSubnet[tgt]!;
          if (s < 0) return NO_ROUTE;
          rec?.note('nat', `${p.gwPath[tgt]} translates the source`);
          if (this.fw) {
            const e = this.fw.nat(s, rec);
            if (e !== 0) return e;
          }
          egSubnet = s;
          egHost = -1;
          net = p.subnetNet[s]!;
          table = p.subnetTable[s]!;
          break;
        }
        case Act.Appliance: {
          if (p.routeIp[i] === dst) {
            if (tgt < 0) return this.fw && net >= 0 ? this.fw.deliver(net, rec) : DELIVERED;
            const tp = p.netProvider[p.hostNet[tgt]!]!;
            if (tp === PROVIDER_CODE.openstack) return this.arrive(tgt, dst, rec);
            if (p.netProviderDefault[p.hostNet[tgt]!] === 1 && tp === PROVIDER_CODE.gcp)
              return this.gcpIngress(p.hostNet[tgt]!, tgt, rec);
            return this.fw ? this.fw.deliver(p.hostNet[tgt]!, rec) : DELIVERED;
          }
          if (tgt < 0) {
            rec?.note('appliance', 'the next hop is no NIC address (AZ-R6)');
            return NOT_FORWARDING;
          }
          this.push(p.hostNode[tgt]!);
          const tnet = p.hostNet[tgt]!;
          if (p.netProvider[tnet] === PROVIDER_CODE.openstack) {
            // The packet arrives at the appliance's port (OS-R6), then its host routes it (OS-R3).
            const e = this.arrive(tgt, dst, rec);
            if (e !== 0) return e;
            if (this.ownsAddress(tgt, dst)) return DELIVERED; // addressed to another of its ports
            if (p.hostForwards[tgt] === 0) {
              rec?.note('appliance', `${p.hostPath[tgt]} does not forward (IP forwarding off in the guest)`);
              return NOT_FORWARDING;
            }
            rec?.note('appliance', `${p.hostPath[tgt]} forwards`);
            egHost = tgt;
            egSubnet = p.hostSubnet[tgt]!;
            net = tnet;
            translated = false;
            osAt = tgt;
            break;
          }
          if (p.hostForwards[tgt] === 0) {
            rec?.note(
              'appliance',
              `${p.hostPath[tgt]} does not forward (IP forwarding off / source-destination check on)`,
            );
            return NOT_FORWARDING;
          }
          if (p.netProvider[tnet] === PROVIDER_CODE.gcp) {
            if (tgt === egHost) {
              rec?.note(
                'appliance',
                `${p.hostPath[tgt]} is the next hop of its own packets: the route also applies to the appliance (give the route network tags the appliance lacks, GCP-R4)`,
              );
              return LOOP;
            }
            if (p.netProviderDefault[tnet] === 1) {
              const e = this.gcpIngress(tnet, tgt, rec);
              if (e !== 0) return e;
            }
          }
          if (this.fw) {
            const e = this.fw.forwardHost(tgt, rec);
            if (e !== 0) return e;
          }
          rec?.note('appliance', `${p.hostPath[tgt]} forwards`);
          egHost = tgt;
          egSubnet = p.hostSubnet[tgt]!;
          net = tnet;
          translated = false;
          if (egSubnet >= 0) region = p.subnetRegion[egSubnet]!;
          if (
            egSubnet >= 0 &&
            p.netProvider[net] === PROVIDER_CODE.aws &&
            dst >= p.subnetBase[egSubnet]! &&
            dst <= p.subnetLast[egSubnet]!
          )
            return this.fw ? this.fw.deliver(net, rec) : DELIVERED; // AWS-R9 from the appliance's own subnet
          table = p.hostTable[tgt]!;
          break;
        }
        case Act.Ilb: {
          const b = this.ilbBackend(tgt, region, egHost, rec);
          if (b < 0) return -1 - b;
          const bnet = p.hostNet[b]!;
          if (p.netProviderDefault[bnet] === 1 && p.netProvider[bnet] === PROVIDER_CODE.gcp) {
            const e = this.gcpIngress(bnet, b, rec);
            if (e !== 0) return e;
          }
          if (this.fw) {
            const e = this.fw.forwardHost(b, rec);
            if (e !== 0) return e;
          }
          egHost = b;
          egSubnet = p.hostSubnet[b]!;
          net = bnet;
          translated = false;
          if (egSubnet >= 0) region = p.subnetRegion[egSubnet]!;
          table = p.hostTable[b]!;
          break;
        }
        case Act.Gateway: {
          if (tgt < 0) return BLACKHOLE;
          this.enter(tgt, rec);
          if (rec && net >= 0 && p.gwNet[tgt] !== net && p.netProvider[net] === PROVIDER_CODE.azure)
            rec.note(
              'peering',
              `crosses the peering to ${p.networks[p.gwNet[tgt]!]!.name}: gateway transit, ${p.gwPath[tgt]} is ${p.networks[net]!.name}'s gateway (AZ-R34)`,
            );
          if (p.gwReady[tgt] === 0) return NOT_READY;
          if (this.fw) {
            const e = this.fw.outside(rec, p.gwIsTgw[tgt] === 1) || this.fw.broken(tgt, rec);
            if (e !== 0) return e;
          }
          if (p.gwIsTgw[tgt] === 1 && this.zoneBlocked(tgt, egSubnet, rec)) return BLACKHOLE;
          if (p.gwIsEndpoint[tgt] === 1) {
            // AWS-R45: the service behind a gateway endpoint (S3, DynamoDB) is reached there.
            rec?.note('endpoint', `delivered to the service of gateway endpoint ${p.gwPath[tgt]} (AWS-R45)`);
            return DELIVERED;
          }
          table = p.gwIsTgw[tgt] === 1 ? this.tgwIngress(tgt, net) : p.gwTable[tgt]!;
          break;
        }
        case Act.Connection: {
          if (tgt < 0) return NO_ROUTE;
          this.push(p.connNode[tgt]!);
          rec?.cross?.('connection', tgt);
          if (p.connUp[tgt] === 0) return p.connDrop[tgt]!;
          if (this.fw) {
            const e = this.fw.outside(rec, true);
            if (e !== 0) return e;
          }
          rec?.note('tunnel', `through connection ${p.connName[tgt]}`);
          if (p.connDx[tgt] !== undefined) rec?.note('directConnect', p.connDx[tgt]);
          const g = p.connGw[tgt]!;
          const peer = p.connPeer[tgt]!;
          // The side of the connection the packet is at is the table's network (not the packet's:
          // a VPC attached to a transit gateway is looked up in the gateway's table, AWS-R29).
          const here = p.tableNet[table]!;
          const atSite = here === -1;
          egHost = -1;
          egSubnet = -1;
          // From a site, or from the far side of a gateway-to-gateway connection: into gateway g.
          // Otherwise out to the peer (a site, or a second gateway): from g's own network, or from a
          // network that imported g's routes over a peering (GCP-R23: straight to the next hop in
          // the peer network, no lookup at g).
          const farSide = peer < 0 && p.gwNet[-peer - 1] === here && p.gwNet[g] !== here;
          let next = g;
          if (!atSite && g >= 0 && !farSide) {
            if (peer >= 0 && peer < NO_PEER) {
              table = p.siteTable[peer]!;
              net = -1;
              translated = false;
              break;
            }
            next = peer < 0 ? -peer - 1 : -1;
          }
          if (next < 0) return NO_ROUTE;
          this.enter(next, rec);
          if (p.gwReady[next] === 0) return NOT_READY;
          if (this.fw) {
            const e = this.fw.broken(next, rec);
            if (e !== 0) return e;
          }
          net = p.gwNet[next]!;
          region = p.gwRegion[next]!;
          // AWS-R29: into a transit gateway, the table of the connection's VPN attachment.
          table =
            p.netInbound[net]! >= 0
              ? p.netInbound[net]!
              : p.gwIsTgw[next] === 1
                ? (p.tgwConnIngress.get(next * 65536 + tgt) ?? -1)
                : p.gwTable[next]!;
          break;
        }
        case Act.Site:
          return DELIVERED;
        case Act.Drop:
          return tgt;
        case Act.Opaque:
          // DESIGN.md "Unknown": an imported construct the product does not model. Neither
          // delivered nor dropped: the outcome `unmodelled`, verdict `unknown`.
          rec?.note('unmodelled', 'the next hop is a construct imported but not modelled: verdict unknown');
          return UNMODELLED;
        default:
          return NO_ROUTE;
      }
    }
    return LOOP;
  }

  /**
   * The table a packet entering transit gateway `tgw` is looked up in (AWS-R29): from another
   * transit gateway's table, the table of `tgw`'s peering attachment to it; else the table of the
   * attachment of the packet's network.
   */
  private tgwIngress(tgw: number, net: number): number {
    const p = this.p;
    const from = p.tgwOfTable.get(this.lastTable);
    if (from !== undefined) return p.tgwPeerIngress.get(tgw * 65536 + from) ?? -1;
    return p.tgwIngress.get(tgw * 65536 + net) ?? -1;
  }

  /** AZ-R34 (trace only): traffic from `hub`'s VPN gateway crosses the transit peering into `spoke`. */
  private noteTransitIn(hub: number, spoke: number, rec: HopRecorder): void {
    const p = this.p;
    if (transitHubOf(p.state.topology, p.networks[spoke]!)?.hub !== p.networks[hub]) return;
    let g = 0;
    while (g < p.gwPath.length && !(p.gwNet[g] === hub && p.gwTable[g]! >= 0)) g++;
    const from = g < p.gwPath.length ? p.gwPath[g]! : p.networks[hub]!.name;
    rec.note(
      'peering',
      `from ${from} over the peering to ${p.networks[spoke]!.name} (gateway transit, AZ-R34)`,
    );
  }

  /**
   * AWS-R32: traffic toward a transit gateway from a subnet (not from another TGW) is dropped when
   * the gateway's attachment of the VPC has no subnet in that subnet's Availability Zone.
   */
  private zoneBlocked(tgw: number, subnet: number, rec: HopRecorder | null): boolean {
    const p = this.p;
    if (subnet < 0 || p.tgwOfTable.has(this.lastTable)) return false;
    if (!p.tgwZoneBlocked.has(tgw * 16777216 + subnet)) return false;
    rec?.note(
      'tgw',
      `${p.gwPath[tgw]}'s attachment has no subnet in the Availability Zone of ${p.subnetPath[subnet]}: dropped (AWS-R32)`,
    );
    return true;
  }

  /**
   * One table's decision: GCP policy-based routes first (GCP-R8, invariant 24), then longest
   * prefix match, then the flow's ECMP member when the route has several (GCP-R10). Returns a
   * global route index, or -1.
   */
  private lookup(t: number, dst: number, rec: HopRecorder | null): number {
    const p = this.p;
    const base = p.tableBase[t]!;
    const end = p.tablePolicyEnd[t]!;
    let skipped = -1;
    for (let k = p.tableLpmEnd[t]!; k < end; k++) {
      if (dst < p.routeDstLo[k]! || dst > p.routeDstHi[k]!) continue;
      if (this.srcLo < p.routeSrcLo[k]! || this.srcHi > p.routeSrcHi[k]!) continue;
      if (p.routeKind[k] === Act.SkipPolicy) {
        skipped = k;
        break;
      }
      rec?.lookup(t, k - base);
      rec?.note(
        'policy',
        `policy-based route ${p.tables[t]!.routes[k - base]!.name ?? ''} matches the source and destination: it is evaluated before every other route (GCP-R8)`,
      );
      return k;
    }
    const r = this.narrow ? this.lookupRange(t, dst) : p.tables[t]!.lpm.lookup(dst);
    const i = r < 0 ? -1 : base + r;
    const n = i < 0 ? 0 : p.routeEcmpCount[i]!;
    if (n >= 2) this.hashed = true;
    const k = n < 2 ? 0 : this.ecmpHash % n;
    const m = n < 2 ? i : p.routeEcmpFirst[i]! + k;
    // GCP-R10: the hop shows the member the flow took (its equals are among the routes it beat).
    rec?.lookup(t, m < 0 ? -1 : m - base);
    if (skipped >= 0)
      rec?.note(
        'policy',
        `policy-based route ${p.tables[t]!.routes[skipped - base]!.name ?? ''} (defaultRouting) matches: the remaining policy-based routes are skipped (GCP-R8)`,
      );
    if (rec && n >= 2) {
      const c = p.tables[t]!.routes[m - base]!;
      const hop = c.nextHopIp ?? (c.action?.kind === 'connection' ? c.action.connection : c.nextHopType);
      rec.note(
        'ecmp',
        `ECMP: ${n} equal routes for ${c.prefix}; the flow hash picks member ${k + 1} of ${n}, route ${c.name ?? c.prefix} via ${hop} (GCP-R10)`,
      );
    }
    return m;
  }

  /** Table t's longest-prefix match, narrowing the span to the table's range holding `dst`. */
  private lookupRange(t: number, dst: number): number {
    const build = this.p.tables[t]!;
    // The segment of the table's prefix boundaries holding dst (cuts.ts tableCuts).
    const cuts = tableCuts(build);
    let l = 0;
    let h = cuts.length - 1;
    let at = -1;
    while (l <= h) {
      const m = (l + h) >> 1;
      if (cuts[m]! <= dst) {
        at = m;
        l = m + 1;
      } else h = m - 1;
    }
    const lo = at >= 0 ? cuts[at]! : 0;
    const hi = at + 1 < cuts.length ? cuts[at + 1]! - 1 : 0xffffffff;
    if (lo > this.spanLo) this.spanLo = lo;
    if (hi < this.spanHi) this.spanHi = hi;
    return build.lpm.lookup(dst);
  }

  /**
   * GCP-R5 / GCP-R8: the backend of ILB `g` that takes this flow, or `-1 - outcome`. Records every
   * backend (a change in any of them may move the flow).
   */
  private ilbBackend(g: number, region: number, from: number, rec: HopRecorder | null): number {
    const p = this.p;
    if (g < 0) {
      rec?.note('ilb', 'the next hop names no internal load balancer of the network');
      return -1 - NOT_FORWARDING;
    }
    this.enter(g, rec);
    if (p.gwReady[g] === 0) return -1 - NOT_READY;
    const lbRegion = p.gwRegion[g]!;
    if (p.gwGlobalAccess[g] === 0 && lbRegion >= 0 && region >= 0 && region !== lbRegion) {
      rec?.note(
        'ilb',
        `${p.gwPath[g]} lives in ${p.regions[lbRegion]} without global access: packets from ${p.regions[region]} are dropped (GCP-R5)`,
      );
      return -1 - NOT_FORWARDING;
    }
    for (let k = p.ilbStart[g]!, e = p.ilbStart[g + 1]!; k < e; k++) this.push(p.hostNode[p.ilbAll[k]!]!);
    const first = p.ilbHealthyStart[g]!;
    const n = p.ilbHealthyStart[g + 1]! - first;
    if (n === 0) {
      rec?.note('ilb', `${p.gwPath[g]} has no running backend that forwards`);
      return -1 - NOT_FORWARDING;
    }
    if (n >= 2) this.hashed = true;
    const b = p.ilbHealthy[first + (this.hash % n)]!;
    if (b === from) {
      // The flow hashes to the same backend again: it would go round for ever.
      rec?.note(
        'ilb',
        `${p.gwPath[g]} hands the packet back to ${p.hostPath[b]}, which sent it: the route also applies to the backend's own forwarded packets (give the route network tags the backends lack)`,
      );
      return -1 - LOOP;
    }
    rec?.note(
      'ilb',
      `${p.gwPath[g]} hands the flow to backend ${p.hostPath[b]} (hash over ${n} healthy backends)`,
    );
    return b;
  }

  /**
   * An OpenStack host (port `h`, or a notional port of `subnet` when `h` is -1) holding the
   * packet: out of the port on the destination's network at layer 2 (OS-R1), else by the routes
   * DHCP gave the guest (OS-R2, OS-R3). Returns the global index of the route taken, or
   * `-1 - outcome` when the packet was delivered or dropped here.
   */
  private osHost(h: number, subnet: number, dst: number, origin: boolean, rec: HopRecorder | null): number {
    const p = this.p;
    const owner = h >= 0 ? p.portOwner[h]! : -1;
    const first = h >= 0 ? p.ownerFirst[owner]! : -1;
    const count = h >= 0 ? p.ownerCount[owner]! : 1;
    for (let k = 0; k < count; k++) {
      const q = h >= 0 ? first + k : -1;
      const n = q >= 0 ? p.hostNet[q]! : p.subnetNet[subnet]!;
      if (p.subnetAt(n, dst) < 0) continue;
      if (origin) rec?.note('l2', 'same network: ports meet at layer 2, no router (OS-R1)');
      else
        rec?.note(
          'l2',
          `${p.hostPath[q]!} sends out of its port on ${p.networks[n]!.name}: layer 2, no router (OS-R1)`,
        );
      const e = this.leave(q, origin, rec);
      if (e !== 0) return -1 - e;
      return -1 - this.deliverL2(n, dst, rec);
    }
    let best = -1;
    let bestLen = -1;
    let bestTable = -1;
    let bestPort = -1;
    for (let k = 0; k < count; k++) {
      const q = h >= 0 ? first + k : -1;
      const t = q >= 0 ? p.hostTable[q]! : p.subnetTable[subnet]!;
      if (t < 0) continue;
      const r = this.narrow ? this.lookupRange(t, dst) : p.tables[t]!.lpm.lookup(dst);
      let i = r < 0 ? -1 : p.tableBase[t]! + r;
      // OS-R3: a route through one of the guest's own addresses is ignored.
      while (
        i >= 0 &&
        owner >= 0 &&
        p.routeKind[i] === Act.Appliance &&
        this.ownedBy(p.routeTarget[i]!, owner)
      )
        i = p.routeParent[i]!;
      if (i >= 0 && p.routeLen[i]! > bestLen) {
        best = i;
        bestLen = p.routeLen[i]!;
        bestTable = t;
        bestPort = q;
      }
    }
    const t = bestTable >= 0 ? bestTable : h >= 0 ? p.hostTable[first]! : p.subnetTable[subnet]!;
    if (t < 0) return -1 - NO_ROUTE;
    this.push(p.tableNode[t]!);
    this.lastTable = t;
    rec?.lookup(t, best < 0 ? -1 : best - p.tableBase[t]!);
    if (best < 0) return -1 - NO_ROUTE;
    if (p.routeKind[best] !== Act.Drop) {
      const e = this.leave(bestPort, origin, rec);
      if (e !== 0) return -1 - e;
    }
    return best;
  }

  /** Is `a` the address of one of the ports of `port`'s host? */
  private ownsAddress(port: number, a: number): boolean {
    const p = this.p;
    const o = p.portOwner[port]!;
    for (let q = p.ownerFirst[o]!, e = q + p.ownerCount[o]!; q < e; q++) if (p.hostIp[q] === a) return true;
    return false;
  }

  private ownedBy(port: number, owner: number): boolean {
    return port >= 0 && this.p.portOwner[port] === owner;
  }

  /** Records an OpenStack port: its host, and its subnet's table (which stands for its settings). */
  private pushPort(q: number): void {
    const p = this.p;
    this.push(p.hostNode[q]!);
    const s = p.hostSubnet[q]!;
    const t = s >= 0 ? p.subnetTable[s]! : -1;
    if (t >= 0) this.push(p.tableNode[t]!);
  }

  /** Do the inclusive ranges `[lo[k], hi[k])`, k in [from, to), hold the whole source range? */
  private inRanges(lo: Float64Array, hi: Float64Array, from: number, to: number): boolean {
    for (let k = from; k < to; k++) if (this.srcLo >= lo[k]! && this.srcHi <= hi[k]!) return true;
    return false;
  }

  private inPairs(q: number, a: number): boolean {
    const p = this.p;
    for (let k = p.pairStart[q]!, e = p.pairStart[q + 1]!; k < e; k++)
      if (a >= p.pairLo[k]! && a <= p.pairHi[k]!) return true;
    return false;
  }

  /**
   * The packet leaves OpenStack port `q` (-1: a notional port with the defaults). OS-R5: with port
   * security on, a forwarded packet's source must be the port's or in its pairs (a host's own
   * packets carry its own address); OS-R11: a port without security groups sends nothing.
   */
  private leave(q: number, origin: boolean, rec: HopRecorder | null): number {
    if (q < 0) return this.fw ? this.fw.portOut(q, origin, rec) : 0;
    const p = this.p;
    this.pushPort(q);
    if (p.portSecurity[q] === 0) return 0;
    const own = this.srcLo === this.srcHi && this.srcLo === p.hostIp[q];
    if (!origin && !own && !this.inRanges(p.pairLo, p.pairHi, p.pairStart[q]!, p.pairStart[q + 1]!)) {
      rec?.note(
        'port-security',
        `egress-source: ${this.srcText()} is neither ${p.hostPath[q]}'s address ${formatIpv4(p.hostIp[q]!)} on ${p.subnetPath[p.hostSubnet[q]!] ?? '?'} nor in the port's allowed address pairs: dropped as it leaves the port (OS-R5)`,
      );
      return PORT_SECURITY;
    }
    if (p.netProviderDefault[p.hostNet[q]!] === 1 && (p.portGroups[q]! & 1) === 0) {
      rec?.note(
        'firewall',
        `${p.hostPath[q]}: the port has no security group, so nothing leaves it (OS-R11)`,
      );
      return FIREWALL;
    }
    return this.fw ? this.fw.portOut(q, origin, rec) : 0;
  }

  /**
   * The packet is delivered to OpenStack port `q`. OS-R6: with OVN and port security on, its
   * destination must be the port's or in its pairs; OS-R11: the `default` group admits its members.
   */
  private arrive(q: number, dst: number, rec: HopRecorder | null): number {
    const p = this.p;
    this.pushPort(q);
    if (p.portSecurity[q] === 0) return 0;
    if (p.ovn && dst !== p.hostIp[q] && !this.inPairs(q, dst)) {
      rec?.note(
        'port-security',
        `ingress-destination: ${formatIpv4(dst)} is neither ${p.hostPath[q]}'s address ${formatIpv4(p.hostIp[q]!)} nor in the port's allowed address pairs: OVN drops it before it reaches the port (OS-R6)`,
      );
      return PORT_SECURITY;
    }
    if (p.netProviderDefault[p.hostNet[q]!] === 1 && ((p.portGroups[q]! & 2) === 0 || !this.srcMember)) {
      rec?.note(
        'firewall',
        (p.portGroups[q]! & 2) === 0
          ? `${p.hostPath[q]}: no security group of the port admits inbound traffic (OS-R11)`
          : `${p.hostPath[q]}: the default security group admits only its members, and ${this.srcText()} is none (OS-R11)`,
      );
      return FIREWALL;
    }
    return this.fw ? this.fw.portIn(q, -1, rec) : 0;
  }

  /** OS-R1: delivery on OpenStack network `n` at layer 2 (to the port that owns `dst`, if any). */
  private deliverL2(n: number, dst: number, rec: HopRecorder | null): number {
    const p = this.p;
    const s = p.subnetAt(n, dst);
    if (s < 0) return NO_ROUTE;
    this.push(p.subnetNode[s]!);
    const q = p.netHosts[n]!.lookup(dst);
    return q >= 0 ? this.arrive(q, dst, rec) : this.fw ? this.fw.portIn(-1, s, rec) : DELIVERED;
  }

  /** GCP-R24: the implied deny-ingress rule (the `default` network allows 10.128.0.0/9). */
  private gcpIngress(n: number, host: number, rec: HopRecorder | null): number {
    const p = this.p;
    if (host >= 0) this.push(p.hostNode[host]!);
    if (p.netDefaultRules[n] === 1 && this.srcLo >= GCP_INTERNAL_LO && this.srcHi <= GCP_INTERNAL_HI)
      return DELIVERED;
    rec?.note(
      'firewall',
      `the implied deny-ingress rule of ${p.networks[n]!.name} drops it: no firewall rule allows it in (GCP-R24)`,
    );
    return FIREWALL;
  }

  private srcText(): string {
    return this.srcLo === this.srcHi
      ? formatIpv4(this.srcLo)
      : `${formatIpv4(this.srcLo)}-${formatIpv4(this.srcHi)}`;
  }

  private publicSource(
    net: number,
    egSubnet: number,
    egHost: number,
    gw: number,
    srcSubnet: number,
  ): boolean {
    const p = this.p;
    if (net < 0) return true; // an on-prem site egresses through its own edge
    if (egHost >= 0 && p.hostPublic[egHost] === 1) return true;
    switch (p.netProvider[net]!) {
      case PROVIDER_CODE.azure: // AZ-R15: default outbound access unless the subnet is private
      case PROVIDER_CODE.gcp: // GCP-R15: Cloud NAT in the subnet's region
        if (egSubnet >= 0) this.push(p.subnetNode[egSubnet]!);
        return egSubnet >= 0 && p.subnetPublic[egSubnet] === 1;
      case PROVIDER_CODE.openstack:
        // OS-R13: the router's external gateway source-NATs unless enableSnat is false; OS-R15: floating IP above.
        return gw >= 0 && p.gwTranslates[gw] === 1;
      default:
        // AWS-R15: an instance without a public address cannot use the IGW. A source drawn from a
        // subnet that maps public IPs on launch (no listed host: a host's own flag is above) is an
        // instance launched there, with one; after a NAT gateway (egSubnet moved) it is not.
        return egHost < 0 && egSubnet === srcSubnet && egSubnet >= 0 && p.subnetPublic[egSubnet] === 1;
    }
  }
}
