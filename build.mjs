// Bundles src/main.ts into dist/ with esbuild: one ESM entry plus a chunk per lazily imported
// command, so start-up reads one small file instead of resolving hundreds of modules.
import { build } from 'esbuild';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
// commander requires child_process at load time, only to run executable subcommands, which mtl
// does not use; loading it costs ~3 ms of every start. Its copy in the bundle is an empty object.
const withoutCommanderChildProcess = {
  name: 'without-commander-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes(`node_modules${'/'}commander${'/'}`) ? { path: 'child_process', namespace: 'mtl-stub' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'mtl-stub' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

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
  plugins: [withoutCommanderChildProcess],
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
