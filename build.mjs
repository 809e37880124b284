// Bundles src/main.ts into dist/ with esbuild: one ESM entry plus a chunk per lazily imported
// command, so start-up reads one small file instead of resolving hundreds of modules.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
rmSync(new URL('./dist', import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: { mtl: 'src/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifySyntax: true,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  metafile: true,
  logLevel: 'warning',
  define: { __MTL_VERSION__: JSON.stringify(pkg.version) },
  // commander and others are CommonJS and call require() for Node built-ins.
  banner: { js: "import { createRequire as __mtlRequire } from 'node:module'; const require = __mtlRequire(import.meta.url);" },
}).then(async (result) => {
  const { writeFileSync } = await import('node:fs');
  writeFileSync('dist/meta.json', JSON.stringify(result.metafile));
});
