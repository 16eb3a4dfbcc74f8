/**
 * Where a JSON text stops being JSON: the offset and the JSON path of the value being read, from a
 * small recursive-descent scan (run only after `JSON.parse` failed, whose messages do not always
 * give a position and may quote the text — which must not be printed: it can hold keys).
 */
import type { JsonPath } from './json.js';

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly path: JsonPath,
  ) {
    super('json');
  }
}

export function locateJsonError(text: string): { offset: number; path: JsonPath } | undefined {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\r\n'.includes(text[i] ?? '')) i++;
  };
  const fail = (path: JsonPath): never => {
    throw new Stop(i, path);
  };
  const literal = (word: string, path: JsonPath): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(path);
  };
  const string = (path: JsonPath): string => {
    const start = i;
    if (text[i] !== '"') fail(path);
    i++;
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail(path);
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail(path);
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail(path);
      }
      i++;
    }
    if (text[i] !== '"') fail(path);
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return '';
    }
  };
  const value = (path: JsonPath, depth: number): void => {
    if (depth > 512) fail(path);
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        const key = string(path);
        ws();
        if (text[i] !== ':') fail([...path, key]);
        i++;
        value([...path, key], depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail(path);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let k = 0; ; k++) {
        value([...path, k], depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail(path);
      }
    }
    if (c === '"') {
      string(path);
      return;
    }
    if (c === 't') return literal('true', path);
    if (c === 'f') return literal('false', path);
    if (c === 'n') return literal('null', path);
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m === null) fail(path);
    i += m?.[0].length ?? 0;
  };
  try {
    value([], 0);
    ws();
    if (i < text.length) fail([]);
    return undefined;
  } catch (e) {
    if (e instanceof Stop) return { offset: e.offset, path: e.path };
    throw e;
  }
}
