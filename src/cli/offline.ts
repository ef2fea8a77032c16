/**
 * The offline face: a command line asking for --generate-iam, answered from this one file without
 * the program (its parser, the region table and the policies, nothing else; scripts/build.mjs
 * bundles it on its own). Everything is held until the answer is complete, then written straight to
 * the file descriptors. Anything else — a usage error, a region to correct, help asked for too, a
 * profile's region that needs the program — is handed to main.ts untouched, nothing written yet, so
 * every message and exit code is the program's own.
 */
import { parseArgs } from './args.js';
import { type Part, writeDirect } from './direct-output.js';
import { startProgram } from './start-program.js';
import { generateIam } from '../headless/generate-iam.js';

/** What the run wrote, in order, or undefined when main.ts should answer instead. */
async function answer(argv: string[]): Promise<Part[] | undefined> {
  // main.ts reads these words before parsing.
  if (['completion', '__complete', 'help'].includes(argv[0] ?? '')) return undefined;
  const parts: Part[] = [];
  const io = { stdout: { write: (text: string) => void parts.push({ fd: 1, text }) }, stderr: { write: (text: string) => void parts.push({ fd: 2, text }) }, env: process.env };
  try {
    const options = parseArgs(argv);
    // The order main.ts answers in: help, then version, then the policies.
    if (options.help || options.version || !options.generateIam || options.debug) return undefined;
    const fromFiles = async () => {
      throw new Error("a profile's region is read by the program");
    };
    return (await generateIam(options, io, fromFiles)) === 0 ? parts : undefined;
  } catch {
    return undefined;
  }
}

const parts = await answer(process.argv.slice(2));
if (parts) writeDirect(parts);
else await startProgram();
