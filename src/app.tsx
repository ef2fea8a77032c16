/**
 * The wizard's root: holds the step state (src/wizard/steps.ts), draws one screen per step, owns
 * Ctrl-C (render runs with exitOnCtrlC false) and the apply call, and reports the exit code.
 * Services come in as a prop: tests pass fakes, src/wizard/run.tsx the real modules.
 */
import { Box, useApp } from 'ink';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { sharedFilesText } from './aws/shared-files.js';
import { headlessCommand } from './service/command-line.js';
import { Header } from './components/Header.js';
import { KeysProvider } from './components/use-keys.js';
import { useTerminalSize, type TerminalSize } from './components/use-terminal-size.js';
import { KINDS } from './core/kinds.js';
import type { Options } from './service/options.js';
import { reduceProgress, type ProgressRow } from './screens/progress-model.js';
import { exitCodeOf, initialState, transition } from './wizard/steps.js';
import type { WizardServices } from './wizard/services.js';
import { StepView } from './wizard/StepView.js';

export interface AppProps {
  options: Options;
  services: WizardServices;
  /**
   * Called once with the exit code just before the app unmounts, and the lines to print after it:
   * the headless command line, printed as plain text so the terminal wraps it softly and it
   * copies whole (Ink would break it into lines at the terminal width).
   */
  onExit(code: number, after?: string): void;
  /** Aborted by run.tsx on SIGINT from outside (raw mode turns the key into input instead). */
  interrupt?: AbortSignal;
  /** Fixed size for tests; else the terminal's. */
  size?: TerminalSize;
  env?: NodeJS.ProcessEnv;
}

/** The wizard. */
export function App({ options, services, onExit, interrupt, size, env = process.env }: AppProps) {
  const { exit } = useApp();
  const [state, dispatch] = useReducer(transition, options, initialState);
  const [rows, setRows] = useState<ProgressRow[]>([]);
  const applyAbort = useRef<AbortController | undefined>(undefined);
  const terminal = useTerminalSize(size);

  const onInterrupt = useCallback(() => {
    applyAbort.current?.abort();
    dispatch({ type: 'interrupt' });
  }, []);

  useEffect(() => {
    if (!interrupt) return;
    if (interrupt.aborted) onInterrupt();
    interrupt.addEventListener('abort', onInterrupt);
    return () => interrupt.removeEventListener('abort', onInterrupt);
  }, [interrupt, onInterrupt]);

  // Apply runs here, not in its screen, so Ctrl-C can abort it and the end screen keep its rows.
  const { step, checked } = state;
  useEffect(() => {
    if (step.name !== 'apply' || !checked) return;
    const controller = new AbortController();
    applyAbort.current = controller;
    setRows([]);
    services.apply(checked, (event) => setRows((r) => reduceProgress(r, event, Date.now())), controller.signal).then(
      (result) => !controller.signal.aborted && dispatch({ type: 'applied', result }),
      (error: unknown) => !controller.signal.aborted && dispatch({ type: 'apply-failed', message: services.describeError(error) }),
    );
  }, [step.name, checked, services]);

  const { answers } = state;
  const kind = KINDS[answers.kind];
  const table = answers.table ?? kind.defaultTable;
  const command = headlessCommand({
    kind: answers.kind,
    table,
    region: answers.region ?? '?',
    profile: answers.profile,
    mfa: checked?.mfaAsked,
    endpointUrl: options.endpointUrl,
    deletionProtection: options.deletionProtection,
    pitr: options.pitr,
    tags: answers.tags,
    kmsKey: options.kmsKey,
    local: options.local,
  });
  // Exit from an effect, after the final frame has committed (exiting in a handler loses it).
  const code = exitCodeOf(step);
  const after = step.name === 'done' ? `    ${command}` : (step.name === 'interrupted' && step.during === 'apply') || step.name === 'apply-failed' ? `  ${command}` : undefined;
  useEffect(() => {
    if (code === undefined) return;
    onExit(code, after);
    exit();
  }, [code, after, onExit, exit]);

  const files = sharedFilesText(env);
  const finished = code !== undefined;
  // Header (1 line, 2 in demo mode) and its margin, plus two spare rows: a live area as tall as the
  // terminal makes Ink clear the scrollback on every frame.
  const height = Math.max(terminal.rows - (options.local ? 2 : 1) - 1 - 2, 6);
  return (
    <KeysProvider onCtrlC={onInterrupt}>
      <Box flexDirection="column" width={terminal.columns}>
        {finished ? null : <Header state={state} local={options.local} endpointUrl={options.endpointUrl} />}
        <StepView
          state={state}
          dispatch={dispatch}
          options={options}
          services={services}
          env={env}
          files={files}
          rows={rows}
          height={height}
        />
      </Box>
    </KeysProvider>
  );
}
