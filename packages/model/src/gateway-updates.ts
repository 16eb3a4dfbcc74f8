/**
 * Which in-place gateway changes the provider refuses (the engine records them as `rejected`
 * unless the timeline allows `recreate: true`, a delete and create with its outage).
 */
import { azureSkuChangeRefusal } from './azure/sku-change.js';
import type { Gateway, Provider } from './topology.js';

export interface GatewayUpdateRefusal {
  readonly rule: string;
  readonly message: string;
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
  if (typeof set['sku'] === 'string') {
    // AZ-R18: Basic never upgrades in place; no downgrade in place; cross-generation and legacy moves are migrations.
    const refusal = azureSkuChangeRefusal(before.sku, set['sku'], before.name);
    if (refusal) return { rule: refusal.rule, message: `${refusal.message} (recreate: true)` };
  }
  // AZ-R23: the ASN may change in place.
  return undefined;
}
