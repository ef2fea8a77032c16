#!/usr/bin/env node
/**
 * dist/cli.js, the package's bin: what must be on before the program's modules compile — Node's
 * compile cache (Node >= 22.1) and, with DEBUG set, source-mapped stack traces — then the program.
 */
import { enableCompileCache } from './compile-cache.js';

if (process.env.DEBUG) process.setSourceMapsEnabled(true);
enableCompileCache(process.env);
await import('./main.js');
