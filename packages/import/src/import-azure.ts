/** `cloudroute import azure`: ARM and `az network` JSON → scenario. */
import { buildAzure } from './azure/build.js';
import { AzureInventory, readAzureFile } from './azure/inventory.js';
import { ImportInputError } from './errors.js';
import { finish, type ImportResult } from './finish.js';
import { addOptionWarnings, describeTopology, type ImportOptions } from './options.js';
import { Secrets } from './secrets.js';
import { parseJsonFile, type SourceFile } from './source.js';
import { Warnings } from './warnings.js';

/** Turns Azure ARM templates and `az network` JSON files into a validated scenario, with warnings for what was left out or assumed. */
export function importAzure(files: readonly SourceFile[], options: ImportOptions = {}): ImportResult {
  const warnings = new Warnings();
  const secrets = new Secrets();
  const inv = new AzureInventory();
  addOptionWarnings(warnings, options);
  for (const f of files) {
    const value = parseJsonFile(f);
    secrets.collect(value);
    readAzureFile(inv, value, f.path, warnings);
  }
  if (
    inv.size === 0 &&
    inv.notModelled.size === 0 &&
    inv.unusedFiles === 0 &&
    inv.effectiveRouteFiles === 0 &&
    files.length > 0
  )
    throw new ImportInputError(
      files[0]?.path ?? '',
      [],
      'no Azure resource in the input — pass ARM JSON or the JSON of az network vnet show, route-table show, …',
    );
  const t = buildAzure(inv, warnings);
  return finish(
    t,
    {
      command: 'cloudroute import azure',
      sources: files.map((f) => f.path),
      name: options.name ?? 'imported-azure',
      description: options.description ?? describeTopology('Azure JSON', files.length, t),
      ...(options.file !== undefined ? { file: options.file } : {}),
    },
    warnings,
    secrets,
  );
}
