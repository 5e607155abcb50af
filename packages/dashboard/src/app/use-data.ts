import { useEffect, useState } from 'preact/hooks';
import type { DashboardApi } from './api.js';

/** GET `path` now and again whenever `revision` (the last ledger change) moves. */
export function useData<T>(api: DashboardApi, path: string, revision: string) {
  const [state, setState] = useState<{ data?: T; error?: string; path?: string }>({});
  useEffect(() => {
    let live = true;
    api.get<T>(path).then(
      (data) => {
        if (live) setState({ data, path });
      },
      (e: Error) => {
        if (live) setState((s) => ({ ...s, error: e.message }));
      },
    );
    return () => {
      live = false;
    };
  }, [api, path, revision]);
  return state;
}

/** Mark the moment a view first shows its data (the benchmark reads it). */
export function markReady(view: string): void {
  if (performance.getEntriesByName(`kisfo:${view}:ready`).length === 0)
    performance.mark(`kisfo:${view}:ready`);
}
