// Over 400 lines: the reference's filter evaluation for all four providers, kept in one deliberately naive file to read against FILTERS.md.
/**
 * The reference's traffic filters (FILTERS.md; PROVIDERS.md Part II), evaluated naively, rule by
 * rule, straight from the topology's filter objects (packages/model/src/filters/types.ts). Nothing
 * here uses the model's filter compilers or its `FilterProgram`: every verdict is worked out again
 * from the text at every check point.
 *
 * - AWS (AWS-R35..R43): an ENI's verdict in a direction is the OR of every rule of every group on it
 *   (a host without `securityGroups` has `[default]`; `default` is implicit: inbound all from itself,
 *   outbound all); a rule naming a group matches the private addresses of ENIs (and implicit
 *   instances) carrying it in its VPC, never through a forwarding ENI, NAT, transit gateway or tunnel.
 *   A NACL (the subnet's, else the VPC's `default: true` one, else an allow-all default) decides by
 *   its lowest-numbered matching entry, else `*` denies; a packet meets a subnet's NACL each time it
 *   enters or leaves that subnet (AWS-R41), never within it (AWS-R9). A NAT gateway's subnet NACL
 *   sees the packet enter and leave; beyond it the source ports are 1024–65535 (AWS-R42).
 * - Azure (AZ-R25..R31): the NIC's NSG then the subnet's outbound, the subnet's then the NIC's
 *   inbound; each NSG decides by its lowest priority number, the six default rules included; tags
 *   `VirtualNetwork` (own and peered VNets, the subnet table's UDR and gateway prefixes, the host
 *   VIP), `Internet` (public addresses outside them), `AzureLoadBalancer`, `AzureCloud` and the
 *   scenario's `serviceTags`.
 * - GCP (GCP-R25..R30): per VM, the enabled rules of the direction that target it (no target: all),
 *   lowest priority value first, deny before allow on ties, then by name; implied egress allow and
 *   ingress deny last. Source tags and service accounts match VMs (and implicit instances) of the
 *   same network.
 * - OpenStack (OS-R18..R22): per port with port security, the union of its groups' rules (allow
 *   only, else drop); a remote group matches member ports' fixed addresses and pairs and implicit
 *   instances; `default` is the scenario's (OS-R11's rules) unless the network declares one.
 *
 * Flows (FILTERS.md "Flows"): a rule matches when the flow's protocol, destination port and whole
 * source-port range lie inside the rule's; a flow without protocol is matched only by all-protocol
 * rules, without port only by all-port rules. ICMP flows are echo requests (type 8, code 0), their
 * replies type 0. The reply of a delivered request retraces its path through every stateless filter
 * (NACLs, stateless Neutron groups) in reverse, addresses and ports swapped (AWS-R42, OS-R21).
 */
import type {
  FirewallRule,
  FlowProtocol,
  IpProtocol,
  Network,
  NetworkAcl,
  NetworkAclEntry,
  NetworkSecurityGroup,
  NeutronRule,
  NsgRule,
  PortRange,
  SecurityGroup,
  SecurityGroupRule,
} from '@cloudroute/model';
import type { TraceFilterCheck } from '../../src/index.js';
import { isPublic, parseIp, parsePrefix, type Range4 } from './ipv4.js';
import { portAt, subnetAt, type RefPort, type RefSubnet, type World } from './world.js';

/** A flow's protocol and ports (FILTERS.md "Flows"): `port` is this flow's one destination port, if any. */
export interface RefFlow {
  readonly protocol: FlowProtocol;
  readonly port: number | undefined;
  readonly sourcePorts: PortRange;
}

/**
 * One check as `trace` prints it (FILTERS.md "Output"): the output record is the product's
 * (`TraceFilterCheck`, a type only), its `hop` set once more by `trace` when a hop is added after
 * the walk (delivered before any lookup).
 */
export type RefCheck = Omit<TraceFilterCheck, 'hop'> & { hop: number };

/** A packet as a filter sees it. ICMP: `dp` carries the type, `sp` the code. */
interface Pk {
  readonly proto: FlowProtocol;
  readonly src: number;
  readonly dst: number;
  readonly sp: PortRange;
  readonly dp: PortRange;
}

const ALL_PORTS: PortRange = { lo: 0, hi: 65535 };
const NAT_PORTS: PortRange = { lo: 1024, hi: 65535 };

interface Decision {
  readonly allow: boolean;
  readonly object: string;
  readonly rule: string;
}

/** One check point: what it is, and how it decides a packet (request or reply). */
interface Point {
  readonly at: string;
  readonly kind: RefCheck['kind'];
  /** The provider's words for in and out. */
  readonly words: readonly [string, string];
  readonly stateless: boolean;
  decide(pk: Pk, dir: 'in' | 'out'): Decision;
}

/** What a packet carries through the walk for its filters. */
export interface FilterTrack {
  readonly flow: RefFlow;
  readonly checks: RefCheck[];
  /** Checks made at the destination (and their replies): `hop` is `hops.length` once the walk ends. */
  readonly atDestination: Set<RefCheck>;
  /** Set while the destination's inbound filters are checked. */
  delivering: boolean;
  /** Stateless request checks, in order, for the reply. */
  readonly stateless: { point: Point; dir: 'in' | 'out'; pk: Pk; hop: number; request: RefCheck }[];
  /** Current source ports (1024–65535 beyond an AWS NAT gateway). */
  sp: PortRange;
  /** AWS: the subnet the packet is in (NACL crossings), undefined outside any AWS subnet. */
  awsSub: string | undefined;
  /** AWS-R37: an SG reference may still match the source (no middlebox, TGW, tunnel or NAT crossed). */
  direct: boolean;
}

export function newTrack(flow: RefFlow): FilterTrack {
  return {
    flow,
    checks: [],
    atDestination: new Set(),
    delivering: false,
    stateless: [],
    sp: flow.sourcePorts,
    awsSub: undefined,
    direct: true,
  };
}

/** The packet being walked, as far as filters need it. */
export interface Filtered {
  readonly src: number;
  readonly dst: number;
  readonly hops: readonly unknown[];
  readonly filters: FilterTrack;
}

// ---------------------------------------------------------------------------------------------
// Modes and matching helpers
// ---------------------------------------------------------------------------------------------

/** A network's effective mode: its own `firewall`, else the topology's, else `none`. */
export function modeOf(w: World, net: string): 'none' | 'provider-default' | 'rules' {
  return w.networks.get(net)?.firewall ?? w.state.topology.firewall ?? 'none';
}

const inRange = (r: Range4, a: number): boolean => a >= r.lo && a <= r.hi;
const prefixHas = (p: string, a: number): boolean => {
  const r = parsePrefix(p.includes('/') ? p : `${p}/32`);
  return r !== undefined && inRange(r, a);
};
const within = (inner: PortRange, outer: PortRange): boolean => inner.lo >= outer.lo && inner.hi <= outer.hi;

function protoName(p: IpProtocol): IpProtocol {
  return p === 6 ? 'tcp' : p === 17 ? 'udp' : p === 1 ? 'icmp' : p === -1 ? 'all' : p;
}

/** Does a rule protocol (undefined or `all`: any) take the packet's protocol? A flow of any protocol needs an all-protocol rule. */
function protoMatches(rule: IpProtocol | undefined, pk: Pk): boolean {
  const r = rule === undefined ? 'all' : protoName(rule);
  if (r === 'all') return true;
  return pk.proto !== 'any' && r === pk.proto;
}

/** AWS-style ports: tcp/udp a range (absent all), icmp type and code (absent or -1 all), other protocols all ports. */
function awsPortsMatch(
  r: { protocol: IpProtocol; port?: PortRange; icmpType?: number; icmpCode?: number },
  pk: Pk,
): boolean {
  const p = protoName(r.protocol);
  if (p === 'tcp' || p === 'udp') return within(pk.dp, r.port ?? ALL_PORTS);
  if (p === 'icmp') {
    const t = r.icmpType === undefined || r.icmpType === -1 ? ALL_PORTS : { lo: r.icmpType, hi: r.icmpType };
    const c = r.icmpCode === undefined || r.icmpCode === -1 ? ALL_PORTS : { lo: r.icmpCode, hi: r.icmpCode };
    return within(pk.dp, t) && within(pk.sp, c);
  }
  return true;
}

/** The network and name of a `name` or `net/name` reference made from network `home`. */
function ref(home: string, name: string): [string, string] {
  const i = name.indexOf('/');
  return i < 0 ? [home, name] : [name.slice(0, i), name.slice(i + 1)];
}

/** The path of a port as checks name it: `net/host` (AWS, Azure, GCP), `net/host:i` (OpenStack). */
function portName(w: World, port: RefPort): string {
  if (port.owner.provider !== 'openstack') return port.hostPath;
  const i = w.ports.filter((q) => q.hostPath === port.hostPath).indexOf(port);
  return `${port.hostPath}:${Math.max(0, i)}`;
}

/** A host's address, or an address of a subnet that is no host's (an implicit instance). */
type Who = { readonly port: RefPort } | { readonly subnet: RefSubnet };

function whoAt(w: World, net: string, a: number): Who | undefined {
  const port = portAt(w, net, a);
  if (port) return { port };
  const s = subnetAt(w, net, a);
  return s ? { subnet: s } : undefined;
}

const whoSubnet = (w: World, who: Who): RefSubnet | undefined =>
  'port' in who ? w.subnetByPath.get(who.port.subnetPath) : who.subnet;
const whoName = (w: World, who: Who): string => ('port' in who ? portName(w, who.port) : who.subnet.path);

// ---------------------------------------------------------------------------------------------
// AWS
// ---------------------------------------------------------------------------------------------

const IMPLICIT_DEFAULT_SG: SecurityGroup = {
  name: 'default',
  inbound: [{ protocol: 'all', securityGroup: 'default' }],
  outbound: [{ protocol: 'all', cidr: '0.0.0.0/0' }],
};

function awsGroup(w: World, net: string, name: string): SecurityGroup | undefined {
  const g = w.networks.get(net)?.securityGroups?.find((x) => x.name === name);
  return g ?? (name === 'default' ? IMPLICIT_DEFAULT_SG : undefined);
}

/** The groups (as `net/name`) of an AWS ENI or implicit instance. */
function awsGroupsOf(w: World, who: Who): string[] {
  if ('port' in who) {
    const net = who.port.owner.name;
    return (who.port.host.securityGroups ?? ['default']).map((g) => ref(net, g).join('/'));
  }
  const net = who.subnet.network.name;
  return (who.subnet.subnet.defaultHost?.securityGroups ?? ['default']).map((g) => ref(net, g).join('/'));
}

/** AWS-R37: does address `a` belong to an ENI or implicit instance carrying group `net/name`? */
function awsMember(w: World, group: string, a: number): boolean {
  const net = group.slice(0, group.indexOf('/'));
  const who = whoAt(w, net, a);
  if (!who || whoSubnet(w, who)?.network.provider !== 'aws') return false;
  return awsGroupsOf(w, who).includes(group);
}

function sgRuleMatches(
  w: World,
  home: string,
  r: SecurityGroupRule,
  pk: Pk,
  peer: number,
  direct: boolean,
): boolean {
  if (!protoMatches(r.protocol, pk) || !awsPortsMatch(r, pk)) return false;
  if (r.cidr !== undefined) return prefixHas(r.cidr, peer);
  if (r.prefixList !== undefined) {
    const [n, name] = ref(home, r.prefixList);
    const pl = w.networks.get(n)?.prefixLists?.find((x) => x.name === name);
    return (pl?.cidrs ?? []).some((c) => prefixHas(c, peer));
  }
  if (r.securityGroup !== undefined)
    return direct && awsMember(w, ref(home, r.securityGroup).join('/'), peer);
  return false;
}

function awsSgPoint(w: World, who: Who, direct: () => boolean): Point {
  const at = whoName(w, who);
  const groups = awsGroupsOf(w, who);
  return {
    at,
    kind: 'securityGroup',
    words: ['inbound', 'outbound'],
    stateless: false,
    decide(pk, dir) {
      for (const g of groups) {
        const [net, name] = ref('', g);
        const sg = awsGroup(w, net, name);
        if (!sg) continue;
        const rules = dir === 'in' ? (sg.inbound ?? []) : (sg.outbound ?? IMPLICIT_DEFAULT_SG.outbound!);
        const word = dir === 'in' ? 'inbound' : 'outbound';
        for (let i = 0; i < rules.length; i++) {
          const r = rules[i]!;
          // Outbound rules look at the destination; only inbound ones see what the path crossed.
          if (sgRuleMatches(w, net, r, pk, dir === 'in' ? pk.src : pk.dst, dir === 'out' || direct()))
            return { allow: true, object: g, rule: r.name ?? `${word}[${i}]` };
        }
      }
      return { allow: false, object: at, rule: 'implicit-deny' };
    },
  };
}

/** AWS-R40: the subnet's NACL: its own, the VPC's default, else an allow-all default. */
function awsNacl(s: RefSubnet): { object: string; acl: NetworkAcl | undefined } {
  const net = s.network;
  const name = s.subnet.networkAcl;
  const acl =
    name !== undefined
      ? net.networkAcls?.find((a) => a.name === name)
      : net.networkAcls?.find((a) => a.default === true);
  return { object: `${net.name}/${acl?.name ?? 'default'}`, acl };
}

const ALLOW_ALL_ENTRY: NetworkAclEntry = {
  ruleNumber: 100,
  protocol: 'all',
  cidr: '0.0.0.0/0',
  action: 'allow',
};

function awsNaclPoint(s: RefSubnet): Point {
  const { object, acl } = awsNacl(s);
  return {
    at: s.path,
    kind: 'networkAcl',
    words: ['inbound', 'outbound'],
    stateless: true,
    decide(pk, dir) {
      const entries = acl ? (dir === 'in' ? acl.inbound : acl.outbound) : [ALLOW_ALL_ENTRY];
      const sorted = [...entries].sort((a, b) => a.ruleNumber - b.ruleNumber);
      for (const e of sorted) {
        if (!protoMatches(e.protocol, pk) || !awsPortsMatch(e, pk)) continue;
        if (!prefixHas(e.cidr, dir === 'in' ? pk.src : pk.dst)) continue;
        return { allow: e.action === 'allow', object, rule: String(e.ruleNumber) };
      }
      return { allow: false, object, rule: '*' };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Azure
// ---------------------------------------------------------------------------------------------

const AZURE_LB = parsePrefix('168.63.129.16/32')!;

function azureNsg(
  w: World,
  home: string,
  name: string,
): { object: string; nsg: NetworkSecurityGroup | undefined } {
  const [net, n] = ref(home, name);
  return {
    object: `${net}/${n}`,
    nsg: w.networks.get(net)?.networkSecurityGroups?.find((x) => x.name === n),
  };
}

/** Own and peered VNet ranges of an Azure network. */
function vnetRanges(w: World, net: Network): Range4[] {
  const names = new Set([net.name]);
  for (const p of w.state.topology.peerings)
    if (p.between.includes(net.name))
      for (const x of p.between) if (w.networks.get(x)?.provider === 'azure') names.add(x);
  const out: Range4[] = [];
  for (const n of names) for (const c of w.networks.get(n)?.cidrs ?? []) out.push(parsePrefix(c)!);
  return out;
}

/** AZ-R30: the `VirtualNetwork` tag as seen from subnet `s`. */
function virtualNetwork(w: World, s: RefSubnet): Range4[] {
  const out = vnetRanges(w, s.network);
  out.push(AZURE_LB);
  if (w.state.profile.azure.virtualNetworkTagIncludesRoutes) {
    const t = w.tables.get(s.path);
    for (const r of t?.table.routes ?? [])
      if (r.source === 'User' || r.source === 'VirtualNetworkGateway') {
        const p = parsePrefix(r.prefix);
        if (p) out.push(p);
      }
  }
  return out;
}

/** The address set of one NSG source or destination item, seen from subnet `s`. */
function azureItem(w: World, s: RefSubnet, item: string): (a: number) => boolean {
  if (item === '*' || item === 'Any' || item === '0.0.0.0/0') return () => true;
  if (item === 'VirtualNetwork') {
    const rs = virtualNetwork(w, s);
    return (a) => rs.some((r) => inRange(r, a));
  }
  if (item === 'Internet') {
    const own = vnetRanges(w, s.network);
    return (a) => isPublic(a) && !own.some((r) => inRange(r, a));
  }
  if (item === 'AzureLoadBalancer') return (a) => inRange(AZURE_LB, a);
  const tags = w.state.topology.serviceTags ?? {};
  if (item === 'AzureCloud') {
    const all = Object.values(tags).flat();
    return (a) => all.some((p) => prefixHas(p, a));
  }
  if (tags[item] !== undefined) return (a) => tags[item]!.some((p) => prefixHas(p, a));
  if (parseIp(item.split('/')[0]!) !== undefined) return (a) => prefixHas(item, a);
  return () => false;
}

function azureDefaults(dir: 'in' | 'out'): NsgRule[] {
  const any = [ALL_PORTS];
  const rule = (
    name: string,
    priority: number,
    access: 'Allow' | 'Deny',
    source: string,
    destination: string,
  ): NsgRule => ({
    name,
    priority,
    direction: dir === 'in' ? 'Inbound' : 'Outbound',
    access,
    protocol: '*',
    source: [source],
    destination: [destination],
    sourcePorts: any,
    destinationPorts: any,
  });
  return dir === 'in'
    ? [
        rule('AllowVnetInBound', 65000, 'Allow', 'VirtualNetwork', 'VirtualNetwork'),
        rule('AllowAzureLoadBalancerInBound', 65001, 'Allow', 'AzureLoadBalancer', '*'),
        rule('DenyAllInBound', 65500, 'Deny', '*', '*'),
      ]
    : [
        rule('AllowVnetOutBound', 65000, 'Allow', 'VirtualNetwork', 'VirtualNetwork'),
        rule('AllowInternetOutBound', 65001, 'Allow', '*', 'Internet'),
        rule('DenyAllOutBound', 65500, 'Deny', '*', '*'),
      ];
}

function nsgProtoMatches(p: NsgRule['protocol'], pk: Pk): boolean {
  if (p === '*') return true;
  if (pk.proto === 'any') return false;
  return p.toLowerCase() === pk.proto;
}

/** One NSG at subnet `s` (the subnet's, or the NIC's in it). */
function azureNsgPoint(w: World, at: string, s: RefSubnet, object: string, nsg: NetworkSecurityGroup): Point {
  return {
    at,
    kind: 'networkSecurityGroup',
    words: ['Inbound', 'Outbound'],
    stateless: false,
    decide(pk, dir) {
      const want = dir === 'in' ? 'Inbound' : 'Outbound';
      const rules = [...nsg.securityRules.filter((r) => r.direction === want), ...azureDefaults(dir)].sort(
        (a, b) => a.priority - b.priority,
      );
      for (const r of rules) {
        if (!nsgProtoMatches(r.protocol, pk)) continue;
        // Ports apply to TCP and UDP; an ICMP packet has none.
        if (pk.proto !== 'icmp') {
          if (!r.sourcePorts.some((x) => within(pk.sp, x))) continue;
          if (!r.destinationPorts.some((x) => within(pk.dp, x))) continue;
        }
        if (!r.source.some((x) => azureItem(w, s, x)(pk.src))) continue;
        if (!r.destination.some((x) => azureItem(w, s, x)(pk.dst))) continue;
        return { allow: r.access === 'Allow', object, rule: r.name };
      }
      return { allow: false, object, rule: dir === 'in' ? 'DenyAllInBound' : 'DenyAllOutBound' };
    },
  };
}

/** AZ-R25: the NIC's and the subnet's NSG points of a host or implicit instance (each undefined when none). */
function azurePoints(w: World, who: Who): { nic?: Point; subnet?: Point } {
  const s = whoSubnet(w, who);
  if (!s) return {};
  const home = s.network.name;
  const nicName =
    'port' in who ? who.port.host.networkSecurityGroup : who.subnet.subnet.defaultHost?.networkSecurityGroup;
  const out: { nic?: Point; subnet?: Point } = {};
  if (nicName !== undefined) {
    const home2 = 'port' in who ? who.port.owner.name : home;
    const { object, nsg } = azureNsg(w, home2, nicName);
    if (nsg) out.nic = azureNsgPoint(w, whoName(w, who), s, object, nsg);
  }
  if (s.subnet.networkSecurityGroup !== undefined) {
    const { object, nsg } = azureNsg(w, home, s.subnet.networkSecurityGroup);
    if (nsg) out.subnet = azureNsgPoint(w, s.path, s, object, nsg);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// GCP
// ---------------------------------------------------------------------------------------------

function gcpIdentity(w: World, who: Who): { tags: readonly string[]; sa: string } {
  if ('port' in who) return { tags: who.port.host.tags ?? [], sa: who.port.host.serviceAccount ?? 'default' };
  const d = who.subnet.subnet.defaultHost;
  return { tags: d?.tags ?? [], sa: d?.serviceAccount ?? 'default' };
}

function gcpEntriesMatch(list: FirewallRule['allow'], pk: Pk): boolean {
  return (list ?? []).some((e) => {
    if (!protoMatches(e.protocol, pk)) return false;
    const p = protoName(e.protocol);
    if ((p === 'tcp' || p === 'udp') && e.ports !== undefined) return e.ports.some((r) => within(pk.dp, r));
    return true;
  });
}

function gcpPoint(w: World, net: Network, who: Who): Point {
  const me = gcpIdentity(w, who);
  const at = whoName(w, who);
  const srcIdentity = (a: number): { tags: readonly string[]; sa: string } | undefined => {
    const x = whoAt(w, net.name, a);
    return x ? gcpIdentity(w, x) : undefined;
  };
  return {
    at,
    kind: 'firewallRule',
    words: ['INGRESS', 'EGRESS'],
    stateless: false,
    decide(pk, dir) {
      const want = dir === 'in' ? 'INGRESS' : 'EGRESS';
      const rules = (net.firewallRules ?? [])
        .filter((r) => r.disabled !== true && (r.direction ?? 'INGRESS') === want)
        .filter((r) => {
          const tt = r.targetTags ?? [];
          const ts = r.targetServiceAccounts ?? [];
          if (tt.length === 0 && ts.length === 0) return true;
          return tt.some((t) => me.tags.includes(t)) || ts.includes(me.sa);
        })
        .sort(
          (a, b) =>
            (a.priority ?? 1000) - (b.priority ?? 1000) ||
            (a.deny ? 0 : 1) - (b.deny ? 0 : 1) ||
            (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
        );
      for (const r of rules) {
        if (!gcpEntriesMatch(r.deny ?? r.allow, pk)) continue;
        const sr = r.sourceRanges;
        const st = r.sourceTags;
        const ss = r.sourceServiceAccounts;
        if (sr !== undefined || st !== undefined || ss !== undefined) {
          const id = srcIdentity(pk.src);
          const ok =
            (sr ?? []).some((p) => prefixHas(p, pk.src)) ||
            (id !== undefined && ((st ?? []).some((t) => id.tags.includes(t)) || (ss ?? []).includes(id.sa)));
          if (!ok) continue;
        }
        if (r.destinationRanges !== undefined && !r.destinationRanges.some((p) => prefixHas(p, pk.dst)))
          continue;
        return { allow: r.deny === undefined, object: net.name, rule: r.name };
      }
      return dir === 'in'
        ? { allow: false, object: net.name, rule: 'implied-deny-ingress' }
        : { allow: true, object: net.name, rule: 'implied-allow-egress' };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// OpenStack
// ---------------------------------------------------------------------------------------------

/** OS-R11 / OS-R23: the scenario's implicit `default` group. */
const OS_DEFAULT: SecurityGroup = {
  name: 'default',
  stateful: true,
  rules: [
    { direction: 'ingress', ethertype: 'IPv4', remoteGroup: 'default' },
    { direction: 'egress', ethertype: 'IPv4' },
  ],
};

/** A Neutron group by reference from network `home`: its identity (`net/name`, or `default` for the implicit one) and object. */
function osGroup(w: World, home: string, name: string): { id: string; group: SecurityGroup } | undefined {
  const [net, n] = ref(home, name);
  const g = w.networks.get(net)?.securityGroups?.find((x) => x.name === n);
  if (g) return { id: `${net}/${n}`, group: g };
  return n === 'default' ? { id: 'default', group: OS_DEFAULT } : undefined;
}

/** The groups of an OpenStack port with port security, or of an implicit instance. */
function osGroupsOf(w: World, who: Who): { id: string; group: SecurityGroup }[] {
  const home = 'port' in who ? who.port.owner.name : who.subnet.network.name;
  const names =
    'port' in who ? who.port.groups : (who.subnet.subnet.defaultHost?.securityGroups ?? ['default']);
  return names.flatMap((g) => osGroup(w, home, g) ?? []);
}

/** OS-R20: is `a` an address of a member of group `id` (fixed IPs and pairs of its ports, implicit instances)? */
function osMember(w: World, id: string, a: number): boolean {
  for (const p of w.ports)
    if (
      p.security &&
      (p.ip === a || p.pairs.some((r) => inRange(r, a))) &&
      osGroupsOf(w, { port: p }).some((g) => g.id === id)
    )
      return true;
  for (const s of w.subnets)
    if (
      s.network.provider === 'openstack' &&
      s.ranges.some((r) => inRange(r, a)) &&
      !w.ports.some((p) => p.network === s.network.name && p.ip === a) &&
      osGroupsOf(w, { subnet: s }).some((g) => g.id === id)
    )
      return true;
  return false;
}

function neutronMatches(w: World, home: string, r: NeutronRule, pk: Pk, dir: 'in' | 'out'): boolean {
  if (r.direction !== (dir === 'in' ? 'ingress' : 'egress')) return false;
  if (r.ethertype === 'IPv6') return false;
  if (!protoMatches(r.protocol, pk)) return false;
  const p = r.protocol === undefined ? 'all' : protoName(r.protocol);
  if ((p === 'tcp' || p === 'udp') && r.portRangeMin !== undefined)
    if (!within(pk.dp, { lo: r.portRangeMin, hi: r.portRangeMax ?? r.portRangeMin })) return false;
  if (p === 'icmp') {
    if (r.portRangeMin !== undefined && !within(pk.dp, { lo: r.portRangeMin, hi: r.portRangeMin }))
      return false;
    if (r.portRangeMax !== undefined && !within(pk.sp, { lo: r.portRangeMax, hi: r.portRangeMax }))
      return false;
  }
  const peer = dir === 'in' ? pk.src : pk.dst;
  if (r.remoteIpPrefix !== undefined) return prefixHas(r.remoteIpPrefix, peer);
  if (r.remoteGroup !== undefined) {
    const g = osGroup(w, home, r.remoteGroup);
    return g !== undefined && osMember(w, g.id, peer);
  }
  return true;
}

function osPoint(w: World, who: Who): Point {
  const at = whoName(w, who);
  const groups = osGroupsOf(w, who);
  const home = 'port' in who ? who.port.owner.name : who.subnet.network.name;
  const objectOf = (id: string): string => (id === 'default' ? `${home}/default` : id);
  return {
    at,
    kind: 'securityGroup',
    words: ['ingress', 'egress'],
    stateless: groups.some((g) => g.group.stateful === false),
    decide(pk, dir) {
      const word = dir === 'in' ? 'ingress' : 'egress';
      for (const { id, group } of groups) {
        const gHome = id === 'default' ? home : id.slice(0, id.indexOf('/'));
        // Rules are named by their place among the group's rules of that direction.
        const rules = (group.rules ?? []).filter((r) => r.direction === word);
        for (let i = 0; i < rules.length; i++)
          if (neutronMatches(w, gHome, rules[i]!, pk, dir))
            return { allow: true, object: objectOf(id), rule: `${word}[${i}]` };
      }
      return { allow: false, object: at, rule: 'implicit-deny' };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Check points along the walk
// ---------------------------------------------------------------------------------------------

function request(p: Filtered): Pk {
  const f = p.filters.flow;
  const icmp = f.protocol === 'icmp';
  return {
    proto: f.protocol,
    src: p.src,
    dst: p.dst,
    sp: icmp ? { lo: 0, hi: 0 } : p.filters.sp,
    dp: icmp ? { lo: 8, hi: 8 } : f.port !== undefined ? { lo: f.port, hi: f.port } : ALL_PORTS,
  };
}

/** What `point` decides of packet `pk` in direction `dir`, as the check `trace` prints. */
function decided(point: Point, pk: Pk, dir: 'in' | 'out', phase: RefCheck['phase'], hop: number): RefCheck {
  const d = point.decide(pk, dir);
  return {
    hop,
    at: point.at,
    object: d.object,
    kind: point.kind,
    direction: point.words[dir === 'in' ? 0 : 1],
    phase,
    action: d.allow ? 'allow' : 'deny',
    rule: d.rule,
  };
}

/** Checks one point on the request; `firewall` when it denies. */
function check(p: Filtered, point: Point | undefined, dir: 'in' | 'out'): 'firewall' | undefined {
  if (!point) return undefined;
  const pk = request(p);
  const hop = p.hops.length;
  const c = decided(point, pk, dir, 'request', hop);
  p.filters.checks.push(c);
  if (p.filters.delivering) p.filters.atDestination.add(c);
  if (c.action === 'deny') return 'firewall';
  if (point.stateless) p.filters.stateless.push({ point, dir, pk, hop, request: c });
  return undefined;
}

const first = (...xs: (() => 'firewall' | undefined)[]): 'firewall' | undefined => {
  for (const x of xs) {
    const r = x();
    if (r) return r;
  }
  return undefined;
};

/** The network of a host or implicit instance, and whether it filters by rules. */
function ruled(w: World, who: Who): Network | undefined {
  const s = whoSubnet(w, who);
  const net = 'port' in who ? w.networks.get(who.port.network) : s?.network;
  return net && modeOf(w, net.name) === 'rules' ? net : undefined;
}

/** AWS-R41: the packet moves to AWS subnet `to` (undefined: out of every AWS subnet). */
export function awsMove(w: World, p: Filtered, to: string | undefined): 'firewall' | undefined {
  const t = p.filters;
  if (t.awsSub === to) return undefined;
  const from = t.awsSub !== undefined ? w.subnetByPath.get(t.awsSub) : undefined;
  const into = to !== undefined ? w.subnetByPath.get(to) : undefined;
  t.awsSub = into?.network.provider === 'aws' ? to : undefined;
  return first(
    () =>
      from && modeOf(w, from.network.name) === 'rules' ? check(p, awsNaclPoint(from), 'out') : undefined,
    () =>
      into && into.network.provider === 'aws' && modeOf(w, into.network.name) === 'rules'
        ? check(p, awsNaclPoint(into), 'in')
        : undefined,
  );
}

/**
 * The filters of a host (`port`) or an implicit instance of `subnet` in direction `dir`: AWS its
 * groups, Azure NIC then subnet NSG outbound and subnet then NIC inbound (AZ-R28), GCP its rules,
 * Neutron its port's groups.
 */
function ownFilters(w: World, p: Filtered, who: Who, dir: 'in' | 'out'): 'firewall' | undefined {
  const net = ruled(w, who);
  if (!net) return undefined;
  switch (net.provider) {
    case 'aws':
      return check(
        p,
        awsSgPoint(w, who, () => p.filters.direct),
        dir,
      );
    case 'azure': {
      const { nic, subnet } = azurePoints(w, who);
      const order = dir === 'out' ? [nic, subnet] : [subnet, nic];
      return first(...order.map((point) => () => check(p, point, dir)));
    }
    case 'gcp':
      return check(p, gcpPoint(w, net, who), dir);
    case 'openstack':
      return check(p, osPoint(w, who), dir);
  }
}

/** The packet leaves a host (`port`) or an implicit instance of `subnet`: its outbound filters. */
export function egress(w: World, p: Filtered, who: Who): 'firewall' | undefined {
  return ownFilters(w, p, who, 'out');
}

/** The packet arrives at a host (`port`) or an implicit instance of `subnet`: its inbound filters. */
export function ingress(w: World, p: Filtered, who: Who): 'firewall' | undefined {
  const s = whoSubnet(w, who);
  const moved = s?.network.provider === 'aws' ? awsMove(w, p, s.path) : undefined;
  return moved ?? ownFilters(w, p, who, 'in');
}

/** The destination's inbound filters when the packet is delivered in network `net`. */
export function deliverTo(w: World, p: Filtered, net: string): 'firewall' | undefined {
  const who = whoAt(w, net, p.dst);
  return who ? delivering(p, () => ingress(w, p, who)) : undefined;
}

/** Runs the destination's checks (their `hop` is the destination's, see `atDestination`). */
export function delivering<T>(p: Filtered, f: () => T): T {
  p.filters.delivering = true;
  try {
    return f();
  } finally {
    p.filters.delivering = false;
  }
}

export function portWho(port: RefPort): Who {
  return { port };
}

export function subnetWho(w: World, path: string): Who | undefined {
  const s = w.subnetByPath.get(path);
  return s ? { subnet: s } : undefined;
}

/** The source of a walk: its host, else the implicit instance of its subnet. */
export function sourceWho(w: World, subnet: string, port: RefPort | undefined): Who | undefined {
  return port ? { port } : subnetWho(w, subnet);
}

/** AWS-R16 / AWS-R42: an AWS NAT gateway in `subnet` takes the packet: its subnet's NACL in, then new source ports. */
export function throughNat(w: World, p: Filtered, subnet: string): 'firewall' | undefined {
  const r = awsMove(w, p, subnet);
  if (r) return r;
  p.filters.sp = NAT_PORTS;
  p.filters.direct = false;
  return undefined;
}

/** The request arrived: its reply retraces every stateless filter, reversed (AWS-R42, OS-R21). */
export function replies(p: Filtered): 'firewall' | undefined {
  const t = p.filters;
  for (let i = t.stateless.length - 1; i >= 0; i--) {
    const { point, dir, pk, hop, request } = t.stateless[i]!;
    const back: Pk =
      pk.proto === 'icmp'
        ? { proto: 'icmp', src: pk.dst, dst: pk.src, sp: { lo: 0, hi: 0 }, dp: { lo: 0, hi: 0 } }
        : { proto: pk.proto, src: pk.dst, dst: pk.src, sp: pk.dp, dp: pk.sp };
    const c = decided(point, back, dir === 'in' ? 'out' : 'in', 'reply', hop);
    t.checks.push(c);
    if (t.atDestination.has(request)) t.atDestination.add(c);
    if (c.action === 'deny') return 'firewall';
  }
  return undefined;
}

/** A flow's protocol and ports: the group's fields for flow `k` of the group, or a trace's options. */
export function flowOf(
  profileSourcePorts: PortRange,
  o: {
    readonly protocol?: FlowProtocol;
    readonly port?: PortRange;
    readonly sourcePorts?: PortRange;
  },
  k: number,
): RefFlow {
  const port = o.port !== undefined ? o.port.lo + (k % (o.port.hi - o.port.lo + 1)) : undefined;
  return { protocol: o.protocol ?? 'any', port, sourcePorts: o.sourcePorts ?? profileSourcePorts };
}

export type { Who };
