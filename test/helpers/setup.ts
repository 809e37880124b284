import { afterAll, afterEach } from 'vitest';
import { removeTempHomes } from './cli.js';
import { removeStart } from './sync.js';

// Run before every test file (vitest.config.ts, setupFiles). The helpers' modules are loaded once per
// worker (isolate: false), so hooks declared in them would belong to the first file that loaded them
// only, and the temporary folders of every other file were left in the temporary folder.
afterEach(removeTempHomes);
afterAll(removeStart);
