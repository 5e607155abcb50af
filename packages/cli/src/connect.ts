import { KisClient } from '@kisfo/client';
import type { ConnectionConfig } from './config.js';

/** A {@link KisClient} for resolved connection settings (they carry the SDK's option names). */
export function clientFor(config: ConnectionConfig): KisClient {
  const { sources: _sources, ...options } = config;
  return new KisClient(options);
}
