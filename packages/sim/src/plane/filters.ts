/**
 * The filter tables of one forwarding plane (`firewall: rules`, FILTERS.md): every check point of
 * the state's {@link FilterChecks} resolved once, when the plane is compiled, into indices of a
 * per-plane program list, so the walker's hot loop reads numbers only.
 *
 *   programs   the distinct {@link FilterProgram}s of the state (evaluated with `firstMatch`)
 *   hosts      hostIn[q], hostOut[q]: the program of port q's own filters (AWS ENI security groups,
 *              Azure NIC NSG, GCP VM rules, OpenStack port groups), -1 when nothing filters there
 *   subnets    subIn[s], subOut[s]: the subnet's own filter (AWS NACL, Azure subnet NSG);
 *              defIn[s], defOut[s]: its implicit instances' (`defaultHost`, "Flows without a host")
 *   networks   netNode[n]: the node id `filters:<net>` a walk records wherever it checks a filter of
 *              network n, and netSig[n], a fingerprint of every program of n and of its
 *              associations: the simulator re-forwards every flow that met a network whose filters
 *              changed (coarse, as DESIGN's incremental re-forwarding allows)
 *   gateways   gwBroken[g]: AZ-R32 with `azure.gatewaySubnetNsg: breaks`, an Azure VPN gateway whose
 *              GatewaySubnet has an NSG forwards nothing
 *
 * Built only when some network's effective mode is `rules`; `none` and `provider-default` planes
 * carry no filter tables (invariant 55: nothing changes for them).
 */
import {
  ANY_PROTOCOL,
  compileFilters,
  isSecurityGroupReference,
  type FilterChecks,
  type FilterProgram,
  type Topology,
} from '@cloudroute/model';
import type { ForwardingPlane } from './compile.js';

/** Global interning of program fingerprints (content → small id), shared by the states of a process. */
const fingerprintIds = new Map<string, number>();
const fingerprintOf = new WeakMap<FilterProgram, number>();

function fingerprint(p: FilterProgram): number {
  let id = fingerprintOf.get(p);
  if (id === undefined) {
    const text = JSON.stringify(p);
    id = fingerprintIds.get(text);
    if (id === undefined) fingerprintIds.set(text, (id = fingerprintIds.size));
    fingerprintOf.set(p, id);
  }
  return id;
}

export class PlaneFilters {
  readonly programs: FilterProgram[] = [];
  /**
   * AWS-R37: per program, the entries that match by security-group reference (1), for inbound SG
   * programs that have any; such entries never match past a forwarding ENI, NAT, TGW or tunnel.
   */
  readonly references: (Uint8Array | undefined)[] = [];
  private readonly index = new Map<FilterProgram, number>();
  readonly hostIn: Int32Array;
  readonly hostOut: Int32Array;
  /** The network whose filters a port's programs are (the host's own network). */
  readonly hostFNet: Int32Array;
  /** OpenStack: the port's index on its host (trace `at`: `net/host:k`); 0 elsewhere. */
  readonly portIndex: Int32Array;
  readonly subIn: Int32Array;
  readonly subOut: Int32Array;
  readonly defIn: Int32Array;
  readonly defOut: Int32Array;
  readonly netRules: Uint8Array;
  readonly netNode: Int32Array;
  readonly netSig: string[];
  readonly gwBroken: Uint8Array;
  /**
   * Every program's entries flattened (evaluated by `match`): program i's entries are
   * [start[i], start[i + 1]); address sets are [lo, hi] pairs of `ranges` from *S to *E (*E -1: any).
   */
  readonly start: Int32Array;
  private readonly eProto: Int32Array;
  private readonly eDlo: Int32Array;
  private readonly eDhi: Int32Array;
  private readonly eSlo: Int32Array;
  private readonly eShi: Int32Array;
  readonly eAllow: Uint8Array;
  /** AWS-R37: 1 for an inbound SG entry that matches by security-group reference. */
  private readonly eRef: Uint8Array;
  private readonly eSrcS: Int32Array;
  private readonly eSrcE: Int32Array;
  private readonly eDstS: Int32Array;
  private readonly eDstE: Int32Array;
  private readonly ranges: Float64Array;
  /** Run-level rule ids of each program's entries (index `entries.length`: the default), filled on demand. */
  private readonly ruleIds: (Int32Array | undefined)[] = [];

  constructor(
    readonly checks: FilterChecks,
    p: ForwardingPlane,
  ) {
    const N = p.networks.length;
    const H = p.hostPath.length;
    const S = p.subnetPath.length;
    this.netRules = Uint8Array.from(p.networks, (n) => (checks.mode(n.name) === 'rules' ? 1 : 0));
    this.netNode = Int32Array.from(p.networks, (n) => p.registry.id(`filters:${n.name}`));
    const sig: number[][] = p.networks.map(() => []);
    this.hostIn = new Int32Array(H).fill(-1);
    this.hostOut = new Int32Array(H).fill(-1);
    this.hostFNet = new Int32Array(H).fill(-1);
    this.portIndex = new Int32Array(H);
    for (let q = 0; q < H; q++) {
      const path = p.hostPath[q]!;
      const slash = path.indexOf('/');
      const n = p.netIndex.get(path.slice(0, slash)) ?? -1;
      this.hostFNet[q] = n;
      const k = q - p.ownerFirst[p.portOwner[q]!]!;
      this.portIndex[q] = k;
      if (n < 0 || this.netRules[n] === 0) continue;
      const name = path.slice(slash + 1);
      const net = p.networks[n]!.name;
      this.hostIn[q] = this.add(checks.host(net, name, k, 'in'), sig[n]!);
      this.hostOut[q] = this.add(checks.host(net, name, k, 'out'), sig[n]!);
    }
    this.subIn = new Int32Array(S).fill(-1);
    this.subOut = new Int32Array(S).fill(-1);
    this.defIn = new Int32Array(S).fill(-1);
    this.defOut = new Int32Array(S).fill(-1);
    for (let s = 0; s < S; s++) {
      const n = p.subnetNet[s]!;
      if (this.netRules[n] === 0) continue;
      const net = p.networks[n]!.name;
      const name = p.subnetPath[s]!.slice(net.length + 1);
      this.subIn[s] = this.add(checks.subnet(net, name, 'in'), sig[n]!);
      this.subOut[s] = this.add(checks.subnet(net, name, 'out'), sig[n]!);
      this.defIn[s] = this.add(checks.defaultHost(net, name, 'in'), sig[n]!);
      this.defOut[s] = this.add(checks.defaultHost(net, name, 'out'), sig[n]!);
    }
    const entries = this.programs.flatMap((prog) => prog.entries);
    const E = entries.length;
    this.start = new Int32Array(this.programs.length + 1);
    let at = 0;
    this.programs.forEach((prog, i) => {
      this.start[i] = at;
      at += prog.entries.length;
    });
    this.start[this.programs.length] = at;
    this.eProto = Int32Array.from(entries, (e) => e.protocol);
    this.eDlo = Int32Array.from(entries, (e) => e.dstPortLo);
    this.eDhi = Int32Array.from(entries, (e) => e.dstPortHi);
    this.eSlo = Int32Array.from(entries, (e) => e.srcPortLo);
    this.eShi = Int32Array.from(entries, (e) => e.srcPortHi);
    this.eAllow = Uint8Array.from(entries, (e) => (e.allow ? 1 : 0));
    this.eRef = new Uint8Array(E);
    this.programs.forEach((_, i) => {
      const r = this.references[i];
      if (r) this.eRef.set(r, this.start[i]);
    });
    const ranges: number[] = [];
    const span = (set: readonly number[] | null, s: Int32Array, e: Int32Array, k: number): void => {
      s[k] = ranges.length;
      if (set) for (const x of set) ranges.push(x);
      e[k] = set ? ranges.length : -1;
    };
    this.eSrcS = new Int32Array(E);
    this.eSrcE = new Int32Array(E);
    this.eDstS = new Int32Array(E);
    this.eDstE = new Int32Array(E);
    entries.forEach((e, k) => {
      span(e.src, this.eSrcS, this.eSrcE, k);
      span(e.dst, this.eDstS, this.eDstE, k);
    });
    this.ranges = Float64Array.from(ranges);
    this.netSig = sig.map((x, n) => `${this.netRules[n]}:${x.join(',')}`);
    // AZ-R32: an NSG on GatewaySubnet stops the VNet's VPN gateway (profile `breaks`, the default).
    this.gwBroken = new Uint8Array(p.gwPath.length);
    if (p.state.profile.azure.gatewaySubnetNsg === 'breaks')
      p.gwPath.forEach((_, g) => {
        const n = p.gwNet[g]!;
        const net = p.networks[n]!;
        if (net.provider !== 'azure' || this.netRules[n] === 0) return;
        const gw = net.gateways.find((x) => `${net.name}/${x.name}` === p.gwPath[g]);
        const gws = net.subnets.find((s) => s.name === 'GatewaySubnet');
        if (gw?.kind === 'vpn' && gws?.networkSecurityGroup !== undefined) this.gwBroken[g] = 1;
      });
    for (let n = 0; n < N; n++)
      if (this.gwBroken.some((b, g) => b === 1 && p.gwNet[g] === n)) this.netSig[n] += 'b';
  }

  /** Exact coverage (cuts.ts): every address range any entry matches on, as `range(lo, hi)`. */
  addressCuts(range: (lo: number, hi: number) => void): void {
    for (let i = 0; i + 1 < this.ranges.length; i += 2) range(this.ranges[i]!, this.ranges[i + 1]!);
  }

  /** Exact coverage: every destination-port bound of an entry, as cuts (a new port class starts there). */
  portCuts(out: number[]): void {
    for (let i = 0; i < this.eDlo.length; i++) out.push(this.eDlo[i]!, this.eDhi[i]! + 1);
  }

  /**
   * `firstMatch` of program `pi` over the flattened entries (`indirect`: AWS-R37, entries that
   * match by security-group reference are skipped). Returns the entry index in the program, or -1.
   */
  match(
    pi: number,
    indirect: boolean,
    protocol: number,
    src: number,
    dst: number,
    spLo: number,
    spHi: number,
    dpLo: number,
    dpHi: number,
  ): number {
    const from = this.start[pi]!;
    const to = this.start[pi + 1]!;
    const r = this.ranges;
    for (let i = from; i < to; i++) {
      const pr = this.eProto[i]!;
      if (pr !== ANY_PROTOCOL && pr !== protocol) continue;
      if (dpLo < this.eDlo[i]! || dpHi > this.eDhi[i]! || spLo < this.eSlo[i]! || spHi > this.eShi[i]!)
        continue;
      if (indirect && this.eRef[i] === 1) continue;
      let e = this.eSrcE[i]!;
      if (e >= 0) {
        let k = this.eSrcS[i]!;
        while (k < e && !(src >= r[k]! && src <= r[k + 1]!)) k += 2;
        if (k >= e) continue;
      }
      e = this.eDstE[i]!;
      if (e >= 0) {
        let k = this.eDstS[i]!;
        while (k < e && !(dst >= r[k]! && dst <= r[k + 1]!)) k += 2;
        if (k >= e) continue;
      }
      return i - from;
    }
    return -1;
  }

  private add(program: FilterProgram | undefined, sig: number[]): number {
    if (!program) {
      sig.push(-1);
      return -1;
    }
    sig.push(fingerprint(program));
    let i = this.index.get(program);
    if (i === undefined) {
      i = this.programs.length;
      this.programs.push(program);
      this.index.set(program, i);
      const refs =
        program.kind === 'securityGroup' && program.direction === 'inbound'
          ? Uint8Array.from(program.entries, (e) => (isSecurityGroupReference(e) ? 1 : 0))
          : undefined;
      this.references.push(refs?.includes(1) ? refs : undefined);
    }
    return i;
  }

  /**
   * The run-level id of the rule that decided (`entry` -1: the program's default), interned by
   * `intern` from its `"<object>#<rule>"` text once per plane and rule.
   */
  ruleId(program: number, entry: number, intern: (key: string) => number): number {
    const prog = this.programs[program]!;
    let ids = this.ruleIds[program];
    if (!ids) this.ruleIds[program] = ids = new Int32Array(prog.entries.length + 1).fill(-1);
    const slot = entry < 0 ? prog.entries.length : entry;
    let id = ids[slot]!;
    if (id < 0) ids[slot] = id = intern(ruleKey(prog, entry));
    return id;
  }
}

/** `"<object>#<rule>"` of a decision (FILTERS.md "Output", `run` outages). */
export function ruleKey(prog: FilterProgram, entry: number): string {
  const e = entry < 0 ? undefined : prog.entries[entry];
  return e ? `${e.object}#${e.rule}` : `${prog.defaultObject}#${prog.defaultRule}`;
}

/** Is some network's effective firewall mode `rules` (`networks[].firewall` over the topology's)? */
export function usesRules(topology: Topology): boolean {
  return topology.networks.some((n) => (n.firewall ?? topology.firewall) === 'rules');
}

/** The plane's filter tables, or `undefined` when no network of the state is in `rules` mode. */
export function planeFilters(p: ForwardingPlane): PlaneFilters | undefined {
  if (!usesRules(p.state.topology)) return undefined;
  return new PlaneFilters(compileFilters(p.state), p);
}
