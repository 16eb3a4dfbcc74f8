/**
 * The importers' intermediate topology: the scenario's objects before they have names. Every
 * object has a `key` (its provider id, lower-cased for Azure; a Terraform address when the id is
 * unknown until apply), references are keys, and `names` lists the name candidates in order of
 * preference (Name tag or resource name first). `names.ts` picks the names; `emit.ts` writes the
 * scenario document with references turned into names and `network/object` paths.
 */
import type { GatewayKind } from '@cloudroute/model';
import type { Scenario } from '@cloudroute/scenario';

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
  /** AWS-R40: network ACL key; absent: the VPC's default NACL. */
  networkAcl?: string;
  /** AZ-R25: network security group key (possibly another VNet's). */
  networkSecurityGroup?: string;
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
  /** AWS-R35: security group keys (absent: the VPC's `default`). */
  securityGroups?: string[];
  /** AZ-R25: the NIC's network security group key (possibly another VNet's). */
  networkSecurityGroup?: string;
  origin?: string;
}

// ---------------------------------------------------------------------------------------------
// Filters (FILTERS.md "Filter objects"): values as the scenario writes them, references as keys.
// ---------------------------------------------------------------------------------------------

/** An IP protocol as the scenario writes it: `all`, `tcp`, `udp`, `icmp` or a number. */
export type DProtocol = 'all' | 'tcp' | 'udp' | 'icmp' | number;

/** AWS-R35: one security-group rule; exactly one of `cidr`, `prefixList`, `securityGroup`. */
export interface DSgRule {
  readonly protocol: DProtocol;
  /** A port or `lo-hi` (tcp, udp). */
  readonly port?: number | string;
  readonly icmpType?: number;
  readonly icmpCode?: number;
  readonly cidr?: string;
  /** Prefix list key (same network). */
  readonly prefixList?: string;
  /** Security group key (same network, or a peered VPC's: written `net/sg`). */
  readonly securityGroup?: string;
  readonly name?: string;
}

export interface DSecurityGroup extends Keyed {
  inbound: DSgRule[];
  outbound: DSgRule[];
  origin?: string;
}

/** AWS-R40: one NACL entry (1–32766; the `*` rules are implicit). */
export interface DNaclEntry {
  readonly ruleNumber: number;
  readonly protocol: DProtocol;
  readonly port?: number | string;
  readonly icmpType?: number;
  readonly icmpCode?: number;
  readonly cidr: string;
  readonly action: 'allow' | 'deny';
}

export interface DNetworkAcl extends Keyed {
  default?: boolean;
  inbound: DNaclEntry[];
  outbound: DNaclEntry[];
  origin?: string;
}

/** AWS-R38: a prefix list referenced by security-group rules. */
export interface DPrefixList extends Keyed {
  cidrs: string[];
}

/** AZ-R26: one NSG rule, in the scenario's spelling (`Tcp`, `"*"`, CIDRs or tags, port texts). */
export interface DNsgRule {
  readonly name: string;
  readonly priority: number;
  readonly direction: 'Inbound' | 'Outbound';
  readonly access: 'Allow' | 'Deny';
  readonly protocol: string;
  readonly source: string | string[];
  readonly destination: string | string[];
  readonly sourcePorts: string | number | (string | number)[];
  readonly destinationPorts: string | number | (string | number)[];
  origin?: string;
}

export interface DNsg extends Keyed {
  securityRules: DNsgRule[];
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
  prefixLists?: DPrefixList[];
  securityGroups?: DSecurityGroup[];
  networkAcls?: DNetworkAcl[];
  networkSecurityGroups?: DNsg[];
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

/** The filter a `filterRule.*` action changes (FILTERS.md "Timeline"): a key, written `net/object`. */
export type DFilterTarget =
  | { readonly securityGroup: string; readonly direction: 'inbound' | 'outbound' }
  | { readonly networkAcl: string; readonly direction: 'inbound' | 'outbound' }
  | { readonly networkSecurityGroup: string };

/** A timeline action as the engine takes it (the simulator's scenario holds them). */
type EngineAction = Scenario['timeline'][number];

/**
 * The engine's actions of the given kinds, without their time: the draft holds them as they are
 * (their references are object keys until the emitter writes them as paths).
 */
type AsInEngine<D extends EngineAction['do']> =
  Extract<EngineAction, { readonly do: D }> extends infer A
    ? A extends unknown
      ? Omit<A, 'at'>
      : never
    : never;

/** Timeline actions with keys for references (DESIGN.md "Timeline actions"). */
export type DAction = { at: number; origin?: string } & (
  | { readonly do: 'route.add' | 'route.replace'; readonly table: string; readonly route: DRoute }
  | { readonly do: 'route.remove'; readonly table: string; readonly prefix: string }
  | { readonly do: 'routeTable.associate'; readonly subnet: string; readonly table: string | null }
  | { readonly do: 'propagation.set'; readonly table: string; readonly enabled: boolean }
  | { readonly do: 'gateway.create'; readonly network: string; readonly gateway: DGateway }
  | AsInEngine<'gateway.delete' | 'gateway.update' | 'subnet.update' | 'tunnel.down' | 'tunnel.up'>
  | { readonly do: 'host.update'; readonly host: string; readonly set: Readonly<Record<string, unknown>> }
  | {
      readonly do: 'filterRule.add' | 'filterRule.replace';
      readonly target: DFilterTarget;
      readonly rule: DSgRule | DNaclEntry | DNsgRule;
    }
  | {
      readonly do: 'filterRule.remove';
      readonly target: DFilterTarget;
      readonly name?: string;
      readonly ruleNumber?: number;
      /** An unnamed security-group rule, by content. */
      readonly rule?: DSgRule;
    }
);

export interface DTopology {
  networks: DNetwork[];
  sites: DSite[];
  connections: DConnection[];
  peerings: DPeering[];
  timeline: DAction[];
  /** Scenario horizon in seconds (default 1h). */
  horizon?: number;
  /** `rules` when filters were imported (FILTERS.md): the estate is evaluated with them. */
  firewall?: 'rules';
  /** AZ-R30: offline contents of the service tags the imported rules use. */
  serviceTags?: Record<string, string[]>;
}

export function emptyTopology(): DTopology {
  return { networks: [], sites: [], connections: [], peerings: [], timeline: [] };
}
