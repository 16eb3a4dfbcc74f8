/**
 * AWS filter changes the EC2 API refuses (PROVIDERS.md 1.7): an ENI without a security group
 * (AWS-R36), a security-group rule without exactly one peer (AWS-R35), a network ACL entry number
 * out of range or already used in its direction (AWS-R40). Quotas (AWS-R44) are warnings, never
 * refusals. Pure functions over model types, shared by the engine (timeline) and the scenario
 * loader (static checks).
 */
import type { NetworkAclEntry, PortRange, SecurityGroupRule } from '../filters/types.js';
import type { FilterRefusal } from '../filters/refusal.js';

/** AWS-R40: NACL rule numbers; 32767 is the implicit `*` rule. */
export const AWS_NACL_RULE_MIN = 1;
/** AWS-R40: the highest NACL rule number a rule may use. */
export const AWS_NACL_RULE_MAX = 32766;
/** AWS-R44: security groups per network interface (adjustable to 16: a warning, not a refusal). */
export const AWS_SGS_PER_ENI = 5;
/** AWS-R44: inbound or outbound rules per security group (adjustable). */
export const AWS_RULES_PER_SG = 60;
/** AWS-R44: rules per NACL and direction, the default deny included (adjustable to 40). */
export const AWS_RULES_PER_NACL = 20;

/**
 * AWS-R36: "you must specify at least one group" when an ENI's groups change (an absent list is
 * the `default` group, AWS-R36). `what` names the ENI or the subnet's implicit hosts.
 */
export function awsSecurityGroupsRefusal(
  groups: readonly string[] | undefined,
  what: string,
): FilterRefusal | undefined {
  if (groups === undefined || groups.length > 0) return undefined;
  return {
    rule: 'AWS-R36',
    message: `${what} would have no security group: an AWS network interface needs at least one (write securityGroups: [default] for the VPC's default group)`,
  };
}

function badPorts(p: PortRange | undefined): boolean {
  return (
    p !== undefined &&
    !(Number.isInteger(p.lo) && Number.isInteger(p.hi) && p.lo >= 0 && p.hi <= 65535 && p.lo <= p.hi)
  );
}

/** AWS-R35: exactly one of `cidr`, `prefixList`, `securityGroup`; ports 0–65535, `lo ≤ hi`. */
export function awsSecurityGroupRuleRefusal(rule: SecurityGroupRule): FilterRefusal | undefined {
  const peers = [rule.cidr, rule.prefixList, rule.securityGroup].filter((x) => x !== undefined).length;
  if (peers !== 1) {
    return {
      rule: 'AWS-R35',
      message: `a security-group rule needs exactly one of cidr, prefixList, securityGroup (it has ${peers})`,
    };
  }
  if (badPorts(rule.port)) {
    return { rule: 'AWS-R35', message: `port range ${rule.port?.lo}-${rule.port?.hi} is not within 0-65535` };
  }
  return undefined;
}

/**
 * AWS-R40: an entry's number is 1–32766 and not used by another entry of the same direction.
 * `others` are the direction's other entries (without the one a replace overwrites).
 */
export function awsNaclEntryRefusal(
  entry: NetworkAclEntry,
  others: readonly NetworkAclEntry[],
): FilterRefusal | undefined {
  const n = entry.ruleNumber;
  if (!Number.isInteger(n) || n < AWS_NACL_RULE_MIN || n > AWS_NACL_RULE_MAX) {
    return {
      rule: 'AWS-R40',
      message: `NACL rule number ${n} is out of range: use ${AWS_NACL_RULE_MIN}-${AWS_NACL_RULE_MAX} (32767 is the implicit * rule)`,
    };
  }
  if (others.some((o) => o.ruleNumber === n)) {
    return {
      rule: 'AWS-R40',
      message: `NACL rule number ${n} is already used in this direction: pick another number, or replace the entry`,
    };
  }
  if (badPorts(entry.port)) {
    return {
      rule: 'AWS-R40',
      message: `port range ${entry.port?.lo}-${entry.port?.hi} is not within 0-65535`,
    };
  }
  return undefined;
}

/** AWS-R40 over a whole direction's entries (static checks): the first entry refused. */
export function awsNaclEntriesRefusal(entries: readonly NetworkAclEntry[]): FilterRefusal | undefined {
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (!e) continue;
    const r = awsNaclEntryRefusal(e, entries.slice(0, i));
    if (r) return r;
  }
  return undefined;
}
