/** Human labels of engine events, for reports and timelines: `dc1 advertised 0.0.0.0/0`. */
import type { Route, SiteRoute } from '@cloudroute/model';
import type { RouteTarget } from './actions.js';
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
