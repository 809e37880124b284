'use strict';
// A floor, not mtl: the least a read served from a cache of its output can do when the cache is
// keyed by what could change the output (the words typed, the day, colour and width, and the size,
// times and inode of every data file). Stats the data folder and the praise quarters, compares the
// key, prints the kept output. No framework, no hashing. The first run keeps `mtl`'s output as is.
//   node test/bench/make-store.mjs /tmp/floor-r 1
//   env -u NODE_EXTRA_CA_CERTS MTL_NOW=2027-02-10T09:00:00 node test/bench/ab.mjs 31 -- node -e 0 \
//     -- env MTL_HOME=/tmp/floor-r node test/bench/floors/cached-read.cjs \
//     -- env MTL_HOME=/tmp/floor-r node bin/mtl.cjs
const fs = require('node:fs');
const path = require('node:path');

const dir = process.env.MTL_HOME;
const cache = path.join(dir, '.floor-cache');
const key = [process.argv.slice(2).join(' '), (process.env.MTL_NOW ?? new Date().toISOString()).slice(0, 10), process.env.NO_COLOR ?? '', process.env.COLUMNS ?? ''];
for (const folder of [dir, path.join(dir, 'praise')]) {
  for (const name of fs.readdirSync(folder).sort()) {
    if (name === '.floor-cache') continue;
    const s = fs.statSync(path.join(folder, name), { bigint: true });
    key.push(name, s.ino, s.size, s.mtimeNs, s.ctimeNs);
  }
}
const wanted = key.join('\0');
let kept;
try {
  const text = fs.readFileSync(cache, 'utf8');
  const cut = text.indexOf('\n\0\n');
  if (text.slice(0, cut) === wanted) kept = text.slice(cut + 3);
} catch {}
if (kept === undefined) {
  kept = require('node:child_process').execFileSync(process.execPath, [path.join(__dirname, '../../../bin/mtl.cjs'), ...process.argv.slice(2)], { encoding: 'utf8' });
  fs.writeFileSync(cache, `${wanted}\n\0\n${kept}`);
}
fs.writeSync(1, kept);
