/**
 * Import warnings: what was not imported, or imported with an assumption. Collected as values
 * (Batfish's "conversion warnings"), printed on stderr by the CLI and written as comments at the
 * top of the scenario.
 */
import { formatPath, type JsonPath } from './internal/json.js';
import { printable } from './secrets.js';

/** The kind of an import warning: unsupported, stale, a missing reference, an unknown value, an assumption, an unresolved link, a refusal or a malformed record. */
export type WarningCode =
  /** A resource or field cloudroute does not model. */
  | 'unsupported'
  /** A deleted, failed or otherwise stale record. */
  | 'stale'
  /** A reference to an object that is not in the input. */
  | 'missing-reference'
  /** A value outside the documented vocabulary (AWS and Azure enums are open). */
  | 'unknown-value'
  /** Imported on an assumption the warning states. */
  | 'assumed'
  /** A Terraform link that is unknown until apply and could not be resolved. */
  | 'unresolved'
  /** An object dropped because the written scenario would not validate with it. */
  | 'refused'
  /** A malformed record. */
  | 'malformed';

/** Something an import left out or assumed: its kind, a message, and where in the input it was found. */
export interface ImportWarning {
  /** The kind of warning. */
  readonly code: WarningCode;
  /** What was left out or assumed, in one line. */
  readonly message: string;
  /** The input file, when the warning is about one. */
  readonly file?: string;
  /** The JSON path in that file. */
  readonly path?: JsonPath;
}

/** One line: `file: $.path: message` (the parts that are known; control characters escaped). */
export function formatWarning(w: ImportWarning): string {
  const where = [w.file, w.path && w.path.length > 0 ? formatPath(w.path) : undefined].filter(
    (x): x is string => x !== undefined,
  );
  return printable(where.length > 0 ? `${where.join(': ')}: ${w.message}` : w.message);
}

/** Collects warnings, dropping exact repeats (the same object seen in two accounts' files). */
export class Warnings {
  readonly list: ImportWarning[] = [];
  private readonly seen = new Set<string>();

  add(code: WarningCode, message: string, file?: string, path?: JsonPath): void {
    const w: ImportWarning = {
      code,
      message,
      ...(file !== undefined ? { file } : {}),
      ...(path !== undefined ? { path } : {}),
    };
    const key = `${code}\u0000${formatWarning(w)}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(w);
  }

  /** A warning about an object, without file or path (the object's id says which). */
  note(code: WarningCode, message: string): void {
    this.add(code, message);
  }
}
