/**
 * `|` and `>` block scalars for the fast YAML reader (`yaml-fast.ts`): clip or strip (`-`)
 * chomping, no indentation indicator, every content line at one indentation (more-indented lines,
 * `+` chomping, leading empty lines and whitespace-only lines past the indentation bail).
 */
import { CR, DASH, GT, HASH, SP, lineEnd } from './yaml-fast-chars.js';
import { bail } from './yaml-fast-scalar.js';

/**
 * The block scalar whose `|` or `>` is at `pos`, in a collection in column `ind`: its value and
 * the start of the line after it (where the reader goes on).
 */
export function blockScalar(t: string, pos: number, ind: number): { value: string; next: number } {
  const n = t.length;
  const folded = t.charCodeAt(pos) === GT;
  let p = pos + 1;
  const strip = t.charCodeAt(p) === DASH;
  if (strip) p++;
  if (t.charCodeAt(p) !== SP && !lineEnd(t.charCodeAt(p))) bail();
  while (t.charCodeAt(p) === SP) p++;
  const h = t.charCodeAt(p);
  if (!lineEnd(h) && !(h === HASH && t.charCodeAt(p - 1) === SP)) bail();
  const first = t.indexOf('\n', p);
  if (first < 0) bail();
  let indent = -1;
  const parts: string[] = [];
  let blanks = 0;
  let ls = first + 1;
  while (ls < n) {
    let i = ls;
    while (t.charCodeAt(i) === SP) i++;
    const nl = t.indexOf('\n', i);
    const eol = nl < 0 ? n : t.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
    if (i === eol) {
      // An empty line: no more spaces than the content's indentation, and not first.
      if (indent < 0 || i - ls > indent) bail();
      blanks++;
    } else {
      if (indent < 0) {
        if (i - ls <= ind) bail();
        indent = i - ls;
      }
      if (i - ls < indent) break;
      if (i - ls > indent || nl < 0) bail();
      if (parts.length > 0)
        parts.push(folded && blanks === 0 ? ' ' : '\n'.repeat(folded ? blanks : blanks + 1));
      parts.push(t.slice(i, eol));
      blanks = 0;
    }
    if (nl < 0) {
      ls = n;
      break;
    }
    ls = nl + 1;
  }
  if (parts.length === 0) bail();
  const body = parts.join('');
  return { value: strip ? body : `${body}\n`, next: ls };
}
