/**
 * Azure inventory → intermediate topology (IMPORTERS.md §2): VNets and subnets, route tables
 * (placed in every VNet whose subnets use them), NICs as hosts, VPN gateways, local network
 * gateways as sites, connections and peerings. Forward references (subnet → route table) are the
 * truth; back-references are read-only duplicates (2.2).
 */
import type {
  DConnection,
  DGateway,
  DHop,
  DNetwork,
  DPeering,
  DRouteTable,
  DSite,
  DSubnet,
  DTopology,
} from '../draft.js';
import { emptyTopology } from '../draft.js';
import { opaqueHop } from '../opaque.js';
import { arr, bool, num, obj, str, type JsonObject } from '../internal/json.js';
import { canonIp, canonPrefix, contains, containsIp, isIpv4Prefix } from '../internal/ip.js';
import type { Warnings } from '../warnings.js';
import { NOT_MODELLED, T, type AzureInventory } from './inventory.js';
import { buildNsgs } from './nsg.js';
import { idKey, lastSegment, parentId, prefixes, ref, resourceGroup, type AzureObject } from './normalize.js';

const HOPS: Readonly<Record<string, DHop['type']>> = {
  virtualappliance: 'VirtualAppliance',
  virtualnetworkgateway: 'VirtualNetworkGateway',
  vnetlocal: 'VnetLocal',
  internet: 'Internet',
  none: 'None',
};
const SKU = /^(Basic|Standard|HighPerformance|UltraPerformance|VpnGw[1-5](AZ)?)$/;

export interface AzureBuildOptions {
  /** Route table key → VNet key, for tables no subnet uses yet (Terraform what-if). */
  readonly tablePlacement?: ReadonlyMap<string, string>;
}

class Ctx {
  readonly nets = new Map<string, DNetwork>();
  readonly subnets = new Map<string, { net: DNetwork; s: DSubnet }>();
  readonly gateways = new Map<string, { net: DNetwork; g: DGateway }>();
  readonly sites = new Map<string, DSite>();
  constructor(
    readonly inv: AzureInventory,
    readonly t: DTopology,
    readonly w: Warnings,
  ) {}
  warn(o: AzureObject, code: Parameters<Warnings['add']>[0], message: string): void {
    this.w.add(code, message, o.file, o.path);
  }
  all(type: string): AzureObject[] {
    return [...this.inv.get(type).values()];
  }
}

function names(o: AzureObject): string[] {
  const name = str(o.o['name']) ?? lastSegment(o.id);
  const rg = resourceGroup(o.id);
  return rg === undefined ? [name] : [name, `${rg}.${name}`];
}

const outId = (o: AzureObject): string => o.outId ?? o.id;
const originOf = (o: AzureObject): { origin?: string } =>
  o.origin !== undefined ? { origin: o.origin } : {};

/** The first IPv4 prefix of a subnet (`addressPrefix` or `addressPrefixes`, either may be null). */
function subnetPrefix(c: Ctx, s: JsonObject, where: AzureObject): string | undefined {
  const all = [
    ...(str(s['addressPrefix']) !== undefined ? [str(s['addressPrefix']) ?? ''] : []),
    ...prefixes(s['addressPrefixes']),
  ]
    .map((p) => canonPrefix(p))
    .filter((p) => p !== undefined);
  const v4 = all.filter(isIpv4Prefix);
  const first = v4[0] ?? all[0];
  if (all.length > 1 && new Set(all).size > 1)
    c.warn(
      where,
      'unsupported',
      `subnet ${str(s['name']) ?? '?'} has several prefixes (${[...new Set(all)].join(', ')}) — imported with ${first ?? '?'} only`,
    );
  return first;
}

function addSubnet(
  c: Ctx,
  net: DNetwork,
  s: JsonObject,
  where: AzureObject,
  origin?: string,
  out?: string,
): void {
  const name = str(s['name']);
  const id = str(s['id']) ?? (name !== undefined ? `${net.key}/subnets/${name}` : undefined);
  if (id === undefined) return;
  const key = idKey(id);
  if (c.subnets.has(key)) return;
  const cidr = subnetPrefix(c, s, where);
  if (cidr === undefined) {
    c.warn(where, 'malformed', `subnet ${name ?? id} has no address prefix — skipped`);
    return;
  }
  if (!net.cidrs.some((x) => contains(x, cidr))) {
    c.warn(
      where,
      'malformed',
      `subnet ${name ?? id} (${cidr}) is outside the address space of ${net.names[0] ?? net.key} — skipped`,
    );
    return;
  }
  const rt = ref(s['routeTable']);
  const nsg = ref(s['networkSecurityGroup']);
  const doa = bool(s['defaultOutboundAccess']);
  const sub: DSubnet = {
    key,
    id: out ?? id,
    names: [name ?? lastSegment(id)],
    cidr,
    ...(rt !== undefined ? { routeTable: idKey(rt) } : {}),
    // AZ-R25: the subnet's NSG (the NSG's own `subnets[]` is a read-only copy).
    ...(nsg !== undefined ? { networkSecurityGroup: idKey(nsg) } : {}),
    ...(doa !== undefined ? { defaultOutboundAccess: doa } : {}),
    ...(origin !== undefined ? { origin } : {}),
    ...(str(s['$association']) !== undefined ? { associationOrigin: str(s['$association']) ?? '' } : {}),
  };
  net.subnets.push(sub);
  c.subnets.set(key, { net, s: sub });
}

function buildVnets(c: Ctx): void {
  for (const v of c.all(T.vnet)) {
    const cidrs = [
      ...new Set(
        prefixes(obj(v.o['addressSpace'])?.['addressPrefixes'])
          .map((p) => canonPrefix(p))
          .filter((p) => p !== undefined),
      ),
    ];
    if (cidrs.length === 0) {
      c.warn(v, 'malformed', `virtual network ${str(v.o['name']) ?? v.id} has no address space — skipped`);
      continue;
    }
    const net: DNetwork = {
      key: idKey(v.id),
      id: outId(v),
      names: names(v),
      provider: 'azure',
      cidrs,
      subnets: [],
      routeTables: [],
      hosts: [],
      gateways: [],
      ...originOf(v),
    };
    c.nets.set(net.key, net);
    c.t.networks.push(net);
    arr(v.o['subnets']).forEach((x) => {
      const s = obj(x);
      if (s !== undefined) addSubnet(c, net, s, v);
    });
  }
  for (const s of c.all(T.subnet)) {
    const parent = parentId(s.id, 'subnets');
    const net = parent === undefined ? undefined : c.nets.get(idKey(parent));
    if (net === undefined) {
      c.warn(s, 'missing-reference', `subnet ${s.id}: its virtual network is not in the input — skipped`);
      continue;
    }
    addSubnet(c, net, s.o, s, s.origin, s.outId);
  }
}

function readRoute(c: Ctx, r: JsonObject, table: DRouteTable, where: AzureObject, origin?: string): void {
  const name = str(r['name']);
  const prefixText = str(r['addressPrefix']);
  const prefix = canonPrefix(prefixText);
  if (prefix === undefined) {
    // IMPORTERS.md 2.4: a service tag (`AzureMonitor`) instead of a CIDR.
    c.warn(
      where,
      'unsupported',
      `route ${name ?? '?'} to ${prefixText ?? '(none)'}: service-tag destinations are not modelled — skipped`,
    );
    return;
  }
  const typeText = str(r['nextHopType']) ?? '';
  const type = HOPS[typeText.toLowerCase()];
  let hop: DHop | undefined;
  if (type === 'VirtualAppliance') {
    const ip = canonIp(str(r['nextHopIpAddress']) ?? str(arr(obj(r['nextHop'])?.['nextHopIpAddresses'])[0]));
    if (ip === undefined)
      c.warn(
        where,
        'malformed',
        `route ${name ?? prefix} → VirtualAppliance without a next-hop address — skipped`,
      );
    else hop = { type, ip };
  } else if (type !== undefined) hop = { type } as DHop;
  else if (typeText === '')
    c.warn(where, 'unsupported', `route ${name ?? prefix}: next hop type (none) is not modelled — skipped`);
  else {
    // DESIGN.md "Unknown": a next hop type cloudroute does not model (VirtualHub, a route server …)
    // stays as an opaque next hop with its kind and provider id, never dropped silently.
    const kind = typeText.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
    const id = str(r['nextHopIpAddress']) ?? str(r['id']) ?? `${where.id}/routes/${name ?? prefix}`;
    hop = opaqueHop(c, kind, id, (m) => c.warn(where, 'unsupported', `route ${name ?? prefix}: ${m}`));
  }
  if (hop === undefined) return;
  if (table.routes.some((x) => x.prefix === prefix)) {
    c.warn(
      where,
      'malformed',
      `route table ${table.names[0] ?? table.key} has two routes for ${prefix} — kept the first`,
    );
    return;
  }
  table.routes.push({
    prefix,
    hop,
    ...(name !== undefined ? { name } : {}),
    ...(origin !== undefined ? { origin } : {}),
  });
}

function buildRouteTables(c: Ctx, options: AzureBuildOptions): void {
  const routesOf = new Map<string, AzureObject[]>();
  for (const r of c.all(T.route)) {
    const parent = parentId(r.id, 'routes');
    if (parent !== undefined) routesOf.set(idKey(parent), [...(routesOf.get(idKey(parent)) ?? []), r]);
  }
  const users = new Map<string, DNetwork[]>();
  for (const { net, s } of c.subnets.values())
    if (s.routeTable !== undefined && !(users.get(s.routeTable) ?? []).includes(net))
      users.set(s.routeTable, [...(users.get(s.routeTable) ?? []), net]);
  const placed = new Set<string>();
  for (const rt of c.all(T.routeTable)) {
    const key = idKey(rt.id);
    const hint = options.tablePlacement?.get(key);
    const nets =
      users.get(key) ?? (hint !== undefined && c.nets.has(hint) ? [c.nets.get(hint) as DNetwork] : []);
    if (nets.length === 0) {
      c.warn(
        rt,
        'unsupported',
        `route table ${str(rt.o['name']) ?? rt.id} is associated with no subnet of the imported networks — skipped`,
      );
      continue;
    }
    nets.forEach((net, i) => {
      // A table serves subnets of several VNets: one copy per VNet (scenario tables belong to a network).
      const tkey = i === 0 ? key : `${key}@${net.key}`;
      const disabled = bool(rt.o['disableBgpRoutePropagation']);
      const table: DRouteTable = {
        key: tkey,
        id: outId(rt),
        names: names(rt),
        routes: [],
        ...(disabled === true ? { propagate: false } : {}),
        ...originOf(rt),
      };
      arr(rt.o['routes']).forEach((x) => {
        const r = obj(x);
        if (r !== undefined) readRoute(c, r, table, rt);
      });
      for (const r of routesOf.get(key) ?? []) readRoute(c, r.o, table, r, r.origin);
      net.routeTables.push(table);
      if (i > 0) for (const s of net.subnets) if (s.routeTable === key) s.routeTable = tkey;
    });
    placed.add(key);
  }
  for (const { net, s } of c.subnets.values())
    if (
      s.routeTable !== undefined &&
      !placed.has(s.routeTable) &&
      !net.routeTables.some((t) => t.key === s.routeTable)
    ) {
      c.w.note(
        'missing-reference',
        `subnet ${s.names[0] ?? s.key} uses route table ${lastSegment(s.routeTable)}, which is not in the input — imported without it`,
      );
      delete s.routeTable;
    }
}

/** A VM's network interfaces (`networkProfile.networkInterfaces[].id`, `az vm list` and ARM). */
function vmNics(vm: AzureObject): string[] {
  return arr(obj(vm.o['networkProfile'])?.['networkInterfaces'])
    .map((n) => ref(n))
    .filter((id) => id !== undefined)
    .map(idKey);
}

/**
 * VMs are imported as hosts through their NICs (a VM's address is its NIC's). A VM none of whose
 * NICs became a host is reported, by file: what was recognised and what to export instead.
 */
function reportVms(c: Ctx, hostNics: ReadonlySet<string>): void {
  const byFile = new Map<string, { missing: string[]; unusable: string[]; first: AzureObject }>();
  for (const vm of c.all(T.vm)) {
    const nics = vmNics(vm);
    if (nics.some((n) => hostNics.has(n))) continue;
    const e = byFile.get(vm.file) ?? { missing: [], unusable: [], first: vm };
    byFile.set(vm.file, e);
    const name = str(vm.o['name']) ?? lastSegment(vm.id);
    (nics.some((n) => c.inv.get(T.nic).has(n)) ? e.unusable : e.missing).push(name);
  }
  const list = (xs: string[]): string =>
    xs.length > 5 ? `${xs.slice(0, 5).join(', ')} and ${xs.length - 5} more` : xs.join(', ');
  for (const [file, e] of byFile) {
    if (e.missing.length > 0)
      c.w.add(
        'missing-reference',
        `${e.missing.length} virtual machine${e.missing.length === 1 ? '' : 's'} (Microsoft.Compute/virtualMachines: ${list(e.missing)}) not imported: a VM's address is on its network interface, which is not in the input — add \`az network nic list\` output (or the NICs' ARM JSON) and their virtual networks to import them as hosts`,
        file,
      );
    if (e.unusable.length > 0)
      c.w.add(
        'missing-reference',
        `virtual machine${e.unusable.length === 1 ? '' : 's'} ${list(e.unusable)} not imported: ${e.unusable.length === 1 ? 'its network interface was' : 'their network interfaces were'} not imported (see the warnings about them)`,
        file,
      );
  }
}

function buildHosts(c: Ctx): void {
  const vmNames = new Map<string, string>();
  /** NIC id key → the name of the VM that lists it (for NICs without a `virtualMachine` reference). */
  const nicVm = new Map<string, string>();
  const hostNics = new Set<string>();
  for (const vm of c.all(T.vm)) {
    const name = str(vm.o['name']) ?? lastSegment(vm.id);
    vmNames.set(idKey(vm.id), name);
    for (const n of vmNics(vm)) if (!nicVm.has(n)) nicVm.set(n, name);
  }
  for (const nic of c.all(T.nic)) {
    const configs = arr(nic.o['ipConfigurations'])
      .map(obj)
      .filter((x) => x !== undefined);
    const v4 = configs.filter((x) => str(x['privateIPAddressVersion']) !== 'IPv6');
    const primary = v4.find((x) => x['primary'] === true) ?? v4[0];
    const ip = canonIp(str(primary?.['privateIPAddress']));
    const subId = ref(primary?.['subnet']);
    const sub = subId === undefined ? undefined : c.subnets.get(idKey(subId));
    if (primary === undefined || ip === undefined) {
      c.warn(
        nic,
        'malformed',
        `network interface ${str(nic.o['name']) ?? nic.id} has no private IPv4 address — not a host`,
      );
      continue;
    }
    if (sub === undefined) {
      c.warn(
        nic,
        'missing-reference',
        `network interface ${str(nic.o['name']) ?? nic.id}: subnet ${subId ?? '(none)'} is not in the input — not a host`,
      );
      continue;
    }
    if (!containsIp(sub.s.cidr, ip)) continue;
    const vm = ref(nic.o['virtualMachine']);
    const vmName = vm === undefined ? nicVm.get(idKey(nic.id)) : (vmNames.get(idKey(vm)) ?? lastSegment(vm));
    hostNics.add(idKey(nic.id));
    const forwarding = bool(nic.o['enableIPForwarding']);
    const publicIp = configs.some((x) => ref(x['publicIPAddress']) !== undefined);
    const nsg = ref(nic.o['networkSecurityGroup']);
    sub.net.hosts.push({
      key: idKey(nic.id),
      id: outId(nic),
      names: [...(vmName !== undefined ? [vmName] : []), ...names(nic)],
      subnet: sub.s.key,
      ip,
      ...(forwarding === true ? { ipForwarding: true } : {}),
      ...(publicIp ? { publicIp: true } : {}),
      // AZ-R25: the NIC's NSG (the NSG's `networkInterfaces[]` is a read-only copy).
      ...(nsg !== undefined ? { networkSecurityGroup: idKey(nsg) } : {}),
      ...originOf(nic),
    });
  }
  reportVms(c, hostNics);
}

function buildGateways(c: Ctx): void {
  for (const g of c.all(T.vng)) {
    const name = str(g.o['name']) ?? lastSegment(g.id);
    const type = str(g.o['gatewayType']) ?? 'Vpn';
    if (type.toLowerCase() !== 'vpn') {
      c.warn(
        g,
        'unsupported',
        `gateway ${name} is of type ${type}: only VPN gateways are modelled — skipped`,
      );
      continue;
    }
    const configs = arr(g.o['ipConfigurations'])
      .map(obj)
      .filter((x) => x !== undefined);
    const subId = configs.map((x) => ref(x['subnet'])).find((x) => x !== undefined);
    const vnetId = subId === undefined ? undefined : parentId(subId, 'subnets');
    const net =
      (subId === undefined ? undefined : c.subnets.get(idKey(subId))?.net) ??
      (vnetId === undefined ? undefined : c.nets.get(idKey(vnetId)));
    if (net === undefined) {
      c.warn(
        g,
        'missing-reference',
        `VPN gateway ${name}: its virtual network (${vnetId ?? 'unknown'}) is not in the input — skipped`,
      );
      continue;
    }
    const state = str(g.o['provisioningState']);
    if (state !== undefined && state !== 'Succeeded')
      c.warn(
        g,
        'assumed',
        `VPN gateway ${name} is ${state}: the export is a snapshot of a gateway mid-change — imported as provisioned`,
      );
    const vpnTypeText = str(g.o['vpnType'])?.toLowerCase();
    const vpnType =
      vpnTypeText === 'policybased'
        ? ('PolicyBased' as const)
        : vpnTypeText === 'routebased'
          ? ('RouteBased' as const)
          : undefined;
    const sku = str(obj(g.o['sku'])?.['name']) ?? str(g.o['sku']);
    if (sku !== undefined && !SKU.test(sku))
      c.warn(g, 'unsupported', `VPN gateway ${name}: SKU ${sku} is not modelled — imported without a SKU`);
    const bgp = obj(g.o['bgpSettings']);
    const asn = num(bgp?.['asn']);
    // IMPORTERS.md 2.6: prefer bgpPeeringAddresses[]; `bgpPeeringAddress` may be a comma-joined list.
    let peers = arr(bgp?.['bgpPeeringAddresses']).flatMap((p) =>
      arr(obj(p)?.['defaultBgpIpAddresses']).filter((x): x is string => typeof x === 'string'),
    );
    if (peers.length === 0)
      peers = (str(bgp?.['bgpPeeringAddress']) ?? '')
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x !== '');
    const gws = net.subnets.find((s) => s.names[0] === 'GatewaySubnet');
    const ips = [...new Set(peers.map((p) => canonIp(p)).filter((p) => p !== undefined))];
    const inside = ips.filter((ip) => gws !== undefined && containsIp(gws.cidr, ip));
    if (inside.length < ips.length)
      c.warn(
        g,
        'malformed',
        `VPN gateway ${name}: BGP peer address(es) ${ips.filter((i) => !inside.includes(i)).join(', ')} are outside GatewaySubnet [AZ-R21] — left out`,
      );
    const enableBgp = bool(g.o['enableBgp']) === true;
    for (const [field, what] of [
      ['gatewayDefaultSite', 'forced tunnelling (gatewayDefaultSite)'],
      ['customRoutes', 'custom routes'],
      ['natRules', 'NAT rules'],
      ['vpnClientConfiguration', 'point-to-site VPN'],
    ] as const) {
      const v = g.o[field];
      const present = Array.isArray(v)
        ? v.length > 0
        : field === 'customRoutes'
          ? prefixes(obj(v)?.['addressPrefixes']).length > 0
          : v !== undefined && v !== null;
      if (present) c.warn(g, 'unsupported', `VPN gateway ${name}: ${what} is not modelled`);
    }
    const gw: DGateway = {
      key: idKey(g.id),
      id: outId(g),
      names: names(g),
      kind: 'vpn',
      ...(vpnType !== undefined ? { vpnType } : {}),
      ...(sku !== undefined && SKU.test(sku) ? { sku } : {}),
      ...(bool(g.o['activeActive']) !== undefined
        ? { activeActive: bool(g.o['activeActive']) === true }
        : {}),
      ...(asn !== undefined && enableBgp ? { asn } : {}),
      ...(enableBgp && inside.length > 0 ? { bgpPeerIps: inside } : {}),
      ...originOf(g),
    };
    if (net.gateways.some((x) => x.kind === 'vpn')) {
      c.warn(
        g,
        'malformed',
        `VPN gateway ${name}: ${net.names[0] ?? net.key} already has a VPN gateway — skipped`,
      );
      continue;
    }
    net.gateways.push(gw);
    c.gateways.set(gw.key, { net, g: gw });
  }
}

function buildSites(c: Ctx): void {
  for (const l of c.all(T.lng)) {
    const space = [
      ...new Set(
        prefixes(obj(l.o['localNetworkAddressSpace'])?.['addressPrefixes'])
          .map((p) => canonPrefix(p))
          .filter((p) => p !== undefined),
      ),
    ];
    const bgp = obj(l.o['bgpSettings']);
    const asn = num(bgp?.['asn']);
    const peer = canonIp(str(bgp?.['bgpPeeringAddress']));
    const site: DSite = {
      key: idKey(l.id),
      id: outId(l),
      names: names(l),
      cidrs: space,
      routes: [],
      ...(asn !== undefined ? { asn } : {}),
      ...(peer !== undefined ? { bgpPeerIp: peer } : {}),
      ...originOf(l),
    };
    c.sites.set(site.key, site);
  }
}

function buildConnections(c: Ctx): void {
  const pairs = new Set<string>();
  const used = new Set<string>();
  for (const x of c.all(T.connection)) {
    const name = str(x.o['name']) ?? lastSegment(x.id);
    const type = (str(x.o['connectionType']) ?? 'IPsec').toLowerCase();
    if (type !== 'ipsec' && type !== 'vnet2vnet') {
      c.warn(
        x,
        'unsupported',
        `connection ${name} of type ${str(x.o['connectionType']) ?? '?'} is not modelled — skipped`,
      );
      continue;
    }
    const gw1 = ref(x.o['virtualNetworkGateway1']);
    const g = gw1 === undefined ? undefined : c.gateways.get(idKey(gw1));
    if (g === undefined) {
      c.warn(
        x,
        'missing-reference',
        `connection ${name}: its VPN gateway ${gw1 ?? '(none)'} was not imported — skipped`,
      );
      continue;
    }
    let other: DConnection['other'];
    if (type === 'ipsec') {
      const lng = ref(x.o['localNetworkGateway2']);
      const site = lng === undefined ? undefined : c.sites.get(idKey(lng));
      if (site === undefined) {
        c.warn(
          x,
          'missing-reference',
          `connection ${name}: local network gateway ${lng ?? '(none)'} is not in the input — skipped`,
        );
        continue;
      }
      other = { site: site.key };
      used.add(site.key);
    } else {
      const gw2 = ref(x.o['virtualNetworkGateway2']);
      const peer = gw2 === undefined ? undefined : c.gateways.get(idKey(gw2));
      if (peer === undefined) {
        c.warn(
          x,
          'missing-reference',
          `connection ${name}: peer gateway ${gw2 ?? '(none)'} was not imported — skipped`,
        );
        continue;
      }
      // Vnet2Vnet is configured from both sides: one scenario connection per pair.
      const pair = [g.g.key, peer.g.key].sort().join('|');
      if (pairs.has(pair)) continue;
      pairs.add(pair);
      other = { gateway: peer.g.key };
    }
    const bgp = (bool(x.o['enableBgp']) ?? false) === true;
    const conn: DConnection = {
      key: idKey(x.id),
      id: outId(x),
      names: names(x),
      gateway: g.g.key,
      other,
      bgp,
      ...originOf(x),
    };
    c.t.connections.push(conn);
    const status = str(x.o['connectionStatus']);
    if (status !== undefined && ['notconnected', 'connecting'].includes(status.toLowerCase())) {
      c.t.timeline.push({ at: 0, do: 'tunnel.down', connection: conn.key });
      c.warn(x, 'assumed', `connection ${name} is ${status} in the export — tunnel.down at 0s`);
    }
    // AZ-R21: an on-premises peer on a loopback reaches the gateway's BGP addresses only by a route
    // through the tunnel; a working connection has one, which the export does not show.
    const site = 'site' in other ? c.sites.get(other.site) : undefined;
    if (bgp && site?.bgpPeerIp !== undefined && (g.g.bgpPeerIps?.length ?? 0) > 0) {
      for (const ip of g.g.bgpPeerIps ?? []) site.routes.push({ prefix: `${ip}/32`, via: conn.key });
      c.warn(
        x,
        'assumed',
        `connection ${name}: site routes to the gateway's BGP peer addresses through the tunnel are assumed (the on-premises side is not in the export)`,
      );
    }
  }
  for (const s of c.sites.values()) {
    if (!used.has(s.key)) {
      c.w.note(
        'unsupported',
        `local network gateway ${s.names[0] ?? s.key} has no imported connection — skipped`,
      );
      continue;
    }
    c.t.sites.push(s);
  }
}

function buildPeerings(c: Ctx): void {
  const seen = new Set<string>();
  /** AZ-R34: pair → the side whose peering uses remote gateways (the spoke). */
  const spokeOf = new Map<string, { key: string; where: AzureObject; name: string }>();
  const byPair = new Map<string, DPeering>();
  const candidates: { o: JsonObject; parent: string | undefined; where: AzureObject }[] = [];
  for (const v of c.all(T.vnet))
    for (const p of arr(v.o['virtualNetworkPeerings'])) {
      const o = obj(p);
      if (o !== undefined) candidates.push({ o, parent: v.id, where: v });
    }
  for (const p of c.all(T.peering))
    candidates.push({ o: p.o, parent: parentId(p.id, 'virtualNetworkPeerings'), where: p });
  for (const { o, parent, where } of candidates) {
    const name = str(o['name']) ?? '?';
    const remote = ref(o['remoteVirtualNetwork']);
    const a = parent === undefined ? undefined : c.nets.get(idKey(parent));
    if (a === undefined || remote === undefined) continue;
    const state = str(o['peeringState']) ?? 'Connected';
    if (state.toLowerCase() !== 'connected') {
      c.warn(
        where,
        'stale',
        `peering ${name} is ${state} — skipped (a peering carries traffic once Connected on both sides)`,
      );
      continue;
    }
    let b = c.nets.get(idKey(remote));
    if (b === undefined) {
      const space = prefixes(
        obj(o['remoteVirtualNetworkAddressSpace'] ?? o['remoteAddressSpace'])?.['addressPrefixes'],
      )
        .map((p) => canonPrefix(p))
        .filter((p) => p !== undefined);
      if (space.length === 0) {
        c.warn(
          where,
          'missing-reference',
          `peering ${name}: remote network ${remote} is not in the input — skipped`,
        );
        continue;
      }
      b = {
        key: idKey(remote),
        id: remote,
        names: [lastSegment(remote)],
        provider: 'azure',
        cidrs: space,
        subnets: [],
        routeTables: [],
        hosts: [],
        gateways: [],
      };
      c.nets.set(b.key, b);
      c.t.networks.push(b);
      c.warn(
        where,
        'missing-reference',
        `virtual network ${lastSegment(remote)} (peer of ${a.names[0] ?? a.key}) is not in the input — added with its address space and no subnets`,
      );
    }
    const pair = [a.key, b.key].sort().join('|');
    // AZ-R34: the side that uses remote gateways is the spoke (Azure requires the other side to allow transit).
    if (o['useRemoteGateways'] === true && !spokeOf.has(pair)) spokeOf.set(pair, { key: a.key, where, name });
    if (seen.has(pair)) continue;
    seen.add(pair);
    const id = str(o['id']);
    const peering: DPeering = {
      key: `peering:${pair}`,
      ...(id !== undefined ? { id } : {}),
      names: [name],
      a: a.key,
      b: b.key,
    };
    byPair.set(pair, peering);
    c.t.peerings.push(peering);
  }
  // AZ-R34: a transit peering names the hub first and the spoke second. What Azure would refuse
  // (AZ-R36) cannot come from a real export unless the input is partial: warned, transit dropped.
  const transitSpokes = new Set<string>();
  const hasVpn = (key: string): boolean => c.nets.get(key)?.gateways.some((g) => g.kind === 'vpn') === true;
  for (const [pair, spoke] of spokeOf) {
    const p = byPair.get(pair);
    if (!p) continue;
    const hub = p.a === spoke.key ? p.b : p.a;
    const hubName = c.nets.get(hub)?.names[0] ?? hub;
    const problem = !hasVpn(hub)
      ? `the remote network ${hubName} has no VPN gateway in the input`
      : hasVpn(spoke.key)
        ? 'the network has a VPN gateway of its own'
        : transitSpokes.has(spoke.key)
          ? 'another peering of the network already uses remote gateways'
          : undefined;
    if (problem !== undefined) {
      c.warn(
        spoke.where,
        'unsupported',
        `peering ${spoke.name} uses remote gateways but ${problem} — imported without gateway transit (AZ-R36)`,
      );
      continue;
    }
    transitSpokes.add(spoke.key);
    p.a = hub;
    p.b = spoke.key;
    p.gatewayTransit = true;
  }
}

export function buildAzure(
  inv: AzureInventory,
  warnings: Warnings,
  options: AzureBuildOptions = {},
  into: DTopology = emptyTopology(),
): DTopology {
  const c = new Ctx(inv, into, warnings);
  buildVnets(c);
  buildRouteTables(c, options);
  buildHosts(c);
  buildGateways(c);
  buildSites(c);
  buildConnections(c);
  buildPeerings(c);
  buildNsgs(
    inv,
    c.t,
    c.t.networks.flatMap((net) => [
      ...net.subnets.map((s) => ({ net, holder: s, what: `subnet ${s.names[0] ?? s.key}` })),
      ...net.hosts.map((h) => ({ net, holder: h, what: `network interface ${h.names.at(-1) ?? h.key}` })),
    ]),
    inv.serviceTags,
    warnings,
  );
  for (const [type, n] of inv.notModelled)
    warnings.note('unsupported', `${NOT_MODELLED[type] ?? type} (${n} ${type.split('/').pop() ?? type})`);
  return c.t;
}
