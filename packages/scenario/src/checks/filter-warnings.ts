/** Warnings: filters that `firewall: none` switches off (FILTERS-OFF) and flows without a protocol meeting protocol-specific rules (FLOW-ANY). */
import type { Provider } from '@cloudroute/model';
import type { JsonPath } from '../findings.js';
import { prefixContainsAddress, prefixesOverlap } from '@cloudroute/lpm';
import { tryParseAddress, tryParsePrefix } from '../internal/ip.js';
import { asArray, field, objects, stringField } from '../internal/raw.js';
import type { RawObject } from '../internal/raw.js';
import { normaliseProtocol } from '../schema/filters.js';
import { FILTER_LISTS } from './filter-index.js';
import { refParts } from './topology-index.js';
import type { CheckContext, NetworkEntry } from './topology-index.js';

type Mode = 'none' | 'provider-default' | 'rules';

/** The network's effective mode; undefined when the written one is not a mode (the schema says so). */
function modeOf(ctx: CheckContext, net: NetworkEntry): Mode | undefined {
  const m = field(net.raw, 'firewall') ?? field(ctx.data, 'firewall') ?? 'none';
  return m === 'none' || m === 'rules' || m === 'provider-default' ? m : undefined;
}

/** The first filter object or association written in a network, as a path, or undefined. */
function firstFilter(net: NetworkEntry): JsonPath | undefined {
  for (const [key] of FILTER_LISTS)
    if (asArray(field(net.raw, key)).length > 0 && (key !== 'securityGroups' || net.provider !== undefined))
      return [...net.path, key];
  for (const s of net.subnets.values())
    for (const key of ['networkAcl', 'networkSecurityGroup', 'defaultHost'])
      if (field(s.raw, key) !== undefined) return [...s.path, key];
  for (const h of net.hosts.values()) {
    for (const key of ['networkSecurityGroup', 'serviceAccount'])
      if (field(h.raw, key) !== undefined) return [...h.path, key];
    if (net.provider === 'aws' && field(h.raw, 'securityGroups') !== undefined)
      return [...h.path, 'securityGroups'];
  }
  return undefined;
}

export function filtersOff(ctx: CheckContext): void {
  for (const net of ctx.index.networks.values()) {
    if (modeOf(ctx, net) !== 'none') continue;
    const at = firstFilter(net);
    if (at !== undefined)
      ctx.sink.warning(
        at,
        'FILTERS-OFF',
        `network ${net.name} declares filters, but its firewall is \`none\`: they are validated, not evaluated — set \`firewall: rules\` (top level or on the network) to apply them [FILTERS-OFF]`,
        true,
      );
  }
}

/** Whether a rule object restricts the protocol (or port) in its own vocabulary. */
function protocolSpecific(rule: RawObject, provider: Provider | undefined): boolean {
  switch (provider) {
    case 'azure': {
      const p = stringField(rule, 'protocol');
      return p !== undefined && p.trim() !== '*' && p.toLowerCase() !== 'any';
    }
    case 'gcp':
      return [...objects(rule, 'allow'), ...objects(rule, 'deny')].some(
        ({ item }) => normaliseProtocol(field(item, 'protocol')) !== 'all',
      );
    case 'aws':
    case 'openstack': {
      const p = field(rule, 'protocol');
      return p !== undefined && p !== null && normaliseProtocol(p) !== 'all';
    }
    case undefined:
      return false;
  }
}

function rulesOf(net: NetworkEntry): RawObject[] {
  switch (net.provider) {
    case 'aws':
      return [
        ...objects(net.raw, 'securityGroups').flatMap(({ item }) =>
          [...objects(item, 'inbound'), ...objects(item, 'outbound')].map((r) => r.item),
        ),
        ...objects(net.raw, 'networkAcls').flatMap(({ item }) =>
          [...objects(item, 'inbound'), ...objects(item, 'outbound')].map((r) => r.item),
        ),
      ];
    case 'azure':
      return objects(net.raw, 'networkSecurityGroups').flatMap(({ item }) =>
        objects(item, 'securityRules').map((r) => r.item),
      );
    case 'gcp':
      return objects(net.raw, 'firewallRules').map((r) => r.item);
    case 'openstack':
      return objects(net.raw, 'securityGroups').flatMap(({ item }) =>
        objects(item, 'rules').map((r) => r.item),
      );
    case undefined:
      return [];
  }
}

/** Whether `to` (a prefix or an address) lies in or overlaps a subnet of `net`. */
function reaches(net: NetworkEntry, to: string): boolean {
  const prefix = tryParsePrefix(to);
  const address = prefix.ok ? undefined : tryParseAddress(to);
  return [...net.subnets.values()].some(
    (s) =>
      s.cidr !== undefined &&
      (prefix.ok
        ? prefixesOverlap(s.cidr, prefix.value)
        : address?.ok === true && prefixContainsAddress(s.cidr, address.value)),
  );
}

/** FLOW-ANY: a flow without `protocol` whose ends lie in a network filtered by protocol-specific rules. */
export function flowsWithoutProtocol(ctx: CheckContext): void {
  const specific = new Map<string, boolean>();
  for (const net of ctx.index.networks.values())
    specific.set(
      net.name,
      modeOf(ctx, net) === 'rules' && rulesOf(net).some((r) => protocolSpecific(r, net.provider)),
    );
  const filtered = [...ctx.index.networks.values()].filter((n) => specific.get(n.name) === true);
  if (filtered.length === 0) return;
  for (const { item, index } of objects(ctx.data, 'flows')) {
    const protocol = field(item, 'protocol');
    if (protocol !== undefined && protocol !== 'any') continue;
    const from = stringField(item, 'from');
    const to = stringField(item, 'to');
    const nets = new Set<string>();
    const src = from?.includes('/') === true ? refParts(from)?.network : undefined;
    if (src !== undefined) nets.add(src);
    if (to !== undefined && /[.:]/.test(to))
      for (const net of filtered) if (reaches(net, to)) nets.add(net.name);
    const hit = [...nets].find((n) => specific.get(n) === true);
    if (hit !== undefined)
      ctx.sink.warning(
        ['flows', index, ...(protocol === undefined ? ['name'] : ['protocol'])],
        'FLOW-ANY',
        `flow group ${stringField(item, 'name') ?? `flows[${index}]`} has no protocol, so only all-protocol rules match it, but network ${hit} filters by protocol — give the flows a \`protocol\` (and \`port\`) [FLOW-ANY]`,
      );
  }
}
