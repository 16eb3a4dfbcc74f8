/** `cloudroute import aws`: AWS CLI `describe-*` JSON files → scenario. */
import { buildAws } from './aws/build.js';
import { AwsInventory, readAwsFile } from './aws/inventory.js';
import { ImportInputError } from './errors.js';
import { finish, type ImportResult } from './finish.js';
import { addOptionWarnings, describeTopology, type ImportOptions } from './options.js';
import { Secrets } from './secrets.js';
import { parseJsonFile, type SourceFile } from './source.js';
import { Warnings } from './warnings.js';

/** Attributes `get-managed-prefix-list-entries` answers, which do not name their list. */
function attributeEntries(inv: AwsInventory, warnings: Warnings): void {
  for (const e of inv.entries) {
    const byName = /pl-[0-9a-zA-Z]+/.exec(e.file)?.[0];
    const pending = [...inv.managedLists].filter((id) => !inv.prefixLists.has(id));
    const id = byName ?? (pending.length === 1 ? pending[0] : undefined);
    if (id === undefined) {
      warnings.add(
        'unsupported',
        'prefix list entries whose list is unknown (name the file after the pl- id, or use describe-prefix-lists) — skipped',
        e.file,
      );
      continue;
    }
    inv.prefixLists.set(id, [...(inv.prefixLists.get(id) ?? []), ...e.cidrs]);
  }
}

/** Turns AWS CLI `describe-*` JSON files into a validated scenario, with warnings for what was left out or assumed. */
export function importAws(files: readonly SourceFile[], options: ImportOptions = {}): ImportResult {
  const warnings = new Warnings();
  const secrets = new Secrets();
  const inv = new AwsInventory();
  addOptionWarnings(warnings, options);
  for (const f of files) {
    const value = parseJsonFile(f);
    secrets.collect(value);
    readAwsFile(inv, value, f.path, warnings);
  }
  attributeEntries(inv, warnings);
  if (inv.recognized === 0 && files.length > 0)
    throw new ImportInputError(
      files[0]?.path ?? '',
      [],
      'no AWS describe-* result in the input — pass the JSON of aws ec2 describe-vpcs, describe-route-tables, …',
    );
  const t = buildAws(inv, warnings);
  return finish(
    t,
    {
      command: 'cloudroute import aws',
      sources: files.map((f) => f.path),
      name: options.name ?? 'imported-aws',
      description: options.description ?? describeTopology('AWS describe-* output', files.length, t),
      ...(options.file !== undefined ? { file: options.file } : {}),
    },
    warnings,
    secrets,
  );
}
