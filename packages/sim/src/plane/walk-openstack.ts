/**
 * OpenStack in a walk: a host with several ports sends out of the port on the destination's
 * network at layer 2 (OS-R1), else by its guest routes (OS-R2, OS-R3); port security on leaving
 * (OS-R5, OS-R9) and arriving (OS-R6, OVN), and the `default` security group (OS-R11).
 *
 * Re-evaluation: an OpenStack port's security settings have no node of their own; the walker
 * records the port's host node and its subnet's table node (see walk.ts).
 */
import { Act, DELIVERED, outcomeCode } from './codes.js';
import { formatIpv4 } from '@cloudroute/lpm';
import type { HopRecorder } from './hop-recorder.js';
import type { Walker } from './walk.js';
import { lookupRange } from './walk-lookup.js';

const NO_ROUTE = outcomeCode('no-route');
const PORT_SECURITY = outcomeCode('port-security');
const FIREWALL = outcomeCode('firewall');

/**
 * An OpenStack host (port `h`, or a notional port of `subnet` when `h` is -1) holding the
 * packet: out of the port on the destination's network at layer 2 (OS-R1), else by the routes
 * DHCP gave the guest (OS-R2, OS-R3). Returns the global index of the route taken, or
 * `-1 - outcome` when the packet was delivered or dropped here.
 */
export function osHost(
  w: Walker,
  h: number,
  subnet: number,
  dst: number,
  origin: boolean,
  rec: HopRecorder | null,
): number {
  const p = w.p;
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
    const e = leave(w, q, origin, rec);
    if (e !== 0) return -1 - e;
    return -1 - deliverL2(w, n, dst, rec);
  }
  let best = -1;
  let bestLen = -1;
  let bestTable = -1;
  let bestPort = -1;
  for (let k = 0; k < count; k++) {
    const q = h >= 0 ? first + k : -1;
    const t = q >= 0 ? p.hostTable[q]! : p.subnetTable[subnet]!;
    if (t < 0) continue;
    const r = w.narrow ? lookupRange(w, t, dst) : p.tables[t]!.lpm.lookup(dst);
    let i = r < 0 ? -1 : p.tableBase[t]! + r;
    // OS-R3: a route through one of the guest's own addresses is ignored.
    while (i >= 0 && owner >= 0 && p.routeKind[i] === Act.Appliance && ownedBy(w, p.routeTarget[i]!, owner))
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
  w.push(p.tableNode[t]!);
  w.lastTable = t;
  rec?.lookup(t, best < 0 ? -1 : best - p.tableBase[t]!);
  if (best < 0) return -1 - NO_ROUTE;
  if (p.routeKind[best] !== Act.Drop) {
    const e = leave(w, bestPort, origin, rec);
    if (e !== 0) return -1 - e;
  }
  return best;
}

/** Is `a` the address of one of the ports of `port`'s host? */
export function ownsAddress(w: Walker, port: number, a: number): boolean {
  const p = w.p;
  const o = p.portOwner[port]!;
  for (let q = p.ownerFirst[o]!, e = q + p.ownerCount[o]!; q < e; q++) if (p.hostIp[q] === a) return true;
  return false;
}

export function ownedBy(w: Walker, port: number, owner: number): boolean {
  return port >= 0 && w.p.portOwner[port] === owner;
}

/** Records an OpenStack port: its host, and its subnet's table (which stands for its settings). */
export function pushPort(w: Walker, q: number): void {
  const p = w.p;
  w.push(p.hostNode[q]!);
  const s = p.hostSubnet[q]!;
  const t = s >= 0 ? p.subnetTable[s]! : -1;
  if (t >= 0) w.push(p.tableNode[t]!);
}

/** Do the inclusive ranges `[lo[k], hi[k])`, k in [from, to), hold the whole source range? */
export function inRanges(w: Walker, lo: Float64Array, hi: Float64Array, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (w.srcLo >= lo[k]! && w.srcHi <= hi[k]!) return true;
  return false;
}

export function inPairs(w: Walker, q: number, a: number): boolean {
  const p = w.p;
  for (let k = p.pairStart[q]!, e = p.pairStart[q + 1]!; k < e; k++)
    if (a >= p.pairLo[k]! && a <= p.pairHi[k]!) return true;
  return false;
}

/**
 * The packet leaves OpenStack port `q` (-1: a notional port with the defaults). OS-R5: with port
 * security on, a forwarded packet's source must be the port's or in its pairs (a host's own
 * packets carry its own address); OS-R11: a port without security groups sends nothing.
 */
export function leave(w: Walker, q: number, origin: boolean, rec: HopRecorder | null): number {
  if (q < 0) return w.fw ? w.fw.portOut(q, origin, rec) : 0;
  const p = w.p;
  pushPort(w, q);
  if (p.portSecurity[q] === 0) return 0;
  const own = w.srcLo === w.srcHi && w.srcLo === p.hostIp[q];
  if (!origin && !own && !inRanges(w, p.pairLo, p.pairHi, p.pairStart[q]!, p.pairStart[q + 1]!)) {
    rec?.note(
      'port-security',
      `egress-source: ${srcText(w)} is neither ${p.hostPath[q]}'s address ${formatIpv4(p.hostIp[q]!)} on ${p.subnetPath[p.hostSubnet[q]!] ?? '?'} nor in the port's allowed address pairs: dropped as it leaves the port (OS-R5)`,
    );
    return PORT_SECURITY;
  }
  if (p.netProviderDefault[p.hostNet[q]!] === 1 && (p.portGroups[q]! & 1) === 0) {
    rec?.note('firewall', `${p.hostPath[q]}: the port has no security group, so nothing leaves it (OS-R11)`);
    return FIREWALL;
  }
  return w.fw ? w.fw.portOut(q, origin, rec) : 0;
}

/**
 * The packet is delivered to OpenStack port `q`. OS-R6: with OVN and port security on, its
 * destination must be the port's or in its pairs; OS-R11: the `default` group admits its members.
 */
export function arrive(w: Walker, q: number, dst: number, rec: HopRecorder | null): number {
  const p = w.p;
  pushPort(w, q);
  if (p.portSecurity[q] === 0) return 0;
  if (p.ovn && dst !== p.hostIp[q] && !inPairs(w, q, dst)) {
    rec?.note(
      'port-security',
      `ingress-destination: ${formatIpv4(dst)} is neither ${p.hostPath[q]}'s address ${formatIpv4(p.hostIp[q]!)} nor in the port's allowed address pairs: OVN drops it before it reaches the port (OS-R6)`,
    );
    return PORT_SECURITY;
  }
  if (p.netProviderDefault[p.hostNet[q]!] === 1 && ((p.portGroups[q]! & 2) === 0 || !w.srcMember)) {
    rec?.note(
      'firewall',
      (p.portGroups[q]! & 2) === 0
        ? `${p.hostPath[q]}: no security group of the port admits inbound traffic (OS-R11)`
        : `${p.hostPath[q]}: the default security group admits only its members, and ${srcText(w)} is none (OS-R11)`,
    );
    return FIREWALL;
  }
  return w.fw ? w.fw.portIn(q, -1, rec) : 0;
}

/** OS-R1: delivery on OpenStack network `n` at layer 2 (to the port that owns `dst`, if any). */
export function deliverL2(w: Walker, n: number, dst: number, rec: HopRecorder | null): number {
  const p = w.p;
  const s = p.subnetAt(n, dst);
  if (s < 0) return NO_ROUTE;
  w.push(p.subnetNode[s]!);
  const q = p.netHosts[n]!.lookup(dst);
  return q >= 0 ? arrive(w, q, dst, rec) : w.fw ? w.fw.portIn(-1, s, rec) : DELIVERED;
}

export function srcText(w: Walker): string {
  return w.srcLo === w.srcHi ? formatIpv4(w.srcLo) : `${formatIpv4(w.srcLo)}-${formatIpv4(w.srcHi)}`;
}
