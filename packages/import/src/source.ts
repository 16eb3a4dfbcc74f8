/**
 * Input files as the CLI hands them over (the importer does no I/O), and JSON parsing whose
 * errors give a line and column but never a snippet of the text: a VPN export that fails to parse
 * must not echo its pre-shared keys.
 */
import { ImportInputError } from './errors.js';
import { locateJsonError } from './internal/json-error.js';

/** One input file: its path as the user gave it (or found in a folder) and its text. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++)
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  return { line, column: offset - start + 1 };
}

/**
 * Parses a file's JSON. A byte-order mark is skipped; captured terminal text before the JSON
 * (`{- Finished ..`, IMPORTERS.md 2.1) is refused with a clear message rather than guessed at.
 */
export function parseJsonFile(file: SourceFile): unknown {
  const text = file.text.charCodeAt(0) === 0xfeff ? file.text.slice(1) : file.text;
  if (text.trim() === '') throw new ImportInputError(file.path, [], 'the file is empty — pass a JSON export');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const first = text.trimStart()[0];
    if (first !== '{' && first !== '[')
      throw new ImportInputError(
        file.path,
        [],
        'not JSON — the file does not start with JSON: remove any text printed before it (progress output) or export it again with `--output json`',
      );
    const where = locateJsonError(text);
    const lc = where === undefined ? undefined : lineColumn(text, where.offset);
    const at = lc === undefined ? '' : ` at line ${lc.line}, column ${lc.column}`;
    throw new ImportInputError(
      file.path,
      where?.path ?? [],
      `not JSON${at} — fix the JSON or export it again`,
    );
  }
}
