/**
 * Azure NSG rule changes the platform refuses (PROVIDERS.md 2.5, AZ-R26): a priority outside
 * 100–4096, a priority already used in the rule's direction, a name already used in the NSG.
 * Pure functions over model types, shared by the engine (timeline) and the scenario loader.
 */
import type { NsgRule } from '../filters/types.js';
import type { FilterRefusal } from '../filters/refusal.js';

/** AZ-R26: custom rule priorities (the defaults sit at 65000–65500, AZ-R27). */
export const AZURE_NSG_PRIORITY_MIN = 100;
/** AZ-R26: the highest priority a custom NSG rule may use. */
export const AZURE_NSG_PRIORITY_MAX = 4096;

/**
 * AZ-R26 for one rule against the NSG's other rules (`others`: without the one a replace
 * overwrites).
 */
export function azureNsgRuleRefusal(rule: NsgRule, others: readonly NsgRule[]): FilterRefusal | undefined {
  const p = rule.priority;
  if (!Number.isInteger(p) || p < AZURE_NSG_PRIORITY_MIN || p > AZURE_NSG_PRIORITY_MAX) {
    return {
      rule: 'AZ-R26',
      message: `NSG rule ${rule.name}: priority ${p} is out of range — use ${AZURE_NSG_PRIORITY_MIN}-${AZURE_NSG_PRIORITY_MAX}`,
    };
  }
  const lower = rule.name.toLowerCase();
  const same = others.find((o) => o.name.toLowerCase() === lower);
  if (same) {
    return { rule: 'AZ-R26', message: `NSG rule name ${rule.name} is already used in this NSG` };
  }
  const clash = others.find((o) => o.priority === p && o.direction === rule.direction);
  if (clash) {
    return {
      rule: 'AZ-R26',
      message: `NSG rule ${rule.name}: priority ${p} is already used by ${clash.name} (${rule.direction}) — two rules of one direction cannot share a priority`,
    };
  }
  return undefined;
}

/** AZ-R26 over an NSG's whole rule list (static checks): the first rule refused. */
export function azureNsgRulesRefusal(rules: readonly NsgRule[]): FilterRefusal | undefined {
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i];
    if (!r) continue;
    const bad = azureNsgRuleRefusal(r, rules.slice(0, i));
    if (bad) return bad;
  }
  return undefined;
}
