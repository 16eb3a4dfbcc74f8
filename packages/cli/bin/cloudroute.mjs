#!/usr/bin/env node
// The installed `cloudroute` executable: the compiled CLI (built by `tsc -b` on install).
import '../dist/bin.js';
