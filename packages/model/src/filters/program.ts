/**
 * The compiled form of every provider's filters: a {@link FilterProgram} is an ordered list of
 * numeric entries; the first entry that matches a packet decides, else the program's default.
 * Each provider's rules (AWS-R35..R42, AZ-R25..R31, GCP-R25..R29, OS-R18..R22) are resolved into
 * this one shape when a state is compiled (`<provider>/filters.ts`), so the data plane evaluates
 * one thing, without allocation, and a trace names the provider's own object and rule.
 *
 * Packets are IPv4 numbers (unsigned). A packet's ports are ranges: a flow's source ports are its
 * client's whole ephemeral range, and an entry matches only when the packet's range lies inside
 * the entry's (FILTERS.md "Flows"). ICMP packets carry their type as the destination "port" and
 * their code as the source "port" (echo request 8/0, echo reply 0/0).
 */

/** IANA protocol numbers used by the plane; `ANY_PROTOCOL` matches (and, on a packet, is matched by) only all-protocol entries. */
export const ANY_PROTOCOL = -1;
/** IANA protocol number of ICMP. */
export const PROTO_ICMP = 1;
/** IANA protocol number of TCP. */
export const PROTO_TCP = 6;
/** IANA protocol number of UDP. */
export const PROTO_UDP = 17;

/** FILTERS.md `kind` of a check. */
export type FilterKind = 'securityGroup' | 'networkAcl' | 'networkSecurityGroup' | 'firewallRule';

/** One compiled rule. Address sets are flattened `[lo0, hi0, lo1, hi1, ...]` unsigned IPv4 ranges. */
export interface FilterEntry {
  /** The object holding the rule, as traces print it: `prod/web-sg`, `hub/app-nsg`, `corp` (GCP network), `app/db`. */
  readonly object: string;
  /** The rule as traces print it (FILTERS.md "Output"): a name, a NACL number, `inbound[2]`, ... */
  readonly rule: string;
  readonly allow: boolean;
  /** IANA number, or {@link ANY_PROTOCOL} for an all-protocol entry. */
  readonly protocol: number;
  readonly dstPortLo: number;
  readonly dstPortHi: number;
  readonly srcPortLo: number;
  readonly srcPortHi: number;
  /** Source address ranges; `null` = any source. */
  readonly src: readonly number[] | null;
  /** Destination address ranges; `null` = any destination. */
  readonly dst: readonly number[] | null;
}

/**
 * The filters met at one check point in one direction (an ENI's groups outbound, a subnet's NACL
 * inbound, a VM's ingress rules, ...), with what decides when no entry matches.
 */
export interface FilterProgram {
  readonly kind: FilterKind;
  /** The provider's word for the direction: `inbound`/`outbound` (AWS), `Inbound`/`Outbound` (Azure), `INGRESS`/`EGRESS` (GCP), `ingress`/`egress` (Neutron). */
  readonly direction: string;
  readonly entries: readonly FilterEntry[];
  /** When nothing matches: the deciding object (the host whose groups matched nothing, the NACL, ...). */
  readonly defaultObject: string;
  /** `implicit-deny`, `*`, `DenyAllInBound`, `implied-deny-ingress`, ... */
  readonly defaultRule: string;
  readonly defaultAllow: boolean;
  /** Stateful programs allow a request's reply; stateless ones (NACLs, stateless Neutron groups) check it (AWS-R42, OS-R21). */
  readonly stateful: boolean;
}

/** The decision of a program: an entry index, or -1 for the default. */
export function firstMatch(
  program: FilterProgram,
  protocol: number,
  src: number,
  dst: number,
  srcPortLo: number,
  srcPortHi: number,
  dstPortLo: number,
  dstPortHi: number,
): number {
  const entries = program.entries;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.protocol !== ANY_PROTOCOL && e.protocol !== protocol) continue;
    if (dstPortLo < e.dstPortLo || dstPortHi > e.dstPortHi) continue;
    if (srcPortLo < e.srcPortLo || srcPortHi > e.srcPortHi) continue;
    if (e.src !== null && !inRanges(e.src, src)) continue;
    if (e.dst !== null && !inRanges(e.dst, dst)) continue;
    return i;
  }
  return -1;
}

/** Does the decision of {@link firstMatch} allow the packet? */
export function allows(program: FilterProgram, decision: number): boolean {
  return decision < 0 ? program.defaultAllow : program.entries[decision]!.allow;
}

function inRanges(ranges: readonly number[], a: number): boolean {
  for (let k = 0; k < ranges.length; k += 2) if (a >= ranges[k]! && a <= ranges[k + 1]!) return true;
  return false;
}

/**
 * Where a state's filters apply (FILTERS.md "What `firewall: rules` evaluates, and where"). Every
 * method returns `undefined` when nothing filters at that point (filtering off for the network,
 * no NACL or NSG there, a port without port security, ...). Names are the topology's: a network,
 * a subnet and a host name of that network; `port` is an OpenStack port's index on its host (0
 * for every other provider).
 */
export interface FilterChecks {
  /** The network's effective mode (`networks[].firewall` over the topology's). */
  mode(network: string): 'none' | 'provider-default' | 'rules';
  /**
   * The instance's own filters: AWS the ENI's security groups, Azure the NIC's NSG, GCP the VM's
   * firewall rules (ingress or egress), OpenStack the port's groups.
   */
  host(network: string, host: string, port: number, direction: 'in' | 'out'): FilterProgram | undefined;
  /** The same for the subnet's implicit instances (its `defaultHost`, or the provider's defaults). */
  defaultHost(network: string, subnet: string, direction: 'in' | 'out'): FilterProgram | undefined;
  /** The subnet's own filter: AWS its network ACL, Azure its NSG; `undefined` on GCP and OpenStack. */
  subnet(network: string, subnet: string, direction: 'in' | 'out'): FilterProgram | undefined;
}
