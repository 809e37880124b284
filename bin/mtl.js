#!/usr/bin/env node
import '../dist/mtl.js';
