/**
 * The lesson scenarios end to end: each validates, runs with its expectations holding, and its
 * `run --json` output is a golden file. DESIGN.md "The lessons it must reproduce".
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, golden } from './helpers.js';

const scenarios = readdirSync(new URL('../scenarios/', import.meta.url))
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('scenarios/', () => {
  it('holds one scenario per lesson 1–7, the UDR overview example and the hub and spoke', () => {
    for (let n = 1; n <= 7; n++) expect(scenarios.some((f) => f.startsWith(`lesson-${n}-`))).toBe(true);
    expect(scenarios).toContain('udr-overview-example.yaml');
    expect(scenarios).toContain('hub-and-spoke-gateway-transit.yaml');
  });

  for (const file of scenarios) {
    const path = `scenarios/${file}`;
    describe(file, () => {
      it('validates (warnings only, each with its rule id)', async () => {
        const r = await cli(['validate', path]);
        for (const line of r.stderr.split('\n').filter(Boolean))
          expect(line).toMatch(/warning: .*\[[A-Z]+-R\d+\]$/);
        expect(r.code).toBe(0);
      });

      it('runs with every expectation holding (golden run --json)', async () => {
        const r = await cli(['run', path, '--json']);
        expect(r.stderr).not.toMatch(/error/i);
        const doc = JSON.parse(r.stdout) as { expectations: { ok: boolean }[] };
        expect(doc.expectations.filter((e) => !e.ok)).toEqual([]);
        expect(r.code).toBe(0);
        expect(r.stdout).toBe(golden(file.replace(/\.yaml$/, '.run.json'), r.stdout));
      });
    });
  }
});
