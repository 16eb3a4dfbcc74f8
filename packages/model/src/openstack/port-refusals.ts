/**
 * OpenStack Neutron port refusals (PROVIDERS.md 4.4): the constraints between port security,
 * allowed address pairs and security groups (OS-R7, OS-R8). A pure function; the engine turns its
 * verdict into a `rejected` entry.
 */
import { prefixEquals } from '@cloudroute/lpm';
import type { AllowedAddressPair } from '../topology.js';
import type { ChangeRefusal } from '../change-refusal.js';
import { parseLooseAddress, parseLoosePrefix } from '../loose-prefix.js';
import { OS_MAX_ADDRESS_PAIRS } from './validate.js';

const refusal = (rule: string, message: string): ChangeRefusal => ({ rule, message });

/** A Neutron port as an update would leave it, with the values it inherits made explicit. */
export interface NeutronPortView {
  /** How messages name the port (`net/host` or `net/host port sub`). */
  readonly label: string;
  readonly portSecurity: boolean;
  readonly allowedAddressPairs: readonly AllowedAddressPair[];
  /** Undefined: the port has the groups it was created with (the project's `default` when port security was on). */
  readonly securityGroups: readonly string[] | undefined;
  readonly ip: string | undefined;
  readonly mac: string | undefined;
}

/**
 * OS-R7 / OS-R8 on a port after an update: why Neutron refuses it, or undefined. `wasSecured` is
 * the port security before the update: a port created with port security on and no explicit
 * groups carries the `default` group.
 */
export function openstackPortRefusal(port: NeutronPortView, wasSecured: boolean): ChangeRefusal | undefined {
  const pairs = port.allowedAddressPairs;
  const groups = port.securityGroups ?? (wasSecured ? ['default'] : []);
  if (!port.portSecurity && pairs.length > 0) {
    return refusal(
      'OS-R8',
      `${port.label}: port security must be enabled to have allowed address pairs — set allowedAddressPairs: [] in the same update`,
    );
  }
  if (!port.portSecurity && groups.length > 0) {
    return refusal(
      'OS-R8',
      `${port.label} has security group ${groups.join(', ')}: cannot disable port security until the groups are removed — set securityGroups: [] in the same update`,
    );
  }
  if (groups.length > 0 && port.ip === undefined) {
    return refusal('OS-R8', `${port.label}: a port needs an IP address to use security groups`);
  }
  if (pairs.length > OS_MAX_ADDRESS_PAIRS) {
    return refusal(
      'OS-R7',
      `${port.label}: ${pairs.length} allowed address pairs; Neutron allows ${OS_MAX_ADDRESS_PAIRS}`,
    );
  }
  const seen = new Set<string>();
  for (const pair of pairs) {
    const p = parseLoosePrefix(pair.ip);
    if (!p) return refusal('invalid-value', `${port.label}: ${pair.ip} is not an IP address or prefix`);
    const key = `${pair.ip}|${pair.mac ?? ''}`;
    if (seen.has(key)) return refusal('OS-R7', `${port.label}: duplicate allowed address pair ${pair.ip}`);
    seen.add(key);
    const own = port.ip === undefined ? undefined : parseLooseAddress(port.ip);
    if (own && prefixEquals(own, p) && (pair.mac === undefined || pair.mac === port.mac)) {
      return refusal('OS-R7', `${port.label}: the pair ${pair.ip} matches the port's own fixed IP and MAC`);
    }
  }
  return undefined;
}
