/**
 * Neutron security groups as {@link FilterProgram}s (PROVIDERS.md §4.5, OS-R18..R23; FILTERS.md),
 * compiled for `firewall: rules` only (`provider-default` keeps OS-R11's summary in the data plane).
 *
 * One program per port and direction: the union of the port's groups' IPv4 rules of that
 * direction (allow only, groups in the port's order, rules in declaration order), default deny
 * (`implicit-deny`). A port with port security off has none (OS-R9); router and DHCP ports are
 * gateways of the model, never hosts, so the trusted ports of OS-R10 never reach this file.
 *
 * Groups are scenario-wide (`filter-groups.ts`): a `remoteGroup` rule matches the
 * addresses of every member, whichever network its port is on.
 */
import { registerFilterCompiler, type NetworkFilters } from '../filters/compile.js';
import type { FilterEntry, FilterProgram } from '../filters/program.js';
import { PROTO_ICMP, PROTO_TCP, PROTO_UDP } from '../filters/program.js';
import type { NeutronRule, PortRange } from '../filters/types.js';
import type { NetworkState } from '../state.js';
import type { Host, Network, Subnet } from '../topology.js';
import { ALL_ICMP, ALL_PORTS, entry, protocolNumber, rangesOf } from '../internal/filter-ranges.js';
import { neutronGroups, neutronPortLabel, type GroupRef, type NeutronGroups } from './filter-groups.js';

/** OS-R18: what decides when no rule of the port's groups matches. */
export const NEUTRON_IMPLICIT_DENY = 'implicit-deny';

/**
 * OS-R19: a rule's destination ports (tcp, udp: `portRangeMin`..`portRangeMax`, absent = every
 * port) and source ports (ICMP: `portRangeMin` is the type, `portRangeMax` the code, as Neutron
 * writes them; absent = all).
 */
export function neutronPorts(rule: NeutronRule): { readonly dst: PortRange; readonly src: PortRange } {
  const protocol = protocolNumber(rule.protocol);
  const min = rule.portRangeMin;
  const max = rule.portRangeMax;
  if (protocol === PROTO_ICMP) {
    return {
      dst: min === undefined ? ALL_ICMP : { lo: min, hi: min },
      src: max === undefined ? ALL_ICMP : { lo: max, hi: max },
    };
  }
  // Neutron needs `portRangeMin` for a range; `portRangeMax` absent: the single port.
  if ((protocol === PROTO_TCP || protocol === PROTO_UDP) && min !== undefined)
    return { dst: { lo: min, hi: max ?? min }, src: ALL_PORTS };
  return { dst: ALL_PORTS, src: ALL_PORTS };
}

class OpenstackNetworkFilters implements NetworkFilters {
  private readonly groups: NeutronGroups;
  /** Entries of a group in a direction, by `key|direction` (the implicit `default` is named after this network). */
  private readonly entries = new Map<string, readonly FilterEntry[]>();
  private readonly programs = new Map<string, FilterProgram | undefined>();
  private readonly hosts = new Map<string, Host>();
  private readonly subnets = new Map<string, Subnet>();

  constructor(
    state: NetworkState,
    private readonly network: Network,
  ) {
    this.groups = neutronGroups(state.topology);
    for (const h of network.hosts) if (!this.hosts.has(h.name)) this.hosts.set(h.name, h);
    for (const s of network.subnets) if (!this.subnets.has(s.name)) this.subnets.set(s.name, s);
  }

  host(host: string, port: number, direction: 'in' | 'out'): FilterProgram | undefined {
    const key = `h|${host}|${port}|${direction}`;
    if (this.programs.has(key)) return this.programs.get(key);
    const h = this.hosts.get(host);
    const p = h ? this.groups.ports(this.network.name, host)[port] : undefined;
    // OS-R9, OS-R22: a port with port security off meets no group.
    const program =
      h && p?.security
        ? this.program(p.groups, neutronPortLabel(this.network.name, h, port), direction)
        : undefined;
    this.programs.set(key, program);
    return program;
  }

  defaultHost(subnet: string, direction: 'in' | 'out'): FilterProgram | undefined {
    const key = `s|${subnet}|${direction}`;
    if (this.programs.has(key)) return this.programs.get(key);
    const s = this.subnets.get(subnet);
    // FILTERS.md "Flows without a host": the subnet's `defaultHost` groups, else `default` (OS-R18).
    const program =
      s && this.network.portSecurity !== false
        ? this.program(
            this.groups.resolveAll(this.network.name, s.defaultHost?.securityGroups ?? ['default']),
            `${this.network.name}/${s.name}`,
            direction,
          )
        : undefined;
    this.programs.set(key, program);
    return program;
  }

  subnet(): FilterProgram | undefined {
    return undefined; // OS-R18: groups are attributes of ports, a subnet filters nothing of its own
  }

  /**
   * OS-R18, OS-R22: the union of the groups' rules, default deny; a port with no group drops
   * everything (the always-allowed ARP/DHCP/ND are not flows). OS-R21: the port is stateful only
   * when every one of its groups is: a stateless group's rules must pass the reply too.
   */
  private program(groups: readonly GroupRef[], at: string, direction: 'in' | 'out'): FilterProgram {
    const word = direction === 'in' ? 'ingress' : 'egress';
    return {
      kind: 'securityGroup',
      direction: word,
      entries: groups.flatMap((g) => this.groupEntries(g, word)),
      defaultObject: at,
      defaultRule: NEUTRON_IMPLICIT_DENY,
      defaultAllow: false,
      stateful: groups.every((g) => g.stateful),
    };
  }

  private groupEntries(g: GroupRef, word: 'ingress' | 'egress'): readonly FilterEntry[] {
    const key = `${g.key}|${word}`;
    let list = this.entries.get(key);
    if (!list) {
      const object = g.object(this.network.name);
      const out: FilterEntry[] = [];
      let i = -1;
      for (const rule of g.rules) {
        if (rule.direction !== word) continue;
        i++;
        // OS-R19: IPv6 rules never match the IPv4 packets of the plane (absent ethertype = IPv4).
        if (rule.ethertype === 'IPv6') continue;
        const peer =
          rule.remoteIpPrefix !== undefined
            ? rangesOf([rule.remoteIpPrefix])
            : rule.remoteGroup !== undefined
              ? this.groups.members(this.groups.resolve(g.network, rule.remoteGroup)) // OS-R20
              : null;
        const { dst, src } = neutronPorts(rule);
        out.push(
          entry({
            object,
            rule: `${word}[${i}]`,
            allow: true,
            protocol: protocolNumber(rule.protocol),
            dst,
            srcPorts: src,
            // Ingress rules name the packet's source, egress rules its destination.
            srcAddresses: word === 'ingress' ? peer : null,
            dstAddresses: word === 'egress' ? peer : null,
          }),
        );
      }
      this.entries.set(key, (list = out));
    }
    return list;
  }
}

/** The OpenStack compiler (FILTERS.md: OpenStack rows). */
export function compileOpenstackFilters(state: NetworkState, network: Network): NetworkFilters {
  return new OpenstackNetworkFilters(state, network);
}

registerFilterCompiler('openstack', compileOpenstackFilters);
