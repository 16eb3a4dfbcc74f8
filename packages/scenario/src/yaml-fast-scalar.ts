/**
 * Scalars for the fast YAML reader (`yaml-fast.ts`): a plain scalar resolved by the core schema
 * exactly as the YAML library resolves it (the same tests in the same order: null, bool, octal,
 * decimal and hexadecimal integers, `.inf`/`.nan`, exponent and decimal floats), and the
 * single-line quoted scalars the reader accepts. What the reader does not accept it refuses with
 * {@link BAIL}, and the file goes to the YAML library.
 */

import { BACKSLASH, DOUBLE_QUOTE, SINGLE_QUOTE, lineEnd } from './yaml-fast-chars.js';

/** Thrown (never escaping `yaml-fast*.ts`) when the text leaves the subset the fast reader reads. */
export const BAIL: unique symbol = Symbol('bail');

/** Leaves the fast path: the text is for the YAML library. */
export function bail(): never {
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- a sentinel, caught by the reader
  throw BAIL;
}

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/**
 * Whether a character may be in a number of the core schema (digits, `+ - . _`, the letters of
 * hexadecimal digits, `e`, `o`, `x`, `.inf` and `.nan`).
 */
const NUMERIC = new Uint8Array(128);
for (const ch of '0123456789+-.abcdefABCDEFoxinINaA') NUMERIC[ch.charCodeAt(0)] = 1;

/** A plain scalar's value under the core schema (as the YAML library's `core` tags resolve it). */
export function resolvePlain(s: string): string | number | boolean | null {
  const c = s.charCodeAt(0);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
    // Only null, true and false (in three cases each) are not strings.
    if (s.length !== 4 && s.length !== 5) return s;
    if (NULL.test(s)) return null;
    if (BOOL.test(s)) return s[0] === 't' || s[0] === 'T';
    return s;
  }
  if (c === 126) return s.length === 1 ? null : s;
  if (!((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)) return s;
  for (let i = 1; i < s.length; i++) {
    const d = s.charCodeAt(i);
    if (d >= 128 || NUMERIC[d] !== 1) return s;
  }
  if (INT_OCT.test(s)) return parseInt(s.substring(2), 8);
  if (INT.test(s)) return parseInt(s, 10);
  if (INT_HEX.test(s)) return parseInt(s.substring(2), 16);
  if (FLOAT_NAN.test(s)) {
    if (s.slice(-3).toLowerCase() === 'nan') return NaN;
    return s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s);
  return s;
}

/** The escapes JSON and YAML read alike; any other escape leaves the fast path. */
const JSON_ESCAPES = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/g;

/**
 * The double-quoted scalar whose `"` is at `i`, closed on its line: its value and the offset past
 * the closing quote. Escapes are JSON's (which YAML reads the same way); others bail.
 */
export function doubleQuoted(text: string, i: number): { value: string; end: number } {
  let j = i + 1;
  let escaped = false;
  for (;;) {
    const c = text.charCodeAt(j);
    if (c === DOUBLE_QUOTE) break;
    if (lineEnd(c)) bail();
    if (c === BACKSLASH) {
      escaped = true;
      j++;
      if (lineEnd(text.charCodeAt(j))) bail();
    }
    j++;
  }
  const raw = text.slice(i + 1, j);
  if (!escaped) return { value: raw, end: j + 1 };
  if (raw.replace(JSON_ESCAPES, '').includes('\\')) bail();
  return { value: JSON.parse(`"${raw}"`) as string, end: j + 1 };
}

/** The single-quoted scalar whose `'` is at `i`, closed on its line (`''` is a quote). */
export function singleQuoted(text: string, i: number): { value: string; end: number } {
  let j = i + 1;
  let doubled = false;
  for (;;) {
    const c = text.charCodeAt(j);
    if (c === SINGLE_QUOTE) {
      if (text.charCodeAt(j + 1) !== SINGLE_QUOTE) break;
      doubled = true;
      j++;
    } else if (lineEnd(c)) bail();
    j++;
  }
  const raw = text.slice(i + 1, j);
  return { value: doubled ? raw.replace(/''/g, "'") : raw, end: j + 1 };
}
