#!/usr/bin/env node
// Placeholder entry; replaced by the real command line.
export {};
