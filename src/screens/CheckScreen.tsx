/**
 * Step 5: verify the credentials (who you are) and describe the real table into a plan, with a
 * spinner; asks for an MFA code (masked) when the profile's role needs one.
 */
import { Box, Text } from 'ink';
import { Spinner } from '../components/Spinner.js';
import { useEffect, useRef, useState } from 'react';
import type { MfaCodeProvider } from '../aws/types.js';
import { KeyHints } from '../components/KeyHints.js';
import { LineInput } from '../components/LineInput.js';
import { useKeys } from '../components/use-keys.js';
import { formatDuration } from '../core/duration.js';
import { validateMfaCode } from '../core/validate.js';
import type { Checked } from '../wizard/services.js';

export interface CheckScreenProps {
  /** What is being checked, e.g. "profile dev, table sentinel-sessions in eu-west-1". */
  what: string;
  run(mfa: MfaCodeProvider, signal: AbortSignal): Promise<Checked>;
  describeError(error: unknown): string;
  onChecked(checked: Checked): void;
  onFailed(message: string): void;
  onBack?(): void;
}

interface MfaRequest {
  serial: string;
  resolve(code: string): void;
}

/** Runs the check once on mount; leaving the screen (Esc, Ctrl-C) aborts it. */
export function CheckScreen({ what, run, describeError, onChecked, onFailed, onBack }: CheckScreenProps) {
  const [mfa, setMfa] = useState<MfaRequest>();
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string>();
  const callbacks = useRef({ onChecked, onFailed, describeError });
  callbacks.current = { onChecked, onFailed, describeError };

  useEffect(() => {
    const controller = new AbortController();
    const provider: MfaCodeProvider = (serial) => new Promise((resolve) => setMfa({ serial, resolve }));
    run(provider, controller.signal).then(
      (checked) => !controller.signal.aborted && callbacks.current.onChecked(checked),
      (error: unknown) => !controller.signal.aborted && callbacks.current.onFailed(callbacks.current.describeError(error)),
    );
    return () => controller.abort();
  }, [run]);

  if (mfa) {
    const submit = (value: string) => {
      const bad = validateMfaCode(value);
      if (bad) return setProblem(bad);
      setMfa(undefined);
      setCode('');
      setProblem(undefined);
      mfa.resolve(value);
    };
    return (
      <Box flexDirection="column">
        <Text bold>MFA code for {mfa.serial}</Text>
        <Text>
          <Text color="cyan">{'› '}</Text>
          <LineInput value={code} onChange={setCode} onSubmit={submit} onEscape={onBack} mask />
        </Text>
        {problem ? <Text color="red">✗ {problem}</Text> : null}
        <KeyHints hints={['Enter send', onBack && 'Esc back']} />
      </Box>
    );
  }
  return <Checking what={what} onBack={onBack} />;
}

/** The wait itself: spinner, elapsed time, and Esc back (leaving the screen aborts the check). */
function Checking({ what, onBack }: { what: string; onBack?: () => void }) {
  const [started] = useState(Date.now);
  const [now, setNow] = useState(started);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  useKeys((_input, key) => {
    if (key.escape) onBack?.();
  });
  return (
    <Box flexDirection="column">
      <Text>
        <Text color="cyan">
          <Spinner />
        </Text>{' '}
        Checking credentials and reading the table ({what})… <Text dimColor>{formatDuration(now - started)}</Text>
      </Text>
      <KeyHints hints={[onBack && 'Esc back', 'Ctrl-C quit']} />
    </Box>
  );
}
