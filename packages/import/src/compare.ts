/**
 * `routes --compare`: the provider's own effective-routes export held against cloudroute's
 * simulated table of the same subnet. Azure: `az network nic show-effective-route-table` (arrays of
 * prefixes and next hops, open `nextHopType`, `Invalid` kept — IMPORTERS.md 2.5); AWS:
 * `describe-route-tables` of the subnet's table (`Origin` and `State` per route). Differences are
 * values: a route missing from the simulation, an extra one, or one whose state, source or next
 * hop differs.
 */
import type { RouteRow, RoutesView } from '@cloudroute/model';
import { ImportInputError } from './errors.js';
import { arr, obj, str, type JsonObject } from './internal/json.js';
import { canonicalIp, canonicalPrefix } from './internal/ip.js';
import { pick } from './internal/pick.js';
import { parseJsonFile } from './source.js';

/** One route of either side of a comparison, in the provider's vocabulary (source, state, next-hop type and addresses). */
export interface CompareRow {
  readonly prefix: string;
  readonly source: string;
  readonly state: string;
  readonly nextHopType: string;
  readonly nextHopIps: readonly string[];
  readonly name?: string;
}

/** How a route differs between the provider's export and the simulation. */
export type DifferenceKind = 'missing' | 'extra' | 'state' | 'source' | 'nextHop';

/** One route that differs between the provider's export and the simulation, with both sides' rows and a message. */
export interface RouteDifference {
  /** `missing`: in the export, not simulated; `extra`: simulated, not in the export. */
  readonly kind: DifferenceKind;
  readonly prefix: string;
  readonly provider?: CompareRow;
  readonly cloudroute?: CompareRow;
  readonly message: string;
}

/** The comparison of a subnet's simulated routes with the provider's effective-routes export: how many match, the differences, and the text to print. */
export interface CompareResult {
  readonly subnet: string;
  readonly file: string;
  readonly provider: 'aws' | 'azure';
  /** Routes found alike on both sides. */
  readonly matched: number;
  readonly differences: readonly RouteDifference[];
  readonly text: string;
}

/** Options of the comparison: which subnet's table to pick from an export of several. */
export interface CompareOptions {
  /** The subnet's provider id (AWS: picks its table from a describe-route-tables of several). */
  readonly subnetId?: string;
}

const AZ_SOURCE: Readonly<Record<string, string>> = {
  default: 'Default',
  user: 'User',
  virtualnetworkgateway: 'VirtualNetworkGateway',
  unknown: 'Unknown',
};
const AZ_HOP: Readonly<Record<string, string>> = {
  vnetlocal: 'VnetLocal',
  vnetpeering: 'VNetPeering',
  vnetglobalpeering: 'VNetPeering',
  virtualnetworkgateway: 'VirtualNetworkGateway',
  internet: 'Internet',
  virtualappliance: 'VirtualAppliance',
  none: 'None',
};

function text(v: unknown): string[] {
  if (typeof v === 'string') return v === '' ? [] : [v];
  return arr(v).filter((x): x is string => typeof x === 'string' && x !== '');
}

function azureRows(entries: readonly unknown[]): CompareRow[] {
  const out: CompareRow[] = [];
  for (const e of entries) {
    const o = obj(e);
    if (o === undefined) continue;
    const flat = { ...o, ...(obj(o['additionalProperties']) ?? {}) };
    const src = str(flat['source']) ?? 'Unknown';
    const hop = str(flat['nextHopType']) ?? '';
    const ips = text(flat['nextHopIpAddress']).map((i) => canonicalIp(i) ?? i);
    const name = str(flat['name']);
    for (const p of text(flat['addressPrefix']))
      out.push({
        prefix: canonicalPrefix(p) ?? p,
        source: AZ_SOURCE[src.toLowerCase()] ?? src,
        state: str(flat['state'])?.toLowerCase() === 'invalid' ? 'Invalid' : 'Active',
        nextHopType: AZ_HOP[hop.toLowerCase()] ?? hop,
        nextHopIps: ips,
        ...(name !== undefined ? { name } : {}),
      });
  }
  return out;
}

const AWS_SOURCE: Readonly<Record<string, string>> = {
  CreateRouteTable: 'local',
  CreateRoute: 'static',
  EnableVgwRoutePropagation: 'propagated',
  Advertisement: 'static',
};

function awsHop(r: JsonObject): string {
  const gw = str(r['GatewayId']) ?? '';
  if (gw === 'local') return 'local';
  if (str(r['NatGatewayId']) !== undefined || gw.startsWith('nat-')) return 'nat';
  if (str(r['TransitGatewayId']) !== undefined) return 'tgw';
  if (str(r['VpcPeeringConnectionId']) !== undefined) return 'peering';
  if (
    str(r['NetworkInterfaceId']) !== undefined ||
    str(r['InstanceId']) !== undefined ||
    str(r['IpAddress']) !== undefined
  )
    return 'eni';
  if (str(r['EgressOnlyInternetGatewayId']) !== undefined || gw.startsWith('igw-') || gw.startsWith('eigw-'))
    return 'igw';
  if (gw.startsWith('vgw-')) return 'vgw';
  if (gw.startsWith('vpce-')) return 'vpce';
  return gw === '' ? 'unknown' : (gw.split('-')[0] ?? gw);
}

function awsRows(table: JsonObject): CompareRow[] {
  return arr(table['Routes']).flatMap((x) => {
    const r = obj(x);
    const p =
      str(r?.['DestinationCidrBlock']) ??
      str(r?.['DestinationIpv6CidrBlock']) ??
      str(r?.['DestinationPrefixListId']);
    if (r === undefined || p === undefined) return [];
    const ip = canonicalIp(str(r['IpAddress']));
    return [
      {
        prefix: canonicalPrefix(p) ?? p,
        source: AWS_SOURCE[str(r['Origin']) ?? 'CreateRoute'] ?? 'static',
        state: (str(r['State']) ?? 'active').toLowerCase(),
        nextHopType: awsHop(r),
        nextHopIps: ip === undefined ? [] : [ip],
      },
    ];
  });
}

function pickAwsTable(tables: readonly unknown[], file: string, subnetId: string | undefined): JsonObject {
  const all = tables.map(obj).filter((t) => t !== undefined);
  if (all.length === 1 && all[0] !== undefined) return all[0];
  if (subnetId !== undefined) {
    const explicit = all.find((t) =>
      arr(t['Associations']).some((a) => str(obj(a)?.['SubnetId']) === subnetId),
    );
    if (explicit !== undefined) return explicit;
  }
  throw new ImportInputError(
    file,
    ['RouteTables'],
    `${all.length} route tables and none is explicitly associated with ${subnetId ?? 'the subnet'} — pass the subnet's own table: aws ec2 describe-route-tables --filters Name=association.subnet-id,Values=<subnet-id> (or the main table)`,
  );
}

function readExport(
  text: string,
  file: string,
  subnetId: string | undefined,
): { provider: 'aws' | 'azure'; rows: CompareRow[] } {
  const value = parseJsonFile({ path: file, text });
  const o = obj(value);
  const body = obj(obj(obj(o?.['responses'])?.['200'])?.['body']);
  const root = body ?? o;
  if (root !== undefined && Array.isArray(root['RouteTables']))
    return { provider: 'aws', rows: awsRows(pickAwsTable(arr(root['RouteTables']), file, subnetId)) };
  const entries = Array.isArray(value)
    ? value
    : Array.isArray(root?.['value'])
      ? arr(root?.['value'])
      : undefined;
  if (entries !== undefined && entries.every((e) => obj(e)?.['nextHopType'] !== undefined))
    return { provider: 'azure', rows: azureRows(entries) };
  throw new ImportInputError(
    file,
    entries !== undefined ? ['value'] : [],
    'not an effective-routes export — pass the JSON of az network nic show-effective-route-table (Azure) or aws ec2 describe-route-tables for the subnet (AWS)',
  );
}

function fromView(r: RouteRow): CompareRow {
  return {
    ...pick(r, ['prefix', 'source', 'state', 'nextHopType']),
    nextHopIps: r.nextHopIp === undefined ? [] : [r.nextHopIp],
    ...(r.name !== undefined ? { name: r.name } : {}),
  };
}

function describe(r: CompareRow): string {
  return `${r.nextHopType}${r.nextHopIps.length > 0 ? ` ${r.nextHopIps.join(',')}` : ''} (${r.source}, ${r.state})`;
}

function compareRow(p: CompareRow, v: CompareRow, provider: 'aws' | 'azure'): RouteDifference | undefined {
  const blackhole = provider === 'aws' && p.state === 'blackhole' && v.state === 'blackhole';
  if (p.state.toLowerCase() !== v.state.toLowerCase())
    return {
      kind: 'state',
      prefix: p.prefix,
      provider: p,
      cloudroute: v,
      message: `state ${p.state} in the export, ${v.state} in cloudroute`,
    };
  if (!blackhole && p.nextHopType.toLowerCase() !== v.nextHopType.toLowerCase())
    return {
      kind: 'nextHop',
      prefix: p.prefix,
      provider: p,
      cloudroute: v,
      message: `next hop ${describe(p)} in the export, ${describe(v)} in cloudroute`,
    };
  if (
    !blackhole &&
    p.nextHopIps.length > 0 &&
    v.nextHopIps.length > 0 &&
    !v.nextHopIps.every((ip) => p.nextHopIps.includes(ip))
  )
    return {
      kind: 'nextHop',
      prefix: p.prefix,
      provider: p,
      cloudroute: v,
      message: `next hop ${p.nextHopIps.join(',')} in the export, ${v.nextHopIps.join(',')} in cloudroute`,
    };
  if (p.source.toLowerCase() !== v.source.toLowerCase())
    return {
      kind: 'source',
      prefix: p.prefix,
      provider: p,
      cloudroute: v,
      message: `source ${p.source} in the export, ${v.source} in cloudroute`,
    };
  return undefined;
}

/**
 * Compares a simulated effective-routes view with the provider's export of the same table.
 *
 * @throws {@link ImportInputError} when the export is not JSON or not an effective-routes export
 */
export function compareRoutes(
  view: RoutesView,
  exportText: string,
  file: string,
  options: CompareOptions = {},
): CompareResult {
  const { provider, rows } = readExport(exportText, file, options.subnetId);
  // AWS lists only the routes it installed; cloudroute's disregarded candidates carry a reason
  // (a blackhole's reason says why it drops: it is installed).
  const mine = view.routes
    .filter((r) => provider === 'azure' || r.reason === undefined || r.state === 'blackhole')
    .map(fromView);
  const prefixes = [...new Set([...rows.map((r) => r.prefix), ...mine.map((r) => r.prefix)])];
  const differences: RouteDifference[] = [];
  let matched = 0;
  for (const prefix of prefixes) {
    const ps = rows.filter((r) => r.prefix === prefix);
    const vs = mine.filter((r) => r.prefix === prefix);
    // Pair rows of the same source first, then the rest in order.
    const pairs: [CompareRow, CompareRow][] = [];
    const restP = [...ps];
    const restV = [...vs];
    for (const p of ps) {
      const k = restV.findIndex(
        (v) =>
          v.source.toLowerCase() === p.source.toLowerCase() &&
          v.nextHopType.toLowerCase() === p.nextHopType.toLowerCase(),
      );
      const j = k >= 0 ? k : restV.findIndex((v) => v.source.toLowerCase() === p.source.toLowerCase());
      if (j >= 0) {
        pairs.push([p, restV[j] as CompareRow]);
        restV.splice(j, 1);
        restP.splice(restP.indexOf(p), 1);
      }
    }
    while (restP.length > 0 && restV.length > 0)
      pairs.push([restP.shift() as CompareRow, restV.shift() as CompareRow]);
    for (const [p, v] of pairs) {
      const d = compareRow(p, v, provider);
      if (d === undefined) matched++;
      else differences.push(d);
    }
    for (const p of restP)
      differences.push({
        kind: 'missing',
        prefix,
        provider: p,
        message: `${describe(p)} is in the export, not in cloudroute's table`,
      });
    for (const v of restV)
      differences.push({
        kind: 'extra',
        prefix,
        cloudroute: v,
        message: `${describe(v)} is in cloudroute's table, not in the export`,
      });
  }
  const lines = [
    `${view.subnet} vs ${file}: ${differences.length === 0 ? 'no differences' : `${differences.length} difference${differences.length === 1 ? '' : 's'}`} (${matched} route${matched === 1 ? '' : 's'} alike)`,
    ...differences.map((d) => `  ${d.kind.padEnd(8)} ${d.prefix.padEnd(18)} ${d.message}`),
  ];
  return { subnet: view.subnet, file, provider, matched, differences, text: `${lines.join('\n')}\n` };
}
