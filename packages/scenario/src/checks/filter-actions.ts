/** The timeline's filter actions (`filterRule.*`, `filter.update`) and the filter fields of `host.update` / `subnet.update` `set:`. */
import type { Provider } from '@cloudroute/model';
import type { JsonPath } from '../findings.js';
import { asObject, field, stringField } from '../internal/raw.js';
import type { RawObject } from '../internal/raw.js';
import { A_PROVIDER, PROVIDER_NAMES } from '../schema/registry.js';
import { filterIndex, groupNames } from './filter-index.js';
import { gatewaySubnetWarning } from './filter-providers.js';
import { checkAwsGroupList, checkNsgRef, checkOpenStackGroupList, checkRuleRefs } from './filter-refs.js';
import { FILTER_TARGETS, parseFilterRule, vocabularyOf } from './filter-rule.js';
import type { FilterTargetKey } from './filter-rule.js';
import { unknownMessage } from './resolve.js';
import { refParts } from './topology-index.js';
import type { CheckContext, NetworkEntry } from './topology-index.js';

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
  const netName = key === 'network' ? written : refParts(written)?.network;
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
  const object = key === 'network' ? undefined : (refParts(written)?.object ?? '');
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
