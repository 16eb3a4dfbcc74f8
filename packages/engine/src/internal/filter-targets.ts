/**
 * The filter a `filterRule.*` or `filter.update` event addresses (FILTERS.md "Timeline"), resolved
 * on the state before the event, and its rule list in an immer draft.
 *
 * Implicit objects (the AWS `default` SG and default NACL, the Neutron project's `default` group)
 * are written into the topology with their documented rules (AWS-R36, AWS-R40, OS-R11) the first
 * time a change addresses them, so that the change edits them instead of replacing them.
 */
import type { Draft } from 'immer';
import { neutronGroupOwner } from '@cloudroute/model';
import type {
  Network,
  NetworkAcl,
  NetworkAclEntry,
  NetworkSecurityGroup,
  NetworkState,
  SecurityGroup,
  SecurityGroupRule,
} from '@cloudroute/model';
import type { FilterRuleValue, FilterTarget } from '../actions.js';
import { splitPath } from '@cloudroute/model';
import { findNetwork } from './lookup.js';
import type { Found } from './lookup.js';
import { refuse } from './outcome.js';
import type { Refused } from './outcome.js';

export type Direction = 'inbound' | 'outbound';

/** The filter an event addresses, resolved on the state before the event. */
export type Where =
  | {
      readonly kind: 'sg';
      readonly f: Found<Network>;
      readonly path: string;
      /** Index in `securityGroups`; undefined: the implicit `default`, written on apply. */
      readonly gi: number | undefined;
      readonly group: SecurityGroup;
      readonly direction: Direction;
    }
  | {
      readonly kind: 'neutron';
      readonly f: Found<Network>;
      readonly path: string;
      readonly gi: number | undefined;
      readonly group: SecurityGroup;
    }
  | {
      readonly kind: 'nacl';
      readonly f: Found<Network>;
      readonly path: string;
      readonly ai: number | undefined;
      readonly acl: NetworkAcl;
      readonly direction: Direction;
    }
  | {
      readonly kind: 'nsg';
      readonly f: Found<Network>;
      readonly path: string;
      readonly i: number;
      readonly nsg: NetworkSecurityGroup;
    }
  | { readonly kind: 'gcp'; readonly f: Found<Network>; readonly path: string };

/** AWS-R36: the default SG's documented rules (inbound from itself, outbound everywhere). */
function awsDefaultGroup(): SecurityGroup {
  // IPv4 only, as the model's implicit group (the data plane is IPv4).
  return {
    name: 'default',
    inbound: [{ protocol: 'all', securityGroup: 'default' }],
    outbound: [{ protocol: 'all', cidr: '0.0.0.0/0' }],
  };
}

/** AWS-R35: a group without an `outbound` list has a new group's allow-all rule (FILTERS.md). */
function newGroupOutbound(): SecurityGroupRule[] {
  return [{ protocol: 'all', cidr: '0.0.0.0/0' }];
}

/** AWS-R40: the default NACL allows everything (rule 100, then `*`). */
function awsDefaultAcl(): NetworkAcl {
  const all: NetworkAclEntry = { ruleNumber: 100, protocol: 'all', cidr: '0.0.0.0/0', action: 'allow' };
  return { name: 'default', default: true, inbound: [all], outbound: [all] };
}

/** OS-R11: the project's `default` group: egress anywhere, ingress from its own members. */
function neutronDefaultGroup(): SecurityGroup {
  return {
    name: 'default',
    rules: [
      { direction: 'egress', ethertype: 'IPv4' },
      { direction: 'egress', ethertype: 'IPv6' },
      { direction: 'ingress', ethertype: 'IPv4', remoteGroup: 'default' },
      { direction: 'ingress', ethertype: 'IPv6', remoteGroup: 'default' },
    ],
  };
}

function targetNetwork(state: NetworkState, path: string, what: string): [Found<Network>, string] | Refused {
  const parts = splitPath(path);
  if (!parts) return refuse('invalid-target', `${what} is written net/name, not ${JSON.stringify(path)}`);
  const f = findNetwork(state.topology, parts[0]);
  if (!f) return refuse('not-found', `no network ${parts[0]}`);
  return [f, parts[1]];
}

export function resolveFilter(state: NetworkState, target: FilterTarget): Where | Refused {
  if ('securityGroup' in target) {
    const r = targetNetwork(state, target.securityGroup, 'securityGroup');
    if ('kind' in r) return r;
    const [f, name] = r;
    const path = target.securityGroup;
    const groups = f.network.securityGroups ?? [];
    const i = groups.findIndex((g) => g.name === name);
    const gi = i >= 0 ? i : undefined;
    if (f.network.provider === 'aws') {
      if (target.direction === undefined) {
        return refuse('invalid-target', `an AWS security group change needs direction: inbound or outbound`);
      }
      const group = groups[i] ?? (name === 'default' ? awsDefaultGroup() : undefined);
      if (!group) return refuse('not-found', `no security group ${path}`);
      return { kind: 'sg', f, path, gi, group, direction: target.direction };
    }
    if (f.network.provider === 'openstack') {
      if (target.direction !== undefined) {
        return refuse(
          'invalid-target',
          `Neutron rules carry their own direction: drop direction: from the target`,
        );
      }
      if (name === 'default') {
        // OS-R23: `default` is the project's wherever it is written: the first network declaring it, else implicit.
        const owner = neutronGroupOwner(state.topology, 'default', f.network.name);
        const of = owner === undefined ? undefined : findNetwork(state.topology, owner);
        const oi = (of?.network.securityGroups ?? []).findIndex((g) => g.name === 'default');
        const declared = of?.network.securityGroups?.[oi];
        return of && declared
          ? { kind: 'neutron', f: of, path, gi: oi, group: declared }
          : { kind: 'neutron', f, path, gi: undefined, group: neutronDefaultGroup() };
      }
      const group = groups[i];
      if (!group) return refuse('not-found', `no security group ${path}`);
      return { kind: 'neutron', f, path, gi, group };
    }
    return refuse(
      'invalid-target',
      `securityGroup: targets AWS and OpenStack groups; ${f.network.name} is ${f.network.provider}`,
    );
  }
  if ('networkAcl' in target) {
    const r = targetNetwork(state, target.networkAcl, 'networkAcl');
    if ('kind' in r) return r;
    const [f, name] = r;
    if (f.network.provider !== 'aws') {
      return refuse(
        'invalid-target',
        `networkAcl: targets AWS network ACLs; ${f.network.name} is ${f.network.provider}`,
      );
    }
    const acls = f.network.networkAcls ?? [];
    let i = acls.findIndex((a) => a.name === name);
    if (i < 0 && name === 'default') i = acls.findIndex((a) => a.default === true);
    const acl = acls[i] ?? (name === 'default' ? awsDefaultAcl() : undefined);
    if (!acl) return refuse('not-found', `no network ACL ${target.networkAcl}`);
    return {
      kind: 'nacl',
      f,
      path: target.networkAcl,
      ai: i >= 0 ? i : undefined,
      acl,
      direction: target.direction,
    };
  }
  if ('networkSecurityGroup' in target) {
    const r = targetNetwork(state, target.networkSecurityGroup, 'networkSecurityGroup');
    if ('kind' in r) return r;
    const [f, name] = r;
    if (f.network.provider !== 'azure') {
      return refuse(
        'invalid-target',
        `networkSecurityGroup: targets Azure NSGs; ${f.network.name} is ${f.network.provider}`,
      );
    }
    const list = f.network.networkSecurityGroups ?? [];
    const i = list.findIndex((g) => g.name === name);
    const nsg = list[i];
    if (!nsg) return refuse('not-found', `no network security group ${target.networkSecurityGroup}`);
    return { kind: 'nsg', f, path: target.networkSecurityGroup, i, nsg };
  }
  const f = findNetwork(state.topology, target.network);
  if (!f) return refuse('not-found', `no network ${target.network}`);
  if (f.network.provider !== 'gcp') {
    return refuse(
      'invalid-target',
      `network: targets GCP firewall rules; ${f.network.name} is ${f.network.provider} (use securityGroup:, networkAcl: or networkSecurityGroup:)`,
    );
  }
  return { kind: 'gcp', f, path: target.network };
}

// --- rules in place ------------------------------------------------------------------------------

export function rulesAt(w: Where): readonly FilterRuleValue[] {
  switch (w.kind) {
    case 'sg':
      return w.direction === 'outbound' ? (w.group.outbound ?? newGroupOutbound()) : (w.group.inbound ?? []);
    case 'neutron':
      return w.group.rules ?? [];
    case 'nacl':
      return w.acl[w.direction];
    case 'nsg':
      return w.nsg.securityRules;
    case 'gcp':
      return w.f.network.firewallRules ?? [];
  }
}

/** The draft's rule list of the filter, writing an implicit object into the topology first. */
export function draftRules(d: Draft<NetworkState>, w: Where): FilterRuleValue[] | undefined {
  const n = d.topology.networks[w.f.ni];
  if (!n) return undefined;
  switch (w.kind) {
    case 'sg':
    case 'neutron': {
      n.securityGroups ??= [];
      let g = w.gi === undefined ? undefined : n.securityGroups[w.gi];
      if (!g) {
        n.securityGroups.push(structuredClone(w.group) as Draft<SecurityGroup>);
        g = n.securityGroups[n.securityGroups.length - 1];
      }
      if (!g) return undefined;
      if (w.kind === 'neutron') return (g.rules ??= []);
      return w.direction === 'outbound' ? (g.outbound ??= newGroupOutbound()) : (g.inbound ??= []);
    }
    case 'nacl': {
      n.networkAcls ??= [];
      let a = w.ai === undefined ? undefined : n.networkAcls[w.ai];
      if (!a) {
        n.networkAcls.push(structuredClone(w.acl) as Draft<NetworkAcl>);
        a = n.networkAcls[n.networkAcls.length - 1];
      }
      return a?.[w.direction];
    }
    case 'nsg':
      return n.networkSecurityGroups?.[w.i]?.securityRules;
    case 'gcp':
      return (n.firewallRules ??= []);
  }
}

/** The group a draft change addresses (`filter.updated`), writing an implicit one first. */
export function draftGroup(
  d: Draft<NetworkState>,
  w: Where & { kind: 'neutron' },
): Draft<SecurityGroup> | undefined {
  const n = d.topology.networks[w.f.ni];
  if (!n) return undefined;
  n.securityGroups ??= [];
  const g = w.gi === undefined ? undefined : n.securityGroups[w.gi];
  if (g) return g;
  n.securityGroups.push(structuredClone(w.group) as Draft<SecurityGroup>);
  return n.securityGroups[n.securityGroups.length - 1];
}

/** Deep equality of plain rule data; absent and `undefined` fields are the same. */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => sameData(x, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) if (!sameData(ra[k], rb[k])) return false;
  return true;
}

export const nameOf = (r: FilterRuleValue): string | undefined => {
  const n = (r as { readonly name?: unknown }).name;
  return typeof n === 'string' ? n : undefined;
};
