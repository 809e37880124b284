import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mtl, ok, tempHome } from '../helpers/cli.js';

const NOW = { env: { MTL_NOW: '2027-02-10T10:00:00' } };

/**
 * goals.jsonl reaches a data folder unchecked through a hand `git pull` (the README's way to sync
 * without mtl). A goal's `file` planted there must never make mtl move or rewrite a file outside the
 * goals folder: `rm` would move it into goals/archive, and the next `mtl sync` push it.
 */
describe('a goal whose file is not in the goals folder', () => {
  const secret = '-----BEGIN OPENSSH PRIVATE KEY-----\nnot really\n-----END OPENSSH PRIVATE KEY-----\n';

  async function planted(file: (victim: string, home: string) => string): Promise<{ home: string; victim: string }> {
    const home = tempHome();
    const victim = path.join(path.dirname(home), 'victim', '.ssh', 'id_ed25519');
    fs.mkdirSync(path.dirname(victim), { recursive: true });
    // Front matter, so a rewrite of its title would show.
    fs.writeFileSync(victim, `---\ntitle: key\n---\n${secret}`);
    await ok(home, ['goals', 'new', '--template', 'culture', '--yes'], NOW);
    const goals = path.join(home, 'goals.jsonl');
    const line = JSON.parse(fs.readFileSync(goals, 'utf8'));
    fs.writeFileSync(goals, `${JSON.stringify({ ...line, file: file(victim, home) })}\n`);
    return { home, victim };
  }

  const ways: [string, (victim: string, home: string) => string][] = [
    ['a relative name that climbs out', (victim, home) => path.relative(path.join(home, 'goals'), victim)],
    ['an absolute name', (victim) => victim],
    [
      'a link in the goals folder to a folder elsewhere',
      (victim, home) => {
        fs.symlinkSync(path.dirname(victim), path.join(home, 'goals', 'keys'));
        return `keys/${path.basename(victim)}`;
      },
    ],
    [
      'a link to a folder, then ".." (resolved through the link by the system)',
      (victim, home) => {
        fs.mkdirSync(path.join(path.dirname(victim), 'sub'));
        fs.symlinkSync(path.join(path.dirname(victim), 'sub'), path.join(home, 'goals', 'lnk'));
        return `lnk/../${path.basename(victim)}`;
      },
    ],
    [
      'a goal file that is a link to a file elsewhere',
      (victim, home) => {
        const own = path.join(home, 'goals', 'g1-build-a-team-culture-people-enjoy-being-part-of.md');
        fs.rmSync(own);
        fs.symlinkSync(victim, own);
        return path.basename(own);
      },
    ],
  ];

  for (const [how, file] of ways) {
    it(`is never moved by rm, read by export, rewritten by edit nor copied by config: ${how}`, async () => {
      const { home, victim } = await planted(file);
      const before = fs.readFileSync(victim, 'utf8');
      const archived = () => {
        const archive = path.join(home, 'goals', 'archive');
        return fs.existsSync(archive) ? fs.readdirSync(archive).map((f) => fs.readFileSync(path.join(archive, f), 'utf8')) : [];
      };

      const backup = path.join(path.dirname(home), 'backup.json');
      await ok(home, ['export', '--output', backup], NOW);
      expect(fs.readFileSync(backup, 'utf8')).not.toContain('OPENSSH');

      const r = await mtl(home, ['rm', 'g1', '--yes'], NOW);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/Its file stays where it was \(\S+\): it is not in the goals folder \(\S+\), and mtl moves only the files it made there\./);
      expect(fs.readFileSync(victim, 'utf8')).toBe(before);
      expect(archived()).not.toContain(before);
      // Nor by undo, which puts the entry back and would move the file back out of the archive.
      await ok(home, ['undo'], NOW);
      expect(fs.readFileSync(victim, 'utf8')).toBe(before);

      expect((await mtl(home, ['edit', 'g1', '--title', 'Stale goal', '--due', '2027-03-15'], NOW)).code).toBe(0);
      expect(fs.readFileSync(victim, 'utf8')).toBe(before);
      await ok(home, ['undo'], NOW);
      expect(fs.readFileSync(victim, 'utf8')).toBe(before);

      const elsewhere = path.join(path.dirname(home), 'elsewhere');
      await ok(home, ['config', 'set', 'goalsDir', elsewhere], NOW);
      expect(fs.readFileSync(victim, 'utf8')).toBe(before);
      expect((fs.readdirSync(elsewhere, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(elsewhere, f)).isFile()).map((f) => fs.readFileSync(path.join(elsewhere, f), 'utf8'))).not.toContain(before);
    });
  }

  it('a file in the goals folder is still rewritten and archived as before', async () => {
    const home = tempHome();
    await ok(home, ['goals', 'new', '--template', 'culture', '--yes'], NOW);
    const file = path.join(home, 'goals', 'g1-build-a-team-culture-people-enjoy-being-part-of.md');
    await ok(home, ['edit', 'g1', '--due', '2027-03-15'], NOW);
    expect(fs.readFileSync(file, 'utf8')).toContain('due: 2027-03-15');
    expect((await mtl(home, ['rm', 'g1', '--yes'], NOW)).stderr).toContain(`Its file is kept in ${path.join(home, 'goals', 'archive', path.basename(file))}.`);
  });
});
