/** The filter objects of AWS, Azure and OpenStack networks: rules, repeated numbers and priorities, quotas, GatewaySubnet (AWS-R40/R44, AZ-R26/R32/R33). */
import type { JsonPath } from '../findings.js';
import { asObject, field, objects, stringField } from '../internal/raw.js';
import type { RawObject } from '../internal/raw.js';
import type { FilterIndex, NetworkFilters } from './filter-index.js';
import { checkAwsGroupList, checkNsgRef, checkOpenStackGroupList, checkRuleRefs } from './filter-refs.js';
import { unknownMessage } from './resolve.js';
import type { CheckContext, Entry } from './topology-index.js';

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
    checkRuleRefs(ctx, fi, f, 'neutron', item, [...group.path, 'rules', index]);
}

export function checkAwsFilters(ctx: CheckContext, fi: FilterIndex, f: NetworkFilters): void {
  const net = f.net;
  for (const sg of f.securityGroups.values())
    for (const dir of ['inbound', 'outbound'] as const) {
      const rules = objects(sg.raw, dir);
      for (const { item, index } of rules)
        checkRuleRefs(ctx, fi, f, 'securityGroup', item, [...sg.path, dir, index]);
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

export function checkAzureFilters(ctx: CheckContext, fi: FilterIndex, f: NetworkFilters): void {
  const net = f.net;
  for (const nsg of f.networkSecurityGroups.values()) {
    const rules = objects(nsg.raw, 'securityRules').map(({ item, index }) => ({
      item,
      path: [...nsg.path, 'securityRules', index],
    }));
    const names = new Map<string, JsonPath>();
    for (const { item, path } of rules) {
      checkRuleRefs(ctx, fi, f, 'networkSecurityGroup', item, path);
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
export function gatewaySubnetWarning(ctx: CheckContext, subnet: string, path: JsonPath): void {
  if (subnet === 'GatewaySubnet')
    ctx.sink.warning(
      path,
      'AZ-R32',
      'an NSG on the GatewaySubnet stops the VPN gateway: it then forwards nothing (profile `azure.gatewaySubnetNsg: breaks`) — remove the NSG from GatewaySubnet',
    );
}

export function checkOpenStackFilters(ctx: CheckContext, fi: FilterIndex, f: NetworkFilters): void {
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
