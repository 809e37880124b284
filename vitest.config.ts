import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Roughly how long the longest files take in a whole run (seconds, on the 2-core development
 * machine): used only for a file vitest has no time of its own for (a fresh clone has none; it keeps
 * them in node_modules/.vite). Vitest would start those by size, largest first, and the longest,
 * which are short files that start processes and wait on them, came last: a fresh clone's run took
 * 10-15 s longer than the same run in a working tree.
 */
const EXPECTED_SECONDS: Record<string, number> = {
  'test/e2e/store-concurrency.test.ts': 28,
  'test/e2e/store-lock.test.ts': 25,
  'test/e2e/sync.test.ts': 25,
  'test/e2e/sync-safety.test.ts': 18,
  'test/e2e/hostile-completion.test.ts': 12,
  'test/e2e/store.test.ts': 10,
  'test/e2e/smoke.test.ts': 8,
  'test/e2e/hostile-errors.test.ts': 7,
  'test/e2e/notify.test.ts': 6,
  'test/e2e/goals.test.ts': 6,
  'test/e2e/package.test.ts': 6,
  'test/e2e/build.test.ts': 5,
  'test/e2e/hostile-imports.test.ts': 5,
  'test/e2e/export-import.test.ts': 5,
};

/** Failed files first, then the longest: by vitest's own times where it has them, else by the table above. */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const known = (file: TestSpecification) => this.ctx.cache.getFileTestResults(`${file.project.name}:${path.relative(root, file.moduleId)}`);
    const seconds = (file: TestSpecification) => {
      const cached = known(file);
      return cached ? cached.duration / 1000 : (EXPECTED_SECONDS[path.relative(root, file.moduleId).split(path.sep).join('/')] ?? 0);
    };
    const failed = (file: TestSpecification) => (known(file)?.failed ? 1 : 0);
    return [...files].sort((a, b) => failed(b) - failed(a) || seconds(b) - seconds(a));
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/helpers/setup.ts'],
    // A guard against a hang, not a measure of speed: a sync test starts dozens of git and mtl
    // processes and took over 30 s on a loaded 2-core machine (13 of them: 91 s), failing the run.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores are all CI has, but some end-to-end tests wait on the processes they start (a
    // stopped writer, a lock, a terminal): a third worker overlaps the waits. With the longest files
    // first, on this machine (shared, fresh clones): 70 s with two workers, 57-62 s with three,
    // 62 s with four, which used 7 s more CPU (each worker imports mtl's source again).
    maxWorkers: 3,
    // Each test file gets a fresh module registry by default, so every file imported mtl's source
    // again through vite (52 s of import time over the suite); without that isolation the suite
    // took 66 s instead of 90. Safe here: tests reach mtl through run(argv, deps), which keeps no
    // state between runs, and the helpers put back TZ and the working folder they change.
    isolate: false,
    sequence: { sequencer: LongestFirst },
  },
});
