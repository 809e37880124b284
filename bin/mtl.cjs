#!/usr/bin/env node
'use strict';
require('./load-bundle.cjs').loadBundle(require('node:path').join(__dirname, '..', 'dist', 'mtl.cjs'));
