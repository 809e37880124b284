import { describe, expect, it } from 'vitest';
import { IGNORED, isMachineLocal } from '../../src/commands/sync/merge.js';

describe('isMachineLocal: the IGNORED names, matched as git matches .gitignore lines without a slash', () => {
  it('matches each name at any depth, in any case, and a folder of that name', () => {
    for (const file of ['mtl.lock', 'undo.jsonl', 'config.json', 'mtl.sync-merge', 'goals/x.tmp', '.tmp', 'a/b/MTL.LOCK', 'Config.JSON', 'nudge.json/inside', 'mtl.lock.', 'mtl.lock ']) {
      expect(isMachineLocal(file), file).toBe(true);
    }
  });

  it('leaves the data and goal files alone', () => {
    for (const file of ['mtl.json', 'reports.jsonl', 'praise/2027-Q1.jsonl', 'goals/g1-weekly-demos.md', 'tmp', 'x.tmpl', 'goals/tmp/a.md', 'my-config.json', 'mtl.lock2', '.gitignore']) {
      expect(isMachineLocal(file), file).toBe(false);
    }
  });

  it('is the list .gitignore gets', () => {
    expect(IGNORED).toEqual(expect.arrayContaining(['mtl.lock', 'undo.jsonl', 'config.json', 'nudge.json', '*.tmp', 'mtl.sync-merge']));
  });
});
