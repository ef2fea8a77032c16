#!/usr/bin/env node
/**
 * dist/cli.js, the package's bin. `--version` and `--help` given alone are answered here, from this
 * one file (scripts/build.mjs bundles it on its own), written straight to the file descriptors.
 * A command line asking for --generate-iam goes to the offline face (offline.ts, its own small file).
 * Anything else turns on what must be on before the program's modules compile — Node's compile cache
 * (Node >= 22.1) and, with DEBUG set, source-mapped stack traces — then loads the program (main.ts),
 * which parses every other command line.
 */
import { writeDirect } from './direct-output.js';
import { helpText } from './help.js';
import { startProgram } from './start-program.js';

/** The same answers args.ts gives these flags (-V/--version, -h/--help) in any other command line. */
function shortAnswer(argv: readonly string[]): string | undefined {
  if (argv.length !== 1) return undefined;
  if (argv[0] === '--version' || argv[0] === '-V') return `${__VERSION__}\n`;
  if (argv[0] === '--help' || argv[0] === '-h') return helpText(__VERSION__);
  return undefined;
}

const argv = process.argv.slice(2);
const answer = shortAnswer(argv);
if (answer !== undefined) writeDirect([{ fd: 1, text: answer }]);
else if (argv.includes('--generate-iam')) await import('./offline.js');
else await startProgram();
