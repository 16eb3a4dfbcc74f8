/** References to filter objects per provider: security groups (AWS, OpenStack), NSGs, prefix lists and NSG service tags (AWS-R36/R37/R44, AZ-R25/R26/R30/R33). */
import type { JsonPath } from '../findings.js';
import { asArray, field, objects } from '../internal/raw.js';
import type { RawObject } from '../internal/raw.js';
import { BUILT_IN_TAGS } from '../schema/filters.js';
import { A_PROVIDER } from '../schema/registry.js';
import { groupNames } from './filter-index.js';
import type { FilterIndex, NetworkFilters } from './filter-index.js';
import type { RuleVocabulary } from './filter-rule.js';
import { unknownMessage } from './resolve.js';
import { refParts } from './topology-index.js';
import type { CheckContext } from './topology-index.js';

/**
 * A security group reference: a name of `here` (or `default`), or `net/group` of another network
 * of the same provider (AWS: a peered VPC, AWS-R37; OpenStack: any network, one project).
 */
export function checkGroupRef(
  ctx: CheckContext,
  fi: FilterIndex,
  here: NetworkFilters,
  written: unknown,
  path: JsonPath,
  allowPath: boolean,
): void {
  if (typeof written !== 'string') return;
  const provider = here.net.provider;
  const split = written.includes('/') ? refParts(written) : undefined;
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
export function checkNsgRef(
  ctx: CheckContext,
  fi: FilterIndex,
  here: NetworkFilters,
  written: unknown,
  path: JsonPath,
): void {
  if (typeof written !== 'string') return;
  const split = written.includes('/') ? refParts(written) : undefined;
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
export function checkAwsGroupList(
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

export function checkOpenStackGroupList(
  ctx: CheckContext,
  fi: FilterIndex,
  f: NetworkFilters,
  list: unknown,
  path: JsonPath,
): void {
  asArray(list).forEach((g, i) => checkGroupRef(ctx, fi, f, g, [...path, i], true));
}

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

/**
 * The references of one rule of `vocabulary`: an AWS group rule's prefix list and group, a Neutron
 * rule's remote group, an NSG rule's service tags; the other vocabularies have none.
 */
export function checkRuleRefs(
  ctx: CheckContext,
  fi: FilterIndex,
  f: NetworkFilters,
  vocabulary: RuleVocabulary,
  rule: RawObject,
  path: JsonPath,
): void {
  if (vocabulary === 'securityGroup') checkSgRule(ctx, fi, f, rule, path);
  else if (vocabulary === 'neutron')
    checkGroupRef(ctx, fi, f, field(rule, 'remoteGroup'), [...path, 'remoteGroup'], true);
  else if (vocabulary === 'networkSecurityGroup') checkNsgRuleTags(ctx, fi, rule, path);
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
