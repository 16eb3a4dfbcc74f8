/**
 * Output files (`--out report.html`, `import -o scenario.yaml`): checked before any work, so a
 * long simulation is not lost to a typo in a path, and written after the result is printed, so a
 * write that still fails (the disk filled, the folder went away) loses nothing already on stdout.
 * Both failures are bad input with the path and what to fix (exit 2), never a stack trace.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** A node:fs error's code, if any. */
function codeOf(e: unknown): string | undefined {
  return (e as { code?: string } | null)?.code;
}

/**
 * Why a new file cannot be written at `path` (its folder is missing, not a folder or not
 * writable; or `path` is a folder or a file that is not writable), or undefined when it can.
 * Reads the real file system: `bin.ts` wires it as `Io.checkOutput`.
 */
export function outputProblem(path: string): string | undefined {
  try {
    const st = statSync(path);
    if (st.isDirectory())
      return `is a folder — name a file in it, e.g. ${path.replace(/\/+$/, '')}/report.html`;
    try {
      accessSync(path, constants.W_OK);
    } catch {
      return 'the file exists and is not writable (permission denied) — choose another path';
    }
    return undefined;
  } catch (e) {
    if (codeOf(e) === 'ENOTDIR') return `a part of the path is a file, not a folder — check the path`;
    if (codeOf(e) !== 'ENOENT') return `cannot be checked (${(e as Error).message}) — check the path`;
  }
  const dir = dirname(path);
  let st;
  try {
    st = statSync(dir);
  } catch (e) {
    return codeOf(e) === 'ENOENT'
      ? `the folder ${dir} does not exist — create it (mkdir -p ${dir}) or choose another path`
      : `a part of the folder ${dir} is a file, not a folder — check the path`;
  }
  if (!st.isDirectory()) return `${dir} is a file, not a folder — check the path`;
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    return `the folder ${dir} is not writable (permission denied) — choose another path`;
  }
  return undefined;
}

const WRITE_FAILURES: Readonly<Record<string, string>> = {
  ENOENT: 'its folder does not exist',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOSPC: 'no space left on the device',
  EROFS: 'the file system is read-only',
};

/** Why a write failed, in words, for the message of a late write error. */
export function writeFailure(e: unknown): string {
  const known = WRITE_FAILURES[codeOf(e) ?? ''];
  return known ?? (e instanceof Error ? e.message : String(e));
}

/** The groups of a diff's two sides, and a warning when they share none (nothing is compared). */
export function diffSharesNoGroup(
  a: { readonly label: string; readonly groups: readonly string[] },
  b: { readonly label: string; readonly groups: readonly string[] },
): string | undefined {
  if (a.groups.some((g) => b.groups.includes(g))) return undefined;
  const list = (gs: readonly string[]): string => (gs.length ? gs.join(', ') : 'none');
  return `warning: ${a.label} and ${b.label} share no flow group, so no flow is compared: diff compares the groups of the same name (A: ${list(a.groups)}; B: ${list(b.groups)}) — give the groups the same names in both files`;
}
