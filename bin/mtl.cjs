#!/usr/bin/env node
'use strict';
// Runs dist/mtl.cjs compiled with V8's code cache (dist/mtl.cjs.cache, written by the build): about
// 4 ms of every start. Node 22 does this itself (module.enableCompileCache); Node 20 does not. A
// cache from another Node version is rejected by V8, and the bundle is compiled as usual.
const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');
const { Script } = require('node:vm');

const file = path.join(__dirname, '..', 'dist', 'mtl.cjs');
const cacheFile = `${file}.cache`;
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  // No cache: compiled as usual.
}
const wrapped = `(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(file, 'utf8')}\n})`;
const script = new Script(wrapped, { filename: file, cachedData });
const bundle = { exports: {} };
if (process.env.MTL_WRITE_CODE_CACHE === cacheFile) {
  // The build runs one command this way: the cache then holds the functions a command compiles.
  process.on('exit', () => fs.writeFileSync(cacheFile, script.createCachedData()));
}
script.runInThisContext()(bundle.exports, createRequire(file), bundle, file, path.dirname(file));
