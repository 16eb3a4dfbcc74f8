/**
 * The filter checks of one walk (`firewall: rules`, FILTERS.md "What `firewall: rules` evaluates,
 * and where"), called by the {@link Walker} at its hooks. Numbers only, no allocation per packet (programs are evaluated
 * over PlaneFilters' flattened typed arrays, `match`):
 * the packet's protocol and port ranges are fields, and every check point crossed is written into
 * reusable typed arrays so that the reply can retrace it.
 *
 * Request, in path order:
 * - AWS (AWS-R41, AWS-R43): the source ENI's security groups outbound (`begin`); a subnet's NACL
 *   outbound when the packet leaves the subnet it is in, and inbound when it enters another one
 *   (`toSubnet`: same-subnet traffic crosses no NACL, AWS-R9, invariant 46); a forwarding ENI's SGs
 *   inbound then outbound (`forwardHost`); a NAT gateway's subnet NACL in and out, source ports
 *   1024–65535 beyond it (`nat`); the destination ENI's SGs inbound (`deliver`).
 * - Azure (AZ-R28): the source NIC's NSG then its subnet's outbound (`begin`, before the route
 *   lookup); a forwarding NIC: subnet in, NIC in, NIC out, subnet out; the destination subnet's then
 *   NIC's NSG inbound; within one subnet too.
 * - GCP (GCP-R30): the sending VM's egress rules, each forwarding VM's ingress then egress, the
 *   receiving VM's ingress.
 * - OpenStack (OS-R22): a port's egress groups as the packet leaves it (`portOut`), ingress as it is
 *   delivered (`portIn`), at every port with port security (the compiler leaves the others out).
 * A source or destination that is no host's is checked with its subnet's implicit instance
 * (`defaultHost`, FILTERS.md "Flows without a host"). The first deny decides: `firewall`.
 *
 * Reply (AWS-R42, OS-R21): when the request arrives, every check point crossed is visited in
 * reverse in the opposite direction; only stateless programs (NACLs, stateless Neutron groups) are
 * evaluated, with addresses swapped and ports swapped: the reply's destination ports are the whole
 * source-port range the request had at that point (the client's, or 1024–65535 beyond a NAT gateway).
 *
 * `keep` (profile `filters.existingConnections: keep`, AWS-R39, AZ-R29): stateful programs pass the
 * request of a connection the simulator knows to be established (see simulate.ts).
 */
import { ANY_PROTOCOL, PROTO_ICMP, PROTO_TCP, PROTO_UDP, type FilterProgram } from '@cloudroute/model';
import { DELIVERED, outcomeCode } from './codes.js';
import { PROVIDER_CODE, type ForwardingPlane } from './compile.js';
import type { PlaneFilters } from './filters.js';

const FIREWALL = outcomeCode('firewall');
const NOT_FORWARDING = outcomeCode('next-hop-not-forwarding');

/** Check point kinds (what `at` names). */
const AT_SUBNET = 0;
const AT_HOST = 1;
const AT_DEFAULT = 2;

/** Capacity of the crossed-check buffer (more checks than this are not retraced: far beyond MAX_HOPS). */
const CHECK_CAPACITY = 512;

/** One filter check, and any note, as a trace prints them (trace mode only). */
export interface FilterRecorder {
  /** `firewall: rules`: one filter check (program, deciding entry or -1, verdict, where, phase). */
  filter?(
    program: FilterProgram,
    entry: number,
    allowed: boolean,
    at: string,
    phase: 'request' | 'reply',
    dest: boolean,
  ): void;
  /** Something the packet met between lookups (an appliance, a tunnel, the internet). */
  note(kind: string, detail: string): void;
}

export class FilterWalk {
  // The packet (set by the caller per flow).
  protocol = ANY_PROTOCOL;
  spLo = 0;
  spHi = 65535;
  dpLo = 0;
  dpHi = 65535;
  /** Stateful programs pass (an established connection, `existingConnections: keep`). */
  keep = false;
  /** After a `firewall` drop: the program and entry (-1 default) that decided. */
  dropProgram = -1;
  dropEntry = -1;
  // Per walk.
  private src = 0;
  private dst = 0;
  private srcSubnet = -1;
  /** AWS: the subnet the packet is in (-1 outside every subnet). */
  private curSub = -1;
  /** AWS-R37: no forwarding ENI, NAT gateway, transit gateway or tunnel crossed yet (SG references match). */
  private direct = true;
  private sLo = 0;
  private sHi = 0;
  /** The network whose filter node was recorded last (each is recorded once in a row). */
  private lastNet = -1;
  private n = 0;
  private readonly ckKind = new Uint8Array(CHECK_CAPACITY);
  private readonly ckIdx = new Int32Array(CHECK_CAPACITY);
  private readonly ckOut = new Uint8Array(CHECK_CAPACITY);
  private readonly ckSrc = new Float64Array(CHECK_CAPACITY);
  private readonly ckSpLo = new Int32Array(CHECK_CAPACITY);
  private readonly ckSpHi = new Int32Array(CHECK_CAPACITY);

  constructor(
    private readonly p: ForwardingPlane,
    private readonly f: PlaneFilters,
    private readonly push: (node: number) => void,
  ) {}

  /** Sets the packet's protocol (IANA, or ANY_PROTOCOL) and port ranges (ICMP: type and code). */
  setPacket(protocol: number, spLo: number, spHi: number, dpLo: number, dpHi: number): void {
    this.protocol = protocol;
    this.spLo = spLo;
    this.spHi = spHi;
    this.dpLo = dpLo;
    this.dpHi = dpHi;
  }

  /** The source's own checks (before the first route lookup). Returns an outcome (0: passes). */
  begin(srcSubnet: number, srcHost: number, src: number, dst: number, rec: FilterRecorder | null): number {
    this.src = src;
    this.dst = dst;
    this.srcSubnet = srcSubnet;
    this.curSub = -1;
    this.direct = true;
    this.lastNet = -1;
    this.sLo = this.spLo;
    this.sHi = this.spHi;
    this.n = 0;
    this.dropProgram = -1;
    this.dropEntry = -1;
    if (srcSubnet < 0) return 0; // a site filters nothing of its own
    const p = this.p;
    const prov = p.netProvider[p.subnetNet[srcSubnet]!]!;
    if (prov === PROVIDER_CODE.openstack) return 0; // the port's egress: portOut
    this.curSub = prov === PROVIDER_CODE.aws ? srcSubnet : -1;
    const e = this.own(srcSubnet, srcHost, true, rec);
    if (e !== 0 || prov !== PROVIDER_CODE.azure) return e;
    return this.check(AT_SUBNET, srcSubnet, true, rec, false);
  }

  /** AWS-R41: the packet moves into subnet `s` (-1: out of every subnet, to a gateway or beyond). */
  toSubnet(s: number, rec: FilterRecorder | null): number {
    if (s === this.curSub) return 0;
    const p = this.p;
    const from = this.curSub;
    const aws = s >= 0 && p.netProvider[p.subnetNet[s]!] === PROVIDER_CODE.aws;
    this.curSub = aws ? s : -1;
    if (from >= 0) {
      const e = this.check(AT_SUBNET, from, true, rec, false);
      if (e !== 0) return e;
    }
    return aws ? this.check(AT_SUBNET, s, false, rec, false) : 0;
  }

  /**
   * The packet leaves for a gateway, a connection or the internet; `indirect`: a transit gateway or
   * a tunnel, past which security-group references no longer match (AWS-R37).
   */
  outside(rec: FilterRecorder | null, indirect = false): number {
    if (indirect) this.direct = false;
    return this.curSub >= 0 ? this.toSubnet(-1, rec) : 0;
  }

  /** A forwarding ENI, NIC or VM (not OpenStack: its ports use portIn/portOut) passes the packet on. */
  forwardHost(q: number, rec: FilterRecorder | null): number {
    const p = this.p;
    const s = p.hostSubnet[q]!;
    const prov = p.netProvider[p.hostNet[q]!]!;
    this.direct = false; // AWS-R37: a reference "does not allow traffic to flow" through an appliance
    let e = prov === PROVIDER_CODE.aws ? this.toSubnet(s, rec) : 0;
    if (e === 0 && prov === PROVIDER_CODE.azure && s >= 0) e = this.check(AT_SUBNET, s, false, rec, false);
    if (e === 0) e = this.check(AT_HOST, q, false, rec, false);
    if (e === 0) e = this.check(AT_HOST, q, true, rec, false);
    if (e === 0 && prov === PROVIDER_CODE.azure && s >= 0) e = this.check(AT_SUBNET, s, true, rec, false);
    return e;
  }

  /** AWS-R41: a NAT gateway in subnet `s`: its subnet's NACL in (and out when the packet leaves); new source ports. */
  nat(s: number, rec: FilterRecorder | null): number {
    const e = s >= 0 ? this.toSubnet(s, rec) : 0;
    this.direct = false;
    if (
      e === 0 &&
      (this.protocol === PROTO_TCP || this.protocol === PROTO_UDP || this.protocol === ANY_PROTOCOL)
    ) {
      this.sLo = 1024;
      this.sHi = 65535;
    }
    return e;
  }

  /** The packet is delivered in network `n` at `dst` (not OpenStack): the destination's checks. */
  deliver(n: number, rec: FilterRecorder | null): number {
    const p = this.p;
    const s = p.subnetAt(n, this.dst);
    if (s < 0) return this.outside(rec);
    const prov = p.netProvider[n]!;
    if (prov === PROVIDER_CODE.openstack) return this.portIn(p.netHosts[n]!.lookup(this.dst), s, rec);
    let e = prov === PROVIDER_CODE.aws ? this.toSubnet(s, rec) : this.outside(rec);
    if (e === 0 && prov === PROVIDER_CODE.azure) e = this.check(AT_SUBNET, s, false, rec, true);
    if (e !== 0) return e;
    return this.own(s, p.netHosts[n]!.lookup(this.dst), false, rec);
  }

  /** OpenStack: the packet leaves port `q` (-1: the source subnet's implicit port, `origin` only). */
  portOut(q: number, origin: boolean, rec: FilterRecorder | null): number {
    if (q >= 0) return this.check(AT_HOST, q, true, rec, false);
    return origin && this.srcSubnet >= 0 ? this.check(AT_DEFAULT, this.srcSubnet, true, rec, false) : 0;
  }

  /** OpenStack: the packet is delivered to port `q` (-1: an implicit port of subnet `s`). */
  portIn(q: number, s: number, rec: FilterRecorder | null): number {
    if (q >= 0) return this.check(AT_HOST, q, false, rec, this.p.hostIp[q] === this.dst);
    return s >= 0 ? this.check(AT_DEFAULT, s, false, rec, true) : 0;
  }

  /** AZ-R32: a gateway stopped by an NSG on its GatewaySubnet. */
  broken(g: number, rec: FilterRecorder | null): number {
    if (this.f.gwBroken[g] !== 1) return 0;
    rec?.note(
      'firewall',
      `${this.p.gwPath[g]}: GatewaySubnet has a network security group, so the gateway forwards nothing (AZ-R32)`,
    );
    this.push(this.f.netNode[this.p.gwNet[g]!]!);
    return NOT_FORWARDING;
  }

  /** The reply of a delivered request: the stateless checks crossed, in reverse. Returns an outcome. */
  reply(rec: FilterRecorder | null): number {
    const icmp = this.protocol === PROTO_ICMP;
    for (let i = this.n - 1; i >= 0; i--) {
      const kind = this.ckKind[i]!;
      const idx = this.ckIdx[i]!;
      const out = this.ckOut[i] === 0; // the reply crosses the point the other way
      const pi = this.programAt(kind, idx, out);
      if (pi < 0) continue;
      const prog = this.f.programs[pi]!;
      if (prog.stateful) continue;
      const d = this.f.match(
        pi,
        !this.direct,
        this.protocol,
        this.dst,
        this.ckSrc[i]!,
        icmp ? 0 : this.dpLo,
        icmp ? 0 : this.dpHi,
        icmp ? 0 : this.ckSpLo[i]!,
        icmp ? 0 : this.ckSpHi[i]!,
      );
      const e = this.decide(pi, d, kind, idx, rec, 'reply', false);
      if (e !== 0) return e;
    }
    return DELIVERED;
  }

  /** A host's own filters (port q), or its subnet's implicit instance's when q is -1. */
  private own(s: number, q: number, out: boolean, rec: FilterRecorder | null): number {
    return q >= 0 ? this.check(AT_HOST, q, out, rec, !out) : this.check(AT_DEFAULT, s, out, rec, !out);
  }

  private programAt(kind: number, idx: number, out: boolean): number {
    const f = this.f;
    if (kind === AT_SUBNET) return out ? f.subOut[idx]! : f.subIn[idx]!;
    if (kind === AT_HOST) return out ? f.hostOut[idx]! : f.hostIn[idx]!;
    return out ? f.defOut[idx]! : f.defIn[idx]!;
  }

  private check(kind: number, idx: number, out: boolean, rec: FilterRecorder | null, dest: boolean): number {
    const f = this.f;
    const p = this.p;
    // Record the point for the reply even when nothing filters this way (the reply may be filtered).
    const net = kind === AT_HOST ? f.hostFNet[idx]! : p.subnetNet[idx]!;
    if (net < 0 || f.netRules[net] === 0) return 0;
    if (net !== this.lastNet) {
      this.push(f.netNode[net]!);
      this.lastNet = net;
    }
    if (this.n < CHECK_CAPACITY) {
      const i = this.n++;
      this.ckKind[i] = kind;
      this.ckIdx[i] = idx;
      this.ckOut[i] = out ? 1 : 0;
      this.ckSrc[i] = this.src;
      this.ckSpLo[i] = this.sLo;
      this.ckSpHi[i] = this.sHi;
    }
    const pi = this.programAt(kind, idx, out);
    if (pi < 0) return 0;
    if (this.keep && f.programs[pi]!.stateful) return 0;
    const d = f.match(
      pi,
      !this.direct,
      this.protocol,
      this.src,
      this.dst,
      this.sLo,
      this.sHi,
      this.dpLo,
      this.dpHi,
    );
    return this.decide(pi, d, kind, idx, rec, 'request', dest);
  }

  /** The verdict of program `pi` whose first matching entry is `d` (-1: none, its default). */
  private decide(
    pi: number,
    d: number,
    kind: number,
    idx: number,
    rec: FilterRecorder | null,
    phase: 'request' | 'reply',
    dest: boolean,
  ): number {
    const prog = this.f.programs[pi]!;
    const allowed = d < 0 ? prog.defaultAllow : prog.entries[d]!.allow;
    if (rec?.filter) rec.filter(prog, d, allowed, this.atText(kind, idx), phase, dest);
    if (allowed) return 0;
    this.dropProgram = pi;
    this.dropEntry = d;
    return FIREWALL;
  }

  private atText(kind: number, idx: number): string {
    const p = this.p;
    if (kind !== AT_HOST) return p.subnetPath[idx]!;
    // OpenStack: a port is `net/host:k` (neutronPortLabel), k its index on the host.
    return p.netProvider[p.hostNet[idx]!] === PROVIDER_CODE.openstack
      ? `${p.hostPath[idx]}:${this.f.portIndex[idx]}`
      : p.hostPath[idx]!;
  }
}
