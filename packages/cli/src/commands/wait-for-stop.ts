/** Resolve on SIGINT, SIGTERM or `signal` (long-running commands: serve, record). */
export function waitForStop(signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    signal.addEventListener('abort', stop, { once: true });
  });
}
