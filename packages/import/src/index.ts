/**
 * @cloudroute/import: scenarios from real configuration. AWS CLI `describe-*` JSON, Azure ARM and
 * `az network` JSON, Terraform plans and states (`terraform show -json`); and the comparison of a
 * simulated route table with the provider's own effective-routes export. No I/O: the CLI reads the
 * files and passes their text.
 */
export { importAws } from './import-aws.js';
export { importAzure } from './import-azure.js';
export { importTerraform } from './import-terraform.js';
export { compareRoutes } from './compare.js';
export { ImportInputError, ImportInternalError } from './errors.js';
export { formatWarning } from './warnings.js';
export { walkFolder, MAX_FOLDER_DEPTH } from './folders.js';

export type { SourceFile } from './source.js';
export type { FolderFs, FolderWalk } from './folders.js';
export type { ImportOptions } from './options.js';
export type { TerraformOptions } from './import-terraform.js';
export type { ImportResult, ImportSummary } from './finish.js';
export type { ImportWarning, WarningCode } from './warnings.js';
export type {
  CompareResult,
  CompareRow,
  CompareOptions,
  RouteDifference,
  DifferenceKind,
} from './compare.js';
