/**
 * Key handling that follows the screen on show. Ink's useInput subscribes in a passive effect, which
 * React (Ink renders a legacy root) runs in a later task than the commit that drew the frame: a key
 * read in between went to the screen just replaced (a second Enter on "check failed" went back one
 * step too far) or to nobody. Here one Ink listener, mounted once by <KeysProvider>, hands each key to
 * handlers registered in layout effects, which run in the same task as the commit.
 */
import { useInput, type Key } from 'ink';
import { createContext, useContext, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

type Handler = (input: string, key: Key) => void;
type Registry = Set<{ current: Handler }>;

const KeysContext = createContext<Registry | undefined>(undefined);

/** Owns the one Ink input listener for everything below it. */
export function KeysProvider({ children }: { children: ReactNode }) {
  const [registry] = useState<Registry>(() => new Set());
  useInput((input, key) => {
    // A copy: a handler's update may mount or unmount others before the loop ends.
    for (const handler of [...registry]) handler.current(input, key);
  });
  return <KeysContext.Provider value={registry}>{children}</KeysContext.Provider>;
}

/** Ink's useInput, live from the commit that shows the component (falls back to Ink's without a provider). */
export function useKeys(handler: Handler, options: { isActive?: boolean } = {}): void {
  const registry = useContext(KeysContext);
  const active = options.isActive !== false;
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  useLayoutEffect(() => {
    if (!registry || !active) return;
    registry.add(latest);
    return () => {
      registry.delete(latest);
    };
  }, [registry, active]);
  // A component rendered on its own (screen tests) has no provider: Ink's hook does the job.
  useInput((input, key) => latest.current(input, key), { isActive: !registry && active });
}
