/**
 * A gateway's life along the timeline (created, updated, deleted) and the AZ-R17 / AZ-R18 check
 * of `recreate: true` on an Azure VPN gateway change made in place.
 */
import { checkGatewayUpdate } from '@cloudroute/model';
import type { Gateway } from '@cloudroute/model';
import type { JsonPath } from '../findings.js';
import { asObject, field } from '../internal/raw.js';
import type { RawObject } from '../internal/raw.js';
import type { CheckContext, GatewayEntry, NetworkEntry } from './topology-index.js';

/** A gateway as the timeline has made it so far. */
export interface GatewayLife {
  readonly net: NetworkEntry;
  readonly entry: GatewayEntry;
  alive: boolean;
  /** When it was created by the timeline, or deleted. */
  since?: string;
  /** Fields the timeline's earlier `gateway.update`s set (a SKU upgraded at 10m is the SKU at 20m). */
  updated?: Record<string, unknown>;
}

/**
 * AZ-R17 / AZ-R18: `recreate: true` on an Azure VPN gateway change that Azure makes in place is a
 * warning (the engine upgrades in place; no delete and create happens). The rule itself lives in the
 * model (`checkGatewayUpdate`, `azureSkuChangeRefusal`).
 */
export function checkRecreate(ctx: CheckContext, action: RawObject, path: JsonPath, life: GatewayLife): void {
  const set = asObject(field(action, 'set'));
  if (set === undefined) return;
  const before = { ...life.entry.raw, ...life.updated } as unknown as Gateway;
  const recreate = field(action, 'recreate') === true;
  if (recreate && life.net.provider === 'azure' && life.entry.kind === 'vpn') {
    const refusal = checkGatewayUpdate('azure', before, set);
    if (refusal === undefined) {
      const sku = field(set, 'sku');
      const change =
        typeof sku === 'string' && sku !== before.sku
          ? `${before.sku ?? 'the SKU'} → ${sku} is an in-place upgrade (public IP kept)`
          : 'this change is made in place';
      ctx.sink.warning(
        [...path, 'recreate'],
        typeof sku === 'string' ? 'AZ-R18' : 'AZ-R17',
        `\`recreate: true\` is not needed: ${change}, not a delete and create — remove \`recreate: true\``,
        true,
      );
    }
  }
  life.updated = { ...life.updated, ...set };
}
