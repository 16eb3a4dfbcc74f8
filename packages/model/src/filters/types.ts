/**
 * Traffic-filter objects of the topology (FILTERS.md "Filter objects"; PROVIDERS.md Part II):
 * AWS security groups, prefix lists and network ACLs, Azure network security groups, GCP VPC
 * firewall rules and Neutron security groups.
 *
 * These are the scenario file's objects after validation, normalised by the scenario builder so
 * that no later layer re-parses text: protocols are {@link IpProtocol} values, ports are
 * {@link PortRange}s. Addresses stay canonical text, as everywhere in the topology; the model
 * compiles them to numbers once per state (`filters/compile.ts`).
 */
import type { IpText, PrefixText } from '../topology.js';

/** `none` (default): nothing filters; `provider-default`: GCP-R24 and OS-R11 only; `rules`: everything declared (FILTERS.md). */
export type FirewallMode = 'none' | 'provider-default' | 'rules';

/**
 * An IP protocol: `all` (AWS `-1`, Azure `*`, GCP `all`, Neutron no protocol), a name, or an IANA
 * number for any other protocol (50 ESP, 51 AH, ...). The builder writes 1, 6 and 17 as names.
 */
export type IpProtocol = 'all' | 'tcp' | 'udp' | 'icmp' | number;

/** An inclusive range of ports (or, for ICMP, of types or codes). `{ lo: 0, hi: 65535 }` is every port. */
export interface PortRange {
  readonly lo: number;
  readonly hi: number;
}

/** A flow's protocol (FILTERS.md "Flows"): absent fields mean any protocol, every port. */
export type FlowProtocol = 'tcp' | 'udp' | 'icmp' | 'any';

// ---------------------------------------------------------------------------------------------
// AWS (AWS-R34..R44)
// ---------------------------------------------------------------------------------------------

/** AWS-R38: a customer-managed prefix list, referenced by SG rules and routes. */
export interface PrefixList {
  readonly name: string;
  readonly cidrs: readonly PrefixText[];
  readonly id?: string;
}

/** AWS-R35: one security-group rule; exactly one of `cidr`, `prefixList`, `securityGroup`. */
export interface SecurityGroupRule {
  readonly name?: string;
  readonly protocol: IpProtocol;
  /** tcp/udp ports; absent: every port (`protocol: all` never has ports). */
  readonly port?: PortRange;
  /** ICMP type and code; absent: all (`-1`). */
  readonly icmpType?: number;
  readonly icmpCode?: number;
  readonly cidr?: PrefixText;
  /** A prefix list of the same network (AWS-R38). */
  readonly prefixList?: string;
  /** A security group: a name of the same VPC, or `net/sg` of a peered VPC (AWS-R37). */
  readonly securityGroup?: string;
  readonly description?: string;
}

/**
 * A security group. AWS (AWS-R35..R37): `inbound` and `outbound`; the builder writes a new
 * group's allow-all `outbound` rule when the file has no `outbound` key. OpenStack (OS-R18..R23):
 * `stateful` and `rules`. A group named `default` redefines the network's default group.
 */
export interface SecurityGroup {
  readonly name: string;
  readonly id?: string;
  readonly description?: string;
  /** AWS: inbound rules (allow only, AWS-R35). */
  readonly inbound?: readonly SecurityGroupRule[];
  /** AWS: outbound rules. */
  readonly outbound?: readonly SecurityGroupRule[];
  /** OpenStack: stateful (default true, OS-R21). */
  readonly stateful?: boolean;
  /** OpenStack: the group's rules (OS-R18, OS-R19). */
  readonly rules?: readonly NeutronRule[];
}

/** AWS-R40: one network ACL entry, evaluated in `ruleNumber` order, first match decides. */
export interface NetworkAclEntry {
  /** 1–32766 (32767 is the `*` rule, implicit). */
  readonly ruleNumber: number;
  readonly protocol: IpProtocol;
  readonly port?: PortRange;
  readonly icmpType?: number;
  readonly icmpCode?: number;
  readonly cidr: PrefixText;
  readonly action: 'allow' | 'deny';
}

/** AWS-R40..R42: a stateless network ACL; subnets reference it by `networkAcl`. */
export interface NetworkAcl {
  readonly name: string;
  readonly id?: string;
  /** The VPC's default NACL (subnets without `networkAcl` use it); absent anywhere: an allow-all default. */
  readonly default?: boolean;
  readonly inbound: readonly NetworkAclEntry[];
  readonly outbound: readonly NetworkAclEntry[];
}

// ---------------------------------------------------------------------------------------------
// Azure (AZ-R25..R33)
// ---------------------------------------------------------------------------------------------

/** AZ-R26: the protocol an NSG rule matches, in Azure's spelling; `*` is any. */
export type NsgProtocol = 'Tcp' | 'Udp' | 'Icmp' | 'Esp' | 'Ah' | '*';

/**
 * AZ-R26: one NSG security rule. `source`/`destination` hold CIDRs, addresses, service tags
 * (`Internet`, `VirtualNetwork`, `AzureLoadBalancer`, a `serviceTags` key) or `*`; ports are
 * ranges (`*` is `{ lo: 0, hi: 65535 }`).
 */
export interface NsgRule {
  readonly name: string;
  readonly priority: number;
  readonly direction: 'Inbound' | 'Outbound';
  readonly access: 'Allow' | 'Deny';
  readonly protocol: NsgProtocol;
  readonly source: readonly string[];
  readonly destination: readonly string[];
  readonly sourcePorts: readonly PortRange[];
  readonly destinationPorts: readonly PortRange[];
  readonly description?: string;
}

/** AZ-R25..R27: a network security group; the six default rules are implicit (never written here). */
export interface NetworkSecurityGroup {
  readonly name: string;
  readonly id?: string;
  readonly securityRules: readonly NsgRule[];
}

// ---------------------------------------------------------------------------------------------
// GCP (GCP-R25..R31)
// ---------------------------------------------------------------------------------------------

/** One `allowed`/`denied` entry of a firewall rule, as the Compute API writes it. */
export interface FirewallProtocolPorts {
  readonly protocol: IpProtocol;
  /** Absent: every port. */
  readonly ports?: readonly PortRange[];
}

/** GCP-R25..R29: a VPC firewall rule of the network. */
export interface FirewallRule {
  readonly name: string;
  readonly direction: 'INGRESS' | 'EGRESS';
  /** 0–65535, default 1000; lower wins, deny wins a tie (GCP-R27). */
  readonly priority: number;
  /** Exactly one of `allow`, `deny` (GCP-R26). */
  readonly allow?: readonly FirewallProtocolPorts[];
  readonly deny?: readonly FirewallProtocolPorts[];
  readonly sourceRanges?: readonly PrefixText[];
  readonly sourceTags?: readonly string[];
  readonly sourceServiceAccounts?: readonly string[];
  readonly destinationRanges?: readonly PrefixText[];
  readonly targetTags?: readonly string[];
  readonly targetServiceAccounts?: readonly string[];
  readonly disabled?: boolean;
  readonly id?: string;
  readonly description?: string;
}

// ---------------------------------------------------------------------------------------------
// OpenStack (OS-R18..R23)
// ---------------------------------------------------------------------------------------------

/** OS-R18, OS-R19: a Neutron security-group rule (allow only); absent fields mean any, as in Neutron. */
export interface NeutronRule {
  readonly direction: 'ingress' | 'egress';
  readonly ethertype?: 'IPv4' | 'IPv6';
  readonly protocol?: IpProtocol;
  readonly portRangeMin?: number;
  readonly portRangeMax?: number;
  /** At most one of `remoteIpPrefix`, `remoteGroup` (OS-R19). */
  readonly remoteIpPrefix?: PrefixText;
  /** A group by name or `net/group`. */
  readonly remoteGroup?: string;
  readonly description?: string;
}

// ---------------------------------------------------------------------------------------------
// Implicit instances (FILTERS.md "Flows without a host")
// ---------------------------------------------------------------------------------------------

/** The filters of a subnet's implicit instances: flows from the subnet, destinations that are no host's. */
export interface DefaultHost {
  /** AWS, OpenStack: the groups (default: the network's `default`). */
  readonly securityGroups?: readonly string[];
  /** Azure: the NIC's NSG (default: none, the subnet's only). */
  readonly networkSecurityGroup?: string;
  /** GCP: network tags (default none) and service account (default `default`). */
  readonly tags?: readonly string[];
  readonly serviceAccount?: string;
}

/** Offline contents of Azure service tags used by NSG rules (AZ-R30): tag → prefixes. */
export type ServiceTags = Readonly<Record<string, readonly PrefixText[]>>;

export type { IpText };
