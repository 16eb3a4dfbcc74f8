/** Timeline actions → command events (`route.add` → `route.added`). */
import type { FilterTarget, RouteTarget, TimelineAction } from './actions.js';
import type {
  BgpAdvertised,
  BgpSessionDisabled,
  BgpSessionEnabled,
  BgpWithdrawn,
  CommandEvent,
  EventOrigin,
  FilterRuleAdded,
  FilterRuleRemoved,
  FilterRuleReplaced,
  FilterUpdated,
  GatewayCreated,
  GatewayDeleted,
  GatewayFailoverStarted,
  GatewayUpdated,
  HostUpdated,
  NetworkUpdated,
  PropagationSet,
  RouteAdded,
  RouteRemoved,
  RouteReplaced,
  RouteTableAssociated,
  SubnetUpdated,
  TunnelDowned,
  TunnelUpped,
} from './events.js';
import { withLabel } from './labels.js';

function routeTarget(a: RouteTarget): RouteTarget {
  if ('routeTable' in a) return { routeTable: a.routeTable };
  if ('site' in a) return { site: a.site };
  if ('network' in a) return { network: a.network };
  return { gateway: a.gateway };
}

/** The target fields alone (the action's other fields stay out of the event's `target`). */
function filterTarget(a: FilterTarget): FilterTarget {
  if ('networkAcl' in a) return { networkAcl: a.networkAcl, direction: a.direction };
  if ('securityGroup' in a) {
    return a.direction === undefined
      ? { securityGroup: a.securityGroup }
      : { securityGroup: a.securityGroup, direction: a.direction };
  }
  if ('networkSecurityGroup' in a) return { networkSecurityGroup: a.networkSecurityGroup };
  return { network: a.network };
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
    case 'filterRule.add':
    case 'filterRule.replace':
      return withLabel<FilterRuleAdded | FilterRuleReplaced>({
        ...base,
        type: action.do === 'filterRule.add' ? 'filterRule.added' : 'filterRule.replaced',
        target: filterTarget(action),
        rule: action.rule,
      });
    case 'filterRule.remove':
      return withLabel<FilterRuleRemoved>({
        ...base,
        type: 'filterRule.removed',
        target: filterTarget(action),
        ...opt('name', action.name),
        ...opt('ruleNumber', action.ruleNumber),
        ...opt('rule', action.rule),
      });
    case 'filter.update':
      return withLabel<FilterUpdated>({
        ...base,
        type: 'filter.updated',
        target: filterTarget(action),
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
