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
import type { RouteTarget, TimelineAction } from './actions.js';

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

export type Settings = Readonly<Record<string, unknown>>;

// --- command events --------------------------------------------------------------------------

export interface RouteAdded extends Base {
  readonly type: 'route.added';
  readonly target: RouteTarget;
  readonly route: Route | SiteRoute;
}
export interface RouteReplaced extends Base {
  readonly type: 'route.replaced';
  readonly target: RouteTarget;
  readonly route: Route | SiteRoute;
}
export interface RouteRemoved extends Base {
  readonly type: 'route.removed';
  readonly target: RouteTarget;
  readonly prefix?: string;
  readonly name?: string;
}
export interface RouteTableAssociated extends Base {
  readonly type: 'routeTable.associated';
  readonly subnet: string;
  readonly routeTable: string | null;
}
export interface PropagationSet extends Base {
  readonly type: 'propagation.set';
  readonly routeTable: string;
  readonly enabled: boolean;
}
export interface BgpAdvertised extends Base {
  readonly type: 'bgp.advertised';
  /** A site name or a gateway's `net/gw` (the key of `NetworkState.adverts`). */
  readonly speaker: string;
  readonly prefixes: readonly string[];
  readonly asPath?: readonly number[];
  readonly med?: number;
}
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
export interface TunnelDowned extends Base {
  readonly type: 'tunnel.downed';
  readonly connection: string;
  readonly tunnel?: number;
}
export interface TunnelUpped extends Base {
  readonly type: 'tunnel.upped';
  readonly connection: string;
  readonly tunnel?: number;
}
export interface GatewayCreated extends Base {
  readonly type: 'gateway.created';
  readonly network: string;
  readonly gateway: Gateway;
}
export interface GatewayDeleted extends Base {
  readonly type: 'gateway.deleted';
  readonly gateway: string;
}
export interface GatewayUpdated extends Base {
  readonly type: 'gateway.updated';
  readonly gateway: string;
  readonly set: Settings;
  readonly recreate?: boolean;
}
export interface GatewayFailoverStarted extends Base {
  readonly type: 'gateway.failover.started';
  readonly gateway: string;
  readonly planned: boolean;
}
export interface HostUpdated extends Base {
  readonly type: 'host.updated';
  readonly host: string;
  readonly port?: string;
  readonly set: Settings;
  /** A fault: the engine restores the previous values after this many seconds (`host.restored`). */
  readonly revertAfter?: number;
}
export interface SubnetUpdated extends Base {
  readonly type: 'subnet.updated';
  readonly subnet: string;
  readonly set: Settings;
}
export interface NetworkUpdated extends Base {
  readonly type: 'network.updated';
  readonly network: string;
  readonly set: Settings;
}

// --- facts the engine schedules --------------------------------------------------------------

/** Provisioning finished (AZ-R17, AWS-R28): the gateway forwards; its connections come back. */
export interface GatewayProvisioned extends Base {
  readonly type: 'gateway.provisioned';
  readonly gateway: string;
  /** The generation being provisioned; a later recreation makes this fact stale. */
  readonly generation: number;
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
  | NetworkUpdated;

export type FactEvent =
  GatewayProvisioned | GatewayFailoverCompleted | BgpSessionEstablished | BgpSessionDropped | HostRestored;

/** One engine event applied: a timeline action or a derived fact the engine scheduled. */
export type EngineEvent = CommandEvent | FactEvent;
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
  'gateway.provisioned',
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
};

export function isCommand(e: EngineEvent): e is CommandEvent {
  return Object.hasOwn(actionOfEvent, e.type);
}

// --- labels ----------------------------------------------------------------------------------

function short(list: readonly string[], max = 3): string {
  if (list.length <= max) return list.join(', ');
  return `${list.slice(0, max).join(', ')} +${list.length - max} more`;
}

function targetLabel(t: RouteTarget): string {
  if ('routeTable' in t) return t.routeTable;
  if ('site' in t) return t.site;
  if ('network' in t) return t.network;
  return t.gateway;
}

function routeLabel(r: Route | SiteRoute): string {
  if ('via' in r) return `${r.prefix} via ${r.via}`;
  const h = r.nextHop;
  const where =
    'ip' in h && h.ip !== undefined
      ? ` ${h.ip}`
      : 'gateway' in h && h.gateway !== undefined
        ? ` ${h.gateway}`
        : 'host' in h
          ? ` ${h.host}`
          : 'connection' in h
            ? ` ${h.connection}`
            : '';
  return `${r.prefix} → ${h.type}${where}`;
}

function settingsLabel(set: Settings): string {
  const parts = Object.entries(set).map(([k, v]) => {
    const text = typeof v === 'string' ? v : JSON.stringify(v);
    return `${k}=${text.length > 40 ? `${text.slice(0, 37)}...` : text}`;
  });
  return short(parts, 4);
}

const tunnelPart = (tunnel: number | undefined): string => (tunnel === undefined ? '' : ` tunnel ${tunnel}`);

/** An event before its label is written: every typed field but `label` (and no open index). */
export type Unlabeled<E> = E extends unknown
  ? { [K in keyof E as K extends 'label' ? never : string extends K ? never : K]: E[K] }
  : never;

/** Builds an event's human label from its fields. */
export function labelOf(ev: Unlabeled<EngineEvent>): string {
  switch (ev.type) {
    case 'route.added':
      return `${targetLabel(ev.target)}: added ${routeLabel(ev.route)}`;
    case 'route.replaced':
      return `${targetLabel(ev.target)}: replaced ${routeLabel(ev.route)}`;
    case 'route.removed':
      return `${targetLabel(ev.target)}: removed ${ev.name ?? ev.prefix ?? '?'}`;
    case 'routeTable.associated':
      return ev.routeTable === null
        ? `${ev.subnet} back on its default table`
        : `${ev.subnet} associated with ${ev.routeTable}`;
    case 'propagation.set':
      return `${ev.routeTable}: gateway route propagation ${ev.enabled ? 'on' : 'off'}`;
    case 'bgp.advertised':
      return `${ev.speaker} advertised ${short(ev.prefixes)}`;
    case 'bgp.withdrawn':
      return `${ev.speaker} withdrew ${short(ev.prefixes)}`;
    case 'bgp.session.disabled':
      return `${ev.connection}${tunnelPart(ev.tunnel)}: BGP session shut down`;
    case 'bgp.session.enabled':
      return `${ev.connection}${tunnelPart(ev.tunnel)}: BGP session enabled`;
    case 'tunnel.downed':
      return `${ev.connection}: ${ev.tunnel === undefined ? 'tunnels' : `tunnel ${ev.tunnel}`} down`;
    case 'tunnel.upped':
      return `${ev.connection}: ${ev.tunnel === undefined ? 'tunnels' : `tunnel ${ev.tunnel}`} up`;
    case 'gateway.created':
      return `${ev.network}/${ev.gateway.name} created (${ev.gateway.kind})`;
    case 'gateway.deleted':
      return `${ev.gateway} deleted`;
    case 'gateway.updated':
      return `${ev.gateway} updated: ${settingsLabel(ev.set)}${ev.recreate === true ? ' (recreate allowed)' : ''}`;
    case 'gateway.failover.started':
      return `${ev.gateway} ${ev.planned ? 'planned' : 'unplanned'} failover`;
    case 'host.updated':
      return `${ev.host}${ev.port === undefined ? '' : ` port ${ev.port}`} updated: ${settingsLabel(ev.set)}`;
    case 'subnet.updated':
      return `${ev.subnet} updated: ${settingsLabel(ev.set)}`;
    case 'network.updated':
      return `${ev.network} updated: ${settingsLabel(ev.set)}`;
    case 'gateway.provisioned':
      return `${ev.gateway} provisioned`;
    case 'gateway.failover.completed':
      return `${ev.gateway} failover completed`;
    case 'bgp.session.established':
      return `${ev.connection} tunnel ${ev.tunnel}: BGP session established (${ev.prefixes} prefix${ev.prefixes === 1 ? '' : 'es'} learned)`;
    case 'bgp.session.dropped':
      return `${ev.connection} tunnel ${ev.tunnel}: BGP session dropped (${ev.reason})`;
    case 'host.restored':
      return `${ev.host}${ev.port === undefined ? '' : ` port ${ev.port}`} restored: ${settingsLabel(ev.set)}`;
    default: {
      const never: never = ev;
      return String((never as { type: string }).type);
    }
  }
}

/** Adds the label to an event built without one. */
export function withLabel<E extends EngineEvent>(e: Unlabeled<E>): E {
  return { ...e, label: labelOf(e) } as unknown as E;
}

// --- actions → command events ----------------------------------------------------------------

function routeTarget(a: RouteTarget): RouteTarget {
  if ('routeTable' in a) return { routeTable: a.routeTable };
  if ('site' in a) return { site: a.site };
  if ('network' in a) return { network: a.network };
  return { gateway: a.gateway };
}

/** The command event of a timeline action (`origin` chaos for faults; `index` its place in the timeline). */
export function eventOfAction(
  action: TimelineAction,
  origin: EventOrigin = 'timeline',
  index?: number,
): CommandEvent {
  const base = { at: action.at, origin, ...(index === undefined ? {} : { index }) };
  const opt = <K extends string, V>(k: K, v: V | undefined): { [P in K]?: V } =>
    (v === undefined ? {} : { [k]: v }) as { [P in K]?: V };
  switch (action.do) {
    case 'route.add':
    case 'route.replace':
      return withLabel<RouteAdded | RouteReplaced>({
        ...base,
        type: action.do === 'route.add' ? 'route.added' : 'route.replaced',
        target: routeTarget(action),
        route: action.route,
      });
    case 'route.remove':
      return withLabel<RouteRemoved>({
        ...base,
        type: 'route.removed',
        target: routeTarget(action),
        ...opt('prefix', action.prefix),
        ...opt('name', action.name),
      });
    case 'routeTable.associate':
      return withLabel<RouteTableAssociated>({
        ...base,
        type: 'routeTable.associated',
        subnet: action.subnet,
        routeTable: action.routeTable,
      });
    case 'propagation.set':
      return withLabel<PropagationSet>({
        ...base,
        type: 'propagation.set',
        routeTable: action.routeTable,
        enabled: action.enabled,
      });
    case 'bgp.advertise':
      return withLabel<BgpAdvertised>({
        ...base,
        type: 'bgp.advertised',
        speaker: action.site ?? action.gateway ?? '',
        prefixes: action.prefixes,
        ...opt('asPath', action.asPath),
        ...opt('med', action.med),
      });
    case 'bgp.withdraw':
      return withLabel<BgpWithdrawn>({
        ...base,
        type: 'bgp.withdrawn',
        speaker: action.site ?? action.gateway ?? '',
        prefixes: action.prefixes,
      });
    case 'bgp.session.down':
    case 'bgp.session.up':
      return withLabel<BgpSessionDisabled | BgpSessionEnabled>({
        ...base,
        type: action.do === 'bgp.session.down' ? 'bgp.session.disabled' : 'bgp.session.enabled',
        connection: action.connection,
        ...opt('tunnel', action.tunnel),
      });
    case 'tunnel.down':
    case 'tunnel.up':
      return withLabel<TunnelDowned | TunnelUpped>({
        ...base,
        type: action.do === 'tunnel.down' ? 'tunnel.downed' : 'tunnel.upped',
        connection: action.connection,
        ...opt('tunnel', action.tunnel),
      });
    case 'gateway.create':
      return withLabel<GatewayCreated>({
        ...base,
        type: 'gateway.created',
        network: action.network,
        gateway: action.gateway,
      });
    case 'gateway.delete':
      return withLabel<GatewayDeleted>({ ...base, type: 'gateway.deleted', gateway: action.gateway });
    case 'gateway.update':
      return withLabel<GatewayUpdated>({
        ...base,
        type: 'gateway.updated',
        gateway: action.gateway,
        set: action.set,
        ...opt('recreate', action.recreate),
      });
    case 'gateway.failover':
      return withLabel<GatewayFailoverStarted>({
        ...base,
        type: 'gateway.failover.started',
        gateway: action.gateway,
        planned: action.planned ?? false,
      });
    case 'host.update':
      return withLabel<HostUpdated>({
        ...base,
        type: 'host.updated',
        host: action.host,
        ...opt('port', action.port),
        set: action.set,
        ...opt('revertAfter', action.revertAfter),
      });
    case 'subnet.update':
      return withLabel<SubnetUpdated>({
        ...base,
        type: 'subnet.updated',
        subnet: action.subnet,
        set: action.set,
      });
    case 'network.update':
      return withLabel<NetworkUpdated>({
        ...base,
        type: 'network.updated',
        network: action.network,
        set: action.set,
      });
    default: {
      const never: never = action;
      throw new UnknownActionError(String((never as { do: unknown }).do));
    }
  }
}

/** A timeline action whose `do` the engine does not know: the scenario layer let through something it should not. */
export class UnknownActionError extends Error {
  override readonly name = 'UnknownActionError';
  constructor(readonly action: string) {
    super(`unknown timeline action ${JSON.stringify(action)}`);
  }
}
