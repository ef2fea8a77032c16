/**
 * Hands the run to the program (main.ts, dist/chunks/main.js): first what must be on before its
 * modules compile — Node's compile cache (Node >= 22.1) and, with DEBUG set, source-mapped stack traces.
 */
import { enableCompileCache } from './compile-cache.js';

export async function startProgram(): Promise<void> {
  if (process.env.DEBUG) process.setSourceMapsEnabled(true);
  enableCompileCache(process.env);
  await import('./main.js');
}
