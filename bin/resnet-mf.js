#!/usr/bin/env node
// Entry point of the resnet-mf command; the code lives in dist/ (built by `npm ci` / `npm run build`). The claim
// registry is passed in here: nothing in src/ imports the claims folder.
import { main } from '../dist/src/cli/main.js';
import { REGISTRY } from '../dist/properties/registry.js';

process.exitCode = await main(process.argv, REGISTRY);
