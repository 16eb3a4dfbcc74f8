/**
 * Reading input files (scenarios, exports, part documents) safely: each path is checked with
 * `stat` before it is read, so that a device (`/dev/zero`), a pipe, a folder or a file past
 * {@link MAX_INPUT_BYTES} is refused with the path and what to give instead (exit 2) rather than
 * read until memory runs out. A path that does not exist is left to `Io.readFile` (tests serve
 * files from memory), and its failure is reported with the path resolved, so that a user whose
 * command ran in another folder sees which file was looked for.
 */
import { statSync, type Stats } from 'node:fs';
import { resolve } from 'node:path';
import { MAX_INPUT_BYTES, quote } from './limits.js';

/** An input file that is not read (not a regular file, too large): bad input, exit 2. */
export class InputFileError extends Error {
  override readonly name = 'InputFileError';
}

function kindOf(st: Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'a folder';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isFIFO()) return 'a pipe';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

const MiB = 1024 * 1024;

/**
 * Checks that `path` can be read as an input: throws {@link InputFileError} when it names
 * something other than a regular file or a file larger than the limit. Missing paths pass (the
 * read reports them).
 */
export function checkInputFile(path: string, what?: string): void {
  let st: Stats;
  try {
    st = statSync(path);
  } catch {
    return;
  }
  const kind = kindOf(st);
  if (kind !== undefined)
    throw new InputFileError(
      `${quote(path)}: ${kind}, not a file — give the path of ${what === undefined ? 'a' : `a ${what}`} file${kind === 'a folder' ? ' in it' : ''}`,
    );
  if (st.size > MAX_INPUT_BYTES)
    throw new InputFileError(
      `${quote(path)}: ${(st.size / MiB).toFixed(1)} MiB — input files are limited to ${MAX_INPUT_BYTES / MiB} MiB; split the ${what ?? 'file'} or shrink it`,
    );
}

/** Why a read failed, in words, with the path as resolved (relative paths are read from the cwd). */
export function readFailure(e: unknown, path: string): string {
  const code = (e as { code?: string } | null)?.code ?? '';
  const abs = resolve(path);
  const where = abs === path ? '' : `: ${quote(abs, 200)}`;
  switch (code) {
    case 'ENOENT':
      return `no such file${where}`;
    case 'EISDIR':
      return `is a folder${where}`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied${where}`;
    case 'ENOTDIR':
      return `a part of the path is a file, not a folder${where}`;
    default:
      return quote(e instanceof Error ? e.message : String(e), 200);
  }
}

/** `io` whose `readFile` checks each path first ({@link checkInputFile}). */
export function guardInputs<T extends { readonly readFile: (path: string) => string }>(io: T): T {
  return {
    ...io,
    readFile: (path: string) => {
      checkInputFile(path);
      return io.readFile(path);
    },
  };
}
