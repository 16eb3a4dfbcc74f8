/**
 * Which in-place gateway changes the provider refuses or makes only by a delete and create: the
 * one home of these rules. The engine asks {@link gatewayUpdateVerdict} and records a `rejected`
 * entry (or, with `recreate: true`, the delete and create with its outage); the Terraform what-if
 * and the scenario checks ask {@link checkGatewayUpdate} whether a change needs a recreation.
 */
import { azureActiveActiveRefusal, azureSkuChangeRefusal } from './azure/sku-change.js';
import { azureGatewayAsnReserved } from './azure/validate.js';
import type { Gateway, Provider } from './topology.js';

/** A gateway change the provider refuses in place: its rule id and what to do instead. */
export interface GatewayUpdateRefusal {
  readonly rule: string;
  readonly message: string;
}

/**
 * The refusal of changing `before` with `set` in place, or undefined when the provider does it
 * in place. `recreate: true` makes every change allowed (delete + create). Asked by the Terraform
 * what-if (recreate or delete and create) and the scenario checks.
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

/** What the engine decides about a gateway update: refused outright, or only by a delete and create. */
export interface GatewayUpdateVerdict {
  /** `refused`: the provider refuses the change; `recreate`: allowed only with `recreate: true`. */
  readonly kind: 'refused' | 'recreate';
  readonly rule: string;
  readonly message: string;
}

/**
 * AZ-R17 / AZ-R18 / AZ-R23 on an Azure VPN gateway update: a refusal, why a recreation is needed
 * (allowed only with `recreate: true`), or undefined (in place). The engine turns the verdict
 * into a rejection or a recreation.
 */
function azureVpnGatewayUpdate(
  gw: Gateway,
  set: Readonly<Record<string, unknown>>,
): GatewayUpdateVerdict | undefined {
  let needs: GatewayUpdateVerdict | undefined;
  if ('vpnType' in set && set['vpnType'] !== (gw.vpnType ?? 'RouteBased')) {
    // AZ-R17: policy-based ↔ route-based is delete + create, new public IP.
    needs = {
      kind: 'recreate',
      rule: 'AZ-R17',
      message: `vpnType ${gw.vpnType ?? 'RouteBased'} → ${String(set['vpnType'])} cannot change in place`,
    };
  }
  if (typeof set['sku'] === 'string') {
    // AZ-R18: Basic, downgrades, cross-generation and legacy moves are a delete and create (or a migration).
    const refusal = azureSkuChangeRefusal(gw.sku, set['sku']);
    if (refusal) needs ??= { kind: 'recreate', rule: refusal.rule, message: refusal.message };
  }
  const sku = typeof set['sku'] === 'string' ? set['sku'] : gw.sku;
  const aa = typeof set['activeActive'] === 'boolean' ? set['activeActive'] : gw.activeActive;
  const activeActive = azureActiveActiveRefusal(sku, aa);
  if (activeActive) return { kind: 'refused', ...activeActive };
  if (typeof set['asn'] === 'number' && azureGatewayAsnReserved(set['asn'])) {
    return {
      kind: 'refused',
      rule: 'AZ-R23',
      message: `ASN ${set['asn']} is reserved by Azure or IANA — use 64512–65514 or 65521–65534`,
    };
  }
  return needs;
}

function changed(gw: Gateway, set: Readonly<Record<string, unknown>>, key: keyof Gateway): boolean {
  return key in set && set[key] !== gw[key];
}

/**
 * The engine's verdict on updating `gw` with `set` in place: AZ-R17/R18/R23 for an Azure VPN
 * gateway; AWS-R21 (a VGW's or TGW's ASN), AWS-R16 (a NAT gateway's subnet and connectivity) and
 * GCP-R19 (a Cloud Router's ASN) need a delete and create. Undefined: the change is in place.
 */
export function gatewayUpdateVerdict(
  provider: Provider,
  gw: Gateway,
  set: Readonly<Record<string, unknown>>,
): GatewayUpdateVerdict | undefined {
  if (provider === 'azure' && gw.kind === 'vpn') return azureVpnGatewayUpdate(gw, set);
  if (provider === 'aws' && (gw.kind === 'vgw' || gw.kind === 'tgw') && changed(gw, set, 'asn')) {
    return {
      kind: 'recreate',
      rule: 'AWS-R21',
      message: `the Amazon-side ASN of a ${gw.kind.toUpperCase()} is chosen at creation and cannot be changed (${gw.asn ?? 64512} → ${JSON.stringify(set['asn'])})`,
    };
  }
  if (
    provider === 'aws' &&
    gw.kind === 'nat' &&
    (changed(gw, set, 'subnet') || changed(gw, set, 'connectivity'))
  ) {
    return {
      kind: 'recreate',
      rule: 'AWS-R16',
      message: `a NAT gateway's subnet and connectivity type are fixed at creation`,
    };
  }
  if (provider === 'gcp' && gw.kind === 'cloudRouter' && changed(gw, set, 'asn')) {
    return { kind: 'recreate', rule: 'GCP-R19', message: `a Cloud Router's ASN is fixed for the router` };
  }
  return undefined;
}
