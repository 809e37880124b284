'use strict';
// Runs mtl's CommonJS bundles compiled with V8's code cache, which saves several milliseconds of
// every mtl command on Node 20. A cache file is named after the V8 version that made it, and holds a
// copy of the bundle it was made from: it is used only for those exact bytes (V8's own check
// compares the source length alone), else the bundle compiles as usual. dist/mtl.cjs loads its
// lazily imported bundles through the same loader (build.mjs). The build makes the caches by running
// commands this way: `node bin/load-bundle.cjs --write-cache <bundle> <args>`.
// Node 22.1 and later keep a compile cache of their own (module.enableCompileCache): there, and with
// MTL_DEBUG (stack traces through the source maps, src/*.ts), the bundles are plain require()s.
const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');
const { Script } = require('node:vm');

const cacheSuffix = `.${process.versions.v8}.cache`;
const loaded = new Map();
let writeCaches = false;

/** The cached data made from exactly `source`, if there is one. */
function cachedDataFor(bundle, source) {
  let cache;
  try {
    cache = fs.readFileSync(bundle + cacheSuffix);
  } catch {
    return undefined;
  }
  const length = cache.length >= 4 ? cache.readUInt32LE(0) : -1;
  if (length !== source.length || !cache.subarray(4, 4 + length).equals(source)) return undefined;
  return cache.subarray(4 + length);
}

const nodeCache = !process.env.MTL_DEBUG && typeof require('node:module').enableCompileCache === 'function';
if (nodeCache) require('node:module').enableCompileCache();
if (process.env.MTL_DEBUG) process.setSourceMapsEnabled(true);

/** Runs `bundle` once, like require(), and returns its exports. */
function loadBundle(bundle) {
  if ((nodeCache || process.env.MTL_DEBUG) && !writeCaches) return require(bundle);
  const done = loaded.get(bundle);
  if (done) return done.exports;
  const source = fs.readFileSync(bundle);
  // The bundles turn every import() into require(), so the script needs no dynamic-import hook.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source.toString('utf8')}\n})`, {
    filename: bundle,
    cachedData: writeCaches ? undefined : cachedDataFor(bundle, source),
  });
  const module = { exports: {} };
  loaded.set(bundle, module);
  if (writeCaches) {
    process.on('exit', () => {
      const length = Buffer.alloc(4);
      length.writeUInt32LE(source.length);
      const temp = `${bundle}${cacheSuffix}.${process.pid}.tmp`;
      fs.writeFileSync(temp, Buffer.concat([length, source, script.createCachedData()]));
      fs.renameSync(temp, bundle + cacheSuffix);
    });
  }
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  return module.exports;
}

globalThis[Symbol.for('mtl.loadBundle')] = loadBundle;

if (require.main === module && process.argv[2] === '--write-cache') {
  writeCaches = true;
  const bundle = path.resolve(process.argv[3]);
  process.argv.splice(2, 2);
  loadBundle(bundle);
}

module.exports = { loadBundle };
