/** Durations as people write and read them: `--timeout 45m`, "1 min 5 s". One rule for both faces. */

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 };

/** Whole-number parts with their units; spaces anywhere between them ("1h30m", "1h 30m", "5 m"). */
function durationMs(text: string): number | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!/^(\d+[smh])+$/.test(compact)) return undefined;
  return [...compact.matchAll(/(\d+)([smh])/g)].reduce((sum, p) => sum + Number(p[1]) * (UNITS[p[2] as string] ?? 0), 0);
}

/** "90s", "30m", "1h", "1h30m" → milliseconds; undefined when it is not such a duration (or is zero). */
export function parseDuration(text: string): number | undefined {
  const ms = durationMs(text);
  return ms !== undefined && ms > 0 ? ms : undefined;
}

const SUCH = 'give a duration such as 90s, 45m, 1h or 1h30m';

/** A sentence for a bad --timeout, or undefined when it parses. */
export function validateDuration(text: string): string | undefined {
  if (parseDuration(text) !== undefined) return undefined;
  const trimmed = text.trim();
  if (trimmed.startsWith('-') && durationMs(trimmed.slice(1)) !== undefined) return `--timeout "${text}" is negative: ${SUCH}.`;
  if (durationMs(trimmed) === 0) return `--timeout "${text}" is zero: ${SUCH}.`;
  return `--timeout "${text}" is not a duration such as 90s, 45m, 1h or 1h30m.`;
}

/** Whole units for a person: "45 s", "1 min 5 s", "1 h 30 min". Seconds with one decimal under 10 s. */
export function formatDuration(ms: number): string {
  const total = Math.max(ms, 0);
  if (total < 10_000) return `${(total / 1000).toFixed(1)} s`;
  const seconds = Math.round(total / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return s > 0 ? `${m} min ${s} s` : `${m} min`;
  return `${s} s`;
}

/** Sleeps, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortReason(signal?: AbortSignal): unknown {
  return signal?.reason ?? new DOMException('This operation was aborted', 'AbortError');
}
