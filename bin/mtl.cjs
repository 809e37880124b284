#!/usr/bin/env node
require('../dist/mtl.cjs');
