/**
 * Filter associations set by `host.update` and `subnet.update` (FILTERS.md "Timeline"): an ENI's
 * or a Neutron port's `securityGroups`, an Azure NIC's or subnet's `networkSecurityGroup`, a GCP
 * VM's `tags` and `serviceAccount`, an AWS subnet's `networkAcl`, a subnet's `defaultHost`.
 * References must name declared objects (the AWS `default` SG and NACL and the Neutron `default`
 * group are implicit); AWS-R36 refuses an ENI left without a group; quotas (AWS-R44) and an NSG
 * on GatewaySubnet (AZ-R32) are warnings.
 */
import { AWS_SGS_PER_ENI, awsSecurityGroupsRefusal, neutronGroupOwner } from '@cloudroute/model';
import type { Network, NetworkState, Provider, Subnet } from '@cloudroute/model';
import type { Settings } from './fields.js';
import { splitPath } from '@cloudroute/model';
import { findNetwork } from './lookup.js';
import { refuse } from './outcome.js';
import type { NoteDraft, Refused } from './outcome.js';

const isStrings = (v: unknown): v is readonly string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string' && x !== '');

function groupsCheck(
  state: NetworkState,
  network: Network,
  v: unknown,
  what: string,
  portNetwork: string,
): Refused | NoteDraft[] {
  if (v === null) return []; // back to the default group (AWS-R36, OS-R18)
  if (!isStrings(v)) return refuse('invalid-value', `${what}: securityGroups is a list of group names`);
  if (network.provider === 'aws') {
    const r = awsSecurityGroupsRefusal(v, what);
    if (r) return refuse(r.rule, r.message);
    // An ENI takes groups of its own VPC only.
    for (const g of v) {
      if (g !== 'default' && !(network.securityGroups ?? []).some((s) => s.name === g)) {
        return refuse('not-found', `${what}: ${network.name} has no security group ${g}`);
      }
    }
    if (v.length > AWS_SGS_PER_ENI) {
      return [
        {
          severity: 'warning',
          rule: 'AWS-R44',
          message: `${what} has ${v.length} security groups; the default quota is ${AWS_SGS_PER_ENI} per network interface (adjustable to 16)`,
        },
      ];
    }
    return [];
  }
  for (const g of v) {
    const bare = splitPath(g)?.[1] ?? g;
    if (bare !== 'default' && neutronGroupOwner(state.topology, g, network.name, portNetwork) === undefined) {
      return refuse('not-found', `${what}: no security group ${g}`);
    }
  }
  return [];
}

function nsgCheck(state: NetworkState, network: Network, v: unknown, what: string): Refused | undefined {
  if (v === null) return undefined;
  if (typeof v !== 'string' || v === '') {
    return refuse('invalid-value', `${what}: networkSecurityGroup is an NSG name or net/nsg`);
  }
  const [net, name] = splitPath(v) ?? [network.name, v];
  const owner = findNetwork(state.topology, net)?.network;
  if (owner?.provider !== 'azure' || !(owner.networkSecurityGroups ?? []).some((g) => g.name === name)) {
    return refuse('not-found', `${what}: no network security group ${v}`);
  }
  return undefined;
}

function gcpIdentityCheck(set: Settings, what: string): Refused | undefined {
  if ('tags' in set && set['tags'] !== null && !isStrings(set['tags'])) {
    return refuse('invalid-value', `${what}: tags is a list of network tags`);
  }
  if ('serviceAccount' in set && set['serviceAccount'] !== null) {
    const sa = set['serviceAccount'];
    if (typeof sa !== 'string' || sa === '') {
      return refuse('invalid-value', `${what}: serviceAccount is a service account name`);
    }
  }
  return undefined;
}

/** The filter fields of a `host.update` (`portNetwork`: the network of the port addressed). */
export function hostFilterCheck(
  state: NetworkState,
  network: Network,
  set: Settings,
  what: string,
  portNetwork: string,
): Refused | NoteDraft[] {
  const notes: NoteDraft[] = [];
  if ('securityGroups' in set && (network.provider === 'aws' || network.provider === 'openstack')) {
    const r = groupsCheck(state, network, set['securityGroups'], what, portNetwork);
    if ('kind' in r) return r;
    notes.push(...r);
  }
  if ('networkSecurityGroup' in set) {
    const r = nsgCheck(state, network, set['networkSecurityGroup'], what);
    if (r) return r;
  }
  if (network.provider === 'gcp') {
    const r = gcpIdentityCheck(set, what);
    if (r) return r;
  }
  return notes;
}

/** The keys of a `defaultHost` per provider (FILTERS.md "Flows without a host"). */
const DEFAULT_HOST_FIELDS: Readonly<Record<Provider, readonly string[]>> = {
  aws: ['securityGroups'],
  openstack: ['securityGroups'],
  azure: ['networkSecurityGroup'],
  gcp: ['tags', 'serviceAccount'],
};

/** The filter fields of a `subnet.update`: `networkAcl`, `networkSecurityGroup`, `defaultHost`. */
export function subnetFilterCheck(
  state: NetworkState,
  network: Network,
  subnet: Subnet,
  set: Settings,
): Refused | NoteDraft[] {
  const what = `${network.name}/${subnet.name}`;
  const notes: NoteDraft[] = [];
  if ('networkAcl' in set && set['networkAcl'] !== null) {
    const v = set['networkAcl'];
    if (typeof v !== 'string' || v === '')
      return refuse('invalid-value', `${what}: networkAcl is a NACL name`);
    // `default`: the VPC's default NACL, declared or implicit (AWS-R40).
    const known = v === 'default' || (network.networkAcls ?? []).some((a) => a.name === v);
    if (!known)
      return refuse(
        'not-found',
        `${what}: ${network.name} has no network ACL ${v} (AWS-R40: a NACL of the subnet's VPC)`,
      );
  }
  if ('networkSecurityGroup' in set) {
    const r = nsgCheck(state, network, set['networkSecurityGroup'], what);
    if (r) return r;
    if (set['networkSecurityGroup'] !== null && subnet.name === 'GatewaySubnet') {
      notes.push({
        severity: 'warning',
        rule: 'AZ-R32',
        message: `${what}: an NSG on GatewaySubnet stops the VPN gateway from working (Azure's built-in policy denies it)`,
      });
    }
  }
  if ('defaultHost' in set && set['defaultHost'] !== null) {
    const dh = set['defaultHost'];
    if (typeof dh !== 'object' || dh === undefined || Array.isArray(dh)) {
      return refuse('invalid-value', `${what}: defaultHost is an object`);
    }
    const fields = DEFAULT_HOST_FIELDS[network.provider];
    const given = dh as Settings;
    for (const k of Object.keys(given)) {
      if (!fields.includes(k)) {
        return refuse(
          'unknown-field',
          `${what}: defaultHost has no field ${k} on ${network.provider} (fields: ${fields.join(', ')})`,
        );
      }
    }
    const r = hostFilterCheck(state, network, given, `${what} defaultHost`, network.name);
    if ('kind' in r) return r;
    notes.push(...r);
  }
  return notes;
}
