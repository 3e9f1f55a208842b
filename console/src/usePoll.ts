import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiFailure } from './api';

/** Reads `load` now and every `everyMs`, while the screen is shown; the last error, if the last read failed. */
export function usePoll<T>(load: () => Promise<T>, everyMs: number, deps: unknown[]) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiFailure | Error | undefined>(undefined);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      try {
        const value = await loadRef.current();
        if (!live) return;
        setData(value);
        setError(undefined);
      } catch (err) {
        if (live) setError(err as Error);
      }
      if (live) timer = setTimeout(() => void run(), everyMs);
    };
    void run();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [...deps, tick, everyMs]);
  return { data, error, refresh: () => setTick((t) => t + 1) };
}
