/**
 * The `rule:` of `filterRule.add`, `filterRule.replace` and `filterRule.remove` (FILTERS.md
 * "Timeline"): a rule in the vocabulary of the target filter — an AWS security group rule, an AWS
 * network ACL entry, an Azure NSG rule, a GCP firewall rule or a Neutron rule — validated and
 * normalised by the same schemas as the topology's (schema/filters.ts). Only a rule that is invalid
 * in itself is refused here; what depends on the state at the time (a repeated number, a missing
 * name) is the engine's to reject.
 */
import type * as z from 'zod';
import type { FilterRuleValue } from '@cloudroute/engine';
import type { Provider } from '@cloudroute/model';
import { findingSink } from '../findings.js';
import type { FindingSink, JsonPath } from '../findings.js';
import { reportIssues } from '../issues.js';
import { asObject } from '../internal/raw.js';
import { firewallRule, networkAclEntry, neutronRule, nsgRule, securityGroupRule } from '../schema/filters.js';

/** Which kind of rule a target takes. */
export type RuleVocabulary =
  'securityGroup' | 'networkAcl' | 'networkSecurityGroup' | 'firewallRule' | 'neutron';

/** The target keys of a filter action, in the order they are looked for. */
export const FILTER_TARGETS = ['securityGroup', 'networkAcl', 'networkSecurityGroup', 'network'] as const;
export type FilterTargetKey = (typeof FILTER_TARGETS)[number];

/** The vocabulary of a target key on a network of `provider`, or undefined when the provider has no such filter. */
export function vocabularyOf(target: FilterTargetKey, provider: Provider): RuleVocabulary | undefined {
  switch (target) {
    case 'securityGroup':
      return provider === 'aws' ? 'securityGroup' : provider === 'openstack' ? 'neutron' : undefined;
    case 'networkAcl':
      return provider === 'aws' ? 'networkAcl' : undefined;
    case 'networkSecurityGroup':
      return provider === 'azure' ? 'networkSecurityGroup' : undefined;
    case 'network':
      return provider === 'gcp' ? 'firewallRule' : undefined;
  }
}

const SCHEMAS: Readonly<Record<RuleVocabulary, z.ZodType>> = {
  securityGroup: securityGroupRule,
  networkAcl: networkAclEntry,
  networkSecurityGroup: nsgRule,
  firewallRule,
  neutron: neutronRule,
};

/** Validates `rule` in `vocabulary`; reports at `path`; the normalised rule, or undefined. */
export function parseFilterRule(
  rule: unknown,
  vocabulary: RuleVocabulary,
  path: JsonPath,
  sink: FindingSink = findingSink(),
): FilterRuleValue | undefined {
  const raw = asObject(rule);
  if (raw === undefined) return undefined;
  const r = SCHEMAS[vocabulary].safeParse(raw);
  if (!r.success) {
    reportIssues(r.error.issues, raw, sink, path);
    return undefined;
  }
  return r.data as FilterRuleValue;
}
