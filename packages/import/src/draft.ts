/**
 * The importers' intermediate topology: the scenario's objects before they have names. Every
 * object has a `key` (its provider id, lower-cased for Azure; a Terraform address when the id is
 * unknown until apply), references are keys, and `names` lists the name candidates in order of
 * preference (Name tag or resource name first). `names.ts` picks the names; `emit.ts` writes the
 * scenario document with references turned into names and `network/object` paths.
 */
import type { GatewayKind } from '@cloudroute/model';

export type ImportProvider = 'aws' | 'azure';

export interface Keyed {
  /** Unique across the whole import. */
  readonly key: string;
  /** The provider id written as `id:` (absent: none known). */
  id?: string;
  /** Name candidates, best first; the id is tried after them. */
  names: string[];
}

export type DHop =
  | { readonly type: 'local' }
  | { readonly type: 'blackhole' }
  | { readonly type: 'igw' | 'nat' | 'vgw' | 'tgw' | 'vpce'; readonly gateway: string }
  | { readonly type: 'eni'; readonly ip: string }
  | { readonly type: 'peering'; readonly peering: string }
  | { readonly type: 'VirtualAppliance'; readonly ip: string }
  | { readonly type: 'VirtualNetworkGateway' | 'VnetLocal' | 'Internet' | 'None' }
  /** Imported, not modelled (opaque.ts): kept with its kind and provider id. */
  | { readonly type: 'opaque'; readonly kind: string; readonly id: string };

export interface DRoute {
  readonly prefix: string;
  readonly hop: DHop;
  name?: string;
  /** Terraform: the address of the resource that made this route (what-if attribution). */
  origin?: string;
}

export interface DRouteTable extends Keyed {
  main?: boolean;
  propagate?: boolean;
  routes: DRoute[];
  origin?: string;
}

export interface DSubnet extends Keyed {
  cidr: string;
  /** Route table key; absent: the main table (AWS) or system routes only (Azure). */
  routeTable?: string;
  defaultOutboundAccess?: boolean;
  /** AWS: instances launched here get a public IPv4 (`MapPublicIpOnLaunch`). */
  mapPublicIpOnLaunch?: boolean;
  /** AWS availability zone (TGW attachment coverage). */
  az?: string;
  /** AWS-R32: write `zone:` (its VPC has a TGW attachment that does not cover every zone). */
  writeZone?: boolean;
  origin?: string;
  /** Terraform: the address of the association resource. */
  associationOrigin?: string;
}

export interface DHost extends Keyed {
  subnet: string;
  ip: string;
  sourceDestCheck?: boolean;
  ipForwarding?: boolean;
  publicIp?: boolean;
  origin?: string;
}

export interface DTgwAttachment extends Keyed {
  network?: string;
  connection?: string;
  /** Peering attachment: the key of the peer transit gateway (AWS-R29). */
  peer?: string;
  /** VPC attachment: the zones it has a subnet in, when not every zone of the VPC (AWS-R32). */
  zones?: string[];
  routeTable?: string;
  propagations: string[];
}

export interface DTgwRoute {
  readonly prefix: string;
  readonly attachment?: string;
  readonly blackhole?: boolean;
}

export interface DTgwRouteTable extends Keyed {
  routes: DTgwRoute[];
}

export interface DGateway extends Keyed {
  kind: GatewayKind;
  /** AWS gateway endpoint: its service (AWS-R45). */
  service?: string;
  subnet?: string;
  connectivity?: 'public' | 'private';
  asn?: number;
  vpnType?: 'RouteBased' | 'PolicyBased';
  sku?: string;
  activeActive?: boolean;
  bgpPeerIps?: string[];
  attachments?: DTgwAttachment[];
  routeTables?: DTgwRouteTable[];
  origin?: string;
}

export interface DNetwork extends Keyed {
  provider: ImportProvider;
  cidrs: string[];
  subnets: DSubnet[];
  routeTables: DRouteTable[];
  hosts: DHost[];
  gateways: DGateway[];
  origin?: string;
}

export interface DSiteRoute {
  readonly prefix: string;
  readonly via: string;
}

export interface DSite extends Keyed {
  cidrs: string[];
  asn?: number;
  bgpPeerIp?: string;
  internetEgress?: boolean;
  /** What it advertises over BGP when that differs from `cidrs`. */
  advertise?: string[];
  routes: DSiteRoute[];
  origin?: string;
}

export interface DConnection extends Keyed {
  /** The cloud gateway's key. */
  gateway: string;
  /** A site key or another gateway's key. */
  other: { readonly site: string } | { readonly gateway: string };
  bgp: boolean;
  /** AWS Direct Connect (AWS-R46): a VIF through a Direct Connect gateway, as the format writes it. */
  directConnect?: {
    readonly gateway?: string;
    readonly gatewayId?: string;
    readonly asn?: number;
    readonly allowedPrefixes?: readonly string[];
    readonly vif?: string;
  };
  origin?: string;
}

export interface DPeering extends Keyed {
  a: string;
  b: string;
  /** Azure gateway transit (AZ-R34): `a` is the hub, `b` the spoke that uses its gateway. */
  gatewayTransit?: boolean;
  origin?: string;
}

/** Timeline actions with keys for references (DESIGN.md "Timeline actions"). */
export type DAction = { at: number; origin?: string } & (
  | { readonly do: 'route.add' | 'route.replace'; readonly table: string; readonly route: DRoute }
  | { readonly do: 'route.remove'; readonly table: string; readonly prefix: string }
  | { readonly do: 'routeTable.associate'; readonly subnet: string; readonly table: string | null }
  | { readonly do: 'propagation.set'; readonly table: string; readonly enabled: boolean }
  | { readonly do: 'gateway.create'; readonly network: string; readonly gateway: DGateway }
  | { readonly do: 'gateway.delete'; readonly gateway: string }
  | {
      readonly do: 'gateway.update';
      readonly gateway: string;
      readonly set: Readonly<Record<string, unknown>>;
      readonly recreate?: boolean;
    }
  | { readonly do: 'host.update'; readonly host: string; readonly set: Readonly<Record<string, unknown>> }
  | { readonly do: 'subnet.update'; readonly subnet: string; readonly set: Readonly<Record<string, unknown>> }
  | { readonly do: 'tunnel.down' | 'tunnel.up'; readonly connection: string; readonly tunnel?: number }
);

export interface DTopology {
  networks: DNetwork[];
  sites: DSite[];
  connections: DConnection[];
  peerings: DPeering[];
  timeline: DAction[];
  /** Scenario horizon in seconds (default 1h). */
  horizon?: number;
}

export function emptyTopology(): DTopology {
  return { networks: [], sites: [], connections: [], peerings: [], timeline: [] };
}
