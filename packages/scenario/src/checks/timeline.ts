/**
 * The timeline's references, in time order: an action may name a gateway that an earlier
 * `gateway.create` made, and none may update a gateway after its `gateway.delete`. Next hops,
 * gateway kinds and `set:` fields are checked against the target's provider here, since the
 * schema cannot know it. An action at or after the horizon is a warning (it never takes effect).
 */
import { formatDuration, parseDuration } from '../duration.js';
import type { JsonPath } from '../findings.js';
import { aKind } from '../internal/describe.js';
import { asArray, asObject, field, stringField } from '../internal/raw.js';
import { GATEWAY_KINDS, foreignKindHint } from '../schema/gateways.js';
import { A_PROVIDER } from '../schema/registry.js';
import { checkFilterAction, checkFilterSet } from './filter-actions.js';
import { checkGatewayRefs, VPN_KINDS } from './references.js';
import { resolveName, resolveNetwork, resolvePath } from './resolve.js';
import { parseSet } from './set-fields.js';
import { checkRecreate } from './timeline-gateways.js';
import type { GatewayLife } from './timeline-gateways.js';
import { checkRouteAction } from './timeline-routes.js';
import { checkConnectionTunnel, checkHostUpdate } from './updates.js';
import type { CheckContext, GatewayEntry, NetworkEntry } from './topology-index.js';

/** Indexes of the timeline in `at` order (stable; an unreadable `at` sorts last). */
export function timelineOrder(timeline: readonly unknown[]): number[] {
  const at = timeline.map((a) => {
    const r = parseDuration(field(asObject(a), 'at'), 'time');
    return r.ok ? r.seconds : Infinity;
  });
  return at.map((_, i) => i).sort((a, b) => (at[a] ?? 0) - (at[b] ?? 0) || a - b);
}

/** The timeline's references in time order (see the file comment); `horizon` in seconds. */
export function checkTimeline(ctx: CheckContext, horizon: number | undefined): void {
  const timeline = asArray(field(ctx.data, 'timeline'));
  const gateways = new Map<string, GatewayLife>();
  for (const net of ctx.index.networks.values())
    for (const gw of net.gateways.values())
      gateways.set(`${net.name}/${gw.name}`, { net, entry: gw, alive: true });

  /** The network as it stands at this point of the timeline (with the gateways created so far). */
  const networkView = (net: NetworkEntry): NetworkEntry => {
    const created = [...gateways.values()].filter((g) => g.net === net && !net.gateways.has(g.entry.name));
    return created.length === 0
      ? net
      : {
          ...net,
          gateways: new Map([...net.gateways, ...created.map((g) => [g.entry.name, g.entry] as const)]),
        };
  };

  // Gateways the timeline creates, and when first: to tell "not yet" from "never".
  const createdAt = new Map<string, string>();
  for (const a of timeline) {
    const o = asObject(a);
    const name = stringField(asObject(field(o, 'gateway')), 'name');
    const at = parseDuration(field(o, 'at'), 'time');
    const key = `${stringField(o, 'network') ?? ''}/${name ?? ''}`;
    if (stringField(o, 'do') === 'gateway.create' && name !== undefined && at.ok && !createdAt.has(key))
      createdAt.set(key, formatDuration(at.seconds));
  }

  /** A gateway that exists at this point; reports unknown or deleted ones. */
  const liveGateway = (written: unknown, path: JsonPath, when: string): GatewayLife | undefined => {
    if (typeof written !== 'string') return undefined;
    const life = gateways.get(written);
    if (life === undefined) {
      const later = createdAt.get(written);
      if (later !== undefined)
        ctx.sink.error(
          path,
          'unknown-reference',
          `gateway \`${written}\` does not exist yet at ${when} (created at ${later}) — move this action after its creation`,
        );
      else resolvePath(ctx, written, 'gateways', 'gateway', path);
      return undefined;
    }
    if (!life.alive)
      ctx.sink.error(
        path,
        'unknown-reference',
        `gateway \`${written}\` no longer exists at ${when} (deleted at ${life.since ?? '?'}) — move the action before the delete or create it again`,
      );
    return life.alive ? life : undefined;
  };

  for (const index of timelineOrder(timeline)) {
    const action = asObject(timeline[index]);
    if (action === undefined) continue;
    const path: JsonPath = ['timeline', index];
    const atResult = parseDuration(field(action, 'at'), 'time');
    const when = atResult.ok ? formatDuration(atResult.seconds) : '?';
    if (atResult.ok && horizon !== undefined && atResult.seconds >= horizon)
      ctx.sink.warning(
        [...path, 'at'],
        'after-horizon',
        `at ${when} is at or after the horizon ${formatDuration(horizon)} — the change never takes effect; move it earlier or raise \`horizon\``,
      );
    const at = (key: string): JsonPath => [...path, key];
    switch (stringField(action, 'do') ?? '') {
      case 'route.add':
      case 'route.replace':
      case 'route.remove':
        checkRouteAction(ctx, action, path, { networkView, liveGateway, createdAt }, when);
        break;
      case 'routeTable.associate': {
        const subnet = resolvePath(ctx, field(action, 'subnet'), 'subnets', 'subnet', at('subnet'));
        const table =
          field(action, 'routeTable') === null
            ? undefined
            : resolvePath(ctx, field(action, 'routeTable'), 'routeTables', 'route table', at('routeTable'));
        if (subnet !== undefined && table !== undefined && subnet.network !== table.network)
          ctx.sink.error(
            at('routeTable'),
            'wrong-kind',
            `route table ${table.network.name}/${table.entry.name} is not in network ${subnet.network.name} — a subnet takes a table of its own network`,
          );
        break;
      }
      case 'propagation.set':
        resolvePath(ctx, field(action, 'routeTable'), 'routeTables', 'route table', at('routeTable'));
        break;
      case 'bgp.advertise':
      case 'bgp.withdraw': {
        const site = field(action, 'site');
        const gateway = field(action, 'gateway');
        if ((site === undefined) === (gateway === undefined))
          ctx.sink.error(
            path,
            'bad-value',
            'a BGP advertisement comes from a `site` or a `gateway` — give exactly one',
          );
        resolveName(ctx, ctx.index.sites, site, 'site', at('site'));
        liveGateway(gateway, at('gateway'), when);
        break;
      }
      case 'bgp.session.down':
      case 'bgp.session.up':
      case 'tunnel.down':
      case 'tunnel.up':
        checkConnectionTunnel(ctx, action, path, stringField(action, 'do')?.startsWith('bgp') === true);
        break;
      case 'gateway.create': {
        const net = resolveNetwork(ctx, field(action, 'network'), at('network'));
        const raw = asObject(field(action, 'gateway'));
        const name = stringField(raw, 'name');
        const kind = stringField(raw, 'kind');
        if (net === undefined || raw === undefined || name === undefined) break;
        if (net.provider !== undefined && kind !== undefined && !GATEWAY_KINDS[net.provider].includes(kind)) {
          const hint =
            foreignKindHint(kind, net.provider) ??
            `\`${kind}\` is not ${A_PROVIDER[net.provider]} gateway kind — use one of ${GATEWAY_KINDS[net.provider].join(', ')}`;
          ctx.sink.error([...path, 'gateway', 'kind'], 'wrong-provider-value', hint);
        }
        const key = `${net.name}/${name}`;
        const existing = gateways.get(key);
        if (existing?.alive === true) {
          ctx.sink.error(
            [...path, 'gateway', 'name'],
            'duplicate-name',
            `gateway \`${key}\` already exists at ${when} — delete it first or choose another name`,
          );
          break;
        }
        const entry: GatewayEntry = { name, path: [...path, 'gateway'], raw, kind };
        gateways.set(key, { net, entry, alive: true, since: when });
        checkGatewayRefs(ctx, networkView(net), entry);
        break;
      }
      case 'gateway.delete': {
        const life = liveGateway(field(action, 'gateway'), at('gateway'), when);
        if (life !== undefined) {
          life.alive = false;
          life.since = when;
        }
        break;
      }
      case 'gateway.update': {
        const life = liveGateway(field(action, 'gateway'), at('gateway'), when);
        // A gateway of a kind its provider lacks is reported where it is defined; its fields are moot.
        const provider = life?.net.provider;
        if (
          life?.entry.kind !== undefined &&
          provider !== undefined &&
          GATEWAY_KINDS[provider].includes(life.entry.kind)
        )
          parseSet(
            field(action, 'set'),
            { kind: 'gateway', gatewayKind: life.entry.kind },
            at('set'),
            ctx.sink,
          );
        if (life !== undefined) checkRecreate(ctx, action, path, life);
        break;
      }
      case 'gateway.failover': {
        const life = liveGateway(field(action, 'gateway'), at('gateway'), when);
        if (life?.entry.kind !== undefined && !VPN_KINDS.includes(life.entry.kind))
          ctx.sink.error(
            at('gateway'),
            'wrong-kind',
            `gateway \`${String(field(action, 'gateway'))}\` is ${aKind(life.entry.kind)} — only VPN gateways fail over (${VPN_KINDS.join(', ')})`,
          );
        break;
      }
      case 'host.update':
        checkHostUpdate(ctx, action, path);
        break;
      case 'subnet.update': {
        const r = resolvePath(ctx, field(action, 'subnet'), 'subnets', 'subnet', at('subnet'));
        if (r?.network.provider !== undefined)
          parseSet(
            field(action, 'set'),
            { kind: 'subnet', provider: r.network.provider },
            at('set'),
            ctx.sink,
          );
        if (r !== undefined)
          checkFilterSet(ctx, r.network, asObject(field(action, 'set')), at('set'), 'subnet', r.entry.name);
        const table = field(asObject(field(action, 'set')), 'routeTable');
        if (r !== undefined && typeof table === 'string')
          resolveName(
            ctx,
            r.network.routeTables,
            table,
            'route table',
            [...at('set'), 'routeTable'],
            ` in network ${r.network.name}`,
          );
        break;
      }
      case 'network.update': {
        const net = resolveNetwork(ctx, field(action, 'network'), at('network'));
        if (net?.provider !== undefined)
          parseSet(field(action, 'set'), { kind: 'network', provider: net.provider }, at('set'), ctx.sink);
        break;
      }
      case 'filterRule.add':
      case 'filterRule.replace':
      case 'filterRule.remove':
      case 'filter.update':
        checkFilterAction(ctx, action, path);
        break;
      default:
        break; // the schema reports an unknown action
    }
  }
}
