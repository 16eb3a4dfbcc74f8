/**
 * Filter events (FILTERS.md "Timeline"): `filterRule.added/replaced/removed` on an AWS security
 * group or network ACL, an Azure NSG, a GCP network's firewall rules or a Neutron security group,
 * and `filter.updated` (`stateful`, OpenStack). Changes are in force at once; the provider's
 * refusals (AWS-R35, AWS-R40, AZ-R26, GCP-R26, OS-R19, OS-R21) come from the model's pure
 * `<provider>/filter-refusals.ts` checks and go to `rejected`.
 * Implicit objects are written into the topology first (filter-targets.ts).
 */
import {
  AWS_RULES_PER_NACL,
  AWS_RULES_PER_SG,
  awsNaclEntryRefusal,
  awsSecurityGroupRuleRefusal,
  azureNsgRuleRefusal,
  gcpFirewallRuleChangeRefusal,
  gcpFirewallRuleRefusal,
  neutronGroupOwner,
  neutronGroupUsers,
  neutronRuleRefusal,
  neutronStatefulRefusal,
} from '@cloudroute/model';
import type {
  FilterRefusal,
  FirewallRule,
  NetworkAclEntry,
  NetworkState,
  NeutronRule,
  NsgRule,
  SecurityGroupRule,
} from '@cloudroute/model';
import type { FilterRuleValue } from '../actions.js';
import type { FilterRuleAdded, FilterRuleRemoved, FilterRuleReplaced, FilterUpdated } from '../events.js';
import { splitPath } from '@cloudroute/model';
import { findNetwork, peersOf } from './lookup.js';
import { change, refuse } from './outcome.js';
import type { NoteDraft, Outcome, Refused } from './outcome.js';
import { draftGroup, draftRules, nameOf, resolveFilter, rulesAt, sameData } from './filter-targets.js';
import type { Where } from './filter-targets.js';

const refused = (r: FilterRefusal): Refused => refuse(r.rule, r.message);

/** Is the rule in the target's vocabulary? */
function shapeRefusal(w: Where, r: FilterRuleValue): Refused | undefined {
  const has = (k: string): boolean => Object.hasOwn(r, k);
  let ok: boolean;
  let want: string;
  switch (w.kind) {
    case 'sg':
      ok = has('protocol') && !has('ruleNumber') && !has('access') && !has('priority') && !has('direction');
      want = 'an AWS security-group rule { protocol, port?, cidr | prefixList | securityGroup }';
      break;
    case 'neutron':
      ok = (r as NeutronRule).direction === 'ingress' || (r as NeutronRule).direction === 'egress';
      want = 'a Neutron rule { direction: ingress | egress, ... }';
      break;
    case 'nacl':
      ok = has('ruleNumber') && has('action') && has('cidr');
      want = 'a NACL entry { ruleNumber, protocol, cidr, action }';
      break;
    case 'nsg':
      ok = has('access') && has('priority') && has('name');
      want = 'an NSG rule { name, priority, direction, access, ... }';
      break;
    case 'gcp':
      ok =
        has('name') &&
        has('priority') &&
        ((r as FirewallRule).direction === 'INGRESS' || (r as FirewallRule).direction === 'EGRESS');
      want = 'a GCP firewall rule { name, direction, priority, allow | deny, ... }';
      break;
  }
  return ok ? undefined : refuse('invalid-value', `${w.path} takes ${want}`);
}

/** References a rule makes (prefix lists, groups) must exist where the provider looks for them. */
function referenceRefusal(state: NetworkState, w: Where, r: FilterRuleValue): Refused | undefined {
  if (w.kind === 'sg') {
    const rule = r as SecurityGroupRule;
    const net = w.f.network;
    if (rule.prefixList !== undefined) {
      // A list of the group's VPC, or `net/list` of another network.
      const [listNet, listName] = splitPath(rule.prefixList) ?? [net.name, rule.prefixList];
      const owner = findNetwork(state.topology, listNet)?.network;
      if (!(owner?.prefixLists ?? []).some((p) => p.name === listName)) {
        return refuse('not-found', `no prefix list ${rule.prefixList} for ${w.path} (AWS-R38)`);
      }
    }
    if (rule.securityGroup !== undefined) {
      const parts = splitPath(rule.securityGroup);
      const [gnet, gname] = parts ?? [net.name, rule.securityGroup];
      const owner = findNetwork(state.topology, gnet)?.network;
      const exists =
        owner?.provider === 'aws' &&
        (gname === 'default' || (owner.securityGroups ?? []).some((g) => g.name === gname)) &&
        (gnet === net.name || peersOf(state.topology, net.name).includes(gnet));
      if (!exists) {
        return refuse(
          'not-found',
          `no security group ${rule.securityGroup} in ${net.name} or a peered VPC (AWS-R37)`,
        );
      }
    }
  }
  if (w.kind === 'neutron') {
    const ref = (r as NeutronRule).remoteGroup;
    if (ref !== undefined) {
      const bare = splitPath(ref)?.[1] ?? ref;
      const known =
        neutronGroupOwner(state.topology, ref, w.f.network.name) !== undefined ||
        bare === 'default' ||
        (!ref.includes('/') && bare === w.group.name);
      if (!known) return refuse('not-found', `no security group ${ref} for remoteGroup`);
    }
  }
  return undefined;
}

/** The provider's refusal of a rule that will sit beside `others` (and replace `before`). */
function ruleRefusal(
  w: Where,
  rule: FilterRuleValue,
  others: readonly FilterRuleValue[],
  before: FilterRuleValue | undefined,
): Refused | undefined {
  let r: FilterRefusal | undefined;
  switch (w.kind) {
    case 'sg':
      r = awsSecurityGroupRuleRefusal(rule as SecurityGroupRule);
      break;
    case 'neutron':
      r = neutronRuleRefusal(rule as NeutronRule);
      break;
    case 'nacl':
      r = awsNaclEntryRefusal(rule as NetworkAclEntry, others as readonly NetworkAclEntry[]);
      break;
    case 'nsg':
      r = azureNsgRuleRefusal(rule as NsgRule, others as readonly NsgRule[]);
      break;
    case 'gcp':
      r =
        before === undefined
          ? gcpFirewallRuleRefusal(rule as FirewallRule)
          : gcpFirewallRuleChangeRefusal(before as FirewallRule, rule as FirewallRule);
      break;
  }
  return r ? refused(r) : undefined;
}

function quotaNotes(w: Where, count: number): NoteDraft[] {
  if (w.kind === 'sg' && count > AWS_RULES_PER_SG) {
    return [
      {
        severity: 'warning',
        rule: 'AWS-R44',
        message: `${w.path} has ${count} ${w.direction} rules; the default quota is ${AWS_RULES_PER_SG} (adjustable)`,
      },
    ];
  }
  // The implicit `*` rule counts against the NACL quota.
  if (w.kind === 'nacl' && count + 1 > AWS_RULES_PER_NACL) {
    return [
      {
        severity: 'warning',
        rule: 'AWS-R44',
        message: `${w.path} has ${count + 1} ${w.direction} rules with the * rule; the default quota is ${AWS_RULES_PER_NACL} (adjustable to 40)`,
      },
    ];
  }
  return [];
}

const noTables = (): void => undefined;

// --- events ----------------------------------------------------------------------------------------

export function filterRuleAdded(state: NetworkState, ev: FilterRuleAdded | FilterRuleReplaced): Outcome {
  const w = resolveFilter(state, ev.target);
  if (w.kind === 'rejected') return w;
  const where = w;
  const rule = ev.rule;
  const bad = shapeRefusal(where, rule) ?? referenceRefusal(state, where, rule);
  if (bad) return bad;
  const list = rulesAt(where);
  const name = nameOf(rule);
  let at = -1;
  if (ev.type === 'filterRule.replaced') {
    if (where.kind === 'nacl') {
      const n = (rule as NetworkAclEntry).ruleNumber;
      at = list.findIndex((r) => (r as NetworkAclEntry).ruleNumber === n);
      if (at < 0) return refuse('not-found', `${where.path} ${where.direction} has no entry ${n}`);
    } else {
      if (name === undefined) {
        return refuse(
          'invalid-value',
          where.kind === 'neutron'
            ? 'Neutron rules have no name to replace by: remove the rule, then add the new one'
            : 'filterRule.replace matches the rule by name: give the rule a name',
        );
      }
      const key = where.kind === 'nsg' ? name.toLowerCase() : name;
      at = list.findIndex((r) => {
        const rn = nameOf(r);
        return rn !== undefined && (where.kind === 'nsg' ? rn.toLowerCase() : rn) === key;
      });
      if (at < 0) return refuse('not-found', `${where.path} has no rule ${name}`);
    }
  }
  const others = at < 0 ? list : list.filter((_, i) => i !== at);
  const provider = ruleRefusal(where, rule, others, at < 0 ? undefined : list[at]);
  if (provider) return provider;
  if (at < 0) {
    // A duplicate is refused by every API (AWS InvalidPermission.Duplicate, Neutron SecurityGroupRuleExists);
    // names are unique in a group, an NSG (AZ-R26, checked above) and a GCP network.
    const dup =
      where.kind === 'nacl' || where.kind === 'nsg'
        ? undefined
        : list.find((r) => (name !== undefined && nameOf(r) === name) || sameData(r, rule));
    if (dup !== undefined) {
      return refuse(
        'already-exists',
        `${where.path} already has ${name !== undefined && nameOf(dup) === name ? `a rule named ${name}` : 'this rule'}`,
      );
    }
  }
  const count = at < 0 ? list.length + 1 : list.length;
  return change(
    (d) => {
      const rules = draftRules(d, where);
      if (!rules) return;
      const value = structuredClone<FilterRuleValue>(rule);
      if (at >= 0) rules[at] = value;
      else if (where.kind === 'nacl') {
        // Kept in number order (AWS-R40 evaluates from the lowest).
        const n = (rule as NetworkAclEntry).ruleNumber;
        const pos = rules.findIndex((r) => (r as NetworkAclEntry).ruleNumber > n);
        rules.splice(pos < 0 ? rules.length : pos, 0, value);
      } else rules.push(value);
    },
    noTables,
    { notes: quotaNotes(where, count) },
  );
}

export function filterRuleRemoved(state: NetworkState, ev: FilterRuleRemoved): Outcome {
  const w = resolveFilter(state, ev.target);
  if (w.kind === 'rejected') return w;
  const where = w;
  const list = rulesAt(where);
  let at: number;
  let what: string;
  if (where.kind === 'nacl') {
    const n = ev.ruleNumber ?? (ev.rule as NetworkAclEntry | undefined)?.ruleNumber;
    if (n === undefined)
      return refuse('invalid-value', 'filterRule.remove on a network ACL needs ruleNumber');
    at = list.findIndex((r) => (r as NetworkAclEntry).ruleNumber === n);
    what = `entry ${n}`;
  } else if (ev.name !== undefined) {
    const key = where.kind === 'nsg' ? ev.name.toLowerCase() : ev.name;
    at = list.findIndex((r) => {
      const rn = nameOf(r);
      return rn !== undefined && (where.kind === 'nsg' ? rn.toLowerCase() : rn) === key;
    });
    what = `rule ${ev.name}`;
  } else if (ev.rule !== undefined) {
    const rule = ev.rule;
    const name = nameOf(rule);
    at =
      where.kind === 'nsg' || where.kind === 'gcp'
        ? list.findIndex((r) => nameOf(r) === name)
        : // An unnamed rule is removed by its value (AWS RevokeSecurityGroupIngress, Neutron rule delete).
          list.findIndex((r) =>
            name !== undefined ? nameOf(r) === name : nameOf(r) === undefined && sameData(r, rule),
          );
    what = name === undefined ? 'this rule' : `rule ${name}`;
  } else {
    return refuse('invalid-value', 'filterRule.remove needs name, ruleNumber or rule');
  }
  if (at < 0)
    return refuse(
      'not-found',
      `${where.path}${where.kind === 'sg' || where.kind === 'nacl' ? ` ${where.direction}` : ''} has no ${what}`,
    );
  return change((d) => {
    const rules = draftRules(d, where);
    if (rules) rules.splice(at, 1);
  }, noTables);
}

export function filterUpdated(state: NetworkState, ev: FilterUpdated): Outcome {
  const w = resolveFilter(state, ev.target);
  if (w.kind === 'rejected') return w;
  const where = w;
  if (where.kind !== 'neutron') {
    return refuse(
      'invalid-target',
      `filter.update sets stateful on OpenStack security groups; ${where.path} has nothing to update (AWS SGs and Azure NSGs are always stateful, NACLs never)`,
    );
  }
  for (const k of Object.keys(ev.set)) {
    if (k !== 'stateful')
      return refuse('unknown-field', `filter.update has no field ${k} (fields: stateful)`);
  }
  const stateful = ev.set.stateful;
  if (stateful === undefined) return refuse('invalid-value', 'filter.update needs set: { stateful }');
  if (typeof stateful !== 'boolean') {
    return refuse('invalid-value', `stateful is true or false, not ${JSON.stringify(stateful)}`);
  }
  const users = neutronGroupUsers(state.topology, where.f.network, where.group);
  const os = neutronStatefulRefusal(where.group, where.path, stateful, users);
  if (os) return refused(os);
  return change((d) => {
    const g = draftGroup(d, where);
    if (g) g.stateful = stateful;
  }, noTables);
}
