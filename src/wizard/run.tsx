/**
 * Entry of the interactive face, imported lazily by cli.ts only when stdin and stdout are terminals:
 * renders <App> with Ctrl-C handled by the app itself and resolves with the exit code.
 */
import { render } from 'ink';
import { App } from '../app.js';
import type { RunReport } from '../service/run-report.js';
import type { Options } from '../service/options.js';
import { realServices } from './real-services.js';

/** Where the wizard's last words go, and whom it tells about its changes (the exit point). */
export interface WizardIo {
  stdout: { write(text: string): void };
  progress?: RunReport;
}

/** Runs the wizard to its end; the caller exits with the returned code. */
export async function runWizard(options: Options, io: WizardIo): Promise<number> {
  let code = 1;
  let after: string | undefined;
  // In raw mode Ctrl-C arrives as input; a SIGINT from elsewhere (kill -INT) still means "stop".
  const interrupt = new AbortController();
  const onSigint = () => interrupt.abort();
  process.on('SIGINT', onSigint);
  try {
    const app = render(<App options={options} services={realServices(process.env, io.progress)} onExit={(c, a) => ((code = c), (after = a))} interrupt={interrupt.signal} />, {
      exitOnCtrlC: false,
    });
    await app.waitUntilExit();
    // Plain text after the last frame: the terminal wraps it softly, so it copies as one line.
    if (after) io.stdout.write(`${after}\n`);
  } finally {
    process.off('SIGINT', onSigint);
  }
  return code;
}
