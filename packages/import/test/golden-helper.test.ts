/** The golden-file helper: a missing golden fails; only `UPDATE_GOLDENS=1` writes one. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { goldenIn } from './helpers.js';

describe('goldenIn', () => {
  afterEach(() => void vi.unstubAllEnvs());

  it('fails on a missing golden, saying how to create it, and writes nothing', () => {
    vi.stubEnv('UPDATE_GOLDENS', '');
    vi.stubEnv('UPDATE_GOLDEN', '1');
    const dir = mkdtempSync(join(tmpdir(), 'cloudroute-golden-'));
    expect(() => goldenIn(dir, 'x.golden', 'text')).toThrow(
      /x\.golden is missing — create it with UPDATE_GOLDENS=1/,
    );
    expect(() => readFileSync(join(dir, 'x.golden'), 'utf8')).toThrow();
  });

  it('writes and returns the golden with UPDATE_GOLDENS=1, then compares with it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloudroute-golden-'));
    vi.stubEnv('UPDATE_GOLDENS', '1');
    expect(goldenIn(dir, 'sub/x.golden', 'first')).toBe('first');
    vi.stubEnv('UPDATE_GOLDENS', '');
    expect(goldenIn(dir, 'sub/x.golden', 'second')).toBe('first');
  });
});
