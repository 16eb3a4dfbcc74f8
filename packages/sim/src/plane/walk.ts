/**
 * The data plane's hot loop: one packet forwarded hop by hop through a compiled
 * {@link ForwardingPlane} until it is delivered or dropped. No allocation per packet: the walker
 * writes the node ids it crossed into a reusable buffer (`path`), which the simulator interns so
 * that a later state change re-evaluates only the flows whose path crossed what changed.
 *
 * Provider behaviour decided here (the route choice itself was resolved by the model):
 * - AWS-R9: same-subnet traffic is delivered at layer 2; no route table applies.
 * - OS-R1: ports on one OpenStack network meet at layer 2, no router between them.
 * - AZ-R9 / AZ-R14: on Azure every packet, even within a subnet, goes through the subnet's table.
 * - AWS-R15/R16, AZ-R15, GCP-R15: internet egress needs a public source (public IP, NAT, default
 *   outbound access, Cloud NAT); an appliance forwarding to the internet translates to its own.
 * - AZ-R6 / AWS-R9 / GCP-R5: an appliance next hop must be a NIC that forwards.
 * - Gateways forward only when provisioned (AZ-R17, AZ-R19); tunnels only when up.
 */
import { Act, DELIVERED, outcomeCode } from './codes.js';
import { NO_PEER, PROVIDER_CODE, type ForwardingPlane } from './compile.js';

const NO_ROUTE = outcomeCode('no-route');
const BLACKHOLE = outcomeCode('blackhole');
const NOT_FORWARDING = outcomeCode('next-hop-not-forwarding');
const NO_PUBLIC_IP = outcomeCode('no-public-ip');
const NOT_READY = outcomeCode('gateway-not-ready');
const TUNNEL_DOWN = outcomeCode('tunnel-down');
const LOOP = outcomeCode('loop');

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

export class Walker {
  readonly path = new Int32Array(PATH_CAPACITY);
  pathLen = 0;
  /** Table index of the last lookup (the hop where a drop happened), -1 if none. */
  lastTable = -1;
  private readonly p: ForwardingPlane;

  constructor(plane: ForwardingPlane) {
    this.p = plane;
  }

  private push(node: number): void {
    if (this.pathLen < PATH_CAPACITY) this.path[this.pathLen++] = node;
  }

  /**
   * Forwards one packet from `srcSubnet` (and `srcHost` when the source address is a known NIC,
   * else -1) to `dst`. Returns the outcome code (0 delivered, else a drop reason).
   */
  forward(srcSubnet: number, srcHost: number, dst: number, rec: HopRecorder | null): number {
    const p = this.p;
    this.pathLen = 0;
    this.lastTable = -1;
    if (srcSubnet < 0) return NO_ROUTE;
    this.push(p.subnetNode[srcSubnet]!);
    if (srcHost >= 0) this.push(p.hostNode[srcHost]!);
    let net = p.subnetNet[srcSubnet]!;
    const prov = p.netProvider[net]!;
    if (prov === PROVIDER_CODE.aws && dst >= p.subnetBase[srcSubnet]! && dst <= p.subnetLast[srcSubnet]!) {
      rec?.note('l2', 'same subnet: delivered at layer 2, no route table applies (AWS-R9)');
      return DELIVERED;
    }
    if (prov === PROVIDER_CODE.openstack && p.subnetAt(net, dst) >= 0) {
      rec?.note('l2', 'same network: ports meet at layer 2, no router (OS-R1)');
      return DELIVERED;
    }
    let table = srcHost >= 0 && p.hostTable[srcHost]! >= 0 ? p.hostTable[srcHost]! : p.subnetTable[srcSubnet]!;
    let egSubnet = srcSubnet;
    let egHost = srcHost;
    let translated = false;
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      if (table < 0) return NO_ROUTE;
      this.push(p.tableNode[table]!);
      this.lastTable = table;
      const r = p.tables[table]!.lpm.lookup(dst);
      rec?.lookup(table, r);
      if (r < 0) return NO_ROUTE;
      const i = p.tableBase[table]! + r;
      const tgt = p.routeTarget[i]!;
      switch (p.routeKind[i]!) {
        case Act.Local:
        case Act.Peering: {
          const s = p.subnetAt(tgt >= 0 ? tgt : net, dst);
          if (s < 0) return NO_ROUTE;
          this.push(p.subnetNode[s]!);
          return DELIVERED;
        }
        case Act.Internet: {
          if (tgt >= 0) {
            this.push(p.gwNode[tgt]!);
            if (p.gwReady[tgt] === 0) return NOT_READY;
          }
          if (!translated && !this.publicSource(net, egSubnet, egHost)) return NO_PUBLIC_IP;
          rec?.note('internet', translated ? 'leaves to the internet (translated)' : 'leaves to the internet');
          return isPublicIpv4(dst) ? DELIVERED : NO_ROUTE;
        }
        case Act.Nat: {
          if (tgt < 0) return BLACKHOLE;
          this.push(p.gwNode[tgt]!);
          if (p.gwReady[tgt] === 0) return NOT_READY;
          // AWS-R16: a public NAT gateway translates to its EIP, then its subnet's table carries it on.
          translated = p.gwTranslates[tgt] === 1;
          const s = p.gwSubnet[tgt]!;
          if (s < 0) return NO_ROUTE;
          rec?.note('nat', `${p.gwPath[tgt]} translates the source`);
          egSubnet = s;
          egHost = -1;
          net = p.subnetNet[s]!;
          table = p.subnetTable[s]!;
          break;
        }
        case Act.Appliance: {
          if (p.routeIp[i] === dst) return DELIVERED;
          if (tgt < 0) {
            rec?.note('appliance', 'the next hop is no NIC address (AZ-R6)');
            return NOT_FORWARDING;
          }
          this.push(p.hostNode[tgt]!);
          if (p.hostForwards[tgt] === 0) {
            rec?.note('appliance', `${p.hostPath[tgt]} does not forward (IP forwarding off / source-destination check on)`);
            return NOT_FORWARDING;
          }
          rec?.note('appliance', `${p.hostPath[tgt]} forwards`);
          egHost = tgt;
          egSubnet = p.hostSubnet[tgt]!;
          net = p.hostNet[tgt]!;
          translated = false;
          if (
            egSubnet >= 0 &&
            p.netProvider[net] === PROVIDER_CODE.aws &&
            dst >= p.subnetBase[egSubnet]! &&
            dst <= p.subnetLast[egSubnet]!
          )
            return DELIVERED; // AWS-R9 from the appliance's own subnet
          table = p.hostTable[tgt]!;
          break;
        }
        case Act.Gateway: {
          if (tgt < 0) return BLACKHOLE;
          this.push(p.gwNode[tgt]!);
          if (p.gwReady[tgt] === 0) return NOT_READY;
          table = p.gwIsTgw[tgt] === 1 ? (p.tgwIngress.get(tgt * 65536 + net) ?? -1) : p.gwTable[tgt]!;
          break;
        }
        case Act.Connection: {
          if (tgt < 0) return NO_ROUTE;
          this.push(p.connNode[tgt]!);
          if (p.connUp[tgt] === 0) return TUNNEL_DOWN;
          rec?.note('tunnel', `through connection ${p.connName[tgt]}`);
          const g = p.connGw[tgt]!;
          const peer = p.connPeer[tgt]!;
          const atSite = p.tableNet[table] === -1;
          egHost = -1;
          egSubnet = -1;
          // From a site, or from the far side of a gateway-to-gateway connection: into gateway g.
          // From g's own network: out to the peer (a site, or a second gateway).
          let next = g;
          if (!atSite && g >= 0 && p.gwNet[g] === net) {
            if (peer >= 0 && peer < NO_PEER) {
              table = p.siteTable[peer]!;
              net = -1;
              translated = false;
              break;
            }
            next = peer < 0 ? -peer - 1 : -1;
          }
          if (next < 0) return NO_ROUTE;
          this.push(p.gwNode[next]!);
          if (p.gwReady[next] === 0) return NOT_READY;
          net = p.gwNet[next]!;
          table = p.netInbound[net]! >= 0 ? p.netInbound[net]! : p.gwTable[next]!;
          break;
        }
        case Act.Site:
          return DELIVERED;
        case Act.Drop:
          return tgt;
        default:
          return NO_ROUTE;
      }
    }
    return LOOP;
  }

  private publicSource(net: number, egSubnet: number, egHost: number): boolean {
    const p = this.p;
    if (net < 0) return true; // an on-prem site egresses through its own edge
    if (egHost >= 0 && p.hostPublic[egHost] === 1) return true;
    switch (p.netProvider[net]!) {
      case PROVIDER_CODE.azure: // AZ-R15: default outbound access unless the subnet is private
      case PROVIDER_CODE.gcp: // GCP-R15: Cloud NAT in the subnet's region
        if (egSubnet >= 0) this.push(p.subnetNode[egSubnet]!);
        return egSubnet >= 0 && p.subnetPublic[egSubnet] === 1;
      case PROVIDER_CODE.openstack:
        return true; // OS-R13: the router's external gateway source-NATs by default
      default:
        return false; // AWS-R15: an instance without a public address cannot use the IGW
    }
  }
}
