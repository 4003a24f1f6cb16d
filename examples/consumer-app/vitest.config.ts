import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Prism starts in the first hook; on a busy CI machine that can take a while.
    hookTimeout: 120_000,
  },
});
