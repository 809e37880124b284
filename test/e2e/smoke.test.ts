import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, spawnMtl, tempHome } from '../helpers/cli.js';

/**
 * The built binary, once per noun, in the order a new manager meets them: every other command test
 * runs in-process through run(argv, deps); these check that the bundles load each command's code
 * and that what main.ts wires (streams, exit codes, the version) works in a real process.
 */
describe('the built binary, a command of each noun', () => {
  it('runs a first week from a fresh data folder', () => {
    const home = tempHome();
    const env = { MTL_NOW: '2027-02-10T09:00:00', MTL_CRONTAB: path.join(ROOT, 'test/helpers/fake-crontab.sh'), FAKE_CRONTAB_FILE: path.join(path.dirname(home), 'crontab') };
    const backup = path.join(path.dirname(home), 'backup.json');
    const steps: [string[], RegExp, 'stdout' | 'stderr'][] = [
      [['--version'], new RegExp(`^${JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}\\n$`), 'stdout'],
      [[], /Start with the five-minute self-assessment/, 'stdout'],
      [['assess', '--answers', 'no,3,4,2,4,3'], /Score 55\/100/, 'stdout'],
      [['assess', 'history'], /^2027-02-10\ta1\t55/, 'stdout'],
      [['goals', 'new', '--template', 'culture', '--yes'], /^Created g1 /, 'stderr'],
      [['goals', 'check-in', 'g1', 'agreed with my boss', '--progress', '10'], /progress 0% → 10%/, 'stderr'],
      [['goals'], /^g1\t/, 'stdout'],
      [['prep'], /g1/, 'stdout'],
      [['team', 'add', 'Sam Lee'], /Added Sam Lee to your team \(r1\)/, 'stderr'],
      [['praise', 'sam', 'clear incident review'], /Logged private praise for Sam Lee \(p1\)/, 'stderr'],
      [['feedback', 'sam', 'smaller pull requests'], /Queued feedback for Sam Lee \(f1/, 'stderr'],
      [['member-goals', 'sam', 'add', 'Own the on-call rotation'], /Added m1 for Sam Lee/, 'stderr'],
      [['delegate', 'Billing export', '--to', 'sam'], /Sam Lee owns "Billing export" now \(d1\)/, 'stderr'],
      [['1on1', 'sam'], /smaller pull requests/, 'stdout'],
      [['learn', 'log', '1', 'a podcast'], /Logged 1 hour: a podcast/, 'stderr'],
      [['innovation', 'plan', '2027-03-01'], /Planned the 2027-Q1 innovation week/, 'stderr'],
      [['nudge', '--json'], /"reminders":/, 'stdout'],
      [['cron', 'install'], /Installed the mtl block in your crontab/, 'stderr'],
      [['config', 'get', 'recognitionDays'], /^7\n$/, 'stdout'],
      [['export', '--output', backup], /Wrote /, 'stderr'],
      [['--home', path.join(path.dirname(home), 'restored'), 'import', backup], /Restored 1 assessment, 1 goal, 1 report, 1 praise entry/, 'stderr'],
      [['completion', 'bash'], /_mtl_complete\(\)/, 'stdout'],
    ];
    for (const [args, expected, stream] of steps) {
      const r = spawnMtl(home, args, { env });
      expect(r.code, `mtl ${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r[stream], `mtl ${args.join(' ')}`).toMatch(expected);
    }
  });

  it('exits 2 on a usage error and 1 on bad input, with no stack', () => {
    const home = tempHome();
    const usage = spawnMtl(home, ['goals', 'frobnicate']);
    expect(usage.code).toBe(2);
    const bad = spawnMtl(home, ['praise', 'nobody', 'hi']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('No report called "nobody"');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
