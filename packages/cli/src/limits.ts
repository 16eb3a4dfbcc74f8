/**
 * The CLI's limits on numbers given as options, and the file-size limit of inputs (README
 * "Limits"). Option bounds are the scenario format's own where the format has the same field
 * (`--seed` and `seed:`, `--runs` and `chaos.runs`), read from its JSON Schema so the two agree.
 */
import { scenarioJsonSchema } from '@cloudroute/scenario';

/**
 * The largest input file read: a 500,000-route scenario is about 37 MiB (and about 3.5 GB to
 * load); 48 MiB of routes ran out of the default 4 GB heap.
 */
export const MAX_INPUT_BYTES = 40 * 1024 * 1024;

/** Above this `--workers` is refused as a typo; above the machine's cores it is capped to them. */
export const MAX_WORKERS_FLAG = 1024;

/** The longest piece of user input quoted in a message, and the longest message printed. */
const MAX_QUOTE = 80;
const MAX_MESSAGE = 2000;

interface Bounds {
  readonly seed: number;
  readonly runs: number;
}

let bounds: Bounds | undefined;

/** `seed:` and `chaos.runs` maxima of the scenario format. */
export function formatBounds(): Bounds {
  if (bounds) return bounds;
  const schema = scenarioJsonSchema() as {
    properties?: { seed?: { maximum?: number } };
    definitions?: { Chaos?: { properties?: { runs?: { maximum?: number } } } };
  };
  bounds = {
    seed: schema.properties?.seed?.maximum ?? Number.MAX_SAFE_INTEGER,
    runs: schema.definitions?.Chaos?.properties?.runs?.maximum ?? 100_000,
  };
  return bounds;
}

/** At most {@link MAX_QUOTE} characters of `text`, the cut marked with an ellipsis. */
export function quote(text: string, max: number = MAX_QUOTE): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * A message with every excerpt quoted in backticks cut to {@link MAX_QUOTE} characters and each
 * line cut to a screenful, so that no input is ever echoed back in full.
 */
export function clipMessage(message: string): string {
  return message
    .replace(/`([^`\n]*)`/g, (m, inner: string) => (inner.length > MAX_QUOTE ? `\`${quote(inner)}\`` : m))
    .split('\n')
    .map((line) => (line.length <= MAX_MESSAGE ? line : `${line.slice(0, MAX_MESSAGE - 1)}…`))
    .join('\n');
}

/** An option's whole number in [min, max]; bad input otherwise (the bounds in the message). */
export function boundedInt(
  flag: string,
  text: string | undefined,
  min: number,
  max: number,
  why = '',
): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max || !Number.isSafeInteger(n))
    throw new OptionError(
      `${flag} ${quote(text)}: expected a whole number from ${min} to ${max.toLocaleString('en-US')}${why}`,
    );
  return n;
}

/** `--seed N`: the range `seed:` accepts. */
export function seedFlag(text: string | undefined): number | undefined {
  return boundedInt('--seed', text, 0, formatBounds().seed, " (a scenario file's `seed:` takes the same)");
}

/** `chaos --runs N`: the range `chaos.runs` accepts. */
export function runsFlag(text: string | undefined): number | undefined {
  return boundedInt('--runs', text, 1, formatBounds().runs, " (a chaos block's `runs:` takes the same)");
}

/**
 * `--workers N` (default: the cores). More threads than cores only add memory (each holds its
 * own copy of the scenario's tables) and cannot finish sooner, so N is capped to the cores with
 * a note on stderr; above {@link MAX_WORKERS_FLAG} it is refused.
 */
export function workersFlag(text: string | undefined, cpus: number, note: (text: string) => void): number {
  const cores = Math.max(1, cpus);
  const n = boundedInt('--workers', text, 1, MAX_WORKERS_FLAG);
  if (n === undefined) return cores;
  if (n <= cores) return n;
  note(
    `note: --workers ${n}: this machine has ${cores} core${cores === 1 ? '' : 's'}; using ${cores} (output is identical for any number)\n`,
  );
  return cores;
}

/** Bad input in an option: printed as is, exit 2 (main.ts catches it with its own usage errors). */
export class OptionError extends Error {
  override readonly name = 'OptionError';
}
