// Over 400 lines: request() is the hop loop, one switch over route actions kept whole for the JIT (about 320 lines); its helpers are in walk-*.ts and egress.ts.
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
 * The walker's helpers: walk-lookup.ts (one table's decision), walk-openstack.ts (ports, layer 2),
 * walk-gcp.ts (ILB backends, implied ingress rule), walk-transit.ts (transit gateways, Azure
 * gateway transit), egress.ts (a public source for the internet).
 *
 * Re-evaluation: an OpenStack port's security settings have no node of their own; the walker
 * records the port's host node and its subnet's table node, whose table the model rebuilds on
 * every topology change (forwarding-tables.ts, coarse dependencies), so a changed port or pair
 * re-evaluates every flow that met it. An ILB records all its backends' host nodes.
 */
import { Act, DELIVERED, UNMODELLED, outcomeCode } from './codes.js';
import { NO_PEER, PROVIDER_CODE, type ForwardingPlane } from './compile.js';
import { isPublicIpv4, publicSource } from './egress.js';
import { FilterWalk } from './filter-walk.js';
import type { HopRecorder } from './hop-recorder.js';
import type { SpanMask } from './span-mask.js';
import { gcpIngress, ilbBackend } from './walk-gcp.js';
import { flowHash, lookup } from './walk-lookup.js';
import { arrive, deliverL2, inRanges, osHost, ownsAddress } from './walk-openstack.js';
import { noteTransitIn, tgwIngress, zoneBlocked } from './walk-transit.js';

export { isPublicIpv4 } from './egress.js';
export type { HopRecorder } from './hop-recorder.js';

const NO_ROUTE = outcomeCode('no-route');
const BLACKHOLE = outcomeCode('blackhole');
const NOT_FORWARDING = outcomeCode('next-hop-not-forwarding');
const NO_PUBLIC_IP = outcomeCode('no-public-ip');
const NOT_READY = outcomeCode('gateway-not-ready');
const LOOP = outcomeCode('loop');

/** Longest path a packet may take before it is declared looping. */
export const MAX_HOPS = 32;
/** Capacity of the node-id path buffer. */
export const PATH_CAPACITY = 8 * MAX_HOPS;

/** Forwards packets through one plane (see the file comment); reused for every packet of the plane. */
export class Walker {
  readonly path = new Int32Array(PATH_CAPACITY);
  pathLen = 0;
  /** Table index of the last lookup (the hop where a drop happened), -1 if none. */
  lastTable = -1;
  /** The plane walked. */
  readonly p: ForwardingPlane;
  // The packet being forwarded (numbers only: nothing is allocated per packet).
  /** Source address range: one address, or a whole source subnet when the address is not known. */
  srcLo = 0;
  srcHi = 0;
  hash = 0;
  /** GCP-R10: the flow's hash for ECMP members (independent of the ILB backend hash). */
  ecmpHash = 0;
  /** OS-R11: the source is a member of the `default` security group (`firewall: provider-default`). */
  srcMember = false;
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
  /**
   * With `narrow`: the destinations the walk answers for, when the caller walks a set of ranges
   * (span-mask.ts); a table with many segments in the span then splits the mask instead of
   * narrowing the span. Null: the span alone.
   */
  mask: SpanMask | null = null;
  /** Scratch for the mask's extent after a split. */
  readonly extent = new Float64Array(2);

  constructor(plane: ForwardingPlane) {
    this.p = plane;
    this.fw = plane.filters ? new FilterWalk(plane, plane.filters, (n) => this.push(n)) : null;
  }

  /** Appends a node id to the path (the buffer keeps its first PATH_CAPACITY ids). */
  push(node: number): void {
    if (this.pathLen < PATH_CAPACITY) this.path[this.pathLen++] = node;
  }

  /** The packet enters gateway `g` (any kind): its node joins the path, and a trace gets a hop. */
  enter(g: number, rec: HopRecorder | null): void {
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
        p.firewall && (srcHost < 0 || inRanges(this, p.memberLo, p.memberHi, 0, p.memberLo.length));
      chosen = osHost(this, srcHost, srcSubnet, dst, true, rec);
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
        i = osHost(this, osAt, -1, dst, false, rec);
        osAt = -1;
        if (i < 0) return -1 - i;
        table = this.lastTable;
      } else {
        if (table < 0) return NO_ROUTE;
        this.push(p.tableNode[table]!);
        this.lastTable = table;
        i = lookup(this, table, dst, rec);
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
            noteTransitIn(this, net, n, rec);
          if (p.netProvider[n] === PROVIDER_CODE.openstack) return deliverL2(this, n, dst, rec);
          const s = p.subnetAt(n, dst);
          if (s < 0) return NO_ROUTE;
          this.push(p.subnetNode[s]!);
          if (p.netProviderDefault[n] === 1 && p.netProvider[n] === PROVIDER_CODE.gcp)
            return gcpIngress(this, n, p.netHosts[n]!.lookup(dst), rec);
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
              return deliverL2(this, ext, dst, rec);
            }
          }
          // GCP-R15: a private destination sent to the internet gateway is dropped, public source or not.
          if (net >= 0 && p.netProvider[net] === PROVIDER_CODE.gcp && !isPublicIpv4(dst)) {
            rec?.note('internet', 'the default internet gateway drops a private destination (GCP-R15)');
            return NO_ROUTE;
          }
          if (!translated && !publicSource(this, net, egSubnet, egHost, tgt, srcSubnet)) return NO_PUBLIC_IP;
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
            if (tp === PROVIDER_CODE.openstack) return arrive(this, tgt, dst, rec);
            if (p.netProviderDefault[p.hostNet[tgt]!] === 1 && tp === PROVIDER_CODE.gcp)
              return gcpIngress(this, p.hostNet[tgt]!, tgt, rec);
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
            const e = arrive(this, tgt, dst, rec);
            if (e !== 0) return e;
            if (ownsAddress(this, tgt, dst)) return DELIVERED; // addressed to another of its ports
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
              const e = gcpIngress(this, tnet, tgt, rec);
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
          const b = ilbBackend(this, tgt, region, egHost, rec);
          if (b < 0) return -1 - b;
          const bnet = p.hostNet[b]!;
          if (p.netProviderDefault[bnet] === 1 && p.netProvider[bnet] === PROVIDER_CODE.gcp) {
            const e = gcpIngress(this, bnet, b, rec);
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
          if (p.gwIsTgw[tgt] === 1 && zoneBlocked(this, tgt, egSubnet, rec)) return BLACKHOLE;
          if (p.gwIsEndpoint[tgt] === 1) {
            // AWS-R45: the service behind a gateway endpoint (S3, DynamoDB) is reached there.
            rec?.note('endpoint', `delivered to the service of gateway endpoint ${p.gwPath[tgt]} (AWS-R45)`);
            return DELIVERED;
          }
          table = p.gwIsTgw[tgt] === 1 ? tgwIngress(this, tgt, net) : p.gwTable[tgt]!;
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
}
