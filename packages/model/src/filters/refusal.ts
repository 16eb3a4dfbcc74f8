/**
 * A filter change a provider refuses (FILTERS.md "Timeline", "Validation"): the PROVIDERS.md rule
 * id and a message that says what to fix. Returned by the pure `<provider>/filter-refusals.ts`
 * checks, which the engine turns into `rejected` entries and the scenario loader into diagnostics.
 */
export interface FilterRefusal {
  readonly rule: string;
  readonly message: string;
}
