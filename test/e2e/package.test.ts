import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mtl-pack-'));
let tarball = '';

beforeAll(() => {
  // The suite has just built dist/; packing again would only rebuild it.
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' });
  const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(work, info!.filename);
  fs.writeFileSync(path.join(work, 'files.json'), JSON.stringify(info!.files.map((f) => f.path)));
}, 120_000);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('the npm package', () => {
  it('holds only what runs: dist, bin, templates, README, licence, changelog', () => {
    const files: string[] = JSON.parse(fs.readFileSync(path.join(work, 'files.json'), 'utf8'));
    const tops = [...new Set(files.map((f) => f.split('/')[0]))].sort();
    expect(tops).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'bin', 'dist', 'package.json', 'templates']);
    expect(files).toContain('dist/mtl.cjs');
    expect(files.filter((f) => /^dist\/mtl\.cjs\..+\.cache$/.test(f))).toHaveLength(1);
    expect(files).toContain('bin/load-bundle.cjs');
    expect(files).toContain('templates/autonomy.md');
    expect(files).toContain('dist/THIRD-PARTY-NOTICES.md');
    expect(files.filter((f) => f.endsWith('meta.json'))).toEqual([]);
  });

  it('installs globally into a prefix and runs from any folder, with no dependencies', () => {
    const prefix = path.join(work, 'prefix');
    execFileSync('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', '--offline', '--ignore-scripts', tarball], { encoding: 'utf8' });
    const installed = path.join(prefix, 'lib', 'node_modules', 'mtl');
    expect(fs.existsSync(path.join(installed, 'node_modules'))).toBe(false);
    const home = path.join(work, 'data');
    const run = (...args: string[]) =>
      spawnSync(path.join(prefix, 'bin', 'mtl'), args, { cwd: os.tmpdir(), encoding: 'utf8', env: { ...process.env, MTL_HOME: home, NO_COLOR: '1' } });
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(run('--version').stdout.trim()).toBe(pkg.version);
    expect(run('assess', '--answers', 'no,3,3,3,3,3').status).toBe(0);
    const created = run('goals', 'new', '--template', 'learning', '--yes');
    expect(created.status).toBe(0);
    expect(run('goals', 'templates').stdout).toContain('member-goals');
  });
});
