import { defineConfig } from 'vitest/config';

// End-to-end tests drive real browsers one file at a time; two cores do not run two browsers well.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 90_000,
    retry: process.env.CI ? 1 : 0,
  },
});
