/**
 * The plane's entities from the topology: networks, subnets, hosts (per port), gateways, sites
 * and connections, flattened into the plane's typed arrays (see compile.ts).
 */
import type { Gateway, Host, Network, Port } from '@cloudroute/model';
import { NO_PEER, outcomeCode } from './codes.js';
import type { ForwardingPlane } from './compile.js';
import { indexGcpGateways } from './gcp-ilb.js';
import { compile4, type Entry4, type Lpm4 } from '@cloudroute/lpm';
import { parseIpv4, parsePrefix4 } from '../internal/lpm-adapter.js';
import { indexPorts, portSecurity, type PortSecurity } from './ports.js';

/** The lookup of a network without subnets or hosts: every address misses (-1). */
const EMPTY = compile4([]);

/**
 * The lookup of `entries`, or the run's previous one under the same `id` when the entries are the
 * same (prefixes and values): a network's subnets and host addresses rarely change between moments.
 */
function lookupOf(plane: ForwardingPlane, id: string, entries: readonly Entry4[]): Lpm4 {
  if (entries.length === 0) return EMPTY;
  const memo = plane.registry.lookups;
  const hit = memo.get(id);
  if (hit && hit.key.length === 3 * entries.length) {
    const k = hit.key;
    let same = true;
    for (let i = 0; same && i < entries.length; i++) {
      const e = entries[i]!;
      same = k[3 * i] === e.prefix.network && k[3 * i + 1] === e.prefix.length && k[3 * i + 2] === e.value;
    }
    if (same) return hit.lpm;
  }
  const key = new Float64Array(3 * entries.length);
  entries.forEach((e, i) => {
    key[3 * i] = e.prefix.network;
    key[3 * i + 1] = e.prefix.length;
    key[3 * i + 2] = e.value;
  });
  const lpm = compile4(entries);
  memo.set(id, { key, lpm });
  return lpm;
}

/** Indexes the topology's entities into `plane` (before its tables: route targets name them). */
export function indexTopology(plane: ForwardingPlane): void {
  const { topology } = plane.state;
  const reg = plane.registry;
  const subnets: { net: number; base: number; last: number; pub: boolean; path: string; region: number }[] =
    [];
  interface PortBuild {
    net: number;
    ip: number;
    subnet: number;
    fwd: boolean;
    pub: boolean;
    path: string;
    host: Host;
    owner: number;
    sec: PortSecurity;
  }
  const hosts: PortBuild[] = [];
  const gws: {
    path: string;
    net: number;
    ready: boolean;
    subnet: string | undefined;
    translates: boolean;
    tgw: boolean;
    gateway: Gateway;
  }[] = [];
  const regionIds = new Map<string, number>();
  const regionOf = (r: string | undefined): number => {
    if (r === undefined) return -1;
    let id = regionIds.get(r);
    if (id === undefined) {
      id = plane.regions.length;
      regionIds.set(r, id);
      plane.regions.push(r);
    }
    return id;
  };
  for (const net of topology.networks) {
    const n = plane.networks.length;
    plane.networks.push(net);
    plane.netIndex.set(net.name, n);
    plane.hostByIp.push(new Map<number, number>());
  }
  let owners = 0;
  for (const [n, net] of plane.networks.entries()) {
    const entries: Entry4[] = [];
    const natRegions = new Set(net.gateways.filter((g) => g.kind === 'cloudNat').map((g) => g.region ?? ''));
    for (const s of net.subnets) {
      const p = parsePrefix4(s.cidr);
      if (!p) continue;
      const path = `${net.name}/${s.name}`;
      const idx = subnets.length;
      entries.push({ prefix: p, value: idx });
      // GCP-R2(b): every range of a subnet (primary and secondary) is delivered in it.
      for (const c of s.secondaryCidrs ?? []) {
        const q = parsePrefix4(c);
        if (q) entries.push({ prefix: q, value: idx });
      }
      const size = 2 ** (32 - p.length);
      // AZ-R15: default outbound access unless the subnet is private; GCP-R15: Cloud NAT in the
      // region; AWS-R15: an instance launched in a subnet that maps public IPs gets one.
      const pub =
        net.provider === 'azure'
          ? s.defaultOutboundAccess !== false
          : net.provider === 'gcp'
            ? natRegions.has(s.region ?? '')
            : net.provider === 'aws' && s.mapPublicIpOnLaunch === true;
      const region = net.provider === 'gcp' ? regionOf(s.region) : -1;
      subnets.push({ net: n, base: p.network, last: p.network + size - 1, pub, path, region });
      plane.subnetIndex.set(path, idx);
      plane.subnetPath.push(path);
    }
    plane.netSubnets.push(lookupOf(plane, `subnets ${n}`, entries));
  }
  // Hosts after every subnet: a port may sit on a later network's subnet.
  for (const [n, net] of plane.networks.entries()) {
    for (const h of net.hosts) {
      const hasPorts = h.ports !== undefined && h.ports.length > 0;
      const ports: readonly Port[] =
        h.ports && hasPorts ? h.ports : h.subnet && h.ip ? [{ subnet: h.subnet, ip: h.ip }] : [];
      const path = `${net.name}/${h.name}`;
      const fwd = hostForwards(net, h);
      const owner = owners++;
      for (const port of ports) {
        const ip = parseIpv4(port.ip);
        if (ip === undefined) continue;
        // A port may sit on another network's subnet (`net/subnet`).
        const [pn, ps] = port.subnet.includes('/') ? port.subnet.split('/') : [net.name, port.subnet];
        const pNet = plane.netIndex.get(pn ?? '') ?? n;
        const idx = hosts.length;
        const sub = plane.subnetIndex.get(`${pn}/${ps}`) ?? -1;
        hosts.push({
          net: pNet,
          ip,
          subnet: sub,
          fwd,
          // AWS-R15: without its own `publicIp`, an instance has one when its subnet maps them.
          pub: h.publicIp ?? (net.provider === 'aws' && sub >= 0 && subnets[sub]!.pub),
          path,
          host: h,
          owner,
          sec: portSecurity(plane.networks[pNet]!, h, hasPorts ? port : undefined),
        });
        if (!plane.hostIndex.has(path)) plane.hostIndex.set(path, idx);
        plane.hostByIp[pNet]!.set(ip, idx);
      }
    }
    for (const g of net.gateways) {
      const path = `${net.name}/${g.name}`;
      const status = plane.state.gateways[path];
      gws.push({
        path,
        net: n,
        ready: (status?.phase ?? 'ready') === 'ready',
        subnet: g.subnet ? `${net.name}/${g.subnet}` : undefined,
        // AWS-R16: a public NAT gateway translates to its EIP; a private one does not.
        // OS-R13: a router's external gateway source-NATs unless enableSnat is false.
        translates:
          g.kind === 'nat'
            ? g.connectivity !== 'private'
            : g.kind === 'cloudNat' || (g.kind === 'router' && g.externalGateway?.enableSnat !== false),
        tgw: g.kind === 'tgw',
        gateway: g,
      });
    }
  }
  const S = subnets.length;
  plane.subnetNet = Int32Array.from(subnets, (s) => s.net);
  plane.subnetBase = Float64Array.from(subnets, (s) => s.base);
  plane.subnetLast = Float64Array.from(subnets, (s) => s.last);
  plane.subnetPublic = Uint8Array.from(subnets, (s) => (s.pub ? 1 : 0));
  plane.subnetNode = Int32Array.from(subnets, (s) => reg.id(`subnet:${s.path}`));
  plane.subnetRegion = Int32Array.from(subnets, (s) => s.region);
  plane.subnetTable = new Int32Array(S).fill(-1);
  const H = hosts.length;
  plane.hostIp = Float64Array.from(hosts, (h) => h.ip);
  plane.hostNet = Int32Array.from(hosts, (h) => h.net);
  plane.hostSubnet = Int32Array.from(hosts, (h) => h.subnet);
  plane.hostForwards = Uint8Array.from(hosts, (h) => (h.fwd ? 1 : 0));
  plane.hostPublic = Uint8Array.from(hosts, (h) => (h.pub ? 1 : 0));
  plane.hostNode = Int32Array.from(hosts, (h) => reg.id(`host:${h.path}`));
  plane.hostTable = new Int32Array(H).fill(-1);
  for (const h of hosts) {
    plane.hostPath.push(h.path);
    plane.hostObj.push(h.host);
  }
  indexPorts(plane, hosts, owners);
  plane.hostByIp.forEach((byIp, n) => {
    const entries: Entry4[] = [...byIp].map(([ip, port]) => ({
      prefix: { family: 4, network: ip, length: 32 },
      value: port,
    }));
    plane.netHosts.push(lookupOf(plane, `hosts ${n}`, entries));
  });
  plane.gwReady = Uint8Array.from(gws, (g) => (g.ready ? 1 : 0));
  plane.gwNet = Int32Array.from(gws, (g) => g.net);
  plane.gwSubnet = Int32Array.from(gws, (g) => (g.subnet ? (plane.subnetIndex.get(g.subnet) ?? -1) : -1));
  plane.gwTranslates = Uint8Array.from(gws, (g) => (g.translates ? 1 : 0));
  plane.gwIsTgw = Uint8Array.from(gws, (g) => (g.tgw ? 1 : 0));
  plane.gwIsEndpoint = Uint8Array.from(gws, (g) => (g.gateway.kind === 'vpcEndpoint' ? 1 : 0));
  plane.gwNode = Int32Array.from(gws, (g) => reg.id(`gw:${g.path}`));
  plane.gwTable = new Int32Array(gws.length).fill(-1);
  gws.forEach((g, i) => {
    plane.gwPath.push(g.path);
    plane.gwIndex.set(g.path, i);
  });
  indexGcpGateways(plane, gws, regionOf);
  plane.gwExtNet = Int32Array.from(gws, (g) =>
    g.gateway.kind === 'router' && g.gateway.externalGateway
      ? (plane.netIndex.get(g.gateway.externalGateway.network) ?? -1)
      : -1,
  );
  topology.sites.forEach((s, i) => plane.siteIndex.set(s.name, i));
  plane.siteTable = new Int32Array(topology.sites.length).fill(-1);
  const C = topology.connections.length;
  plane.connUp = new Uint8Array(C);
  plane.connDrop = new Uint8Array(C);
  plane.connGw = new Int32Array(C).fill(-1);
  plane.connPeer = new Int32Array(C).fill(NO_PEER);
  plane.connNode = new Int32Array(C);
  topology.connections.forEach((c, i) => {
    plane.connName.push(c.name);
    const dx = c.directConnect;
    plane.connDx.push(
      dx === undefined
        ? undefined
        : `Direct Connect virtual interface${dx.vif === undefined ? '' : ` ${dx.vif}`}${dx.gateway === undefined ? ' (straight to the VGW)' : ` through Direct Connect gateway ${dx.gateway}${dx.gatewayId === undefined ? '' : ` (${dx.gatewayId})`}`} (AWS-R46)`,
    );
    plane.connIndex.set(c.name, i);
    const tunnels = plane.state.tunnels[c.name];
    // DESIGN.md "Timing": traffic uses only tunnels that are up and, on a BGP connection, whose
    // session is established.
    const sessions = c.bgp ? plane.state.sessions[c.name] : undefined;
    const usable = !tunnels || tunnels.some((t, k) => t.up && (sessions?.[k]?.established ?? true));
    plane.connUp[i] = usable ? 1 : 0;
    plane.connDrop[i] = usable ? 0 : outcomeCode(tunnels.some((t) => t.up) ? 'session-down' : 'tunnel-down');
    const [a, b] = c.between;
    const ga = plane.gwIndex.get(a);
    const gb = plane.gwIndex.get(b);
    const sb = plane.siteIndex.get(b);
    const sa = plane.siteIndex.get(a);
    plane.connGw[i] = ga ?? gb ?? -1;
    plane.connPeer[i] = ga !== undefined ? (sb ?? (gb !== undefined ? -gb - 1 : NO_PEER)) : (sa ?? NO_PEER);
    plane.connNode[i] = reg.id(`conn:${c.name}`);
  });
}

/** Does this host forward traffic not addressed to it? (AWS source/dest check off; Azure/GCP IP forwarding.) */
function hostForwards(net: Network, h: Host): boolean {
  switch (net.provider) {
    case 'aws':
      return h.sourceDestCheck === false; // AWS-R9: the appliance must have source/destination checking disabled
    case 'azure':
      return h.ipForwarding === true; // AZ-R6
    case 'gcp':
      return h.ipForwarding === true && h.running !== false; // GCP-R5, GCP-R6
    case 'openstack':
      return h.ipForwarding === true;
  }
}
