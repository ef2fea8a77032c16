/**
 * The wizard's root: holds the step state (src/wizard/steps.ts), draws one screen per step, owns
 * Ctrl-C (render runs with exitOnCtrlC false), the apply and verify calls, and reports the exit code
 * with the run's transcript. Services come in as a prop: tests pass fakes, src/wizard/run.tsx the
 * real modules.
 */
import { Box, useApp } from 'ink';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { sharedFilesText } from './aws/shared-files.js';
import { Header } from './screens/Header.js';
import { KeysProvider } from './components/use-keys.js';
import { useTerminalSize, type TerminalSize } from './components/use-terminal-size.js';
import type { Options } from './service/options.js';
import { reduceProgress, type ProgressRow } from './screens/progress-model.js';
import type { TableState } from './service/table-states.js';
import { checkLine } from './verify/format.js';
import type { CheckResult } from './verify/types.js';
import { exitCodeOf, initialState, transition } from './wizard/steps.js';
import type { WizardServices } from './wizard/services.js';
import { StepView } from './wizard/StepView.js';
import { transcript } from './wizard/transcript.js';
import { commandFor } from './wizard/view-model.js';

export interface AppProps {
  options: Options;
  services: WizardServices;
  /**
   * Called once with the exit code just before the app unmounts, and the run's transcript: printed as
   * plain text after the last frame, so the scrollback keeps it whatever the screens did, and long
   * lines (the headless command) wrap softly and copy whole.
   */
  onExit(code: number, transcript: string): void;
  /** Aborted by run.tsx on SIGINT from outside (raw mode turns the key into input instead). */
  interrupt?: AbortSignal;
  /** Fixed size for tests; else the terminal's. */
  size?: TerminalSize;
  env?: NodeJS.ProcessEnv;
}

/**
 * The widest the wizard draws. Every screen fits 80 columns (long lines fold); a wider terminal
 * shows an ARN or a next-step line whole, up to this. Resizing leaves no ghost frames at any width:
 * the frames are on the alternate screen (src/components/alternate-screen.ts).
 */
const MAX_WIDTH = 120;

/** The wizard. */
export function App({ options, services, onExit, interrupt, size, env = process.env }: AppProps) {
  const { exit } = useApp();
  const [state, dispatch] = useReducer(transition, options, initialState);
  const [rows, setRows] = useState<ProgressRow[]>([]);
  const [tables, setTables] = useState<readonly TableState[]>([]);
  const [verifyLines, setVerifyLines] = useState<string[]>([]);
  const running = useRef<AbortController | undefined>(undefined);
  // What a verify in flight would leave if the run ended this instant (its probe items), for a second Ctrl-C.
  const leaving = useRef<string | undefined>(undefined);
  const terminal = useTerminalSize(size);

  const onInterrupt = useCallback(() => {
    running.current?.abort();
    dispatch({ type: 'interrupt', leaving: leaving.current });
  }, []);

  useEffect(() => {
    if (!interrupt) return;
    if (interrupt.aborted) onInterrupt();
    interrupt.addEventListener('abort', onInterrupt);
    return () => interrupt.removeEventListener('abort', onInterrupt);
  }, [interrupt, onInterrupt]);

  // Apply and verify run here, not in their screens, so Ctrl-C can abort them and the end keep their rows.
  const { step, checked } = state;
  useEffect(() => {
    if (step.name !== 'apply' || !checked) return;
    const controller = new AbortController();
    running.current = controller;
    setRows([]);
    services.apply(checked, (event) => setRows((r) => reduceProgress(r, event, Date.now())), controller.signal, setTables).then(
      (results) => !controller.signal.aborted && dispatch({ type: 'applied', results }),
      (error: unknown) => !controller.signal.aborted && dispatch({ type: 'apply-failed', message: services.describeError(error) }),
    );
  }, [step.name, checked, services]);

  const verifying = state.verify?.running === true;
  useEffect(() => {
    if (!verifying || !checked) return;
    const controller = new AbortController();
    running.current = controller;
    setVerifyLines([]);
    const onLine = (table: string, r: CheckResult) => setVerifyLines((l) => [...l, `${checked.plans.length > 1 ? `${table}: ` : ''}${checkLine(r)}`]);
    // A stopped verify still settles, once its probe items are removed: its sentence says what became of them.
    services.verify(checked, onLine, controller.signal, (sentence) => (leaving.current = sentence)).then(
      (reports) => dispatch({ type: 'verify-done', reports }),
      (error: unknown) => dispatch({ type: controller.signal.aborted ? 'verify-stopped' : 'verify-failed', message: services.describeError(error) }),
    );
  }, [verifying, checked, services]);

  // Esc on the done screen stops a verify in flight without ending the run.
  const cancelled = state.verify?.cancelled === true;
  useEffect(() => {
    if (cancelled) running.current?.abort();
  }, [cancelled]);

  // Exit from an effect, after the final frame has committed (exiting in a handler loses it).
  const code = exitCodeOf(state);
  const ended = useRef(false);
  useEffect(() => {
    // Once: a progress event still arriving from an aborted apply must not end the run twice.
    if (code === undefined || ended.current) return;
    ended.current = true;
    onExit(code, transcript(state, options, commandFor(state, options), tables).join('\n'));
    exit();
  }, [code, state, options, onExit, exit, tables]);

  const files = sharedFilesText(env);
  const width = Math.min(terminal.columns, MAX_WIDTH);
  // Header (1 line, 2 in demo mode) and its margin, plus two spare rows: a live area as tall as the
  // terminal makes Ink clear the scrollback on every frame.
  const height = Math.max(terminal.rows - (options.local ? 2 : 1) - 1 - 2, 6);
  return (
    <KeysProvider onCtrlC={onInterrupt}>
      {/* The last frame is empty: the transcript printed after it is the record. */}
      {code !== undefined ? null : (
        <Box flexDirection="column" width={width}>
          <Header state={state} local={options.local} endpointUrl={options.endpointUrl} width={width} />
          <StepView
            state={state}
            dispatch={dispatch}
            options={options}
            services={services}
            env={env}
            files={files}
            rows={rows}
            verifyLines={verifyLines}
            height={height}
            width={width}
          />
        </Box>
      )}
    </KeysProvider>
  );
}
