/**
 * The plane's tables: each compiled table placed in the plane-wide route arrays, its routes'
 * actions resolved to entity indices (reused while the entity layout is the same), and the
 * transit gateway ingress tables (AWS-R29, AWS-R32).
 */
import type { CandidateRoute, ForwardingTable } from '@cloudroute/model';
import { ACT_OF, Act, PROVIDER_CODE, outcomeCode } from './codes.js';
import type { ForwardingPlane } from './compile.js';
import { parseIpv4 } from '../internal/lpm-adapter.js';
import { clearRoutes, routeArrays } from './registry.js';
import { compileTable, routeCount, type Resolved, type Special, type TableBuild } from './tables.js';

const layouts = new WeakMap<object, string>();

/** The order of every entity a route target can name, cached per topology object. */
export function layoutKey(topology: object, p: ForwardingPlane): string {
  let key = layouts.get(topology);
  if (key === undefined) {
    const ports = p.hostPath.map((h, i) => `${h}@${p.hostIp[i]}`);
    key = [[...p.netIndex.keys()], p.gwPath, p.connName, [...p.siteIndex.keys()], ports]
      .map((x) => x.join(','))
      .join('|');
    layouts.set(topology, key);
  }
  return key;
}

/** Compiles the state's tables into `plane` and resolves their routes (after its entities). */
export function indexTables(plane: ForwardingPlane, tables: readonly ForwardingTable[]): void {
  const reg = plane.registry;
  for (const t of tables) {
    plane.tableIndex.set(t.id, plane.tables.length);
    const slash = t.id.indexOf('/');
    const net = slash > 0 && t.kind !== 'site' ? plane.netIndex.get(t.id.slice(0, slash)) : undefined;
    plane.tables.push(compileTable(t, net === undefined ? undefined : plane.networks[net], reg.lineage));
  }
  const T = plane.tables.length;
  plane.tableNode = new Int32Array(T);
  plane.tableNet = new Int32Array(T).fill(-1);
  plane.tableBase = new Int32Array(T + 1);
  plane.tableLpmEnd = new Int32Array(T);
  plane.tablePolicyEnd = new Int32Array(T);
  let total = 0;
  for (let t = 0; t < T; t++) {
    plane.tableBase[t] = total;
    plane.tableLpmEnd[t] = total + plane.tables[t]!.lpmCount;
    plane.tablePolicyEnd[t] = plane.tableLpmEnd[t]! + plane.tables[t]!.policy.length;
    total += routeCount(plane.tables[t]!);
  }
  plane.tableBase[T] = total;
  const arrays = routeArrays(reg.routeArrays, total);
  reg.routeArrays = arrays;
  // A table written by the last plane at the same place, from a build of the same content under
  // the same entity layout, is still there: only the others are cleared and written.
  const last =
    reg.written?.arrays === arrays && reg.written.layout === plane.layout ? reg.written : undefined;
  const cores: object[] = new Array<object>(T);
  plane.routeKind = arrays.kind;
  plane.routeTarget = arrays.target;
  plane.routeIp = arrays.ip;
  plane.routeLen = arrays.len;
  plane.routeParent = arrays.parent;
  plane.routeSrcLo = arrays.srcLo;
  plane.routeSrcHi = arrays.srcHi;
  plane.routeDstLo = arrays.dstLo;
  plane.routeDstHi = arrays.dstHi;
  plane.routeEcmpFirst = arrays.ecmpFirst;
  plane.routeEcmpCount = arrays.ecmpCount;
  for (let t = 0; t < T; t++) {
    const build = plane.tables[t]!;
    const { table } = build;
    plane.tableNode[t] = reg.id(`table:${table.id}`);
    const slash = table.id.indexOf('/');
    if (slash > 0 && table.kind !== 'site')
      plane.tableNet[t] = plane.netIndex.get(table.id.slice(0, slash)) ?? -1;
    const base = plane.tableBase[t]!;
    cores[t] = build.core;
    const end = plane.tableBase[t + 1]!;
    // Routes the last plane left at this table's place that still hold: all of them (the same
    // build core), or a patched build's parent's (table-patch.ts: a patch only appends routes).
    let inPlace = 0;
    if (last && last.bases[t] === base && last.nets[t] === plane.tableNet[t]) {
      if (last.cores[t] === build.core && last.bases[t + 1] === end) {
        indexTableKind(plane, table, t);
        continue;
      }
      if (build.patchedFrom && last.cores[t] === build.patchedFrom.core)
        inPlace = Math.min(last.bases[t + 1]!, end) - base;
    }
    clearRoutes(arrays, base + inPlace, end);
    resolveTable(plane, build, base, plane.tableNet[t]!, inPlace);
    // OS-R3: only OpenStack guest tables have parent routes (tables.ts); only GCP policy routes a match.
    if (table.provider === 'openstack')
      for (let i = 0; i < build.lpmCount; i++) {
        const parent = build.parents[i]!;
        if (parent >= 0) plane.routeParent[base + i] = base + parent;
      }
    build.policy.forEach((m, k) => {
      const i = base + build.lpmCount + k;
      plane.routeSrcLo[i] = m.srcLo;
      plane.routeSrcHi[i] = m.srcHi;
      plane.routeDstLo[i] = m.dstLo;
      plane.routeDstHi[i] = m.dstHi;
    });
    for (const g of build.ecmp) {
      plane.routeEcmpFirst[base + g.route] = base + g.first;
      plane.routeEcmpCount[base + g.route] = g.count;
    }
    indexTableKind(plane, table, t);
  }
  reg.written = {
    arrays,
    layout: plane.layout,
    cores,
    nets: plane.tableNet.slice(),
    bases: plane.tableBase.slice(),
  };
  for (let h = 0; h < plane.hostTable.length; h++) {
    const s = plane.hostSubnet[h]!;
    if (plane.hostTable[h] === -1 && s >= 0) plane.hostTable[h] = plane.subnetTable[s]!;
  }
  // Azure: traffic from a VPN gateway into the VNet is routed by GatewaySubnet's table (its UDRs apply).
  plane.netInbound = new Int32Array(plane.networks.length).fill(-1);
  plane.netProvider = new Uint8Array(plane.networks.length);
  plane.netDefaultRules = new Uint8Array(plane.networks.length);
  plane.netProviderDefault = new Uint8Array(plane.networks.length);
  plane.networks.forEach((net, n) => {
    plane.netProvider[n] = PROVIDER_CODE[net.provider];
    plane.netProviderDefault[n] =
      (net.firewall ?? plane.state.topology.firewall) === 'provider-default' ? 1 : 0;
    plane.netDefaultRules[n] = net.provider === 'gcp' && net.name === 'default' ? 1 : 0;
    if (net.provider === 'azure') {
      const s = plane.subnetIndex.get(`${net.name}/GatewaySubnet`);
      if (s !== undefined) plane.netInbound[n] = plane.subnetTable[s]!;
    }
  });
}

/** Table `t` as the table of its subnet, gateway, site or host (or a transit gateway's ingress). */
function indexTableKind(plane: ForwardingPlane, table: ForwardingTable, t: number): void {
  if (table.kind === 'subnet') {
    const s = plane.subnetIndex.get(table.id);
    if (s !== undefined) plane.subnetTable[s] = t;
  } else if (table.kind === 'gateway' || table.kind === 'router') {
    const g = plane.gwIndex.get(table.id);
    if (g !== undefined) plane.gwTable[g] = t;
  } else if (table.kind === 'site') {
    const s = plane.siteIndex.get(table.id.replace(/^site:/, ''));
    if (s !== undefined) plane.siteTable[s] = t;
  } else if (table.kind === 'guest') {
    const h = plane.hostIndex.get(table.id);
    if (h !== undefined) plane.hostTable[h] = t;
  } else if (table.kind === 'tgw') {
    indexTgwTable(plane, table.id, t);
  }
}

/** AWS-R29 / AWS-R32: the ingress tables of a transit gateway route table `id` (table index `t`). */
function indexTgwTable(plane: ForwardingPlane, id: string, t: number): void {
  const [gwPath, rt] = id.split('#');
  const g = plane.gwIndex.get(gwPath ?? '');
  if (g === undefined) return;
  const net = plane.networks[plane.gwNet[g]!];
  const gw = net?.gateways.find((x) => `${net.name}/${x.name}` === gwPath);
  plane.tgwOfTable.set(t, g);
  for (const a of gw?.attachments ?? []) {
    const peer = a.routeTable === rt && a.peer !== undefined ? plane.gwIndex.get(a.peer) : undefined;
    if (peer !== undefined) plane.tgwPeerIngress.set(g * 65536 + peer, t);
    const conn =
      a.routeTable === rt && a.connection !== undefined ? plane.connIndex.get(a.connection) : undefined;
    if (conn !== undefined) plane.tgwConnIngress.set(g * 65536 + conn, t);
    if (a.routeTable !== rt || !a.network) continue;
    const n = plane.netIndex.get(a.network);
    if (n !== undefined) plane.tgwIngress.set(g * 65536 + n, t);
    for (const s of a.zones ? (plane.networks[n ?? -1]?.subnets ?? []) : []) {
      const i = plane.subnetIndex.get(`${a.network}/${s.name}`);
      if (i !== undefined && s.zone !== undefined && !a.zones!.includes(s.zone))
        plane.tgwZoneBlocked.add(g * 16777216 + i);
    }
  }
}

/**
 * Writes a table's routes into the plane's route arrays. Route targets are entity indices, which
 * stay the same while the topology keeps its entities in the same order (`layout`), so a table
 * resolved under the same layout is copied instead of resolved route by route. The first
 * `inPlace` routes are in the arrays already (a patched build where the last plane wrote its
 * parent: routes.ts `indexTables`).
 */
function resolveTable(
  plane: ForwardingPlane,
  build: TableBuild,
  base: number,
  net: number,
  inPlace: number,
): void {
  const n = routeCount(build);
  const res = build.core.resolved;
  let from = 0;
  if (res && res.layout === plane.layout) {
    from = Math.min(res.count, n);
    if (inPlace < from) {
      plane.routeLen.set(res.len.subarray(inPlace, from), base + inPlace);
      plane.routeKind.set(res.kind.subarray(inPlace, from), base + inPlace);
      plane.routeTarget.set(res.target.subarray(inPlace, from), base + inPlace);
      plane.routeIp.set(res.ip.subarray(inPlace, from), base + inPlace);
    }
  }
  for (let i = from; i < n; i++) {
    plane.routeLen[base + i] = build.lens[i]!;
    resolveAction(plane, base + i, build.routes[i]!, net, build.special[i]);
  }
  if (from < n || !res)
    build.core.resolved = extended(res?.layout === plane.layout ? res : undefined, plane, base, from, n);
}

/**
 * `res` (its first `from` routes) and the plane's routes [from, n) of the table at `base`, as the
 * table's resolved actions. A patched lineage only appends routes (table-patch.ts), so a child
 * writes after its parent's count into the same arrays when they have room: the parent's part
 * never changes, and a change costs its new routes instead of a copy of the whole table.
 */
function extended(
  res: Resolved | undefined,
  plane: ForwardingPlane,
  base: number,
  from: number,
  n: number,
): Resolved {
  let { len, kind, target, ip } = res ?? {};
  if (!res || !len || !kind || !target || !ip || len.length < n) {
    const cap = res ? n + (n >> 3) : n;
    const grown = {
      len: new Uint8Array(cap),
      kind: new Uint8Array(cap),
      target: new Int32Array(cap),
      ip: new Float64Array(cap),
    };
    if (res && len && kind && target && ip) {
      grown.len.set(len.subarray(0, from));
      grown.kind.set(kind.subarray(0, from));
      grown.target.set(target.subarray(0, from));
      grown.ip.set(ip.subarray(0, from));
    } else from = 0;
    ({ len, kind, target, ip } = grown);
  }
  len.set(plane.routeLen.subarray(base + from, base + n), from);
  kind.set(plane.routeKind.subarray(base + from, base + n), from);
  target.set(plane.routeTarget.subarray(base + from, base + n), from);
  ip.set(plane.routeIp.subarray(base + from, base + n), from);
  return { layout: plane.layout, count: n, len, kind, target, ip };
}

/** Resolves route `r`'s action (or its special: ILB, policy skip) into route slot `i`. */
function resolveAction(
  plane: ForwardingPlane,
  i: number,
  r: CandidateRoute,
  net: number,
  special: Special | undefined,
): void {
  if (special?.kind === 'skip') {
    plane.routeKind[i] = Act.SkipPolicy;
    return;
  }
  if (special?.kind === 'ilb') {
    const net0 = plane.networks[net];
    const g = net0 ? plane.gwIndex.get(`${net0.name}/${special.gateway}`) : undefined;
    plane.routeKind[i] = Act.Ilb;
    plane.routeTarget[i] = g ?? -1;
    return;
  }
  const a = r.action!;
  plane.routeKind[i] = ACT_OF[a.kind];
  switch (a.kind) {
    case 'local':
    case 'peering':
      plane.routeTarget[i] = plane.netIndex.get(a.network) ?? -1;
      break;
    case 'internet':
      plane.routeTarget[i] = a.gateway ? (plane.gwIndex.get(a.gateway) ?? -1) : -1;
      break;
    case 'nat':
    case 'gateway':
      plane.routeTarget[i] = plane.gwIndex.get(a.gateway) ?? -1;
      break;
    case 'appliance': {
      const ip = parseIpv4(a.ip) ?? -1;
      plane.routeIp[i] = ip;
      let h = a.host ? (plane.hostIndex.get(a.host) ?? -1) : -1;
      if (h >= 0 && plane.hostIp[h] !== ip)
        h = plane.hostByIp[plane.hostNet[h]!]?.get(ip) ?? portOf(plane, h, ip);
      if (h < 0 && net >= 0) h = plane.hostByIp[net]?.get(ip) ?? -1;
      plane.routeTarget[i] = h;
      break;
    }
    case 'connection':
      plane.routeTarget[i] = plane.connIndex.get(a.connection) ?? -1;
      break;
    case 'site':
      plane.routeTarget[i] = plane.siteIndex.get(a.site) ?? -1;
      break;
    case 'drop':
      plane.routeTarget[i] = outcomeCode(a.reason);
      break;
    case 'opaque':
      // Imported, not modelled: the walker stops here (`unmodelled`); a trace names it from the route.
      plane.routeTarget[i] = -1;
      break;
  }
  if (plane.routeKind[i] === Act.Drop && plane.routeTarget[i] < 0)
    plane.routeTarget[i] = outcomeCode('blackhole');
}

/** The port of `port`'s host that holds `ip` (a host with several ports), else `port`. */
function portOf(plane: ForwardingPlane, port: number, ip: number): number {
  const o = plane.portOwner[port]!;
  for (let q = plane.ownerFirst[o]!, e = q + plane.ownerCount[o]!; q < e; q++)
    if (plane.hostIp[q] === ip) return q;
  return port;
}
