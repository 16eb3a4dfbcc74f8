/**
 * Durations as scenario files write them (DESIGN.md "Times are written as durations from the
 * scenario start"): whole numbers with units in the order d, h, m, s, each at most once —
 * `90s`, `10m`, `1h30m`, `2h`, `30d`. A plain number is refused (is `600` seconds or minutes?);
 * the message suggests the unit-ful spelling.
 */
import { describeValue } from './internal/describe.js';

/** Longest duration accepted anywhere (100 years): keeps every time a safe integer of seconds. */
export const MAX_DURATION_SECONDS = 100 * 365 * 86_400;

/** The regular expression of a duration (also the JSON Schema `pattern`). */
export const DURATION_PATTERN = '^(?=\\d)(\\d+d)?(\\d+h)?(\\d+m)?(\\d+s)?$';
const DURATION_RE = new RegExp(DURATION_PATTERN);

const UNIT_SECONDS = { d: 86_400, h: 3_600, m: 60, s: 1 } as const;

/** `time`: a moment from the scenario start (`at`, `during`); `span`: a length (`mtbf`, `horizon`). */
export type DurationKind = 'time' | 'span';

/** A parsed duration in seconds, or the message saying what is wrong with the text. */
export type DurationResult =
  { readonly ok: true; readonly seconds: number } | { readonly ok: false; readonly message: string };

/** What is wrong with a value written where a duration belongs, and what to write instead. */
export function durationProblem(input: unknown, kind: DurationKind = 'span'): string {
  if (typeof input === 'number') {
    if (Number.isFinite(input) && input < 0 && kind === 'time')
      return `\`${input}\` is negative — times are durations from the scenario start`;
    const hint =
      Number.isSafeInteger(input) && input >= 0 ? `write \`${formatDuration(input)}\`` : 'write e.g. `90s`';
    return `\`${input}\` is a plain number — durations carry a unit (s, m, h, d): ${hint}`;
  }
  if (typeof input !== 'string')
    return `expected a duration, not ${describeValue(input)} — write e.g. \`90s\`, \`10m\`, \`1h30m\` or \`30d\``;
  const text = input.trim();
  if (text === '') return 'empty duration — write e.g. `90s`, `10m`, `1h30m` or `30d`';
  if (text.startsWith('-'))
    return kind === 'time'
      ? `\`${input}\` is negative — times are durations from the scenario start`
      : `\`${input}\` is negative — a duration is zero or more`;
  if (/^\d+(\.\d+)?[dhms]?$/.test(text) && text.includes('.'))
    return `\`${input}\` is not a duration — use whole units, e.g. \`1h30m\` rather than \`1.5h\``;
  if (/^\d+$/.test(text))
    return `\`${input}\` has no unit — write \`${text}s\`, \`${text}m\` or \`${text}h\``;
  return `\`${input}\` is not a duration — write e.g. \`90s\`, \`10m\`, \`1h30m\`, \`2h\` or \`30d\` (units d, h, m, s in that order)`;
}

/** Parses a duration to whole seconds. */
export function parseDuration(input: unknown, kind: DurationKind = 'span'): DurationResult {
  if (typeof input !== 'string' || !DURATION_RE.test(input))
    return { ok: false, message: durationProblem(input, kind) };
  let seconds = 0;
  for (const m of input.matchAll(/(\d+)([dhms])/g)) {
    seconds += Number(m[1]) * UNIT_SECONDS[m[2] as keyof typeof UNIT_SECONDS];
  }
  if (!Number.isSafeInteger(seconds) || seconds > MAX_DURATION_SECONDS)
    return { ok: false, message: `\`${input}\` is longer than 100 years — write a shorter duration` };
  return { ok: true, seconds };
}

/** Formats whole seconds the way a scenario file writes them: `0s`, `90s` → `1m30s`, `5400` → `1h30m`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return `${seconds}s`;
  let rest = Math.floor(seconds);
  let out = '';
  for (const [unit, size] of Object.entries(UNIT_SECONDS)) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out === '' ? '0s' : out;
}
