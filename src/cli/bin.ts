#!/usr/bin/env node
/**
 * dist/cli.js, the package's bin. `--version` and `--help` given alone are answered here, from this
 * one file (scripts/build.mjs bundles it on its own). Anything else turns on what must be on before
 * the program's modules compile — Node's compile cache (Node >= 22.1) and, with DEBUG set,
 * source-mapped stack traces — then loads the program (main.ts), which parses every other command line.
 */
import { enableCompileCache } from './compile-cache.js';
import { helpText } from './help.js';
import { guardStreams, lostResult, stderr, stdout, stdoutFailure } from './output.js';

/** The same answers args.ts gives these flags (-V/--version, -h/--help) in any other command line. */
function shortAnswer(argv: readonly string[]): string | undefined {
  if (argv.length !== 1) return undefined;
  if (argv[0] === '--version' || argv[0] === '-V') return `${__VERSION__}\n`;
  if (argv[0] === '--help' || argv[0] === '-h') return helpText(__VERSION__);
  return undefined;
}

const answer = shortAnswer(process.argv.slice(2));
if (answer !== undefined) {
  guardStreams();
  stdout.write(answer);
  const lost = await stdoutFailure();
  if (lost) {
    stderr.write(`sentinel-init: ${lostResult(lost)}\n`);
    process.exitCode = 1;
  }
} else {
  if (process.env.DEBUG) process.setSourceMapsEnabled(true);
  enableCompileCache(process.env);
  await import('./main.js');
}
