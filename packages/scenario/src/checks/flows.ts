/**
 * Flow groups, expectations and the chaos block: sources and destinations exist, intervals run
 * forwards inside the horizon, faults name real connections, gateways and hosts.
 */
import { formatDuration, parseDuration } from '../duration.js';
import type { JsonPath } from '../findings.js';
import { aKind } from '../internal/describe.js';
import { asArray, asObject, field, objects, stringField } from '../internal/raw.js';
import { VPN_KINDS } from './references.js';
import { resolveName, resolvePath, unknownMessage } from './resolve.js';
import { refParts } from './topology-index.js';
import type { CheckContext } from './topology-index.js';
import { checkConnectionTunnel, checkHostUpdate } from './updates.js';

function checkFlows(ctx: CheckContext): void {
  for (const { item, index } of objects(ctx.data, 'flows')) {
    const path: JsonPath = ['flows', index];
    const rawFrom = field(item, 'from');
    const from = refParts(rawFrom);
    // A source without `/` names a site (traffic from on-premises: sources drawn from its cidrs).
    if (typeof rawFrom === 'string' && !rawFrom.includes('/')) {
      const site = resolveName(ctx, ctx.index.sites, rawFrom, 'site', [...path, 'from']);
      const cidrs = site ? asArray(field(site.raw, 'cidrs')) : [];
      if (site && !cidrs.some((c) => typeof c === 'string' && c.includes('.')))
        ctx.sink.error(
          [...path, 'from'],
          'no-ipv4-source',
          `site \`${rawFrom}\` has no IPv4 cidr to draw sources from — flows are IPv4: give the site an IPv4 cidr or start the group elsewhere`,
        );
    }
    if (from !== undefined) {
      const net = ctx.index.networks.get(from.network);
      const subnet = net?.subnets.get(from.object);
      const host = net?.hosts.get(from.object);
      if (net === undefined || (subnet === undefined && host === undefined)) {
        const known = [...ctx.index.networks.values()].flatMap((n) =>
          [...n.subnets.keys(), ...n.hosts.keys()].map((o) => `${n.name}/${o}`),
        );
        ctx.sink.error(
          [...path, 'from'],
          'unknown-reference',
          unknownMessage('subnet or host', `${from.network}/${from.object}`, known),
        );
      } else if (subnet !== undefined && host !== undefined)
        ctx.sink.error(
          [...path, 'from'],
          'ambiguous-reference',
          `\`${from.network}/${from.object}\` names both a subnet and a host — rename one of them`,
        );
    }
    const to = stringField(item, 'to');
    // A prefix (with a dot or colon) or `internet` needs no lookup; anything else names a site.
    if (to !== undefined && to !== 'internet' && !/[.:]/.test(to))
      resolveName(ctx, ctx.index.sites, to, 'site', [...path, 'to']);
  }
}

function checkExpectations(ctx: CheckContext, horizon: number | undefined): void {
  for (const { item, index } of objects(ctx.data, 'expect')) {
    const path: JsonPath = ['expect', index];
    resolveName(ctx, ctx.index.flows, field(item, 'flows'), 'flow group', [...path, 'flows']);
    const [a, b] = asArray(field(item, 'during')).map((v) => parseDuration(v, 'time'));
    if (a?.ok !== true || b?.ok !== true) continue;
    if (a.seconds >= b.seconds)
      ctx.sink.error(
        [...path, 'during'],
        'bad-interval',
        `\`during\` [${formatDuration(a.seconds)}, ${formatDuration(b.seconds)}] is empty or runs backwards — write [start, end] with start before end`,
      );
    else if (horizon !== undefined && b.seconds > horizon)
      ctx.sink.warning(
        [...path, 'during', 1],
        'after-horizon',
        `\`during\` ends at ${formatDuration(b.seconds)}, after the horizon ${formatDuration(horizon)} — only [${formatDuration(a.seconds)}, ${formatDuration(horizon)}) is measured; raise \`horizon\` or end earlier`,
      );
  }
}

function checkChaos(ctx: CheckContext): void {
  for (const { item, index } of objects(asObject(field(ctx.data, 'chaos')), 'faults')) {
    const path: JsonPath = ['chaos', 'faults', index];
    switch (stringField(item, 'kind') ?? '') {
      case 'tunnel.down':
      case 'bgp.session.down':
        checkConnectionTunnel(ctx, item, path, stringField(item, 'kind') === 'bgp.session.down');
        break;
      case 'gateway.failover': {
        const r = resolvePath(ctx, field(item, 'gateway'), 'gateways', 'gateway', [...path, 'gateway']);
        if (r?.entry.kind !== undefined && !VPN_KINDS.includes(r.entry.kind))
          ctx.sink.error(
            [...path, 'gateway'],
            'wrong-kind',
            `gateway \`${r.network.name}/${r.entry.name}\` is ${aKind(r.entry.kind)} — only VPN gateways fail over (${VPN_KINDS.join(', ')})`,
          );
        break;
      }
      case 'host.update':
        checkHostUpdate(ctx, item, path);
        break;
      default:
        break;
    }
  }
}

export function checkFlowsAndChaos(ctx: CheckContext, horizon: number | undefined): void {
  checkFlows(ctx);
  checkExpectations(ctx, horizon);
  checkChaos(ctx);
}
