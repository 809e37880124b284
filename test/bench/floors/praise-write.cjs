'use strict';
// A floor, not mtl: the least a durable praise write does, in plain JS with no framework and no
// checks. Takes the lock (a finished file hard-linked to mtl.lock), reads mtl.json, the reports and
// the newest quarter file, appends the undo line and the praise line (each fsynced), checks the lock
// is still its own, releases it and says so. What mtl's `praise` would cost with nothing else.
//   node test/bench/make-store.mjs /tmp/floor 1 && cp -a /tmp/floor /tmp/floor-w
//   env -u NODE_EXTRA_CA_CERTS MTL_NOW=2027-02-10T09:00:00 node test/bench/ab.mjs 31 -- node -e 0 \
//     -- env MTL_HOME=/tmp/floor-w node test/bench/floors/praise-write.cjs Report3 Thanks \
//     -- env MTL_HOME=/tmp/floor node bin/mtl.cjs praise Report3 Thanks
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const dir = process.env.MTL_HOME;
const lock = path.join(dir, 'mtl.lock');
const me = { pid: process.pid, host: os.hostname(), token: Math.random().toString(36).slice(2), since: new Date().toISOString() };
const temp = `${lock}.${me.pid}.tmp`;
fs.writeFileSync(temp, JSON.stringify(me) + '\n', { flag: 'wx', mode: 0o600 });
fs.linkSync(temp, lock);
fs.unlinkSync(temp);
JSON.parse(fs.readFileSync(path.join(dir, 'mtl.json'), 'utf8'));
const reports = fs.readFileSync(path.join(dir, 'reports.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const member = reports.find((r) => r.name === process.argv[2]);
const quarters = fs.readdirSync(path.join(dir, 'praise')).sort();
const newest = path.join(dir, 'praise', quarters.at(-1));
let max = 0;
for (const line of fs.readFileSync(newest, 'utf8').split('\n')) if (line) max = Math.max(max, Number(JSON.parse(line).id.slice(1)));
const entry = { id: `p${max + 1}`, member: member.id, text: process.argv[3], date: (process.env.MTL_NOW ?? new Date().toISOString()).slice(0, 10) };
const append = (file, text) => {
  const fd = fs.openSync(file, 'a', 0o600);
  fs.writeSync(fd, text);
  fs.fsyncSync(fd);
  fs.closeSync(fd);
};
append(path.join(dir, 'undo.jsonl'), JSON.stringify({ n: 1, changes: [{ kind: 'praise', id: entry.id }] }) + '\n');
append(newest, JSON.stringify(entry) + '\n');
if (JSON.parse(fs.readFileSync(lock, 'utf8')).token !== me.token) throw new Error('lost the lock');
fs.unlinkSync(lock);
fs.writeSync(2, `Logged private praise for ${member.name} (${entry.id}).\n`);
