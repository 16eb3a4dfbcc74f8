/**
 * Which in-place gateway changes the provider refuses (the engine records them as `rejected`
 * unless the timeline allows `recreate: true`, a delete and create with its outage).
 */
import type { Gateway, Provider } from './topology.js';

export interface GatewayUpdateRefusal {
  readonly rule: string;
  readonly message: string;
}

const AZURE_LEGACY_SKUS = new Set(['Standard', 'HighPerformance']);

/** VpnGw1..5 (AZ suffix allowed) → tier number; Basic 0; others undefined. */
function azureTier(sku: string | undefined): number | undefined {
  if (sku === 'Basic') return 0;
  const m = /^VpnGw(\d)(AZ)?$/.exec(sku ?? '');
  return m ? Number(m[1]) : undefined;
}

/**
 * The refusal of changing `before` with `set` in place, or undefined when the provider does it
 * in place. `recreate: true` makes every change allowed (delete + create).
 */
export function checkGatewayUpdate(
  provider: Provider,
  before: Gateway,
  set: Readonly<Record<string, unknown>>,
  recreate = false,
): GatewayUpdateRefusal | undefined {
  if (recreate) return undefined;
  if (
    provider === 'aws' &&
    (before.kind === 'vgw' || before.kind === 'tgw') &&
    'asn' in set &&
    set['asn'] !== before.asn
  )
    // AWS-R21: the Amazon-side ASN is chosen at creation and cannot be changed.
    return {
      rule: 'AWS-R21',
      message: `${before.name}'s ASN cannot be changed after creation — recreate the gateway (recreate: true)`,
    };
  if (provider !== 'azure' || before.kind !== 'vpn') return undefined;
  if ('vpnType' in set && set['vpnType'] !== (before.vpnType ?? 'RouteBased'))
    // AZ-R17: policy-based ↔ route-based needs delete and re-create (about 60 minutes, new public IP).
    return {
      rule: 'AZ-R17',
      message: `${before.name}: vpnType cannot change in place — delete and recreate the gateway (recreate: true)`,
    };
  if ('sku' in set && typeof set['sku'] === 'string' && set['sku'] !== before.sku) {
    const from = azureTier(before.sku);
    const to = azureTier(set['sku']);
    // AZ-R18: Basic never upgrades in place; no downgrade in place; legacy SKUs don't resize to VpnGw*.
    if (before.sku === 'Basic')
      return {
        rule: 'AZ-R18',
        message: `${before.name}: a Basic gateway cannot be resized — delete and recreate it (recreate: true)`,
      };
    if (AZURE_LEGACY_SKUS.has(before.sku ?? '') && to !== undefined)
      return {
        rule: 'AZ-R18',
        message: `${before.name}: a legacy ${before.sku} gateway cannot be resized to ${set['sku']} — migrate or recreate it`,
      };
    if (from !== undefined && to !== undefined && to < from)
      return {
        rule: 'AZ-R18',
        message: `${before.name}: ${before.sku} → ${set['sku']} is a downgrade — delete and recreate the gateway (recreate: true)`,
      };
  }
  // AZ-R23: the ASN may change in place.
  return undefined;
}
