/**
 * Findings: problems before they have a line and column. YAML-level findings carry a text offset;
 * schema and semantic findings carry the JSON path of the value (or of the key, for a field that
 * should not be there), resolved through the document at the end.
 */
import type { Severity } from './problem.js';

/** A JSON path into the scenario document: `['networks', 0, 'subnets', 2, 'cidr']`. */
export type JsonPath = readonly (string | number)[];

export interface Finding {
  readonly code: string;
  readonly message: string;
  readonly severity: Severity;
  /** An exact offset in the text (YAML-level findings). */
  readonly offset?: number;
  /** Where in the document; the nearest existing ancestor is used when the path is absent (a missing field). */
  readonly path?: JsonPath;
  /** Point at the key of the last path element rather than its value (unknown or misplaced fields). */
  readonly atKey?: boolean;
}

/** Collects findings; checks call `error`/`warning` with a path. */
export interface FindingSink {
  readonly list: Finding[];
  error(path: JsonPath, code: string, message: string, atKey?: boolean): void;
  warning(path: JsonPath, code: string, message: string, atKey?: boolean): void;
}

export function findingSink(list: Finding[] = []): FindingSink {
  return {
    list,
    error: (path, code, message, atKey = false) =>
      list.push({ path, code, message, severity: 'error', atKey }),
    warning: (path, code, message, atKey = false) =>
      list.push({ path, code, message, severity: 'warning', atKey }),
  };
}
