/**
 * AZ-R18 — how an Azure VPN gateway moves from one SKU to another (with AZ-R17's timings). The one
 * home of the rule: the engine rejects with it, the Terraform what-if and the scenario checks ask it.
 *
 *   from \ to        | same SKU | higher tier, same generation | same tier + AZ | lower tier / AZ → non-AZ / → Basic
 *   Basic            | nothing  | delete + create               | delete + create | delete + create
 *   VpnGwN(AZ)       | nothing  | in place, ≈45 min             | in place, ≈45 min, no downtime | delete + create
 *   Gen1 → Gen2 SKU  |          | migration (or delete + create)|                |
 *   legacy (Standard, HighPerformance) → VpnGw*: migration (or delete + create); within legacy: resize up
 *
 * Generations: VpnGw1 is Generation 1 only and VpnGw4/VpnGw5 Generation 2 only; VpnGw2/VpnGw3 exist in
 * both, so a change that touches them stays within the gateway's generation (the scenario format has
 * no generation field). [DOC] AZ-SKU `gateway-sku-upgrade.md`.
 */

/** A refusal with its rule id (the caller adds how to proceed, e.g. `recreate: true`). */
export interface SkuRefusal {
  readonly rule: string;
  readonly message: string;
}

/**
 * AZ-R18: the Basic SKU has no active-active mode. The refusal of a gateway with `sku` and
 * `activeActive`, or undefined.
 */
export function azureActiveActiveRefusal(
  sku: string | undefined,
  activeActive: boolean | undefined,
): SkuRefusal | undefined {
  return sku === 'Basic' && activeActive === true
    ? { rule: 'AZ-R18', message: 'a Basic gateway cannot be active-active' }
    : undefined;
}

/** How an in-place SKU change affects traffic while it completes (AZ-R17). */
export type SkuUpgradeKind =
  /** Same tier to its AZ SKU (VpnGw1 → VpnGw1AZ): "there's no downtime". */
  | 'no-downtime'
  /**
   * Any other in-place resize: "minimal downtime"; [GUESS] modelled as one planned switchover to the
   * resized instances when the upgrade completes (AZ-R19's planned window, 10–15 s).
   */
  | 'switchover';

type SkuInfo =
  | { readonly family: 'basic' }
  | { readonly family: 'legacy'; readonly tier: number }
  | { readonly family: 'vpngw'; readonly tier: number; readonly az: boolean }
  | { readonly family: 'unknown' };

const LEGACY_TIERS: Readonly<Record<string, number>> = {
  Standard: 1,
  HighPerformance: 2,
  UltraPerformance: 3,
};

function skuInfo(sku: string | undefined): SkuInfo {
  if (sku === 'Basic') return { family: 'basic' };
  const legacy = sku === undefined ? undefined : LEGACY_TIERS[sku];
  if (legacy !== undefined) return { family: 'legacy', tier: legacy };
  const m = /^VpnGw(\d)(AZ)?$/.exec(sku ?? '');
  return m ? { family: 'vpngw', tier: Number(m[1]), az: m[2] !== undefined } : { family: 'unknown' };
}

/** The generation a VpnGw tier implies: 1 (VpnGw1), 2 (VpnGw4, VpnGw5), or either (VpnGw2, VpnGw3). */
function generationOf(tier: number): 1 | 2 | undefined {
  if (tier === 1) return 1;
  return tier >= 4 ? 2 : undefined;
}

/**
 * AZ-R18: why `from` → `to` cannot happen in place (a delete and a create, or a migration, is
 * needed), or undefined when Azure resizes the gateway in place (or nothing changes). `name`, when
 * given, opens the message.
 */
export function azureSkuChangeRefusal(
  from: string | undefined,
  to: string,
  name?: string,
): SkuRefusal | undefined {
  if (from === to) return undefined;
  const a = skuInfo(from);
  const b = skuInfo(to);
  const refusal = (why: string): SkuRefusal => ({
    rule: 'AZ-R18',
    message: name === undefined ? why : `${name}: ${why}`,
  });
  if (a.family === 'basic')
    return refusal(
      `a Basic gateway cannot be upgraded (Basic → ${to}): only a delete and create (new public IP)`,
    );
  if (b.family === 'basic')
    return refusal(`${from ?? 'the SKU'} → Basic is a downgrade: only a delete and create`);
  if (a.family === 'legacy' && b.family === 'vpngw')
    return refusal(
      `a legacy ${from ?? ''} gateway moves to ${to} only by migration (Basic public IP to Standard) or a delete and create`,
    );
  if (a.family === 'vpngw' && b.family === 'legacy')
    return refusal(`${from ?? ''} → ${to}: legacy SKUs are deprecated and no VpnGw SKU resizes to one`);
  if (a.family === 'legacy' && b.family === 'legacy' && b.tier < a.tier)
    return refusal(`${from ?? ''} → ${to} is a downgrade: only a delete and create`);
  if (a.family === 'vpngw' && b.family === 'vpngw') {
    if (b.tier < a.tier) return refusal(`${from ?? ''} → ${to} is a downgrade: only a delete and create`);
    if (a.az && !b.az)
      return refusal(`${from ?? ''} → ${to} gives up zone redundancy, a downgrade: only a delete and create`);
    if (generationOf(a.tier) === 1 && generationOf(b.tier) === 2)
      return refusal(
        `${from ?? ''} (Generation 1) → ${to} (Generation 2) is a migration, not an upgrade: only by migration or a delete and create`,
      );
  }
  return undefined;
}

/**
 * AZ-R17: how an in-place change `from` → `to` (one {@link azureSkuChangeRefusal} allows) affects
 * traffic; undefined when the SKU does not change.
 */
export function azureSkuUpgradeKind(from: string | undefined, to: string): SkuUpgradeKind | undefined {
  if (from === to) return undefined;
  const a = skuInfo(from);
  const b = skuInfo(to);
  if (a.family === 'vpngw' && b.family === 'vpngw' && a.tier === b.tier && !a.az && b.az)
    return 'no-downtime';
  return 'switchover';
}
