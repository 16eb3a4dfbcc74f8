/** Options shared by the importers. */
import type { DTopology } from './draft.js';
import type { ImportWarning, Warnings } from './warnings.js';

/** Options every importer takes: the scenario's name and description, the output file name and earlier warnings. */
export interface ImportOptions {
  /** The scenario's `name:` (default `imported-<provider>`). */
  readonly name?: string;
  /** The scenario's `description:`. */
  readonly description?: string;
  /** The output file name, for validation messages. */
  readonly file?: string;
  /** Warnings found before the import (the folder walk's), reported with the import's own. */
  readonly warnings?: readonly ImportWarning[];
}

/** Adds the caller's warnings ({@link ImportOptions.warnings}) first. */
export function addOptionWarnings(w: Warnings, options: ImportOptions): void {
  for (const x of options.warnings ?? []) w.add(x.code, x.message, x.file, x.path);
}

export function describeTopology(what: string, files: number, t: DTopology): string {
  const subnets = t.networks.reduce((a, n) => a + n.subnets.length, 0);
  const tables = t.networks.reduce((a, n) => a + n.routeTables.length, 0);
  return `Imported from ${files} file${files === 1 ? '' : 's'} of ${what}: ${t.networks.length} networks, ${subnets} subnets, ${tables} route tables, ${t.sites.length} sites, ${t.connections.length} connections, ${t.peerings.length} peerings.`;
}
