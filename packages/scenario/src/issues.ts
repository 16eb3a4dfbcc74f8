/**
 * Turns zod issues into findings: one per problem, at the value (or the key, for a field that
 * should not be there), with a stable code and a message that says what to do.
 */
import type * as z from 'zod';
import { describeValue, listNames } from './internal/describe.js';
import { suggest } from './internal/suggest.js';
import type { FindingSink, JsonPath } from './findings.js';
import { unknownFieldMessage } from './hints.js';
import { decodeMessage, failedObjects, failedUnions } from './schema/registry.js';

/** The value at `path` in plain data, or undefined. */
function valueAt(data: unknown, path: JsonPath): unknown {
  let v = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(v, seg)) return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

function label(path: JsonPath): string {
  const last = path.at(-1);
  if (typeof last === 'number') {
    const owner = path.at(-2);
    return typeof owner === 'string' ? `\`${owner}[${last}]\`` : `item ${last}`;
  }
  return last === undefined ? 'the document' : `\`${last}\``;
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: '`true` or `false`',
  object: 'a mapping (`key: value` fields)',
  array: 'a list',
  tuple: 'a list',
  record: 'a mapping (`key: value` fields)',
  null: 'null',
};

function typeHint(expected: string, value: unknown): string {
  if (expected === 'boolean' && typeof value === 'string')
    return 'write `true` or `false` (YAML 1.2: `yes`/`no` are text)';
  if (expected === 'array' || expected === 'tuple')
    return typeof value === 'object' && value !== null
      ? 'write a list `[...]` or `- ` items'
      : 'write a list, e.g. `[ ... ]`';
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean'))
    return `quote it: \`"${String(value)}"\``;
  if (expected === 'object') return 'write `key: value` fields';
  if (expected === 'number' || expected === 'int') return 'write a number without quotes';
  return 'fix the value';
}

const DISCRIMINATOR_NAMES: Readonly<Record<string, string>> = {
  provider: 'provider',
  type: 'next-hop type',
  kind: 'kind',
  do: 'action',
};

function unionMessage(
  issue: z.core.$ZodIssueInvalidUnion,
  data: unknown,
  sink: FindingSink,
  local: JsonPath,
  prefix: JsonPath,
): void {
  const path = [...prefix, ...local];
  const discriminator = (issue as { discriminator?: string }).discriminator;
  const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
  if (discriminator === undefined) {
    sink.error(
      path,
      'bad-value',
      `${label(path)} matches none of the allowed shapes — check it against the schema`,
    );
    return;
  }
  const localObject = local.at(-1) === discriminator ? local.slice(0, -1) : local;
  const objectPath = [...prefix, ...localObject];
  const object = valueAt(data, localObject);
  const info = typeof object === 'object' && object !== null ? failedUnions.get(object) : undefined;
  const value = valueAt(data, [...localObject, discriminator]);
  const what = info?.what ?? 'this object';
  const name = DISCRIMINATOR_NAMES[discriminator] ?? discriminator;
  if (value === undefined) {
    sink.error(
      objectPath,
      'missing-field',
      `missing \`${discriminator}\` — ${what} needs \`${discriminator}:\` one of ${listNames(options)}`,
    );
    return;
  }
  if (typeof value !== 'string') {
    sink.error(
      [...objectPath, discriminator],
      'wrong-type',
      `\`${discriminator}\` must be one of ${listNames(options)}, not ${describeValue(value)}`,
    );
    return;
  }
  const foreign = info?.foreign?.(value);
  if (foreign !== undefined) {
    sink.error([...objectPath, discriminator], 'wrong-provider-value', foreign);
    return;
  }
  const close = suggest(value, options);
  sink.error(
    [...objectPath, discriminator],
    'unknown-kind',
    close !== undefined
      ? `unknown ${name} \`${value}\`; did you mean \`${close}\`?`
      : `unknown ${name} \`${value}\` — use one of ${listNames(options)}`,
  );
}

/** Adds a finding for every issue; `prefix` is the path of the parsed value in the document. */
export function reportIssues(
  issues: readonly z.core.$ZodIssue[],
  data: unknown,
  sink: FindingSink,
  prefix: JsonPath = [],
): void {
  // A missing field whose near-miss spelling is written (`cidr_blocks` for `cidrs`) is said once,
  // by the did-you-mean of the unknown field.
  const misspelt = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const local = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const value = valueAt(data, local);
    const known = typeof value === 'object' && value !== null ? failedObjects.get(value) : undefined;
    for (const key of issue.keys) {
      const close = known === undefined ? undefined : suggest(key, known.keys);
      if (close !== undefined) misspelt.add(JSON.stringify([...local, close]));
    }
  }
  // One problem per place: a second issue at a path (an unsafe integer is both not an integer
  // and too big) repeats the first.
  const seen = new Set<string>();
  for (const issue of issues) {
    const local = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const path = [...prefix, ...local];
    const key = JSON.stringify(local);
    if (issue.code !== 'unrecognized_keys' && seen.has(key)) continue;
    seen.add(key);
    const decoded = decodeMessage(issue.message);
    if (decoded !== undefined) {
      sink.error(path, decoded.code, decoded.message);
      continue;
    }
    const value = valueAt(data, local);
    switch (issue.code) {
      case 'unrecognized_keys': {
        const known = typeof value === 'object' && value !== null ? failedObjects.get(value) : undefined;
        for (const key of issue.keys) {
          const m = unknownFieldMessage(known, key);
          sink.error([...path, key], m.code, m.message, true);
        }
        break;
      }
      case 'invalid_union':
        unionMessage(issue, data, sink, local, prefix);
        break;
      case 'invalid_type': {
        if (value === undefined) {
          if (misspelt.has(JSON.stringify(local))) break;
          const parent = valueAt(data, local.slice(0, -1));
          const last = local.at(-1);
          if (Array.isArray(parent) && typeof last === 'number')
            sink.error(
              path.slice(0, -1),
              'missing-field',
              `${label(path.slice(0, -1))} needs ${last + 1} values or more — complete the list`,
            );
          else sink.error(path, 'missing-field', `missing required field ${label(path)} — add it`);
          break;
        }
        const expected = EXPECTED[issue.expected] ?? issue.expected;
        sink.error(
          path,
          'wrong-type',
          `${label(path)} must be ${expected}, not ${describeValue(value)} — ${typeHint(issue.expected, value)}`,
        );
        break;
      }
      case 'invalid_value': {
        const options = issue.values.map(String);
        const close = typeof value === 'string' ? suggest(value, options) : undefined;
        sink.error(
          path,
          'bad-value',
          `${describeValue(value)} is not allowed for ${label(path)}${close === undefined ? '' : `; did you mean \`${close}\`?`} — use one of ${listNames(options)}`,
        );
        break;
      }
      case 'too_small':
      case 'too_big': {
        const bound =
          issue.code === 'too_small'
            ? `at least ${String(issue.minimum)}`
            : `at most ${String(issue.maximum)}`;
        const what =
          issue.origin === 'array'
            ? `have ${bound} items`
            : issue.origin === 'string'
              ? `have ${bound} characters`
              : `be ${bound}`;
        sink.error(path, 'out-of-range', `${label(path)} must ${what} — change it`);
        break;
      }
      case 'custom':
      case 'invalid_element':
      case 'invalid_format':
      case 'invalid_key':
      case 'not_multiple_of':
        sink.error(path, 'bad-value', `${label(path)}: ${issue.message} — fix the value`);
    }
  }
}
