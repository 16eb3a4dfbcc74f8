/**
 * The real exports of ../shared/real-configs (see its README; read, never copied into the project),
 * as the tests over them find and read them. The tests skip when the folder is absent.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SourceFile } from '@cloudroute/import';

/** The folder of the real exports. */
export const REAL = join(import.meta.dirname, '../../shared/real-configs');

/** Whether the folder is there (the tests over it skip otherwise). */
export const present = existsSync(REAL);

/** Every file below `p` (or `p` itself), in name order. */
export function walk(p: string, out: string[] = []): string[] {
  if (statSync(p).isDirectory()) for (const n of readdirSync(p).sort()) walk(join(p, n), out);
  else out.push(p);
  return out;
}

/** The files as the importers take them, each named by its path below {@link REAL}. */
export function readSources(paths: readonly string[]): SourceFile[] {
  return paths.map((p) => ({ path: relative(REAL, p), text: readFileSync(p, 'utf8') }));
}

/** The JSON files below `dir`, read as {@link readSources} does. */
export function jsonSources(dir: string): SourceFile[] {
  return readSources(walk(dir).filter((p) => p.endsWith('.json')));
}

/** The `…/aws_configs` folders of the Batfish AWS snapshots among `paths`, each once, in order. */
export function awsSnapshotDirs(paths: readonly string[]): string[] {
  const marker = '/aws_configs';
  return [
    ...new Set(
      paths
        .filter((p) => /\/aws_configs(\/|$)/.test(p))
        .map((p) => p.slice(0, p.indexOf(marker) + marker.length)),
    ),
  ];
}
