/** Shared helpers of the end-to-end tests: the CLI run in-process with captured I/O. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '@cloudroute/cli';
import { goldenIn } from '../packages/import/test/helpers.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly files: Map<string, string>;
}

/** Runs `cloudroute <argv>` in this process; files written with --out are captured, not written. */
export async function cli(
  argv: readonly string[],
  opts: { files?: Record<string, string>; cpus?: number } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const files = new Map<string, string>();
  const code = await main(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readFile: (p) => opts.files?.[p] ?? files.get(p) ?? readFileSync(p, 'utf8'),
    writeFile: (p, t) => void files.set(p, t),
    env: { NO_COLOR: '1' },
    isTTY: false,
    cpus: opts.cpus ?? 1,
  });
  return { code, stdout, stderr, files };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'cloudroute-'));
}

/**
 * Compares `actual` with the golden file `test/golden/<name>` (the importer tests' {@link goldenIn}:
 * a missing golden fails the test; `UPDATE_GOLDENS=1` writes or rewrites it).
 */
export function golden(name: string, actual: string): string {
  return goldenIn(join(import.meta.dirname, 'golden'), name, actual);
}
