/**
 * Endings other than success (declined, interrupted, apply failed) draw nothing of their own: the
 * run's transcript, printed after the last frame (src/wizard/transcript.ts), says what happened,
 * what exists, and the command that finishes it.
 */
export function EndScreen() {
  return null;
}
