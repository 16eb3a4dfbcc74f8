/** Options shared by the importers. */
import type { DTopology } from './draft.js';

export interface ImportOptions {
  /** The scenario's `name:` (default `imported-<provider>`). */
  readonly name?: string;
  readonly description?: string;
  /** The output file name, for validation messages. */
  readonly file?: string;
}

export function describeTopology(what: string, files: number, t: DTopology): string {
  const subnets = t.networks.reduce((a, n) => a + n.subnets.length, 0);
  const tables = t.networks.reduce((a, n) => a + n.routeTables.length, 0);
  return `Imported from ${files} file${files === 1 ? '' : 's'} of ${what}: ${t.networks.length} networks, ${subnets} subnets, ${tables} route tables, ${t.sites.length} sites, ${t.connections.length} connections, ${t.peerings.length} peerings.`;
}
