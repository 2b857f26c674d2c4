#!/usr/bin/env node
// Entry point of the resnet-mf command; the code lives in dist/src/cli (built by `npm ci` / `npm run build`).
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv);
