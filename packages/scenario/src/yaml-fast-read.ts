/**
 * The fast path for scenario files written in YAML: the subset our emitters and people write
 * (see `yaml-fast.ts`) read straight into plain data, and the place of a path in the text found
 * only when a problem needs it, by reading the collections on the way to it again. Returns
 * `undefined` for any text outside the subset, and for any text the YAML library would read with
 * a problem, leaving it to the YAML reader (`yaml-read.ts`): the same data, and the same problems
 * at the same line and column, as with the library alone (a property test holds them equal).
 *
 * Refused before parsing, as `json-read.ts` refuses them: tabs, a carriage return without a line
 * feed, control characters, C1 controls and DEL, U+2028/9, byte order marks, U+FFFE/F and lone
 * surrogates (characters YAML treats specially or the library reads its own way).
 */
import type { JsonPath } from './findings.js';
import { FastYaml } from './yaml-fast.js';
import { Kind } from './yaml-fast-kids.js';
import type { Kids } from './yaml-fast-kids.js';
import { BAIL } from './yaml-fast-scalar.js';
import { lineLocator } from './json-read.js';

/** A YAML file read by the fast path: its data and where each path of it is in the text. */
export interface FastYamlRead {
  readonly data: Record<string, unknown>;
  /** The offset of a path (see `SourceMap.position` for the rules), computed on demand. */
  readonly offsetOf: (path: JsonPath, atKey: boolean) => number;
  readonly linePos: (offset: number) => { line: number; col: number };
}

// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const SPECIAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\t\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;
const LONE_CR = /\r(?!\n)/;
const SURROGATE = /[\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Reads `text` by the fast path, or `undefined` when it is for the YAML library. */
export function readYamlFast(text: string): FastYamlRead | undefined {
  if (SPECIAL.test(text)) return undefined;
  if (text.includes('\r') && LONE_CR.test(text)) return undefined;
  if (SURROGATE.test(text) && LONE_SURROGATE.test(text)) return undefined;
  const parser = new FastYaml(text);
  let data: Record<string, unknown>;
  try {
    data = parser.document();
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
  const locator = yamlLocator(text, parser.rootStart);
  return { data, offsetOf: locator.offsetOf, linePos: locator.linePos };
}

/** Where the children of the collection of `kind` at `offset` are: read again, once. */
function childrenOf(text: string, offset: number, kind: Kind): Kids {
  const isMap = kind === Kind.BlockMap || (kind === Kind.Flow && text.charCodeAt(offset) === 123);
  const kids: Kids = { keys: isMap ? [] : undefined, keyStarts: [], valueStarts: [], kinds: [] };
  const parser = new FastYaml(text);
  parser.at(offset);
  try {
    if (kind === Kind.BlockMap) parser.blockMap(parser.col, kids);
    else if (kind === Kind.BlockSeq) parser.blockSeq(parser.col, kids);
    else parser.flow(-1, kids);
  } catch (e) {
    // The text was read once without bailing: it reads the same again.
    if (e !== BAIL) throw e;
  }
  return kids;
}

function yamlLocator(text: string, root: number): Pick<FastYamlRead, 'offsetOf' | 'linePos'> {
  const cache = new Map<number, Kids>();
  const childrenAt = (offset: number, kind: Kind): Kids => {
    let c = cache.get(offset);
    if (c === undefined) {
      c = childrenOf(text, offset, kind);
      cache.set(offset, c);
    }
    return c;
  };
  const offsetOf = (path: JsonPath, atKey: boolean): number => {
    let offset = root;
    let kind: Kind = Kind.BlockMap;
    for (let i = 0; i < path.length; i++) {
      if (kind === Kind.Scalar) break;
      const seg = path[i];
      const kids = childrenAt(offset, kind);
      if (kids.keys !== undefined) {
        const at = kids.keys.indexOf(String(seg));
        if (at < 0) break;
        // `key:` with nothing after it: the key's place.
        if ((i === path.length - 1 && atKey) || kids.kinds[at] === Kind.Empty) return kids.keyStarts[at]!;
        offset = kids.valueStarts[at]!;
        kind = kids.kinds[at]!;
      } else {
        if (typeof seg !== 'number') break;
        const start = kids.valueStarts[seg];
        if (start === undefined) break;
        offset = start;
        kind = kids.kinds[seg]!;
      }
    }
    return offset;
  };
  const linePos = lineLocator(text);
  return { offsetOf, linePos };
}
