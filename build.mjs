// Bundles src/ with esbuild into CommonJS: dist/mtl.cjs holds what every command needs, and each
// module the code imports lazily (`await import(...)`: a command's run code, the prompt library,
// chrono, yaml) becomes its own bundle, dist/lazy-*.cjs, loaded with require() only when used.
// CommonJS because Node 20's ESM loader costs ~1-2 ms per module at start-up (22 ms against 6 ms
// for an empty script, measured with --cpu-prof), while require() of one file is cheap. Modules
// shared by several bundles are copied into each, but for src/errors.ts: its classes are one
// bundle, dist/errors.cjs, that the others require, so `instanceof` holds across bundles.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const src = path.resolve('src');
const staging = `dist.build-${process.pid}`;
rmSync(staging, { recursive: true, force: true });

/** A stable file name for a lazily imported module: lazy-commands-goals-list, lazy-pkg-conf-... */
const bundleName = (file) =>
  'lazy-' + file.replace(/^.*node_modules\//, 'pkg/').replace(`${src}/`, '').replace(/\.(ts|js|mjs|cjs)$/, '').replace(/[^\w]+/g, '-').replace(/-+$/, '');

/**
 * The built-in templates' front matter, parsed here by the yaml package and keyed by its exact text
 * (src/core/template-parse.ts looks it up the same way): reading it at run time took 10-15 ms of
 * every command that shows goals, most of it compiling the YAML parser. A template whose front matter
 * is not exactly a built-in one (edited, or the user's own) is parsed at run time as before.
 */
function builtinFrontMatter() {
  const table = {};
  for (const file of readdirSync('templates').filter((f) => f.endsWith('.md'))) {
    const text = readFileSync(path.join('templates', file), 'utf8').replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
    const source = /^---\n(?:([\s\S]*?)\n)?---[ \t]*(?:\n|$)/.exec(text)?.[1];
    if (source === undefined) throw new Error(`templates/${file} has no front matter`);
    const parsed = parseYaml(source, { logLevel: 'error' });
    // What JSON cannot carry (a date, Infinity) would come back different: such a template is left out.
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(parsed)), parsed)) throw new Error(`templates/${file}: its front matter does not survive JSON`);
    table[source] = parsed;
  }
  return table;
}
// A string, parsed where it is used: an object given to esbuild's define becomes a module that every
// module of every bundle initialises first.
const BUILTIN_FRONT_MATTER = JSON.stringify(JSON.stringify(builtinFrontMatter()));

const errorsModule = path.join(src, 'errors.ts');
const pending = new Map([['mtl', path.join(src, 'main.ts')], ['errors', errorsModule]]);
const built = new Set();

const plugins = [
  {
    name: 'lazy-bundles',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind !== 'dynamic-import' || args.pluginData?.resolving) return undefined;
        const target = await b.resolve(args.path, { kind: 'import-statement', resolveDir: args.resolveDir, importer: args.importer, pluginData: { resolving: true } });
        if (target.errors.length) return undefined;
        const name = bundleName(target.path);
        if (!built.has(name)) pending.set(name, target.path);
        return { path: `./${name}.cjs`, external: true };
      });
    },
  },
  {
    // One copy of the error classes for all bundles (require() keeps one instance of a file): an
    // error thrown in a command's bundle is an instance of the class that mtl.cjs tests it against.
    name: 'shared-errors',
    setup(b) {
      b.onResolve({ filter: /errors(\.js|\.ts)?$/ }, (args) =>
        args.kind !== 'entry-point' && args.importer.startsWith(src) && path.resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts') === errorsModule
          ? { path: './errors.cjs', external: true }
          : undefined,
      );
    },
  },
  {
    // commander requires child_process when it loads, only to run executable subcommands, which mtl
    // does not use: ~3 ms of every start. Its copy is an empty module; mtl's own code keeps the real one.
    name: 'without-commander-child-process',
    setup(b) {
      b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
        args.importer.includes(`node_modules${path.sep}commander${path.sep}`) ? { path: 'child_process', namespace: 'mtl-stub' } : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'mtl-stub' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
    },
  },
];

plugins.push({
  // \`import fs from 'node:fs'\` compiles to a copy of the module's every export into a new object
  // (esbuild's __toESM), once per importing module: about a millisecond of every command. mtl's own
  // code only default-imports fs, path and os, so those resolve to a module whose default export is
  // require()'s own object, with nothing copied.
  name: 'node-builtins-as-is',
  setup(b) {
    b.onResolve({ filter: /^node:(fs|path|os)$/ }, (args) =>
      args.importer.startsWith(src) ? { path: args.path, namespace: 'mtl-builtin' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'mtl-builtin' }, (args) => ({ contents: `export default require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
});

plugins.push({
  // chalk's colour detection loads node:tty (with net and streams) on every start; main.ts decides
  // the colour level itself and loads tty only when stdout may be a terminal.
  name: 'without-chalk-supports-color',
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, () => ({ path: 'supports-color', namespace: 'mtl-stub-esm' }));
    b.onLoad({ filter: /.*/, namespace: 'mtl-stub-esm' }, () => ({ contents: 'export default { stdout: false, stderr: false };', loader: 'js' }));
  },
});

const meta = { inputs: {}, outputs: {} };

/**
 * Bundles every entry into the staging folder, following the lazy imports as they are found: the
 * entries found so far in one esbuild run, then those they found.
 */
async function bundleAll() {
  while (pending.size > 0) {
    const wave = [...pending];
    pending.clear();
    for (const [name] of wave) built.add(name);
    await bundleSome(Object.fromEntries(wave));
  }
  writeFileSync(`${staging}/meta.json`, JSON.stringify(meta));
}

/** One esbuild run for several entries: each its own bundle, the parsing of what they share done once. */
async function bundleSome(entryPoints) {
  const result = await build({
    entryPoints,
    outdir: staging,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: !process.env.MTL_NO_MINIFY,
    // The licences travel in THIRD-PARTY-NOTICES.md; the maps name src/ for MTL_DEBUG stack traces.
    legalComments: 'none',
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    logLevel: 'warning',
    // import() of the lazy bundles becomes require(); import.meta.url (finding templates/) becomes
    // the bundle's own file URL.
    supported: { 'dynamic-import': false },
    define: { __MTL_VERSION__: JSON.stringify(pkg.version), __MTL_BUILTIN_FRONT_MATTER__: BUILTIN_FRONT_MATTER, 'import.meta.url': '__mtlFileUrl' },
    // Lazy bundles load through bin/load-bundle.cjs when it ran this one (it compiles them with V8's
    // code cache), else with require(): the bundle's require() is wrapped to send them there, so
    // esbuild's output (and its source map) is left as it is.
    banner: {
      js: [
        "const __mtlFileUrl = require('node:url').pathToFileURL(__filename).href;",
        'var __mtlNodeRequire = require;',
        "var require = Object.assign((p) => { const load = globalThis[Symbol.for('mtl.loadBundle')]; return load && p.startsWith('./lazy-') ? load(__mtlNodeRequire('node:path').join(__dirname, p)) : __mtlNodeRequire(p); }, __mtlNodeRequire);",
      ].join('\n'),
    },
    plugins,
  });
  Object.assign(meta.inputs, result.metafile.inputs);
  Object.assign(meta.outputs, result.metafile.outputs);
}

// V8's code caches (bin/load-bundle.cjs), made in dist/ (once the new build is there) by running the commands that
// do not prompt, on a small store, so that each cache holds the functions its command compiles.
const WARM_UP = [
  ['team', 'add', 'Sam Lee'],
  ['praise', 'sam', 'clear incident review'],
  ['feedback', 'sam', 'smaller pull requests'],
  ['member-goals', 'sam', 'add', 'Own the on-call rotation'],
  ['delegate', 'Roadmap item', '--to', 'sam'],
  ['goals', 'new', '--template', 'culture', '--title', 'Weekly demos', '--due', 'end of quarter'],
  ['goals', 'check-in', 'g1', 'on track', '--progress', '20'],
  ['assess', '--answers', 'no,2,3,4,3,2'],
  ['learn', 'log', '1', 'a podcast'],
  ['goals', '--json'],
  ['goals', 'templates'],
  ['prep'],
  ['praise', 'list', '--json'],
  ['praise', 'balance'],
  ['team', 'list', '--json'],
  ['1on1', 'sam'],
  ['assess', 'history', '--json'],
  ['learn'],
  ['innovation'],
  ['config', 'list'],
  ['show', 'p1'],
  ['edit', 'p1', '--text', 'calm, clear incident review'],
  ['done', 'd1'],
  ['rm', 'f1', '--yes'],
  ['undo', '--list'],
  ['undo'],
  ['review', 'sam'],
  ['search', 'incident'],
  ['export', '--format', 'md'],
  ['today'],
  ['culture'],
  ['process'],
  ['pulse'],
  ['goals', 'show', 'g1'],
  ['export', '--format', 'ics'],
  ['sync', 'status'],
  [],
  ['nudge', '--dry-run'],
];

/** Runs every warm-up command on a temporary store; each must work, or the build is broken. */
function writeCodeCaches() {
  const home = mkdtempSync(path.join(os.tmpdir(), 'mtl-build-'));
  try {
    // The start-up bundle's cache is the last run's (a noun, options, the store).
    for (const args of WARM_UP) {
      const run = spawnSync(process.execPath, ['bin/load-bundle.cjs', '--write-cache', 'dist/mtl.cjs', ...args], {
        env: { ...process.env, MTL_HOME: home, MTL_NOW: '2027-02-10T09:00:00', NO_COLOR: '1' },
        stdio: ['ignore', 'ignore', 'pipe'],
        encoding: 'utf8',
        timeout: 30_000,
      });
      if (run.status !== 0) throw new Error(`code cache warm-up: mtl ${args.join(' ')} exited ${run.status ?? run.signal}\n${run.stderr}`);
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/**
 * The licence of every package the bundles hold, with its copyright notice: MIT, ISC and BSD all ask
 * that the notice travel with copies, and a bundle is a copy. Made from what esbuild put in the bundles.
 */
function writeNotices() {
  const roots = new Set();
  for (const input of Object.keys(meta.inputs)) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) roots.add(match[1]);
  }
  const sections = [...roots].sort().map((root) => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    const licenceFile = readdirSync(root).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const text = licenceFile ? readFileSync(path.join(root, licenceFile), 'utf8').trim() : `License: ${pkg.license ?? 'see the package'}`;
    return `## ${pkg.name} ${pkg.version} (${pkg.license ?? 'unknown licence'})\n\n${text}\n`;
  });
  const head = `# Third-party notices\n\nmtl's bundles in dist/ contain the following packages, under the licences below.\n`;
  writeFileSync(`${staging}/THIRD-PARTY-NOTICES.md`, [head, ...sections].join('\n'));
}

try {
  await bundleAll();
  writeNotices();
} catch (err) {
  rmSync(staging, { recursive: true, force: true });
  throw err;
}

// Swap the new build in, so tests already running against dist/ never read half a build; the code
// caches are made there, so that what they record names dist/, not the staging folder. The
// warm-up runs every command that makes them: if one fails, the build is broken and the old one
// goes back.
const old = `dist.old-${process.pid}`;
let hadOld = true;
try {
  renameSync('dist', old);
} catch {
  hadOld = false;
}
renameSync(staging, 'dist');
try {
  writeCodeCaches();
} catch (err) {
  rmSync('dist', { recursive: true, force: true });
  if (hadOld) renameSync(old, 'dist');
  throw err;
}
rmSync(old, { recursive: true, force: true });
