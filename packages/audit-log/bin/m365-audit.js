#!/usr/bin/env node
// Committed launcher, so the bin exists before the package is built.
import '../dist/bin.js';
