// Builds the single-page app into dist/, which the pool's api role serves on its web port.
// Build-time settings come from VITE_* or NEXT_PUBLIC_* variables (see src/config.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  envPrefix: ['VITE_', 'NEXT_PUBLIC_'],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    target: 'es2020',
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    sourcemap: false,
  },
  server: { port: 3004 },
  preview: { port: 3004 },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
  },
});
