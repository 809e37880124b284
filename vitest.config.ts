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
    // Each test file gets a fresh module registry by default, so every file imported mtl's source
    // again through vite (52 s of import time over the suite); without that isolation the suite
    // took 66 s instead of 90. Safe here: tests reach mtl through run(argv, deps), which keeps no
    // state between runs, and the helpers put back TZ and the working folder they change.
    isolate: false,
  },
});
