/**
 * Bad input that stops an import: not JSON, another provider's export, a plan of an unknown
 * format. The message names the file and the JSON path and says what to do; it never quotes the
 * input (which may hold pre-shared keys).
 */
import { formatPath, type JsonPath } from './internal/json.js';
import { printable } from './secrets.js';

/** Bad input that stops an import; the message names the file and the JSON path and says what to do. */
export class ImportInputError extends Error {
  override readonly name = 'ImportInputError';
  constructor(
    readonly file: string,
    readonly path: JsonPath,
    readonly reason: string,
  ) {
    super(`${printable(file)}: ${formatPath(path)}: ${reason}`);
  }
}

/** A broken invariant of the importer itself (a bug, not bad input). */
export class ImportInternalError extends Error {
  override readonly name = 'ImportInternalError';
}
