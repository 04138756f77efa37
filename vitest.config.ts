import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 60_000,
    // Integration tests start real servers and databases; keep them off each other's toes.
    fileParallelism: false,
  },
});
