/**
 * The AWS inventory: every record of every `describe-*` file, dispatched on the result key (not on
 * the file name, IMPORTERS.md 1.1) and deduplicated by id across account and region files (1.7,
 * 1.8). Records stay as the API wrote them; `build.ts` reads them field by field.
 */
import { ImportInputError } from '../errors.js';
import { arr, obj, str, type JsonObject, type JsonPath } from '../internal/json.js';
import type { Warnings } from '../warnings.js';

export interface AwsRecord {
  readonly o: JsonObject;
  readonly file: string;
  readonly path: JsonPath;
  /** Terraform: the resource address (what-if attribution). */
  readonly origin?: string;
  /** Terraform: the id to write (the real id, or absent when unknown until apply). */
  readonly outId?: string | null;
}

/** A list result whose owner id is not in the answer (get-…-propagations, search-…-routes). */
export interface TableScoped {
  readonly table: string | undefined;
  readonly items: readonly AwsRecord[];
  readonly truncated: boolean;
  readonly file: string;
}

/** Result keys and the id field of their items. */
const KEYED = {
  Vpcs: 'VpcId',
  Subnets: 'SubnetId',
  RouteTables: 'RouteTableId',
  InternetGateways: 'InternetGatewayId',
  EgressOnlyInternetGateways: 'EgressOnlyInternetGatewayId',
  NatGateways: 'NatGatewayId',
  VpnGateways: 'VpnGatewayId',
  VpnConnections: 'VpnConnectionId',
  CustomerGateways: 'CustomerGatewayId',
  VpcPeeringConnections: 'VpcPeeringConnectionId',
  TransitGateways: 'TransitGatewayId',
  TransitGatewayAttachments: 'TransitGatewayAttachmentId',
  TransitGatewayVpcAttachments: 'TransitGatewayAttachmentId',
  TransitGatewayRouteTables: 'TransitGatewayRouteTableId',
  TransitGatewayPeeringAttachments: 'TransitGatewayAttachmentId',
  NetworkInterfaces: 'NetworkInterfaceId',
  // Filters (FILTERS.md "Importers"): describe-security-groups, describe-network-acls.
  SecurityGroups: 'GroupId',
  NetworkAcls: 'NetworkAclId',
  // Direct Connect (AWS-R46): the API answers in camelCase (`virtualInterfaces`, read through
  // DX_CAMEL below); Batfish snapshots hold the same records in PascalCase.
  VirtualInterfaces: 'VirtualInterfaceId',
  DirectConnectGateways: 'DirectConnectGatewayId',
  DirectConnectGatewayAssociations: 'AssociationId',
} as const;

/** describe-virtual-interfaces, describe-direct-connect-gateways and …-associations, as the CLI writes them. */
const DX_CAMEL: Readonly<Record<string, KeyedName>> = {
  virtualInterfaces: 'VirtualInterfaces',
  directConnectGateways: 'DirectConnectGateways',
  directConnectGatewayAssociations: 'DirectConnectGatewayAssociations',
};

/** A camelCase API record with its keys in the EC2 (PascalCase) spelling, at every depth. */
function pascal(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(pascal);
  const o = obj(v);
  if (o === undefined) return v;
  return Object.fromEntries(
    Object.entries(o).map(([k, x]) => [k.charAt(0).toUpperCase() + k.slice(1), pascal(x)]),
  );
}

/** The name of a keyed describe-* result (`Vpcs`, `NatGateways` …): its records are kept by id. */
export type KeyedName = keyof typeof KEYED;

/** Results that hold nothing cloudroute routes by: noted once, not warned per file. */
const NOT_ROUTING: Readonly<Record<string, string>> = {
  VpcEndpoints: 'VPC endpoints are not modelled',
  VpcEndpointServices: 'VPC endpoint services are not modelled',
  LoadBalancers: 'load balancers are not modelled',
};
const IGNORED = new Set([
  'Addresses',
  'AvailabilityZones',
  'DhcpOptions',
  'DBInstances',
  'DomainStatusList',
  'Hosts',
  'InstanceStatuses',
  'LoadBalancerAttributes',
  'LoadBalancerListeners',
  'LoadBalancerTargetHealth',
  'TargetGroups',
  'MovingAddressStatuses',
  'PlacementGroups',
  'ServiceDetails',
  'ServiceNames',
  'Tags',
  'ClassicLinkInstances',
  'KeyPairs',
  'Images',
  'Volumes',
  'Regions',
  'NextToken',
  'AdditionalRoutesAvailable',
  'ResponseMetadata',
]);

export class AwsInventory {
  readonly byKey: { [K in KeyedName]: Map<string, AwsRecord> } = {
    Vpcs: new Map(),
    Subnets: new Map(),
    RouteTables: new Map(),
    InternetGateways: new Map(),
    EgressOnlyInternetGateways: new Map(),
    NatGateways: new Map(),
    VpnGateways: new Map(),
    VpnConnections: new Map(),
    CustomerGateways: new Map(),
    VpcPeeringConnections: new Map(),
    TransitGateways: new Map(),
    TransitGatewayAttachments: new Map(),
    TransitGatewayVpcAttachments: new Map(),
    TransitGatewayRouteTables: new Map(),
    TransitGatewayPeeringAttachments: new Map(),
    NetworkInterfaces: new Map(),
    SecurityGroups: new Map(),
    NetworkAcls: new Map(),
    VirtualInterfaces: new Map(),
    DirectConnectGateways: new Map(),
    DirectConnectGatewayAssociations: new Map(),
  };
  readonly instances = new Map<string, AwsRecord>();
  readonly propagations: TableScoped[] = [];
  readonly tgwRoutes: TableScoped[] = [];
  readonly tgwAssociations: TableScoped[] = [];
  /** Prefix list id → CIDRs. */
  readonly prefixLists = new Map<string, string[]>();
  /** Prefix list id → its name (`com.amazonaws.us-east-1.s3` for a service's list). */
  readonly prefixListNames = new Map<string, string>();
  /** Managed prefix lists listed without their CIDRs (describe-managed-prefix-lists). */
  readonly managedLists = new Set<string>();
  /** get-managed-prefix-list-entries answers (the list id is not in them). */
  readonly entries: { readonly file: string; readonly cidrs: string[] }[] = [];
  readonly notRouting = new Map<string, Set<string>>();
  /** Files that held at least one describe-* result. */
  recognized = 0;
  readonly ignored = new Map<string, number>();

  /** Adds a keyed record; the first copy of an id wins (the same TGW in every account's files). */
  put(kind: KeyedName, rec: AwsRecord, warnings: Warnings): void {
    const id = str(rec.o[KEYED[kind]]);
    if (id === undefined) {
      warnings.add('malformed', `no ${KEYED[kind]} — record skipped`, rec.file, rec.path);
      return;
    }
    const map = this.byKey[kind];
    // A TGW peering attachment is listed by both transit gateways under one id: one record per side.
    const side =
      kind === 'TransitGatewayAttachments' && str(rec.o['ResourceType']) === 'peering'
        ? `${id}@${str(rec.o['TransitGatewayId']) ?? ''}`
        : id;
    if (!map.has(side)) map.set(side, rec);
  }
}

function looksAzure(o: JsonObject): boolean {
  const id = str(o['id']) ?? '';
  return (
    (str(o['type'])?.toLowerCase().startsWith('microsoft.') ?? false) ||
    /^\/?(subscriptions|resourcegroups)\//i.test(id)
  );
}

/** Refuses another provider's export with a message that names the right command. */
export function refuseForeign(value: unknown, file: string, expected: 'aws' | 'azure' | 'terraform'): void {
  const o = obj(value);
  const first = obj(arr(value)[0]) ?? obj(arr(o?.['value'])[0]);
  if (expected !== 'terraform' && o !== undefined && 'format_version' in o)
    throw new ImportInputError(
      file,
      ['format_version'],
      'this is Terraform JSON (terraform show -json) — use `cloudroute import terraform`',
    );
  if (
    expected !== 'azure' &&
    ((o !== undefined && looksAzure(o)) || (first !== undefined && looksAzure(first)))
  )
    throw new ImportInputError(
      file,
      o !== undefined && looksAzure(o) ? ['type'] : [0, 'type'],
      'this is an Azure resource (ARM or az CLI JSON) — use `cloudroute import azure`',
    );
  if (expected !== 'aws' && o !== undefined && Object.keys(o).some((k) => k in KEYED || k === 'Reservations'))
    throw new ImportInputError(
      file,
      [Object.keys(o).find((k) => k in KEYED || k === 'Reservations') ?? ''],
      'this is AWS CLI JSON (aws ec2 describe-*) — use `cloudroute import aws`',
    );
}

function list(o: JsonObject, key: string, file: string): readonly unknown[] {
  const v = o[key];
  if (!Array.isArray(v))
    throw new ImportInputError(
      file,
      [key],
      `expected a list (the ${key} of a describe-* call), found ${v === null ? 'null' : typeof v} — export it again with --output json`,
    );
  return v;
}

/** Reads one parsed file into the inventory. */
export function readAwsFile(inv: AwsInventory, value: unknown, file: string, warnings: Warnings): void {
  refuseForeign(value, file, 'aws');
  const o = obj(value);
  if (o === undefined) {
    warnings.add(
      'unsupported',
      'not an AWS describe-* result (a JSON object with a result key) — skipped',
      file,
    );
    return;
  }
  const keys = Object.keys(o);
  let used = false;
  for (const key of keys) {
    if (key in KEYED) {
      const kind = key as KeyedName;
      list(o, key, file).forEach((item, i) => {
        const rec = obj(item);
        if (rec === undefined) warnings.add('malformed', 'not an object — skipped', file, [key, i]);
        else inv.put(kind, { o: rec, file, path: [key, i] }, warnings);
      });
      used = true;
    } else if (key in DX_CAMEL) {
      const kind = DX_CAMEL[key] as KeyedName;
      list(o, key, file).forEach((item, i) => {
        const rec = obj(pascal(item));
        if (rec === undefined) warnings.add('malformed', 'not an object — skipped', file, [key, i]);
        else inv.put(kind, { o: rec, file, path: [key, i] }, warnings);
      });
      used = true;
    } else if (key === 'Reservations') {
      list(o, key, file).forEach((r, i) =>
        arr(obj(r)?.['Instances']).forEach((item, k) => {
          const rec = obj(item);
          const id = str(rec?.['InstanceId']);
          if (rec !== undefined && id !== undefined && !inv.instances.has(id))
            inv.instances.set(id, { o: rec, file, path: [key, i, 'Instances', k] });
        }),
      );
      used = true;
    } else if (key === 'Instances') {
      list(o, key, file).forEach((item, k) => {
        const rec = obj(item);
        const id = str(rec?.['InstanceId']);
        if (rec !== undefined && id !== undefined && !inv.instances.has(id))
          inv.instances.set(id, { o: rec, file, path: [key, k] });
      });
      used = true;
    } else if (key === 'PrefixLists') {
      list(o, key, file).forEach((item, i) => {
        const pl = obj(item);
        const id = str(pl?.['PrefixListId']);
        if (pl === undefined || id === undefined)
          return warnings.add('malformed', 'prefix list without PrefixListId — skipped', file, [key, i]);
        const plName = str(pl['PrefixListName']);
        if (plName !== undefined) inv.prefixListNames.set(id, plName);
        if (Array.isArray(pl['Cidrs']))
          inv.prefixLists.set(
            id,
            arr(pl['Cidrs']).filter((c): c is string => typeof c === 'string'),
          );
        else if (!inv.prefixLists.has(id)) inv.managedLists.add(id);
      });
      used = true;
    } else if (key === 'Entries') {
      inv.entries.push({
        file,
        cidrs: list(o, key, file)
          .map((e) => str(obj(e)?.['Cidr']))
          .filter((c) => c !== undefined),
      });
      used = true;
    } else if (key === 'TransitGatewayPropagations' || key === 'TransitGatewayStaticRoutes') {
      // ratulm/bf-aws-snapshot wrappers: one entry per TGW route table, with its id.
      list(o, key, file).forEach((item, i) => {
        const w = obj(item);
        const inner =
          key === 'TransitGatewayPropagations' ? 'TransitGatewayRouteTablePropagations' : 'Routes';
        const items = arr(w?.[inner]).flatMap((x, k) => {
          const r = obj(x);
          return r === undefined ? [] : [{ o: r, file, path: [key, i, inner, k] }];
        });
        const target = key === 'TransitGatewayPropagations' ? inv.propagations : inv.tgwRoutes;
        target.push({
          table: str(w?.['TransitGatewayRouteTableId']),
          items,
          truncated: w?.['AdditionalRoutesAvailable'] === true,
          file,
        });
      });
      used = true;
    } else if (key === 'TransitGatewayRouteTablePropagations' || key === 'Routes' || key === 'Associations') {
      // get-transit-gateway-route-table-propagations / search-transit-gateway-routes /
      // get-transit-gateway-route-table-associations: the table id is not in the answer.
      const items = list(o, key, file).flatMap((x, k) => {
        const r = obj(x);
        return r === undefined ? [] : [{ o: r, file, path: [key, k] }];
      });
      const scoped = { table: undefined, items, truncated: o['AdditionalRoutesAvailable'] === true, file };
      (key === 'Routes'
        ? inv.tgwRoutes
        : key === 'Associations'
          ? inv.tgwAssociations
          : inv.propagations
      ).push(scoped);
      used = true;
    } else if (key in NOT_ROUTING) {
      const why = NOT_ROUTING[key] ?? key;
      inv.notRouting.set(why, new Set([...(inv.notRouting.get(why) ?? []), key]));
      used = true;
    } else if (IGNORED.has(key)) {
      inv.ignored.set(key, (inv.ignored.get(key) ?? 0) + 1);
      used = true;
    }
  }
  if (used) inv.recognized++;
  else
    warnings.add(
      'unsupported',
      `not an AWS describe-* result cloudroute reads (keys: ${keys.slice(0, 5).join(', ') || 'none'}) — skipped`,
      file,
    );
}
