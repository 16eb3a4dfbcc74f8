/**
 * The `.json` files of an import folder (Batfish's `aws_configs/` layout: nested by account and
 * region). The importers do no I/O: the caller passes the file system calls. Each real file is
 * listed once, whatever the symbolic links: folders are walked by their real path, a folder
 * already on the way down (a link loop) or already walked (two links to one folder) is not
 * walked again, and a file reached through several paths is listed under the first. A loop is
 * reported, since it usually means a copy gone wrong.
 */
import type { ImportWarning } from './warnings.js';

/** The file system calls the walk needs (`node:fs` fits: readdirSync, statSync, realpathSync). */
export interface FolderFs {
  readdir(path: string): string[];
  /** Follows links; throws for a broken link. */
  stat(path: string): { isDirectory(): boolean; isFile(): boolean };
  realpath(path: string): string;
}

/** What walking an import folder found: its `.json` files and the warnings (loops, depth). */
export interface FolderWalk {
  /** The `.json` files in name order (depth first), each real file once. */
  readonly files: readonly string[];
  /** Link loops and folders too deep to walk. */
  readonly warnings: readonly ImportWarning[];
}

/** Deeper folders than this are not walked (a warning says so). */
export const MAX_FOLDER_DEPTH = 32;

function join(dir: string, name: string): string {
  return dir.endsWith('/') || dir.endsWith('\\') ? `${dir}${name}` : `${dir}/${name}`;
}

/** The `.json` files under `dir`. */
export function walkFolder(dir: string, fs: FolderFs): FolderWalk {
  const files: string[] = [];
  const warnings: ImportWarning[] = [];
  const seenFiles = new Set<string>();
  const walked = new Set<string>();
  const real = (p: string): string | undefined => {
    try {
      return fs.realpath(p);
    } catch {
      return undefined;
    }
  };
  const visit = (path: string, depth: number, onTheWay: ReadonlyMap<string, string>): void => {
    const here = real(path) ?? path;
    const back = onTheWay.get(here);
    if (back !== undefined) {
      warnings.push({
        code: 'malformed',
        file: path,
        message: `a symbolic link loop (back to ${back}) — not followed; each file is read once`,
      });
      return;
    }
    if (walked.has(here)) return; // another link to a folder already read
    walked.add(here);
    if (depth > MAX_FOLDER_DEPTH) {
      warnings.push({
        code: 'unsupported',
        file: path,
        message: `folders nested deeper than ${MAX_FOLDER_DEPTH} levels — not read`,
      });
      return;
    }
    const down = new Map(onTheWay).set(here, path);
    for (const name of [...fs.readdir(path)].sort()) {
      const p = join(path, name);
      let st;
      try {
        st = fs.stat(p);
      } catch {
        continue; // a broken link
      }
      if (st.isDirectory()) visit(p, depth + 1, down);
      else if (st.isFile() && name.toLowerCase().endsWith('.json')) {
        const id = real(p) ?? p;
        if (seenFiles.has(id)) continue;
        seenFiles.add(id);
        files.push(p);
      }
    }
  };
  visit(dir, 0, new Map());
  return { files, warnings };
}
