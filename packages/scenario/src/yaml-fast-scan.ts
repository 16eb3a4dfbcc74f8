/**
 * Scanning the text for the fast YAML reader (`yaml-fast.ts`): plain scalars, where one may
 * start and where it stops, in block and in flow context, by YAML 1.2's rules (a `:` ends it
 * before a blank, or in flow before a flow indicator; a `#` after a blank starts a comment; in
 * flow, `, [ ] { }` end it; starts the reader does not take, `?`, `:` and indicators, bail), and
 * the blanks between a flow collection's entries; the strings of short, repeated scalars.
 */
import { bail } from './yaml-fast-scalar.js';
import {
  lineEnd,
  NL,
  CR,
  SP,
  HASH,
  COLON,
  DASH,
  COMMA,
  DOT,
  OPEN_BRACKET,
  CLOSE_BRACKET,
  OPEN_BRACE,
  CLOSE_BRACE,
} from './yaml-fast-chars.js';

/** `, [ ] { }` */
export function flowIndicator(c: number): boolean {
  return c === COMMA || c === OPEN_BRACKET || c === CLOSE_BRACKET || c === OPEN_BRACE || c === CLOSE_BRACE;
}

/** The indicators no plain scalar starts with: , [ ] { } # & * ! | > ' " % @ ` ? : */
const INDICATOR = new Uint8Array(128);
for (const ch of ',[]{}#&*!|>\'"%@`?:') INDICATOR[ch.charCodeAt(0)] = 1;

/**
 * Whether a plain scalar may start with `c` followed by `d`: not an indicator, except `-`
 * followed by a character that is not blank (`-1`, `-x`).
 */
function plainStart(c: number, d: number, inFlow: boolean): boolean {
  if (c === DASH) return !lineEnd(d) && d !== SP && !(inFlow && flowIndicator(d));
  return c !== SP && !lineEnd(c) && !(c < 128 && INDICATOR[c] === 1);
}

/**
 * Where the plain scalar starting at `start` stops (its start checked here; bails if it may not
 * start there): at the line's end, a `: `, a ` #`, or in flow a flow indicator. Its text ends
 * before the blanks in front of that place.
 */
export function plainStop(t: string, start: number, inFlow: boolean): number {
  if (!plainStart(t.charCodeAt(start), t.charCodeAt(start + 1), inFlow)) bail();
  let i = start;
  for (;;) {
    const c = t.charCodeAt(i);
    // Letters, digits, `.` and `/` first: most of a scalar.
    if (
      (c > COLON && c !== OPEN_BRACKET && c !== CLOSE_BRACKET && c !== OPEN_BRACE && c !== CLOSE_BRACE) ||
      (c >= DOT && c < COLON)
    ) {
      i++;
      continue;
    }
    if (lineEnd(c)) break;
    if (c === COLON) {
      const d = t.charCodeAt(i + 1);
      if (d === SP || lineEnd(d) || (inFlow && flowIndicator(d))) break;
    } else if (c === HASH) {
      if (t.charCodeAt(i - 1) === SP) break;
    } else if (inFlow && flowIndicator(c)) break;
    i++;
  }
  return i;
}

/** The end of a plain scalar's text that stops at `stop`: before the blanks there. */
export function plainEnd(t: string, start: number, stop: number): number {
  let end = stop;
  while (end > start && t.charCodeAt(end - 1) === SP) end--;
  return end;
}

/**
 * Past the blanks at `pos` in a flow collection (spaces, line breaks, comments): where the next
 * token is. A line's content (not a comment) must be indented more than the block collection
 * around the flow, in column `ind` (-1: no check).
 */
export function skipFlowSpace(t: string, pos: number, ind: number): number {
  let p = pos;
  let lineStart = -1;
  for (;;) {
    const c = t.charCodeAt(p);
    if (c === SP) p++;
    else if (c === CR || c === NL) {
      p += c === CR ? 2 : 1; // a carriage return is always before a line feed here
      lineStart = p;
      while (t.charCodeAt(p) === SP) p++;
      const d = t.charCodeAt(p);
      if (!lineEnd(d) && d !== HASH && p - lineStart <= ind) bail();
    } else if (c === HASH && (t.charCodeAt(p - 1) === SP || p === lineStart)) {
      const nl = t.indexOf('\n', p);
      if (nl < 0) bail();
      p = t.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
    } else return p;
  }
}

/**
 * The text from `start` to `end`, the same string each time it is read again while it keeps its
 * slot in `cache` (a power-of-two length; the slot is picked by the length and three characters,
 * and its string checked in full). `check` sees each string when it is first sliced.
 */
export function cachedSlice(
  cache: (string | undefined)[],
  t: string,
  start: number,
  end: number,
  check?: (s: string) => void,
): string {
  const len = end - start;
  if (len === 0) return '';
  const h =
    len * 961 + t.charCodeAt(start) * 31 + t.charCodeAt(start + (len >> 1)) * 7 + t.charCodeAt(end - 1);
  const slot = h & (cache.length - 1);
  const cached = cache[slot];
  if (cached !== undefined && cached.length === len && t.startsWith(cached, start)) return cached;
  const s = t.slice(start, end);
  check?.(s);
  cache[slot] = s;
  return s;
}
