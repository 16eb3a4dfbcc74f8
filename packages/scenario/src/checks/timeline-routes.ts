/**
 * The timeline's route actions (`route.add`, `route.replace`, `route.remove`): one target
 * (route table, GCP network, OpenStack router or site), and a next hop that exists at that time.
 */
import type { JsonPath } from '../findings.js';
import { aKind } from '../internal/describe.js';
import { asObject, asArray, field, stringField } from '../internal/raw.js';
import type { RawObject } from '../internal/raw.js';
import { A_PROVIDER, PROVIDER_NAMES } from '../schema/registry.js';
import { checkNextHop } from './next-hop-refs.js';
import { resolveName, resolveNetwork, resolvePath } from './resolve.js';
import type { GatewayLife } from './timeline-gateways.js';
import type { CheckContext, NetworkEntry } from './topology-index.js';

const ROUTE_TARGETS = ['routeTable', 'site', 'network', 'gateway'] as const;

/** What a route action sees of the timeline so far. */
export interface TimelineState {
  readonly networkView: (net: NetworkEntry) => NetworkEntry;
  readonly liveGateway: (written: unknown, path: JsonPath, when: string) => GatewayLife | undefined;
  readonly createdAt: ReadonlyMap<string, string>;
}

/** Checks one route action against the timeline so far (`state`) at time `when`. */
export function checkRouteAction(
  ctx: CheckContext,
  action: RawObject,
  path: JsonPath,
  state: TimelineState,
  when: string,
): void {
  const { networkView, liveGateway } = state;
  const targets = ROUTE_TARGETS.filter((t) => field(action, t) !== undefined);
  if (targets.length !== 1) {
    ctx.sink.error(
      path,
      'bad-value',
      `a route action names one place: \`routeTable\`, \`site\`, \`network\` or \`gateway\` — ${targets.length === 0 ? 'add one' : `remove all but one of ${targets.join(', ')}`}`,
    );
    return;
  }
  const route = asObject(field(action, 'route'));
  const routePath = [...path, 'route'];
  const isRemove = field(action, 'do') === 'route.remove';
  if (isRemove && field(action, 'prefix') === undefined && field(action, 'name') === undefined)
    ctx.sink.error(path, 'missing-field', 'name the route to remove by `prefix` or `name`');
  let net: NetworkEntry | undefined;
  switch (targets[0] ?? '') {
    case 'routeTable':
      net = resolvePath(ctx, field(action, 'routeTable'), 'routeTables', 'route table', [
        ...path,
        'routeTable',
      ])?.network;
      break;
    case 'network': {
      net = resolveNetwork(ctx, field(action, 'network'), [...path, 'network']);
      if (net?.provider !== undefined && net.provider !== 'gcp') {
        ctx.sink.error(
          [...path, 'network'],
          'wrong-kind',
          `\`network:\` targets a GCP network's routes — ${net.name} is ${A_PROVIDER[net.provider]} network; use ${net.provider === 'openstack' ? '`gateway: net/router`' : '`routeTable: net/table`'}`,
        );
        net = undefined;
      }
      break;
    }
    case 'gateway': {
      const life = liveGateway(field(action, 'gateway'), [...path, 'gateway'], when);
      if (life !== undefined && life.entry.kind !== 'router') {
        ctx.sink.error(
          [...path, 'gateway'],
          'wrong-kind',
          `\`gateway:\` targets an OpenStack router's extra routes — ${String(field(action, 'gateway'))} is ${aKind(life.entry.kind ?? '?')}`,
        );
        return;
      }
      net = life?.net;
      break;
    }
    case 'site': {
      const site = resolveName(ctx, ctx.index.sites, field(action, 'site'), 'site', [...path, 'site']);
      if (isRemove || route === undefined) return;
      if (field(route, 'nextHop') !== undefined)
        ctx.sink.error(
          [...routePath, 'nextHop'],
          'wrong-kind',
          'a site route has `via: <connection>`, not `nextHop` — replace it',
          true,
        );
      const via = resolveName(ctx, ctx.index.connections, field(route, 'via'), 'connection', [
        ...routePath,
        'via',
      ]);
      if (field(route, 'via') === undefined)
        ctx.sink.error(
          routePath,
          'missing-field',
          'missing required field `via` — a site route goes via a connection',
        );
      for (const key of ['priority', 'tags'])
        if (field(route, key) !== undefined)
          ctx.sink.error(
            [...routePath, key],
            'wrong-kind',
            `\`${key}\` is for GCP routes — a site route has \`prefix\` and \`via\`; remove it`,
            true,
          );
      if (site !== undefined && via !== undefined && !asArray(field(via.raw, 'between')).includes(site.name))
        ctx.sink.error(
          [...routePath, 'via'],
          'wrong-kind',
          `connection \`${via.name}\` does not end at site ${site.name} — route via one of its connections`,
        );
      return;
    }
    case '':
      return;
  }
  if (isRemove || route === undefined || net === undefined) return;
  if (field(route, 'via') !== undefined)
    ctx.sink.error(
      [...routePath, 'via'],
      'wrong-kind',
      '`via` is for site routes — a network route has `nextHop`',
      true,
    );
  if (field(route, 'nextHop') === undefined)
    ctx.sink.error(routePath, 'missing-field', 'missing required field `nextHop` — add it');
  for (const key of ['priority', 'tags'])
    if (field(route, key) !== undefined && net.provider !== 'gcp' && net.provider !== undefined)
      ctx.sink.error(
        [...routePath, key],
        'wrong-provider-field',
        `\`${key}\` is a GCP field — ${PROVIDER_NAMES[net.provider]} routes have none; remove it`,
        true,
      );
  const view = networkView(net);
  const hop = asObject(field(route, 'nextHop'));
  const hopGateway = stringField(hop, 'gateway');
  const later =
    hopGateway === undefined || view.gateways.has(hopGateway)
      ? undefined
      : state.createdAt.get(`${net.name}/${hopGateway}`);
  if (later !== undefined) {
    ctx.sink.error(
      [...routePath, 'nextHop', 'gateway'],
      'unknown-reference',
      `gateway \`${hopGateway ?? ''}\` does not exist yet at ${when} (created at ${later}) — move this action after its creation`,
    );
    return;
  }
  checkNextHop(ctx, view, hop, [...routePath, 'nextHop'], true);
}
