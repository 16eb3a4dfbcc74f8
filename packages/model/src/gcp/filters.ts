/**
 * GCP VPC firewall rules as {@link FilterProgram}s (PROVIDERS.md §3.9, GCP-R25..R30; FILTERS.md),
 * compiled for `firewall: rules` only (`provider-default` keeps GCP-R24's summary in the data plane).
 *
 * One program per VM (or subnet's implicit instances) and direction: the network's enabled rules
 * of that direction whose targets select the VM, sorted by priority (deny first on a tie, then by
 * name, so declaration order never matters, invariant 52), one entry per `allow`/`deny` item and
 * port range; when none matches, the implied rule of the direction decides (GCP-R27). Programs
 * are shared by every VM of one identity (tags and service account).
 *
 * Under `rules` the `default` network's four pre-populated rules (GCP-R27) exist only if the
 * scenario declares them: FILTERS.md adds only the implied rules where nothing is declared.
 * Hierarchical and network firewall policies are out of scope (GCP-R31): VPC rules, then the
 * implied actions, nothing else.
 */
import { registerFilterCompiler, type NetworkFilters } from '../filters/compile.js';
import type { FilterEntry, FilterProgram } from '../filters/program.js';
import { PROTO_ICMP, ANY_PROTOCOL } from '../filters/program.js';
import type { FirewallProtocolPorts, FirewallRule } from '../filters/types.js';
import type { NetworkState } from '../state.js';
import type { Host, Network, Subnet } from '../topology.js';
import {
  ALL_ICMP,
  ALL_PORTS,
  entry,
  normalise,
  protocolNumber,
  range4,
  rangesOf,
  withoutAddresses,
} from '../internal/filter-ranges.js';

/** GCP-R27: the implied ingress rule (deny every source, priority 65535). */
export const GCP_IMPLIED_DENY_INGRESS = 'implied-deny-ingress';
/** GCP-R27: the implied egress rule (allow every destination, priority 65535). */
export const GCP_IMPLIED_ALLOW_EGRESS = 'implied-allow-egress';
/** GCP-R29: a VM's service account when none is given. */
export const GCP_DEFAULT_SERVICE_ACCOUNT = 'default';

/** GCP-R29: what targets and source tags/accounts select: a VM's tags and service account. */
export interface GcpIdentity {
  readonly tags: readonly string[];
  readonly serviceAccount: string;
}

/** The identity of a VM (GCP-R29: service account `default` when none is given). */
export function hostIdentity(host: Host): GcpIdentity {
  return { tags: host.tags ?? [], serviceAccount: host.serviceAccount ?? GCP_DEFAULT_SERVICE_ACCOUNT };
}

/** The identity of a subnet's implicit instances (FILTERS.md "Flows without a host"). */
export function subnetIdentity(subnet: Subnet): GcpIdentity {
  return {
    tags: subnet.defaultHost?.tags ?? [],
    serviceAccount: subnet.defaultHost?.serviceAccount ?? GCP_DEFAULT_SERVICE_ACCOUNT,
  };
}

function selects(tags: readonly string[], accounts: readonly string[], id: GcpIdentity): boolean {
  return tags.some((t) => id.tags.includes(t)) || accounts.includes(id.serviceAccount);
}

/** GCP-R26, GCP-R29: a rule without targets applies to every VM of the network, else to those its tags or accounts select. */
export function ruleTargets(rule: FirewallRule, id: GcpIdentity): boolean {
  const tags = rule.targetTags ?? [];
  const accounts = rule.targetServiceAccounts ?? [];
  return (tags.length === 0 && accounts.length === 0) || selects(tags, accounts, id);
}

/**
 * GCP-R26, GCP-R27, invariant 52: the enabled rules of a direction in evaluation order: lower
 * priority value first, deny before allow on a tie, then by name (then declaration) so that the
 * order of the file never changes a verdict or the rule a trace names.
 */
export function evaluationOrder(
  rules: readonly FirewallRule[],
  direction: 'INGRESS' | 'EGRESS',
): FirewallRule[] {
  return rules
    .map((rule, index) => ({ rule, index }))
    .filter(({ rule }) => rule.direction === direction && rule.disabled !== true)
    .sort(
      (a, b) =>
        a.rule.priority - b.rule.priority ||
        (a.rule.deny ? 0 : 1) - (b.rule.deny ? 0 : 1) ||
        (a.rule.name < b.rule.name ? -1 : a.rule.name > b.rule.name ? 1 : 0) ||
        a.index - b.index,
    )
    .map(({ rule }) => rule);
}

/** One rule's entries, whatever VM it is applied to. */
interface CompiledRule {
  readonly rule: FirewallRule;
  readonly entries: readonly FilterEntry[];
}

class GcpNetworkFilters implements NetworkFilters {
  private readonly hosts = new Map<string, Host>();
  private readonly subnets = new Map<string, Subnet>();
  private readonly rules: Record<'in' | 'out', readonly CompiledRule[]>;
  /** Programs by identity key and direction: VMs alike share one. */
  private readonly programs = new Map<string, FilterProgram>();
  /** Every VM's identity and internal address, parsed once. */
  private readonly vms: readonly { readonly id: GcpIdentity; readonly address: number | undefined }[];
  /** Every subnet's implicit-instance identity and ranges. */
  private readonly implicit: readonly { readonly id: GcpIdentity; readonly ranges: readonly number[] }[];

  constructor(private readonly network: Network) {
    for (const h of network.hosts) if (!this.hosts.has(h.name)) this.hosts.set(h.name, h);
    for (const s of network.subnets) if (!this.subnets.has(s.name)) this.subnets.set(s.name, s);
    this.vms = network.hosts.map((h) => ({
      id: hostIdentity(h),
      address: h.ip !== undefined ? range4(h.ip)?.[0] : undefined,
    }));
    this.implicit = network.subnets.map((s) => ({
      id: subnetIdentity(s),
      ranges: rangesOf([s.cidr, ...(s.secondaryCidrs ?? [])]),
    }));
    const declared = network.firewallRules ?? [];
    const compile = (r: FirewallRule): CompiledRule => ({ rule: r, entries: this.entriesOf(r) });
    this.rules = {
      in: evaluationOrder(declared, 'INGRESS').map(compile),
      out: evaluationOrder(declared, 'EGRESS').map(compile),
    };
  }

  host(host: string, _port: number, direction: 'in' | 'out'): FilterProgram | undefined {
    const h = this.hosts.get(host);
    return h ? this.program(hostIdentity(h), direction) : undefined;
  }

  defaultHost(subnet: string, direction: 'in' | 'out'): FilterProgram | undefined {
    const s = this.subnets.get(subnet);
    return s ? this.program(subnetIdentity(s), direction) : undefined;
  }

  subnet(): FilterProgram | undefined {
    return undefined; // GCP-R25: rules apply per instance, a subnet filters nothing of its own
  }

  private program(id: GcpIdentity, direction: 'in' | 'out'): FilterProgram {
    const key = `${direction}|${id.serviceAccount}|${[...new Set(id.tags)].sort().join(',')}`;
    let p = this.programs.get(key);
    if (!p) {
      const ingress = direction === 'in';
      p = {
        kind: 'firewallRule',
        direction: ingress ? 'INGRESS' : 'EGRESS',
        entries: this.rules[direction].filter((c) => ruleTargets(c.rule, id)).flatMap((c) => c.entries),
        // GCP-R27: the implied rules are the network's, hidden, after every declared one.
        defaultObject: this.network.name,
        defaultRule: ingress ? GCP_IMPLIED_DENY_INGRESS : GCP_IMPLIED_ALLOW_EGRESS,
        defaultAllow: !ingress,
        stateful: true, // GCP-R28: the replies of an allowed connection are always allowed
      };
      this.programs.set(key, p);
    }
    return p;
  }

  private entriesOf(rule: FirewallRule): FilterEntry[] {
    const src = this.sources(rule);
    const dst = rule.destinationRanges !== undefined ? rangesOf(rule.destinationRanges) : null;
    const allow = rule.allow !== undefined && rule.deny === undefined;
    const items: readonly FirewallProtocolPorts[] = (allow ? rule.allow : rule.deny) ?? [];
    const out: FilterEntry[] = [];
    for (const item of items) {
      const protocol = protocolNumber(item.protocol);
      const common = {
        object: this.network.name,
        rule: rule.name,
        allow,
        protocol,
        srcAddresses: src,
        dstAddresses: dst,
      };
      if (protocol === PROTO_ICMP) out.push(entry({ ...common, dst: ALL_ICMP, srcPorts: ALL_ICMP }));
      // GCP-R26: ports apply to port protocols only; no ports = every port.
      else if (protocol === ANY_PROTOCOL || !item.ports || item.ports.length === 0)
        out.push(entry({ ...common, dst: ALL_PORTS, srcPorts: ALL_PORTS }));
      else for (const ports of item.ports) out.push(entry({ ...common, dst: ports, srcPorts: ALL_PORTS }));
    }
    return out;
  }

  /**
   * GCP-R26, GCP-R29: a packet matches the rule's sources if it matches any kind given: the
   * ranges, or the internal address of a VM of this network (never a site, the internet or a
   * peer) whose tags or account are listed; the implicit instances of a subnet whose
   * `defaultHost` matches hold the subnet's addresses that are no VM's. No source at all: any.
   */
  private sources(rule: FirewallRule): readonly number[] | null {
    const ranges = rule.sourceRanges ?? [];
    const tags = rule.sourceTags ?? [];
    const accounts = rule.sourceServiceAccounts ?? [];
    // A kind written, even as an empty list, restricts the sources to what the kinds given match.
    if (
      rule.sourceRanges === undefined &&
      rule.sourceTags === undefined &&
      rule.sourceServiceAccounts === undefined
    )
      return null;
    const flat = [...rangesOf(ranges)];
    if (tags.length > 0 || accounts.length > 0) {
      const others: number[] = [];
      for (const { id, address } of this.vms) {
        if (address === undefined) continue;
        if (selects(tags, accounts, id)) flat.push(address, address);
        else others.push(address);
      }
      for (const { id, ranges } of this.implicit)
        if (selects(tags, accounts, id)) flat.push(...withoutAddresses(ranges, others));
    }
    return normalise(flat);
  }
}

/** The GCP compiler (FILTERS.md: GCP rows). */
export function compileGcpFilters(_state: NetworkState, network: Network): NetworkFilters {
  return new GcpNetworkFilters(network);
}

registerFilterCompiler('gcp', compileGcpFilters);
