// Bundles src/main.ts into dist/ with esbuild: one ESM entry plus a chunk per lazily imported
// command, so start-up reads one small file instead of resolving hundreds of modules.
import { build } from 'esbuild';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
// Build beside dist/ and swap it in, so tests already running against dist/ never read half a build.
const staging = `dist.build-${process.pid}`;
rmSync(staging, { recursive: true, force: true });

await build({
  entryPoints: { mtl: 'src/main.ts' },
  outdir: staging,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: !process.env.MTL_NO_MINIFY,
  keepNames: false,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  metafile: true,
  logLevel: 'warning',
  define: { __MTL_VERSION__: JSON.stringify(pkg.version) },
  // commander and others are CommonJS and call require() for Node built-ins.
  banner: { js: "import { createRequire as __mtlRequire } from 'node:module'; const require = __mtlRequire(import.meta.url);" },
}).then((result) => {
  writeFileSync(`${staging}/meta.json`, JSON.stringify(result.metafile));
  const old = `dist.old-${process.pid}`;
  try {
    renameSync('dist', old);
  } catch {}
  renameSync(staging, 'dist');
  rmSync(old, { recursive: true, force: true });
});
