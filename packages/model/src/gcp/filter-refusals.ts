/**
 * GCP firewall rules the Compute API refuses (PROVIDERS.md 3.9, GCP-R26): priority outside
 * 0–65535, both or neither of allow/deny, an INGRESS rule without a source, service accounts
 * combined with tags, a direction changed on an existing rule (immutable). Pure functions over
 * model types, shared by the engine (timeline) and the scenario loader.
 */
import type { FirewallRule } from '../filters/types.js';
import type { FilterRefusal } from '../filters/refusal.js';

const some = (list: readonly unknown[] | undefined): boolean => list !== undefined && list.length > 0;

/** GCP-R26: the shape of one firewall rule. */
export function gcpFirewallRuleRefusal(rule: FirewallRule): FilterRefusal | undefined {
  const refuse = (message: string): FilterRefusal => ({
    rule: 'GCP-R26',
    message: `firewall rule ${rule.name}: ${message}`,
  });
  const p = rule.priority;
  if (!Number.isInteger(p) || p < 0 || p > 65535)
    return refuse(`priority ${p} is out of range — use 0-65535`);
  const hasAllow = rule.allow !== undefined;
  const hasDeny = rule.deny !== undefined;
  if (hasAllow === hasDeny) return refuse('give exactly one of allow and deny');
  if (
    rule.direction === 'INGRESS' &&
    !some(rule.sourceRanges) &&
    !some(rule.sourceTags) &&
    !some(rule.sourceServiceAccounts)
  ) {
    return refuse('an INGRESS rule needs sourceRanges, sourceTags or sourceServiceAccounts');
  }
  const accounts = some(rule.sourceServiceAccounts) || some(rule.targetServiceAccounts);
  const tags = some(rule.sourceTags) || some(rule.targetTags);
  if (accounts && tags) return refuse('service accounts cannot be combined with tags (source or target)');
  for (const e of [...(rule.allow ?? []), ...(rule.deny ?? [])]) {
    for (const r of e.ports ?? []) {
      if (!(Number.isInteger(r.lo) && Number.isInteger(r.hi) && r.lo >= 0 && r.hi <= 65535 && r.lo <= r.hi)) {
        return refuse(`port range ${r.lo}-${r.hi} is not within 0-65535`);
      }
    }
  }
  return undefined;
}

/** GCP-R26 for a replace: the new rule's shape, and `direction` is immutable. */
export function gcpFirewallRuleChangeRefusal(
  before: FirewallRule,
  after: FirewallRule,
): FilterRefusal | undefined {
  if (before.direction !== after.direction) {
    return {
      rule: 'GCP-R26',
      message: `firewall rule ${before.name}: direction is immutable (${before.direction} → ${after.direction}) — remove the rule and add a new one`,
    };
  }
  return gcpFirewallRuleRefusal(after);
}
