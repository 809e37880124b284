'use strict';
// Runs a CommonJS bundle compiled with V8's code cache, which saves about 4 ms of every mtl start.
// Node 22 does this itself (module.enableCompileCache); Node 20 does not. The cache file is named
// after the V8 version that made it, and holds a copy of the bundle it was made from: it is used only
// for those exact bytes (V8's own check compares the source length alone), else the bundle compiles
// as usual. The build makes it by running one command: `node bin/load-bundle.cjs <bundle> <args>`.
const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');
const { Script } = require('node:vm');

function cacheFileFor(bundle) {
  return `${bundle}.${process.versions.v8}.cache`;
}

/** The cached data made from exactly `source`, if there is one. */
function cachedDataFor(bundle, source) {
  let cache;
  try {
    cache = fs.readFileSync(cacheFileFor(bundle));
  } catch {
    return undefined;
  }
  const length = cache.length >= 4 ? cache.readUInt32LE(0) : -1;
  if (length !== source.length || !cache.subarray(4, 4 + length).equals(source)) return undefined;
  return cache.subarray(4 + length);
}

function loadBundle(bundle, { writeCache = false } = {}) {
  const source = fs.readFileSync(bundle);
  // The bundles turn every import() into require(), so the script needs no dynamic-import hook.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source.toString('utf8')}\n})`, {
    filename: bundle,
    cachedData: writeCache ? undefined : cachedDataFor(bundle, source),
  });
  if (writeCache) {
    process.on('exit', () => {
      const length = Buffer.alloc(4);
      length.writeUInt32LE(source.length);
      fs.writeFileSync(cacheFileFor(bundle), Buffer.concat([length, source, script.createCachedData()]));
    });
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
}

if (require.main === module) {
  const bundle = path.resolve(process.argv[2]);
  process.argv.splice(2, 1);
  loadBundle(bundle, { writeCache: true });
}

module.exports = { loadBundle };
