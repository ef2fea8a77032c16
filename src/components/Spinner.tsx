/**
 * The "dots" spinner, as ink-spinner draws it by default (same frames, 80 ms each). Ours because
 * ink-spinner imports cli-spinners' whole table (31 KB of 80-odd spinners) into the wizard's first
 * chunk, which Node 20 compiles before the first screen, for the one spinner used.
 */
import { Text } from 'ink';
import { useEffect, useState } from 'react';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const INTERVAL_MS = 80;

/** A spinner that turns while it is mounted. */
export function Spinner() {
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setFrame((f) => (f + 1) % FRAMES.length), INTERVAL_MS);
    return () => clearInterval(timer);
  }, []);
  return <Text>{FRAMES[frame]}</Text>;
}
