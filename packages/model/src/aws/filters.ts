/**
 * AWS security groups and network ACLs compiled into {@link FilterProgram}s (PROVIDERS.md 1.7,
 * FILTERS.md), once per state for a network whose `firewall` is `rules`:
 *
 * - `host(net, host, 0, dir)`: the ENI's security groups (AWS-R35, AWS-R36: `[default]` when none
 *   is named): every rule of that direction of every group, allow only, in host group order then
 *   declaration order (order never changes the verdict, invariant 44); nothing matches: the host's
 *   `implicit-deny`. Stateful (AWS-R39).
 * - `defaultHost(net, subnet, dir)`: the same for the subnet's implicit instances (`defaultHost`).
 * - `subnet(net, subnet, dir)`: the subnet's network ACL (AWS-R40): the named one, else the one
 *   marked `default: true`, else the VPC's implicit default ACL (rule 100 allows all); entries by
 *   rule number, first match decides, `*` denies. Stateless (AWS-R42).
 *
 * Peers (AWS-R35): a CIDR (IPv6 CIDRs never match the IPv4 plane), a prefix list (AWS-R38), or a
 * security group (AWS-R37: the private addresses of its members, see {@link awsSecurityGroupMembers}).
 */
import type { NetworkState } from '../state.js';
import type { Network, NetworkAcl, NetworkAclEntry, SecurityGroup, SecurityGroupRule } from '../topology.js';
import type { IpProtocol, PortRange } from '../filters/types.js';
import { registerFilterCompiler, type NetworkFilters } from '../filters/compile.js';
import type { FilterEntry, FilterProgram } from '../filters/program.js';
import { PROTO_ICMP, PROTO_TCP, PROTO_UDP } from '../filters/program.js';
import {
  filterEntry,
  prefixRange,
  rangesOf,
  subtract,
  union,
  type AddressRanges,
} from '../filters/address-ranges.js';
import { splitPath, topologyIndex } from '../internal/topology-index.js';
import { ALL_ICMP, ALL_PORTS, protocolNumber as ianaProtocolNumber } from '../internal/filter-ranges.js';

/** AWS-R36: a network's `default` group when the file declares none: inbound from itself, outbound to all. */
export const AWS_IMPLICIT_DEFAULT_SG: SecurityGroup = {
  name: 'default',
  inbound: [{ protocol: 'all', securityGroup: 'default' }],
  outbound: [{ protocol: 'all', cidr: '0.0.0.0/0' }],
};

/** AWS-R40: the VPC's default network ACL when the file marks none: rule 100 allows all, then `*`. */
export const AWS_IMPLICIT_DEFAULT_NACL: NetworkAcl = {
  name: 'default',
  inbound: [{ ruleNumber: 100, protocol: 'all', cidr: '0.0.0.0/0', action: 'allow' }],
  outbound: [{ ruleNumber: 100, protocol: 'all', cidr: '0.0.0.0/0', action: 'allow' }],
};

/** AWS-R35: a group without an `outbound` list has a new group's rule (FILTERS.md: no `outbound` key). */
const NEW_GROUP_OUTBOUND: readonly SecurityGroupRule[] = [{ protocol: 'all', cidr: '0.0.0.0/0' }];

/** Entries that match by security-group reference (AWS-R37): the data plane may ignore them past a forwarding ENI. */
const groupReferences = new WeakSet<FilterEntry>();

/**
 * AWS-R37: does this entry match by a security-group reference? Such a rule "does not allow
 * traffic to flow" that an appliance (`sourceDestCheck: false`) forwarded between the two ENIs;
 * the data plane, which knows the path, skips these entries then.
 */
export function isSecurityGroupReference(entry: FilterEntry): boolean {
  return groupReferences.has(entry);
}

/**
 * The numeric form of an AWS rule's protocol and ports (AWS-R35): `all` every protocol and port;
 * TCP/UDP their port range (absent: every port); ICMP the type as destination "port" and the code
 * as source "port" (absent or -1: 0–255); any other protocol every port. Source ports: every port
 * (neither SGs nor NACLs have a source-port field).
 */
export function awsProtocolPorts(rule: {
  readonly protocol: IpProtocol;
  readonly port?: PortRange;
  readonly icmpType?: number;
  readonly icmpCode?: number;
}): Pick<FilterEntry, 'protocol' | 'dstPortLo' | 'dstPortHi' | 'srcPortLo' | 'srcPortHi'> {
  const protocol = protocolNumber(rule.protocol);
  let dst = ALL_PORTS;
  let src = ALL_PORTS;
  if (protocol === PROTO_TCP || protocol === PROTO_UDP) dst = rule.port ?? ALL_PORTS;
  else if (protocol === PROTO_ICMP) {
    dst =
      rule.icmpType === undefined || rule.icmpType < 0 ? ALL_ICMP : { lo: rule.icmpType, hi: rule.icmpType };
    src =
      rule.icmpCode === undefined || rule.icmpCode < 0 ? ALL_ICMP : { lo: rule.icmpCode, hi: rule.icmpCode };
  }
  return { protocol, dstPortLo: dst.lo, dstPortHi: dst.hi, srcPortLo: src.lo, srcPortHi: src.hi };
}

/** AWS-R35: a negative protocol number (the API's `-1`) reads as `all`; the rest as every provider reads it. */
function protocolNumber(p: IpProtocol): number {
  return ianaProtocolNumber(typeof p === 'number' && p < 0 ? 'all' : p);
}

/** AWS-R36: the group `name` of a network: the declared one, else the implicit `default`. */
export function awsSecurityGroup(network: Network, name: string): SecurityGroup | undefined {
  const declared = network.securityGroups?.find((g) => g.name === name);
  if (declared) return declared;
  return name === 'default' ? AWS_IMPLICIT_DEFAULT_SG : undefined;
}

/** AWS-R40: the network ACL of a subnet (named, else the VPC's `default: true`, else the implicit default). */
export function awsNetworkAclOf(network: Network, subnetName: string): NetworkAcl {
  const subnet = network.subnets.find((s) => s.name === subnetName);
  const named = subnet?.networkAcl;
  const acls = network.networkAcls ?? [];
  if (named !== undefined) {
    const acl = acls.find((a) => a.name === named);
    if (acl) return acl;
  }
  return acls.find((a) => a.default === true) ?? AWS_IMPLICIT_DEFAULT_NACL;
}

const membersMemo = new WeakMap<Network, Map<string, AddressRanges>>();

/**
 * AWS-R37: the private addresses of every member of group `group` of `network`: hosts carrying it
 * (`securityGroups`, default `[default]`), and the implicit instances of subnets whose
 * `defaultHost` carries it (their subnet's ranges minus the addresses of hosts that are not
 * members). Normalised IPv4 ranges.
 */
export function awsSecurityGroupMembers(network: Network, group: string): AddressRanges {
  let byGroup = membersMemo.get(network);
  if (!byGroup) membersMemo.set(network, (byGroup = new Map<string, AddressRanges>()));
  let members = byGroup.get(group);
  if (members) return members;
  const has = (groups: readonly string[] | undefined): boolean => (groups ?? ['default']).includes(group);
  const memberHosts: string[] = [];
  const others: string[] = [];
  for (const h of network.hosts)
    if (h.ip !== undefined) (has(h.securityGroups) ? memberHosts : others).push(h.ip);
  const implicit = rangesOf(
    network.subnets
      .filter((s) => has(s.defaultHost?.securityGroups))
      .flatMap((s) => [s.cidr, ...(s.secondaryCidrs ?? [])]),
  );
  members = union(rangesOf(memberHosts), subtract(implicit, rangesOf(others)));
  byGroup.set(group, members);
  return members;
}

/** The peer addresses of a rule, or `undefined` when it can match nothing on the IPv4 plane. */
function peerRanges(
  state: NetworkState,
  network: Network,
  rule: SecurityGroupRule,
): AddressRanges | undefined {
  if (rule.cidr !== undefined) {
    return cidrRanges(rule.cidr); // an IPv6 CIDR never matches an IPv4 packet
  }
  if (rule.prefixList !== undefined) {
    const [listNet, listName] = splitPath(rule.prefixList) ?? [network.name, rule.prefixList];
    const owner =
      listNet === network.name ? network : topologyIndex(state.topology).networks.get(listNet)?.network;
    const list = owner?.prefixLists?.find((p) => p.name === listName);
    const ranges = rangesOf(list?.cidrs ?? []);
    return ranges.length > 0 ? ranges : undefined;
  }
  if (rule.securityGroup !== undefined) {
    const [netName, groupName] = splitPath(rule.securityGroup) ?? [network.name, rule.securityGroup];
    const index = topologyIndex(state.topology);
    const home = index.networks.get(netName)?.network;
    if (!home || home.provider !== 'aws') return undefined;
    // AWS-R37: the same VPC or a peered one (a stale reference matches nothing).
    if (
      home !== network &&
      !(index.peeringsByNetwork.get(network.name) ?? []).some((p) => p.other === netName)
    )
      return undefined;
    const ranges = awsSecurityGroupMembers(home, groupName);
    return ranges.length > 0 ? ranges : undefined;
  }
  return undefined;
}

/** The compiled programs of one AWS network (cached per host, subnet and direction). */
function compileAwsNetwork(state: NetworkState, network: Network): NetworkFilters {
  const net = network.name;
  const sgPrograms = new Map<string, FilterProgram>();
  const aclPrograms = new Map<string, FilterProgram>();

  const sgEntries = new Map<string, readonly FilterEntry[]>();
  const hosts = new Map(network.hosts.map((h) => [h.name, h]));
  const subnets = new Map(network.subnets.map((s) => [s.name, s]));

  const sgProgram = (groups: readonly string[], dir: 'in' | 'out', owner: string): FilterProgram => {
    const key = `${dir} ${owner} ${groups.join(',')}`;
    let program = sgPrograms.get(key);
    if (program) return program;
    program = {
      kind: 'securityGroup',
      direction: dir === 'in' ? 'inbound' : 'outbound',
      entries: groupEntries(groups, dir),
      defaultObject: `${net}/${owner}`,
      defaultRule: 'implicit-deny',
      defaultAllow: false,
      stateful: true,
    };
    sgPrograms.set(key, program);
    return program;
  };

  /** The entries of a set of groups in one direction, shared by every interface with that set. */
  const groupEntries = (groups: readonly string[], dir: 'in' | 'out'): readonly FilterEntry[] => {
    const key = `${dir} ${groups.join(',')}`;
    const known = sgEntries.get(key);
    if (known) return known;
    const entries: FilterEntry[] = [];
    const seen = new Set<string>();
    for (const name of groups) {
      if (seen.has(name)) continue;
      seen.add(name);
      const group = awsSecurityGroup(network, name);
      const rules = (dir === 'in' ? group?.inbound : (group?.outbound ?? NEW_GROUP_OUTBOUND)) ?? [];
      rules.forEach((rule, i) => {
        const peer = peerRanges(state, network, rule);
        if (!peer) return;
        const entry = numericEntry(
          `${net}/${name}`,
          rule.name ?? `${dir === 'in' ? 'inbound' : 'outbound'}[${i}]`,
          true,
          rule,
          // Inbound rules name the packet's source, outbound rules its destination.
          dir === 'in' ? anyIfAll(peer) : null,
          dir === 'out' ? anyIfAll(peer) : null,
        );
        if (rule.securityGroup !== undefined) groupReferences.add(entry);
        entries.push(entry);
      });
    }
    sgEntries.set(key, entries);
    return entries;
  };

  const aclOfSubnet = new Map<string, FilterProgram>();
  const aclProgram = (subnet: string, dir: 'in' | 'out'): FilterProgram => {
    const bySubnet = aclOfSubnet.get(`${dir} ${subnet}`);
    if (bySubnet) return bySubnet;
    const acl = awsNetworkAclOf(network, subnet);
    const key = `${dir} ${acl === AWS_IMPLICIT_DEFAULT_NACL ? '' : acl.name}`;
    let program = aclPrograms.get(key);
    if (program) {
      aclOfSubnet.set(`${dir} ${subnet}`, program);
      return program;
    }
    const object = `${net}/${acl.name}`;
    const sorted = [...(dir === 'in' ? acl.inbound : acl.outbound)].sort(
      (a, b) => a.ruleNumber - b.ruleNumber,
    );
    const entries: FilterEntry[] = [];
    for (const e of sorted) {
      const entry = aclEntry(object, e, dir);
      if (entry) entries.push(entry);
    }
    program = {
      kind: 'networkAcl',
      direction: dir === 'in' ? 'inbound' : 'outbound',
      entries,
      defaultObject: object,
      defaultRule: '*',
      defaultAllow: false,
      stateful: false,
    };
    aclPrograms.set(key, program);
    aclOfSubnet.set(`${dir} ${subnet}`, program);
    return program;
  };

  return {
    host(hostName, _port, dir) {
      const host = hosts.get(hostName);
      if (!host) return undefined;
      return sgProgram(host.securityGroups ?? ['default'], dir, hostName);
    },
    defaultHost(subnetName, dir) {
      const subnet = subnets.get(subnetName);
      if (!subnet) return undefined;
      return sgProgram(subnet.defaultHost?.securityGroups ?? ['default'], dir, subnetName);
    },
    subnet(subnetName, dir) {
      if (!subnets.has(subnetName)) return undefined;
      return aclProgram(subnetName, dir);
    },
  };
}

/** One NACL entry (AWS-R40): inbound entries match the packet's source, outbound its destination. */
function aclEntry(object: string, e: NetworkAclEntry, dir: 'in' | 'out'): FilterEntry | undefined {
  const cidr = cidrRanges(e.cidr);
  if (!cidr) return undefined; // IPv6 entries are a separate list (AWS-R40) and never match IPv4
  return numericEntry(
    object,
    String(e.ruleNumber),
    e.action === 'allow',
    e,
    dir === 'in' ? anyIfAll(cidr) : null,
    dir === 'out' ? anyIfAll(cidr) : null,
  );
}

function numericEntry(
  object: string,
  rule: string,
  allow: boolean,
  r: Parameters<typeof awsProtocolPorts>[0],
  src: AddressRanges | null,
  dst: AddressRanges | null,
): FilterEntry {
  const p = awsProtocolPorts(r);
  return filterEntry(
    object,
    rule,
    allow,
    p.protocol,
    p.dstPortLo,
    p.dstPortHi,
    p.srcPortLo,
    p.srcPortHi,
    src,
    dst,
  );
}

/** An IPv4 CIDR's range; `undefined` for IPv6. */
function cidrRanges(text: string): AddressRanges | undefined {
  const r = prefixRange(text);
  return r ? [r[0], r[1]] : undefined;
}

/** `0.0.0.0/0` as `null` (any address): the plane skips the range test. */
function anyIfAll(ranges: AddressRanges): AddressRanges | null {
  return ranges.length === 2 && ranges[0] === 0 && ranges[1] === 0xffffffff ? null : ranges;
}

registerFilterCompiler('aws', compileAwsNetwork);
