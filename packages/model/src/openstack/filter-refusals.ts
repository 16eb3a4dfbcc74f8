/**
 * Neutron security-group changes the API refuses (PROVIDERS.md 4.5): a rule with two remotes or
 * an address of the other family (OS-R19), a change of `stateful` while a port uses the group
 * (OS-R21). Port-security constraints on groups (OS-R8) are unchanged (the port checks). Pure
 * functions over model types, shared by the engine (timeline) and the scenario loader.
 */
import type { NeutronRule, SecurityGroup } from '../filters/types.js';
import type { FilterRefusal } from '../filters/refusal.js';
import type { Network, Topology } from '../topology.js';

/** OS-R19: at most one remote; `ethertype` agrees with `remoteIpPrefix`; ports in 0–65535, min ≤ max. */
export function neutronRuleRefusal(rule: NeutronRule): FilterRefusal | undefined {
  if (rule.remoteIpPrefix !== undefined && rule.remoteGroup !== undefined) {
    return {
      rule: 'OS-R19',
      message: 'a security-group rule takes remoteIpPrefix or remoteGroup, not both',
    };
  }
  if (rule.remoteIpPrefix !== undefined && rule.ethertype !== undefined) {
    const v6 = rule.remoteIpPrefix.includes(':');
    if (v6 !== (rule.ethertype === 'IPv6')) {
      return {
        rule: 'OS-R19',
        message: `remoteIpPrefix ${rule.remoteIpPrefix} does not match ethertype ${rule.ethertype}`,
      };
    }
  }
  const lo = rule.portRangeMin;
  const hi = rule.portRangeMax;
  const inRange = (v: number | undefined): boolean =>
    v === undefined || (Number.isInteger(v) && v >= 0 && v <= 65535);
  if (!inRange(lo) || !inRange(hi) || (lo !== undefined && hi !== undefined && lo > hi)) {
    return {
      rule: 'OS-R19',
      message: `port range ${String(lo)}-${String(hi)} is not within 0-65535 with portRangeMin ≤ portRangeMax`,
    };
  }
  return undefined;
}

/**
 * The network declaring the group a port's reference names: `net/group`, else the host's network,
 * else the port's network, else any OpenStack network declaring it (one project, OS-R23); `default`
 * is always the project's, the first network declaring it. Undefined for the implicit `default`
 * group (or an unknown name).
 */
export function neutronGroupOwner(
  topology: Topology,
  ref: string,
  hostNetwork: string,
  portNetwork: string = hostNetwork,
): string | undefined {
  const slash = ref.indexOf('/');
  const name = slash > 0 ? ref.slice(slash + 1) : ref;
  const anywhere = (): string | undefined =>
    topology.networks.find(
      (n) => n.provider === 'openstack' && (n.securityGroups ?? []).some((g) => g.name === name),
    )?.name;
  // OS-R23: `default` is always the project's: the first network declaring it, else implicit.
  if (name === 'default') return anywhere();
  const declares = (net: string, name: string): boolean =>
    topology.networks.some(
      (n) =>
        n.name === net && n.provider === 'openstack' && (n.securityGroups ?? []).some((g) => g.name === name),
    );
  if (slash > 0) {
    const net = ref.slice(0, slash);
    return declares(net, ref.slice(slash + 1)) ? net : undefined;
  }
  if (declares(hostNetwork, ref)) return hostNetwork;
  if (declares(portNetwork, ref)) return portNetwork;
  return anywhere();
}

/** `net/host` (with ` port net/subnet` when the host has several) of every port using the group `network/group`. */
export function neutronGroupUsers(topology: Topology, network: Network, group: SecurityGroup): string[] {
  const users: string[] = [];
  const declared = (network.securityGroups ?? []).some((g) => g.name === group.name);
  for (const n of topology.networks) {
    if (n.provider !== 'openstack') continue;
    for (const h of n.hosts) {
      const ports =
        h.ports && h.ports.length > 0
          ? h.ports.map((p) => ({ p, sub: p.subnet }))
          : [{ p: undefined, sub: h.subnet ?? '' }];
      for (const { p, sub } of ports) {
        const slash = sub.indexOf('/');
        const portNet = slash > 0 ? sub.slice(0, slash) : n.name;
        // OS-R4: the port's value, the host shorthand's, the network's, default on.
        const pn = topology.networks.find((x) => x.name === portNet) ?? n;
        const secured = p?.portSecurity ?? h.portSecurity ?? pn.portSecurity ?? true;
        if (!secured) continue;
        // OS-R18: the port's groups, else the host's, else the project's `default`.
        const refs = p?.securityGroups ?? h.securityGroups ?? ['default'];
        const uses = refs.some((ref) => {
          const owner = neutronGroupOwner(topology, ref, n.name, portNet);
          const name = ref.includes('/') ? ref.slice(ref.indexOf('/') + 1) : ref;
          if (name !== group.name) return false;
          // An undeclared `default` is the implicit project group (OS-R23).
          return owner === undefined ? name === 'default' && !declared : owner === network.name;
        });
        if (uses) users.push(`${n.name}/${h.name}${ports.length > 1 ? ` port ${sub}` : ''}`);
      }
    }
  }
  return users;
}

/**
 * OS-R21: `stateful` may be updated only while no port uses the group. `users` are the ports
 * using it ({@link neutronGroupUsers}).
 */
export function neutronStatefulRefusal(
  group: SecurityGroup,
  path: string,
  stateful: boolean,
  users: readonly string[],
): FilterRefusal | undefined {
  if ((group.stateful ?? true) === stateful || users.length === 0) return undefined;
  const list =
    users.length <= 3 ? users.join(', ') : `${users.slice(0, 3).join(', ')} +${users.length - 3} more`;
  return {
    rule: 'OS-R21',
    message: `${path} is in use by ${list}: stateful can change only while no port uses the group — move the ports to another group first`,
  };
}
