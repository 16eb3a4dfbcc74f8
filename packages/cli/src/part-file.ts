/**
 * Reading a shard's part file for `merge`: the JSON parsed with the place of a syntax error
 * (a truncated file names its line and column), then the document's shape checked field by field
 * with the JSON path of the first wrong one. The content itself is checked against the part's
 * checksum by `mergeParts`.
 */
import type { PartDocument } from '@cloudroute/sim';
import type { Io } from './context.js';

const HOW = 'pass the JSON printed by `cloudroute run|diff|chaos … --shard K/N`';

/** A part file that cannot be merged: bad input (exit 2). */
export class PartFileError extends Error {
  override readonly name = 'PartFileError';
}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return `${lines.length}:${lines[lines.length - 1]!.length + 1}`;
}

/** Where JSON.parse stopped: Node's message gives a position, or none at the end of the input. */
function syntaxPlace(text: string, e: Error): string {
  const m = /at position (\d+)/.exec(e.message);
  return lineColumn(text, m ? Number(m[1]) : text.length);
}

function parse(file: string, text: string): unknown {
  if (text.trim() === '') throw new PartFileError(`${file}: the file is empty — ${HOW}`);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    // Truncated: the parser says so, or stopped with nothing but white space after where it stopped
    // (a file cut after a comma: "Expected double-quoted property name").
    const at = /at position (\d+)/.exec((e as Error).message);
    const truncated =
      /end of JSON input|Unterminated/i.test((e as Error).message) ||
      (at !== null && text.slice(Number(at[1])).trim() === '');
    throw new PartFileError(
      `${file}:${syntaxPlace(text, e as Error)}: ${truncated ? 'the JSON ends early (a truncated file?)' : `not valid JSON (${(e as Error).message})`} — regenerate the part; ${HOW}`,
    );
  }
}

type Check = (value: unknown) => string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const str: Check = (v) => (typeof v === 'string' ? undefined : 'expected a string');
const int: Check = (v) =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? undefined : 'expected a whole number ≥ 0';
const obj: Check = (v) => (isObject(v) ? undefined : 'expected an object');
const oneOf =
  (...values: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v)
      ? undefined
      : `expected ${values.map((x) => JSON.stringify(x)).join(' or ')}`;

function field(doc: Record<string, unknown>, path: string, key: string, check: Check): string | undefined {
  if (!(key in doc)) return `${path}.${key}: missing`;
  const why = check(doc[key]);
  return why ? `${path}.${key}: ${why}, got ${JSON.stringify(doc[key])?.slice(0, 40)}` : undefined;
}

/** The first shape problem of a part document, as `$.json.path: what`, or undefined. */
export function partShapeProblem(doc: unknown): string | undefined {
  if (!isObject(doc))
    return `$: expected a part document (an object), got ${Array.isArray(doc) ? 'an array' : typeof doc}`;
  if (doc['cloudroute'] !== 'part')
    return `$.cloudroute: expected "part", got ${JSON.stringify(doc['cloudroute']) ?? 'nothing'} (this is not a part document)`;
  for (const key of ['checksum', 'report'])
    if (!(key in doc)) return `$.${key}: missing (a part made by an earlier version of cloudroute?)`;
  const top =
    field(doc, '$', 'command', oneOf('run', 'diff', 'chaos')) ??
    field(doc, '$', 'scenario', str) ??
    field(doc, '$', 'seed', int) ??
    field(doc, '$', 'fingerprint', str) ??
    field(doc, '$', 'shard', obj) ??
    field(doc, '$', 'report', obj) ??
    field(doc, '$', 'payload', obj) ??
    field(doc, '$', 'checksum', str);
  if (top) return top;
  const shard = doc['shard'] as Record<string, unknown>;
  const s = field(shard, '$.shard', 'k', int) ?? field(shard, '$.shard', 'n', int);
  if (s) return s;
  if ((shard['n'] as number) < 1 || (shard['k'] as number) >= (shard['n'] as number))
    return `$.shard: expected 0 ≤ k < n, got ${shard['k'] as number}/${shard['n'] as number}`;
  const report = doc['report'] as Record<string, unknown>;
  const r = field(report, '$.report', 'scenario', obj);
  if (r) return r;
  return field(report['scenario'] as Record<string, unknown>, '$.report.scenario', 'name', str);
}

/** Reads and checks one part file; throws PartFileError (bad input) naming the file and the place. */
export function readPart(io: Io, file: string): PartDocument {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (e as Error).message;
    throw new PartFileError(`${file}: cannot read the part (${why}) — check the path`);
  }
  const doc = parse(file, text);
  const problem = partShapeProblem(doc);
  if (problem) throw new PartFileError(`${file}: ${problem} — ${HOW}`);
  // The printed part has no `kind` (documentJson leaves it out): tagged again here, once its
  // shape is checked.
  return { ...(doc as Omit<PartDocument, 'kind'>), kind: 'part' };
}
