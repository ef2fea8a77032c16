/**
 * Entry of the interactive face, imported lazily by cli.ts only when stdin and stdout are terminals:
 * renders <App> with Ctrl-C handled by the app itself and resolves with the exit code.
 */
import { render } from 'ink';
import { enterAlternateScreen } from '../components/alternate-screen.js';
import { App } from '../app.js';
import type { RunReport } from '../service/run-report.js';
import type { Options } from '../service/options.js';
import { realServices } from './real-services.js';

/** Where the wizard's last words go, and whom it tells about its changes (the exit point). */
export interface WizardIo {
  stdout: { write(text: string): void };
  progress?: RunReport;
  /** Aborted by SIGTERM or SIGHUP (src/cli/signals.ts): the wizard stops as on Ctrl-C. */
  signal?: AbortSignal;
}

/** Runs the wizard to its end; the caller exits with the returned code. */
export async function runWizard(options: Options, io: WizardIo): Promise<number> {
  let code = 1;
  let after: string | undefined;
  // In raw mode Ctrl-C arrives as input; a SIGINT from elsewhere (kill -INT) still means "stop".
  const interrupt = new AbortController();
  const onSigint = () => interrupt.abort();
  process.on('SIGINT', onSigint);
  io.signal?.addEventListener('abort', onSigint, { once: true });
  const leaveScreen = enterAlternateScreen(process.stdout);
  try {
    const app = render(<App options={options} services={realServices(options, process.env, io.progress)} onExit={(c, a) => ((code = c), (after = a))} interrupt={interrupt.signal} />, {
      exitOnCtrlC: false,
    });
    await app.waitUntilExit();
    leaveScreen();
    // Plain text on the normal screen: the terminal wraps it softly, so it copies as one line.
    if (after) io.stdout.write(`${after}\n`);
  } finally {
    leaveScreen();
    process.off('SIGINT', onSigint);
    io.signal?.removeEventListener('abort', onSigint);
  }
  return code;
}

// One chunk for main's modules (src/cli/program-modules.ts).
export { programModules } from '../cli/program-modules.js';
