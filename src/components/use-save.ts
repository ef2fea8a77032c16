/**
 * A key that saves a file and says where (`s` for the IAM policy, `t`/`c` for the code): one save at
 * a time, and the outcome as one line for the screen, "✓ Saved … to PATH" or "✗ Could not save: why".
 */
import { useState } from 'react';

export interface Saver {
  /** The last outcome, or undefined before any save. */
  line?: string;
  busy: boolean;
  /** Starts `save` unless one is running; `what` names the file in the line ("Terraform"). */
  run(what: string, save: () => Promise<string>): void;
}

export function useSaver(initial?: string): Saver {
  const [line, setLine] = useState<string | undefined>(initial);
  const [busy, setBusy] = useState(false);
  return {
    line,
    busy,
    run(what, save) {
      if (busy) return;
      setBusy(true);
      save().then(
        (path) => setLine(`✓ Saved ${what} to ${path}`),
        (e: unknown) => setLine(`✗ Could not save ${what}: ${e instanceof Error ? e.message : String(e)}`),
      ).finally(() => setBusy(false));
    },
  };
}

/** The line in green or red, or a blank line (the screen keeps its height). */
export const saverTone = (line?: string) => (line?.startsWith('✓') ? 'green' : 'red');
