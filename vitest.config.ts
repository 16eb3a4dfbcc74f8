import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const pkgs = ['lpm', 'model', 'engine', 'sim', 'scenario', 'import', 'report', 'cli'];

export default defineConfig({
  resolve: {
    // Tests run against the sources; the CLI and benchmarks run against tsc -b output.
    alias: pkgs.map((p) => ({
      find: `@cloudroute/${p}`,
      replacement: fileURLToPath(new URL(`./packages/${p}/src/index.ts`, import.meta.url)),
    })),
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '.tsbuild/vitest.json' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
