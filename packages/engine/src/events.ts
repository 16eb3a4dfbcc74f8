/**
 * Engine events: what happened, as plain data (`type` dotted, past tense). Two families:
 *
 * - command events, one per timeline action (`route.add` → `route.added`), which the reducer may
 *   refuse as the provider would (a {@link Rejection});
 * - facts the reducer schedules itself (`gateway.provisioned` 45 minutes after a recreation, a
 *   session `bgp.session.dropped` at its hold time, …), which are never refused but may be stale
 *   by the time they fire (the gateway was recreated again): a stale fact is not applied and not
 *   logged.
 *
 * Every event carries `at` (seconds), a short human `label` for reports, and its `origin`.
 */
import type { Gateway, Route, SiteRoute } from '@cloudroute/model';
import type { FilterRuleValue, FilterTarget, RouteTarget, TimelineAction } from './actions.js';

/** Where an event came from: the scenario's timeline, a chaos fault, or the engine (a scheduled fact). */
export type EventOrigin = 'timeline' | 'chaos' | 'engine';

interface Base {
  readonly at: number;
  readonly label: string;
  readonly origin: EventOrigin;
  /** Index of the action in the scenario's `timeline` (timeline events only). */
  readonly index?: number;
  /**
   * Open for readers written against the first, untyped `EngineEvent` (`event['gateway']`);
   * narrow on `type` to get the typed fields.
   */
  readonly [field: string]: unknown;
}

/** The fields an update sets, by name, as the scenario wrote them; `null` clears a field back to the provider default. */
export type Settings = Readonly<Record<string, unknown>>;

// --- command events --------------------------------------------------------------------------

/** `route.add`: a route is added to a route table, a GCP network, an OpenStack router or a site. */
export interface RouteAdded extends Base {
  readonly type: 'route.added';
  readonly target: RouteTarget;
  readonly route: Route | SiteRoute;
}
/** `route.replace`: the route with the same prefix (or name) in the target is replaced. */
export interface RouteReplaced extends Base {
  readonly type: 'route.replaced';
  readonly target: RouteTarget;
  readonly route: Route | SiteRoute;
}
/** `route.remove`: the route with this prefix or name leaves the target. */
export interface RouteRemoved extends Base {
  readonly type: 'route.removed';
  readonly target: RouteTarget;
  readonly prefix?: string;
  readonly name?: string;
}
/** `routeTable.associate`: a subnet moves to another route table (`null`: back to the main or system routes). */
export interface RouteTableAssociated extends Base {
  readonly type: 'routeTable.associated';
  readonly subnet: string;
  readonly routeTable: string | null;
}
/** `propagation.set`: gateway route propagation into a route table is turned on or off (AWS-R27, AZ-R10). */
export interface PropagationSet extends Base {
  readonly type: 'propagation.set';
  readonly routeTable: string;
  readonly enabled: boolean;
}
/** `bgp.advertise`: a BGP speaker starts advertising prefixes. */
export interface BgpAdvertised extends Base {
  readonly type: 'bgp.advertised';
  /** A site name or a gateway's `net/gw` (the key of `NetworkState.adverts`). */
  readonly speaker: string;
  readonly prefixes: readonly string[];
  readonly asPath?: readonly number[];
  readonly med?: number;
}
/** `bgp.withdraw`: a BGP speaker stops advertising prefixes. */
export interface BgpWithdrawn extends Base {
  readonly type: 'bgp.withdrawn';
  readonly speaker: string;
  readonly prefixes: readonly string[];
}
/** `bgp.session.down`: the session is shut down administratively (or by a chaos fault). */
export interface BgpSessionDisabled extends Base {
  readonly type: 'bgp.session.disabled';
  readonly connection: string;
  readonly tunnel?: number;
}
/** `bgp.session.up`: the shutdown is lifted; the session establishes when its path allows. */
export interface BgpSessionEnabled extends Base {
  readonly type: 'bgp.session.enabled';
  readonly connection: string;
  readonly tunnel?: number;
}
/** `tunnel.down`: a connection's tunnel (or all of them) is taken down. */
export interface TunnelDowned extends Base {
  readonly type: 'tunnel.downed';
  readonly connection: string;
  readonly tunnel?: number;
}
/** `tunnel.up`: a tunnel taken down is brought back up. */
export interface TunnelUpped extends Base {
  readonly type: 'tunnel.upped';
  readonly connection: string;
  readonly tunnel?: number;
}
/** `gateway.create`: a gateway is added to a network; it may provision for a while before it forwards. */
export interface GatewayCreated extends Base {
  readonly type: 'gateway.created';
  readonly network: string;
  readonly gateway: Gateway;
}
/** `gateway.delete`: a gateway is removed; routes naming it lose their next hop. */
export interface GatewayDeleted extends Base {
  readonly type: 'gateway.deleted';
  readonly gateway: string;
}
/** `gateway.update`: some of a gateway's fields change, in place or (`recreate`) by a delete and create. */
export interface GatewayUpdated extends Base {
  readonly type: 'gateway.updated';
  readonly gateway: string;
  readonly set: Settings;
  readonly recreate?: boolean;
}
/** `gateway.failover`: an Azure VPN gateway fails over to its other instance, planned or not (AZ-R19, AZ-R20). */
export interface GatewayFailoverStarted extends Base {
  readonly type: 'gateway.failover.started';
  readonly gateway: string;
  readonly planned: boolean;
}
/** `host.update`: some of a host's (or one of its ports') fields change. */
export interface HostUpdated extends Base {
  readonly type: 'host.updated';
  readonly host: string;
  readonly port?: string;
  readonly set: Settings;
  /** A fault: the engine restores the previous values after this many seconds (`host.restored`). */
  readonly revertAfter?: number;
}
/** `subnet.update`: some of a subnet's fields change. */
export interface SubnetUpdated extends Base {
  readonly type: 'subnet.updated';
  readonly subnet: string;
  readonly set: Settings;
}
/** `network.update`: some of a network's fields change. */
export interface NetworkUpdated extends Base {
  readonly type: 'network.updated';
  readonly network: string;
  readonly set: Settings;
}

/** `filterRule.add`: a rule appended to a filter (FILTERS.md "Timeline"); in force at once. */
export interface FilterRuleAdded extends Base {
  readonly type: 'filterRule.added';
  readonly target: FilterTarget;
  readonly rule: FilterRuleValue;
}
/** `filterRule.replace`: the rule of the same `name` (NACL: `ruleNumber`) replaced. */
export interface FilterRuleReplaced extends Base {
  readonly type: 'filterRule.replaced';
  readonly target: FilterTarget;
  readonly rule: FilterRuleValue;
}
/** `filterRule.remove`: by `name`, `ruleNumber` (NACL), or `rule` equal to an unnamed rule. */
export interface FilterRuleRemoved extends Base {
  readonly type: 'filterRule.removed';
  readonly target: FilterTarget;
  readonly name?: string;
  readonly ruleNumber?: number;
  readonly rule?: FilterRuleValue;
}
/** `filter.update`: a filter's own settings (`stateful`, OpenStack OS-R21). */
export interface FilterUpdated extends Base {
  readonly type: 'filter.updated';
  readonly target: FilterTarget;
  readonly set: { readonly stateful?: boolean };
}

// --- facts the engine schedules --------------------------------------------------------------

/** Provisioning finished (AZ-R17, AWS-R28): the gateway forwards; its connections come back. */
export interface GatewayProvisioned extends Base {
  readonly type: 'gateway.provisioned';
  readonly gateway: string;
  /** The generation being provisioned; a later recreation makes this fact stale. */
  readonly generation: number;
}
/**
 * An in-place SKU upgrade finished (AZ-R17, AZ-R18): the new SKU is in force. With `switchover`,
 * traffic moves to the resized instances in a planned failover window ([GUESS] "minimal downtime").
 */
export interface GatewayUpgraded extends Base {
  readonly type: 'gateway.upgraded';
  readonly gateway: string;
  readonly sku: string;
  /** The generation being upgraded; a recreation or deletion meanwhile makes this fact stale. */
  readonly generation: number;
  readonly switchover: boolean;
}
/** The failover window ended (AZ-R19, AZ-R20). */
export interface GatewayFailoverCompleted extends Base {
  readonly type: 'gateway.failover.completed';
  readonly gateway: string;
}
/** A session reached Established; the peer's advertisements are learned from now on. */
export interface BgpSessionEstablished extends Base {
  readonly type: 'bgp.session.established';
  readonly connection: string;
  readonly tunnel: number;
  /** Prefixes the cloud side learns over it (the peer's advertisements). */
  readonly prefixes: number;
}
/** The hold timer expired after the path to the peer failed silently (AZ-R21, AZ-R22 hold 180 s). */
export interface BgpSessionDropped extends Base {
  readonly type: 'bgp.session.dropped';
  readonly connection: string;
  readonly tunnel: number;
  readonly reason: string;
}
/** A `host.update` fault ended: the fields it set are back to their previous values. */
export interface HostRestored extends Base {
  readonly type: 'host.restored';
  readonly host: string;
  readonly port?: string;
  /** The previous values; `null` = the field was absent (provider default). */
  readonly set: Settings;
}

/** An event that carries out one timeline action; the reducer may refuse it as the provider would. */
export type CommandEvent =
  | RouteAdded
  | RouteReplaced
  | RouteRemoved
  | RouteTableAssociated
  | PropagationSet
  | BgpAdvertised
  | BgpWithdrawn
  | BgpSessionDisabled
  | BgpSessionEnabled
  | TunnelDowned
  | TunnelUpped
  | GatewayCreated
  | GatewayDeleted
  | GatewayUpdated
  | GatewayFailoverStarted
  | HostUpdated
  | SubnetUpdated
  | NetworkUpdated
  | FilterRuleAdded
  | FilterRuleReplaced
  | FilterRuleRemoved
  | FilterUpdated;

/** An event the engine schedules itself (provisioning done, session established or dropped...); never refused, skipped when stale. */
export type FactEvent =
  | GatewayProvisioned
  | GatewayUpgraded
  | GatewayFailoverCompleted
  | BgpSessionEstablished
  | BgpSessionDropped
  | HostRestored;

/** One engine event applied: a timeline action or a derived fact the engine scheduled. */
export type EngineEvent = CommandEvent | FactEvent;
/** The `type` of any engine event (`route.added`, `gateway.provisioned`...). */
export type EngineEventType = EngineEvent['type'];

/** Every event type, commands first (for schema and report legends). */
export const eventTypes: readonly EngineEventType[] = [
  'route.added',
  'route.replaced',
  'route.removed',
  'routeTable.associated',
  'propagation.set',
  'bgp.advertised',
  'bgp.withdrawn',
  'bgp.session.disabled',
  'bgp.session.enabled',
  'tunnel.downed',
  'tunnel.upped',
  'gateway.created',
  'gateway.deleted',
  'gateway.updated',
  'gateway.failover.started',
  'host.updated',
  'subnet.updated',
  'network.updated',
  'filterRule.added',
  'filterRule.replaced',
  'filterRule.removed',
  'filter.updated',
  'gateway.provisioned',
  'gateway.upgraded',
  'gateway.failover.completed',
  'bgp.session.established',
  'bgp.session.dropped',
  'host.restored',
];

/** The timeline action an event came from (`route.added` → `route.add`), for rejections. */
export const actionOfEvent: Readonly<Record<CommandEvent['type'], TimelineAction['do']>> = {
  'route.added': 'route.add',
  'route.replaced': 'route.replace',
  'route.removed': 'route.remove',
  'routeTable.associated': 'routeTable.associate',
  'propagation.set': 'propagation.set',
  'bgp.advertised': 'bgp.advertise',
  'bgp.withdrawn': 'bgp.withdraw',
  'bgp.session.disabled': 'bgp.session.down',
  'bgp.session.enabled': 'bgp.session.up',
  'tunnel.downed': 'tunnel.down',
  'tunnel.upped': 'tunnel.up',
  'gateway.created': 'gateway.create',
  'gateway.deleted': 'gateway.delete',
  'gateway.updated': 'gateway.update',
  'gateway.failover.started': 'gateway.failover',
  'host.updated': 'host.update',
  'subnet.updated': 'subnet.update',
  'network.updated': 'network.update',
  'filterRule.added': 'filterRule.add',
  'filterRule.replaced': 'filterRule.replace',
  'filterRule.removed': 'filterRule.remove',
  'filter.updated': 'filter.update',
};

/** True when the event carries out a timeline action rather than a fact the engine scheduled. */
export function isCommand(e: EngineEvent): e is CommandEvent {
  return Object.hasOwn(actionOfEvent, e.type);
}
