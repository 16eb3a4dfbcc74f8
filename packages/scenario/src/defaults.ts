/**
 * Defaults of the scenario format (also printed in the JSON Schema's descriptions).
 */

/** `seed:` when absent. */
export const DEFAULT_SEED = 1;

/** `horizon:` when absent: one hour. */
export const DEFAULT_HORIZON = '1h';
/** `horizon:` when absent, in seconds. */
export const DEFAULT_HORIZON_SECONDS = 3600;

/** `chaos.runs:` when absent. */
export const DEFAULT_CHAOS_RUNS = 100;
