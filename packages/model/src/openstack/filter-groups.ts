/**
 * Neutron security groups across a scenario (OS-R18, OS-R20, OS-R23): which group a reference
 * names, which groups a port carries, and the addresses of a group's members.
 *
 * All OpenStack networks of a scenario are one project (OS-R23): one `default` group, the first
 * declared (in topology order; validation allows one), else the implicit group with OS-R11's
 * rules. See {@link NeutronGroups.resolve} for names.
 */
import type { AllowedAddressPair, Host, Network, Port, Topology } from '../topology.js';
import type { NeutronRule } from '../filters/types.js';
import { normalise, range4, rangesOf, withoutAddresses } from '../internal/filter-ranges.js';
import { weakCache } from '../internal/memo.js';
import { resolveSubnetRef, splitPath } from '../internal/topology-index.js';

/** OS-R11: the rules of the implicit `default` group (egress any, ingress from its members; IPv4 and IPv6). */
export const NEUTRON_DEFAULT_RULES: readonly NeutronRule[] = [
  { direction: 'egress', ethertype: 'IPv4' },
  { direction: 'egress', ethertype: 'IPv6' },
  { direction: 'ingress', ethertype: 'IPv4', remoteGroup: 'default' },
  { direction: 'ingress', ethertype: 'IPv6', remoteGroup: 'default' },
];

/** A resolved security group. */
export interface GroupRef {
  /** Identity: `net/group`, or `*default` for the implicit default group. */
  readonly key: string;
  /** The network whose names the group's rules use. */
  readonly network: string;
  readonly rules: readonly NeutronRule[];
  /** OS-R21: default true. */
  readonly stateful: boolean;
  /** The group as a trace names it, seen from network `context` (the implicit `default` is `context/default`). */
  object(context: string): string;
}

/** One port of a host as the filters see it. */
export interface NeutronPort {
  readonly ip: string | undefined;
  /** `ip` as a number (undefined for IPv6). */
  readonly address: number | undefined;
  /** The allowed address pairs as a range set (with port security only, OS-R7). */
  readonly pairRanges: readonly number[];
  /** OS-R4: port, then host, then the port's network, then true. */
  readonly security: boolean;
  readonly pairs: readonly AllowedAddressPair[];
  /** OS-R18: the port's groups, else the host's, else `default`; none when port security is off (OS-R9). */
  readonly groups: readonly GroupRef[];
}

/**
 * The trace name of a port (FILTERS.md `object` where no rule matched, "the host whose groups
 * matched nothing"): `net/host:i`, `i` the port's index on its host (0 for the `subnet` + `ip`
 * shorthand), so that a host's ports never share a name.
 */
export function neutronPortLabel(network: string, host: Host, port: number): string {
  return `${network}/${host.name}:${port}`;
}

export interface NeutronGroups {
  readonly topologyNetworks: ReadonlyMap<string, Network>;
  /**
   * The group a reference written in network `context` names: `net/group` in that network; a
   * bare name in `context`, else in `alternative` (a port's own network), else in any OpenStack
   * network declaring it (one project, OS-R23); `default` is always the project's.
   */
  resolve(context: string, ref: string, alternative?: string): GroupRef | undefined;
  /** Resolved, unknown names dropped, repeats removed, order kept. */
  resolveAll(context: string, refs: readonly string[], alternative?: string): readonly GroupRef[];
  /** OS-R20: the addresses of the group's members (a normalised range set); none for `undefined`. */
  members(group: GroupRef | undefined): readonly number[];
  /** The ports of a host of `network` (its `ports`, else the `subnet` + `ip` shorthand as one port). */
  ports(network: string, host: string): readonly NeutronPort[];
}

class Groups implements NeutronGroups {
  readonly topologyNetworks = new Map<string, Network>();
  private readonly defaultGroup: GroupRef;
  private readonly memberCache = new Map<string, readonly number[]>();
  /** Every port of every OpenStack network, resolved once. */
  private readonly allPorts: NeutronPort[] = [];
  private readonly byHost = new Map<string, readonly NeutronPort[]>();

  constructor(topology: Topology) {
    for (const n of topology.networks) if (n.provider === 'openstack') this.topologyNetworks.set(n.name, n);
    const declared = [...this.topologyNetworks.values()].find((n) =>
      (n.securityGroups ?? []).some((g) => g.name === 'default'),
    );
    // OS-R23: one `default` per scenario, else OS-R11's implicit one.
    this.defaultGroup = declared
      ? this.declared(declared, 'default')!
      : {
          key: '*default',
          network: '',
          rules: NEUTRON_DEFAULT_RULES,
          stateful: true,
          object: (context) => `${context}/default`,
        };
    for (const n of this.topologyNetworks.values())
      for (const h of n.hosts) {
        const list = this.resolvePorts(n, h);
        const key = `${n.name}/${h.name}`;
        if (!this.byHost.has(key)) this.byHost.set(key, list);
        this.allPorts.push(...list);
      }
  }

  ports(network: string, host: string): readonly NeutronPort[] {
    return this.byHost.get(`${network}/${host}`) ?? [];
  }

  resolve(context: string, ref: string, alternative?: string): GroupRef | undefined {
    const path = splitPath(ref);
    const name = path ? path[1] : ref;
    if (name === 'default') return this.defaultGroup;
    if (path) {
      const n = this.topologyNetworks.get(path[0]);
      return n ? this.declared(n, name) : undefined;
    }
    // A bare name: the writing network's group, else the port's network's, else the project's.
    for (const net of [context, alternative]) {
      const n = net !== undefined ? this.topologyNetworks.get(net) : undefined;
      const g = n ? this.declared(n, name) : undefined;
      if (g) return g;
    }
    for (const n of this.topologyNetworks.values()) {
      const g = this.declared(n, name);
      if (g) return g;
    }
    return undefined;
  }

  resolveAll(context: string, refs: readonly string[], alternative?: string): readonly GroupRef[] {
    const out: GroupRef[] = [];
    for (const r of refs) {
      const g = this.resolve(context, r, alternative);
      if (g && !out.some((x) => x.key === g.key)) out.push(g);
    }
    return out;
  }

  members(group: GroupRef | undefined): readonly number[] {
    if (!group) return [];
    let m = this.memberCache.get(group.key);
    if (m) return m;
    const flat: number[] = [];
    const others: number[] = [];
    for (const p of this.allPorts) {
      const a = p.address;
      if (!p.groups.some((g) => g.key === group.key)) {
        if (a !== undefined) others.push(a);
        continue;
      }
      if (a !== undefined) flat.push(a, a);
      // OS-R20 [GUESS]: a member's allowed address pairs are member addresses too.
      flat.push(...p.pairRanges);
    }
    // FILTERS.md "Flows without a host": the implicit instances of a subnet whose defaultHost
    // carries the group hold its addresses that are no other port's.
    for (const n of this.topologyNetworks.values()) {
      if (n.portSecurity === false) continue;
      for (const s of n.subnets) {
        const groups = this.resolveAll(n.name, s.defaultHost?.securityGroups ?? ['default']);
        if (groups.some((g) => g.key === group.key))
          flat.push(...withoutAddresses(rangesOf([s.cidr, ...(s.secondaryCidrs ?? [])]), others));
      }
    }
    this.memberCache.set(group.key, (m = normalise(flat)));
    return m;
  }

  private declared(n: Network, name: string): GroupRef | undefined {
    const g = (n.securityGroups ?? []).find((x) => x.name === name);
    if (!g) return undefined;
    const key = `${n.name}/${g.name}`;
    return { key, network: n.name, rules: g.rules ?? [], stateful: g.stateful ?? true, object: () => key };
  }

  private resolvePorts(n: Network, h: Host): readonly NeutronPort[] {
    const list: readonly (Port | undefined)[] =
      h.ports && h.ports.length > 0 ? h.ports : h.ip !== undefined ? [undefined] : [];
    return list.map((port) => {
      const subnetRef = port ? port.subnet : (h.subnet ?? '');
      const portNet = this.topologyNetworks.get(resolveSubnetRef(n.name, subnetRef)[0]) ?? n;
      const security = port?.portSecurity ?? h.portSecurity ?? portNet.portSecurity ?? true;
      const refs = port?.securityGroups ?? h.securityGroups ?? ['default'];
      const ip = port ? port.ip : h.ip;
      const pairs = security ? ((port ? port.allowedAddressPairs : h.allowedAddressPairs) ?? []) : [];
      return {
        ip,
        address: ip !== undefined ? range4(ip)?.[0] : undefined,
        pairRanges: rangesOf(pairs.map((x) => x.ip)),
        security,
        pairs,
        groups: security ? this.resolveAll(n.name, refs, portNet.name) : [],
      };
    });
  }
}

/** The scenario's groups (memoised by topology). */
export const neutronGroups = weakCache((t: Topology): NeutronGroups => new Groups(t));
