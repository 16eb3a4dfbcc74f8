/** `cloudroute import terraform`: `terraform show -json` of a plan or a state → scenario. */
import { refuseForeign } from './aws/inventory.js';
import { buildAws } from './aws/build.js';
import { buildAzure } from './azure/build.js';
import { emptyTopology, type DTopology } from './draft.js';
import { ImportInputError } from './errors.js';
import { finish, type ImportResult } from './finish.js';
import { addOptionWarnings, describeTopology, type ImportOptions } from './options.js';
import { Secrets } from './secrets.js';
import { parseJsonFile, type SourceFile } from './source.js';
import { AWS_HANDLED, AWS_NOT_MODELLED, awsInventory } from './terraform/aws/index.js';
import { awsEndpoints } from './terraform/aws-edge.js';
import { OTHER_FILTERS, noteOtherFilters } from './terraform/aws-filters.js';
import { AZURERM_HANDLED, AZURERM_NOT_MODELLED, azurermInventory } from './terraform/azurerm.js';
import { readPlan } from './terraform/plan.js';
import { TfResolver, type Side } from './terraform/refs.js';
import { whatIf } from './terraform/what-if.js';
import { Warnings } from './warnings.js';

/** Options of the Terraform import: those of every importer, and whether to import the plan as a what-if. */
export interface TerraformOptions extends ImportOptions {
  /** The prior state is the topology; the plan's changes become the timeline. */
  readonly whatIf?: boolean;
}

function build(r: TfResolver, side: Side, w: Warnings): DTopology {
  const t = emptyTopology();
  buildAws(awsInventory(r, side, w), w, t);
  awsEndpoints(r, side, w, t);
  const az = azurermInventory(r, side, w);
  buildAzure(az.inv, w, { tablePlacement: az.placement }, t);
  return t;
}

function noteTypes(r: TfResolver, w: Warnings): void {
  const other = new Map<string, number>();
  const notModelled = new Map<string, number>();
  for (const i of r.plan.instances) {
    if (AWS_HANDLED.has(i.type) || AZURERM_HANDLED.has(i.type) || i.type in OTHER_FILTERS) continue;
    const m = AWS_NOT_MODELLED.has(i.type) || AZURERM_NOT_MODELLED.has(i.type) ? notModelled : other;
    m.set(i.type, (m.get(i.type) ?? 0) + 1);
  }
  const list = (m: Map<string, number>): string =>
    [...m].map(([t, n]) => (n > 1 ? `${t} ×${n}` : t)).join(', ');
  if (notModelled.size > 0)
    w.note('unsupported', `not modelled (filters, addresses, compute): ${list(notModelled)}`);
  if (other.size > 0) w.note('unsupported', `not routing resources cloudroute imports: ${list(other)}`);
  noteOtherFilters(r, w);
}

/** Turns a Terraform plan or state (`terraform show -json`) into a validated scenario; with `whatIf`, the prior state is the topology and the plan's changes its timeline. */
export function importTerraform(file: SourceFile, options: TerraformOptions = {}): ImportResult {
  const warnings = new Warnings();
  const secrets = new Secrets();
  addOptionWarnings(warnings, options);
  const value = parseJsonFile(file);
  secrets.collect(value);
  refuseForeign(value, file.path, 'terraform');
  const plan = readPlan(value, file.path, warnings);
  const r = new TfResolver(plan, warnings, file.path);
  noteTypes(r, warnings);
  let t: DTopology;
  if (options.whatIf === true) {
    if (plan.kind !== 'plan')
      throw new ImportInputError(
        file.path,
        [],
        'this is a state, not a plan — --what-if needs `terraform show -json <planfile>`',
      );
    // The prior state's own problems are the plan's too; one set of warnings.
    const before = build(r, 'before', new Warnings());
    const after = build(r, 'after', warnings);
    t = whatIf(r, before, after, warnings);
  } else t = build(r, plan.kind === 'state' ? 'before' : 'after', warnings);
  const what = `Terraform ${plan.kind} (format ${plan.formatVersion})${options.whatIf === true ? ', what-if: the plan as the timeline' : ''}`;
  return finish(
    t,
    {
      command: `cloudroute import terraform${options.whatIf === true ? ' --what-if' : ''}`,
      sources: [file.path],
      name: options.name ?? (options.whatIf === true ? 'terraform-what-if' : 'imported-terraform'),
      description: options.description ?? describeTopology(what, 1, t),
      ...(options.file !== undefined ? { file: options.file } : {}),
    },
    warnings,
    secrets,
  );
}
