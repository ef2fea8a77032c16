/**
 * Key handling that never loses or misroutes a key. Ink's useInput subscribes in a passive effect,
 * some time after the frame that shows a screen: keys typed in between (or while a screen shows
 * "Loading regions…" and listens to nothing) went nowhere, and keys that arrived in one read with an
 * Enter reached the screen that Enter was leaving. Here one Ink listener, mounted once by
 * <KeysProvider>, queues every key, and hands them out one at a time: to the handlers registered
 * (in layout effects, live from the commit that shows their screen), and the next key only after
 * the screen has re-rendered for the last one, so a key typed ahead lands on the screen it was
 * typed for. Several keys in one read are split apart first (key-chunks.ts). Ctrl-C is never queued.
 */
import { useInput, type Key } from 'ink';
import { joinable, joinText, splitKeys } from './key-chunks.js';
import { createContext, useContext, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

type Handler = (input: string, key: Key) => void;
type Slot = { current: Handler };

interface Keys {
  register(slot: Slot): () => void;
  /** A component that takes keys has committed a render: the next queued key may go. */
  committed(): void;
}

const KeysContext = createContext<Keys | undefined>(undefined);

/** How long a key waits for a re-render before the next one goes anyway (a key that changed nothing). */
const SETTLE_MS = 100;

/** Text this long waiting in the queue is a paste (no one types it between two renders). */
const PASTE = 64;

/** Owns the one Ink input listener for everything below it; `onCtrlC` runs at once, whatever is queued. */
export function KeysProvider({ children, onCtrlC }: { children: ReactNode; onCtrlC?: () => void }) {
  const [keys] = useState(() => {
    const handlers = new Set<Slot>();
    const queue: [string, Key][] = [];
    let waiting = false;
    let timer: NodeJS.Timeout | undefined;
    const release = () => {
      waiting = false;
      clearTimeout(timer);
      pump();
    };
    const pump = () => {
      while (!waiting && handlers.size > 0 && queue.length > 0) {
        const [input, key] = queue.shift() as [string, Key];
        waiting = true;
        timer = setTimeout(release, SETTLE_MS);
        // A copy: a handler's update may mount or unmount others before the loop ends.
        for (const slot of [...handlers]) slot.current(input, key);
      }
    };
    return {
      push(input: string, key: Key) {
        // A paste comes in many reads: text that arrives while a long text still waits joins it, up to
        // MAX_TEXT, so the queue stays short and the rest of a huge paste is dropped here, not edited
        // key by key. Short keys (`y`, `t`) typed ahead stay apart: screens read them as commands.
        const last = queue.at(-1);
        if (last && last[0].length >= PASTE && joinable(last) && joinable([input, key])) last[0] = joinText(last[0], input);
        else queue.push([input, key]);
        pump();
      },
      clear() {
        queue.length = 0;
      },
      register(slot: Slot) {
        handlers.add(slot);
        pump();
        return () => void handlers.delete(slot);
      },
      committed: release,
    };
  });
  const ctrlC = useRef(onCtrlC);
  ctrlC.current = onCtrlC;
  useInput((chunk, chunkKey) => {
    for (const [input, key] of splitKeys(chunk, chunkKey)) {
      if (key.ctrl && input === 'c') {
        keys.clear();
        return ctrlC.current?.();
      }
      keys.push(input, key);
    }
  });
  return <KeysContext.Provider value={keys}>{children}</KeysContext.Provider>;
}

/** Ink's useInput, live from the commit that shows the component (falls back to Ink's without a provider). */
export function useKeys(handler: Handler, options: { isActive?: boolean } = {}): void {
  const keys = useContext(KeysContext);
  const active = options.isActive !== false;
  const latest = useRef(handler);
  // Registered before the commit is announced: a key released by this commit finds this handler.
  useLayoutEffect(() => {
    if (!keys || !active) return;
    return keys.register(latest);
  }, [keys, active]);
  useLayoutEffect(() => {
    latest.current = handler;
    keys?.committed();
  });
  // A component rendered on its own (screen tests) has no provider: Ink's hook does the job.
  useInput((input, key) => latest.current(input, key), { isActive: !keys && active });
}
