/**
 * The fast path for scenario files written as JSON: `JSON.parse` for the data, and the place of a
 * path in the text found only when a problem needs it, by walking the text to that path.
 *
 * JSON is YAML (a flow mapping), so a JSON file must load exactly as the YAML reader
 * (`yaml-read.ts`) loads it: the same data, the same problems at the same line and column. The
 * fast path is taken only when that is certain, and returns `undefined` otherwise, leaving the
 * text to the YAML reader:
 * - the text is JSON (`JSON.parse` accepts it) and starts with `{`;
 * - no key repeats in a mapping (`JSON.parse` keeps the last; YAML refuses the repeat): the keys
 *   `JSON.parse` kept are counted against the `:` of the text;
 * - the nesting is within the YAML reader's bound (which it reports when it is not);
 * - nothing the two could read differently: no tab (YAML indentation rules), no carriage return
 *   without a line feed (a line break to YAML, not to the line numbering), no `__proto__` key,
 *   no character YAML treats specially (C1 controls, DEL, U+2028/9, byte order marks, U+FFFE/F).
 * Nothing is kept per value: positions come from the text itself.
 */
import type { JsonPath } from './findings.js';
import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  DOUBLE_QUOTE,
  OPEN_BRACE,
  OPEN_BRACKET,
} from './yaml-fast-chars.js';
import { MAX_NESTING } from './yaml-read.js';

/** A file read by the fast path: its data and where each path of it is in the text. */
export interface JsonRead {
  readonly data: Record<string, unknown>;
  /** The offset of a path (see `SourceMap.position` for the rules), computed on demand. */
  readonly offsetOf: (path: JsonPath, atKey: boolean) => number;
  readonly linePos: (offset: number) => { line: number; col: number };
}

/** Whether the text should be tried as JSON: its first character past blanks is `{`. */
export function looksLikeJson(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13) continue;
    return c === OPEN_BRACE;
  }
  return false;
}

/** The offset just past the string whose opening quote is at `i` (the text is valid JSON). */
function stringEnd(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    j = text.indexOf('"', j);
    if (j < 0) return text.length;
    let k = j - 1;
    while (text.charCodeAt(k) === BACKSLASH) k--;
    if ((j - 1 - k) % 2 === 0) return j + 1;
    j++;
  }
}

/**
 * The `:`, the values (`,`, `:`, `[`, `{`: what the YAML reader's limit counts, without newlines,
 * which make no JSON value) and the deepest nesting outside strings: one pass, before parsing.
 */
function shape(text: string): { colons: number; values: number; depth: number } {
  let colons = 0;
  let values = 0;
  let depth = 0;
  let deepest = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === DOUBLE_QUOTE) {
      i = stringEnd(text, i);
      continue;
    }
    if (c === COLON) {
      colons++;
      values++;
    } else if (c === COMMA) values++;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      values++;
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
    i++;
  }
  return { colons, values, depth: deepest };
}

/** The number of keys of every object in the data, without recursion. */
function countKeys(data: unknown): number {
  let keys = 0;
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const item of v) if (item !== null && typeof item === 'object') stack.push(item);
    } else {
      for (const k in v) {
        keys++;
        const item = (v as Record<string, unknown>)[k];
        if (item !== null && typeof item === 'object') stack.push(item);
      }
    }
  }
  return keys;
}

const SPECIAL = /[\t\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|\r(?!\n)|"__proto__"/;

/**
 * Reads `text` (that {@link looksLikeJson}) by the fast path, or `undefined` when it is for the
 * YAML reader; past `maxValues` (see `shape`) too, since the YAML reader's count is never lower.
 */
export function readJson(text: string, maxValues = Infinity): JsonRead | undefined {
  if (SPECIAL.test(text)) return undefined;
  const { colons, values, depth } = shape(text);
  if (values > maxValues || depth > MAX_NESTING) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  if (colons !== countKeys(data)) return undefined;
  const locator = jsonLocator(text);
  return { data: data as Record<string, unknown>, offsetOf: locator.offsetOf, linePos: locator.linePos };
}

/** A collection's children: where each value starts and, in a mapping, each key. */
interface Children {
  readonly keys: string[] | undefined;
  readonly keyStarts: number[];
  readonly valueStarts: number[];
}

function skipBlank(text: string, i: number): number {
  let j = i;
  for (;;) {
    const c = text.charCodeAt(j);
    if (c === 32 || c === 10 || c === 13 || c === 9) j++;
    else return j;
  }
}

/** The offset just past the value starting at `i` (the text is valid JSON). */
function valueEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === DOUBLE_QUOTE) return stringEnd(text, i);
  if (c === OPEN_BRACE || c === OPEN_BRACKET) {
    let depth = 0;
    let j = i;
    const n = text.length;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === DOUBLE_QUOTE) {
        j = stringEnd(text, j);
        continue;
      }
      if (d === OPEN_BRACE || d === OPEN_BRACKET) depth++;
      else if (d === CLOSE_BRACE || d === CLOSE_BRACKET) {
        depth--;
        if (depth === 0) return j + 1;
      }
      j++;
    }
    return n;
  }
  let j = i;
  for (;;) {
    const d = text.charCodeAt(j);
    if (Number.isNaN(d) || d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || d <= 32) return j;
    j++;
  }
}

function children(text: string, open: number): Children {
  const isMap = text.charCodeAt(open) === OPEN_BRACE;
  const keys: string[] | undefined = isMap ? [] : undefined;
  const keyStarts: number[] = [];
  const valueStarts: number[] = [];
  let i = skipBlank(text, open + 1);
  const close = isMap ? CLOSE_BRACE : CLOSE_BRACKET;
  while (i < text.length && text.charCodeAt(i) !== close) {
    if (keys !== undefined) {
      const end = stringEnd(text, i);
      const raw = text.slice(i, end);
      keys.push(raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1));
      keyStarts.push(i);
      i = skipBlank(text, skipBlank(text, end) + 1); // past the `:`
    }
    valueStarts.push(i);
    i = skipBlank(text, valueEnd(text, i));
    if (text.charCodeAt(i) === COMMA) i = skipBlank(text, i + 1);
  }
  return { keys, keyStarts, valueStarts };
}

function jsonLocator(text: string): Pick<JsonRead, 'offsetOf' | 'linePos'> {
  const cache = new Map<number, Children>();
  const childrenAt = (open: number): Children => {
    let c = cache.get(open);
    if (c === undefined) {
      c = children(text, open);
      cache.set(open, c);
    }
    return c;
  };
  const root = skipBlank(text, 0);
  const offsetOf = (path: JsonPath, atKey: boolean): number => {
    let offset = root;
    for (let i = 0; i < path.length; i++) {
      const c = text.charCodeAt(offset);
      if (c !== OPEN_BRACE && c !== OPEN_BRACKET) break;
      const seg = path[i];
      const kids = childrenAt(offset);
      if (kids.keys !== undefined) {
        const at = kids.keys.indexOf(String(seg));
        if (at < 0) break;
        if (i === path.length - 1 && atKey) return kids.keyStarts[at]!;
        offset = kids.valueStarts[at]!;
      } else {
        if (typeof seg !== 'number') break;
        const start = kids.valueStarts[seg];
        if (start === undefined) break;
        offset = start;
      }
    }
    return offset;
  };
  const linePos = lineLocator(text);
  return { offsetOf, linePos };
}

/**
 * Line and column (1-based) of an offset in `text`: line starts found on the first call, then a
 * binary search (json-read.ts and yaml-fast-read.ts locate problems with it).
 */
export function lineLocator(text: string): (offset: number) => { line: number; col: number } {
  let lineStarts: number[] | undefined;
  return (offset: number): { line: number; col: number } => {
    if (lineStarts === undefined) {
      lineStarts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    }
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - lineStarts[lo]! + 1 };
  };
}
