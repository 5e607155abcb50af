import { useEffect, useState } from 'preact/hooks';
import type { DashboardApi } from './api.js';

/**
 * GET `path` now and again whenever `revision` (the last ledger change) moves; not before
 * `enabled` (so a large answer can wait until a small first one has painted).
 */
export function useData<T>(api: DashboardApi, path: string, revision: string, enabled = true) {
  const [state, setState] = useState<{ data?: T; error?: string; path?: string }>({});
  useEffect(() => {
    if (!enabled) return;
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
  }, [api, path, revision, enabled]);
  return state;
}

/** Mark the moment a view first shows its data (the benchmark reads it). */
export function markReady(view: string): void {
  if (performance.getEntriesByName(`kisfo:${view}:ready`).length === 0)
    performance.mark(`kisfo:${view}:ready`);
}
