/**
 * The entry point and the one exit point: parse, pick the face (wizard or headless), print any
 * error as one line, exit with its code. Everything heavy is imported only on the branch that needs it.
 */
import { helpText, parseArgs } from './args.js';
import { generateIam } from '../headless/generate-iam.js';
import { describeError, EXIT, Interrupted } from '../core/errors.js';
import { onInterrupt, onStopSignals } from './signals.js';
import { wantsHeadless } from '../service/options.js';
import { guardStreams, stderr, stdout, stdoutFailure } from './output.js';
import { markChanging, markOutcome, runState } from './run-state.js';
import { oneLine } from '../core/text.js';

guardStreams();

// Before anything else loads: the SDK's multi-line Node-version warning must not reach the screen,
// and chalk (inside Ink) ignores NO_COLOR unless it is mapped to FORCE_COLOR=0.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';

async function main(argv: string[]): Promise<number> {
  let options = parseArgs(argv);
  if (options.help) {
    stdout.write(helpText(__VERSION__));
    return EXIT.ok;
  }
  if (options.version) {
    stdout.write(`${__VERSION__}\n`);
    return EXIT.ok;
  }
  // Offline and small, so answered here: no chunk to load (README, "Performance").
  if (options.generateIam) return generateIam(options, { stdout, stderr, env: process.env });
  // Decided before anything renders: Ink in a pipe writes cursor escapes and needs raw mode.
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY) && !wantsHeadless(options);
  // Raw mode now, before the wizard's code loads: keys typed meanwhile wait in stdin for the wizard
  // (which queues them for the screen they were typed for) instead of being echoed by the terminal.
  if (interactive) process.stdin.setRawMode(true);
  const controller = new AbortController();
  let stopListening = onInterrupt(controller, { write: (text) => stderr.write(text), exit: (code, message) => finish(code, message) });
  let demo: { stop(): Promise<void> } | undefined;
  try {
    if (options.local) {
      const { startDemo } = await import('../local/demo.js');
      const started = await startDemo(options, { say: (line) => stderr.write(`${line}\n`) });
      demo = started;
      options = started.options;
      if (controller.signal.aborted) throw new Interrupted('Interrupted before any change: nothing was created.');
    }
    if (interactive) {
      // The wizard reads Ctrl-C as a key and handles it itself.
      stopListening();
      stopListening = () => {};
      const { runWizard } = await import('../wizard/run.js');
      return await runWizard(options, { stdout, progress: { changing: markChanging, outcome: markOutcome } });
    }
    const { runHeadless } = await import('../headless/run.js');
    return await runHeadless(options, { stdout, stderr, env: process.env, signal: controller.signal, progress: { changing: markChanging, outcome: markOutcome } });
  } finally {
    stopListening();
    await demo?.stop();
  }
}

/** Prints the error (stack only with DEBUG) when given, then exits: the only process.exit in the program. */
function finish(code: number, message?: string, error?: unknown): never {
  // Never leave the person's terminal in raw mode (a run that failed before the wizard restored it).
  if (process.stdin.isTTY && process.stdin.isRaw) process.stdin.setRawMode(false);
  // One line, whatever a value in it holds (a newline from AWS_REGION or a file name shown as \n).
  if (message) stderr.write(`sentinel-init: ${oneLine(message)}\n`);
  if (error !== undefined && process.env.DEBUG) {
    let cause: unknown = error;
    while (cause instanceof Error) {
      stderr.write(`${cause.stack ?? cause.message}\n`);
      cause = cause.cause;
    }
  }
  process.exit(code);
}

/** A run that finished, unless its result could not be written: then exit 1 and say what was done. */
async function finishRun(code: number, message?: string, error?: unknown): Promise<never> {
  const lost = await stdoutFailure();
  if (!lost || code !== EXIT.ok) return finish(code, message, error);
  const done = runState.outcome ? ` ${runState.outcome}; only its result was lost.` : '';
  return finish(EXIT.failure, `Could not write the result to standard output (${lost.code ?? lost.message}).${done} Run again with stdout going somewhere writable.`);
}

onStopSignals((code, message) => finish(code, message));

main(process.argv.slice(2)).then(
  (code) => finishRun(code),
  (error: unknown) => {
    const { text, exitCode } = describeError(error);
    return finishRun(exitCode, text, error);
  },
);
