/** Human labels of engine events, for reports and timelines: `dc1 advertised 0.0.0.0/0`. */
import type { IpProtocol, PortRange, Route, SiteRoute } from '@cloudroute/model';
import type { FilterRuleValue, FilterTarget, RouteTarget } from './actions.js';
import type { EngineEvent, Settings } from './events.js';

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

function filterTargetLabel(t: FilterTarget): string {
  if ('networkAcl' in t) return `${t.networkAcl} ${t.direction}`;
  if ('securityGroup' in t)
    return t.direction === undefined ? t.securityGroup : `${t.securityGroup} ${t.direction}`;
  if ('networkSecurityGroup' in t) return t.networkSecurityGroup;
  return `${t.network} firewall`;
}

const protoText = (p: IpProtocol | undefined): string =>
  p === undefined ? 'all' : typeof p === 'number' ? `proto ${p}` : p;
const portText = (p: PortRange | undefined): string =>
  p === undefined ? '' : p.lo === p.hi ? ` ${p.lo}` : ` ${p.lo}-${p.hi}`;

/** A rule in a few words, in its provider's vocabulary (the shape tells which). */
function filterRuleLabel(r: FilterRuleValue): string {
  if ('ruleNumber' in r)
    return `#${r.ruleNumber} ${r.action} ${protoText(r.protocol)}${portText(r.port)} ${r.cidr}`;
  if ('access' in r) return `${r.name} (${r.direction} ${r.priority} ${r.access})`;
  if ('priority' in r)
    return `${r.name} (${r.direction} ${r.priority} ${r.deny === undefined ? 'allow' : 'deny'})`;
  if ('direction' in r) {
    const ports =
      r.portRangeMin === undefined
        ? ''
        : r.portRangeMax === undefined || r.portRangeMax === r.portRangeMin
          ? ` ${r.portRangeMin}`
          : ` ${r.portRangeMin}-${r.portRangeMax}`;
    const remote = r.remoteIpPrefix ?? (r.remoteGroup === undefined ? 'any' : `group ${r.remoteGroup}`);
    return `${r.direction} ${protoText(r.protocol)}${ports} ${r.direction === 'ingress' ? 'from' : 'to'} ${remote}`;
  }
  const peer = r.cidr ?? (r.prefixList === undefined ? `sg ${r.securityGroup ?? '?'}` : `pl ${r.prefixList}`);
  const text = `${protoText(r.protocol)}${portText(r.port)} ${peer}`;
  return r.name === undefined ? text : `${r.name} (${text})`;
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
    case 'filterRule.added':
      return `${filterTargetLabel(ev.target)}: added ${filterRuleLabel(ev.rule)}`;
    case 'filterRule.replaced':
      return `${filterTargetLabel(ev.target)}: replaced ${filterRuleLabel(ev.rule)}`;
    case 'filterRule.removed':
      return `${filterTargetLabel(ev.target)}: removed ${
        ev.name ??
        (ev.ruleNumber === undefined ? undefined : `#${ev.ruleNumber}`) ??
        (ev.rule === undefined ? '?' : filterRuleLabel(ev.rule))
      }`;
    case 'filter.updated':
      return `${filterTargetLabel(ev.target)} updated: ${settingsLabel(ev.set)}`;
    case 'gateway.provisioned':
      return `${ev.gateway} provisioned`;
    case 'gateway.upgraded':
      return `${ev.gateway} upgraded to ${ev.sku}`;
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
  const label = labelOf(e);
  // `type` and `at` first (the placeholders fix the key order), so that log lines read well.
  return Object.assign({ type: undefined, at: undefined }, e, { label });
}
