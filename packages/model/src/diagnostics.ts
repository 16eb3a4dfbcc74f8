/**
 * Diagnostics: expected problems with a configuration, returned as values (never thrown).
 * `path` is the JSON path inside the scenario document (`['networks', 0, 'routeTables', 1,
 * 'routes', 2]`); the scenario layer turns it into file:line:column.
 */
export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  /** A PROVIDERS.md rule id (`AWS-R4`) or a stable code (`unknown-reference`). */
  readonly code: string;
  /** What is wrong and what to do, one line: `… — …`. */
  readonly message: string;
  readonly path: readonly (string | number)[];
}
