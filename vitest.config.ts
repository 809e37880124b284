import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores are all CI has, but most end-to-end tests wait on the processes they start (a
    // stopped writer, a lock, a terminal): four workers overlap the waits. On this machine the suite
    // took 83 s with two, 69-79 s with four.
    maxWorkers: 4,
  },
});
