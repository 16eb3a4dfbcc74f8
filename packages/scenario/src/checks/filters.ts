/**
 * Traffic filters across objects (FILTERS.md "Validation"): names of filter objects, the
 * references of subnets, hosts, ports and rules to them (prefix lists, security groups, network
 * ACLs, NSGs, remote groups, service tags), numbers and priorities repeated in a direction
 * (AWS-R40, AZ-R26), `securityGroups: []` on AWS (AWS-R36), one OpenStack `default` group per
 * scenario (OS-R23); warnings for an NSG on a GatewaySubnet (AZ-R32), quotas (AWS-R44, AZ-R33),
 * filters that `firewall: none` switches off (`FILTERS-OFF`) and flows without a protocol that meet
 * protocol-specific rules (`FLOW-ANY`). The timeline's filter actions and filter fields of
 * `host.update` / `subnet.update` are checked here too (called from timeline.ts). Rules invalid in
 * themselves are the schema's (schema/filters.ts).
 */
import type { Provider } from '@cloudroute/model';
import type { JsonPath } from '../findings.js';
import { prefixContainsAddress, prefixesOverlap, tryParseAddress, tryParsePrefix } from '../internal/ip.js';
import { asArray, asObject, field, objects, stringField } from '../internal/raw.js';
import type { RawObject } from '../internal/raw.js';
import { BUILT_IN_TAGS, normaliseProtocol } from '../schema/filters.js';
import { A_PROVIDER, PROVIDER_NAMES } from '../schema/registry.js';
import { FILTER_TARGETS, parseFilterRule, vocabularyOf } from './filter-rule.js';
import type { FilterTargetKey } from './filter-rule.js';
import { unknownMessage } from './resolve.js';
import { splitPath } from './topology-index.js';
import type { CheckContext, Entry, NetworkEntry } from './topology-index.js';

// ---------------------------------------------------------------------------------------------
// The index of filter objects
// ---------------------------------------------------------------------------------------------

interface NetworkFilters {
  readonly net: NetworkEntry;
  readonly prefixLists: ReadonlyMap<string, Entry>;
  readonly securityGroups: ReadonlyMap<string, Entry>;
  readonly networkAcls: ReadonlyMap<string, Entry>;
  readonly networkSecurityGroups: ReadonlyMap<string, Entry>;
  readonly firewallRules: ReadonlyMap<string, Entry>;
}

interface FilterIndex {
  readonly networks: ReadonlyMap<string, NetworkFilters>;
  readonly serviceTags: ReadonlySet<string>;
}

const FILTER_LISTS = [
  ['prefixLists', 'prefix list'],
  ['securityGroups', 'security group'],
  ['networkAcls', 'network ACL'],
  ['networkSecurityGroups', 'network security group'],
  ['firewallRules', 'firewall rule'],
] as const;

const indexes = new WeakMap<object, FilterIndex>();

/** The filter objects of every network; reports repeated names the first time it is built. */
function filterIndex(ctx: CheckContext): FilterIndex {
  const cached = indexes.get(ctx.index);
  if (cached !== undefined) return cached;
  const networks = new Map<string, NetworkFilters>();
  for (const net of ctx.index.networks.values()) {
    const lists = Object.fromEntries(
      FILTER_LISTS.map(([key, what]) => {
        const out = new Map<string, Entry>();
        for (const { item, index } of objects(net.raw, key)) {
          const name = stringField(item, 'name');
          if (name === undefined) continue;
          const path = [...net.path, key, index];
          const first = out.get(name);
          if (first !== undefined)
            ctx.sink.error(
              [...path, 'name'],
              'duplicate-name',
              `duplicate ${what} name \`${name}\` in network ${net.name} — the first is at line ${ctx.lineOf(first.path)}; rename one`,
            );
          else out.set(name, { name, path, raw: item });
        }
        return [key, out];
      }),
    ) as Record<(typeof FILTER_LISTS)[number][0], Map<string, Entry>>;
    networks.set(net.name, { net, ...lists });
  }
  const tags = asObject(field(ctx.data, 'serviceTags'));
  const index: FilterIndex = {
    networks,
    serviceTags: new Set(tags === undefined ? [] : Object.keys(tags)),
  };
  indexes.set(ctx.index, index);
  return index;
}

/** Security groups of an AWS or OpenStack network as they can be named: the declared ones and `default`. */
function groupNames(f: NetworkFilters): string[] {
  const names = [...f.securityGroups.keys()];
  return names.includes('default') ? names : [...names, 'default'];
}

/**
 * A security group reference: a name of `here` (or `default`), or `net/group` of another network
 * of the same provider (AWS: a peered VPC, AWS-R37; OpenStack: any network, one project).
 */
function checkGroupRef(
  ctx: CheckContext,
  fi: FilterIndex,
  here: NetworkFilters,
  written: unknown,
  path: JsonPath,
  allowPath: boolean,
): void {
  if (typeof written !== 'string') return;
  const provider = here.net.provider;
  const split = written.includes('/') ? splitPath(written) : undefined;
  if (split === undefined) {
    if (written === 'default' || here.securityGroups.has(written)) return;
    ctx.sink.error(
      path,
      'unknown-reference',
      unknownMessage('security group', written, groupNames(here), ` in network ${here.net.name}`),
    );
    return;
  }
  if (!allowPath) {
    ctx.sink.error(
      path,
      'bad-reference',
      `\`${written}\` — an instance's security groups are in its own VPC; write a group name of network ${here.net.name}`,
    );
    return;
  }
  const other = fi.networks.get(split.network);
  const all = [...fi.networks.values()]
    .filter((f) => f.net.provider === provider)
    .flatMap((f) => groupNames(f).map((g) => `${f.net.name}/${g}`));
  if (other === undefined) {
    ctx.sink.error(path, 'unknown-reference', unknownMessage('security group', written, all));
    return;
  }
  if (other.net.provider !== undefined && other.net.provider !== provider) {
    ctx.sink.error(
      path,
      'wrong-kind',
      `network ${other.net.name} is ${A_PROVIDER[other.net.provider]} network — name a security group of ${A_PROVIDER[provider ?? 'aws']} network`,
    );
    return;
  }
  if (provider === 'aws' && other !== here && !peered(ctx, here.net.name, other.net.name))
    ctx.sink.warning(
      path,
      'AWS-R37',
      `network ${other.net.name} is not peered with ${here.net.name} — a rule matches a group of its own or a peered VPC only, so this one matches nothing; peer the VPCs or use a \`cidr\``,
    );
  if (split.object !== 'default' && !other.securityGroups.has(split.object))
    ctx.sink.error(
      path,
      'unknown-reference',
      unknownMessage(
        'security group',
        written,
        groupNames(other).map((g) => `${other.net.name}/${g}`),
      ),
    );
}

/** Whether a peering joins networks `a` and `b`. */
function peered(ctx: CheckContext, a: string, b: string): boolean {
  return objects(ctx.data, 'peerings').some(({ item }) => {
    const between = asArray(field(item, 'between'));
    return between.includes(a) && between.includes(b);
  });
}

/** An NSG by name of `here` or `net/nsg` of another Azure network (AZ-R25). */
function checkNsgRef(
  ctx: CheckContext,
  fi: FilterIndex,
  here: NetworkFilters,
  written: unknown,
  path: JsonPath,
): void {
  if (typeof written !== 'string') return;
  const split = written.includes('/') ? splitPath(written) : undefined;
  const target = split === undefined ? here : fi.networks.get(split.network);
  const nsg = split === undefined ? written : split.object;
  const known = (f: NetworkFilters, prefixed: boolean): string[] =>
    [...f.networkSecurityGroups.keys()].map((n) => (prefixed ? `${f.net.name}/${n}` : n));
  if (target === undefined) {
    const all = [...fi.networks.values()]
      .filter((f) => f.net.provider === 'azure')
      .flatMap((f) => known(f, true));
    ctx.sink.error(path, 'unknown-reference', unknownMessage('network security group', written, all));
    return;
  }
  if (target.net.provider !== undefined && target.net.provider !== 'azure') {
    ctx.sink.error(
      path,
      'wrong-kind',
      `network ${target.net.name} is ${A_PROVIDER[target.net.provider]} network — an NSG belongs to an Azure network`,
    );
    return;
  }
  if (!target.networkSecurityGroups.has(nsg))
    ctx.sink.error(
      path,
      'unknown-reference',
      unknownMessage(
        'network security group',
        written,
        known(target, split !== undefined),
        split === undefined ? ` in network ${here.net.name}` : '',
      ),
    );
}

/** `securityGroups: [...]` of an AWS ENI (or implicit instance): at least one (AWS-R36), each declared. */
function checkAwsGroupList(
  ctx: CheckContext,
  fi: FilterIndex,
  f: NetworkFilters,
  list: unknown,
  path: JsonPath,
  timeline: boolean,
): void {
  if (!Array.isArray(list)) return;
  if (list.length === 0 && !timeline)
    ctx.sink.error(
      path,
      'AWS-R36',
      'an AWS network interface has at least one security group — name one (`[default]` is the VPC default group) or remove `securityGroups`',
    );
  if (list.length > 5)
    ctx.sink.warning(
      path,
      'AWS-R44',
      `${list.length} security groups on one network interface — the quota is 5 (adjustable to 16); raise it with AWS or merge groups`,
    );
  list.forEach((g, i) => checkGroupRef(ctx, fi, f, g, [...path, i], false));
}

function checkOpenStackGroupList(
  ctx: CheckContext,
  fi: FilterIndex,
  f: NetworkFilters,
  list: unknown,
  path: JsonPath,
): void {
  asArray(list).forEach((g, i) => checkGroupRef(ctx, fi, f, g, [...path, i], true));
}

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

/** The references of one AWS security group rule. */
function checkSgRule(
  ctx: CheckContext,
  fi: FilterIndex,
  f: NetworkFilters,
  rule: RawObject,
  path: JsonPath,
): void {
  const list = field(rule, 'prefixList');
  if (typeof list === 'string' && !f.prefixLists.has(list))
    ctx.sink.error(
      [...path, 'prefixList'],
      'unknown-reference',
      unknownMessage('prefix list', list, [...f.prefixLists.keys()], ` in network ${f.net.name}`),
    );
  checkGroupRef(ctx, fi, f, field(rule, 'securityGroup'), [...path, 'securityGroup'], true);
}

/** Whether an NSG address is a service tag (not `*`, not an address or prefix). */
function isTag(v: string): boolean {
  const t = v.trim();
  return t !== '*' && !(/[.:/]/.test(t) && /^[0-9A-Fa-f:./]+$/.test(t));
}

/** AZ-R26, AZ-R30: the service tags of an NSG rule's `source` and `destination` are known; one tag per field. */
function checkNsgRuleTags(ctx: CheckContext, fi: FilterIndex, rule: RawObject, path: JsonPath): void {
  const known = [...new Set([...BUILT_IN_TAGS, ...fi.serviceTags])];
  for (const key of ['source', 'destination'] as const) {
    const v = field(rule, key);
    const list = typeof v === 'string' ? [v] : asArray(v);
    const at = (i: number): JsonPath => (typeof v === 'string' ? [...path, key] : [...path, key, i]);
    const tagged = list.filter((a): a is string => typeof a === 'string' && isTag(a));
    list.forEach((a, i) => {
      if (typeof a !== 'string' || !isTag(a)) return;
      const t = a.trim();
      if (!/^[A-Za-z][A-Za-z0-9._-]*$/.test(t)) return; // the schema says what is wrong
      if (!known.includes(t))
        ctx.sink.error(
          at(i),
          'AZ-R30',
          `${unknownMessage('service tag', t, ['*', ...known])} — declare its prefixes under top-level \`serviceTags:\` (e.g. \`${t}: [20.60.0.0/16]\`), or write a CIDR`,
        );
    });
    if (list.length > 1 && tagged.length > 0)
      ctx.sink.error(
        at(list.indexOf(tagged[0])),
        'AZ-R26',
        `a service tag stands alone in \`${key}\` — a rule takes several CIDRs or one tag; split it into one rule per tag`,
      );
    if (list.length > 4000)
      ctx.sink.warning(
        [...path, key],
        'AZ-R33',
        `${list.length} addresses in one \`${key}\` — Azure allows 4,000 per field; split the rule`,
      );
  }
}

/** Repeated values of `key` among `items` (rule numbers, priorities): an error at the second. */
function checkRepeats(
  ctx: CheckContext,
  items: readonly { item: RawObject; path: JsonPath }[],
  key: string,
  rule: string,
  what: (v: number) => string,
  fix: string,
): void {
  const seen = new Map<number, JsonPath>();
  for (const { item, path } of items) {
    const v = field(item, key);
    if (typeof v !== 'number') continue;
    const first = seen.get(v);
    if (first === undefined) seen.set(v, path);
    else
      ctx.sink.error(
        [...path, key],
        rule,
        `${what(v)} is used twice (the first at line ${ctx.lineOf(first)}) — ${fix}`,
      );
  }
}

function checkNeutronRules(ctx: CheckContext, fi: FilterIndex, f: NetworkFilters, group: Entry): void {
  for (const { item, index } of objects(group.raw, 'rules'))
    checkGroupRef(
      ctx,
      fi,
      f,
      field(item, 'remoteGroup'),
      [...group.path, 'rules', index, 'remoteGroup'],
      true,
    );
}

function checkAwsFilters(ctx: CheckContext, fi: FilterIndex, f: NetworkFilters): void {
  const net = f.net;
  for (const sg of f.securityGroups.values())
    for (const dir of ['inbound', 'outbound'] as const) {
      const rules = objects(sg.raw, dir);
      for (const { item, index } of rules) checkSgRule(ctx, fi, f, item, [...sg.path, dir, index]);
      if (rules.length > 60)
        ctx.sink.warning(
          [...sg.path, dir],
          'AWS-R44',
          `${rules.length} ${dir} rules in security group ${sg.name} — the quota is 60 per direction; raise it with AWS or split the group`,
        );
    }
  let defaultAcl: Entry | undefined;
  for (const acl of f.networkAcls.values()) {
    if (field(acl.raw, 'default') === true) {
      if (defaultAcl !== undefined)
        ctx.sink.error(
          [...acl.path, 'default'],
          'AWS-R40',
          `network ACLs ${defaultAcl.name} and ${acl.name} are both \`default\` — a VPC has one default network ACL`,
        );
      defaultAcl ??= acl;
    }
    for (const dir of ['inbound', 'outbound'] as const) {
      const entries = objects(acl.raw, dir).map(({ item, index }) => ({
        item,
        path: [...acl.path, dir, index],
      }));
      checkRepeats(
        ctx,
        entries,
        'ruleNumber',
        'AWS-R40',
        (v) => `${dir} rule number ${v} of network ACL ${acl.name}`,
        'number each entry of a direction once',
      );
      for (const v6 of [false, true]) {
        const n = entries.filter(({ item }) => (stringField(item, 'cidr') ?? '').includes(':') === v6).length;
        if (n + 1 > 20)
          ctx.sink.warning(
            [...acl.path, dir],
            'AWS-R44',
            `${n} ${dir} ${v6 ? 'IPv6' : 'IPv4'} entries in network ACL ${acl.name} — the quota is 20 per direction with the \`*\` rule (adjustable to 40); raise it with AWS or merge entries`,
          );
      }
    }
  }
  if (f.networkAcls.size > 200)
    ctx.sink.warning(
      [...net.path, 'networkAcls'],
      'AWS-R44',
      `${f.networkAcls.size} network ACLs in VPC ${net.name} — the quota is 200; raise it with AWS`,
    );
  for (const subnet of net.subnets.values()) {
    const acl = field(subnet.raw, 'networkAcl');
    if (typeof acl === 'string' && !f.networkAcls.has(acl))
      ctx.sink.error(
        [...subnet.path, 'networkAcl'],
        'unknown-reference',
        unknownMessage('network ACL', acl, [...f.networkAcls.keys()], ` in network ${net.name}`),
      );
    const dh = asObject(field(subnet.raw, 'defaultHost'));
    checkAwsGroupList(
      ctx,
      fi,
      f,
      field(dh, 'securityGroups'),
      [...subnet.path, 'defaultHost', 'securityGroups'],
      false,
    );
  }
  for (const host of net.hosts.values())
    checkAwsGroupList(ctx, fi, f, field(host.raw, 'securityGroups'), [...host.path, 'securityGroups'], false);
}

function checkAzureFilters(ctx: CheckContext, fi: FilterIndex, f: NetworkFilters): void {
  const net = f.net;
  for (const nsg of f.networkSecurityGroups.values()) {
    const rules = objects(nsg.raw, 'securityRules').map(({ item, index }) => ({
      item,
      path: [...nsg.path, 'securityRules', index],
    }));
    const names = new Map<string, JsonPath>();
    for (const { item, path } of rules) {
      checkNsgRuleTags(ctx, fi, item, path);
      const name = stringField(item, 'name');
      if (name === undefined) continue;
      const first = names.get(name.toLowerCase());
      if (first !== undefined)
        ctx.sink.error(
          [...path, 'name'],
          'AZ-R26',
          `rule name \`${name}\` is used twice in NSG ${nsg.name} (the first at line ${ctx.lineOf(first)}) — rule names are unique in an NSG; rename one`,
        );
      else names.set(name.toLowerCase(), path);
    }
    for (const dir of ['inbound', 'outbound']) {
      const inDir = rules.filter(({ item }) => stringField(item, 'direction')?.toLowerCase() === dir);
      checkRepeats(
        ctx,
        inDir,
        'priority',
        'AZ-R26',
        (v) => `${dir} priority ${v} of NSG ${nsg.name}`,
        'give each rule of a direction its own priority',
      );
    }
    if (rules.length > 1000)
      ctx.sink.warning(
        [...nsg.path, 'securityRules'],
        'AZ-R33',
        `${rules.length} rules in NSG ${nsg.name} — Azure allows 1,000 per NSG; split it`,
      );
  }
  for (const subnet of net.subnets.values()) {
    const nsg = field(subnet.raw, 'networkSecurityGroup');
    checkNsgRef(ctx, fi, f, nsg, [...subnet.path, 'networkSecurityGroup']);
    if (nsg !== undefined) gatewaySubnetWarning(ctx, subnet.name, [...subnet.path, 'networkSecurityGroup']);
    const dh = asObject(field(subnet.raw, 'defaultHost'));
    checkNsgRef(ctx, fi, f, field(dh, 'networkSecurityGroup'), [
      ...subnet.path,
      'defaultHost',
      'networkSecurityGroup',
    ]);
  }
  for (const host of net.hosts.values())
    checkNsgRef(ctx, fi, f, field(host.raw, 'networkSecurityGroup'), [...host.path, 'networkSecurityGroup']);
}

/** AZ-R32: an NSG on the GatewaySubnet stops the gateway (accepted, with a warning). */
function gatewaySubnetWarning(ctx: CheckContext, subnet: string, path: JsonPath): void {
  if (subnet === 'GatewaySubnet')
    ctx.sink.warning(
      path,
      'AZ-R32',
      'an NSG on the GatewaySubnet stops the VPN gateway: it then forwards nothing (profile `azure.gatewaySubnetNsg: breaks`) — remove the NSG from GatewaySubnet',
    );
}

function checkOpenStackFilters(ctx: CheckContext, fi: FilterIndex, f: NetworkFilters): void {
  const net = f.net;
  for (const group of f.securityGroups.values()) checkNeutronRules(ctx, fi, f, group);
  for (const subnet of net.subnets.values()) {
    const dh = asObject(field(subnet.raw, 'defaultHost'));
    checkOpenStackGroupList(ctx, fi, f, field(dh, 'securityGroups'), [
      ...subnet.path,
      'defaultHost',
      'securityGroups',
    ]);
  }
  for (const host of net.hosts.values()) {
    checkOpenStackGroupList(ctx, fi, f, field(host.raw, 'securityGroups'), [...host.path, 'securityGroups']);
    for (const { item, index } of objects(host.raw, 'ports'))
      checkOpenStackGroupList(ctx, fi, f, field(item, 'securityGroups'), [
        ...host.path,
        'ports',
        index,
        'securityGroups',
      ]);
  }
}

// ---------------------------------------------------------------------------------------------
// Warnings: filters switched off, flows without a protocol
// ---------------------------------------------------------------------------------------------

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

function filtersOff(ctx: CheckContext): void {
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
function flowsWithoutProtocol(ctx: CheckContext): void {
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
    const src = from?.includes('/') === true ? splitPath(from)?.network : undefined;
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

// ---------------------------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------------------------

export function checkFilters(ctx: CheckContext): void {
  const fi = filterIndex(ctx);
  const tags = asObject(field(ctx.data, 'serviceTags'));
  for (const tag of Object.keys(tags ?? {}))
    if (BUILT_IN_TAGS.includes(tag) && tag !== 'AzureCloud')
      ctx.sink.error(
        ['serviceTags', tag],
        'AZ-R30',
        `\`${tag}\` is a built-in service tag computed from the topology — remove it from \`serviceTags\``,
        true,
      );
  let openstackDefault: Entry | undefined;
  for (const f of fi.networks.values()) {
    switch (f.net.provider) {
      case 'aws':
        checkAwsFilters(ctx, fi, f);
        break;
      case 'azure':
        checkAzureFilters(ctx, fi, f);
        break;
      case 'openstack': {
        checkOpenStackFilters(ctx, fi, f);
        const d = f.securityGroups.get('default');
        if (d !== undefined && openstackDefault !== undefined)
          ctx.sink.error(
            [...d.path, 'name'],
            'OS-R23',
            `the \`default\` security group is already defined (line ${ctx.lineOf(openstackDefault.path)}) — OpenStack networks share one default group (one project); define it once`,
          );
        openstackDefault ??= d;
        break;
      }
      case 'gcp':
      case undefined:
        break;
    }
  }
  filtersOff(ctx);
  flowsWithoutProtocol(ctx);
}

/** A `filterRule.*` or `filter.update` action: one target that exists, a direction where needed, a rule in its vocabulary. */
export function checkFilterAction(ctx: CheckContext, action: RawObject, path: JsonPath): void {
  const fi = filterIndex(ctx);
  const kind = stringField(action, 'do') ?? '';
  const targets = FILTER_TARGETS.filter((t) => field(action, t) !== undefined);
  if (targets.length !== 1) {
    ctx.sink.error(
      path,
      'bad-value',
      `a filter action names one filter: \`securityGroup\`, \`networkAcl\`, \`networkSecurityGroup\` or \`network\` — ${targets.length === 0 ? 'add one' : `remove all but one of ${targets.join(', ')}`}`,
    );
    return;
  }
  const key = targets[0] as FilterTargetKey;
  const written = stringField(action, key);
  if (written === undefined) return;
  const netName = key === 'network' ? written : splitPath(written)?.network;
  if (netName === undefined) return; // the schema reports a malformed path
  const f = fi.networks.get(netName);
  if (f === undefined) {
    ctx.sink.error(
      [...path, key],
      'unknown-reference',
      unknownMessage('network', netName, [...fi.networks.keys()]),
    );
    return;
  }
  const provider = f.net.provider;
  if (provider === undefined) return;
  const vocabulary = vocabularyOf(key, provider);
  if (vocabulary === undefined) {
    const instead: Record<Provider, string> = {
      aws: '`securityGroup: net/sg` or `networkAcl: net/acl` with `direction`',
      azure: '`networkSecurityGroup: net/nsg`',
      gcp: '`network: net` (its firewall rules)',
      openstack: '`securityGroup: net/group`',
    };
    ctx.sink.error(
      [...path, key],
      'wrong-provider-field',
      `\`${key}\` is not a filter of ${A_PROVIDER[provider]} network (${f.net.name}) — on ${PROVIDER_NAMES[provider]} name ${instead[provider]}`,
      true,
    );
    return;
  }
  const object = key === 'network' ? undefined : (splitPath(written)?.object ?? '');
  if (object !== undefined) {
    const map =
      key === 'securityGroup'
        ? f.securityGroups
        : key === 'networkAcl'
          ? f.networkAcls
          : f.networkSecurityGroups;
    const isDefault = key === 'securityGroup' && object === 'default';
    if (!isDefault && !map.has(object)) {
      const known = key === 'securityGroup' ? groupNames(f) : [...map.keys()];
      const what =
        key === 'securityGroup'
          ? 'security group'
          : key === 'networkAcl'
            ? 'network ACL'
            : 'network security group';
      ctx.sink.error(
        [...path, key],
        'unknown-reference',
        unknownMessage(
          what,
          written,
          known.map((k) => `${netName}/${k}`),
        ),
      );
    }
  }
  const direction = field(action, 'direction');
  const needsDirection = vocabulary === 'securityGroup' || vocabulary === 'networkAcl';
  if (needsDirection && direction === undefined && kind !== 'filter.update')
    ctx.sink.error(
      path,
      'missing-field',
      `missing \`direction\` — an AWS ${key === 'networkAcl' ? 'network ACL' : 'security group'} rule is \`inbound\` or \`outbound\`; add \`direction:\``,
    );
  if (!needsDirection && direction !== undefined)
    ctx.sink.error(
      [...path, 'direction'],
      'wrong-provider-field',
      vocabulary === 'neutron'
        ? '`direction` is for AWS targets — a Neutron rule carries its own (`rule: { direction: ingress }`); remove it'
        : vocabulary === 'networkSecurityGroup'
          ? '`direction` is for AWS targets — an NSG rule carries its own (`rule: { direction: Inbound }`); remove it'
          : '`direction` is for AWS targets — a GCP rule carries its own (`rule: { direction: INGRESS }`); remove it',
      true,
    );
  if (kind === 'filter.update') {
    if (vocabulary !== 'neutron')
      ctx.sink.error(
        [...path, 'set'],
        'wrong-kind',
        '`filter.update` changes an OpenStack security group (`set: { stateful }`) — other filters change rule by rule with `filterRule.*`',
      );
    return;
  }
  const rule = field(action, 'rule');
  const rulePath = [...path, 'rule'];
  if (rule !== undefined) {
    const parsed = parseFilterRule(rule, vocabulary, rulePath, ctx.sink);
    if (parsed !== undefined) checkRuleRefs(ctx, fi, f, vocabulary, asObject(rule) ?? {}, rulePath);
  }
  if (kind === 'filterRule.remove') {
    const by = (['name', 'ruleNumber', 'rule'] as const).filter((k) => field(action, k) !== undefined);
    if (by.length !== 1)
      ctx.sink.error(
        path,
        'bad-value',
        `a rule to remove is named by one of ${vocabulary === 'networkAcl' ? '`ruleNumber`' : '`name`'} or \`rule\` — ${by.length === 0 ? 'add one' : `remove all but one of ${by.join(', ')}`}`,
      );
    if (field(action, 'ruleNumber') !== undefined && vocabulary !== 'networkAcl')
      ctx.sink.error(
        [...path, 'ruleNumber'],
        'wrong-kind',
        '`ruleNumber` names a network ACL entry — name this rule by `name` or `rule`',
        true,
      );
    if (field(action, 'name') !== undefined && (vocabulary === 'networkAcl' || vocabulary === 'neutron'))
      ctx.sink.error(
        [...path, 'name'],
        'wrong-kind',
        vocabulary === 'networkAcl'
          ? 'a network ACL entry has no name — name it by `ruleNumber`'
          : 'a Neutron rule has no name — give the rule itself (`rule: {...}`)',
        true,
      );
  } else if (rule === undefined)
    ctx.sink.error(path, 'missing-field', 'missing required field `rule` — add the rule to add or replace');
}

function checkRuleRefs(
  ctx: CheckContext,
  fi: FilterIndex,
  f: NetworkFilters,
  vocabulary: string,
  rule: RawObject,
  path: JsonPath,
): void {
  if (vocabulary === 'securityGroup') checkSgRule(ctx, fi, f, rule, path);
  else if (vocabulary === 'neutron')
    checkGroupRef(ctx, fi, f, field(rule, 'remoteGroup'), [...path, 'remoteGroup'], true);
  else if (vocabulary === 'networkSecurityGroup') checkNsgRuleTags(ctx, fi, rule, path);
}

/** The filter fields of a `host.update` / `subnet.update` `set:` refer to declared filters. */
export function checkFilterSet(
  ctx: CheckContext,
  net: NetworkEntry,
  set: RawObject | undefined,
  path: JsonPath,
  kind: 'host' | 'subnet',
  subnetName?: string,
): void {
  if (set === undefined) return;
  const fi = filterIndex(ctx);
  const f = fi.networks.get(net.name);
  if (f === undefined) return;
  const groups = (list: unknown, at: JsonPath): void => {
    if (net.provider === 'aws') checkAwsGroupList(ctx, fi, f, list, at, true);
    else if (net.provider === 'openstack') checkOpenStackGroupList(ctx, fi, f, list, at);
  };
  groups(field(set, 'securityGroups'), [...path, 'securityGroups']);
  if (net.provider === 'azure') {
    checkNsgRef(ctx, fi, f, field(set, 'networkSecurityGroup'), [...path, 'networkSecurityGroup']);
    if (
      kind === 'subnet' &&
      typeof field(set, 'networkSecurityGroup') === 'string' &&
      subnetName !== undefined
    )
      gatewaySubnetWarning(ctx, subnetName, [...path, 'networkSecurityGroup']);
  }
  if (kind === 'subnet') {
    const acl = field(set, 'networkAcl');
    if (net.provider === 'aws' && typeof acl === 'string' && !f.networkAcls.has(acl))
      ctx.sink.error(
        [...path, 'networkAcl'],
        'unknown-reference',
        unknownMessage('network ACL', acl, [...f.networkAcls.keys()], ` in network ${net.name}`),
      );
    const dh = asObject(field(set, 'defaultHost'));
    groups(field(dh, 'securityGroups'), [...path, 'defaultHost', 'securityGroups']);
    if (net.provider === 'azure')
      checkNsgRef(ctx, fi, f, field(dh, 'networkSecurityGroup'), [
        ...path,
        'defaultHost',
        'networkSecurityGroup',
      ]);
  }
}
