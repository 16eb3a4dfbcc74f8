/**
 * Azure network security groups compiled into {@link FilterProgram}s (PROVIDERS.md 2.5,
 * FILTERS.md), once per state for a network whose `firewall` is `rules`:
 *
 * - `subnet(net, subnet, dir)`: the subnet's NSG; `host(net, host, 0, dir)`: the NIC's NSG;
 *   `defaultHost(net, subnet, dir)`: `defaultHost.networkSecurityGroup`, else nothing (AZ-R25: a
 *   subnet's implicit instances have no NIC NSG, and no NSG allows all). `net/nsg` references
 *   reach another VNet's NSG.
 * - Entries (AZ-R26, AZ-R27): the custom rules of the direction by priority, then the six default
 *   rules; the first match decides. Stateful (AZ-R29). Direction words `Inbound`/`Outbound`.
 * - A rule's source and destination are both matched; service tags resolve per subnet
 *   (`VirtualNetwork` depends on the subnet's routes, AZ-R30), so an NSG is compiled once per
 *   direction for the view of a subnet without a route table, and once more for each subnet whose
 *   table has routes or disables gateway route propagation.
 * - Ports: a rule's ranges are merged (a packet's range lies inside a rule's list iff it lies
 *   inside one merged range), then one entry per (source range × destination range), all with
 *   the rule's name and access: consecutive, so first-match is exact. Ports apply to TCP and UDP
 *   only: ICMP has none, so a `*` rule with port lists still matches every ICMP packet.
 */
import type { NetworkState } from '../state.js';
import type { Network, NetworkSecurityGroup, NsgProtocol, NsgRule, Subnet } from '../topology.js';
import { registerFilterCompiler, type NetworkFilters } from '../filters/compile.js';
import type { FilterEntry, FilterProgram } from '../filters/program.js';
import { ANY_PROTOCOL, PROTO_ICMP, PROTO_TCP, PROTO_UDP } from '../filters/program.js';
import { filterEntry, mergePorts, union, type AddressRanges } from '../filters/address-ranges.js';
import { splitPath, topologyIndex } from '../internal/topology-index.js';
import { azureServiceTagDeps, azureServiceTagRanges } from './service-tags.js';
import { azurePropagates, azureRouteTableOf } from './subnet-table.js';

const ALL = [{ lo: 0, hi: 65535 }];

/** AZ-R27: the six default rules, as exported (names, priorities, sources and destinations). */
export const AZURE_DEFAULT_NSG_RULES: readonly NsgRule[] = [
  defaultRule('AllowVnetInBound', 65000, 'Inbound', 'Allow', 'VirtualNetwork', 'VirtualNetwork'),
  defaultRule('AllowAzureLoadBalancerInBound', 65001, 'Inbound', 'Allow', 'AzureLoadBalancer', '0.0.0.0/0'),
  defaultRule('DenyAllInBound', 65500, 'Inbound', 'Deny', '*', '*'),
  defaultRule('AllowVnetOutBound', 65000, 'Outbound', 'Allow', 'VirtualNetwork', 'VirtualNetwork'),
  defaultRule('AllowInternetOutBound', 65001, 'Outbound', 'Allow', '0.0.0.0/0', 'Internet'),
  defaultRule('DenyAllOutBound', 65500, 'Outbound', 'Deny', '*', '*'),
];

function defaultRule(
  name: string,
  priority: number,
  direction: 'Inbound' | 'Outbound',
  access: 'Allow' | 'Deny',
  source: string,
  destination: string,
): NsgRule {
  return {
    name,
    priority,
    direction,
    access,
    protocol: '*',
    source: [source],
    destination: [destination],
    sourcePorts: ALL,
    destinationPorts: ALL,
  };
}

/** AZ-R26: Tcp 6, Udp 17, Icmp 1, Esp 50, Ah 51, `*` every protocol. */
export function nsgProtocolNumber(p: NsgProtocol): number {
  switch (p) {
    case 'Tcp':
      return PROTO_TCP;
    case 'Udp':
      return PROTO_UDP;
    case 'Icmp':
      return PROTO_ICMP;
    case 'Esp':
      return 50;
    case 'Ah':
      return 51;
    case '*':
      return ANY_PROTOCOL;
  }
}

/** An NSG reference written in `network` (`nsg` or `net/nsg`), resolved with its home network. */
export function azureNsgOf(
  state: NetworkState,
  network: Network,
  ref: string | undefined,
): { readonly path: string; readonly nsg: NetworkSecurityGroup } | undefined {
  if (ref === undefined) return undefined;
  const [netName, name] = splitPath(ref) ?? [network.name, ref];
  const home =
    netName === network.name ? network : topologyIndex(state.topology).networks.get(netName)?.network;
  const nsg = home?.networkSecurityGroups?.find((g) => g.name === name);
  return nsg ? { path: `${netName}/${name}`, nsg } : undefined;
}

/**
 * AZ-R26..R28: the entries of `nsg` in one direction seen from `subnet` of `network`: custom rules
 * by priority, then the defaults (AZ-R27).
 */
export function azureNsgEntries(
  state: NetworkState,
  network: Network,
  subnet: Subnet | undefined,
  object: string,
  nsg: NetworkSecurityGroup,
  direction: 'Inbound' | 'Outbound',
  cache: Map<string, AddressRanges | null | undefined> = new Map(),
): FilterEntry[] {
  const custom = nsg.securityRules
    .filter((r) => r.direction === direction)
    .sort((a, b) => a.priority - b.priority);
  const defaults = AZURE_DEFAULT_NSG_RULES.filter((r) => r.direction === direction);
  const entries: FilterEntry[] = [];
  // A source or destination list's addresses (`null`: any; `undefined`: none), cached by its text.
  const addresses = (list: readonly string[]): AddressRanges | null | undefined => {
    const key = list.join(',');
    if (cache.has(key)) return cache.get(key);
    let u: AddressRanges | null | undefined;
    const sets: AddressRanges[] = [];
    for (const element of list.length > 0 ? list : ['*']) {
      const r = azureServiceTagRanges(state, network, subnet, element);
      if (r === null) {
        u = null;
        break;
      }
      sets.push(r);
    }
    if (u === undefined) {
      const all = union(...sets);
      u =
        all.length === 0 ? undefined : all.length === 2 && all[0] === 0 && all[1] === 0xffffffff ? null : all;
    }
    cache.set(key, u);
    return u;
  };
  for (const rule of [...custom, ...defaults]) {
    const src = addresses(rule.source);
    const dst = addresses(rule.destination);
    if (src === undefined || dst === undefined) continue;
    const protocol = nsgProtocolNumber(rule.protocol);
    // ICMP, ESP and AH carry no ports: the rule's port fields do not narrow them.
    const ported = protocol === ANY_PROTOCOL || protocol === PROTO_TCP || protocol === PROTO_UDP;
    const srcPorts = mergePorts(ported && rule.sourcePorts.length > 0 ? rule.sourcePorts : ALL);
    const dstPorts = mergePorts(ported && rule.destinationPorts.length > 0 ? rule.destinationPorts : ALL);
    const allow = rule.access === 'Allow';
    // An ICMP packet has no ports: a `*` rule's port lists do not narrow it (its type and code ride
    // in the port fields, so it gets an entry of its own, ahead of the ported ones).
    if (protocol === ANY_PROTOCOL && !(isAll(srcPorts) && isAll(dstPorts)))
      entries.push(filterEntry(object, rule.name, allow, PROTO_ICMP, 0, 65535, 0, 65535, src, dst));
    for (const [sLo, sHi] of srcPorts)
      for (const [dLo, dHi] of dstPorts)
        entries.push(filterEntry(object, rule.name, allow, protocol, dLo, dHi, sLo, sHi, src, dst));
  }
  return entries;
}

function isAll(ranges: readonly (readonly [number, number])[]): boolean {
  return ranges.length === 1 && ranges[0]![0] === 0 && ranges[0]![1] === 65535;
}

function compileAzureNetwork(state: NetworkState, network: Network): NetworkFilters {
  const programs = new Map<string, FilterProgram>();
  const caches = new Map<string, Map<string, AddressRanges | null | undefined>>();
  const subnets = new Map(network.subnets.map((s) => [s.name, s]));
  const hosts = new Map(network.hosts.map((h) => [h.name, h]));
  const withRoutes = state.profile.azure.virtualNetworkTagIncludesRoutes;

  /**
   * The subnet whose view of the tags matters (AZ-R30): only one whose table adds UDR prefixes or
   * keeps the gateway's routes out differs from a subnet without a table.
   */
  const viewOf = (subnet: Subnet | undefined): Subnet | undefined => {
    const table = subnet && withRoutes ? azureRouteTableOf(network, subnet) : undefined;
    return table && (table.routes.length > 0 || !azurePropagates(table)) ? subnet : undefined;
  };

  const program = (
    ref: string | undefined,
    subnet: Subnet | undefined,
    dir: 'in' | 'out',
  ): FilterProgram | undefined => {
    const found = azureNsgOf(state, network, ref);
    if (!found) return undefined; // AZ-R25: no NSG allows all
    const view = viewOf(subnet);
    const viewKey = view ? `/${view.name}` : '';
    const key = `${dir} ${found.path} ${viewKey}`;
    let p = programs.get(key);
    if (p) return p;
    let cache = caches.get(viewKey);
    if (!cache) caches.set(viewKey, (cache = new Map<string, AddressRanges | null | undefined>()));
    const direction = dir === 'in' ? 'Inbound' : 'Outbound';
    p = {
      kind: 'networkSecurityGroup',
      direction,
      entries: azureNsgEntries(state, network, view, found.path, found.nsg, direction, cache),
      defaultObject: found.path,
      // DenyAll* matches every packet; the default only mirrors it.
      defaultRule: dir === 'in' ? 'DenyAllInBound' : 'DenyAllOutBound',
      defaultAllow: false,
      stateful: true,
    };
    programs.set(key, p);
    return p;
  };

  return {
    host(hostName, _port, dir) {
      const host = hosts.get(hostName);
      if (!host) return undefined;
      return program(host.networkSecurityGroup, host.subnet ? subnets.get(host.subnet) : undefined, dir);
    },
    defaultHost(subnetName, dir) {
      const subnet = subnets.get(subnetName);
      return subnet ? program(subnet.defaultHost?.networkSecurityGroup, subnet, dir) : undefined;
    },
    subnet(subnetName, dir) {
      const subnet = subnets.get(subnetName);
      return subnet ? program(subnet.networkSecurityGroup, subnet, dir) : undefined;
    },
  };
}

// AZ-R30: tag contents follow the gateway's routes at time t: recompile when they change.
registerFilterCompiler('azure', compileAzureNetwork, azureServiceTagDeps);
