/**
 * From a JSON path in a scenario to its place in the file. Positions are looked up on demand in
 * the parsed YAML document (kept by the source map), or in a JSON file's text, so a file with a
 * million routes costs no million-entry table.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Document } from 'yaml';
import type { JsonPath } from './findings.js';

/** A 1-based line and column. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** Where a validated scenario came from; see {@link locate}. */
export interface SourceMap {
  readonly file: string;
  /**
   * The position of a path of the document as written (the nearest existing ancestor when the
   * path is absent); `atKey` points at the key of the last element instead of its value.
   */
  readonly position: (path: JsonPath, atKey?: boolean) => SourcePosition;
  /** `timelineOrder[i]` is the index in the file of the scenario's (sorted) `timeline[i]`. */
  readonly timelineOrder: readonly number[];
}

interface Ranged {
  readonly range?: readonly number[] | null;
}

function start(node: unknown): number | undefined {
  const r = (node as Ranged | null | undefined)?.range;
  return r?.[0];
}

/** Where a path of the document starts in the text (see {@link SourceMap.position}). */
export type OffsetOf = (path: JsonPath, atKey: boolean) => number;

/** Offsets looked up in a parsed YAML document; those of a missing document are 0. */
export function yamlOffsets(doc: Document.Parsed | undefined): OffsetOf {
  return (path, atKey) => {
    let node: unknown = doc?.contents;
    let offset = start(node) ?? 0;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (pair === undefined) break;
        const keyStart = start(pair.key);
        if (i === path.length - 1 && atKey) {
          offset = keyStart ?? offset;
          break;
        }
        const valueStart = start(pair.value);
        const range = (pair.value as Ranged | null)?.range;
        // `key:` with nothing after it (an empty range): point at the key.
        if (valueStart === undefined || (isScalar(pair.value) && range?.[0] === range?.[1])) {
          offset = keyStart ?? offset;
          break;
        }
        node = pair.value;
        offset = valueStart;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item: unknown = node.items[seg];
        const itemStart = start(item);
        if (itemStart === undefined) break;
        node = item;
        offset = itemStart;
      } else break;
    }
    return offset;
  };
}

/** A source map over a document's offsets (YAML: {@link yamlOffsets}; JSON: `json-read.ts`). */
export function createSourceMap(
  file: string,
  offsetOf: OffsetOf,
  linePos: (offset: number) => { line: number; col: number },
  timelineOrder: readonly number[] = [],
): SourceMap {
  const position = (path: JsonPath, atKey = false): SourcePosition => {
    const { line, col } = linePos(offsetOf(path, atKey));
    return { line: Math.max(1, line), column: Math.max(1, col) };
  };
  return { file, position, timelineOrder };
}

/**
 * The file, line and column of a path into a validated scenario: document paths as written
 * (`['networks', 0, 'subnets', 1]`; a leading `'topology'` is allowed), except that
 * `['timeline', i, ...]` indexes the scenario's sorted timeline.
 */
export function locate(
  scenario: { readonly sourceMap: SourceMap },
  path: JsonPath,
): SourcePosition & { readonly file: string } {
  const map = scenario.sourceMap;
  let p = path[0] === 'topology' ? path.slice(1) : path;
  if (p[0] === 'timeline' && typeof p[1] === 'number') {
    const original = map.timelineOrder[p[1]];
    if (original !== undefined) p = ['timeline', original, ...p.slice(2)];
  }
  return { file: map.file, ...map.position(p) };
}
