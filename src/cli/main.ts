/**
 * The entry point and the one exit point: parse, pick the face (wizard or headless), print any
 * error as one line, exit with its code. Everything heavy is imported only on the branch that needs it.
 */
import { helpText, parseArgs } from './args.js';
import { generateIam } from '../headless/generate-iam.js';
import { describeError, EXIT, Interrupted } from '../core/errors.js';
import { wantsHeadless } from '../service/options.js';

// Before anything else loads: the SDK's multi-line Node-version warning must not reach the screen,
// and chalk (inside Ink) ignores NO_COLOR unless it is mapped to FORCE_COLOR=0.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';

/** How long a run gets to stop cleanly after Ctrl-C before the process just exits. */
const GRACE_MS = 5000;

/**
 * Ctrl-C while starting the demo or running headless: abort in-flight calls so the run can say what
 * exists; a second Ctrl-C, or a run that does not stop in time, exits at once. Returns the remover.
 */
function onInterrupt(controller: AbortController): () => void {
  const handler = () => {
    if (controller.signal.aborted) finish(EXIT.interrupted, 'Interrupted again: stopping now. Run the same command again to finish.');
    process.stderr.write('\nStopping...\n');
    controller.abort();
    setTimeout(() => finish(EXIT.interrupted, 'Interrupted. Run the same command again to finish.'), GRACE_MS).unref();
  };
  process.on('SIGINT', handler);
  return () => process.removeListener('SIGINT', handler);
}

async function main(argv: string[]): Promise<number> {
  let options = parseArgs(argv);
  if (options.help) {
    process.stdout.write(helpText(__VERSION__));
    return EXIT.ok;
  }
  if (options.version) {
    process.stdout.write(`${__VERSION__}\n`);
    return EXIT.ok;
  }
  // Offline and small, so answered here: no chunk to load (README, "Performance").
  if (options.generateIam) return generateIam(options, { stdout: process.stdout, stderr: process.stderr, env: process.env });
  // Decided before anything renders: Ink in a pipe writes cursor escapes and needs raw mode.
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY) && !wantsHeadless(options);
  const controller = new AbortController();
  let stopListening = onInterrupt(controller);
  let demo: { stop(): Promise<void> } | undefined;
  try {
    if (options.local) {
      const { startDemo } = await import('../local/demo.js');
      const started = await startDemo(options);
      demo = started;
      options = started.options;
      if (controller.signal.aborted) throw new Interrupted('Interrupted before any change: nothing was created.');
    }
    if (interactive) {
      // The wizard reads Ctrl-C as a key and handles it itself.
      stopListening();
      stopListening = () => {};
      const { runWizard } = await import('../wizard/run.js');
      return await runWizard(options);
    }
    const { runHeadless } = await import('../headless/run.js');
    return await runHeadless(options, { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: controller.signal });
  } finally {
    stopListening();
    await demo?.stop();
  }
}

/** Prints the error (stack only with DEBUG) when given, then exits: the only process.exit in the program. */
function finish(code: number, message?: string, error?: unknown): never {
  if (message) process.stderr.write(`sentinel-init: ${message}\n`);
  if (error !== undefined && process.env.DEBUG) {
    let cause: unknown = error;
    while (cause instanceof Error) {
      process.stderr.write(`${cause.stack ?? cause.message}\n`);
      cause = cause.cause;
    }
  }
  process.exit(code);
}

// Without a handler Node dies on SIGTERM without running exit hooks, leaving the demo's JVM behind.
process.once('SIGTERM', () => finish(143, 'Terminated. Run the same command again to finish what was started.'));

main(process.argv.slice(2)).then(
  (code) => finish(code),
  (error: unknown) => {
    const { text, exitCode } = describeError(error);
    finish(exitCode, text, error);
  },
);
