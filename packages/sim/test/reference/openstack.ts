/**
 * OpenStack behaviour the reference adds to the model's tables (PROVIDERS.md 4):
 * - OS-R1: ports on one network meet at layer 2, no router between them; a host with several
 *   ports sends out of the port whose network holds the destination.
 * - OS-R3: otherwise the guest routes by the routes DHCP gave each port's subnet, longest prefix
 *   over all its ports (equal length: the first port), ignoring a route through one of its own
 *   addresses.
 * - OS-R5 / OS-R9: with port security on, a forwarded packet leaves a port only if its source is
 *   the port's address or in the port's allowed address pairs (a host's own packets pass).
 * - OS-R6: with the OVN driver, a packet is delivered to a port only if its destination is the
 *   port's address or in its pairs; the iptables and openvswitch drivers do not check it.
 * - OS-R11 with `firewall: provider-default`: a port without security groups sends nothing; the
 *   `default` group admits inbound packets only from its members (their addresses and pairs).
 * - OS-R22 with `firewall: rules`: a port with port security (or an implicit instance of a subnet
 *   whose network keeps it on) checks its groups' egress rules as the guest sends and their ingress
 *   rules as a packet is delivered to it, after the anti-spoofing checks (filters.ts).
 */
import type { CandidateRoute } from '@cloudroute/model';
import { parseIp } from './ipv4.js';
import { delivering, egress, ingress, modeOf, portWho, subnetWho } from './filters.js';
import { recordHop, type Packet, type RefOutcome } from './packet.js';
import { portAt, portsOfHost, subnetAt, type RefPort, type RefTable, type World } from './world.js';

const inPairs = (port: RefPort, a: number): boolean => port.pairs.some((r) => a >= r.lo && a <= r.hi);

/** OS-R11: is `src` a member of the `default` group (a notional source host always is)? */
export function defaultGroupMember(w: World, src: number, fromHost: boolean): boolean {
  if (!w.firewall) return false;
  if (!fromHost) return true;
  return w.ports.some((p) => p.security && p.groups.includes('default') && (p.ip === src || inPairs(p, src)));
}

/** Does an implicit instance of subnet `path` have port security (its network's default, OS-R4)? */
function implicitSecured(w: World, path: string): boolean {
  const s = w.subnetByPath.get(path);
  return s !== undefined && s.network.provider === 'openstack' && s.network.portSecurity !== false;
}

/** The packet leaves port `port` (undefined: a notional port of subnet `subnetPath` with the defaults). */
export function leave(
  w: World,
  p: Packet,
  port: RefPort | undefined,
  origin: boolean,
  subnetPath?: string,
): RefOutcome | undefined {
  if (!port) {
    if (subnetPath === undefined || !implicitSecured(w, subnetPath)) return undefined;
    const who = subnetWho(w, subnetPath);
    const net = w.subnetByPath.get(subnetPath)!.network.name;
    return who && modeOf(w, net) === 'rules' ? egress(w, p, who) : undefined;
  }
  if (!port.security) return undefined;
  if (!origin && p.src !== port.ip && !inPairs(port, p.src)) return 'port-security'; // OS-R5 egress-source
  if (modeOf(w, port.network) === 'provider-default' && port.groups.length === 0) return 'firewall'; // OS-R11
  return egress(w, p, portWho(port));
}

/** The packet is delivered to port `port`. */
export function arrive(w: World, p: Packet, port: RefPort): RefOutcome | undefined {
  if (!port.security) return undefined;
  if (w.state.profile.openstack.firewallDriver === 'ovn' && p.dst !== port.ip && !inPairs(port, p.dst))
    return 'port-security'; // OS-R6 ingress-destination
  if (modeOf(w, port.network) === 'provider-default' && (!port.groups.includes('default') || !p.srcMember))
    return 'firewall'; // OS-R11
  return ingress(w, p, portWho(port));
}

/** OS-R1: delivery at layer 2 on network `net`, to the port holding the destination if any. */
export function deliverL2(w: World, p: Packet, net: string): RefOutcome {
  const s = subnetAt(w, net, p.dst);
  if (!s) return 'no-route';
  const port = portAt(w, net, p.dst);
  if (port) return delivering(p, () => arrive(w, p, port)) ?? 'delivered';
  // An address that is no port's: an implicit instance of its subnet (FILTERS.md "Flows without a host").
  if (implicitSecured(w, s.path) && modeOf(w, net) === 'rules')
    return delivering(p, () => ingress(w, p, { subnet: s })) ?? 'delivered';
  return 'delivered';
}

/** The port an appliance route's next hop names: the host's port holding the address, else any port holding it. */
export function appliancePort(
  w: World,
  action: { readonly ip: string; readonly host?: string },
  tableNet: string | undefined,
): RefPort | undefined {
  const ip = parseIp(action.ip);
  if (ip === undefined) return undefined;
  if (action.host !== undefined) {
    const own = w.ports.filter((q) => q.hostPath === action.host);
    const first = own[0];
    if (first)
      return first.ip === ip
        ? first
        : (portAt(w, first.network, ip) ?? own.find((q) => q.ip === ip) ?? first);
  }
  return tableNet !== undefined ? portAt(w, tableNet, ip) : undefined;
}

/**
 * An OpenStack host (`port`'s, or a notional host on `subnet`) holds the packet and decides:
 * out at layer 2 (an outcome), or a route of one of its ports' tables to act on.
 */
export function guestDecision(
  w: World,
  p: Packet,
  port: RefPort | undefined,
  subnetPath: string,
  origin: boolean,
): RefOutcome | { readonly route: CandidateRoute; readonly table: RefTable } {
  const ports: (RefPort | undefined)[] = port ? portsOfHost(w, port) : [undefined];
  const netOf = (q: RefPort | undefined): string =>
    q?.network ?? w.subnetByPath.get(subnetPath)!.network.name;
  for (const q of ports) {
    const net = netOf(q);
    if (!subnetAt(w, net, p.dst)) continue;
    return leave(w, p, q, origin, subnetPath) ?? deliverL2(w, p, net); // OS-R1
  }
  let best: { route: CandidateRoute; len: number; table: RefTable; port: RefPort | undefined } | undefined;
  for (const q of ports) {
    const t = w.tables.get(q?.subnetPath ?? subnetPath);
    if (!t) continue;
    for (const { route, range } of t.selected) {
      if (p.dst < range.lo || p.dst > range.hi || (best && range.length <= best.len)) continue;
      const a = route.action!;
      // OS-R3: a route through one of the guest's own addresses is ignored.
      if (a.kind === 'appliance' && port && appliancePort(w, a, t.network)?.hostPath === port.hostPath)
        continue;
      best = { route, len: range.length, table: t, port: q };
    }
  }
  const table = best?.table ?? w.tables.get(ports[0]?.subnetPath ?? subnetPath);
  if (!table) return 'no-route';
  recordHop(p, table, best?.route);
  if (!best) return 'no-route';
  if (best.route.action!.kind !== 'drop') {
    const e = leave(w, p, best.port, origin, subnetPath);
    if (e) return e;
  }
  return { route: best.route, table };
}
