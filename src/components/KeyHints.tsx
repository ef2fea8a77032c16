/** The dim line of keys under every screen, so nobody has to guess. */
import { Text } from 'ink';

/** e.g. hints={['Enter continue', 'Esc back']}. */
export function KeyHints({ hints }: { hints: readonly (string | false | undefined)[] }) {
  return <Text dimColor>{hints.filter(Boolean).join(' · ')}</Text>;
}
