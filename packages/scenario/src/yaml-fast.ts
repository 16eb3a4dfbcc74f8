// Over 400 lines: one recursive-descent parser whose block, flow and scalar readers share the cursor and the give-up signal; its scanning, scalars and block scalars are already in yaml-fast-*.ts.
/**
 * The fast YAML reader's parser: the subset of YAML that scenario files are written in (by our
 * emitters and by people), read straight into plain data with nothing kept per node. Whatever
 * lies outside the subset, or could be read in two ways, throws {@link BAIL} and the file goes to
 * the YAML library (`yaml-read.ts`), which reads it and reports its problems where they are.
 *
 * The subset: one document (an optional first `---`), a block mapping at column 0; block
 * mappings and sequences indented with spaces; `key: value` with plain or quoted keys; values
 * that are plain scalars, single-line quoted scalars, flow sequences and mappings of those (on
 * one line or several, as formatters write them, trailing commas too), or `|`/`>` block scalars
 * (clip or strip, lines of one indentation); comments; CRLF line breaks. Not in it (the reader
 * bails): anchors, aliases, tags, directives, `?` keys, merge keys (`<<`), `__proto__`, a second
 * document, multi-line plain and quoted scalars, empty sequence items, duplicate keys, keys
 * other than strings or longer than 1,000 characters, nesting past 48 levels.
 *
 * Scalars are read in `yaml-fast-scan.ts`, `yaml-fast-scalar.ts` and `yaml-fast-block-scalar.ts`.
 * The locator (`yaml-fast-read.ts`) runs the same parser from a collection's start with a
 * {@link Kids} record to learn where that collection's children are, only when a problem needs a
 * position.
 */
import { blockScalar } from './yaml-fast-block-scalar.js';
import { Kind } from './yaml-fast-kids.js';
import type { Kids } from './yaml-fast-kids.js';
import { cachedSlice, plainEnd, plainStop, skipFlowSpace } from './yaml-fast-scan.js';
import { bail, doubleQuoted, resolvePlain, singleQuoted } from './yaml-fast-scalar.js';
import {
  lineEnd,
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
  DOUBLE_QUOTE,
  SINGLE_QUOTE,
  PIPE,
  GT,
} from './yaml-fast-chars.js';

/** Deep enough for any scenario (about 8 levels), well within the YAML reader's bound of 64. */
const MAX_DEPTH = 48;
/** The YAML library refuses implicit keys past 1,024 characters. */
const MAX_KEY = 1000;
/** Slots of the parser's cache of plain keys (a power of two). */
const KEY_CACHE = 1024;
/** Plain values this short are kept once each, in a cache of `VALUE_CACHE` slots. */
const SHORT = 10;
const VALUE_CACHE = 1024;

/** A key read as plain must be a string to the core schema (not `1`, `true` or `null`). */
function stringKey(key: string): void {
  if (typeof resolvePlain(key) !== 'string') bail();
}

/** The parser: `pos` is where it reads; between lines, at the first character of a content line. */
export class FastYaml {
  readonly #t: string;
  readonly #n: number;
  pos = 0;
  /** The indentation of the current content line (-1 past the end). */
  col = 0;
  /** The offset where the current content line starts. */
  lineStart = 0;
  /** What the last node read was. */
  kind: Kind = Kind.Scalar;
  /** Where the document's root mapping starts (its first key). */
  rootStart = 0;
  #depth = 0;
  #docStart = true;
  readonly #values: (string | undefined)[] = new Array<string | undefined>(VALUE_CACHE).fill(undefined);
  readonly #keys: (string | undefined)[] = new Array<string | undefined>(KEY_CACHE).fill(undefined);

  constructor(text: string) {
    this.#t = text;
    this.#n = text.length;
  }

  /** Reads the whole document (a block mapping at column 0); bails when it is outside the subset. */
  document(): Record<string, unknown> {
    this.#linesFrom(0);
    this.#docStart = false;
    if (this.pos >= this.#n || this.col !== 0 || this.#seqDash(this.pos)) bail();
    this.rootStart = this.pos;
    const root = this.blockMap(0);
    if (this.pos < this.#n) bail();
    return root;
  }

  /** Positions the parser at `offset`, the start of a node already read once (for the locator). */
  at(offset: number): void {
    this.pos = offset;
    this.lineStart = this.#t.lastIndexOf('\n', offset - 1) + 1;
    this.col = offset - this.lineStart;
    this.#depth = 0;
  }

  #seqDash(p: number): boolean {
    const t = this.#t;
    if (t.charCodeAt(p) !== DASH) return false;
    const d = t.charCodeAt(p + 1);
    return d === SP || lineEnd(d);
  }

  #skipSpaces(): void {
    while (this.#t.charCodeAt(this.pos) === SP) this.pos++;
  }

  /** To the next content line from the line starting at `from` (blank and comment lines skipped). */
  #linesFrom(from: number): void {
    const t = this.#t;
    const n = this.#n;
    let ls = from;
    while (ls < n) {
      let i = ls;
      while (t.charCodeAt(i) === SP) i++;
      const c = t.charCodeAt(i);
      if (!lineEnd(c) && c !== HASH) {
        if (i === ls && (c === DASH || c === DOT) && this.#marker(i)) {
          // A leading `---` (alone on its line) opens the one document; any other marker bails.
          if (!this.#docStart || c !== DASH) bail();
          this.#docStart = false;
          this.pos = i + 3;
          this.#skipSpaces();
          if (!this.#restIsBlank()) bail();
        } else {
          this.lineStart = ls;
          this.pos = i;
          this.col = i - ls;
          return;
        }
      }
      const nl = t.indexOf('\n', i);
      if (nl < 0) break;
      ls = nl + 1;
    }
    this.pos = n;
    this.col = -1;
    this.lineStart = n;
  }

  /** `---` or `...` followed by a blank or the line's end, at `i`. */
  #marker(i: number): boolean {
    const t = this.#t;
    const c = t.charCodeAt(i);
    if (t.charCodeAt(i + 1) !== c || t.charCodeAt(i + 2) !== c) return false;
    const d = t.charCodeAt(i + 3);
    return d === SP || lineEnd(d);
  }

  /** After spaces: the line's end or a comment (a `#` after a blank). */
  #restIsBlank(): boolean {
    const t = this.#t;
    const c = t.charCodeAt(this.pos);
    return lineEnd(c) || (c === HASH && t.charCodeAt(this.pos - 1) === SP);
  }

  /** The end of a value: nothing but a comment may follow on its line; on to the next content line. */
  #endOfValue(): void {
    this.#skipSpaces();
    if (!this.#restIsBlank()) bail();
    const nl = this.#t.indexOf('\n', this.pos);
    this.#linesFrom(nl < 0 ? this.#n : nl + 1);
  }

  #enter(): void {
    if (++this.#depth > MAX_DEPTH) bail();
  }

  /** A key (plain or quoted) at `pos`, the `:` after it checked and passed. */
  #key(inFlow: boolean): string {
    const t = this.#t;
    const c = t.charCodeAt(this.pos);
    let key: string;
    if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
      const q = c === DOUBLE_QUOTE ? doubleQuoted(t, this.pos) : singleQuoted(t, this.pos);
      if (q.end - this.pos > MAX_KEY) bail();
      this.pos = q.end;
      key = q.value;
    } else key = this.#plainKey(inFlow);
    if (key === '__proto__' || key === '<<') bail();
    this.#skipSpaces();
    if (t.charCodeAt(this.pos) !== COLON) bail();
    const d = t.charCodeAt(++this.pos);
    if (d !== SP && !lineEnd(d)) bail();
    this.#skipSpaces();
    return key;
  }

  /**
   * A plain key: the same few keys repeat on every line of a large file, so each is sliced once
   * (as a property name, a string is looked up in the engine's table of names: a new string each
   * time would cost that lookup each time).
   */
  #plainKey(inFlow: boolean): string {
    const start = this.pos;
    this.pos = plainStop(this.#t, start, inFlow);
    const end = plainEnd(this.#t, start, this.pos);
    if (end - start > MAX_KEY) bail();
    return cachedSlice(this.#keys, this.#t, start, end, stringKey);
  }

  /** A plain scalar's text at `pos`; `pos` ends where it stops. Short ones repeat: one string each. */
  #plain(inFlow: boolean): string {
    const start = this.pos;
    this.pos = plainStop(this.#t, start, inFlow);
    const end = plainEnd(this.#t, start, this.pos);
    if (end - start > SHORT) return this.#t.slice(start, end);
    return cachedSlice(this.#values, this.#t, start, end);
  }

  /**
   * A block mapping whose first key is at `pos`, in column `ind`; `kids` records its children.
   * Returns at the first content line less indented (or at the end).
   */
  blockMap(ind: number, kids?: Kids): Record<string, unknown> {
    this.#enter();
    const obj: Record<string, unknown> = {};
    for (;;) {
      const keyStart = this.pos;
      const key = this.#key(false);
      let value: unknown;
      let valueStart = this.pos;
      if (this.#restIsBlank()) {
        const nl = this.#t.indexOf('\n', this.pos);
        this.#linesFrom(nl < 0 ? this.#n : nl + 1);
        valueStart = this.pos;
        if (this.pos < this.#n && this.col > ind) value = this.#blockNode(ind);
        else if (this.pos < this.#n && this.col === ind && this.#seqDash(this.pos))
          value = this.blockSeq(ind);
        else {
          value = null;
          valueStart = keyStart;
          this.kind = Kind.Empty;
        }
      } else value = this.#inline(ind, false);
      if (Object.hasOwn(obj, key)) bail();
      obj[key] = value;
      if (kids) {
        kids.keys!.push(key);
        kids.keyStarts.push(keyStart);
        kids.valueStarts.push(valueStart);
        kids.kinds.push(this.kind);
      }
      if (this.pos >= this.#n || this.col < ind) break;
      if (this.col > ind || this.#seqDash(this.pos)) bail();
    }
    this.#depth--;
    this.kind = Kind.BlockMap;
    return obj;
  }

  /** A block sequence whose first `-` is at `pos`, in column `ind`. */
  blockSeq(ind: number, kids?: Kids): unknown[] {
    this.#enter();
    const arr: unknown[] = [];
    for (;;) {
      this.pos++;
      this.#skipSpaces();
      let value: unknown;
      let valueStart = this.pos;
      if (this.#restIsBlank()) {
        const nl = this.#t.indexOf('\n', this.pos);
        this.#linesFrom(nl < 0 ? this.#n : nl + 1);
        if (this.pos >= this.#n || this.col <= ind) bail(); // an empty item
        valueStart = this.pos;
        value = this.#blockNode(ind);
      } else if (this.#seqDash(this.pos)) {
        // `- - x`: a sequence in the item, its dashes in this column.
        this.col = this.pos - this.lineStart;
        value = this.blockSeq(this.col);
      } else value = this.#inline(ind, true);
      arr.push(value);
      if (kids) {
        kids.valueStarts.push(valueStart);
        kids.kinds.push(this.kind);
      }
      if (this.pos >= this.#n || this.col < ind) break;
      if (this.col > ind) bail();
      if (!this.#seqDash(this.pos)) break;
    }
    this.#depth--;
    this.kind = Kind.BlockSeq;
    return arr;
  }

  /**
   * A collection starting its own line at `pos`, under a block collection in column `ind`: a block
   * mapping or sequence, or a flow collection (`key:` then `[` or `{` on the next line).
   */
  #blockNode(ind: number): unknown {
    const c = this.#t.charCodeAt(this.pos);
    if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      const value = this.flow(ind);
      this.#endOfValue();
      this.kind = Kind.Flow;
      return value;
    }
    return this.#seqDash(this.pos) ? this.blockSeq(this.col) : this.blockMap(this.col);
  }

  /**
   * A value after `key: ` or `- ` (`ind`: the enclosing collection's column); after `- `, a
   * `key: value` starts a block mapping there.
   */
  #inline(ind: number, inSeq: boolean): unknown {
    const t = this.#t;
    const start = this.pos;
    const c = t.charCodeAt(start);
    let value: unknown;
    if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
      const q = c === DOUBLE_QUOTE ? doubleQuoted(t, start) : singleQuoted(t, start);
      this.pos = q.end;
      value = q.value;
    } else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      value = this.flow(ind);
    } else if (c === PIPE || c === GT) {
      const b = blockScalar(t, start, ind);
      this.#linesFrom(b.next);
      this.kind = Kind.Scalar;
      return b.value;
    } else value = resolvePlain(this.#plain(false));
    this.#skipSpaces();
    if (t.charCodeAt(this.pos) === COLON) {
      // `- key: value`: a block mapping in the item, its keys in this column.
      if (!inSeq || c === OPEN_BRACKET || c === OPEN_BRACE) bail();
      this.col = start - this.lineStart;
      this.pos = start;
      return this.blockMap(this.col);
    }
    this.#endOfValue();
    this.kind = c === OPEN_BRACKET || c === OPEN_BRACE ? Kind.Flow : Kind.Scalar;
    return value;
  }

  /**
   * A flow sequence or mapping at `pos`, in a block collection in column `ind`: its lines past
   * the first are indented more than `ind` (-1: the locator, reading a text already read).
   */
  flow(ind: number, kids?: Kids): unknown[] | Record<string, unknown> {
    this.#enter();
    const t = this.#t;
    const isMap = t.charCodeAt(this.pos) === OPEN_BRACE;
    const close = isMap ? CLOSE_BRACE : CLOSE_BRACKET;
    const arr: unknown[] | undefined = isMap ? undefined : [];
    const obj: Record<string, unknown> | undefined = isMap ? {} : undefined;
    this.pos++;
    this.pos = skipFlowSpace(this.#t, this.pos, ind);
    if (t.charCodeAt(this.pos) !== close)
      for (;;) {
        const keyStart = this.pos;
        let key = '';
        if (isMap) {
          key = this.#key(true);
          this.pos = skipFlowSpace(this.#t, this.pos, ind);
        }
        const valueStart = this.pos;
        const value = this.#flowValue(ind);
        this.pos = skipFlowSpace(this.#t, this.pos, ind);
        if (obj !== undefined) {
          if (Object.hasOwn(obj, key)) bail();
          obj[key] = value;
        } else {
          if (t.charCodeAt(this.pos) === COLON) bail(); // `[a: b]`, a pair in a sequence
          arr!.push(value);
        }
        if (kids) {
          if (isMap) {
            kids.keys!.push(key);
            kids.keyStarts.push(keyStart);
          }
          kids.valueStarts.push(valueStart);
          kids.kinds.push(this.kind);
        }
        const c = t.charCodeAt(this.pos);
        if (c === close) break;
        if (c !== COMMA) bail();
        this.pos++;
        this.pos = skipFlowSpace(this.#t, this.pos, ind);
        const d = t.charCodeAt(this.pos);
        if (d === close) break; // a trailing comma
        if (d === COMMA) bail(); // an empty entry
      }
    this.pos++;
    this.#depth--;
    this.kind = Kind.Flow;
    return obj ?? arr!;
  }

  #flowValue(ind: number): unknown {
    const t = this.#t;
    const c = t.charCodeAt(this.pos);
    if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
      const q = c === DOUBLE_QUOTE ? doubleQuoted(t, this.pos) : singleQuoted(t, this.pos);
      this.pos = q.end;
      this.kind = Kind.Scalar;
      return q.value;
    }
    if (c === OPEN_BRACKET || c === OPEN_BRACE) return this.flow(ind);
    const raw = this.#plain(true);
    if (raw === '') bail();
    this.kind = Kind.Scalar;
    return resolvePlain(raw);
  }
}
