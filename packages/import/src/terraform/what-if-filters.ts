/** The what-if's filters: created filters present from the start, rule and association changes as actions. */
import type {
  DNetwork,
  DNetworkAcl,
  DNsg,
  DNsgRule,
  DPrefixList,
  DSecurityGroup,
  DTopology,
} from '../draft.js';
import { clone, index, type WhatIf } from './what-if-context.js';

const FILTER_KINDS = ['prefixLists', 'securityGroups', 'networkAcls', 'networkSecurityGroups'] as const;
type FilterObject = NonNullable<DNetwork[(typeof FILTER_KINDS)[number]]>[number];

/** Resources that change a filter's rules without being the filter. */
const RULE_TYPES = new Set([
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
  'aws_vpc_security_group_egress_rule',
  'aws_network_acl_rule',
  'azurerm_network_security_rule',
]);

/**
 * Filters (FILTERS.md) across the plan. Those the plan creates exist from the start (the timeline
 * cannot create them; nothing the timeline keeps as before names them). Rule changes become
 * `filterRule.*` actions: NACL entries by number, NSG rules by name, unnamed security-group rules
 * removed and added by content; a host's groups, a subnet's NACL or NSG, `host.update` /
 * `subnet.update`. Each is timed by the filter's change or, later, a rule resource's that names
 * it. What the timeline cannot say (a deleted filter, a prefix list's CIDRs, an association
 * removed) keeps its state before the plan, noted.
 */
export function filterChanges(t0: DTopology, before: DTopology, after: DTopology, x: WhatIf): void {
  const all = (t: DTopology): Map<string, { f: FilterObject; kind: (typeof FILTER_KINDS)[number] }> => {
    const m = new Map<string, { f: FilterObject; kind: (typeof FILTER_KINDS)[number] }>();
    for (const n of t.networks)
      for (const kind of FILTER_KINDS) for (const f of n[kind] ?? []) m.set(f.key, { f, kind });
    return m;
  };
  const b = all(before);
  const a = all(after);
  const created: string[] = [];
  const kept: string[] = [];
  const json = (v: unknown): string => JSON.stringify(v);
  const label = (f: { names: string[]; key: string }): string => f.names[0] ?? f.key;
  const originOf = (f: FilterObject | undefined): string | undefined =>
    f !== undefined && 'origin' in f ? f.origin : undefined;
  /** When a filter's rules change: its own change, or a later rule resource's naming it. */
  const when = (origin: string | undefined): number => {
    const own = x.at(origin, 'apply');
    if (origin === undefined) return own;
    const rules = x.r.plan.instances.filter(
      (i) =>
        RULE_TYPES.has(i.type) &&
        i.actions.some((v) => v === 'create' || v === 'update' || v === 'delete') &&
        x.r.dependencies(i).includes(origin),
    );
    return Math.max(own, ...rules.map((i) => x.at(i.address, 'apply')));
  };
  /** When the association resources the plan changes for a subnet or a host are done. */
  const associations = (holder: string | undefined): number[] =>
    holder === undefined
      ? []
      : x.r.plan.instances
          .filter(
            (i) =>
              /(_acl_association|_security_group_association|_sg_attachment)$/.test(i.type) &&
              i.actions.some((v) => v === 'create' || v === 'update') &&
              x.r.dependencies(i).includes(holder),
          )
          .map((i) => x.at(i.address, 'apply'));
  for (const n of after.networks) {
    const net = t0.networks.find((y) => y.key === n.key);
    for (const kind of FILTER_KINDS)
      for (const f of n[kind] ?? []) {
        if (b.has(f.key) || net === undefined || (net[kind] ?? []).some((y) => y.key === f.key)) continue;
        ((net[kind] ??= []) as FilterObject[]).push(clone(f));
        created.push(label(f));
      }
  }
  for (const [key, { f, kind }] of a) {
    const old = b.get(key)?.f;
    if (old === undefined) continue;
    const origin = originOf(f);
    const at = when(origin);
    if (kind === 'prefixLists') {
      if (json((old as DPrefixList).cidrs) !== json((f as DPrefixList).cidrs))
        kept.push(`prefix list ${label(f)}'s CIDRs`);
    } else if (kind === 'securityGroups')
      for (const direction of ['inbound', 'outbound'] as const) {
        const was = (old as DSecurityGroup)[direction].map(json);
        const now = (f as DSecurityGroup)[direction].map(json);
        const target = { securityGroup: key, direction };
        // Unnamed rules: removed and added by content (a multiset difference).
        const left = [...now];
        for (const r of (old as DSecurityGroup)[direction]) {
          const k = left.indexOf(json(r));
          if (k >= 0) left.splice(k, 1);
          else x.push({ at, do: 'filterRule.remove', target, rule: r }, origin);
        }
        const gone = [...was];
        for (const r of (f as DSecurityGroup)[direction]) {
          const k = gone.indexOf(json(r));
          if (k >= 0) gone.splice(k, 1);
          else x.push({ at, do: 'filterRule.add', target, rule: r }, origin);
        }
      }
    else if (kind === 'networkAcls')
      for (const direction of ['inbound', 'outbound'] as const) {
        const target = { networkAcl: key, direction };
        const was = new Map((old as DNetworkAcl)[direction].map((e) => [e.ruleNumber, e]));
        const now = new Map((f as DNetworkAcl)[direction].map((e) => [e.ruleNumber, e]));
        for (const n of was.keys())
          if (!now.has(n)) x.push({ at, do: 'filterRule.remove', target, ruleNumber: n }, origin);
        for (const [n, e] of now) {
          const prev = was.get(n);
          if (prev === undefined) x.push({ at, do: 'filterRule.add', target, rule: e }, origin);
          else if (json(prev) !== json(e)) x.push({ at, do: 'filterRule.replace', target, rule: e }, origin);
        }
      }
    else {
      const target = { networkSecurityGroup: key };
      const strip = (r: DNsgRule): string => json({ ...r, origin: undefined });
      const was = new Map((old as DNsg).securityRules.map((r) => [r.name, r]));
      const now = new Map((f as DNsg).securityRules.map((r) => [r.name, r]));
      for (const [name, r] of was)
        if (!now.has(name))
          x.push({ at: when(r.origin ?? origin), do: 'filterRule.remove', target, name }, r.origin ?? origin);
      for (const [name, r] of now) {
        const prev = was.get(name);
        const t = when(r.origin ?? origin);
        if (prev === undefined) x.push({ at: t, do: 'filterRule.add', target, rule: r }, r.origin ?? origin);
        else if (strip(prev) !== strip(r))
          x.push({ at: t, do: 'filterRule.replace', target, rule: r }, r.origin ?? origin);
      }
    }
  }
  for (const [key, { f }] of b) if (!a.has(key)) kept.push(`${label(f)} (deleted by the plan)`);
  const bx = index(before);
  const ax = index(after);
  for (const [key, { net, s }] of ax.subnets) {
    const old = bx.subnets.get(key)?.s;
    if (old === undefined) continue;
    const set: Record<string, unknown> = {};
    for (const field of ['networkAcl', 'networkSecurityGroup'] as const) {
      if (old[field] === s[field]) continue;
      // Back to the default NACL: the network's default one, if declared.
      const to =
        s[field] ??
        (field === 'networkAcl' ? net.networkAcls?.find((y) => y.default === true)?.key : undefined);
      if (to === undefined) kept.push(`subnet ${label(s)}'s ${field} (removed)`);
      else set[field] = to;
    }
    const by =
      s.networkAcl !== old.networkAcl
        ? originOf(a.get(s.networkAcl ?? '')?.f)
        : originOf(a.get(s.networkSecurityGroup ?? '')?.f);
    if (Object.keys(set).length > 0)
      x.push(
        {
          at: Math.max(x.at(by, 'apply'), x.at(s.origin, 'apply'), ...associations(s.origin)),
          do: 'subnet.update',
          subnet: key,
          set,
        },
        by ?? s.origin,
      );
  }
  for (const [key, { h }] of ax.hosts) {
    const old = bx.hosts.get(key)?.h;
    if (old === undefined) continue;
    const set: Record<string, unknown> = {};
    if (json(old.securityGroups) !== json(h.securityGroups)) {
      if (h.securityGroups === undefined)
        kept.push(`host ${label(h)}'s security groups (back to the default group)`);
      else set['securityGroups'] = h.securityGroups;
    }
    if (old.networkSecurityGroup !== h.networkSecurityGroup) {
      if (h.networkSecurityGroup === undefined)
        kept.push(`host ${label(h)}'s network security group (removed)`);
      else set['networkSecurityGroup'] = h.networkSecurityGroup;
    }
    if (Object.keys(set).length > 0)
      x.push(
        {
          at: Math.max(x.at(h.origin, 'apply'), ...associations(h.origin)),
          do: 'host.update',
          host: key,
          set,
        },
        h.origin,
      );
  }
  if (created.length > 0)
    x.w.note(
      'assumed',
      `filters created by the plan and present from the start (the timeline cannot create them): ${created.join(', ')}`,
    );
  if (kept.length > 0)
    x.w.note(
      'unsupported',
      `filter changes of the plan the timeline cannot make (kept as before the plan): ${kept.join(', ')}`,
    );
}
