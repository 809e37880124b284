import { describe, expect, it } from 'vitest';
import { isGoalFileInside, relativeGoalFile } from '../../src/store/paths.js';

describe('goal file names', () => {
  it('trusts only a relative name inside the goals folder, on any platform', () => {
    for (const ok of ['g1-weekly-demos.md', 'archive/g2-x.md', 'a b/ç.md']) expect(isGoalFileInside(ok), ok).toBe(true);
    for (const bad of ['', '/etc/passwd', 'C:\\Users\\me\\id_rsa', '\\\\server\\share\\x.md', '../outside.md', 'archive/../../x.md', 'a//b.md', 'a\\..\\b.md']) {
      expect(isGoalFileInside(bad), bad).toBe(false);
    }
  });

  it('stores a name relative to the goals folder when it is inside it', () => {
    expect(relativeGoalFile('/home/me/mtl/goals/g1-x.md', '/home/me/mtl/goals')).toBe('g1-x.md');
    expect(relativeGoalFile('/elsewhere/g1-x.md', '/home/me/mtl/goals')).toBe('/elsewhere/g1-x.md');
  });
});
