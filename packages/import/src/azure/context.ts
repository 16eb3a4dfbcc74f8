/** State shared by the steps of the Azure build (what has been imported so far) and its naming helpers. */
import type { DGateway, DNetwork, DSite, DSubnet, DTopology } from '../draft.js';
import { str } from '../internal/json.js';
import type { Warnings } from '../warnings.js';
import type { AzureInventory } from './inventory.js';
import { lastSegment, resourceGroup, type AzureObject } from './normalize.js';

export interface AzureBuildOptions {
  /** Route table key → VNet key, for tables no subnet uses yet (Terraform what-if). */
  readonly tablePlacement?: ReadonlyMap<string, string>;
}

export class Ctx {
  readonly nets = new Map<string, DNetwork>();
  readonly subnets = new Map<string, { net: DNetwork; s: DSubnet }>();
  readonly gateways = new Map<string, { net: DNetwork; g: DGateway }>();
  readonly sites = new Map<string, DSite>();
  constructor(
    readonly inv: AzureInventory,
    readonly t: DTopology,
    readonly w: Warnings,
  ) {}
  warn(o: AzureObject, code: Parameters<Warnings['add']>[0], message: string): void {
    this.w.add(code, message, o.file, o.path);
  }
  all(type: string): AzureObject[] {
    return [...this.inv.get(type).values()];
  }
}

export function names(o: AzureObject): string[] {
  const name = str(o.o['name']) ?? lastSegment(o.id);
  const rg = resourceGroup(o.id);
  return rg === undefined ? [name] : [name, `${rg}.${name}`];
}

export const outId = (o: AzureObject): string => o.outId ?? o.id;
export const originOf = (o: AzureObject): { origin?: string } =>
  o.origin !== undefined ? { origin: o.origin } : {};
