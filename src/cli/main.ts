/**
 * The entry point and the one exit point: parse, pick the face (wizard or headless), print any
 * error as one line, exit with its code. Everything heavy is imported only on the branch that needs it;
 * `--version` and `--help` given alone never come here (bin.ts answers them).
 */
import { asksDetailedExitcode, helpText, parseArgs } from './args.js';
import { helpTopicOf, topicHelp } from './help-topics.js';
import { generateIam } from '../headless/generate-iam.js';
import { profileRegion } from '../aws/profiles.js';
import { describeError, detailedErrorCode, EXIT, Interrupted } from '../core/errors.js';
import { exitCodeAfter, leaving, onInterrupt, onStopSignals } from './signals.js';
import { stopHow } from '../service/table-states.js';
import { wantsHeadless } from '../service/options.js';
import { guardStreams, lostResult, stderr, stdout, stdoutFailure } from './output.js';
import { owedDocument, runReport, runState, stoppedSentence } from './run-state.js';
import { setInvocation } from '../core/shell.js';
import { redact } from '../core/text.js';
import { debugEnabled } from '../aws/call-log.js';
import { chooseInvocation, processFacts } from './invocation.js';
import { oneLine } from '../core/text.js';

guardStreams();
// The commands the run prints start the way this build is started from here; found only when one is printed.
setInvocation(() => chooseInvocation(processFacts()));

// Before anything else loads: the SDK's multi-line Node-version warning must not reach the screen,
// and chalk (inside Ink) ignores NO_COLOR unless it is mapped to FORCE_COLOR=0.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';

/** The run's controller: aborted by the first SIGINT, SIGTERM or SIGHUP (signals.ts), so the run stops and says what exists. */
const controller = new AbortController();
/** What the faces tell the exit point about their run. */
const progress = { ...runReport, leaving: (sentence: string | undefined) => void (leaving.sentence = sentence) };

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'completion' || argv[0] === '__complete') {
    const { completion, complete } = await import('./completion.js');
    await (argv[0] === 'completion' ? completion : complete)(argv.slice(1), (text) => stdout.write(text));
    return EXIT.ok;
  }
  if (argv[0] === 'help') {
    const topic = helpTopicOf(argv.slice(1));
    stdout.write(topic ? topicHelp(topic) : helpText(__VERSION__));
    return EXIT.ok;
  }
  let options = parseArgs(argv);
  // --debug is DEBUG=1: the call log (src/aws/call-log.ts) and the stacks below read the environment.
  if (options.debug && !debugEnabled(process.env)) {
    process.env.DEBUG = '1';
    process.setSourceMapsEnabled(true);
  }
  if (options.help) {
    stdout.write(options.helpTopic ? topicHelp(options.helpTopic) : helpText(__VERSION__));
    return EXIT.ok;
  }
  // The variable is for scripts and CI systems that run in a pseudo-terminal.
  if (['1', 'true'].includes(process.env.SENTINEL_INIT_NO_INPUT ?? '')) options = { ...options, noInput: true };
  if (options.version) {
    stdout.write(`${__VERSION__}\n`);
    return EXIT.ok;
  }
  // Usually answered by the offline face (offline.ts) before this loads; here when it handed the run on.
  if (options.generateIam) return generateIam(options, { stdout, stderr, env: process.env }, profileRegion);
  // Decided before anything renders: Ink in a pipe writes cursor escapes and needs raw mode.
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY) && !wantsHeadless(options);
  // Raw mode now, before the wizard's code loads: keys typed meanwhile wait in stdin for the wizard
  // (which queues them for the screen they were typed for) instead of being echoed by the terminal.
  if (interactive) process.stdin.setRawMode(true);
  let stopListening = onInterrupt(controller, { write: (text) => stderr.write(text), exit: (code, message) => stopNow(code, message) });
  let demo: { stop(): Promise<void> } | undefined;
  try {
    if (options.local) {
      const { startDemo } = await import('../local/demo.js');
      const started = await startDemo(options, { say: (line) => stderr.write(`${line}\n`) });
      demo = started;
      options = started.options;
      if (controller.signal.aborted) throw new Interrupted(stoppedSentence(stopHow(controller.signal)));
    }
    if (options.command === 'doctor') {
      const { doctorHeadless } = await import('../headless/doctor.js');
      return await doctorHeadless(options, { stdout, stderr, env: process.env, signal: controller.signal });
    }
    if (interactive) {
      // The wizard reads Ctrl-C as a key and handles it itself.
      stopListening();
      stopListening = () => {};
      const { runWizard } = await import('../wizard/run.js');
      return await runWizard(options, { stdout, progress, signal: controller.signal });
    }
    const { runHeadless } = await import('../headless/run.js');
    return await runHeadless(options, { stdout, stderr, env: process.env, signal: controller.signal, progress });
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
  if (error !== undefined && debugEnabled(process.env)) {
    let cause: unknown = error;
    while (cause instanceof Error) {
      // Redacted: a credential_process command line or a key can sit in a message.
      stderr.write(`${redact(cause.stack ?? cause.message)}\n`);
      cause = cause.cause;
    }
  }
  process.exit(code);
}

/** A run ended from outside at once (a signal): the --json document it owes stdout first, then the sentence. */
function stopNow(code: number, message: string): never {
  const document = owedDocument();
  if (document) stdout.write(document);
  return finish(code, message);
}

/** A run that finished, unless its result could not be written: then exit 1 and say what was done. */
async function finishRun(ended: number, message?: string, error?: unknown): Promise<never> {
  // A run that stopped on SIGTERM or SIGHUP ends with that signal's code, not Ctrl-C's.
  const code = exitCodeAfter(controller.signal, ended);
  const lost = await stdoutFailure();
  if (!lost || code !== EXIT.ok) return finish(code, message, error);
  const done = runState.outcome ? ` ${runState.outcome}; only its result was lost.` : '';
  return finish(EXIT.failure, lostResult(lost, done));
}

onStopSignals(controller, { write: (text) => stderr.write(text), exit: (code, message) => stopNow(code, message) });

const argv = process.argv.slice(2);
main(argv).then(
  (code) => finishRun(code),
  (error: unknown) => {
    const { text, exitCode } = describeError(error);
    return finishRun(asksDetailedExitcode(argv) ? detailedErrorCode(exitCode) : exitCode, text, error);
  },
);
